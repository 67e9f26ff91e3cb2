"""The letter of a new version quotes a carried-over annotation only once the reviewer accepted it: one carried onto
changed words (fuzzy) or to one of several places (ambiguous) stays out, and the checks say which and why."""

from __future__ import annotations

from datetime import date

import pytest

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import Anchor, AnchorStatus, Annotation, Judgment, Rect, Theme, TreatyRef
from annotator.letter.checks import CheckCode, run_checks
from annotator.letter.compose import Sources, compose_letter, in_letter
from annotator.letter.phrases import load_phrases
from annotator.letter.settings import default_settings, with_overrides
from annotator.paths import resources_dir

THEME = Theme("t1", "Het recht op asiel", 0)


def _annotation(number: int, quote: str, status: AnchorStatus) -> Annotation:
    anchor = Anchor(page=2, quads=(Rect(72, 100 + 20 * number, 400, 112 + 20 * number),), exact=quote)
    return Annotation(id=f"a{number}", document="sha", author="Joost", anchor=anchor, status=status,
                      judgment=Judgment.CONCERN, theme_id=THEME.id, references=(TreatyRef.parse("echr:5"),))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(resources_dir() / "treaties.json")


def _letter_text(catalogue: Catalogue, annotations: list[Annotation]) -> tuple[str, list[CheckCode], list[str]]:
    sources = Sources(annotations, [THEME], ["i", "ii", "12"])
    settings = with_overrides(default_settings("nl"), {"organisation": "Amnesty International"})
    phrases = load_phrases(resources_dir() / "letter" / "phrases.json", "nl")
    letter = compose_letter(sources, settings, catalogue, phrases, date(2025, 3, 4))
    text = "\n".join(p.text for section in letter.sections for p in section.paragraphs)
    checks = run_checks(sources, settings)
    return text, [c.code for c in checks], [c.message for c in checks]


def test_fuzzy_and_ambiguous_stay_out_until_accepted_and_the_checks_say_why(catalogue: Catalogue) -> None:
    exact = _annotation(1, "de opvang van asielzoekers wordt verbeterd", AnchorStatus.ANCHORED)
    fuzzy = _annotation(2, "de meldplicht verder aan te scherpen", AnchorStatus.FUZZY)
    ambiguous = _annotation(3, "Dat vraagt om een zorgvuldige afweging", AnchorStatus.AMBIGUOUS)
    assert [in_letter(a) for a in (exact, fuzzy, ambiguous)] == [True, False, False]

    text, codes, messages = _letter_text(catalogue, [exact, fuzzy, ambiguous])
    assert "de opvang van asielzoekers wordt verbeterd" in text
    assert "meldplicht" not in text and "zorgvuldige afweging" not in text
    assert codes.count(CheckCode.NOT_ACCEPTED) == 1 and codes.count(CheckCode.PLACE_NOT_CHOSEN) == 1
    not_accepted = messages[codes.index(CheckCode.NOT_ACCEPTED)]
    assert "de meldplicht verder aan te scherpen" in not_accepted and "(p. 12)" in not_accepted
    assert "words changed" in not_accepted and "until you accept" in not_accepted
    assert "pick its place" in messages[codes.index(CheckCode.PLACE_NOT_CHOSEN)]

    # Accepted (the review queue sets them anchored): quoted, with the page printed on the new version.
    accepted = [exact, fuzzy.changed(status=AnchorStatus.ANCHORED), ambiguous.changed(status=AnchorStatus.ANCHORED)]
    text, codes, _ = _letter_text(catalogue, accepted)
    assert "de meldplicht verder aan te scherpen" in text and "zorgvuldige afweging" in text
    assert "(p.\u00a012)" in text
    assert CheckCode.NOT_ACCEPTED not in codes and CheckCode.PLACE_NOT_CHOSEN not in codes


def test_a_letter_of_only_unaccepted_annotations_is_empty_and_says_so(catalogue: Catalogue) -> None:
    _text, codes, _ = _letter_text(catalogue, [_annotation(1, "de meldplicht verder aan te scherpen",
                                                           AnchorStatus.FUZZY)])
    assert CheckCode.EMPTY_LETTER in codes and CheckCode.NOT_ACCEPTED in codes
