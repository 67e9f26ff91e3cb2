"""Page text in reading order with a box for every character: what highlighting, search and anchoring build on."""

from __future__ import annotations

import gc
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.domain.model import Rect
from annotator.pdf.normalize import OffsetMap, normalize, normalize_with_map
from annotator.pdf.reading_order import reading_order

if TYPE_CHECKING:  # MuPDF is only needed where text is extracted, not where page texts are used (the GUI)
    import fitz

__all__ = ["PageText", "Word", "extract_page_text", "normalize", "TEXT_FLAGS"]

# Ligatures and whitespace stay as printed (normalize() expands ligatures); images are left out because their
# pixels would be copied into the extraction for nothing.
# fitz.TEXT_PRESERVE_LIGATURES | TEXT_PRESERVE_WHITESPACE | TEXT_MEDIABOX_CLIP | TEXT_CID_FOR_UNKNOWN_UNICODE,
# spelled out so that importing this module does not load MuPDF (a test checks the values).
TEXT_FLAGS = 1 | 2 | 64 | 128

_SPACES = frozenset(chr(code) for code in range(0x3000 + 1) if chr(code).isspace())


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


class PageText:
    """The text of one page in reading order, with per-character boxes, words and a normalised form.

    Characters are kept as two flat lists of x edges plus a line number each; the per-character Rect objects of
    ``boxes`` and the Word objects of ``words`` are only made when someone asks for them.
    """

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
    ) -> None:
        self.index = index
        self.width = width
        self.height = height
        self.text = text
        self._x0s = x0s
        self._x1s = x1s
        self._line_of = line_of
        self._lines = lines
        self._line_starts = [line.start for line in lines]
        self._word_spans = word_spans
        self._word_starts = [span[0] for span in word_spans]
        self.normalized, self._map = normalize_with_map(text)
        self._boxes: list[Rect] | None = None
        self._words: list[Word] | None = None
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
    def boxes(self) -> list[Rect]:
        """One box per character of ``text``; separators get a zero-width box at the previous character's edge."""
        if self._boxes is None:
            lines = self._lines
            self._boxes = [
                Rect(x0, lines[line].y0, x1, lines[line].y1)
                for x0, x1, line in zip(self._x0s, self._x1s, self._line_of)
            ]
        return self._boxes

    @property
    def words(self) -> list[Word]:
        """The words of the page in reading order."""
        if self._words is None:
            text = self.text
            lines = self._lines
            self._words = [
                Word(text[start:end], Rect(x0, lines[line].y0, x1, lines[line].y1), start, end)
                for start, end, x0, x1, line in self._word_spans
            ]
        return self._words

    def to_text_offset(self, normalized_index: int) -> int:
        """The offset in ``text`` of an offset in ``normalized``."""
        return self._map.to_text(normalized_index)

    def to_normalized_offset(self, text_index: int) -> int:
        """The offset in ``normalized`` of an offset in ``text``."""
        return self._map.to_normalized(text_index)

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
        word = self.words[position]
        return word if word.start <= index < word.end else None


def extract_page_text(page: fitz.Page, textpage: fitz.TextPage | None = None) -> PageText:
    """Extract the text of ``page`` (using ``textpage`` when the caller already made one with TEXT_FLAGS)."""
    if textpage is None:
        textpage = page.get_textpage(flags=TEXT_FLAGS)
    # A page yields thousands of short-lived dicts; cyclic garbage collection passes triggered by them would scan
    # every PageText already cached (about 40% of the time on a 500-page document). None of them form cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(page, textpage.extractRAWDICT())
    finally:
        if collecting:
            gc.enable()


def _build(page: fitz.Page, raw: dict) -> PageText:
    """The PageText of a page from MuPDF's raw dictionary of it."""
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

    for block_number in order:
        block_started = False
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
    text = "".join(parts)
    rect = page.rect
    return PageText(page.number, rect.width, rect.height, text, x0s, x1s, line_of, lines, word_spans)
