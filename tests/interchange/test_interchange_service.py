"""Export and import on the real 2021 agreement and a real SQLite file, as a reviewer sharing a review would."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fitz
import pytest
from corpus import corpus_file

from annotator.domain.model import (
    Anchor,
    AnchorStatus,
    Annotation,
    AnnotationKind,
    Judgment,
    Rect,
    TreatyRef,
)
from annotator.interchange.csv_format import COLUMNS, CSV_ENCODING
from annotator.interchange.w3c import CONTEXT, InterchangeError
from annotator.pdf.anchoring import Anchorer
from annotator.pdf.document import file_fingerprint
from annotator.pdf.labels import page_labels
from annotator.pdf.selection import TextPosition, TextSelection, area_anchor, make_anchor
from annotator.pdf.textmodel import PageText, extract_page_text
from annotator.services.interchange import export_csv, export_w3c, import_w3c
from annotator.store.database import Database
from annotator.store.repository import Repository

T0 = datetime(2024, 1, 15, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def pdf() -> Path:
    return corpus_file("coalitieakkoord-2021-2025.pdf")


@pytest.fixture(scope="module")
def texts(pdf: Path) -> list[PageText]:
    with fitz.open(pdf) as doc:
        return [extract_page_text(page) for page in doc]


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.open(str(tmp_path / "review.sqlite"))
    yield database
    database.close()


def _fresh(tmp_path: Path, name: str) -> Database:
    return Database.open(str(tmp_path / name))


def _review(db: Database, pdf: Path, texts: list[PageText]) -> list[Annotation]:
    """A review with the kinds of highlight a reviewer makes, stored in ``db``."""
    repo = Repository(db)
    fingerprint = file_fingerprint(pdf)
    with fitz.open(pdf) as doc:
        repo.ensure_document(fingerprint, "Coalitieakkoord", doc.page_count, page_labels(doc), pdf.name)
    asylum = repo.add_theme("Asiel en migratie")
    family = repo.add_theme("Gezin")
    anchorer = Anchorer(texts)

    def placed(quote: str, **context: object) -> Anchor:
        anchor = anchorer.place(quote, **context).anchor  # type: ignore[arg-type]
        assert anchor is not None
        return anchor

    start = texts[4].text.index("een vast")
    window_made = make_anchor(
        TextSelection(TextPosition(4, start), TextPosition(5, len("aanspreekpunt en gerichtere"))),
        {4: texts[4], 5: texts[5]},
    )
    assert window_made is not None
    values = [
        dict(anchor=placed("In Nederland is er altijd ruimte om mensen op te vangen"), judgment=Judgment.WELCOME,
             theme_id=asylum.id, references=(TreatyRef("refugee_convention", "33"), TreatyRef.parse("EVRM art. 3")),
             comment="Goed.\nMaar let op de uitvoering.", sources=("https://example.org/advies",)),
        dict(anchor=placed("om ouders een vast aanspreekpunt en gerichtere ondersteuning te bieden"),
             judgment=Judgment.CONCERN, theme_id=family.id, include_in_letter=False),
        dict(anchor=window_made, judgment=Judgment.NOTE),
        dict(anchor=placed("We zetten in op", page_hint=30), judgment=Judgment.VIOLATION, theme_id=asylum.id),
        dict(anchor=area_anchor(texts[47], 47, Rect(60, 100, 500, 300)), kind=AnnotationKind.AREA,
             judgment=Judgment.SERIOUS_CONCERN),
        dict(anchor=Anchor(page=12, quads=(), exact="een zin uit een eerdere versie van het akkoord"),
             status=AnchorStatus.ORPHANED, comment="kwijt"),
    ]
    made = [
        Annotation(id=f"00000000-0000-4000-8000-00000000000{number}", document=fingerprint,
                   author=f"reviewer {number % 2}", created=T0 + timedelta(minutes=number),
                   modified=T0 + timedelta(hours=number), **fields)  # type: ignore[arg-type]
        for number, fields in enumerate(values, start=1)
    ]
    repo.bulk_add(made)
    gone = repo.add(made[0].changed(id="00000000-0000-4000-8000-0000000000ff"))
    repo.delete(gone.id, gone.revision)
    return repo.annotations(fingerprint)


def _same(a: Annotation, b: Annotation, themes_a: dict[str, str], themes_b: dict[str, str]) -> None:
    assert (a.id, a.author, a.created, a.modified) == (b.id, b.author, b.created, b.modified)
    assert (a.judgment, a.references, a.comment, a.sources) == (b.judgment, b.references, b.comment, b.sources)
    assert (a.kind, a.status, a.include_in_letter) == (b.kind, b.status, b.include_in_letter)
    assert themes_a.get(a.theme_id or "") == themes_b.get(b.theme_id or "")
    assert a.anchor is not None and b.anchor is not None
    assert (a.anchor.page, a.anchor.exact, a.anchor.quad_pages) == (b.anchor.page, b.anchor.exact, b.anchor.quad_pages)
    assert len(a.anchor.quads) == len(b.anchor.quads)
    for qa, qb in zip(a.anchor.quads, b.anchor.quads):
        for got, want in zip((qb.x0, qb.y0, qb.x1, qb.y1), (qa.x0, qa.y0, qa.x1, qa.y1)):
            assert abs(got - want) <= 0.5


def test_export_then_import_into_a_fresh_database_gives_the_same_review(
    db: Database, pdf: Path, texts: list[PageText], tmp_path: Path
) -> None:
    original = _review(db, pdf, texts)
    exported = json.loads(json.dumps(export_w3c(db, pdf)))
    assert exported["@context"] == CONTEXT and exported["type"] == "AnnotationCollection"
    assert len(exported["items"]) == len(original) == 6  # the deleted one stays home

    other = _fresh(tmp_path, "colleague.sqlite")
    try:
        report = import_w3c(other, pdf, exported, author_fallback="nobody")
        assert (report.anchored, report.ambiguous, report.orphaned) == (5, 0, 1)
        assert report.skipped_existing == 0 and report.other_source == 0
        # In the order the file names them: items are in reading order, and page 5 (Gezin) comes first.
        assert report.themes_created == ("Gezin", "Asiel en migratie")
        imported = Repository(other).annotations(file_fingerprint(pdf))
        themes_a = {t.id: t.title for t in Repository(db).themes()}
        themes_b = {t.id: t.title for t in Repository(other).themes()}
        assert [a.id for a in imported] == [a.id for a in original]
        for a, b in zip(original, imported):
            _same(a, b, themes_a, themes_b)
        # And out again: the colleague's export says the same as ours.
        again = export_w3c(other, pdf)
        assert again["items"] == exported["items"]
    finally:
        other.close()


def test_importing_the_same_file_twice_changes_nothing(db: Database, pdf: Path, texts: list[PageText],
                                                       tmp_path: Path) -> None:
    _review(db, pdf, texts)
    exported = export_w3c(db, file_fingerprint(pdf))
    other = _fresh(tmp_path, "twice.sqlite")
    try:
        repo = Repository(other)
        import_w3c(other, pdf, exported, author_fallback="x")
        before = (repo.annotations(file_fingerprint(pdf), include_deleted=True), repo.themes(),
                  repo.change_token(file_fingerprint(pdf)))
        report = import_w3c(other, pdf, exported, author_fallback="x")
        after = (repo.annotations(file_fingerprint(pdf), include_deleted=True), repo.themes(),
                 repo.change_token(file_fingerprint(pdf)))
        assert after == before
        assert report.skipped_existing == 6 and report.imported == 0 and report.themes_created == ()
    finally:
        other.close()


def _quote_item(number: int, quote: str, theme: str | None = None, **target: object) -> dict[str, object]:
    body = [{"type": "TextualBody", "purpose": "tagging", "value": theme}] if theme else []
    return {
        "id": f"urn:uuid:00000000-0000-4000-8000-{number:012d}",
        "type": "Annotation",
        "body": body,
        "target": {"selector": [{"type": "TextQuoteSelector", "exact": quote}], **target},
    }


def test_themes_are_created_in_the_order_the_file_first_names_them(db: Database, pdf: Path) -> None:
    repo = Repository(db)
    repo.add_theme("Asiel en migratie")
    data = {"@context": CONTEXT, "type": "AnnotationCollection", "items": [
        _quote_item(1, "aandacht voor emotioneel herstel", "Wonen"),
        _quote_item(2, "een niet-vrijblijvende bijdrage", "asiel  en MIGRATIE"),  # the existing theme
        _quote_item(3, "ruimte om mensen op te vangen", "Klimaat"),
        _quote_item(4, "om ouders een vast aanspreekpunt", "Wonen"),
    ]}
    report = import_w3c(db, pdf, data, author_fallback="Ans")
    assert report.themes_created == ("Wonen", "Klimaat")
    assert [theme.title for theme in repo.themes()] == ["Asiel en migratie", "Wonen", "Klimaat"]
    by_id = {a.id[-1]: a for a in repo.annotations(file_fingerprint(pdf))}
    titles = {theme.id: theme.title for theme in repo.themes()}
    assert [titles[by_id[key].theme_id] for key in "1234"] == ["Wonen", "Asiel en migratie", "Klimaat", "Wonen"]
    assert {a.author for a in by_id.values()} == {"Ans"}  # no creator in the file


def test_an_unknown_quote_is_kept_as_an_orphan_with_its_quote(db: Database, pdf: Path, tmp_path: Path) -> None:
    item = _quote_item(7, "Deze zin staat niet in het coalitieakkoord van 2021, ook niet een beetje.",
                       selector=[{"type": "TextQuoteSelector", "exact": "Deze zin staat niet in het "
                                  "coalitieakkoord van 2021, ook niet een beetje.", "prefix": "vooraf "},
                                 {"type": "FragmentSelector", "value": "page=9"}])
    report = import_w3c(db, pdf, [item], author_fallback="x")
    assert (report.anchored, report.orphaned) == (0, 1)
    (orphan,) = Repository(db).annotations(file_fingerprint(pdf))
    assert orphan.status is AnchorStatus.ORPHANED and orphan.anchor is not None
    assert orphan.anchor.quads == () and orphan.anchor.page == 8
    assert orphan.quote.startswith("Deze zin staat niet")
    exported = export_w3c(db, file_fingerprint(pdf))["items"][0]  # type: ignore[index]
    assert exported["target"]["selector"][0]["exact"] == orphan.quote


def test_a_file_made_on_another_version_is_placed_by_its_quotes_and_reported(db: Database, pdf: Path) -> None:
    other = "cd" * 32
    items = [_quote_item(1, "aandacht voor emotioneel herstel", source=f"urn:sha256:{other}"),
             _quote_item(2, "ruimte om mensen op te vangen", source=f"urn:sha256:{file_fingerprint(pdf)}")]
    report = import_w3c(db, pdf, items, author_fallback="x")
    assert report.anchored == 2
    assert report.other_source == 1 and report.other_fingerprints == (other,)
    assert {a.document for a in Repository(db).annotations(file_fingerprint(pdf))} == {file_fingerprint(pdf)}


def test_a_malformed_file_or_a_cancelled_import_stores_nothing(db: Database, pdf: Path) -> None:
    repo = Repository(db)
    bad = [_quote_item(1, "aandacht voor emotioneel herstel", "Wonen"), {"type": "Annotation", "target": {}}]
    with pytest.raises(InterchangeError, match="item 2"):
        import_w3c(db, pdf, bad, author_fallback="x")
    report = import_w3c(db, pdf, bad[:1], author_fallback="x", cancelled=lambda: True)
    assert report.cancelled
    assert repo.documents() == [] and repo.themes() == []
    steps: list[tuple[int, int]] = []
    import_w3c(db, pdf, bad[:1], author_fallback="x", progress=lambda done, total: steps.append((done, total)))
    assert steps[-1] == (1, 1) and (50, 50) in steps  # pages read, then quotes placed


def test_csv_export_opens_as_one_row_per_annotation(db: Database, pdf: Path, texts: list[PageText],
                                                    tmp_path: Path) -> None:
    _review(db, pdf, texts)
    path = tmp_path / "review.csv"
    path.write_text(export_csv(db, pdf), encoding=CSV_ENCODING, newline="")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with open(path, encoding=CSV_ENCODING, newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 6
    first = rows[0]
    assert first["page"] == "5" and first["printed_page"] == "2"  # printed numbers start on PDF page 4
    assert first["quote"].startswith("om ouders een vast")
    welcome = next(row for row in rows if row["judgment"] == "welcome")
    assert welcome["references"] == "refugee_convention:33; EVRM art. 3"
    assert welcome["comment"] == "Goed.\nMaar let op de uitvoering."
    assert welcome["theme"] == "Asiel en migratie" and welcome["include_in_letter"] == "yes"
    assert welcome["created"] == "2024-01-15 09:01:00"
    (orphan,) = [row for row in rows if row["status"] == "orphaned"]
    assert orphan["page"] == "" and orphan["quote"] == "een zin uit een eerdere versie van het akkoord"


def test_csv_cells_that_look_like_formulas_stay_text(db: Database, pdf: Path) -> None:
    item = _quote_item(1, "aandacht voor emotioneel herstel")
    item["body"] = [{"type": "TextualBody", "purpose": "commenting", "value": '=HYPERLINK("http://x","klik")'}]
    import_w3c(db, pdf, [item], author_fallback="@admin")
    (row,) = list(csv.DictReader(io.StringIO(export_csv(db, pdf))))
    assert row["comment"] == '\'=HYPERLINK("http://x","klik")'
    assert row["author"] == "'@admin"


def test_an_area_on_a_page_the_pdf_lacks_is_kept_and_exports_again(db: Database, pdf: Path) -> None:
    item = {"id": "urn:uuid:00000000-0000-4000-8000-000000000077", "type": "Annotation",
            "target": {"selector": {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
                                    "value": "page=80&viewrect=10,20,100,50"}}}
    report = import_w3c(db, pdf, [item], author_fallback="x")
    assert report.orphaned == 1
    exported = export_w3c(db, file_fingerprint(pdf))
    (selector,) = exported["items"][0]["target"]["selector"]  # type: ignore[index]
    assert selector["value"] == "page=80&viewrect=10,20,100,50"
