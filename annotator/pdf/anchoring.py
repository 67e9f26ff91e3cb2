"""Place quotes in a document: find a quote (with its context and a page hint) and make an anchor for it.

The pages' body texts (PageText.body: the normalised text without running headers, footers, page numbers and
list bullets) are joined into one document string once, so a quote is found with a single ``str.find`` however
many pages there are, and a passage that runs over a page break is found like any other: the sentence that
continues on the next page reads on without the page furniture in between, as the window's quotes do. Case, line
breaks, runs of whitespace and hyphens do not matter (the same folding as the search bar).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from annotator.domain.model import Anchor, AnchorStatus, Rect
from annotator.pdf.normalize import OffsetMap, normalize
from annotator.pdf.search import HYPHEN, FoldedText, fold  # the search bar's folding: both must agree
from annotator.pdf.selection import CONTEXT_CHARS
from annotator.pdf.textmodel import PageText

__all__ = ["Anchorer", "Placement", "FUZZY_MIN_SCORE"]

_HYPHENS = "-\u00ad\u2010"
# A fuzzy match must be this close (rapidfuzz partial_ratio, 0-100) to count; lower scores pair unrelated text.
FUZZY_MIN_SCORE = 90.0
# Quotes shorter than this are not matched fuzzily: a few letters are "close" to something on every page.
_FUZZY_MIN_LENGTH = 12
# Longer quotes are matched fuzzily by their first and last this many characters.
_FUZZY_PIECE = 300
# Context scores (0-200) closer than this count as a tie.
_TIE = 0.5
# What makes normalize() do more than collapse whitespace: private-use glyphs, ligatures, soft hyphens, and a
# hyphen before a line break.
_SPECIAL = re.compile("[\ue000-\uf8ff\ufb00-\ufb06\u00ad]|[-\u2010]\\s*\n")


def _normalize_quote(text: str) -> str:
    """normalize(text), with a shortcut for the common quote that only needs its whitespace collapsed."""
    if _SPECIAL.search(text):
        return normalize(text)
    return " ".join(text.split())


def _key(text: str) -> str:
    """The folded form of a quote (as search compares it): normalised, case-folded, without hyphens."""
    return HYPHEN.sub("", _normalize_quote(text).casefold()) if text else ""


@dataclass(frozen=True)
class Placement:
    """Where a quote went: its status, the anchor (None for an orphan) and how many places matched."""

    status: AnchorStatus
    anchor: Anchor | None
    candidates: int


class _Index:
    """One document string made of page texts, with the way back from its offsets to pages and page offsets.

    Made of the pages' ``body`` texts, or (``whole``) of their full normalised texts, page numbers and bullets
    included, for quotes saved that way by earlier versions or by other programs."""

    def __init__(self, texts: Sequence[PageText], *, whole: bool = False) -> None:
        parts: list[str] = []
        self.pages: list[PageText] = []
        self.maps: list[OffsetMap] = []  # each segment's map back to its page text
        self.doc_starts: list[int] = []  # where each segment starts in the document string
        self.lengths: list[int] = []
        self.split_words: list[bool] = []  # whether the segment's last word goes on, after its hyphen, on the next
        position = 0
        for page in texts:
            segment, mapping = (page.normalized, page.offset_map) if whole else (page.body, page.body_map)
            if not segment:
                continue
            if parts:
                joiner = _page_joiner(parts[-1], segment)
                if joiner is None:  # the previous page ends in a hyphen that splits a word: drop it
                    parts[-1] = parts[-1][:-1]
                    self.lengths[-1] -= 1
                    self.split_words[-1] = True
                    position -= 1
                    joiner = ""
                parts.append(joiner)
                position += len(joiner)
            parts.append(segment)
            self.pages.append(page)
            self.maps.append(mapping)
            self.split_words.append(False)
            self.doc_starts.append(position)
            self.lengths.append(len(segment))
            position += len(segment)
        self.doc = "".join(parts)
        self.key: FoldedText = fold(self.doc)

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Every occurrence of a folded needle, as (start, end) in the document string."""
        found: list[tuple[int, int]] = []
        text = self.key.text
        at = text.find(needle)
        while at >= 0:
            found.append(self.to_doc(at, at + len(needle)))
            at = text.find(needle, at + 1)
        return found

    def to_doc(self, start: int, end: int) -> tuple[int, int]:
        """Key offsets (start, end) as document offsets."""
        return self.key.to_normalized(start), self.key.to_normalized(end - 1) + 1

    def segment_of(self, doc_offset: int) -> int:
        return max(bisect_right(self.doc_starts, doc_offset) - 1, 0)

    def page_of(self, doc_offset: int) -> int:
        return self.pages[self.segment_of(doc_offset)].index

    def doc_offset(self, page: int, text_offset: int) -> int | None:
        """The document offset of ``text_offset`` in the page text of ``page``, or None if it was left out."""
        for segment, text in enumerate(self.pages):
            if text.index != page:
                continue
            relative = self.maps[segment].to_normalized(text_offset)
            if 0 <= relative <= self.lengths[segment]:
                return self.doc_starts[segment] + relative
        return None

    def anchor(self, start: int, end: int, exact: str) -> Anchor | None:
        """The anchor of document range [start, end): quads per page, text offsets and the context around it."""
        quads: list[Rect] = []
        quad_pages: list[int] = []
        first: tuple[int, int] | None = None  # (page, text start)
        last: tuple[int, int] | None = None  # (page, text end)
        for segment in range(self.segment_of(start), len(self.pages)):
            seg_start = self.doc_starts[segment]
            if seg_start >= end:
                break
            lo = max(start, seg_start) - seg_start
            hi = min(end, seg_start + self.lengths[segment]) - seg_start
            if lo >= hi:
                continue  # only the separator between two pages
            page, mapping = self.pages[segment], self.maps[segment]
            text_lo = mapping.to_text(lo)
            text_hi = mapping.to_text(hi - 1) + 1
            if hi == self.lengths[segment] and self.split_words[segment] and end > seg_start + hi:
                text_hi = mapping.to_text(hi) + 1  # the hyphen of a word split over the page break is highlighted
            rects = page.body_rects(text_lo, text_hi)
            quads.extend(rects)
            quad_pages.extend([page.index] * len(rects))
            if first is None:
                first = (page.index, text_lo)
            last = (page.index, text_hi)
        if first is None or last is None or not quads:
            return None
        multi_page = len(set(quad_pages)) > 1
        return Anchor(
            page=quad_pages[0],
            quads=tuple(quads),
            exact=exact,
            prefix=self.doc[max(0, start - CONTEXT_CHARS):start].lstrip(),
            suffix=self.doc[end:end + CONTEXT_CHARS].rstrip(),
            start=first[1],
            end=last[1],
            quad_pages=tuple(quad_pages) if multi_page else (),
        )


