"""A realistic review of the 2021 agreement (scripts/realistic-review.py), compiled with ``annotator compile --annex``
as a reviewer does, and the Word letter read back with python-docx as its reader sees it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from realistic_sample import review

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NBSP = "\u00a0"


def _body(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph of the body, in order."""
    return [(paragraph.style.name if paragraph.style is not None else "", paragraph.text)
            for paragraph in docx.Document(str(path)).paragraphs]


def _part(path: Path, name: str) -> etree._Element:
    """A part of the package as python-docx holds it (the document part's relationship to it), parsed."""
    document = docx.Document(str(path))
    for rel in document.part.rels.values():
        if not rel.is_external and str(rel.target_part.partname) == name:
            blob = rel.target_part.blob
            return etree.fromstring(blob)
    raise AssertionError(f"the document part does not refer to {name}")


def _footnotes(path: Path) -> dict[str, str]:
    root = _part(path, "/word/footnotes.xml")
    return {note.get(f"{W}id"): "".join(t.text or "" for t in note.iter(f"{W}t")).strip() for note in root
            if note.get(f"{W}type") is None}


def _letter_part(body: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The letter without its annex."""
    end = next(index for index, (_style, text) in enumerate(body) if text.startswith("Bijlage"))
    return body[:end]


def test_sections_follow_the_themes_each_opened_by_its_introduction(realistic_brief: Path) -> None:
    body = _letter_part(_body(realistic_brief))
    headings = [(index, text) for index, (style, text) in enumerate(body) if style == "Heading 1"]
    assert [text for _index, text in headings] == ["Samenvatting", *review.THEMES]
    for index, title in headings[1:]:
        assert body[index + 1][1] == review.SECTION_INTRODUCTIONS[title], title
    # Every passage is in the section of its theme.
    starts = {title: index for index, title in headings}
    bounds = [index for index, _title in headings] + [len(body)]
    for point in review.POINTS:
        words = " ".join(point.quote.split()[-5:])  # a quote loses a list number at its start ("4) respect …")
        where = next(index for index, (_style, text) in enumerate(body)
                     if words in text and index > starts[review.THEMES[0]])
        section = max(position for position in bounds if position <= where)
        assert body[section][1] == point.theme, point.quote


def test_quotes_cite_printed_pages_with_an_en_dash_for_a_range_and_never_open_on_a_bullet(
        realistic_brief: Path) -> None:
    body = _letter_part(_body(realistic_brief))
    text = "\n".join(paragraph for _style, paragraph in body)
    # The passage over the page break of printed pages 25 and 26 (PDF pages 28 and 29).
    assert re.search(rf"vastgoedbemiddelaars\u201d \(p\.{NBSP}25\u201326\)", text)
    assert not re.search(r"p\.\s?\d+\s?[-\u2014]\s?\d+", text)
    assert f"(p.{NBSP}41)" in text and f"(p.{NBSP}2)" in text  # printed numbers, not the PDF's
    quotes = re.findall(r"\u201c([^\u201d]*)\u201d", text)
    assert len(quotes) >= len(review.POINTS)
    for quote in quotes:
        assert quote[0].isalnum() or quote.startswith("\u2026"), quote
    assert "\uf0b7" not in text and "\u2022" not in text
    # The passage another reader stored with its list bullet is quoted from its first word.
    assert "\u201cWe zetten ons in tegen etnisch profileren." in text


def test_footnotes_cite_the_treaties_in_full_and_every_mark_has_its_note(realistic_brief: Path) -> None:
    notes = _footnotes(realistic_brief)
    with zipfile.ZipFile(realistic_brief) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    marks = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document)
    # One footnote a paragraph that cites anything; the two passages argued together share theirs.
    expected = sum(1 for point in review.POINTS if (point.references or point.sources) and not point.together)
    assert len(marks) == expected == len(notes)
    assert marks == [str(number) for number in range(1, expected + 1)]
    assert all(notes[mark].startswith("Zie ") for mark in marks)
    cited = " ".join(notes.values())
    # The paragraph of two passages cites the treaties of both, each once, in one footnote.
    assert "artikel 33 van het VN-Vluchtelingenverdrag, artikel 3 EVRM, artikel 18 van het " in cited
    for full in ("artikel 5 EVRM en artikel 9 IVBPR",
                 "artikel 1 van de Grondwet", "artikel 4 van het Vierde Protocol bij het EVRM",
                 "artikel 2 lid 4 van het Handvest van de Verenigde Naties", "artikel 3 IVRK"):
        assert full in cited, full
    assert not re.search(r"\bart\. ", cited)  # the short form belongs to the annex table only
    assert "Zie ook: https://www.amnesty.nl/actueel/aruba-moet-venezolanen-die-asiel-zoeken-beter-beschermen" in cited
    assert "ECLI:NL:GHDHA:2023:173" in cited


def test_introduction_closing_and_signature_as_set(realistic_brief: Path) -> None:
    document = docx.Document(str(realistic_brief))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Betreft: Reactie op het coalitieakkoord ‘Omzien naar elkaar, vooruitkijken naar de toekomst’" in texts
    assert texts.index("Geachte leden van de Tweede Kamer,") < texts.index(
        "Amnesty International heeft kennisgenomen van het coalitieakkoord ‘Omzien naar elkaar, vooruitkijken "
        "naar de toekomst’ van VVD, D66, CDA en ChristenUnie. De woorden uit het akkoord worden in deze brief "
        "getoetst aan de mensenrechten. Dit is echter geen definitieve mensenrechtentoets voor het beleid van de "
        "coalitie. Woorden doen ertoe, maar uiteindelijk laten daden zien of een kabinet de fundamentele vrijheden "
        "van iedereen respecteert en beschermt.")
    annex = next(index for index, text in enumerate(texts) if text.startswith("Bijlage"))
    signed = [text for text in texts[:annex] if text.strip()][-4:]
    assert signed == ["Amnesty is graag bereid de punten in deze brief nader toe te lichten.", "Hoogachtend,",
                      "Dagmar Oudshoorn", "Directeur Amnesty International Nederland"]
    greeting = next(p for p in document.paragraphs if p.text == "Hoogachtend,")
    assert greeting.paragraph_format.keep_with_next  # the greeting stays on the page of the signature


def test_word_comments_name_each_paragraphs_author_page_and_judgment(realistic_brief: Path) -> None:
    comments = _part(realistic_brief, "/word/comments.xml")  # well-formed, and referred to by the document part
    entries = {c.get(f"{W}id"): (c.get(f"{W}author"), "".join(t.text or "" for t in c.iter(f"{W}t")))
               for c in comments.iter(f"{W}comment")}
    # One comment a paragraph; the paragraph of two names both passages' authors, pages and judgments.
    assert len(entries) == len(review.POINTS) - sum(1 for point in review.POINTS if point.together)
    assert any("; " in remark for _author, remark in entries.values())
    with zipfile.ZipFile(realistic_brief) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    for kind in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert sorted(re.findall(rf'<w:{kind} w:id="(\d+)"/>', document), key=int) == sorted(entries, key=int)
    authors = sorted(point.author for point in review.POINTS if not point.together)
    assert sorted(author for author, _text in entries.values()) == authors
    for author, text in entries.values():
        first = rf"{author} · p\.{NBSP}\d+(\u2013\d+)? · \w[\w ]*"
        assert re.fullmatch(rf"{first}(; \w+ · p\.{NBSP}\d+ · \w[\w ]*)?", text), text


def test_comment_ids_leave_the_footnote_ids_alone(realistic_brief: Path) -> None:
    """LibreOffice shows the wrong footnote's text where a Word comment has the same number as a footnote."""
    with zipfile.ZipFile(realistic_brief) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    comments = set(re.findall(r'<w:commentReference w:id="(\d+)"/>', document))
    footnotes = set(re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document))
    assert not comments & footnotes
