"""Highlight annotations in PDF files: writing a copy of the agreement with the review in it, reading others back."""

from __future__ import annotations

import colorsys
import errno
import math
from dataclasses import dataclass
from pathlib import Path

import fitz

from annotator.domain.model import JUDGMENT_COLOURS, Judgment, Rect
from annotator.domain.text import printable
from annotator.pdf.document import MUPDF_ERRORS, open_pdf
from annotator.pdf.errors import DamagedPdfError
from annotator.pdf.textmodel import PageText, extract_page_text

__all__ = ["PdfHighlight", "PdfMark", "nearest_judgment", "read_pdf_highlights", "write_marks"]

# A colour names a judgment when its hue lies within this many degrees of the judgment's, and it is a colour at all.
_HUE_LIMIT_DEGREES = 12.0
_MIN_SATURATION = 0.5
_MIN_VALUE = 0.4


def rgb(colour: str) -> tuple[float, float, float]:
    """``#rrggbb`` as three floats in 0..1, as PDF colours are written."""
    value = colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def nearest_judgment(colour: tuple[float, ...] | None) -> Judgment | None:
    """The judgment whose colour has the closest hue to an annotation's colour, or None when none is close.

    By hue rather than RGB distance: a reader's pure red reads as a violation, while its default yellow (between
    our concern and our welcome) and pale or grey colours name no judgment.
    """
    if not colour or len(colour) != 3:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(*colour)
    if saturation < _MIN_SATURATION or value < _MIN_VALUE:
        return None
    best, distance = None, 1.0
    for judgment, hex_colour in JUDGMENT_COLOURS.items():
        other = colorsys.rgb_to_hsv(*rgb(hex_colour))[0]
        gap = min(abs(hue - other), 1 - abs(hue - other))
        if gap < distance:
            best, distance = judgment, gap
    return best if distance * 360 <= _HUE_LIMIT_DEGREES else None


@dataclass(frozen=True, slots=True)
class PdfMark:
    """One annotation to write: a text highlight (one rectangle per line) or a drawn area (one square)."""

    page: int
    rects: tuple[Rect, ...]
    area: bool
    colour: str
    author: str
    subject: str
    content: str


def write_marks(source: Path, target: Path, marks: list[PdfMark], password: str | None = None) -> int:
    """Write a new PDF at ``target``: ``source`` with ``marks`` added; returns the number written.

    Always a full save with garbage collection, never an incremental one: a repaired file cannot be saved
    incrementally, and the copy must not depend on the original's damage. An encrypted source is saved decrypted.
    ``target`` is written directly (annotator.services.files puts it in place whole); MuPDF failing to save it
    (a full disk) is an OSError naming ``target``.
    """
    if Path(target).resolve() == Path(source).resolve():
        raise ValueError(f"The annotated copy cannot replace the original {source}; choose another file name.")
    doc = open_pdf(Path(source), password)
    written = 0
    try:
        for mark in marks:
            if not 0 <= mark.page < doc.page_count or not mark.rects:
                continue
            page = doc.load_page(mark.page)
            rects = [fitz.Rect(r.x0, r.y0, r.x1, r.y1) for r in mark.rects]
            if mark.area:
                annot = page.add_rect_annot(rects[0])
                annot.set_colors(stroke=rgb(mark.colour))
                annot.set_border(width=1.5)
            else:
                annot = page.add_highlight_annot(quads=[rect.quad for rect in rects])
                annot.set_colors(stroke=rgb(mark.colour))
            annot.set_info(title=mark.author, content=mark.content, subject=mark.subject)
            annot.update()
            written += 1
        try:
            doc.save(str(target), garbage=3, deflate=True, encryption=fitz.PDF_ENCRYPT_NONE)
        except MUPDF_ERRORS as error:
            raise OSError(errno.EIO, f"MuPDF could not save the PDF ({error})", str(target)) from error
    finally:
        doc.close()
    return written


@dataclass(frozen=True, slots=True)
class PdfHighlight:
    """A highlight (or square) found in a PDF made with another reader, with the text under it."""

    page: int
    rects: tuple[Rect, ...]
    area: bool
    text: str
    comment: str
    author: str
    colour: tuple[float, ...] | None
    judgment: Judgment | None
    name: str
    xref: int


def _quad_rects(annot: fitz.Annot) -> tuple[Rect, ...]:
    """The highlight's quads (four points each) as rectangles; its bounding box when it has none."""
    points = annot.vertices or []
    rects = []
    for index in range(0, len(points) - 3, 4):
        xs = [point[0] for point in points[index:index + 4]]
        ys = [point[1] for point in points[index:index + 4]]
        rects.append(Rect(min(xs), min(ys), max(xs), max(ys)))
    if not rects:
        box = annot.rect
        rects.append(Rect(box.x0, box.y0, box.x1, box.y1))
    return tuple(rects)


def text_under(page_text: PageText, rects: tuple[Rect, ...]) -> str:
    """The characters whose centres lie in the rectangles, in reading order, with whitespace made single."""
    chosen = []
    for index, box in enumerate(page_text.boxes):
        x, y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        if any(rect.contains(x, y) for rect in rects):
            chosen.append(page_text.text[index])
        elif chosen and page_text.text[index].isspace():
            chosen.append(" ")
    return " ".join("".join(chosen).split())


def read_pdf_highlights(pdf_path: Path, password: str | None = None) -> list[PdfHighlight]:
    """Every highlight and square annotation in the PDF, with its text, note, author and nearest judgment."""
    doc = open_pdf(Path(pdf_path), password)
    found: list[PdfHighlight] = []
    try:
        for page in doc:
            page_text: PageText | None = None
            for annot in page.annots(types=(fitz.PDF_ANNOT_HIGHLIGHT, fitz.PDF_ANNOT_SQUARE)):
                area = annot.type[0] == fitz.PDF_ANNOT_SQUARE
                rects = _quad_rects(annot) if not area else (Rect(*annot.rect),)
                if page_text is None:
                    page_text = extract_page_text(page)
                info = annot.info
                stroke = tuple(annot.colors.get("stroke") or ()) or None
                found.append(PdfHighlight(
                    page=page.number,
                    rects=rects,
                    area=area,
                    text=text_under(page_text, rects),
                    # Another reader's note may hold anything: only what can be stored and printed comes in.
                    comment=printable(info.get("content") or "").strip(),
                    author=" ".join(printable(info.get("title") or "").split())[:200],
                    colour=stroke,
                    judgment=nearest_judgment(stroke),
                    name=(info.get("id") or "").strip(),
                    xref=annot.xref,
                ))
    except MUPDF_ERRORS as error:
        raise DamagedPdfError(Path(pdf_path), f"The highlights in {Path(pdf_path).name} cannot be read: the file is "
                                              f"damaged ({error}).") from error
    finally:
        doc.close()
    return [found_one for found_one in found if all(_finite(rect) for rect in found_one.rects)]


def _finite(rect: Rect) -> bool:
    return all(math.isfinite(value) and abs(value) <= 1_000_000 for value in (rect.x0, rect.y0, rect.x1, rect.y1))
