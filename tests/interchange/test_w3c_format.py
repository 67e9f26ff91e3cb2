"""The W3C Web Annotation mapping: what other tools send us is read the way DESIGN.md says, and bad files are named."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from annotator.domain.model import Anchor, Annotation, AnnotationKind, Judgment, Rect, TreatyRef
from annotator.interchange.w3c import (
    CONTEXT,
    InterchangeError,
    annotation_to_w3c,
    collection_to_w3c,
    parse_w3c,
)

FINGERPRINT = "ab" * 32
ID = "6f1c2a52-3c55-4d0e-9a51-2f8f8f5d0c11"


def _item(**changes: object) -> dict[str, object]:
    """A typical annotation as another W3C tool would write it."""
    item: dict[str, object] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{ID}",
        "type": "Annotation",
        "created": "2024-03-01T09:30:00+01:00",
        "modified": "2024-03-02T10:00:00Z",
        "creator": {"type": "Person", "name": "Fatima"},
        "body": [
            {"type": "TextualBody", "purpose": "assessing", "value": "serious-concern"},
            {"type": "TextualBody", "purpose": "tagging", "value": "Asiel en migratie"},
            {"type": "TextualBody", "purpose": "classifying", "value": "refugee_convention:33"},
            {"type": "TextualBody", "purpose": "classifying", "value": "Kinderrechtenverdrag art. 3"},
            {"type": "TextualBody", "purpose": "commenting", "value": "Strijdig met non-refoulement."},
        ],
        "target": {
            "source": f"urn:sha256:{FINGERPRINT.upper()}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "ruimte om mensen op te vangen", "prefix": "altijd ",
                 "suffix": " die op de vlucht"},
                {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778", "value": "page=44"},
            ],
        },
    }
    item.update(changes)
    return item


def test_a_typical_annotation_is_read_in_the_review_terms() -> None:
    (parsed,) = parse_w3c(_item())
    assert parsed.id == ID
    assert parsed.creator == "Fatima"
    assert parsed.judgment is Judgment.SERIOUS_CONCERN
    assert parsed.theme == "Asiel en migratie"
    assert parsed.references == (
        TreatyRef("refugee_convention", "33"),
        TreatyRef("", "", custom="Kinderrechtenverdrag art. 3"),
    )
    assert parsed.comment == "Strijdig met non-refoulement."
    assert parsed.source_fingerprint == FINGERPRINT
    assert (parsed.exact, parsed.prefix, parsed.suffix) == ("ruimte om mensen op te vangen", "altijd ",
                                                             " die op de vlucht")
    assert parsed.page == 43  # page=44 in the file counts from 1
    assert parsed.created == datetime(2024, 3, 1, 8, 30, tzinfo=timezone.utc)
    assert parsed.created.utcoffset() == timedelta(hours=1)
    assert parsed.modified == datetime(2024, 3, 2, 10, 0, tzinfo=timezone.utc)
    assert parsed.include_in_letter is True and parsed.area is None


def test_one_annotation_a_list_and_both_collection_forms_are_accepted() -> None:
    second = _item(id="urn:uuid:00000000-0000-4000-8000-000000000002")
    shapes = [
        [_item(), second],
        {"@context": CONTEXT, "type": "AnnotationCollection", "items": [_item(), second]},
        {"@context": CONTEXT, "type": "AnnotationCollection", "first": {"type": "AnnotationPage",
                                                                         "items": [_item(), second]}},
    ]
    for shape in shapes:
        assert [a.id for a in parse_w3c(shape)] == [ID, "00000000-0000-4000-8000-000000000002"]
    assert [a.id for a in parse_w3c(_item())] == [ID]


def test_lenient_forms_other_tools_write() -> None:
    (parsed,) = parse_w3c(
        _item(
            id="https://hypothes.is/a/abc123",
            created="2024-03-01T09:30:00",  # no zone: taken as UTC
            creator="acct:someone@example.org",
            body={"type": "TextualBody", "value": "Zie ook het advies van de Raad van State."},
        )
    )
    assert parsed.comment == "Zie ook het advies van de Raad van State."
    assert parsed.judgment is None and parsed.theme is None
    assert parsed.created == datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
    assert parsed.creator == "acct:someone@example.org"
    # A foreign id becomes the same uuid every time, so a second import of the file recognises it.
    assert parsed.id == parse_w3c(_item(id="https://hypothes.is/a/abc123"))[0].id
    tagged = parse_w3c(_item(body=[{"purpose": "tagging", "value": "Wonen"}, {"purpose": "tagging", "value": "Zorg"},
                                   {"purpose": "assessing", "value": "Serious concern"}]))[0]
    assert tagged.theme == "Wonen" and "Zorg" in tagged.comment  # a second tag is kept, not dropped
    assert tagged.judgment is Judgment.SERIOUS_CONCERN


def test_export_and_parse_lose_nothing() -> None:
    created = datetime(2024, 5, 1, 12, 0, 1, 123456, tzinfo=timezone.utc)
    text = Annotation(
        id=ID, document=FINGERPRINT, author="Jan", created=created, modified=created + timedelta(hours=2),
        anchor=Anchor(page=4, quads=(Rect(1, 2, 3, 4),), exact="een vast aanspreekpunt", prefix="ouders ",
                      suffix=" en gerichtere"),
        judgment=Judgment.NOTE, references=(TreatyRef("echr", "8"), TreatyRef.parse("eigen verwijzing")),
        comment="twee\nregels", sources=("https://example.org/advies", "Raad van State 2021"),
        include_in_letter=False,
    )
    area = Annotation(
        id="00000000-0000-4000-8000-000000000009", document=FINGERPRINT, author="Jan", kind=AnnotationKind.AREA,
        anchor=Anchor(page=2, quads=(Rect(72.5, 100.25, 300, 180.125),), exact=""), created=created,
        modified=created,
    )
    exported = collection_to_w3c([annotation_to_w3c(text, "Gezin"), annotation_to_w3c(area, None)])
    back_text, back_area = parse_w3c(json.loads(json.dumps(exported)))
    assert exported["items"][0]["id"] == f"urn:uuid:{ID}"  # type: ignore[index]
    assert back_text.id == ID and back_text.creator == "Jan"
    assert (back_text.created, back_text.modified) == (text.created, text.modified)
    assert back_text.judgment is Judgment.NOTE and back_text.theme == "Gezin"
    assert back_text.references == text.references and back_text.comment == text.comment
    assert back_text.sources == text.sources and back_text.include_in_letter is False
    assert (back_text.exact, back_text.prefix, back_text.suffix, back_text.page) == (
        "een vast aanspreekpunt", "ouders ", " en gerichtere", 4)
    assert back_area.page == 2 and back_area.exact == ""
    assert back_area.area is not None
    for got, want in zip((back_area.area.x0, back_area.area.y0, back_area.area.x1, back_area.area.y1),
                         (72.5, 100.25, 300, 180.125)):
        assert abs(got - want) < 0.01


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("just text", "The file holds a string"),
        ({"type": "Something"}, "neither an Annotation nor an AnnotationCollection"),
        ({"type": "AnnotationCollection", "items": {"a": 1}}, "items are an object, not a list"),
        ({"type": "AnnotationCollection", "first": "https://example.org/page1"}, "only pages written out"),
        ([_item(), 42], "item 2 is a number, not an annotation object"),
        ([_item(target={"source": "urn:sha256:" + FINGERPRINT, "selector": []})],
         f"item 1 (urn:uuid:{ID}): the target has no TextQuoteSelector"),
        ([_item(target=None)], "has no target"),
        ([_item(body=[{"purpose": "assessing", "value": "terrible"}])], "the judgment 'terrible' is not one of"),
        ([_item(created="last Tuesday")], "created 'last Tuesday' is not an ISO 8601 time"),
        ([_item(id="urn:uuid:not-a-uuid")], "'urn:uuid:not-a-uuid' is not a valid urn:uuid"),
        ([_item(), _item()], "item 2 (urn:uuid:" + ID + ") has the same id as item 1"),
        ([_item(target={"selector": [{"type": "TextQuoteSelector", "exact": "x"},
                                     {"type": "FragmentSelector", "value": "page=0"}]})], "numbered from 1"),
        ([_item(target={"selector": {"type": "TextQuoteSelector", "exact": "  "}})], "exact is empty"),
    ],
)
def test_structurally_wrong_files_name_the_item_and_the_problem(data: object, message: str) -> None:
    with pytest.raises(InterchangeError) as caught:
        parse_w3c(data)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
