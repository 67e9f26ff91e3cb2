"""Write the letter as a Word document: heading styles for sections, real footnotes, properties, the template's look."""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import io
import itertools
import stat
import threading
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.text.run import Run
from docx.text.paragraph import Paragraph as DocxParagraph

from annotator.domain.text import printable
from annotator.letter.docx_footnotes import add_footnote_reference, ensure_footnote_styles, write_footnotes
from annotator.letter.model import Letter, Paragraph, RunKind


# Shares of the text width for the annex columns: passage, page, judgment, theme, treaties, author.
_ANNEX_SHARES = (0.31, 0.11, 0.15, 0.16, 0.16, 0.11)
# And for the table of changes: passage in the previous version, what became of it, page, judgment, theme.
_CHANGES_SHARES = (0.31, 0.30, 0.11, 0.12, 0.16)


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

    def line(self, text: str, *, bold: bool = False, space_after: float | None = None) -> DocxParagraph:
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold or None
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    def block(self, lines: tuple[str, ...]) -> list[DocxParagraph]:
        return [self.line(text, space_after=0 if index < len(lines) - 1 else None) for index, text in enumerate(lines)]

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
        letter = self.letter
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self.heading_line(letter.annex_title)
        if letter.figure:
            self.figure(letter.figure, letter.figure_caption)
        self.table(letter.annex_header, [(row.passage, row.page, row.judgment, row.theme, row.references, row.author)
                                         for row in letter.annex], _ANNEX_SHARES)
        if letter.changes:
            self.document.add_paragraph()
            self.heading_line(letter.changes_title)
            self.table(letter.changes_header, [(row.passage, row.became, row.page, row.judgment, row.theme)
                                               for row in letter.changes], _CHANGES_SHARES)

    def figure(self, png: bytes, caption: str) -> None:
        """A picture across the text width, with its caption below it in small italics."""
        import io

        section = self.document.sections[-1]
        page_width, left_margin, right_margin = section.page_width, section.left_margin, section.right_margin
        assert page_width is not None and left_margin is not None and right_margin is not None
        self.document.add_picture(io.BytesIO(png), width=Emu(page_width - left_margin - right_margin))
        if caption:
            text = _small(self.document.add_paragraph().add_run(caption))
            text.italic = True

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], shares: Sequence[float]) -> None:
        """A table in small print across the text width: a bold header row, then one row per entry."""
        table = self.document.add_table(rows=1, cols=len(header))
        grid = _style(self.document, "Table Grid")
        if grid:
            table.style = grid
        table.autofit = False
        section = self.document.sections[-1]
        page_width, left_margin, right_margin = section.page_width, section.left_margin, section.right_margin
        # python-docx reads None where the section has no page size or margins; every template here has them.
        assert page_width is not None and left_margin is not None and right_margin is not None
        usable = page_width - left_margin - right_margin
        widths = [Emu(int(usable * share)) for share in shares]
        for column, width in zip(table.columns, widths):
            column.width = width  # the grid, which LibreOffice follows; Word follows the cells' widths
        for cell, title, width in zip(table.rows[0].cells, header, widths):
            cell.width = width
            _small(cell.paragraphs[0].add_run(title)).bold = True
        for values in rows:
            cells = table.add_row().cells
            for cell, value, width in zip(cells, values, widths):
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
    run.font.size = Pt(8.5)
    return run


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
    document = open_template(letter.template) if letter.template else docx.Document()
    ensure_footnote_styles(document)
    writer = _Writer(document, letter)
    writer.block(letter.sender)
    writer.line("")
    writer.block(tuple(line for line in (letter.place_date, letter.reference) if line))
    writer.line(letter.subject_line, bold=True)
    writer.line("")
    writer.line(letter.addressee)
    writer.line("")
    writer.line(letter.salutation)
    for item in letter.introduction:
        writer.paragraph(item)
    for section in ((letter.summary,) if letter.summary else ()) + letter.sections:
        writer.heading_line(section.title)
        for item in section.introduction + section.paragraphs:
            writer.paragraph(item)
    writer.line("")
    # The closing, the signatory's name and function stay together on one page.
    signed = [*(writer.paragraph(item) for item in letter.closing), writer.line(""), *writer.block(letter.signature)]
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
