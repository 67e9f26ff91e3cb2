"""The compiled .docx of the sample review on the 2021 agreement, read back as Word would read it."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from letter_sample import ASYLUM, EQUALITY, EXCLUDED_QUOTE, KINGDOM, RULE_OF_LAW, Review

from annotator.services.letter import LetterError, compile_letter, write_letter
from annotator.store.database import Database
from annotator.store.repository import Repository

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NBSP = "\u00a0"


def _compile(review: Review, out: Path, **override: object) -> Path:
    db = Database.open(str(review.db_path))
    try:
        letter, _checks = compile_letter(db, review.fingerprint, override, today=date(2025, 3, 4))
    finally:
        db.close()
    write_letter(letter, out)
    return out


def _footnotes(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("word/footnotes.xml"))
    return {note.get(f"{W}id"): "".join(t.text or "" for t in note.iter(f"{W}t")) for note in root
            if note.get(f"{W}type") is None}


def _sections(document: docx.document.Document) -> dict[str, list[str]]:
    """Heading text -> the paragraphs under it, in order."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = sections.setdefault(paragraph.text, [])
        elif current is not None and paragraph.text.strip():
            current.append(paragraph.text)
    return sections


@pytest.fixture
def letter_docx(review: Review, tmp_path: Path) -> Path:
    return _compile(review, tmp_path / "brief.docx")


def test_sections_follow_the_themes_order_with_each_quote_and_its_printed_page(letter_docx: Path) -> None:
    document = docx.Document(str(letter_docx))
    sections = _sections(document)
    headings = [title for title in sections if title not in ("Samenvatting",)]
    assert headings == [ASYLUM, RULE_OF_LAW, EQUALITY, KINGDOM, "Overige punten"]
    asylum = "\n".join(sections[ASYLUM])
    # PDF page 44 carries the printed number 41.
    assert f"\u201cmigratiepartnerschappen met derde landen\u201d (p.{NBSP}41)" in asylum
    assert f"\u201cde meldplicht aan te scherpen\u201d (p.{NBSP}42)" in asylum
    assert f"\u201cWe nemen de uitwerking van constitutionele toetsing ter hand\u201d (p.{NBSP}2)" in "\n".join(
        sections[RULE_OF_LAW])
    # Inside a section the document's order: p. 41 before p. 42.
    assert asylum.index("op de vlucht zijn voor oorlog") < asylum.index("migratiepartnerschappen") < asylum.index(
        "meldplicht")
    assert "Amnesty roept het kabinet op om geen mensen over te dragen" in asylum
    body = "\n".join(p.text for p in document.paragraphs)
    assert EXCLUDED_QUOTE not in body
    assert "Deze zin staat nergens" not in body


def test_footnotes_are_real_word_footnotes_citing_the_right_articles(letter_docx: Path) -> None:
    notes = _footnotes(letter_docx)
    # The letter's footnotes cite as its running text would (citation_style "full", the default).
    assert any("Zie artikel 5 EVRM en artikel 9 IVBPR." in text for text in notes.values())
    assert any("artikel 33 van het VN-Vluchtelingenverdrag en artikel 3 EVRM" in text for text in notes.values())
    assert any("commissie-meijers.nl" in text for text in notes.values())
    with zipfile.ZipFile(letter_docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        types = archive.read("[Content_Types].xml").decode("utf-8")
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    referenced = re.findall(r'<w:footnoteReference w:id="(\d+)"', body)
    assert referenced and sorted(referenced, key=int) == sorted(notes, key=int)
    assert referenced == [str(n) for n in range(1, len(referenced) + 1)]
    assert "wordprocessingml.footnotes+xml" in types
    assert "relationships/footnotes" in rels
    # The footnote with the detention articles belongs to the meldplicht paragraph.
    document = docx.Document(str(letter_docx))
    paragraph = next(p for p in document.paragraphs if "meldplicht" in p.text and "ernstige" in p.text)
    mark = paragraph._p.findall(f".//{W}footnoteReference")[0].get(f"{W}id")
    assert "artikel 5 EVRM" in notes[mark]


def test_letter_frame_and_document_properties(letter_docx: Path) -> None:
    document = docx.Document(str(letter_docx))
    texts = [p.text for p in document.paragraphs]
    assert "Geachte Kamerleden," in texts
    assert "Aan de leden van de Tweede Kamer der Staten-Generaal" in texts
    assert "Den Haag, 4 maart 2025" in texts
    closing = texts.index("Met vriendelijke groet,")
    assert "Dagmar Oudshoorn" in texts[closing:]
    assert closing > texts.index(KINGDOM)
    properties = document.core_properties
    assert properties.title.startswith("Reactie op het coalitieakkoord")
    assert properties.author == "Dagmar Oudshoorn"
    assert properties.subject == properties.title
    # The organisation speaks of itself in the third person.
    assert any(text.startswith("Amnesty International heeft kennisgenomen") for text in texts)


def test_english_letter(review: Review, tmp_path: Path) -> None:
    document = docx.Document(str(_compile(review, tmp_path / "letter.docx", language="en")))
    texts = [p.text for p in document.paragraphs]
    assert "Dear Members of Parliament," in texts
    assert "Yours sincerely," in texts
    assert any("Amnesty is seriously concerned about the passage" in text for text in texts)
    notes = _footnotes(tmp_path / "letter.docx")
    assert any("Article 5 ECHR and Article 9 ICCPR" in text for text in notes.values())
    # Section titles are the reviewer's own: they stay as written.
    assert any(p.style.name == "Heading 1" and p.text == ASYLUM for p in document.paragraphs)


def test_markdown_and_html_carry_the_same_footnotes(review: Review, tmp_path: Path) -> None:
    word = _footnotes(_compile(review, tmp_path / "brief.docx"))
    markdown = _compile(review, tmp_path / "brief.md").read_text(encoding="utf-8")
    html = _compile(review, tmp_path / "brief.html").read_text(encoding="utf-8")
    md_notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, re.MULTILINE))
    assert md_notes == {number: text.strip() for number, text in word.items()}
    for number, text in md_notes.items():
        assert f"[^{number}]" in markdown.split(f"[^{number}]:")[0]
        assert f'<li id="fn-{number}">' in html and f'href="#fnref-{number}"' in html
        assert f'<sup id="fnref-{number}"><a href="#fn-{number}">' in html
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert f"## {ASYLUM}" in markdown


