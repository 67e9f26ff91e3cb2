"""Treaty citations in the compiled Word letter, in the letter setting citation_style: 'full' as the genre writes a
norm in running text ("artikel 1 van de Grondwet", "artikel 3 EVRM"), 'short' as in a table ("art. 1 Gw")."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from letter_sample import Review

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import TreatyRef
from annotator.letter.checks import CheckCode
from annotator.letter.citations import cite
from annotator.paths import resources_dir
from annotator.services.letter import compile_letter, write_letter
from annotator.store.database import Database
from annotator.store.repository import Repository

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _compile(review: Review, out: Path, **override: object) -> tuple[list[str], docx.document.Document, list]:
    db = Database.open(str(review.db_path))
    try:
        letter, checks = compile_letter(db, review.fingerprint, override, today=date(2025, 3, 4))
    finally:
        db.close()
    write_letter(letter, out)
    with zipfile.ZipFile(out) as archive:
        root = ElementTree.fromstring(archive.read("word/footnotes.xml"))
    notes = ["".join(t.text or "" for t in note.iter(f"{W}t")).strip() for note in root
             if note.get(f"{W}type") is None]
    return notes, docx.Document(str(out)), checks


def _cited(notes: list[str], sentence: str) -> bool:
    """Whether a footnote opens with ``sentence`` (a note may go on with sources: "Zie ook: ...")."""
    return any(note == sentence or note.startswith(sentence + " ") for note in notes)


def _store(review: Review, key: str, value: str) -> None:
    db = Database.open(str(review.db_path))
    try:
        Repository(db).set_letter_setting(key, value)
    finally:
        db.close()


def test_footnotes_cite_in_full_by_default(review: Review, tmp_path: Path) -> None:
    notes, _document, _checks = _compile(review, tmp_path / "brief.docx")
    assert _cited(notes, "Zie artikel 5 EVRM en artikel 9 IVBPR.")
    assert _cited(notes, "Zie artikel 1 van de Grondwet en artikel 2 van het VN-Rassendiscriminatieverdrag.")
    assert _cited(notes, "Zie artikel 33 van het VN-Vluchtelingenverdrag en artikel 3 EVRM.")
    assert _cited(notes, "Zie artikel 120 van de Grondwet.")
    assert not any(re.search(r"\bart\. ", note) for note in notes)


def test_short_citations_when_the_settings_ask_for_them(review: Review, tmp_path: Path) -> None:
    _store(review, "citation_style", "short")
    notes, document, checks = _compile(review, tmp_path / "brief.docx", annex=True)
    assert _cited(notes, "Zie art. 1 Gw en art. 2 VN-Rassendiscriminatieverdrag.")
    assert _cited(notes, "Zie art. 5 EVRM en art. 9 IVBPR.")
    assert not checks or all(check.code is not CheckCode.SETTING_IGNORED for check in checks)
    # The annex table is compact in either style.
    assert any(row.cells[4].text == "art. 5 EVRM; art. 9 IVBPR" for row in document.tables[0].rows)


def test_english_citations(review: Review, tmp_path: Path) -> None:
    notes, document, _checks = _compile(review, tmp_path / "letter.docx", language="en")
    assert _cited(notes, "See Article 5 ECHR and Article 9 ICCPR.")
    assert _cited(notes, "See Article 1 of the Constitution and Article 2 ICERD.")
    assert _cited(notes, "See Article 33 of the 1951 Refugee Convention and Article 3 ECHR.")
    notes, _document, _checks = _compile(review, tmp_path / "short.docx", language="en", citation_style="short")
    assert _cited(notes, "See Art. 5 ECHR and Art. 9 ICCPR.")
    assert _cited(notes, "See Art. 1 Dutch Constitution and Art. 2 ICERD.")


def test_a_stored_citation_style_that_is_neither_is_named_and_the_letter_cites_in_full(review: Review,
                                                                                        tmp_path: Path) -> None:
    _store(review, "citation_style", "long")
    notes, _document, checks = _compile(review, tmp_path / "brief.docx")
    assert _cited(notes, "Zie artikel 5 EVRM en artikel 9 IVBPR.")
    assert [check.where for check in checks if check.code is CheckCode.SETTING_IGNORED] == ["citation_style"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(resources_dir() / "treaties.json")


@pytest.mark.parametrize(("ref", "nl_full", "nl_short", "en_full", "en_short"), [
    ("echr:3", "artikel 3 EVRM", "art. 3 EVRM", "Article 3 ECHR", "Art. 3 ECHR"),
    ("grondwet:1", "artikel 1 van de Grondwet", "art. 1 Gw", "Article 1 of the Constitution",
     "Art. 1 Dutch Constitution"),
    ("icescr:2(2)", "artikel 2 lid 2 IVESCR", "art. 2 lid 2 IVESCR", "Article 2(2) ICESCR", "Art. 2(2) ICESCR"),
    ("crc:37", "artikel 37 IVRK", "art. 37 IVRK", "Article 37 CRC", "Art. 37 CRC"),
    ("cedaw:2", "artikel 2 van het VN-Vrouwenverdrag", "art. 2 VN-Vrouwenverdrag", "Article 2 CEDAW",
     "Art. 2 CEDAW"),
    ("eu_charter:18", "artikel 18 van het Handvest", "art. 18 Handvest",
     "Article 18 of the Charter of Fundamental Rights of the European Union", "Art. 18 EU Charter"),
    ("echr:P4-4", "artikel 4 van het Vierde Protocol bij het EVRM", "art. 4 Protocol 4 EVRM",
     "Article 4 of Protocol No. 4 to the ECHR", "Art. 4 Protocol No. 4 ECHR"),
    ("eu_family_reunification:9-12", "hoofdstuk V (art. 9\u201312) van de Gezinsherenigingsrichtlijn",
     "hoofdstuk V (art. 9\u201312) Gezinsherenigingsrichtlijn",
     "Chapter V (Articles 9\u201312) of the Family Reunification Directive (2003/86/EC)",
     "Chapter V (Articles 9\u201312) Family Reunification Directive"),
])
def test_citation_forms(catalogue: Catalogue, ref: str, nl_full: str, nl_short: str, en_full: str,
                        en_short: str) -> None:
    parsed = TreatyRef.parse(ref)
    assert [cite(catalogue, parsed, lang, style) for lang in ("nl", "en") for style in ("full", "short")] == [
        nl_full, nl_short, en_full, en_short]


def test_every_article_of_the_catalogue_has_a_citation_in_each_style(catalogue: Catalogue) -> None:
    for article in catalogue.articles():
        for lang in ("nl", "en"):
            for style in ("full", "short"):
                text = cite(catalogue, article.ref, lang, style)
                assert text and not re.search(r"\d-\d", text), (article.ref, text)
    custom = TreatyRef.parse("Grondwet art. 137")
    assert cite(catalogue, custom, "nl", "full") == "Grondwet art. 137"
