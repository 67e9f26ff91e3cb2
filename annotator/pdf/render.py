"""Page geometry, outline and rasterising, for the viewer's render worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the GUI uses OutlineEntry and Raster without loading MuPDF
    import fitz


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One bookmark of the PDF outline; ``page`` is 0-based, -1 when it points nowhere."""

    level: int
    title: str
    page: int


@dataclass(frozen=True, slots=True)
class Raster:
    """RGB pixels of a rendered page (3 bytes a pixel, rows ``stride`` bytes apart)."""

    width: int
    height: int
    stride: int
    samples: bytes


def page_sizes(doc: fitz.Document) -> list[tuple[float, float]]:
    """Width and height in points of every page, as displayed (rotation applied), without parsing page content."""
    sizes: list[tuple[float, float]] = []
    for index in range(doc.page_count):
        box = doc.page_cropbox(index)
        kind, value = doc.xref_get_key(doc.page_xref(index), "Rotate") if doc.is_pdf else ("null", "0")
        quarter_turned = kind == "int" and int(value) % 180 == 90
        sizes.append((box.height, box.width) if quarter_turned else (box.width, box.height))
    return sizes


def outline(doc: fitz.Document) -> list[OutlineEntry]:
    """The bookmarks in document order, with nesting level starting at 1."""
    return [OutlineEntry(level, title.strip() or "…", page - 1) for level, title, page, *_ in doc.get_toc(simple=True)]


MAX_RASTER_PIXELS = 48_000_000  # about 4.5 times a 4K screen; 144 MB as RGB
MAX_RASTER_SIDE = 16_384


def render(doc: fitz.Document, index: int, scale: float) -> Raster:
    """Rasterise page ``index`` at ``scale`` pixels per point, annotations included, on white."""
    import fitz

    page = doc.load_page(index)
    # Never more pixels than a large screen shows at high zoom, whatever shape the page claims (a page 3 pt wide
    # and 100,000 pt tall would otherwise ask for gigabytes): the raster is then smaller, and drawn scaled up.
    width, height = max(page.rect.width, 1.0), max(page.rect.height, 1.0)
    scale = max(min(scale, (MAX_RASTER_PIXELS / (width * height)) ** 0.5, MAX_RASTER_SIDE / max(width, height)), 1e-3)
    pixmap = page.get_pixmap(matrix=fitz.Matrix(scale, scale), alpha=False, annots=True)
    return Raster(pixmap.width, pixmap.height, pixmap.stride, pixmap.samples)
