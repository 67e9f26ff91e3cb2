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
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar
from itertools import accumulate, compress, repeat
from operator import add, mul, or_, sub

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


_Key = TypeVar("_Key", int, bytes)


class Words:
    """The words of a text: where each starts and ends (offsets in the text) and its number in ``vocabulary``."""

    __slots__ = ("starts", "ends", "ids", "_text", "_gaps")

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
        self._text = text
        self._gaps = parts[2::2]  # what follows each word

    def sentences(self) -> list[int]:
        """Where each sentence starts, as word positions, and the number of words at the end."""
        stops = {gap for gap in set(self._gaps) if gap.startswith(_STOPS)}  # a few distinct texts between words
        ends = compress(range(1, len(self.ids) + 1), map(stops.__contains__, self._gaps))
        starts = [0, *ends]
        if starts[-1] != len(self.ids):
            starts.append(len(self.ids))
        return starts

    def stop(self, position: int) -> bool:
        """Whether a sentence ends after word ``position``: a full stop, question or exclamation mark follows."""
        return self._text.startswith(_STOPS, self.ends[position])

    def ends_clause(self, position: int) -> bool:
        """Whether a sentence or a clause ends after word ``position`` (a colon or semicolon too, as list items
        end)."""
        return self._text.startswith(_BREAKS, self.ends[position])

    def __len__(self) -> int:
        return len(self.ids)


def align(old: Words, new: Words) -> array[int]:
    """For each word of ``old``, the index of the word of ``new`` it is aligned with, or -1.

    Whole sentences first: those found once in each version, the heaviest chain of them in order, are aligned
    word for word at once (most of a new version is its old sentences); the words between them are aligned word
    by word."""
    matches = array("i", [-1]) * len(old)
    i = j = 0
    for start_a, start_b, length in _sentence_anchors(old, new):
        _align(old.ids, new.ids, i, start_a, j, start_b, matches, 0)
        matches[start_a:start_a + length] = array("i", range(start_b, start_b + length))
        i, j = start_a + length, start_b + length
    _align(old.ids, new.ids, i, len(old), j, len(new), matches, 0)
    _slide(old, new, matches)
    _whole_sentences(old, new, matches)
    return matches


def _sentence_anchors(old: Words, new: Words) -> list[tuple[int, int, int]]:
    """Blocks (start in old, start in new, words) of the heaviest in-order chain of sentences found once in each
    version, with the same words."""
    bounds_a, bounds_b = old.sentences(), new.sentences()
    keys_a = [old.ids[a:b].tobytes() for a, b in zip(bounds_a, bounds_a[1:])]
    keys_b = [new.ids[a:b].tobytes() for a, b in zip(bounds_b, bounds_b[1:])]
    common = (set(keys_a) & set(keys_b)) - _repeated(keys_a) - _repeated(keys_b)
    if not common:
        return []
    where_b = dict(zip(keys_b, range(len(keys_b))))
    runs: list[list[int]] = []  # (first sentence in old, first in new, sentences)
    for sentence in compress(range(len(keys_a)), map(common.__contains__, keys_a)):
        other = where_b[keys_a[sentence]]
        if runs and runs[-1][0] + runs[-1][2] == sentence and runs[-1][1] + runs[-1][2] == other:
            runs[-1][2] += 1
        else:
            runs.append([sentence, other, 1])
    weights = [bounds_a[s + n] - bounds_a[s] for s, _o, n in runs]
    return [(bounds_a[s], bounds_b[o], bounds_a[s + n] - bounds_a[s]) for s, o, n in _heaviest_chain(runs, weights)]