def test_template_letterhead_survives_and_its_body_goes(review: Review, tmp_path: Path) -> None:
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Amnesty International · Keizersgracht 177 · Amsterdam"
    template.add_paragraph("Tekst uit het sjabloon die niet in de brief hoort")
    template.save(str(tmp_path / "sjabloon.docx"))
    db = Database.open(str(review.db_path))
    Repository(db).set_letter_setting("template", str(tmp_path / "sjabloon.docx"))
    db.close()
    document = docx.Document(str(_compile(review, tmp_path / "brief.docx")))
    assert document.sections[0].header.paragraphs[0].text.startswith("Amnesty International · Keizersgracht")
    texts = [p.text for p in document.paragraphs]
    assert "Tekst uit het sjabloon die niet in de brief hoort" not in texts
    assert "Geachte Kamerleden," in texts
    assert _footnotes(tmp_path / "brief.docx")


def test_annex_lists_every_included_annotation_and_comments_carry_provenance(review: Review,
                                                                             tmp_path: Path) -> None:
    document = docx.Document(str(_compile(review, tmp_path / "brief.docx", annex=True, comments=True)))
    table = document.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == ["Passage", "Pagina", "Oordeel", "Thema", "Verdragen",
                                                             "Auteur"]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert len(rows) == 13
    assert ["de meldplicht aan te scherpen", f"p.{NBSP}42", "ernstige zorg", ASYLUM,
            "art. 5 EVRM; art. 9 IVBPR", "Joost"] in rows
    with zipfile.ZipFile(tmp_path / "brief.docx") as archive:
        comments = archive.read("word/comments.xml").decode("utf-8")
    assert "ernstige zorg" in comments and "Fatima" in comments


def test_unknown_suffix_and_unknown_document_are_refused(review: Review, tmp_path: Path) -> None:
    db = Database.open(str(review.db_path))
    try:
        letter, _ = compile_letter(db, review.fingerprint)
        with pytest.raises(LetterError, match=r"\.pdf"):
            write_letter(letter, tmp_path / "brief.pdf")
        with pytest.raises(LetterError, match="not in"):
            compile_letter(db, "0" * 64)
    finally:
        db.close()
    assert list(tmp_path.iterdir()) == [review.db_path] or not (tmp_path / "brief.pdf").exists()


def test_control_characters_stored_earlier_do_not_stop_the_letter(review: Review, tmp_path: Path) -> None:
    """Text from before it was checked (a colleague's older program, a paste) may hold control characters: Word
    cannot, so they are left out and the letter is written."""
    import sqlite3

    connection = sqlite3.connect(review.db_path)
    with connection:
        connection.execute("UPDATE annotations SET comment = ? WHERE include_in_letter AND NOT deleted AND "
                           "comment <> ''", ("Strijdig\x00 met\x0b art.\x1f 5 EVRM.",))
        connection.execute("UPDATE themes SET title = title || '\x07' WHERE title = ?", (ASYLUM,))
    connection.close()
    path = _compile(review, tmp_path / "brief.docx")
    document = docx.Document(str(path))
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "Strijdig met art. 5 EVRM." in texts and "\x00" not in texts
    assert any(p.style.name == "Heading 1" and p.text == ASYLUM for p in document.paragraphs)
