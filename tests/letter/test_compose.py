"""Composing the letter from annotations on the real agreement: openings, pages, checks and settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from letter_sample import ASYLUM, ORPHAN_QUOTE, Review, place

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import Annotation, Judgment, Theme, TreatyRef, new_id
from annotator.letter.checks import CheckCode, run_checks
from annotator.letter.compose import Sources, compose_letter
from annotator.letter.phrases import load_phrases
from annotator.letter.settings import default_settings, load_settings, save_settings, with_overrides
from annotator.paths import resources_dir
from annotator.pdf.anchoring import Anchorer
from annotator.services.letter import compile_letter
from annotator.store.database import Database
from annotator.store.repository import Repository

CONCERNS = (
    "de meldplicht aan te scherpen", "migratiepartnerschappen met derde landen",
    "We nemen de uitwerking van constitutionele toetsing ter hand", "straffen, gegevensuitwisseling en detentie",
    "We zetten ons in tegen etnisch profileren", "algoritmes worden gecontroleerd op transparantie",
    "vetorecht af te schaffen bij sancties", "de drie Caribische landen ondersteunen",
    "We bannen stagediscriminatie uit", "Vrij van discriminatie en racisme",
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(resources_dir() / "treaties.json")


def _letter(review: Review, catalogue: Catalogue, annotations: list[Annotation], lang: str = "nl"):
    theme = Theme("t1", ASYLUM, 0)
    sources = Sources(annotations, [theme], review.labels)
    settings = with_overrides(default_settings(lang), {"organisation": "Amnesty International",
                                                       "organisation_short": "Amnesty"})
    phrases = load_phrases(resources_dir() / "letter" / "phrases.json", lang)
    return compose_letter(sources, settings, catalogue, phrases, date(2025, 3, 4)), sources, settings


def _concerns(review: Review) -> list[Annotation]:
    anchorer = Anchorer(review.texts)
    return [Annotation(id=new_id(), document=review.fingerprint, author="Joost", anchor=place(anchorer, quote),
                       judgment=Judgment.CONCERN, theme_id="t1", references=(TreatyRef.parse("echr:8"),))
            for quote in CONCERNS]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_ten_concerns_do_not_start_alike(review: Review, catalogue: Catalogue, lang: str) -> None:
    letter, _, _ = _letter(review, catalogue, _concerns(review), lang)
    paragraphs = letter.sections[0].paragraphs
    assert len(paragraphs) == 10
    # The opening is what the paragraph says before the agreement's words.
    openings = [p.runs[0].text if p.runs[0].kind == "text" and p.runs[1].kind == "quote" else p.runs[-2].text
                for p in paragraphs]
    shapes = [p.text.replace(p.runs[1].text if p.runs[1].kind == "quote" else p.runs[0].text, "{q}")
              for p in paragraphs]
    assert len(set(shapes)) >= 5, shapes
    assert all(a != b for a, b in zip(shapes, shapes[1:])), shapes
    assert all("Amnesty" in text for text in shapes) and openings


def test_a_page_without_printed_number_is_cited_by_its_pdf_number_with_a_note(review: Review,
                                                                               catalogue: Catalogue) -> None:
    anchorer = Anchorer(review.texts)
    # PDF page 2 (the letter to the King) has no printed page number.
    quote = "het tegengaan van discriminatie"
    anchor = place(anchorer, quote)
    assert review.labels[anchor.page] == ""
    a = Annotation(id=new_id(), document=review.fingerprint, author="Joost", anchor=anchor,
                   judgment=Judgment.NOTE, theme_id="t1")
    letter, _, _ = _letter(review, catalogue, [a])
    assert f"(p.\u00a0{anchor.page + 1} van de pdf)" in letter.sections[0].paragraphs[0].text
    assert "geen gedrukt paginanummer" in letter.footnotes[0].text


def test_checks_name_each_problem_with_quote_and_page(review: Review) -> None:
    db = Database.open(str(review.db_path))
    try:
        letter, checks = compile_letter(db, review.fingerprint)
    finally:
        db.close()
    by_code = {check.code: check for check in checks}
    assert set(by_code) == {CheckCode.NO_REFERENCE, CheckCode.NO_THEME, CheckCode.ORPHANED}
    assert "Zelfstandige gemeentelijke opvang" in by_code[CheckCode.NO_REFERENCE].message
    assert "(p. 42)" in by_code[CheckCode.NO_REFERENCE].message
    assert "We bannen stagediscriminatie uit" in by_code[CheckCode.NO_THEME].message
    assert ORPHAN_QUOTE[:20] in by_code[CheckCode.ORPHANED].message
    assert letter.sections[-1].title == "Overige punten"


def test_an_empty_letter_and_a_missing_organisation_are_reported(review: Review, catalogue: Catalogue) -> None:
    letter, sources, settings = _letter(review, catalogue, [])
    assert letter.sections == () and letter.summary is None and letter.salutation == "Geachte Kamerleden,"
    codes = [check.code for check in run_checks(sources, with_overrides(settings, {"organisation": ""}))]
    assert codes == [CheckCode.NO_ORGANISATION, CheckCode.EMPTY_LETTER]


def test_settings_round_trip_and_language_switch(tmp_path: Path) -> None:
    db = Database.open(str(tmp_path / "settings.sqlite"))
    try:
        repo = Repository(db)
        assert load_settings(repo).addressee == "Aan de leden van de Tweede Kamer der Staten-Generaal"
        mine = with_overrides(default_settings("nl"), {
            "organisation": "Stichting Rechten", "salutation": "Geachte leden van de vaste commissie,",
            "annex": True, "template": "/tmp/briefpapier.docx"})
        save_settings(repo, mine)
        assert load_settings(repo) == mine
        english = load_settings(repo, "en")
        # Dutch wording does not leak into the English letter; who signs and the letterhead stay.
        assert english.salutation == "Dear Members of Parliament,"
        assert english.organisation == "Stichting Rechten" and english.template == "/tmp/briefpapier.docx"
        assert english.annex is True
    finally:
        db.close()
    with pytest.raises(ValueError, match="fr"):
        default_settings("fr")
    with pytest.raises(ValueError, match="colour"):
        with_overrides(default_settings(), {"colour": "red"})