def _page_joiner(before: str, after: str) -> str | None:
    """What goes between two pages' texts: a space, nothing (a hyphen kept), or None (drop the hyphen).

    Decided by normalize() itself, as if the page break were a line break, so a word hyphenated over a page
    break reads exactly as the same word hyphenated over a line.
    """
    if not before or before[-1] not in _HYPHENS:
        return " "
    tail = before[max(0, before.rfind(" ") + 1):]
    head = after.split(" ", 1)[0]
    joined = normalize(f"{tail}\n{head}")
    if joined == tail + head:
        return ""
    if joined == tail[:-1] + head:
        return None
    return " "


class Anchorer:
    """Finds quotes in one document; make it once per document, then :meth:`place` as many quotes as needed."""

    def __init__(self, texts: Sequence[PageText]) -> None:
        self._texts = list(texts)
        self._index = _Index(self._texts)
        # Quotes saved with a page number or a bullet inside (by earlier versions, or by other programs) are looked
        # up in a second string that keeps them, made only when a quote is not found in the first.
        self._whole: _Index | None = None

    def place(
        self,
        exact: str,
        prefix: str = "",
        suffix: str = "",
        page_hint: int | None = None,
        *,
        position: int | None = None,
    ) -> Placement:
        """Find ``exact`` in the document; prefix/suffix, then the page hint (0-based), then ``position`` (an offset
        as given by :meth:`document_offset`) decide between repeats."""
        quote = _normalize_quote(exact)
        needle = HYPHEN.sub("", quote.casefold())
        if not needle:
            return Placement(AnchorStatus.ORPHANED, None, 0)
        index = self._index
        hits = index.find_all(needle)
        if not hits:
            index = self._numbered()
            hits = index.find_all(needle)
        if not hits:
            index = self._index
            return self._fuzzy(index, needle, quote)
        chosen, resolved = _choose(index, hits, _key(prefix), _key(suffix), page_hint, position)
        anchor = index.anchor(*chosen, quote)
        if anchor is None:
            return Placement(AnchorStatus.ORPHANED, None, len(hits))
        status = AnchorStatus.ANCHORED if resolved else AnchorStatus.AMBIGUOUS
        return Placement(status, anchor, len(hits))

    def document_offset(self, page: int, text_offset: int) -> int | None:
        """The offset in the joined document text of an offset in a page text (for a TextPositionSelector)."""
        return self._index.doc_offset(page, text_offset)

    def _numbered(self) -> _Index:
        if self._whole is None:
            self._whole = _Index(self._texts, whole=True)
        return self._whole

    def _fuzzy(self, index: _Index, needle: str, quote: str) -> Placement:
        """The closest passage when the quote is not found as it is (a typo, a changed word, another extractor)."""
        if len(needle) < _FUZZY_MIN_LENGTH:
            return Placement(AnchorStatus.ORPHANED, None, 0)
        text = index.key.text
        if len(needle) <= 2 * _FUZZY_PIECE:
            span = _fuzzy_span(text, needle)
        else:
            # Matching a long passage whole costs time that grows with its square; its two ends place it as well.
            head = _fuzzy_span(text, needle[:_FUZZY_PIECE])
            tail = _fuzzy_span(text, needle[-_FUZZY_PIECE:])
            span = None
            if head is not None and tail is not None and tail[1] > head[0]:
                if abs((tail[1] - head[0]) - len(needle)) <= len(needle) // 5:
                    span = (head[0], tail[1], head[2] and tail[2])
        if span is None:
            return Placement(AnchorStatus.ORPHANED, None, 0)
        start, end, unique = span
        anchor = index.anchor(*index.to_doc(start, end), quote)
        if anchor is None:
            return Placement(AnchorStatus.ORPHANED, None, 0)
        if not unique:
            return Placement(AnchorStatus.AMBIGUOUS, anchor, 2)
        return Placement(AnchorStatus.ANCHORED, anchor, 1)


