"""Write the letter as a Word document: heading styles for sections, real footnotes, properties, the template's look."""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import io
import itertools
import re
import stat
import threading
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Pt, Twips
from docx.text.run import Run
from docx.text.paragraph import Paragraph as DocxParagraph

from annotator.domain.text import printable
from annotator.letter.docx_footnotes import add_footnote_reference, ensure_footnote_styles, write_footnotes
from annotator.letter.model import Letter, Paragraph, RunKind


# Which columns of the annex hold running text and share what the others leave (by these weights): the passage;
# page, judgment, theme, treaties and author are as wide as their longest word (within a bound) needs.
_ANNEX_WIDE = (1.0, 0, 0, 0, 0, 0)
# And of the table of changes: the passage in the previous version and what became of it; page, judgment, theme.
_CHANGES_WIDE = (1.0, 1.0, 0, 0, 0)
# The tables' print: size in points, and the room each cell keeps inside its borders (twentieths of a point).
TABLE_POINTS = 8.5
_CELL_MARGIN_SIDE, _CELL_MARGIN_TOP = 85, 28
# A row of at most this many words keeps together on one page (w:cantSplit); a longer one may run on.
_UNSPLIT_WORDS = 120
# The page when no letterhead template is set: A4 (as in the Netherlands) with margins of 2.5 cm, in twips.
_A4 = (11906, 16838)
_MARGIN = 1418
# Space (points) above the place and date, above the subject line, the addressee, the salutation and the closing,
# and above the signatory's name (under an empty line): room for a signature in ink, about three lines in all.
_OPENING_GAP, _PART_GAP, _SIGNING_ROOM = 24, 12, 12
# The letter's language as Word's spelling and hyphenation know it.
_WORD_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}


class TemplateError(ValueError):
    """The Word template named in the letter settings cannot be used."""


# A letterhead is a few hundred kilobytes; these bounds refuse a file that would fill the memory when unpacked.
TEMPLATE_MAX_BYTES = 50 << 20
TEMPLATE_MAX_UNPACKED = 200 << 20


def open_template(path: str) -> Document:
    """The template with its body emptied; its styles, sections, headers and footers (the letterhead) stay.

    The path comes from the letter settings, which a colleague's database may have set: anything but a sound
    .docx of reasonable size is a TemplateError that names the file and what to do."""
    template = Path(path).expanduser()
    if template.suffix.lower() != ".docx":
        raise TemplateError(f"The letter template {template} is not a .docx file; save it from Word as .docx "
                            "(a .dotx template cannot be used directly).")
    try:
        info = template.stat()
    except OSError as error:
        raise TemplateError(f"The letter template {template} is missing or cannot be read ({error.strerror}); "
                            "choose another template in the letter settings.") from error
    if not stat.S_ISREG(info.st_mode):
        raise TemplateError(f"The letter template {template} is not a file; choose a .docx file in the letter "
                            "settings.")
    if info.st_size > TEMPLATE_MAX_BYTES:
        raise TemplateError(f"The letter template {template} is {info.st_size / (1 << 20):,.0f} MB; a template "
                            f"may be at most {TEMPLATE_MAX_BYTES >> 20} MB.")
    try:
        with zipfile.ZipFile(template) as package:
            unpacked = sum(item.file_size for item in package.infolist())
        if unpacked > TEMPLATE_MAX_UNPACKED:
            raise TemplateError(f"The letter template {template} unpacks to {unpacked / (1 << 20):,.0f} MB; a "
                                f"template may unpack to at most {TEMPLATE_MAX_UNPACKED >> 20} MB.")
        document = docx.Document(str(template))
    except TemplateError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError,
            EOFError, SyntaxError) as error:  # lxml's XMLSyntaxError is a SyntaxError
        detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise TemplateError(f"The letter template {template} cannot be used: it is not a sound Word document ({detail}). Save it "
                            "again from Word as .docx, or choose another template.") from error
    body = document.element.body
    for child in list(body):
        # The last sectPr holds the page size, margins and the links to the letterhead's headers and footers.
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def letter_look(document: Document, language: str) -> None:
    """The look of a letter to parliament where no letterhead template gives one: python-docx's own template is a
    US Letter page with Word 2010's blue sans-serif headings. Here: an A4 page with margins of 2.5 cm; headings in
    the body's typeface, black and bold, a little larger than the text (the section's 12 pt, the title's 14 pt),
    with room above them and a little below, kept with the paragraph that follows; no widows or orphans; the
    letter's language for Word's spelling and hyphenation; the page number at the foot of every page but the
    first. A template keeps its own styles, page, headers and footers."""
    for section in document.sections:
        section.page_width, section.page_height = Twips(_A4[0]), Twips(_A4[1])
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Twips(_MARGIN)
        section.different_first_page_header_footer = True  # the first page's footer stays empty
        _page_number(section.footer.paragraphs[0])
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        paragraph = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        if paragraph is not None and paragraph.find(qn("w:widowControl")) is None:
            paragraph.insert(0, OxmlElement("w:widowControl"))
        run = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        lang = run.find(qn("w:lang")) if run is not None else None
        if lang is not None:
            lang.set(qn("w:val"), _WORD_LANGUAGES.get(language, language))
    for name, points, before, after in (("Heading 1", 12, 18, 6), ("Heading 2", 11, 12, 4), ("Title", 14, 0, 12)):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        _plain_heading_font(style, points)
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:pBdr")):  # the Title's blue rule
            ppr.remove(old)
        formatting = style.paragraph_format
        formatting.space_before, formatting.space_after = Pt(before), Pt(after)
        formatting.keep_with_next = True
        # Word shows the linked character style's look when a heading is applied to part of a paragraph.
        linked = style.element.find(qn("w:link"))
        if linked is not None:
            for other in document.styles:
                if other.style_id == linked.get(qn("w:val")):
                    _plain_heading_font(other, points)