def _whole_sentences(old: Words, new: Words, matches: array[int]) -> None:
    """Where a sentence was replaced by an unrelated one, give back the words that only seem to go on from the
    aligned text around it: "is. We" followed by two different sentences that both open with "We" (a 4-gram
    found once on each side) aligns the old "We" with the new; it opens the replaced sentence on both sides."""
    size = len(matches)
    unaligned = list(compress(range(size), map((0).__gt__, matches)))
    runs: list[tuple[int, int]] = []  # (start, stop) of each stretch of unaligned old words
    for position in unaligned:
        if runs and runs[-1][1] == position:
            runs[-1] = (runs[-1][0], position + 1)
        else:
            runs.append((position, position + 1))
    for position, stop in runs:
        before, after = position - 1, stop
        low = matches[before] + 1 if before >= 0 else 0
        high = matches[after] if after < size else len(new)
        if stop - position >= 4 and high - low >= 4 and Indel.normalized_similarity(
                list(old.ids[position:stop]), list(new.ids[low:high])) < 0.5:
            # Up to three aligned words before the stretch, after a sentence end on both sides.
            for end in range(before - 1, max(before - 4, -1), -1):
                if end < 0 or matches[end] < 0 or matches[before] - matches[end] != before - end:
                    break
                if old.stop(end) and new.stop(matches[end]):
                    for word in range(end + 1, before + 1):
                        matches[word] = -1
                    break
            # Up to three aligned words after it, up to a sentence end on both sides.
            for end in range(after, min(after + 3, size)):
                if matches[end] < 0 or matches[end] - matches[after] != end - after:
                    break
                if old.stop(end) and new.stop(matches[end]):
                    if end + 1 < size and matches[end + 1] == matches[end] + 1:
                        for word in range(after, end + 1):
                            matches[word] = -1
                    break


def invert(matches: Sequence[int], size: int) -> array[int]:
    """The other direction of :func:`align`: for each of the ``size`` new words, its old word or -1 (copied in
    blocks of consecutive words, as they were aligned)."""
    inverse = array("i", [-1]) * size
    matched = list(compress(range(len(matches)), map((-1).__lt__, matches)))
    if not matched:
        return inverse
    targets = list(map(matches.__getitem__, matched))
    breaks = [0, *compress(range(1, len(matched)), map((2).__lt__, map(add, map(sub, matched[1:], matched),
                                                                        map(sub, targets[1:], targets)))),
              len(matched)]
    for first, stop in zip(breaks, breaks[1:]):
        inverse[targets[first]:targets[stop - 1] + 1] = array("i", range(matched[first], matched[stop - 1] + 1))
    return inverse


def _whole_block(words: Words, start: int, end: int) -> int:
    """How many ends (0-2) of the stretch start..end are sentence ends."""
    return (start == 0 or words.stop(start - 1)) + (end == 0 or words.stop(end - 1))


def _slide(old: Words, new: Words, matches: array[int]) -> None:
    """Move unaligned stretches over the words they repeat, to where they are whole sentences: where "X. We B"
    became "X. We C. We B", the old "We" goes with the "We" before "B", so that the inserted sentence is "We C."
    (and "We B" keeps its first word); the same for several words ("We versterken de ..."), for a sentence that
    ends like the one before it, and for deleted sentences. A stretch stays where it is unless moving it makes
    more of its ends sentence ends."""
    _slide_once(old, new, matches)


def _slide_once(old: Words, new: Words, matches: array[int]) -> bool:
    a, b = old.ids, new.ids
    size = len(matches)
    matched = list(compress(range(size), map((-1).__lt__, matches)))
    # The neighbours with unaligned words between them, on either side (most aligned words have none): found
    # with C loops, as the rest of the document costs nothing.
    mapped = list(map(matches.__getitem__, matched))
    apart = map(add, map(sub, matched[1:], matched), map(sub, mapped[1:], mapped))  # 2 for neighbours on both
    gaps = [(matched[k], matched[k + 1]) for k in compress(range(len(matched)), map((2).__lt__, apart))]
    changed = False
    for i, j in gaps:
        p, q = matches[i], matches[j]
        if p < 0 or q < 0:
            continue  # moved by the step before

        def before(t: int) -> bool:
            return i - t >= 0 and matches[i - t] == p - t

        def after(t: int) -> bool:
            return j + t < size and matches[j + t] == q + t

        if j > i + 1 and (a[i] == a[j - 1] or (j < size and a[j] == a[i + 1])):  # old i + 1 .. j - 1 unaligned
            shift = _best_shift(old, i, j, before, after)
            for step in range(-shift):
                matches[j - 1 - step], matches[i - step] = p - step, -1
            for step in range(shift):
                matches[i + 1 + step], matches[j + step] = q + step, -1
            if shift:
                changed = True
                continue
        if q > p + 1 and (b[p] == b[q - 1] or (q < len(b) and b[q] == b[p + 1])):  # new p + 1 .. q - 1 unaligned
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


