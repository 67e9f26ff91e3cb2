"""Place quotes in a document: find a quote (with its context and a page hint) and make an anchor for it.

The pages' body texts (PageText.body: the normalised text without running headers, footers, page numbers and
list bullets) are joined into one document string once, so a quote is found with a single ``str.find`` however
many pages there are, and a passage that runs over a page break is found like any other: the sentence that
continues on the next page reads on without the page furniture in between, as the window's quotes do. Case, line
breaks, runs of whitespace and hyphens do not matter (the same folding as the search bar).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from annotator.domain.model import Anchor, AnchorStatus, Candidate, Rect
from annotator.pdf.alignment import Words, align, invert, word_keys
from annotator.pdf.normalize import OffsetMap, normalize
from annotator.pdf.search import HYPHEN, FoldedText, fold  # the search bar's folding: both must agree
from annotator.pdf.selection import CONTEXT_CHARS
from annotator.pdf.textmodel import PageText

__all__ = ["Anchorer", "Carrier", "Carry", "Passage", "Placement", "FUZZY_MIN_SCORE", "fuzzy_threshold", "similarity"]

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
        self.on_page: dict[int, list[int]] = {}  # the segments of each page
        for number, text in enumerate(self.pages):
            self.on_page.setdefault(text.index, []).append(number)

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
        for segment in self.on_page.get(page, ()):
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


# --- carrying annotations over to a new version -------------------------------------------------------------

# Candidates whose scores (0-1) are closer than this fit "about equally": the carry-over does not choose.
_MARGIN = 0.08
# At most this many candidate places are kept with an ambiguous or orphaned annotation.
_CANDIDATES = 5
# Words of a quote's context on each side that the alignment must confirm for that side to count.
_CONTEXT_WORDS = 4
# Words of the quote the alignment may put the ends of a changed passage off by, tried both ways.
_SLACK = 2
# A word found more often than this in the new version does not help to find where a passage went.
_RARE = 100


@dataclass(frozen=True, slots=True)
class Passage:
    """An annotation's quote as it stood in the old version: its words and context, and where it was when known
    (0-based pages; ``start`` an offset in the page text of ``page``, ``end`` one in that of ``end_page``)."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    page: int | None = None
    start: int | None = None
    end_page: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Carry:
    """Where a passage went in the new version: ANCHORED (the same words), FUZZY (the passage with changed words),
    AMBIGUOUS (the best of several places that fit about equally) or ORPHANED (anchor None); ``score`` how close
    the words at the new place are to the old quote (0-1); ``candidates`` as in domain.model.CarriedFrom."""

    status: AnchorStatus
    anchor: Anchor | None
    score: float
    candidates: tuple[Candidate, ...] = ()


def fuzzy_threshold(words: int, sides: int) -> float:
    """The least score (0-1, see :func:`similarity`) at which a changed passage counts as the same passage:
    stricter the shorter the quote (a few words are "close" to many others), less strict for each side of
    context (0-2) that is confirmed around it. Two unrelated sentences of the agreement score about 0.3."""
    base = 0.85 if words <= 2 else 0.75 if words <= 4 else 0.65 if words <= 8 else 0.55
    return base - 0.05 * sides


def similarity(quote_key: str, text: str) -> float:
    """How close the words of ``text`` are to a quote's key (0-1): the mean of the Indel similarity of their
    words (a changed word counts whole) and of their letters (a changed ending counts little)."""
    key = _key(text)
    by_words = Indel.normalized_similarity(word_keys(quote_key), word_keys(key))
    return (by_words + fuzz.ratio(quote_key, key) / 100.0) / 2


def _aligned_before(matches: Sequence[int], position: int) -> int:
    """The last aligned position at or before ``position`` (-1 if none)."""
    while position >= 0 and matches[position] < 0:
        position -= 1
    return position


def _aligned_after(matches: Sequence[int], position: int, limit: int | None = None) -> int:
    """The first aligned position at or after ``position``, before ``limit`` (default: the end); else ``limit``."""
    end = len(matches) if limit is None else limit
    while position < end and matches[position] < 0:
        position += 1
    return position


