"""Find a phrase in page text regardless of case, line breaks, runs of whitespace and hyphenation."""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from typing import TYPE_CHECKING

from annotator.domain.model import Rect
from annotator.pdf.normalize import LIGATURES, _line_end_hyphen, normalize
from annotator.pdf.reading_order import reading_order
from annotator.pdf.textmodel import TEXT_FLAGS, PageText, extract_page_text

if TYPE_CHECKING:
    import fitz

# Hyphens are ignored altogether, so "media-aanbod" finds "media-\naanbod" (joined to "mediaaanbod" by the
# normalisation) and "asiel en migratie" finds "asiel- en migratie".
_HYPHENS = "-\u00ad\u2010\u2011"
HYPHEN = re.compile(f"[{_HYPHENS}]")
# What the page text's normalisation does to whitespace (see normalize.normalize_with_map), for block_key: a run
# of whitespace with a line break after a hyphen, which normalisation reads as a hyphenated word or not.
_BREAK_AFTER_HYPHEN = re.compile(r"(?<=[-\u2010])\s*\n\s*")
_LINE_END_HYPHEN = re.compile(r"[-\u2010]\s*\n")
_OTHER_HYPHEN = re.compile("[\u00ad\u2010\u2011]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_LIGATURE = re.compile("[\ufb00-\ufb06]")
_EXPAND_LIGATURES = str.maketrans(LIGATURES)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One match: page index, offsets into that page's PageText.text, and one rectangle per line."""

    page: int
    start: int
    end: int
    rects: tuple[Rect, ...]


@dataclass(frozen=True, slots=True)
class PageHits:
    """What a search found on one page: the number of hits, and the hits themselves when the page's full text was
    at hand; None when only its compact key was (see :func:`compact_key`): ``find`` on the page gives them."""

    page: int
    count: int
    hits: tuple[SearchHit, ...] | None


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A page's searchable form: case-folded normalized text without hyphens, and the way back."""

    text: str
    removed: tuple[int, ...]  # key offsets at which a hyphen was removed, one entry per hyphen
    folded_to_normalized: tuple[int, ...] | None  # only when case folding changed the length (ß -> ss)

    def to_normalized(self, index: int) -> int:
        folded = index + bisect_right(self.removed, index)
        if self.folded_to_normalized is None:
            return folded
        return self.folded_to_normalized[folded]


def fold(normalized: str) -> FoldedText:
    """The search key of a normalized text."""
    folded = normalized.casefold()
    mapping: tuple[int, ...] | None = None
    if len(folded) != len(normalized):
        pieces: list[str] = []
        positions: list[int] = []
        for index, char in enumerate(normalized):
            piece = char.casefold()
            pieces.append(piece)
            positions.extend([index] * len(piece))
        folded = "".join(pieces)
        mapping = tuple(positions)
    removed = tuple(match.start() - rank for rank, match in enumerate(HYPHEN.finditer(folded)))
    if removed:
        folded = HYPHEN.sub("", folded)
    return FoldedText(folded, removed, mapping)


def _break_after_hyphen(match: re.Match[str]) -> str:
    """A line break after a hyphen as normalisation reads it: gone within a word, a space before "en" or a capital."""
    text = match.string
    end = match.end()
    return " " if end == len(text) or _line_end_hyphen(text, match.start() - 1, end) == "space" else ""


def block_key(text: str) -> str:
    """The search key (``fold(normalize(text)).text``) of a page's text, made without the offset maps.

    ``text`` is MuPDF's block text of the page in reading order, blocks joined by blank lines: it differs from the
    page text model's only in whitespace (spaces at line ends, a line of nothing but spaces), which normalisation
    makes the same, so this is the key of the page's PageText, at a small part of the cost of extracting it."""
    if "\u00ad" in text:  # soft hyphens (rare): normalisation's own way
        return fold(normalize(text)).text
    if _LINE_END_HYPHEN.search(text):
        text = _BREAK_AFTER_HYPHEN.sub(_break_after_hyphen, text)
    text = " ".join(text.split())  # str.split's whitespace is the regular expressions' \s
    if _PRIVATE_USE.search(text):
        text = _PRIVATE_USE.sub("\u2022", text)
    if _LIGATURE.search(text):
        text = text.translate(_EXPAND_LIGATURES)
    text = text.casefold().replace("-", "")
    return HYPHEN.sub("", text) if _OTHER_HYPHEN.search(text) else text


def page_block_key(page: fitz.Page, textpage: fitz.TextPage) -> tuple[bool, str]:
    """Whether the page has a text layer, and its search key (:func:`block_key`) from MuPDF's text blocks."""
    blocks = [block for block in textpage.extractBLOCKS() if block[6] == 0 and block[4]]
    order = reading_order([block[:4] for block in blocks], page.rect.width, page.rect.height)
    text = "\n\n".join(blocks[index][4] for index in order)
    return (not text.isspace() and bool(text)), block_key(text)


def _query_key(query: str) -> str:
    """What a query is compared as."""
    return HYPHEN.sub("", normalize(query).casefold())


def _page_key(page: PageText) -> FoldedText:
    """The page's search key, made once and kept on the page."""
    key = page.search_key
    if not isinstance(key, FoldedText):
        key = fold(page.normalized)
        page.search_key = key
    return key


def _find(page: PageText, needle: str) -> list[SearchHit]:
    """All non-overlapping occurrences of an already folded needle."""
    if not needle:
        return []
    key = _page_key(page)
    hits: list[SearchHit] = []
    at = key.text.find(needle)
    while at >= 0:
        last = at + len(needle) - 1
        start = page.to_text_offset(key.to_normalized(at))
        end = page.to_text_offset(key.to_normalized(last)) + 1
        hits.append(SearchHit(page.index, start, end, tuple(page.rects(start, end))))
        at = key.text.find(needle, at + len(needle))
    return hits


def find_in_page(page: PageText, query: str) -> list[SearchHit]:
    """Every occurrence of ``query`` on the page, ignoring case, line breaks, whitespace runs and hyphens."""
    return _find(page, _query_key(query))


def compact_key(page: PageText) -> bytes:
    """What the page is searched in, small enough to keep for every page of a long document (about a tenth of the
    page's full text model): its folded text, UTF-8, compressed."""
    return compress_key(_page_key(page).text)


def compress_key(key: str) -> bytes:
    """A search key (a page's folded text) as :func:`compact_key` keeps it."""
    return zlib.compress(key.encode("utf-8", "surrogatepass"), 1)


def count_in_key(key: bytes, query: str) -> int:
    """How many hits :func:`find_in_page` gives for ``query`` on the page whose :func:`compact_key` is ``key``.

    (UTF-8 is self-synchronising: a byte match is a character match, and counts the same non-overlapping hits.)"""
    needle = _query_key(query)
    if not needle:
        return 0
    return zlib.decompress(key).count(needle.encode("utf-8", "surrogatepass"))


def search_unread_page(page: fitz.Page, query: str, *, boxes: bool = True
                       ) -> tuple[int, list[SearchHit] | None, tuple[bool, bytes]]:
    """Search a page not read before: the number of hits, the hits (None when their boxes were not wanted: a page
    with hits is read in full only for them) and the page's compact key with whether it has a text layer, from
    MuPDF's block text, which costs little."""
    needle = _query_key(query)
    textpage = page.get_textpage(flags=TEXT_FLAGS)
    has_text, key = page_block_key(page, textpage)
    count = key.count(needle) if needle else 0
    hits: list[SearchHit] | None = [] if boxes or not count else None
    if count and boxes:
        hits = _find(extract_page_text(page, textpage, running_headers=False), needle)
    return count, hits, (has_text, compress_key(key))


def search_document(
    doc: fitz.Document,
    query: str,
    *,
    texts: dict[int, PageText] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[SearchHit]:
    """Hits of ``query`` page by page; pages already in ``texts`` are reused, pages with hits are added to it."""
    needle = _query_key(query)
    if not needle:
        return
    for index in range(doc.page_count):
        if cancelled():
            return
        page_text = texts.get(index) if texts is not None else None
        if page_text is None:
            page = doc.load_page(index)
            textpage = page.get_textpage(flags=TEXT_FLAGS)
            # Full extraction (a box per character) costs several times MuPDF's own search; only pages whose
            # search key (from MuPDF's block text, the same key) holds the phrase pay for it.
            if needle not in page_block_key(page, textpage)[1]:
                continue
            page_text = extract_page_text(page, textpage)
            if texts is not None:
                texts[index] = page_text
        yield from _find(page_text, needle)