def _repeated(grams: list[_Key]) -> set[_Key]:
    """The grams (or sentences) found more than once."""
    return {gram for gram, count in Counter(grams).items() if count > 1}


def _grams(seq: Sequence[int], k: int, base: int) -> list[int]:
    """Every k words of ``seq`` from each position on, as one number (words below ``base``), computed in C (a
    4-gram as two 2-grams)."""
    if k == 1:
        return list(seq)
    pairs = list(map(add, map(mul, seq, repeat(base)), seq[1:]))
    if k == 2:
        return pairs
    if k == 4:
        return list(map(add, map(mul, pairs, repeat(base * base)), pairs[2:]))
    grams: Iterable[int] = seq
    for offset in range(1, k):
        grams = map(add, map(mul, grams, repeat(base)), seq[offset:])
    return list(grams)


def _anchors(a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int,
             k: int) -> list[tuple[int, int, int]]:
    """Blocks (start in a, start in b, length) of the heaviest in-order chain of k-grams found once on each side.

    Every step over all the grams runs in C (sets, sorting, map and compress); Python loops only over the runs
    of consecutive anchors, a few per change between the versions."""
    seq_a, seq_b = a[alo:ahi], b[blo:bhi]
    base = max(max(seq_a), max(seq_b)) + 1
    grams_a, grams_b = _grams(seq_a, k, base), _grams(seq_b, k, base)
    common = (set(grams_a) & set(grams_b)) - _repeated(grams_a) - _repeated(grams_b)
    if not common:
        return []
    where_b = dict(zip(grams_b, range(len(grams_b))))  # the place of each gram found once
    starts_a = list(compress(range(len(grams_a)), map(common.__contains__, grams_a)))
    starts_b = list(map(where_b.__getitem__, map(grams_a.__getitem__, starts_a)))
    # Runs of consecutive unique grams, as (i, j, number of grams): a run breaks where either side jumps.
    jumps = map(or_, map((1).__ne__, map(sub, starts_a[1:], starts_a)),
                map((1).__ne__, map(sub, starts_b[1:], starts_b)))
    breaks = [0, *compress(range(1, len(starts_a)), jumps), len(starts_a)]
    runs = [[starts_a[first], starts_b[first], stop - first] for first, stop in zip(breaks, breaks[1:])]
    if not runs:
        return []
    blocks: list[tuple[int, int, int]] = []
    end_a = end_b = 0
    for i, j, grams in _heaviest_chain(runs, [grams + k - 1 for _i, _j, grams in runs]):
        length = grams + k - 1
        # A run's last gram may reach into the next run of the chain: that one starts after it.
        shift = max(end_a - i, end_b - j, 0)
        i, j, length = i + shift, j + shift, length - shift
        if length <= 0:
            continue
        blocks.append((alo + i, blo + j, length))
        end_a, end_b = i + length, j + length
    return blocks


def _heaviest_chain(runs: list[list[int]], weights: list[int]) -> list[list[int]]:
    """The runs (sorted by their start in a) that increase in b and weigh the most together.

    A frontier of chain ends, by their start in b with weights increasing, answers "the heaviest chain that can
    come before" with one bisection; a new end removes the ends after it that weigh no more."""
    keys: list[int] = []  # starts in b of the frontier's runs, increasing
    ends: list[tuple[int, int]] = []  # (weight of the heaviest chain ending there, run), weights increasing
    before = [-1] * len(runs)
    best_weight, best_end = 0, -1
    for r, (_i, j, _n) in enumerate(runs):
        position = bisect_left(keys, j)
        weight, previous = ends[position - 1] if position else (0, -1)
        weight += weights[r]
        before[r] = previous
        end = position
        while end < len(ends) and ends[end][0] <= weight:
            end += 1
        keys[position:end] = [j]
        ends[position:end] = [(weight, r)]
        if weight > best_weight:
            best_weight, best_end = weight, r
    chain: list[list[int]] = []
    while best_end >= 0:
        chain.append(runs[best_end])
        best_end = before[best_end]
    chain.reverse()
    return chain