def _whole(words: Words, start: int, end: int, low: int, high: int, *, clauses: bool = False) -> bool:
    """Whether words start..end (exclusive) are whole sentences (or, with ``clauses``, whole clauses or list
    items) of the stretch low..high of unaligned words: each end is a sentence's end or the stretch's."""
    ends = words.ends_clause if clauses else words.stop
    opens = start == low or (start > 0 and ends(start - 1))
    closes = end == high or ends(end - 1)
    return opens and closes


class Carrier:
    """Carries passages of an old version of a document over to a new one (see Anchorer for the new one).

    With the old version's page texts, the two documents are aligned word by word once (annotator.pdf.alignment)
    and each passage's old offsets are carried through the alignment, which keeps document order: a repeated
    phrase lands where its neighbourhood went, a deleted passage finds the place where it was empty. Every mapped
    span is checked against the quote: the same words are ANCHORED; changed words are FUZZY when they are close
    enough for the quote's length and its context; a passage deleted at its place is ORPHANED, unless the very
    same passage was moved elsewhere as a whole. A look-alike sentence elsewhere never takes a deleted passage.

    Without the old version (or for a quote it does not hold) the passage is searched: the same words, decided
    between repeats by context and page; else candidates that share its rarer words, scored by similarity and
    context, or the place between its prefix and its suffix.
    """

    def __init__(self, new: Anchorer, old: Sequence[PageText] | None = None) -> None:
        self._anchorer = new
        self._new = new._index
        self._vocabulary: dict[str, int] = {}
        self._new_words = Words(self._new.doc, self._vocabulary)
        self._old: _Index | None = None
        # The old version's page count, for page hints when only the passages are known (set by the caller).
        self.old_pages = len(old) if old else None
        self._order: list[int] | None = None  # positions of the new version's words, sorted by word
        self._sorted: list[int] = []  # their words
        if old:
            self._old = _Index(old)
            self._old_words = Words(self._old.doc, self._vocabulary)
            self._matches = align(self._old_words, self._new_words)
            self._back = invert(self._matches, len(self._new_words))

    @property
    def aligned(self) -> bool:
        """Whether the old version's text is at hand (else every passage is searched for)."""
        return self._old is not None

    def carry(self, passages: Sequence[Passage]) -> list[Carry]:
        """Where each passage goes in the new version."""
        return [self._carry(passage) for passage in passages]

    def _carry(self, passage: Passage) -> Carry:
        quote = _normalize_quote(passage.exact)
        quote_key = HYPHEN.sub("", quote.casefold())
        if not quote_key.strip():
            return Carry(AnchorStatus.ORPHANED, None, 0.0)
        if self._old is not None:
            span = self._old_span(self._old, passage, quote_key)
            if span is not None:
                carried = self._aligned(span, quote, quote_key)
                if carried is not None:
                    return carried
        return self._searched(passage, quote, quote_key)

    # -- through the alignment --------------------------------------------------------------------------------

    def _old_span(self, old: _Index, passage: Passage, quote_key: str) -> tuple[int, int] | None:
        """The passage's offsets in the old document string: its own, when they hold its words, else found."""
        position = None
        if passage.page is not None and passage.start is not None and passage.end is not None:
            start = old.doc_offset(passage.page, passage.start)
            end_page = passage.page if passage.end_page is None else passage.end_page
            end = old.doc_offset(end_page, passage.end)
            if start is not None and end is not None and start < end:
                if _key(old.doc[start:end]) == quote_key:
                    return start, end
            position = start
        hits = old.find_all(quote_key)
        if not hits:
            return None
        chosen, _resolved = _choose(old, hits, _key(passage.prefix), _key(passage.suffix), passage.page, position)
        return chosen

    def _aligned(self, span: tuple[int, int], quote: str, quote_key: str) -> Carry | None:
        """The passage at old offsets ``span`` carried through the alignment; None when it has no words."""
        old_words, new_words, matches = self._old_words, self._new_words, self._matches
        start, end = span
        first = bisect_right(old_words.ends, start)  # its first word: the first that ends after its start
        stop = bisect_left(old_words.starts, end)  # one past its last word
        if first >= stop:
            return None
        count = stop - first
        lead = start - old_words.starts[first]  # characters before its first word (or into it: negative)
        tail = end - old_words.ends[stop - 1]
        # The new words between the aligned words around it, where it must be if it is still in its place.
        before = _aligned_before(matches, first - 1)
        after = _aligned_after(matches, stop)
        low = matches[before] + 1 if before >= 0 else 0
        high = matches[after] - 1 if after < len(old_words) else len(new_words) - 1
        head = _aligned_after(matches, first, stop)
        if head < stop:  # some of its words are aligned
            last = _aligned_before(matches, stop - 1)
            begin, finish = matches[head], matches[last]
            if head > first:
                begin = max(low, begin - (head - first))
            if last < stop - 1:
                finish = min(high, finish + (stop - 1 - last))
            fixed = (head == first, last == stop - 1)
            ns, ne = self._chars(begin, finish, lead if fixed[0] else min(lead, 0),
                                 tail if fixed[1] else max(tail, 0))
            if _key(self._new.doc[ns:ne]) == quote_key:
                return self._placed(AnchorStatus.ANCHORED, ns, ne, quote, 1.0)
            # Where as many new words stand between the aligned words as old ones went, they took their places
            # one for one, and the changed passage ends where the count says.
            kept = (fixed[0] or head - before - 1 == matches[head] - low,
                    fixed[1] or after - last - 1 == high - matches[last])
            score, ns, ne = self._refine(quote_key, begin, finish, low, high, lead, tail, fixed,
                                         matches[head], matches[last], kept)
            if score == 1.0 and _key(self._new.doc[ns:ne]) == quote_key:
                return self._placed(AnchorStatus.ANCHORED, ns, ne, quote, 1.0)
            sides = self._sides(first, stop, ns, ne)
            if score >= fuzzy_threshold(count, sides):
                return self._placed(AnchorStatus.FUZZY, ns, ne, self._new.doc[ns:ne], score)
            in_place: list[tuple[float, int, int]] = [(score, ns, ne)]
        else:
            in_place = []
            if low <= high:  # something else stands where it stood: changed beyond recognition, or replaced
                score, ns, ne = self._in_gap(quote_key, count, low, high, lead, tail)
                if ns < ne and score == 1.0 and _key(self._new.doc[ns:ne]) == quote_key:
                    return self._placed(AnchorStatus.ANCHORED, ns, ne, quote, 1.0)
                if ns < ne:
                    sides = self._sides(first, stop, ns, ne)
                    if score >= fuzzy_threshold(count, sides):
                        return self._placed(AnchorStatus.FUZZY, ns, ne, self._new.doc[ns:ne], score)
                    in_place.append((score, ns, ne))
        moved = self._moved(first, stop, quote, quote_key, lead, tail)
        if moved is not None:
            return moved
        return self._orphan(quote_key, in_place)

    def _chars(self, begin: int, finish: int, lead: int, tail: int) -> tuple[int, int]:
        """Document offsets of new words ``begin``..``finish`` (inclusive), with what the old quote had before
        its first word and after its last: ``lead`` characters before (negative: punctuation such as an opening
        bracket) or into the word (positive), ``tail`` after (positive: punctuation) or into it; never beyond
        the neighbouring words."""
        words, doc = self._new_words, self._new.doc
        start, end = words.starts[begin], words.ends[finish]
        floor = words.ends[begin - 1] if begin > 0 else 0
        ceiling = words.starts[finish + 1] if finish + 1 < len(words) else len(doc)
        if lead:
            start = min(max(start + lead, floor), words.ends[begin] - 1)
        if tail:
            end = max(min(end + tail, ceiling), words.starts[finish] + 1)
        while start < end and doc[start] == " ":
            start += 1
        while end > start and doc[end - 1] == " ":
            end -= 1
        return start, end

    def _refine(self, quote_key: str, begin: int, finish: int, low: int, high: int, lead: int, tail: int,
                fixed: tuple[bool, bool], first_match: int, last_match: int,
                kept: tuple[bool, bool] | None = None) -> tuple[float, int, int]:
        """The best (score, start, end) for a changed passage, its unaligned ends moved by up to _SLACK words
        (never past its aligned words, nor into the aligned words around it), except the ends ``kept``: the
        start first, then the end."""
        kept = fixed if kept is None else kept
        doc = self._new.doc
        lead = lead if fixed[0] else min(lead, 0)
        tail = tail if fixed[1] else max(tail, 0)

        def scored(b: int, f: int) -> tuple[float, int, int]:
            ns, ne = self._chars(b, f, lead, tail)
            return similarity(quote_key, doc[ns:ne]), ns, ne

        best = scored(begin, finish)
        if not kept[0]:
            for b in range(max(low, begin - _SLACK), min(first_match, finish, begin + _SLACK) + 1):
                if b != begin and (found := scored(b, finish))[0] > best[0]:
                    best, begin = found, b
        if not kept[1]:
            start = finish
            for f in range(max(last_match, begin, start - _SLACK), min(high, start + _SLACK) + 1):
                if f != start and (found := scored(begin, f))[0] > best[0]:
                    best, finish = found, f
        return best

    def _in_gap(self, quote_key: str, count: int, low: int, high: int, lead: int = 0,
                tail: int = 0) -> tuple[float, int, int]:
        """The best (score, start, end) among the new words low..high (inclusive) for a passage none of whose
        words are aligned: all of them when they are about as many as the quote's, else the closest stretch."""
        words, doc = self._new_words, self._new.doc
        if high - low + 1 > count + 2 * _SLACK:
            window = doc[words.starts[low]:words.ends[high]]
            found = fuzz.partial_ratio_alignment(quote_key, window.casefold())
            if found is None:
                return 0.0, 0, 0
            offset = words.starts[low]
            begin = bisect_right(words.ends, offset + found.dest_start)
            finish = max(bisect_left(words.starts, offset + found.dest_end) - 1, begin)
            low, high = max(low, begin - _SLACK), min(high, finish + _SLACK)
        else:
            begin, finish = low, high
        return self._refine(quote_key, begin, finish, low, high, lead, tail, (False, False), finish, begin)

    def _sides(self, first: int, stop: int, ns: int, ne: int) -> int:
        """On how many sides (0-2) the words around the old passage are aligned with the words around the new."""
        matches, words = self._matches, self._new_words
        begin = bisect_right(words.ends, ns)
        finish = bisect_left(words.starts, ne) - 1
        sides = 0
        if first == 0 and begin == 0:
            sides += 1
        else:
            near = [matches[i] for i in range(max(0, first - _CONTEXT_WORDS), first)]
            if sum(1 for m in near if begin - 2 * _CONTEXT_WORDS <= m < begin) >= _CONTEXT_WORDS // 2:
                sides += 1
        if stop == len(matches) and finish == len(words) - 1:
            sides += 1
        else:
            near = [matches[i] for i in range(stop, min(len(matches), stop + _CONTEXT_WORDS))]
            if sum(1 for m in near if finish < m <= finish + 2 * _CONTEXT_WORDS) >= _CONTEXT_WORDS // 2:
                sides += 1
        return sides

    def _moved(self, first: int, stop: int, quote: str, quote_key: str, lead: int, tail: int) -> Carry | None:
        """The passage's very words elsewhere, in text the alignment left unmatched, as part of whole sentences
        that were moved: the same words, from a sentence start to a sentence end, as went missing around it at
        its old place. A look-alike sentence shares words with a deleted one, but not all of them, and is not
        taken."""
        old_words, new_words = self._old_words, self._new_words
        old_ids, new_ids, back = old_words.ids, new_words.ids, self._back
        wanted = list(old_ids[first:stop])
        old_low = _aligned_before(self._matches, first - 1) + 1
        old_high = _aligned_after(self._matches, stop)
        found: list[tuple[int, int]] = []
        # Where the passage's rarest word stands in the new version, the passage may begin a few words before.
        offset = min(range(len(wanted)), key=lambda at: self._frequency(wanted[at]))
        for position in self._where(wanted[offset]):
            begin, finish = position - offset, position - offset + len(wanted)
            if begin < 0 or finish > len(new_ids) or list(new_ids[begin:finish]) != wanted:
                continue
            if _aligned_after(back, begin, finish) < finish:
                continue  # some of it is aligned with other words of the old version
            new_low = _aligned_before(back, begin - 1) + 1
            new_high = _aligned_after(back, finish)
            i, j = first - 1, begin - 1
            while i >= old_low and j >= new_low and old_ids[i] == new_ids[j]:
                i, j = i - 1, j - 1
            old_start, new_start = i + 1, j + 1
            i, j = stop, finish
            while i < old_high and j < new_high and old_ids[i] == new_ids[j]:
                i, j = i + 1, j + 1
            # Whole sentences of what went missing at the old place; at the new place it may be put in a list.
            if (_whole(old_words, old_start, i, old_low, old_high)
                    and _whole(new_words, new_start, j, new_low, new_high, clauses=True)):
                ns, ne = self._chars(begin, finish - 1, lead, tail)
                if _key(self._new.doc[ns:ne]) == quote_key:
                    found.append((ns, ne))
        if not found:
            return None
        if len(found) == 1:
            return self._placed(AnchorStatus.ANCHORED, *found[0], quote, 1.0)
        candidates = [c for start, end in found[:_CANDIDATES] if (c := self._candidate(start, end, 1.0))]
        if not candidates:
            return None
        return Carry(AnchorStatus.AMBIGUOUS, candidates[0].anchor, 1.0, tuple(candidates))

    def _where(self, number: int) -> list[int]:
        """The positions of a word (by its number) in the new version, in order."""
        if self._order is None:
            ids = self._new_words.ids
            self._order = sorted(range(len(ids)), key=ids.__getitem__)
            self._sorted = list(map(ids.__getitem__, self._order))
        return self._order[bisect_left(self._sorted, number):bisect_right(self._sorted, number)]

    def _frequency(self, number: int) -> int:
        if self._order is None:
            self._where(number)
        return bisect_right(self._sorted, number) - bisect_left(self._sorted, number)

    def _orphan(self, quote_key: str, near: list[tuple[float, int, int]]) -> Carry:
        """An orphan, with the look-alike passages found (never placed): for the reviewer to place it by hand."""
        seen = list(near) + self._similar(quote_key)
        seen.sort(key=lambda item: -item[0])
        candidates: list[Candidate] = []
        taken: list[tuple[int, int]] = []
        for score, start, end in seen:
            if score < 0.5 or any(start < e and s < end for s, e in taken):
                continue
            candidate = self._candidate(start, end, score)
            if candidate is not None:
                candidates.append(candidate)
                taken.append((start, end))
            if len(candidates) == _CANDIDATES:
                break
        return Carry(AnchorStatus.ORPHANED, None, 0.0, tuple(candidates))

    # -- by searching ----------------------------------------------------------------------------------------

    def _searched(self, passage: Passage, quote: str, quote_key: str) -> Carry:
        """The passage found by its words and context alone."""
        index = self._new
        hits = index.find_all(quote_key)
        if not hits:
            numbered = self._anchorer._numbered()
            hits = numbered.find_all(quote_key)
            if hits:
                index = numbered
        prefix, suffix = _key(passage.prefix), _key(passage.suffix)
        if hits:
            # Only the context decides between repeats; the nearest to where it was (its page, as far into the
            # new version as it was into the old) is taken with doubt.
            chosen, resolved = _choose(index, hits, prefix, suffix, None, None)
            if not resolved:
                chosen, _resolved = _choose(index, hits, prefix, suffix, self._page_hint(passage.page), None)
            anchor = index.anchor(*chosen, quote)
            if anchor is not None and resolved:
                return Carry(AnchorStatus.ANCHORED, anchor, 1.0)
            if anchor is not None:
                ranked = sorted(hits, key=lambda hit: -_context_score(index, hit, prefix, suffix))
                candidates = [Candidate(a, 1.0) for hit in [chosen] + [h for h in ranked if h != chosen]
                              if (a := index.anchor(*hit, quote)) is not None][:_CANDIDATES]
                return Carry(AnchorStatus.AMBIGUOUS, anchor, 1.0, tuple(candidates))
        count = len(word_keys(quote_key))
        found = self._similar(quote_key)
        between = self._between(prefix, suffix, len(quote_key))
        if between is not None:
            words = self._new_words
            low = bisect_right(words.ends, between[0])
            high = bisect_left(words.starts, between[1]) - 1
            if low <= high:
                score, start, end = self._in_gap(quote_key, count, low, high)
                if start < end and score >= fuzzy_threshold(count, 2):
                    return self._placed(AnchorStatus.FUZZY, start, end, self._new.doc[start:end], score)
        sides = bool(prefix) + bool(suffix)
        scored: list[tuple[float, float | None, int, int]] = []
        for score, start, end in found:
            context = _context_score(self._new, (start, end), prefix, suffix) / (100.0 * sides) if sides else None
            scored.append((score, context, start, end))
        acceptable = [item for item in scored
                      if item[0] >= fuzzy_threshold(count, 0) + 0.05 and (item[1] is None or item[1] >= 0.5)]
        if acceptable:
            best = acceptable[0]
            rivals = [item for item in scored if item is not best and item[0] > best[0] - _MARGIN]
            if not rivals:
                return self._placed(AnchorStatus.FUZZY, best[2], best[3], self._new.doc[best[2]:best[3]], best[0])
            candidates = [c for score, _context, start, end in [best] + rivals
                          if (c := self._candidate(start, end, score)) is not None][:_CANDIDATES]
            if candidates:
                return Carry(AnchorStatus.AMBIGUOUS, candidates[0].anchor, best[0], tuple(candidates))
        return self._orphan(quote_key, [])

    def _page_hint(self, page: int | None) -> int | None:
        """Where a passage of old page ``page`` would be in the new version, as far into it as into the old."""
        if page is None or not self.old_pages:
            return page
        pages = self._new.pages[-1].index + 1 if self._new.pages else 0
        return min(pages - 1, round((page + 0.5) * pages / self.old_pages)) if pages else page

    def _between(self, prefix: str, suffix: str, length: int) -> tuple[int, int] | None:
        """The one stretch of the new version that stands between the quote's prefix and its suffix (both found
        as they were, in that order, about as far apart as the quote is long): where a rewritten passage went."""
        if len(prefix) < 12 or len(suffix) < 12:
            return None
        index = self._new
        befores = index.find_all(prefix)
        afters = index.find_all(suffix)
        if not befores or not afters or len(befores) > 3 or len(afters) > 3:
            return None
        pairs = [(b_end, a_start) for _b, b_end in befores for a_start, _a in afters
                 if b_end < a_start <= b_end + 2 * length + 20]
        if len(pairs) != 1:
            return None
        start, end = pairs[0]
        doc = index.doc
        while start < end and doc[start] in " ":
            start += 1
        while end > start and doc[end - 1] == " ":
            end -= 1
        return (start, end) if start < end else None

    def _similar(self, quote_key: str, limit: int = 3) -> list[tuple[float, int, int]]:
        """(score, start, end) of up to ``limit`` passages of the new version that share the quote's rarer words,
        closest first, each scored by its similarity with the quote; a bounded search, whatever the length."""
        words, doc = self._new_words, self._new.doc
        tokens = [self._vocabulary.get(token) for token in word_keys(quote_key)]
        count = len(tokens)
        rare = sorted((frequency, offset, t) for offset, t in enumerate(tokens)
                      if t is not None and 0 < (frequency := self._frequency(t)) <= _RARE)[:4]
        if not rare:
            return []
        votes: Counter[int] = Counter()
        for _frequency, offset, number in rare:
            for position in self._where(number):
                votes[(position - offset) // 4] += 1
        needed = 2 if len(rare) >= 3 else 1
        found: list[tuple[float, int, int]] = []
        for bucket, number in votes.most_common(limit):
            if number < needed:
                break
            low = max(0, bucket * 4 - _SLACK)
            high = min(len(words) - 1, bucket * 4 + 4 + count + _SLACK)
            window = doc[words.starts[low]:words.ends[high]]
            aligned = fuzz.partial_ratio_alignment(quote_key, window.casefold())
            if aligned is None:
                continue
            offset = words.starts[low]
            begin = bisect_right(words.ends, offset + aligned.dest_start)
            finish = max(bisect_left(words.starts, offset + aligned.dest_end) - 1, begin)
            start, end = words.starts[begin], words.ends[finish]
            if start < end and not any(start < e and s < end for _sc, s, e in found):
                found.append((similarity(quote_key, doc[start:end]), start, end))
        found.sort(key=lambda item: -item[0])
        return found

    # -- results ---------------------------------------------------------------------------------------------

    def _placed(self, status: AnchorStatus, start: int, end: int, exact: str, score: float) -> Carry:
        anchor = self._new.anchor(start, end, exact)
        if anchor is None:
            return Carry(AnchorStatus.ORPHANED, None, 0.0)
        return Carry(status, anchor, round(score, 3))

    def _candidate(self, start: int, end: int, score: float) -> Candidate | None:
        anchor = self._new.anchor(start, end, self._new.doc[start:end])
        return None if anchor is None else Candidate(anchor, round(score, 3))
