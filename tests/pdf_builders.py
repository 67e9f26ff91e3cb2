"""PDFs built for the tests with PyMuPDF, standing in for real files whose licences keep them out of the repository.

- ``build_two_column_paper``: a scientific paper set in two columns, with ligatures as a TeX font prints them,
  printed page numbers and a title in its metadata.
- ``build_commented_pdf``: a text whose highlights, notes and sticky note were made in another reader.
- ``build_scanned_pdf``: pages that are nothing but a picture of a printed page (no text layer).

tests/conftest.py builds each once per test session; the constants here say what is in them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import fitz

# --- the two-column paper ---------------------------------------------------------------------------------------

PAPER_TITLE = "Incremental Anchoring of Review Annotations in Evolving Documents"
PAPER_PAGES = 6
# The paper appeared in proceedings: its printed page numbers start here, on its first page.
PAPER_FIRST_PAGE_NUMBER = 101
# On PDF page 1 (0-based) the left column ends with the first, the right one starts with the second and goes on to
# the third; the page's content stream has the right column before the left one, as some producers write it.
PAPER_LEFT_COLUMN_END = "The remainder of this paper is organized as follows."
PAPER_FIGURE_CAPTION = "Figure 1. Sample document in two versions."
PAPER_SECTION_2 = "2. Overview: Anchoring an Example Passage"

_LETTER = fitz.Rect(0, 0, 612, 792)
_MARGIN = 54.0
_GUTTER = 18.0
_BODY_SIZE = 10.0
_LEADING = 12.0

_INTRODUCTION = [
    "Reviewers who read a long policy document seldom read it once. A first reading finds the passages that "
    "matter; later readings judge them, compare them with treaties and write them up. Each reading leaves marks "
    "on the text, and those marks must stay where they were made even when the document is replaced by a newer "
    "version in which whole paragraphs have moved.",
    "Existing readers store a highlight as a list of rectangles on a page. This is efficient to draw but brittle: "
    "a reflowed paragraph or an inserted figure leaves the rectangles over unrelated words. We define an anchor "
    "as the quoted text together with its prefix, its suffix and its position, and we show that such anchors "
    "survive the edits found in the official drafts of coalition agreements.",
    "Our contributions are a specification of anchors that tolerates ligatures, hyphenation and running headers; "
    "an incremental algorithm that places the anchors of a review on a new version in a single pass; and a "
    "field study of the workflow of six reviewers over three months.",
    "The remainder of this paper is organized as follows. Section 2 walks through an example passage, Section 3 "
    "defines anchors and their normal form, Section 4 describes the incremental placement, Section 5 reports the "
    "field study and Section 6 reflects on related work.",
]

_FIGURE_LINES = ["v1: We strengthen the official", "    oversight of the police.", "",
                 "v2: We shall strengthen the", "    official oversight of", "    the police and the courts."]

_OVERVIEW = [
    "Figure 1 shows a sentence from the first draft of an agreement and the same sentence in the final text. "
    "A reviewer highlighted the words official oversight in the draft and judged them a welcome commitment.",
    "In the final text the words have moved to another line and a clause follows them. The rectangles of the old "
    "highlight now cover the word shall and half of the line above; the anchor, in contrast, still finds its "
    "quote, confirms it by the prefix and the suffix, and is placed on the new words without a flicker.",
    "The anchor fails only when the quote itself was rewritten. Then the annotation is kept as an orphan and the "
    "reviewer is shown the closest passage, so that no judgment is silently lost or silently moved.",
]

_LATER_SECTIONS = [
    ("3. Anchors and their Normal Form", [
        "An anchor is a quote with up to thirty-two characters of context on each side. Before quotes are compared "
        "both are brought into a normal form: ligatures such as fi and fl are expanded, soft hyphens at line ends "
        "are removed and runs of white space become a single space.",
        "The normal form keeps a map back to the printed characters, so that a quote found in normal form can be "
        "drawn on the page exactly over the glyphs that print it, including the first half of a ligature.",
        "Running headers and footers are not part of any quote. They are identified by their repetition across "
        "pages and by their place in the top and bottom margins, and the specification leaves them out of the "
        "normal form while keeping them searchable.",
    ]),
    ("4. Incremental Placement", [
        "Placing a review on a new version is a single pass over the new text. Each anchor is first looked up by "
        "its exact quote; a unique hit with a matching prefix or suffix is final. Ambiguous hits are resolved by "
        "the distance to the old position, scaled by the length of the document.",
        "Quotes that are not found are searched for approximately, with a bound on the edit distance that grows "
        "with the length of the quote. The search is confined to a window around the old position first and only "
        "then widened to the whole document, which keeps the pass efficient on long texts.",
        "The placement never moves an annotation without saying so: every annotation ends up anchored, moved or "
        "orphaned, and the reviewer can review the moved and orphaned ones in one list.",
    ]),
    ("5. Field Study", [
        "Six reviewers of a human rights organisation used the prototype for three months on successive drafts of "
        "a coalition agreement. They made 1,412 highlights, of which 1,377 were placed on the final text without "
        "any help; 29 were moved to a nearby passage and 6 were flagged as orphans.",
        "The reviewers found the flow of the work unchanged: they read, highlighted and judged as before, and the "
        "reconciliation of versions, which had taken a day per draft, took a few minutes.",
        "Two reviewers asked for a way to see the old passage beside the new one for each moved highlight; the "
        "final version of the prototype offers this in a side panel.",
    ]),
    ("6. Related Work", [
        "Robust anchoring has been studied for web annotation, where pages change without notice. Selectors that "
        "combine a quote with its position are part of the W3C Web Annotation model, and several systems refine "
        "them with fuzzy matching.",
        "Document engineering has long used diff algorithms to carry comments from one version of a file to the "
        "next. Our setting differs in that the only input is the printed PDF, with its ligatures, its hyphenation "
        "and its floating figures, rather than a structured source.",
        "We conclude that anchors by quote and context are a practical and efficient basis for reviews that span "
        "many versions of a document, and that their main cost lies in a careful definition of the normal form.",
    ]),
]


def _printed(text: str) -> str:
    """The text as a TeX font prints it: "fi" and "fl" as the single ligature glyphs U+FB01 and U+FB02."""
    return text.replace("fi", "\ufb01").replace("fl", "\ufb02")


def _wrap(text: str, font: fitz.Font, size: float, width: float) -> list[str]:
    """The text broken into lines no wider than ``width`` points."""
    advances: dict[str, float] = {}

    def length(words: str) -> float:
        for char in words:
            if char not in advances:
                advances[char] = font.glyph_advance(ord(char)) * size
        return sum(advances[char] for char in words)

    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and length(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


class _Column:
    """Lines set top to bottom in one column, collected for writing later."""

    def __init__(self, x0: float, x1: float, top: float, font: fitz.Font, bold: fitz.Font) -> None:
        self.x0, self.x1, self.y = x0, x1, top
        self.font, self.bold = font, bold
        self.lines: list[tuple[float, float, str, fitz.Font, float]] = []

    def heading(self, text: str) -> None:
        self.y += _LEADING * 0.5
        self.lines.append((self.x0, self.y, text, self.bold, 11.0))
        self.y += _LEADING * 1.5

    def paragraph(self, text: str, font: fitz.Font | None = None, size: float = _BODY_SIZE) -> None:
        for line in _wrap(_printed(text), font or self.font, size, self.x1 - self.x0):
            self.lines.append((self.x0, self.y, line, font or self.font, size))
            self.y += _LEADING
        self.y += _LEADING * 0.5

    def write(self, writer: fitz.TextWriter) -> None:
        for x, y, text, font, size in self.lines:
            writer.append((x, y), text, font=font, fontsize=size)


def _columns(page_top: float, font: fitz.Font, bold: fitz.Font) -> tuple[_Column, _Column]:
    width = (_LETTER.width - 2 * _MARGIN - _GUTTER) / 2
    left = _Column(_MARGIN, _MARGIN + width, page_top, font, bold)
    right = _Column(_MARGIN + width + _GUTTER, _LETTER.width - _MARGIN, page_top, font, bold)
    return left, right


def _finish(page: fitz.Page, number: int, first: _Column, second: _Column, font: fitz.Font) -> None:
    """Write the columns (``first`` before ``second`` in the content stream), the running head and the page number."""
    writer = fitz.TextWriter(page.rect)
    writer.append((_MARGIN, 36), "Proceedings of the Workshop on Document Engineering", font=font, fontsize=8)
    first.write(writer)
    second.write(writer)
    label = str(number)
    writer.append(((page.rect.width - font.text_length(label, fontsize=9)) / 2, page.rect.height - 36), label,
                  font=font, fontsize=9)
    writer.write_text(page)


def build_two_column_paper(path: Path) -> Path:
    """A paper of PAPER_PAGES Letter pages set in two columns; see the PAPER_* constants for what is where."""
    font, bold, mono = fitz.Font("tiro"), fitz.Font("tibo"), fitz.Font("cour")
    doc = fitz.open()
    number = PAPER_FIRST_PAGE_NUMBER

    # Page 0: title and authors over both columns, then abstract and introduction.
    page = doc.new_page(width=_LETTER.width, height=_LETTER.height)
    title = fitz.TextWriter(page.rect)
    for y, text, face, size in ((110, "Incremental Anchoring of Review Annotations", bold, 17),
                                (132, "in Evolving Documents", bold, 17),
                                (160, "Anna de Vries      Pieter Jansen      Lotte Smit", font, 11),
                                (174, "Institute for Document Studies, Utrecht", font, 10)):
        title.append(((page.rect.width - face.text_length(text, fontsize=size)) / 2, y), text, font=face,
                     fontsize=size)
    title.write_text(page)
    left, right = _columns(215, font, bold)
    left.heading("Abstract")
    left.paragraph("We describe a way to keep the highlights and judgments of a review attached to the right "
                   "words while the reviewed document goes through several versions. Anchors combine a quote "
                   "with its context and are placed on a new version in a single efficient pass.")
    left.heading("1. Introduction")
    for paragraph in _INTRODUCTION[:2]:
        left.paragraph(paragraph)
    right.paragraph(_INTRODUCTION[2])
    right.paragraph("We first fix the terms. A review is a set of annotations on one document; an annotation "
                    "has a quote, a judgment, a theme and a note. A version is one PDF file of the document, and "
                    "the files of one document share no identifiers of any kind.")
    _finish(page, number, left, right, font)

    # Page 1: the introduction ends in the left column; the right one starts with a figure, then section 2.
    number += 1
    page = doc.new_page(width=_LETTER.width, height=_LETTER.height)
    left, right = _columns(72, font, bold)
    left.paragraph("The difficulty is not new. Lawyers have compared the drafts of contracts for as long as there "
                   "have been drafts, and every word processor offers an efficient way to track changes. But "
                   "reviewers of public documents receive only the published files, and these carry no trace of "
                   "their history.")
    left.paragraph("A further difficulty is the print form itself. Ligatures join letters into one glyph, words "
                   "are hyphenated at line ends and page numbers interrupt paragraphs. A quote copied from one "
                   "version rarely matches the bytes of the next, even where the words are the same.")
    left.paragraph(_INTRODUCTION[3])
    box_top = right.y - 8
    for line in _FIGURE_LINES:
        right.lines.append((right.x0 + 8, right.y + 4, line, mono, 8.5))
        right.y += 11
    right.y += 12
    page.draw_rect(fitz.Rect(right.x0, box_top, right.x1, right.y - 6), color=(0, 0, 0), width=0.5)
    right.paragraph(PAPER_FIGURE_CAPTION + " The highlight made on the first version is placed on the second.",
                    size=9)
    right.heading(PAPER_SECTION_2)
    for paragraph in _OVERVIEW:
        right.paragraph(paragraph)
    _finish(page, number, right, left, font)  # the right column first in the content stream

    # Pages 2 to 5: one section per page, its paragraphs split over the two columns.
    for heading, paragraphs in _LATER_SECTIONS:
        number += 1
        page = doc.new_page(width=_LETTER.width, height=_LETTER.height)
        left, right = _columns(72, font, bold)
        left.heading(heading)
        for paragraph in paragraphs[:2]:
            left.paragraph(paragraph)
            left.paragraph(paragraph.replace("The ", "In short, the ", 1))
        for paragraph in paragraphs[2:]:
            right.paragraph(paragraph)
            right.paragraph("As a consequence, " + paragraph[0].lower() + paragraph[1:])
        _finish(page, number, left, right, font)

    assert doc.page_count == PAPER_PAGES
    doc.set_metadata({"title": PAPER_TITLE, "author": "Anna de Vries; Pieter Jansen; Lotte Smit",
                      "subject": "Workshop on Document Engineering", "creator": "LaTeX with hyperref"})
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


# --- highlights and notes made in another reader ----------------------------------------------------------------

COMMENTED_PAGES = 7
# Colours other readers offer: a pale yellow (no judgment), pure red (closest to our violation colour), and others.
PALE_YELLOW = (1.0, 1.0, 0.6)
PURE_RED = (1.0, 0.0, 0.0)


class Highlight:
    """One highlight the other reader made: on ``phrase`` of ``page``, with a note, an author and a colour."""

    def __init__(self, page: int, phrase: str, note: str, author: str, colour: tuple[float, float, float]) -> None:
        self.page, self.phrase, self.note, self.author, self.colour = page, phrase, note, author, colour


# Highlights on text, each with a popup note; an empty author is a highlight whose reader did not record one.
COMMENTED_HIGHLIGHTS = (
    Highlight(0, "independent oversight of the police", "Needs a reference to article 2 ECHR.", "", PALE_YELLOW),
    Highlight(0, "the right to a fair trial", "F", "Ingrid Bakker", (1.0, 0.5, 0.62)),
    Highlight(0, "legal aid for everyone", "D", "", (0.49, 0.94, 0.4)),
    Highlight(0, "an appeal within six weeks", "B", "mozilla", (0.41, 0.69, 0.95)),
    Highlight(0, "detention of children", "C", "Kees", PURE_RED),
    # Over a line break: one quad on each line.
    Highlight(1, "the municipal registration of residents and the exchange of their data with other agencies",
              "Two lines", "Ingrid Bakker", (0.33, 1.0, 0.74)),
    Highlight(2, "housing for refugees", "aa", "", PALE_YELLOW),
    Highlight(2, "family reunification", "bbb", "", PALE_YELLOW),
    Highlight(6, "a national human rights plan", "A note on page 7", "", PALE_YELLOW),
)
# Not highlights: a sticky note on page 0 and a freehand mark on page 3, both with notes of their own.
COMMENTED_STICKY_NOTE = "Read this chapter again before the meeting."
COMMENTED_INK_NOTE = "ccccc"

_COMMENTED_TEXT = [
    "The government guarantees independent oversight of the police and of the services that may use force. "
    "Everyone keeps the right to a fair trial, and legal aid for everyone who cannot pay for a lawyer is restored "
    "to its former level. A decision of an administrative body can be met with an appeal within six weeks. "
    "The detention of children for reasons of migration ends.",
    "Municipalities keep the municipal registration of residents and the exchange of their data with other "
    "agencies is bound by law. Citizens can see which agency received their data and for what purpose.",
    "Municipalities provide housing for refugees who have a residence permit. The rules on family "
    "reunification are applied with care for the interests of the child.",
    "Schools receive extra support for pupils who arrived recently. Teachers are trained to recognise "
    "discrimination and to act on it.",
    "The climate policy is carried out with attention for those with low incomes. Energy bills stay affordable.",
    "The courts receive the means to reduce waiting times. Mediation is offered before every procedure.",
    "The cabinet draws up a national human rights plan together with civil society and reports on it each year.",
]


def _set_name(doc: fitz.Document, annot: fitz.Annot, name: str) -> None:
    """Give the annotation the /NM a reader writes, unique in the whole file."""
    doc.xref_set_key(annot.xref, "NM", fitz.get_pdf_str(name))


def build_commented_pdf(path: Path) -> Path:
    """COMMENTED_PAGES pages of text with COMMENTED_HIGHLIGHTS, a sticky note and an ink mark, as another reader
    saves them (each highlight with its note, author and popup)."""
    doc = fitz.open()
    for text in _COMMENTED_TEXT:
        page = doc.new_page()  # A4
        page.insert_textbox(fitz.Rect(72, 90, 523, 760), text, fontname="helv", fontsize=12, lineheight=1.4)
    assert doc.page_count == COMMENTED_PAGES
    for number, spec in enumerate(COMMENTED_HIGHLIGHTS):
        page = doc[spec.page]
        quads = page.search_for(spec.phrase, quads=True)
        assert quads, spec.phrase
        annot = page.add_highlight_annot(quads)
        annot.set_colors(stroke=spec.colour)
        annot.set_info(content=spec.note, title=spec.author, subject="Highlight")
        box = annot.rect
        annot.set_popup(fitz.Rect(page.rect.width - 200, box.y0, page.rect.width - 20, box.y0 + 80))
        annot.set_open(False)
        annot.update()
        _set_name(doc, annot, f"reader_internal_id_{number:04d}")
    sticky = doc[0].add_text_annot((40, 80), COMMENTED_STICKY_NOTE, icon="Comment")
    sticky.set_info(title="Ingrid Bakker")
    sticky.update()
    _set_name(doc, sticky, "reader_internal_id_sticky")
    ink = doc[3].add_ink_annot([[(100, 300), (140, 320), (180, 300), (220, 330)]])
    ink.set_info(content=COMMENTED_INK_NOTE)
    ink.update()
    _set_name(doc, ink, "reader_internal_id_ink")
    doc.set_metadata({"title": "Rights in the coalition agreement (annotated)", "creator": "another reader"})
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


# --- scanned pages without a text layer --------------------------------------------------------------------------

SCANNED_PAGES = 3


def build_scanned_pdf(path: Path, source: Path, pages: Iterable[int] = (5, 6, 7)) -> Path:
    """A "scan": the given pages of ``source`` rendered in grey at 100 dpi and stored as JPEG images on A4 pages,
    with nothing else on them (no text layer)."""
    doc = fitz.open()
    with fitz.open(source) as original:
        for index in pages:
            pixmap = original.load_page(index).get_pixmap(dpi=100, colorspace=fitz.csGRAY)
            page = doc.new_page()  # A4
            page.insert_image(page.rect, stream=pixmap.tobytes("jpg", jpg_quality=70))
    assert doc.page_count == SCANNED_PAGES
    doc.set_metadata({"title": "Scanned Document", "creator": "HardCopy", "producer": "a network scanner"})
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path
