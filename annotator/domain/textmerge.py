"""Three-way merge of a text (a comment) or a list (sources) that two reviewers changed from the same start.

Both sides' changes are taken against the common start (``base``), word by word. Changes in different places are
combined, also when one adds right next to what the other changed; changes that overlap (an edit of the same words)
or add at the very same place (two additions at the end) are a conflict, which the reviewer decides. :func:`merge_text` says which; :func:`both_texts` gives a text that keeps every word of
both sides, conflicts included (theirs first), to start the reviewer's choice from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TypeVar

T = TypeVar("T")
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class _Change:
    start: int  # the part of base it replaces: base[start:end] (start == end: an insertion)
    end: int
    new: tuple[object, ...]
    mine: bool


@dataclass(frozen=True)
class Merge:
    """The outcome of a three-way merge: ``value`` when clean, else None, and always ``both`` (nothing left out)."""

    value: object | None
    both: object

    @property
    def clean(self) -> bool:
        return self.value is not None


def _changes(base: Sequence[T], other: Sequence[T], mine: bool) -> list[_Change]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [_Change(i1, i2, tuple(other[j1:j2]), mine)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _merge(base: Sequence[T], mine: Sequence[T], theirs: Sequence[T], *,
           text: bool) -> tuple[list[T] | None, list[T]]:
    """(the clean merge or None, the merge with both sides of every conflict, theirs first)."""
    changes = sorted(_changes(base, mine, True) + _changes(base, theirs, False), key=lambda c: (c.start, c.end))
    clean: list[T] | None = []
    both: list[T] = []
    position = 0
    index = 0
    last_side: set[bool] | None = None
    while index < len(changes):
        # A region: changes that overlap, or add at one place.
        group = [changes[index]]
        low, high = group[0].start, group[0].end
        index += 1
        while index < len(changes) and _overlaps(changes[index], group, high):
            group.append(changes[index])
            high = max(high, changes[index].end)
            index += 1
        kept = list(base[position:low])
        both.extend(kept)
        if clean is not None:
            clean.extend(kept)
        sides = {change.mine for change in group}
        mine_part = _apply(base, low, high, [c for c in group if c.mine])
        theirs_part = _apply(base, low, high, [c for c in group if not c.mine])
        if len(sides) == 1 or mine_part == theirs_part:
            part = mine_part if True in sides else theirs_part
            # Two sides' words meeting with nothing between them (one added right before what the other
            # replaced) are kept apart by a space, not glued into one word.
            if text and low == position and last_side is not None and last_side != sides and part \
                    and both and _is_word(both[-1]) and _is_word(part[0]):
                both.append(" ")  # type: ignore[arg-type]
                if clean is not None:
                    clean.append(" ")  # type: ignore[arg-type]
            both.extend(part)
            if clean is not None:
                clean.extend(part)
        else:
            clean = None
            both.extend(theirs_part)
            if text and theirs_part and mine_part and _is_word(theirs_part[-1]) and _is_word(mine_part[0]):
                both.append(" ")  # type: ignore[arg-type]
            both.extend(mine_part)
        position = high
        last_side = sides
    tail = list(base[position:])
    both.extend(tail)
    if clean is not None:
        clean.extend(tail)
    return clean, both


def _overlaps(change: _Change, group: list[_Change], high: int) -> bool:
    """Whether ``change`` meets the region so far: it overlaps it, or adds at the very point where the region
    adds too (two additions at one place: which first?). Adding right before or after what the other side
    replaced or removed is not a conflict (words added after a colleague's sentence stay when it is undone)."""
    if change.start < high:
        return True
    return change.start == change.end == high and any(other.start == other.end == high for other in group)


def _is_word(item: object) -> bool:
    return isinstance(item, str) and bool(item) and not item[-1].isspace() and not item[0].isspace()


def _apply(base: Sequence[T], low: int, high: int, changes: list[_Change]) -> list[T]:
    out: list[T] = []
    position = low
    for change in changes:
        out.extend(base[position:change.start])
        out.extend(change.new)  # type: ignore[arg-type]
        position = change.end
    out.extend(base[position:high])
    return out


def merge_text(base: str, mine: str, theirs: str) -> Merge:
    """Merge two edits of one text, word by word."""
    if mine == theirs or theirs == base:
        return Merge(mine, mine)
    if mine == base:
        return Merge(theirs, theirs)
    clean, both = _merge(_TOKEN.findall(base), _TOKEN.findall(mine), _TOKEN.findall(theirs), text=True)
    return Merge("".join(clean) if clean is not None else None, "".join(both))


def merge_items(base: Sequence[str], mine: Sequence[str], theirs: Sequence[str]) -> Merge:
    """Merge two edits of a list (the sources of an annotation), item by item."""
    if tuple(mine) == tuple(theirs) or tuple(theirs) == tuple(base):
        return Merge(tuple(mine), tuple(mine))
    if tuple(mine) == tuple(base):
        return Merge(tuple(theirs), tuple(theirs))
    clean, both = _merge(list(base), list(mine), list(theirs), text=False)
    unique = tuple(dict.fromkeys(both))
    return Merge(tuple(clean) if clean is not None else None, unique)
