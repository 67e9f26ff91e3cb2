"""Find a phrase in page text regardless of case, line breaks, runs of whitespace and hyphenation."""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from typing import TYPE_CHECKING

from annotator.domain.model import Rect
from annotator.pdf.normalize import LIGATURES, normalize
from annotator.pdf.reading_order import reading_order
from annotator.pdf.textmodel import TEXT_FLAGS, PageText, extract_page_text

if TYPE_CHECKING:
    import fitz

# Hyphens are ignored altogether, so "media-aanbod" finds "media-\naanbod" (joined to "mediaaanbod" by the
# normalisation) and "asiel en migratie" finds "asiel- en migratie".
_HYPHENS = "-\u00ad\u2010\u2011"
HYPHEN = re.compile(f"[{_HYPHENS}]")
# For the quick check before a page is extracted in full: what search compares, with all spaces removed too.
_LOOSE = str.maketrans(
    {
        **{chr(code): "\u2022" for code in range(0xE000, 0xF900)},
        **LIGATURES,
        **{hyphen: None for hyphen in _HYPHENS},
    }
)
_WHITESPACE = re.compile(r"\s+")
_SPACES_AND_HYPHENS = re.compile(f"[\\s{re.escape(_HYPHENS)}]+")
# Private-use glyphs and ligatures; most pages have none, and then the translation can be skipped.
_UNUSUAL = re.compile("[\ue000-\uf8ff\ufb00-\ufb06]")


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
    return zlib.compress(_page_key(page).text.encode("utf-8", "surrogatepass"), 1)


def count_in_key(key: bytes, query: str) -> int:
    """How many hits :func:`find_in_page` gives for ``query`` on the page whose :func:`compact_key` is ``key``.

    (UTF-8 is self-synchronising: a byte match is a character match, and counts the same non-overlapping hits.)"""
    needle = _query_key(query)
    if not needle:
        return 0
    return zlib.decompress(key).count(needle.encode("utf-8", "surrogatepass"))


def _may_contain(page: fitz.Page, textpage: fitz.TextPage, loose_needle: str) -> bool:
    """A cheap check on MuPDF's block text that never misses a page on which the full search would hit."""
    blocks = [block for block in textpage.extractBLOCKS() if block[6] == 0]
    order = reading_order([block[:4] for block in blocks], page.rect.width, page.rect.height)
    text = "".join(blocks[index][4] for index in order)
    if _UNUSUAL.search(text):
        text = text.translate(_LOOSE)
    return loose_needle in _SPACES_AND_HYPHENS.sub("", text).casefold()


def search_unread_page(page: fitz.Page, query: str) -> tuple[PageText | None, list[SearchHit]]:
    """The hits of ``query`` on a page not read before, with its text model when it had to be read for them (a
    quick look at MuPDF's own text first leaves out most pages that cannot hold the phrase)."""
    needle = _query_key(query)
    if not needle:
        return None, []
    textpage = page.get_textpage(flags=TEXT_FLAGS)
    if not _may_contain(page, textpage, _WHITESPACE.sub("", needle).translate(_LOOSE)):
        return None, []
    text = extract_page_text(page, textpage)
    return text, _find(text, needle)


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
    loose_needle = _WHITESPACE.sub("", needle).translate(_LOOSE)
    for index in range(doc.page_count):
        if cancelled():
            return
        page_text = texts.get(index) if texts is not None else None
        if page_text is None:
            page = doc.load_page(index)
            textpage = page.get_textpage(flags=TEXT_FLAGS)
            # Full extraction (a box per character) costs about twice MuPDF's own search; only pages that can
            # contain the phrase pay for it.
            if not _may_contain(page, textpage, loose_needle):
                continue
            page_text = extract_page_text(page, textpage)
            if texts is not None:
                texts[index] = page_text
        yield from _find(page_text, needle)
