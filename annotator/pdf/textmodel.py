"""Page text in reading order with a box for every character: what highlighting, search and anchoring build on."""

from __future__ import annotations

import gc
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast, overload

from annotator.domain.model import Rect
from annotator.pdf.normalize import OffsetMap, normalize, normalize_with_map
from annotator.pdf.reading_order import reading_order

if TYPE_CHECKING:  # MuPDF is only needed where text is extracted, not where page texts are used (the GUI)
    import fitz

__all__ = ["PageText", "Word", "extract_page_text", "normalize", "TEXT_FLAGS", "FURNITURE_MARGIN", "PAGE_NUMBER"]

# Ligatures and whitespace stay as printed (normalize() expands ligatures); images are left out because their
# pixels would be copied into the extraction for nothing.
# fitz.TEXT_PRESERVE_LIGATURES | TEXT_PRESERVE_WHITESPACE | TEXT_MEDIABOX_CLIP | TEXT_CID_FOR_UNKNOWN_UNICODE,
# spelled out so that importing this module does not load MuPDF (a test checks the values).
TEXT_FLAGS = 1 | 2 | 64 | 128

_SPACES = frozenset(chr(code) for code in range(0x3000 + 1) if chr(code).isspace())

# Page furniture -- running headers and footers, printed page numbers among them -- sits in the top and bottom 12%
# of a page. A block lying wholly in one of these bands is furniture when it is a page number, or when the same
# text (digits aside) stands at the same height on other pages of the document.
FURNITURE_MARGIN = 0.12
# A printed page number on its own: "41", "- 12 -", "p. 3", "Pagina 3 van 50", "12 / 50", "xii".
PAGE_NUMBER = re.compile(
    r"(?:(?i:p|pag|pagina|page|blz|bladzijde)\.?\s*)?[-\u2013\u2014]?\s*"
    r"(?:\d{1,4}|(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
    r"\s*[-\u2013\u2014]?(?:\s*(?:/|(?i:van|of))\s*\d{1,4})?"
)
# Pages sampled, spread over the document, to tell running headers and footers by their repetition.
_RUNNING_SAMPLE = 12
# How far (points) the same running line may move from page to page.
_RUNNING_TOLERANCE = 4.0
_DIGITS = re.compile(r"\d+")
_NON_SPACE = re.compile(r"\S")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n")
# Glyphs that mark list items when they open a line: they are layout, not words of the text.
# (Symbol and Wingdings fonts put theirs in the private use area, U+F0B7 and the like.)
_BULLETS = frozenset("\u2022\u2023\u2043\u2219\u00b7\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u25ba\u25b6"
                     "\u27a2\u27a4\u2713\u2714")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the page text with its box; start/end are offsets into PageText.text."""

    text: str
    rect: Rect
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Line:
    """One text line: its characters text[start:end] (no separators) and its box."""

    start: int
    end: int
    x0: float
    y0: float
    x1: float
    y1: float


def _compact(mapping: OffsetMap) -> OffsetMap:
    """The same map with its pieces in arrays of machine integers (a tuple of ints costs 36 bytes an entry, an
    array 4): they answer the indexing and bisection the map does alike."""
    def ints(field: tuple[int, ...]) -> tuple[int, ...]:
        return cast("tuple[int, ...]", array("i", field))

    return OffsetMap(ints(mapping.norm_starts), ints(mapping.text_starts), ints(mapping.norm_lengths),
                     ints(mapping.text_lengths), mapping.norm_size, mapping.text_size)


class _Boxes(Sequence[Rect]):
    """The character boxes of a page, made one at a time when asked for (a list of them would cost as much as
    everything else a page text holds, several times over)."""

    __slots__ = ("_page",)

    def __init__(self, page: PageText) -> None:
        self._page = page

    def __len__(self) -> int:
        return len(self._page._x0s)

    @overload
    def __getitem__(self, index: int) -> Rect: ...

    @overload
    def __getitem__(self, index: slice) -> list[Rect]: ...

    def __getitem__(self, index: int | slice) -> Rect | list[Rect]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        page = self._page
        line = page._lines[page._line_of[index]]
        return Rect(page._x0s[index], line.y0, page._x1s[index], line.y1)

    def __iter__(self) -> Iterator[Rect]:
        page = self._page
        lines = page._lines
        for x0, x1, line in zip(page._x0s, page._x1s, page._line_of):
            yield Rect(x0, lines[line].y0, x1, lines[line].y1)


class PageText:
    """The text of one page in reading order, with per-character boxes, words and a normalised form.

    A page's text is kept compact, so that many of them fit in little memory (about 0.1 MB a page of the 2021
    agreement): characters as flat arrays of x edges and a line number each, words as arrays of their offsets,
    edges and lines, the offset maps as arrays; the Rect objects of ``boxes`` and the Word objects of ``words``
    are made when someone asks for them, and not kept.

    ``text`` and ``normalized`` hold everything printed on the page (search finds a page number too, and a drag
    may run over it). ``furniture`` (running headers and footers, page numbers) and ``markers`` (bullets opening
    list items) are ranges of ``text`` that belong to the layout, not to the words: ``body`` is the normalised text
    without them, which is what quotes are made of and anchored in.
    """

    __slots__ = ("index", "width", "height", "text", "_x0s", "_x1s", "_line_of", "_lines", "_line_starts",
                 "_word_starts", "_word_ends", "_word_x0s", "_word_x1s", "_word_lines", "normalized", "_map",
                 "furniture", "markers", "_skipped", "_body", "search_key")

    def __init__(
        self,
        index: int,
        width: float,
        height: float,
        text: str,
        x0s: list[float],
        x1s: list[float],
        line_of: list[int],
        lines: list[_Line],
        word_spans: list[tuple[int, int, float, float, int]],
        furniture: tuple[tuple[int, int], ...] = (),
        markers: tuple[tuple[int, int], ...] = (),
    ) -> None:
        self.index = index
        self.width = width
        self.height = height
        self.text = text
        self._x0s = array("d", x0s)
        self._x1s = array("d", x1s)
        self._line_of = array("i", line_of)
        self._lines = lines
        self._line_starts = array("i", [line.start for line in lines])
        self._word_starts = array("i", [span[0] for span in word_spans])
        self._word_ends = array("i", [span[1] for span in word_spans])
        self._word_x0s = array("d", [span[2] for span in word_spans])
        self._word_x1s = array("d", [span[3] for span in word_spans])
        self._word_lines = array("i", [span[4] for span in word_spans])
        self.normalized, mapping = normalize_with_map(text)
        self._map = _compact(mapping)
        self.furniture = furniture
        self.markers = markers
        self._skipped = _merge(furniture + markers)
        self._body: tuple[str, str, OffsetMap] | None = None  # (masked text, body, map), made when first asked
        self.search_key: object = None  # filled by search.py with its case-folded form of `normalized`

    @property
    def has_text_layer(self) -> bool:
        """False for a scanned page or a picture: there is no text to select."""
        return bool(self._lines)

    @property
    def offset_map(self) -> OffsetMap:
        """The map between offsets in ``normalized`` and in ``text``."""
        return self._map

    @property
    def boxes(self) -> Sequence[Rect]:
        """One box per character of ``text``; separators get a zero-width box at the previous character's edge."""
        return _Boxes(self)

    @property
    def words(self) -> list[Word]:
        """The words of the page in reading order."""
        return [self._word(position) for position in range(len(self._word_starts))]

    def _word(self, position: int) -> Word:
        start, end = self._word_starts[position], self._word_ends[position]
        line = self._lines[self._word_lines[position]]
        return Word(self.text[start:end], Rect(self._word_x0s[position], line.y0, self._word_x1s[position], line.y1),
                    start, end)

    def to_text_offset(self, normalized_index: int) -> int:
        """The offset in ``text`` of an offset in ``normalized``."""
        return self._map.to_text(normalized_index)

    def to_normalized_offset(self, text_index: int) -> int:
        """The offset in ``normalized`` of an offset in ``text``."""
        return self._map.to_normalized(text_index)

    @property
    def skipped(self) -> tuple[tuple[int, int], ...]:
        """The ranges of ``text`` left out of quotes: furniture and list markers, in order, not overlapping."""
        return self._skipped

    def _body_parts(self) -> tuple[str, str, OffsetMap]:
        if self._body is None:
            if not self._skipped:
                self._body = (self.text, self.normalized, self._map)
            else:
                text = self.text
                pieces: list[str] = []
                at = 0
                for start, end in self._skipped:
                    pieces.append(text[at:start])
                    pieces.append(" " * (end - start))
                    at = end
                pieces.append(text[at:])
                masked = "".join(pieces)
                body, mapping = normalize_with_map(masked)
                self._body = (masked, body, _compact(mapping))
        return self._body

    def inside(self, area: Rect) -> list[int]:
        """The indexes of the characters (not separators) whose box's centre lies in ``area``, in text order: a
        line at a time, so that a drawn area costs as many steps as the lines it covers."""
        found: list[int] = []
        x0s, x1s = self._x0s, self._x1s
        for line in self._lines:
            if not area.y0 <= (line.y0 + line.y1) / 2 <= area.y1 or line.x1 < area.x0 or line.x0 > area.x1:
                continue
            found.extend(index for index in range(line.start, line.end)
                         if x1s[index] > x0s[index] and area.x0 <= (x0s[index] + x1s[index]) / 2 <= area.x1)
        found.sort()
        return found

    @property
    def masked_text(self) -> str:
        """``text`` with the skipped ranges blanked out by spaces: the same length, so offsets still fit."""
        return self._body_parts()[0]

    @property
    def body(self) -> str:
        """The normalised text without furniture and list markers (``normalize(masked_text)``)."""
        return self._body_parts()[1]

    @property
    def body_map(self) -> OffsetMap:
        """The map between offsets in ``body`` and in ``text``."""
        return self._body_parts()[2]

    def to_body_offset(self, text_index: int) -> int:
        """The offset in ``body`` of an offset in ``text``."""
        return self.body_map.to_normalized(text_index)

    def body_to_text_offset(self, body_index: int) -> int:
        """The offset in ``text`` of an offset in ``body``."""
        return self.body_map.to_text(body_index)

    def body_span(self, start: int, end: int) -> tuple[int, int] | None:
        """text[start:end] narrowed to its first and last character of the body (None when it has none)."""
        masked = self.masked_text
        found = _NON_SPACE.search(masked, start, end)
        if found is None:
            return None
        last = len(masked[found.start():end].rstrip()) + found.start()
        return found.start(), last

    def body_pieces(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The parts of [start, end) that are not skipped, as (start, end) ranges of ``text``."""
        at = start
        first = max(bisect_left(self._skipped, (start, start)) - 1, 0)
        for skip_start, skip_end in self._skipped[first:]:
            if skip_start >= end:
                break
            if skip_end <= at:
                continue
            if skip_start > at:
                yield at, skip_start
            at = skip_end
        if at < end:
            yield at, end

    def body_rects(self, start: int, end: int) -> list[Rect]:
        """One rectangle per line covering the characters text[start:end] that are not furniture or markers."""
        found: list[Rect] = []
        for lo, hi in self.body_pieces(start, end):
            found.extend(self.rects(lo, hi))
        return found

    def without_furniture(self, start: int, end: int) -> str:
        """text[start:end] without running headers, footers and page numbers (list markers stay)."""
        if not self.furniture:
            return self.text[start:end]
        pieces: list[str] = []
        at = start
        for skip_start, skip_end in self.furniture:
            if skip_end <= at or skip_start >= end:
                continue
            pieces.append(self.text[at:skip_start])
            at = skip_end
        pieces.append(self.text[at:end])
        return _BLANK_LINES.sub("\n\n", "".join(pieces))

    def rects(self, start: int, end: int) -> list[Rect]:
        """One rectangle per line covering the characters text[start:end]."""
        if end <= start or not self._lines:
            return []
        found: list[Rect] = []
        first = max(bisect_right(self._line_starts, start) - 1, 0)
        for line in self._lines[first:]:
            if line.start >= end:
                break
            lo, hi = max(start, line.start), min(end, line.end)
            if lo >= hi:
                continue
            found.append(Rect(min(self._x0s[lo:hi]), line.y0, max(self._x1s[lo:hi]), line.y1))
        return found

    def char_at(self, x: float, y: float) -> int | None:
        """The index of the character under the point (x, y), or None when the point is on no character."""
        for line in self._lines:
            if line.y0 <= y <= line.y1 and line.x0 <= x <= line.x1:
                for index in range(line.start, line.end):
                    if self._x0s[index] <= x <= self._x1s[index] and not self.text[index].isspace():
                        return index
        return None

    def nearest_char(self, x: float, y: float) -> int | None:
        """The character closest to (x, y): the nearest line first, then the nearest character on it."""
        if not self._lines:
            return None

        def distance(line: _Line) -> tuple[float, float]:
            dy = max(line.y0 - y, 0.0, y - line.y1)
            dx = max(line.x0 - x, 0.0, x - line.x1)
            return (dy, dx)

        line = min(self._lines, key=distance)
        best = line.start
        best_distance = float("inf")
        for index in range(line.start, line.end):
            x0, x1 = self._x0s[index], self._x1s[index]
            gap = max(x0 - x, 0.0, x - x1)
            if gap < best_distance:
                best, best_distance = index, gap
                if gap == 0.0:
                    break
        return best

    def word_at(self, x: float, y: float) -> Word | None:
        """The word under the point (x, y), or None."""
        index = self.char_at(x, y)
        if index is None:
            return None
        position = bisect_right(self._word_starts, index) - 1
        if position < 0:
            return None
        word = self._word(position)
        return word if word.start <= index < word.end else None


def extract_page_text(page: fitz.Page, textpage: fitz.TextPage | None = None, *,
                      running_headers: bool = True) -> PageText:
    """Extract the text of ``page`` (using ``textpage`` when the caller already made one with TEXT_FLAGS).

    Without ``running_headers`` the page's running headers and footers are not told from its text (that reads a
    sample of the document's other pages the first time): for the boxes of search hits, which need only the text
    and its boxes; such a page text is not one to quote from."""
    if textpage is None:
        textpage = page.get_textpage(flags=TEXT_FLAGS)
    # A page yields thousands of short-lived dicts; cyclic garbage collection passes triggered by them would scan
    # every PageText already cached (about 40% of the time on a 500-page document). None of them form cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        raw = textpage.extractRAWDICT()
        # Running headers are told by their repetition: only a page with text in its margins needs the others.
        running = (_running_blocks(page.parent) if running_headers and _has_band_blocks(raw, page.rect.height)
                   else None)
        return _build(page, raw, running)
    finally:
        if collecting:
            gc.enable()


def _build(page: fitz.Page, raw: dict[str, Any], running: _Running | None = None) -> PageText:
    """The PageText of a page from MuPDF's raw dictionary of it; ``running`` tells its running headers."""
    blocks = [block for block in raw["blocks"] if block.get("type", 0) == 0 and block.get("lines")]
    order = reading_order([block["bbox"] for block in blocks], page.rect.width, page.rect.height)

    parts: list[str] = []
    x0s: list[float] = []
    x1s: list[float] = []
    line_of: list[int] = []
    lines: list[_Line] = []
    word_spans: list[tuple[int, int, float, float, int]] = []
    # Bound methods and locals: this loop runs once per character of the document.
    add_part, add_x0, add_x1, add_word = parts.append, x0s.append, x1s.append, word_spans.append
    spaces = _SPACES
    position = 0
    last_x1 = 0.0  # right edge of the last character, where the separator after it sits

    block_lines: list[tuple[int, int, int]] = []  # (block number, its first line, one past its last line)
    for block_number in order:
        block_started = False
        first_line = len(lines)
        for line in blocks[block_number]["lines"]:
            line_number = len(lines)
            line_start = -1
            word_start = -1
            word_x0 = 0.0
            space_seen = False
            for span in line["spans"]:
                for char in span["chars"]:
                    c = char["c"]
                    if c in spaces:
                        if word_start >= 0:
                            add_word((word_start, position, word_x0, last_x1, line_number))
                            word_start = -1
                        space_seen = True
                        continue
                    if line_start < 0:
                        if position:
                            # Separators get zero-width boxes at the right edge of the character before them,
                            # on that character's line.
                            separator = "\n" if block_started else "\n\n"
                            count = len(separator)
                            add_part(separator)
                            x0s.extend([last_x1] * count)
                            x1s.extend([last_x1] * count)
                            line_of.extend([line_number - 1] * count)
                            position += count
                        block_started = True
                        line_start = position
                    elif space_seen:
                        add_part(" ")
                        add_x0(last_x1)
                        add_x1(last_x1)
                        position += 1
                    space_seen = False
                    x0, _y0, last_x1, _y1 = char["bbox"]
                    if word_start < 0:
                        word_start = position
                        word_x0 = x0
                    add_part(c)
                    add_x0(x0)
                    add_x1(last_x1)
                    position += 1
            if line_start < 0:
                continue  # a line of nothing but spaces
            if word_start >= 0:
                add_word((word_start, position, word_x0, last_x1, line_number))
            line_of.extend([line_number] * (position - line_start))
            x0, y0, x1, y1 = line["bbox"]
            lines.append(_Line(line_start, position, x0, y0, x1, y1))
        if len(lines) > first_line:
            block_lines.append((block_number, first_line, len(lines)))
    text = "".join(parts)
    rect = page.rect
    furniture = tuple(
        (lines[first].start, lines[last - 1].end)
        for number, first, last in block_lines
        if _is_furniture(blocks[number]["bbox"], text[lines[first].start:lines[last - 1].end], rect.height, running)
    )
    markers = tuple(_list_markers(text, lines, word_spans))
    return PageText(page.number, rect.width, rect.height, text, x0s, x1s, line_of, lines, word_spans,
                    furniture, markers)


def _merge(ranges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """The ranges sorted, overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _list_markers(
    text: str, lines: list[_Line], word_spans: list[tuple[int, int, float, float, int]]
) -> list[tuple[int, int]]:
    """The bullets that open a line as a word of their own ("•", Symbol's U+F0B7): list markers, not text."""
    starts = {line.start for line in lines}
    return [
        (start, end)
        for start, end, _x0, _x1, _line in word_spans
        if end - start == 1 and start in starts and (text[start] in _BULLETS or "\ue000" <= text[start] <= "\uf8ff")
    ]


# --- page furniture -------------------------------------------------------------------------------------------

# What a document's sampled pages show in their top and bottom bands: (pages needed, key -> (page, y centre)s).
_Running = tuple[int, dict[str, list[tuple[int, float]]]]


def _in_band(y0: float, y1: float, height: float) -> bool:
    """Whether a box from y0 to y1 lies wholly in the top or the bottom band of a page ``height`` high."""
    band = height * FURNITURE_MARGIN
    return y1 <= band or y0 >= height - band


def _running_key(text: str) -> str | None:
    """What stays the same in a running header or footer from page to page: the words, with any digits as '#'.

    None for text without two letters (a page number or a lone bullet: told apart otherwise)."""
    key = _DIGITS.sub("#", " ".join(text.split()))
    return key if sum(char.isalpha() for char in key) >= 2 else None


def _is_furniture(bbox: tuple[float, float, float, float], text: str, height: float,
                  running: _Running | None) -> bool:
    """Whether a block is a page number or a running header or footer."""
    if not height or not _in_band(bbox[1], bbox[3], height):
        return False
    words = " ".join(text.split())
    if PAGE_NUMBER.fullmatch(words):
        return True
    if running is None:
        return False
    key = _running_key(words)
    if key is None:
        return False
    needed, seen = running
    centre = (bbox[1] + bbox[3]) / 2
    pages = {page for page, y in seen.get(key, ()) if abs(y - centre) <= _RUNNING_TOLERANCE}
    return len(pages) >= needed


def _has_band_blocks(raw: dict[str, Any], height: float) -> bool:
    """Whether any text block lies in the top or bottom band (only then is the document's sample needed)."""
    return any(
        block.get("type", 0) == 0 and _in_band(block["bbox"][1], block["bbox"][3], height)
        for block in raw["blocks"]
    )


def _running_blocks(doc: Any) -> _Running | None:
    """The band blocks of pages spread over ``doc``, to recognise text repeated as a running header or footer.

    Sampled once per document (kept on the document object), so that every page is judged by the same evidence
    whichever page is extracted first."""
    from annotator.pdf.document import MUPDF_ERRORS

    if doc is None:
        return None
    count = getattr(doc, "page_count", 0)
    cached: tuple[int, _Running | None] | None = getattr(doc, "_annotator_running", None)
    if cached is not None and cached[0] == count:
        return cached[1]
    running: _Running | None = None
    if count > 1:
        seen: dict[str, list[tuple[int, float]]] = {}
        sampled = 0
        step = max(count / _RUNNING_SAMPLE, 1.0)
        for index in sorted({int(position * step) for position in range(min(count, _RUNNING_SAMPLE))}):
            try:
                page = doc.load_page(index)
                height = page.rect.height
                blocks = page.get_text("blocks", flags=TEXT_FLAGS)
            except MUPDF_ERRORS:  # a damaged page says nothing about the others
                continue
            sampled += 1
            for x0, y0, x1, y1, text, _number, kind in blocks:
                if kind != 0 or not _in_band(y0, y1, height):
                    continue
                key = _running_key(text)
                if key is not None:
                    seen.setdefault(key, []).append((index, (y0 + y1) / 2))
        # Twice on a short document, three times in a longer one: a header repeats, a body line does not.
        running = (2 if sampled <= 8 else 3, seen)
    try:
        doc._annotator_running = (count, running)
    except AttributeError:
        pass
    return running