def _page_number(paragraph: DocxParagraph) -> None:
    """The page's number, right-aligned in small print: a PAGE field, which Word and LibreOffice fill in."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "18")
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _plain_heading_font(style: Any, points: float) -> None:
    """The body's typeface (no font of its own), black (no colour), plain tracking, bold, ``points`` large."""
    properties = style.element.get_or_add_rPr()
    for tag in ("w:rFonts", "w:color", "w:spacing", "w:kern"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    style.font.bold = True
    style.font.size = Pt(points)


def _style(document: Document, name: str) -> str | None:
    """``name`` when the document has that style (templates may lack 'List Bullet' or 'Table Grid')."""
    try:
        document.styles[name]
    except KeyError:
        return None
    return name


class _Writer:
    """Adds the letter's parts to one document, remembering which styles it has."""

    def __init__(self, document: Document, letter: Letter) -> None:
        self.document = document
        self.letter = letter
        self.bullet = _style(document, "List Bullet")
        self.heading = _style(document, "Heading 1")

    def line(self, text: str, *, bold: bool = False, space_after: float | None = None,
             space_before: float | None = None) -> DocxParagraph:
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold or None
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        if space_before is not None:
            paragraph.paragraph_format.space_before = Pt(space_before)
        return paragraph

    def block(self, lines: tuple[str, ...], *, space_before: float | None = None) -> list[DocxParagraph]:
        """Lines that belong together (an address, the signature): no space between them, ``space_before`` above."""
        return [self.line(text, space_after=0 if index < len(lines) - 1 else None,
                          space_before=space_before if index == 0 else None) for index, text in enumerate(lines)]

    def heading_line(self, title: str) -> None:
        if self.heading:
            self.document.add_heading(title, level=1)
        else:
            self.line(title, bold=True)

    def paragraph(self, item: Paragraph) -> DocxParagraph:
        style = self.bullet if item.bullet else None
        paragraph = self.document.add_paragraph(style=style)
        if item.bullet and style is None:
            paragraph.add_run("\u2022 ")
        text_runs = []
        for run in item.runs:
            if run.kind is RunKind.FOOTNOTE:
                add_footnote_reference(paragraph, run.footnote)
            elif run.text:
                text_runs.append(_text_run(paragraph, run.text, bold=run.bold, italic=run.italic))
        provenance = item.provenance
        if self.letter.comments and provenance is not None and text_runs:
            remark = "; ".join(f"{p.author} · {p.page} · {p.judgment}" for p in (provenance, *item.also))
            self.document.add_comment(text_runs, text=remark, author=provenance.author or "annotator")
        return paragraph

    def annex(self) -> None:
        """The annex on pages of its own, turned to landscape: six columns need the width (in portrait the passage
        got a third of the page and words broke inside the narrow columns)."""
        letter = self.letter
        self.landscape_section()
        self.heading_line(letter.annex_title)
        if letter.figure:
            self.figure(letter.figure, letter.figure_caption)
        self.table(letter.annex_header, [(row.passage, row.page, row.judgment, row.theme, row.references, row.author)
                                         for row in letter.annex], _ANNEX_WIDE)
        if letter.changes:
            self.heading_line(letter.changes_title)
            self.table(letter.changes_header, [(row.passage, row.became, row.page, row.judgment, row.theme)
                                               for row in letter.changes], _CHANGES_WIDE)

    def landscape_section(self) -> None:
        """A new section on a new page, its page turned; the letterhead's headers and footers go on, but not its
        first-page header (the annex is not a letter's first page)."""
        previous = self.document.sections[-1]
        width, height = previous.page_width, previous.page_height
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        if width is not None and height is not None and width < height:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = height, width
        section.different_first_page_header_footer = False

    def usable_width(self) -> Length:
        section = self.document.sections[-1]
        page_width, left_margin, right_margin = section.page_width, section.left_margin, section.right_margin
        # python-docx reads None where the section has no page size or margins; every template here has them.
        assert page_width is not None and left_margin is not None and right_margin is not None
        return Emu(page_width - left_margin - right_margin)

    def figure(self, png: bytes, caption: str) -> None:
        """A picture across the text width (less when it would take more than half the page's height), with its
        caption below it in small italics."""
        section = self.document.sections[-1]
        width = self.usable_width()
        size = _png_size(png)
        if size and section.page_height is not None and section.top_margin is not None \
                and section.bottom_margin is not None:
            room = (section.page_height - section.top_margin - section.bottom_margin) // 2
            width = Emu(min(width, int(room * size[0] / size[1])))
        self.document.add_picture(io.BytesIO(png), width=width)
        if caption:
            text = _small(self.document.add_paragraph().add_run(caption))
            text.italic = True

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], wide: Sequence[float]) -> None:
        """A table in small print across the text width: a bold header row that Word and LibreOffice repeat on each
        page, then one row per entry, kept on one page unless it is long. The columns of running text (``wide``)
        share what the others leave; those are as wide as their longest word needs (see :func:`column_widths`)."""
        table = self.document.add_table(rows=1, cols=len(header))
        grid = _style(self.document, "Table Grid")
        if grid:
            table.style = grid
        table.autofit = False
        _cell_margins(table._tbl)
        widths = column_widths(header, rows, self.usable_width(), wide)
        for column, width in zip(table.columns, widths):
            column.width = width  # the grid, which LibreOffice follows; Word follows the cells' widths
        head = table.rows[0]
        _row_flags(head._tr, header=True)
        for cell, title, width in zip(head.cells, header, widths):
            cell.width = width
            _small(cell.paragraphs[0].add_run(title)).bold = True
        for values in rows:
            row = table.add_row()
            if sum(len(value.split()) for value in values) <= _UNSPLIT_WORDS:
                _row_flags(row._tr)
            for cell, value, width in zip(row.cells, values, widths):
                cell.width = width
                _small(cell.paragraphs[0].add_run(value))