def _fuzzy_span(text: str, needle: str) -> tuple[int, int, bool] | None:
    """(start, end, unique) of the passage of ``text`` closest to ``needle``, if it is close enough."""
    best = fuzz.partial_ratio_alignment(needle, text, score_cutoff=FUZZY_MIN_SCORE)
    if best is None:
        return None
    start, end = best.dest_start, best.dest_end
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if start >= end:
        return None
    # Unique only if nothing else comes as close once the best passage is blanked out.
    blanked = text[:start] + "\0" * (end - start) + text[end:]
    second = fuzz.partial_ratio_alignment(needle, blanked, score_cutoff=FUZZY_MIN_SCORE)
    return start, end, second is None


def _choose(
    index: _Index,
    hits: list[tuple[int, int]],
    prefix: str,
    suffix: str,
    page_hint: int | None,
    position: int | None,
) -> tuple[tuple[int, int], bool]:
    """The best of several hits and whether it was decided (False: a tie that only a guess could break)."""
    if len(hits) == 1:
        return hits[0], True
    tied = hits
    if prefix or suffix:
        scores = [_context_score(index, hit, prefix, suffix) for hit in hits]
        best = max(scores)
        tied = [hit for hit, score in zip(hits, scores) if score >= best - _TIE]
    if len(tied) > 1 and page_hint is not None:
        distances = [abs(index.page_of(start) - page_hint) for start, _end in tied]
        nearest = min(distances)
        tied = [hit for hit, distance in zip(tied, distances) if distance == nearest]
    if len(tied) > 1 and position is not None:
        gaps = [abs(start - position) for start, _end in tied]
        tied = [tied[gaps.index(min(gaps))]] if gaps.count(min(gaps)) == 1 else tied
    return tied[0], len(tied) == 1


def _context_score(index: _Index, hit: tuple[int, int], prefix: str, suffix: str) -> float:
    """How well the text around a hit matches the quote's prefix and suffix (0-200)."""
    doc = index.doc
    start, end = hit
    score = 0.0
    if prefix:
        before = _key(doc[max(0, start - 2 * len(prefix) - 8):start])[-len(prefix):]
        score += fuzz.ratio(prefix, before)
    if suffix:
        after = _key(doc[end:end + 2 * len(suffix) + 8])[:len(suffix)]
        score += fuzz.ratio(suffix, after)
    return score
