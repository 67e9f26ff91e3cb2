"""Text selections in reading order, over lines, columns and page breaks, and the anchors made from them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from annotator.domain.model import Anchor, Rect
from annotator.pdf.normalize import normalize
from annotator.pdf.textmodel import PageText

CONTEXT_CHARS = 32  # prefix and suffix length kept with a quote, as in the W3C TextQuoteSelector


@dataclass(frozen=True, order=True, slots=True)
class TextPosition:
    """A caret position: before character ``index`` of the page text of ``page``."""

    page: int
    index: int


@dataclass(frozen=True, slots=True)
class TextSelection:
    """From where the drag started (``anchor``) to where it is now (``focus``); either may come first."""

    anchor: TextPosition
    focus: TextPosition

    @property
    def start(self) -> TextPosition:
        return min(self.anchor, self.focus)

    @property
    def end(self) -> TextPosition:
        return max(self.anchor, self.focus)

    @property
    def is_empty(self) -> bool:
        return self.anchor == self.focus

    def page_ranges(self, texts: Mapping[int, PageText]) -> list[tuple[int, int, int]]:
        """(page, start, end) offsets of the selected text on each page; pages without a known text are skipped."""
        start, end = self.start, self.end
        ranges = []
        for page in range(start.page, end.page + 1):
            text = texts.get(page)
            if text is None:
                continue
            lo = start.index if page == start.page else 0
            hi = end.index if page == end.page else len(text.text)
            if hi > lo:
                ranges.append((page, lo, hi))
        return ranges

    def extended_to(self, focus: TextPosition) -> TextSelection:
        """The same selection with its moving end at ``focus`` (a drag or a shift-click)."""
        return TextSelection(self.anchor, focus)


def caret_at(text: PageText, x: float, y: float) -> int | None:
    """The caret offset nearest to (x, y): after a character when the point is past its middle."""
    index = text.nearest_char(x, y)
    if index is None:
        return None
    box = text.boxes[index]
    return index + 1 if x > (box.x0 + box.x1) / 2 else index


def selected_text(selection: TextSelection, texts: Mapping[int, PageText]) -> str:
    """The selected text as the reader sees it: line breaks kept, pages joined by a line break, without the
    running headers, footers and page numbers the selection ran over."""
    pieces = (texts[page].without_furniture(lo, hi).strip() for page, lo, hi in selection.page_ranges(texts))
    return "\n".join(piece for piece in pieces if piece)


def selection_rects(selection: TextSelection, texts: Mapping[int, PageText]) -> dict[int, list[Rect]]:
    """One rectangle per selected line, by page."""
    return {page: texts[page].rects(lo, hi) for page, lo, hi in selection.page_ranges(texts)}


def word_selection(text: PageText, x: float, y: float) -> TextSelection | None:
    """The word under (x, y) as a selection (a double-click)."""
    word = text.word_at(x, y)
    if word is None:
        return None
    return TextSelection(TextPosition(text.index, word.start), TextPosition(text.index, word.end))


_WORD_JOINERS = frozenset("-\u2010\u2011\u00ad'\u2019")  # inside a word: Staten-Generaal, zo’n
_NUMBER_JOINERS = frozenset(".,")  # inside a number: 1.000.000, 3,5


def _joins(text: str, index: int) -> bool:
    """True when the character at ``index`` holds the letters or digits either side of it together."""
    if not 0 < index < len(text) - 1:
        return False
    before, char, after = text[index - 1], text[index], text[index + 1]
    if char in _WORD_JOINERS:
        return before.isalnum() and after.isalnum()
    return char in _NUMBER_JOINERS and before.isdigit() and after.isdigit()


def word_bounds(text: PageText, index: int) -> tuple[int, int]:
    """The word around character ``index`` as (start, end) offsets: its letters and digits, with the hyphens and
    apostrophes inside it; a punctuation mark or a space is a unit of its own."""
    chars = text.text
    if not chars:
        return (0, 0)
    index = min(max(index, 0), len(chars) - 1)
    if not (chars[index].isalnum() or _joins(chars, index)):
        return (index, index + 1)
    start = index
    while start > 0 and (chars[start - 1].isalnum() or _joins(chars, start - 1)):
        start -= 1
    end = index + 1
    while end < len(chars) and (chars[end].isalnum() or _joins(chars, end)):
        end += 1
    return (start, end)


def line_bounds(text: PageText, index: int) -> tuple[int, int]:
    """The printed line around character ``index`` as (start, end) offsets, without the line break."""
    chars = text.text
    index = min(max(index, 0), len(chars))
    start = chars.rfind("\n", 0, index) + 1
    end = chars.find("\n", index)
    return (start, len(chars) if end < 0 else end)


def trimmed(selection: TextSelection, texts: Mapping[int, PageText]) -> TextSelection:
    """The selection without the spaces and line breaks at its ends; its anchor stays the end it was."""
    start, end = selection.start, selection.end
    first, last = texts.get(start.page), texts.get(end.page)
    lo, hi = start.index, end.index
    if first is not None:
        limit = len(first.text) if start.page != end.page else hi
        while lo < limit and first.text[lo].isspace():
            lo += 1
    if last is not None:
        limit = 0 if start.page != end.page else lo
        while hi > limit and last.text[hi - 1].isspace():
            hi -= 1
    new_start, new_end = TextPosition(start.page, lo), TextPosition(end.page, hi)
    if new_end < new_start:
        new_end = new_start
    if selection.anchor <= selection.focus:
        return TextSelection(new_start, new_end)
    return TextSelection(new_end, new_start)


def make_anchor(selection: TextSelection, texts: Mapping[int, PageText]) -> Anchor | None:
    """An anchor for the selected passage: quads, the normalised quote with its context, and offsets.

    Running headers, footers, page numbers and list bullets the selection runs over are not part of the passage:
    the quote, its context, its offsets and its quads leave them out (see PageText.body), so a passage over a page
    break reads on as the sentence does, and is found again by the same text in the anchoring index.
    """
    ranges = []
    for page, lo, hi in selection.page_ranges(texts):
        span = texts[page].body_span(lo, hi)
        if span is not None:
            ranges.append((page, *span))
    if not ranges:
        return None
    quads: list[Rect] = []
    quad_pages: list[int] = []
    for page, lo, hi in ranges:
        rects = texts[page].body_rects(lo, hi)
        quads.extend(rects)
        quad_pages.extend([page] * len(rects))
    # A page break reads as a line break: a word hyphenated over it is joined as on any other line.
    exact = normalize("\n".join(texts[page].masked_text[lo:hi] for page, lo, hi in ranges))
    if not exact or not quads:
        return None
    first_page, first_lo, _ = ranges[0]
    last_page, _, last_hi = ranges[-1]
    first, last = texts[first_page], texts[last_page]
    prefix_end = first.to_body_offset(first_lo)
    suffix_start = last.to_body_offset(last_hi)
    prefix = first.body[max(0, prefix_end - CONTEXT_CHARS):prefix_end]
    suffix = last.body[suffix_start:suffix_start + CONTEXT_CHARS]
    multi_page = len({page for page, _lo, _hi in ranges}) > 1
    return Anchor(
        page=first_page,
        quads=tuple(quads),
        exact=exact,
        prefix=prefix.lstrip(),
        suffix=suffix.rstrip(),
        start=first_lo,
        end=last_hi,
        quad_pages=tuple(quad_pages) if multi_page else (),
    )


def area_anchor(text: PageText | None, page: int, area: Rect) -> Anchor:
    """An anchor for a drawn rectangle, keeping the text that lies inside it (none on a scanned page)."""
    inside = prefix = suffix = ""
    start = end = None
    if text is not None and text.has_text_layer:
        # Page numbers, running headers and footers, and list bullets inside the area are not quoted.
        masked = text.masked_text
        indexes = [i for i in text.inside(area) if not masked[i].isspace()]
        if indexes:
            start, end = indexes[0], indexes[-1] + 1
            chosen = set(indexes)
            inside = normalize("".join(masked[i] if i in chosen else " " for i in range(start, end)))
            # The text around it, as for a selection: what finds it again in a new version, and what tells a
            # word the area cut in two from a whole one.
            before, after = masked[max(0, start - CONTEXT_CHARS):start], masked[end:end + CONTEXT_CHARS]
            prefix = normalize(before) + (" " if before[-1:].isspace() and before.strip() else "")
            suffix = (" " if after[:1].isspace() and after.strip() else "") + normalize(after)
    return Anchor(page=page, quads=(area,), exact=" ".join(inside.split()), prefix=prefix, suffix=suffix,
                  start=start, end=end)