def _text_run(paragraph: DocxParagraph, text: str, *, bold: bool = False, italic: bool = False) -> Run:
    """A run of ``text`` (bold, italic or plain), built directly: python-docx's run.text setter scans every
    character for tabs and line breaks, which letter text (whitespace already collapsed) never has, and that scan
    was a third of the time."""
    r = OxmlElement("w:r")
    if bold or italic:
        properties = OxmlElement("w:rPr")
        if bold:
            properties.append(OxmlElement("w:b"))
        if italic:
            properties.append(OxmlElement("w:i"))
        r.append(properties)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    paragraph._p.append(r)
    return Run(r, paragraph)


def _small(run: Run) -> Run:
    run.font.size = Pt(TABLE_POINTS)
    return run


def _text_points(text: str, bold: bool = False) -> float:
    """About how wide ``text`` prints in the tables' size, in points, on the safe side: 0.6 em a character (Cambria
    and Calibri average about half an em, the DejaVu faces LibreOffice puts in their place without them 0.6),
    0.66 in bold."""
    return len(text) * TABLE_POINTS * (0.66 if bold else 0.6)


def _words(text: str) -> list[str]:
    """The pieces a line of ``text`` can break between: at spaces and after a hyphen or dash."""
    return [piece for word in text.split() for piece in re.split(r"(?<=[-\u2010\u2013\u2014])", word) if piece]


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], usable: int,
                  wide: Sequence[float]) -> list[Length]:
    """Widths of a table's columns across ``usable`` (EMU). A column of short values (``wide`` 0: page, judgment,
    theme, treaties, author) is as wide as its longest word (the header's in bold), so that no word breaks inside
    it, and as wide as its longest value when there is room for it (a page range, "ernstige zorg" on one line); the
    columns of running text (``wide`` > 0, the passage) share the rest by their weights, and keep at least 40% of
    the width. A short column is at most a quarter of the width; where the longest words of all of them do not fit
    beside the passage's share, the widest of them give way (a long compound such as "VN-Rassendiscriminatieverdrag"
    breaks, rather than "verwelkomd" and "Fatima")."""
    total = usable / 12700  # points
    padding = 2 * _CELL_MARGIN_SIDE / 20 + 2
    columns = list(zip(header, *rows)) if rows else [(title,) for title in header]
    narrow = [index for index, weight in enumerate(wide) if not weight]
    cap = total / 4
    need: dict[int, float] = {}
    want: dict[int, float] = {}
    for index in narrow:
        title, *values = columns[index]
        word = max([_text_points(w, bold=True) for w in _words(title)]
                   + [_text_points(w) for value in values for w in _words(value)], default=0.0)
        line = max([_text_points(title, bold=True)] + [_text_points(value) for value in values])
        need[index] = min(word + padding, cap)
        want[index] = min(max(line + padding, need[index]), cap)
    floor = 0.4 * total
    room = total - floor - sum(need.values())
    if room < 0:  # even the longest words do not fit: the widest short columns give way, down to a common width
        level = _level(list(need.values()), total - floor)
        need = {index: min(width, level) for index, width in need.items()}
    else:
        # A column of labels (page, judgment, author: at most an eighth of the width) gets its longest value on one
        # line first; then the others (theme, treaties) grow towards theirs alike, as far as the room goes.
        for index in sorted((i for i in narrow if want[i] <= total / 8), key=lambda i: want[i] - need[i]):
            grow = min(want[index] - need[index], room)
            need[index] += grow
            room -= grow
        growing = [index for index in narrow if want[index] > need[index]]
        while growing and room > 0.01:
            share = room / len(growing)
            for index in list(growing):
                grow = min(want[index] - need[index], share)
                need[index] += grow
                room -= grow
                if want[index] - need[index] <= 0.01:
                    growing.remove(index)
    rest = total - sum(need.values())
    weights = sum(wide) or 1.0
    points = [need[index] if index in need else rest * weight / weights for index, weight in enumerate(wide)]
    return [Emu(int(width * 12700)) for width in points]


