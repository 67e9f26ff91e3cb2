"""Aligning two versions of a document word by word, in document order, fast enough for 500 pages.

The words of both versions (case-folded, hyphens left out: what search and anchoring compare) become numbers of
one shared vocabulary. The alignment is built like patience diff: word 4-grams that occur exactly once in each
version are the anchors; the heaviest chain of them in order on both sides (a run of consecutive anchors weighs as
many words as it covers) is kept, so a moved paragraph never drags the rest out of order; the stretches between
two kept anchors are aligned the same way with shorter grams, and once they are small, by their longest common
subsequence (rapidfuzz's Indel, in C). Time and memory grow with the number of words, not with their square.

The result maps every word of the old version to its word in the new one, or to -1: a word deleted or changed,
or one that moved out of order (the carry-over looks for those separately).
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, compress, repeat
from operator import add, mul, sub

from rapidfuzz.distance import Indel

__all__ = ["Words", "align", "invert", "word_keys"]

# A word: letters and digits, with hyphens inside it (dropped from its key, as search drops them).
_WORD = re.compile(r"\w+(?:[-\u00ad\u2010]\w+)*")
_SPLIT = re.compile(r"(\w+(?:[-\u00ad\u2010]\w+)*)")
_NO_HYPHENS = str.maketrans("", "", "-\u00ad\u2010")
# Stretches at most this big (words on one side times words on the other) are aligned by their longest common
# subsequence at once; bigger ones first by anchors.
_SMALL = 250_000
# The biggest stretch aligned by longest common subsequence when it has no anchors at all (about 0.1 s).
_LARGEST = 25_000_000
_STOPS = (".", "!", "?")  # what the text after a word starts with
_BREAKS = (".", "!", "?", ":", ";")
# How close (in words, on both sides) a short run of equal words must be to another to count.
_NEAR = 2
# Words on each side of a short run that must be aligned for at least half, for the run to count.
_AROUND = 6
# Gram lengths tried in turn for anchors: unique 4-grams first, shorter ones inside the stretches between them.
_GRAMS = (4, 2, 1)


def word_keys(text: str) -> list[str]:
    """The words of ``text`` as :class:`Words` numbers them: case-folded, without hyphens."""
    return [token if token.isalnum() else token.translate(_NO_HYPHENS) for token in _WORD.findall(text.casefold())]


class Words:
    """The words of a text: where each starts and ends (offsets in the text) and its number in ``vocabulary``."""

    __slots__ = ("starts", "ends", "ids", "stops", "breaks")

    def __init__(self, text: str, vocabulary: dict[str, int]) -> None:
        folded = text.casefold()
        if len(folded) != len(text):  # a letter that folds to two (ß): fold word by word to keep the offsets
            folded = text
        # Words and what lies between them, alternately; their lengths summed give every offset, all in C.
        parts = _SPLIT.split(folded)
        offsets = list(accumulate(map(len, parts)))
        self.starts = array("i", offsets[0::2][:-1])
        self.ends = array("i", offsets[1::2])
        tokens = parts[1::2]
        numbers: dict[str, int] = {}
        for token in set(tokens):
            key = token.casefold()
            if not key.isalnum():
                key = key.translate(_NO_HYPHENS)
            number = vocabulary.get(key)
            if number is None:
                number = vocabulary[key] = len(vocabulary)
            numbers[token] = number
        self.ids = array("i", map(numbers.__getitem__, tokens))
        # Whether a sentence ends after each word (a full stop, question or exclamation mark follows it), and
        # whether a sentence or a clause does (a colon or semicolon too, as list items end).
        between = parts[2::2]
        self.stops = bytes(map(str.startswith, between, repeat(_STOPS)))
        self.breaks = bytes(map(str.startswith, between, repeat(_BREAKS)))

    def __len__(self) -> int:
        return len(self.ids)


def align(old: Words, new: Words) -> array[int]:
    """For each word of ``old``, the index of the word of ``new`` it is aligned with, or -1."""
    matches = array("i", [-1]) * len(old)
    _align(old.ids, new.ids, 0, len(old), 0, len(new), matches, 0)
    _slide(old, new, matches)
    _whole_sentences(old, new, matches)
    return matches


def _whole_sentences(old: Words, new: Words, matches: array[int]) -> None:
    """Where a sentence was replaced by an unrelated one, give back the words that only seem to go on from the
    aligned text around it: "is. We" followed by two different sentences that both open with "We" (a 4-gram
    found once on each side) aligns the old "We" with the new; it opens the replaced sentence on both sides."""
    size = len(matches)
    position = 0
    while position < size:
        if matches[position] >= 0:
            position += 1
            continue
        stop = position
        while stop < size and matches[stop] < 0:
            stop += 1
        before, after = position - 1, stop
        low = matches[before] + 1 if before >= 0 else 0
        high = matches[after] if after < size else len(new)
        if stop - position >= 4 and high - low >= 4 and Indel.normalized_similarity(
                list(old.ids[position:stop]), list(new.ids[low:high])) < 0.5:
            # Up to three aligned words before the stretch, after a sentence end on both sides.
            for end in range(before - 1, max(before - 4, -1), -1):
                if end < 0 or matches[end] < 0 or matches[before] - matches[end] != before - end:
                    break
                if old.stops[end] and new.stops[matches[end]]:
                    for word in range(end + 1, before + 1):
                        matches[word] = -1
                    break
            # Up to three aligned words after it, up to a sentence end on both sides.
            for end in range(after, min(after + 3, size)):
                if matches[end] < 0 or matches[end] - matches[after] != end - after:
                    break
                if old.stops[end] and new.stops[matches[end]]:
                    if end + 1 < size and matches[end + 1] == matches[end] + 1:
                        for word in range(after, end + 1):
                            matches[word] = -1
                    break
        position = stop


def invert(matches: Sequence[int], size: int) -> array[int]:
    """The other direction of :func:`align`: for each of the ``size`` new words, its old word or -1."""
    inverse = array("i", [-1]) * size
    for old, new in enumerate(matches):
        if new >= 0:
            inverse[new] = old
    return inverse


def _whole_block(words: Words, start: int, end: int) -> int:
    """How many ends (0-2) of the stretch start..end are sentence ends."""
    return (start == 0 or bool(words.stops[start - 1])) + (end == 0 or bool(words.stops[end - 1]))


def _slide(old: Words, new: Words, matches: array[int]) -> None:
    """Move unaligned stretches over the words they repeat, to where they are whole sentences: where "X. We B"
    became "X. We C. We B", the old "We" goes with the "We" before "B", so that the inserted sentence is "We C."
    (and "We B" keeps its first word); the same for several words ("We versterken de ..."), for a sentence that
    ends like the one before it, and for deleted sentences. A stretch stays where it is unless moving it makes
    more of its ends sentence ends."""
    for _round in range(3):
        if not _slide_once(old, new, matches):
            return


def _slide_once(old: Words, new: Words, matches: array[int]) -> bool:
    size = len(matches)
    matched = list(compress(range(size), map((-1).__lt__, matches)))
    # The neighbours with unaligned words between them, on either side (most aligned words have none): found
    # with C loops, as the rest of the document costs nothing.
    mapped = list(map(matches.__getitem__, matched))
    apart = map(max, map(sub, matched[1:], matched), map(sub, mapped[1:], mapped))
    gaps = [(matched[k], matched[k + 1]) for k in compress(range(len(matched)), map((1).__lt__, apart))]
    changed = False
    for i, j in gaps:
        p, q = matches[i], matches[j]
        if p < 0 or q < 0:
            continue  # moved by the step before

        def before(t: int) -> bool:
            return i - t >= 0 and matches[i - t] == p - t

        def after(t: int) -> bool:
            return j + t < size and matches[j + t] == q + t

        if j > i + 1:  # old words i + 1 .. j - 1 are not aligned
            shift = _best_shift(old, i, j, before, after)
            for step in range(-shift):
                matches[j - 1 - step], matches[i - step] = p - step, -1
            for step in range(shift):
                matches[i + 1 + step], matches[j + step] = q + step, -1
            if shift:
                changed = True
                continue
        if q > p + 1:  # new words p + 1 .. q - 1 are not aligned
            shift = _best_shift(new, p, q, before, after)
            for step in range(-shift):
                matches[i - step] = q - 1 - step
            for step in range(shift):
                matches[j + step] = p + 1 + step
            changed = changed or bool(shift)
    return changed


def _best_shift(words: Words, low: int, high: int, before: Callable[[int], bool],
                after: Callable[[int], bool]) -> int:
    """How far (negative: leftwards) to move the stretch low + 1 .. high - 1 of ``words`` over the aligned words
    it repeats (``before(t)``/``after(t)``: the t-th aligned word before/after it is there) for the most of its
    ends to be sentence ends; 0 when it is as whole where it is."""
    ids = words.ids
    length = high - low - 1
    best, best_whole = 0, _whole_block(words, low + 1, high)
    shift = 0
    while shift < length and before(shift) and ids[low - shift] == ids[high - 1 - shift]:
        shift += 1
        whole = _whole_block(words, low + 1 - shift, high - shift)
        if whole > best_whole:
            best, best_whole = -shift, whole
    shift = 0
    while shift < length and after(shift) and high + shift < len(ids) and ids[high + shift] == ids[low + 1 + shift]:
        shift += 1
        whole = _whole_block(words, low + 1 + shift, high + shift)
        if whole > best_whole:
            best, best_whole = shift, whole
    return best


def _align(a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int, matches: array[int],
           level: int) -> None:
    """Align a[alo:ahi] with b[blo:bhi] into ``matches``."""
    # Three or more words equal at either end belong together whatever lies between (fewer may be a "We" that
    # opens two different sentences: _common decides those).
    same = 0
    while alo + same < ahi and blo + same < bhi and a[alo + same] == b[blo + same]:
        same += 1
    if same >= 3:
        for offset in range(same):
            matches[alo + offset] = blo + offset
        alo, blo = alo + same, blo + same
    same = 0
    while ahi - same > alo and bhi - same > blo and a[ahi - same - 1] == b[bhi - same - 1]:
        same += 1
    if same >= 3:
        ahi, bhi = ahi - same, bhi - same
        for offset in range(same):
            matches[ahi + offset] = bhi + offset
    if alo >= ahi or blo >= bhi:
        return
    size = (ahi - alo) * (bhi - blo)
    if size <= _SMALL:
        _common(a, b, alo, ahi, blo, bhi, matches)
        return
    while level < len(_GRAMS):
        blocks = _anchors(a, b, alo, ahi, blo, bhi, _GRAMS[level])
        if blocks:
            break
        level += 1
    else:
        if size <= _LARGEST:
            _common(a, b, alo, ahi, blo, bhi, matches)
        return
    i, j = alo, blo
    for start_a, start_b, length in blocks:
        _align(a, b, i, start_a, j, start_b, matches, level)
        for offset in range(length):
            matches[start_a + offset] = start_b + offset
        i, j = start_a + length, start_b + length
    _align(a, b, i, ahi, j, bhi, matches, level)


def _common(a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int,
            matches: array[int]) -> None:
    """The longest common subsequence of two small stretches, without its stray words: a run of fewer than
    three equal words counts only between two other runs (or the stretch's ends) within _NEAR words of it on
    both sides, and where at least half the words around it (_AROUND each way) are aligned too, so that a "We"
    or "van de" shared by two unrelated sentences does not tie them together. (A word left out that way is
    found again by counting from its aligned neighbours.)"""
    blocks = [(op.src_start, op.dest_start, op.src_end - op.src_start)
              for op in Indel.opcodes(list(a[alo:ahi]), list(b[blo:bhi])) if op.tag == "equal"]
    size_a, size_b = ahi - alo, bhi - blo
    aligned_a = [0] * (size_a + 1)  # prefix sums of aligned words
    aligned_b = [0] * (size_b + 1)
    for a0, b0, length in blocks:
        for offset in range(length):
            aligned_a[a0 + offset + 1] = 1
            aligned_b[b0 + offset + 1] = 1
    for position in range(size_a):
        aligned_a[position + 1] += aligned_a[position]
    for position in range(size_b):
        aligned_b[position + 1] += aligned_b[position]

    def dense(sums: list[int], start: int, end: int, size: int) -> bool:
        low, high = max(0, start - _AROUND), min(size, end + _AROUND)
        return 2 * (sums[high] - sums[low]) >= high - low

    for position, (a0, b0, length) in enumerate(blocks):
        if length < 3:
            before = blocks[position - 1] if position else (0, 0, 0)
            after = blocks[position + 1] if position + 1 < len(blocks) else (size_a, size_b, 0)
            near_before = a0 - (before[0] + before[2]) <= _NEAR and b0 - (before[1] + before[2]) <= _NEAR
            near_after = after[0] - (a0 + length) <= _NEAR and after[1] - (b0 + length) <= _NEAR
            if not (near_before and near_after and dense(aligned_a, a0, a0 + length, size_a)
                    and dense(aligned_b, b0, b0 + length, size_b)):
                continue
        for offset in range(length):
            matches[alo + a0 + offset] = blo + b0 + offset


def _grams(seq: Sequence[int], k: int, base: int) -> list[int]:
    """Every k words of ``seq`` from each position on, as one number (words below ``base``), computed in C."""
    grams: Iterable[int] = seq
    for offset in range(1, k):
        grams = map(add, map(mul, grams, repeat(base)), seq[offset:])
    return list(grams)


def _anchors(a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int,
             k: int) -> list[tuple[int, int, int]]:
    """Blocks (start in a, start in b, length) of the heaviest in-order chain of k-grams found once on each side."""
    seq_a, seq_b = a[alo:ahi], b[blo:bhi]
    base = max(max(seq_a), max(seq_b)) + 1
    grams_a, grams_b = _grams(seq_a, k, base), _grams(seq_b, k, base)
    count_a = Counter(grams_a)
    count_b = Counter(grams_b)
    common = {gram for gram, count in count_a.items() if count == 1 and count_b.get(gram) == 1}
    if not common:
        return []
    where_b = {gram: j for j, gram in enumerate(grams_b) if gram in common}
    # Runs of consecutive unique grams, as (i, j, number of grams).
    runs: list[list[int]] = []
    last_i = last_j = -2
    for i in [i for i, gram in enumerate(grams_a) if gram in common]:
        j = where_b[grams_a[i]]
        if i == last_i + 1 and j == last_j + 1:
            runs[-1][2] += 1
        else:
            runs.append([i, j, 1])
        last_i, last_j = i, j
    if not runs:
        return []
    blocks: list[tuple[int, int, int]] = []
    end_a = end_b = 0
    for i, j, grams in _heaviest_chain(runs, k):
        length = grams + k - 1
        # A run's last gram may reach into the next run of the chain: that one starts after it.
        shift = max(end_a - i, end_b - j, 0)
        i, j, length = i + shift, j + shift, length - shift
        if length <= 0:
            continue
        blocks.append((alo + i, blo + j, length))
        end_a, end_b = i + length, j + length
    return blocks


def _heaviest_chain(runs: list[list[int]], k: int) -> list[list[int]]:
    """The runs (sorted by their start in a) that increase in b and cover the most words together.

    A Fenwick tree over the runs' order in b keeps, for every prefix, the heaviest chain ending there."""
    count = len(runs)
    rank = [0] * count
    for position, which in enumerate(sorted(range(count), key=lambda r: runs[r][1]), start=1):
        rank[which] = position
    tree_weight = [0] * (count + 1)
    tree_run = [-1] * (count + 1)
    before = [-1] * count
    weights = [0] * count
    for r, run in enumerate(runs):
        best, best_run = 0, -1
        q = rank[r] - 1
        while q > 0:
            if tree_weight[q] > best:
                best, best_run = tree_weight[q], tree_run[q]
            q -= q & -q
        weight = best + run[2] + k - 1
        weights[r], before[r] = weight, best_run
        q = rank[r]
        while q <= count:
            if tree_weight[q] < weight:
                tree_weight[q], tree_run[q] = weight, r
            q += q & -q
    last = max(range(count), key=weights.__getitem__)
    chain: list[list[int]] = []
    while last >= 0:
        chain.append(runs[last])
        last = before[last]
    chain.reverse()
    return chain