def _level(widths: list[float], room: float) -> float:
    """The width L for which the widths, each cut down to at most L, add up to ``room``."""
    rest = room
    ordered = sorted(widths)
    for count, width in enumerate(ordered):
        left = len(ordered) - count
        if width * left >= rest:
            return rest / left
        rest -= width
    return ordered[-1] if ordered else 0.0


def _cell_margins(tbl: Any) -> None:
    """Room inside each cell: a little above and below the text (the default has none, and the text touches the
    rules), a little less at the sides."""
    properties = tbl.tblPr
    for old in properties.findall(qn("w:tblCellMar")):
        properties.remove(old)
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", _CELL_MARGIN_TOP), ("left", _CELL_MARGIN_SIDE), ("bottom", _CELL_MARGIN_TOP),
                        ("right", _CELL_MARGIN_SIDE)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(value))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    # CT_TblPr's sequence: tblCellMar comes after the width, justification, spacing, indent and borders, shading
    # and layout, before tblLook.
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)


def _row_flags(tr: Any, *, header: bool = False) -> None:
    """Keep the row on one page (w:cantSplit); a header row also repeats at the top of every page (w:tblHeader)."""
    properties = tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _png_size(png: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG in pixels, from its header."""
    if len(png) < 24 or not png.startswith(b"\x89PNG"):
        return None
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return (width, height) if width and height else None


def _printable(value: Any) -> Any:
    """The letter with only characters Word can hold (a comment stored with a control character, from before
    text was checked or from a colleague's older program, must not make the whole compile fail)."""
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        return printable(value)
    if isinstance(value, tuple):
        return tuple(_printable(item) for item in value)
    if isinstance(value, list):
        return [_printable(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _printable(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value


# python-docx numbers Word comments from 0 by looking at every comment made so far (slow for thousands), and
# LibreOffice shows the wrong footnote's text where a comment and a footnote share a number: the letter numbers its
# comments itself, above every footnote's number. One letter at a time is written with that numbering.
_COMMENT_NUMBERS = threading.Lock()


@contextlib.contextmanager
def _comments_numbered_from(first: int) -> Iterator[None]:
    from docx.oxml.comments import CT_Comments

    numbers = itertools.count(first)
    with _COMMENT_NUMBERS:
        original = CT_Comments._next_available_comment_id
        CT_Comments._next_available_comment_id = lambda _self: next(numbers)  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            CT_Comments._next_available_comment_id = original  # type: ignore[method-assign]


def render_docx(letter: Letter, path: Path) -> None:
    """Write ``letter`` to ``path`` as .docx, on the template from the settings when one is set."""
    with _comments_numbered_from(max((note.number for note in letter.footnotes), default=0) + 1000):
        _render_docx(letter, path)


def _render_docx(letter: Letter, path: Path) -> None:
    letter = _printable(letter)
    if letter.template:
        document = open_template(letter.template)
    else:
        document = docx.Document()
        letter_look(document, letter.language)
    ensure_footnote_styles(document)
    writer = _Writer(document, letter)
    # Space between the letter's opening parts instead of empty paragraphs, which a reviewer would otherwise
    # find (and delete, or type in) in Word.
    writer.block(letter.sender)
    writer.block(tuple(line for line in (letter.place_date, letter.reference) if line), space_before=_OPENING_GAP)
    writer.line(letter.subject_line, bold=True, space_before=_PART_GAP)
    writer.line(letter.addressee, space_before=_PART_GAP)
    writer.line(letter.salutation, space_before=_PART_GAP)
    for item in letter.introduction:
        writer.paragraph(item)
    for section in ((letter.summary,) if letter.summary else ()) + letter.sections:
        writer.heading_line(section.title)
        for item in section.introduction + section.paragraphs:
            writer.paragraph(item)
    # The closing, the signatory's name and function stay together on one page, with room to sign above the name.
    closing = [writer.paragraph(item) for item in letter.closing]
    if closing:
        closing[0].paragraph_format.space_before = Pt(_PART_GAP)
    signed = [*closing, writer.line(""), *writer.block(letter.signature, space_before=_SIGNING_ROOM)]
    for paragraph in signed[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    if letter.annex:
        writer.annex()
    write_footnotes(document, ((note.number, note.text) for note in letter.footnotes))
    properties = document.core_properties
    properties.title = letter.title
    properties.subject = letter.subject
    properties.author = letter.author
    properties.language = letter.language
    # Packed in memory, then written: a disk that fills up fails the one write, not the packing (whose half-closed
    # archive would complain again when it is collected).
    packed = io.BytesIO()
    document.save(packed)
    Path(path).write_bytes(packed.getvalue())
