"""How the reviewer arranged the letter's sections: the order of the passages, and which are argued together.

Stored as one letter setting, ``arrangement``: a JSON object from a section's key (its theme's id; ``""`` for the
points without a theme) to ``{"groups": [["annotation id", ...], ...], "modified": "ISO time"}``. Each group is one
paragraph of the letter, its passages in the order they are quoted; the groups are in the order of the section.
A passage the arrangement does not name (highlighted later, or moved in from another theme) follows the arranged
ones in reading order; an id that is no passage of the section (deleted, moved to another theme, of another version
of the agreement) is passed over.

Why a setting and not columns on the annotations: the arrangement is the letter's, not a passage's. Moving one
passage renumbers its neighbours, and as columns every move would make a new revision of several annotations, so
that a colleague's edit of one of them would meet a reorder as a conflict in a merge. As a setting it travels with
the database file like the other letter settings, and a merge takes a colleague's arrangement of a section when they
arranged it later than we did (``modified``, per section: see :func:`combined`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["ARRANGEMENT_KEY", "OTHER_SECTION", "Arrangement", "ArrangementError", "Groups", "SectionOrder",
           "arranged", "arrangement_json", "combined", "drop", "join_previous", "move", "parse_arrangement",
           "remapped", "section_order", "separate", "with_section"]

ARRANGEMENT_KEY = "arrangement"
OTHER_SECTION = ""  # the key of the section of the points without a theme
# Bounds of what a database made elsewhere may hold: no letter has more.
MAX_ARRANGED_SECTIONS = 1_000
MAX_ARRANGED_PASSAGES = 20_000
MAX_ARRANGEMENT_LENGTH = 4 << 20
_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._:-]{0,99}")

Groups = tuple[tuple[str, ...], ...]
T = TypeVar("T")


class ArrangementError(ValueError):
    """The stored arrangement cannot be read (a database made elsewhere may hold anything)."""


@dataclass(frozen=True, slots=True)
class SectionOrder:
    """One section's paragraphs (groups of annotation ids), and when the reviewer last arranged it (UTC, ISO)."""

    groups: Groups
    modified: str = ""


Arrangement = tuple[tuple[str, SectionOrder], ...]


def parse_arrangement(text: str) -> Arrangement:
    """The arrangement stored as ``text`` ('' is none); ArrangementError says what is wrong with it."""
    if not text:
        return ()
    if len(text) > MAX_ARRANGEMENT_LENGTH:
        raise ArrangementError(f"the arrangement is {len(text):,} characters long; at most "
                               f"{MAX_ARRANGEMENT_LENGTH:,} are read")
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ArrangementError("the arrangement is not valid JSON") from error
    if not isinstance(value, dict):
        raise ArrangementError("the arrangement is not a JSON object")
    if len(value) > MAX_ARRANGED_SECTIONS:
        raise ArrangementError(f"the arrangement has {len(value):,} sections")
    result: list[tuple[str, SectionOrder]] = []
    passages = 0
    for key, item in value.items():
        if key != OTHER_SECTION and not _ID.fullmatch(key):
            raise ArrangementError("a section of the arrangement is not named by a theme's id")
        if not isinstance(item, dict) or not isinstance(item.get("groups"), list):
            raise ArrangementError("a section of the arrangement has no list of groups")
        modified = item.get("modified", "")
        if not isinstance(modified, str) or len(modified) > 40:
            raise ArrangementError("a section of the arrangement has a modified time that is no time")
        groups: list[tuple[str, ...]] = []
        seen: set[str] = set()
        for group in item["groups"]:
            if not isinstance(group, list) or not all(isinstance(id, str) and _ID.fullmatch(id) for id in group):
                raise ArrangementError("a group of the arrangement is not a list of annotation ids")
            passages += len(group)
            members = tuple(id for id in dict.fromkeys(group) if id not in seen)  # each passage once
            seen.update(members)
            if members:
                groups.append(members)
        if passages > MAX_ARRANGED_PASSAGES:
            raise ArrangementError(f"the arrangement names more than {MAX_ARRANGED_PASSAGES:,} passages")
        result.append((key, SectionOrder(tuple(groups), modified)))
    return tuple(result)


def arrangement_json(arrangement: Arrangement) -> str:
    """The stored form of ``arrangement`` ('' for none)."""
    if not arrangement:
        return ""
    return json.dumps({key: {"groups": [list(group) for group in order.groups], "modified": order.modified}
                       for key, order in arrangement}, ensure_ascii=False, separators=(",", ":"))


def section_order(arrangement: Arrangement, key: str) -> SectionOrder | None:
    """The stored order of the section ``key``, or None when it was never arranged."""
    return next((order for name, order in arrangement if name == key), None)


def with_section(arrangement: Arrangement, key: str, groups: Groups, shown: Iterable[str],
                 modified: str) -> Arrangement:
    """``arrangement`` with the section ``key`` arranged as ``groups``. The ids of the section's stored order that
    are not ``shown`` (passages of another version of the agreement in the same review) keep their groups, after."""
    shown_ids = set(shown) | {id for group in groups for id in group}
    old = section_order(arrangement, key)
    kept = tuple(rest for rest in (tuple(id for id in group if id not in shown_ids)
                                   for group in (old.groups if old else ())) if rest)
    order = SectionOrder(tuple(group for group in groups if group) + kept, modified)
    others = tuple(item for item in arrangement if item[0] != key)
    return others + ((key, order),) if order.groups else others


def arranged(items: Sequence[T], order: SectionOrder | None, id_of: Callable[[T], str]) -> list[list[T]]:
    """``items`` (in reading order) as the letter's paragraphs: the stored groups first, in their order, with the
    ids that are none of ``items`` passed over; then every item the order does not name, one paragraph each."""
    by_id = {id_of(item): item for item in items}
    paragraphs: list[list[T]] = []
    placed: set[str] = set()
    for group in order.groups if order else ():
        members = [by_id[id] for id in group if id in by_id and id not in placed]
        placed.update(id_of(item) for item in members)
        if members:
            paragraphs.append(members)
    paragraphs += [[item] for item in items if id_of(item) not in placed]
    return paragraphs


def combined(ours: Arrangement, theirs: Arrangement) -> Arrangement:
    """A merge of two arrangements: per section, the one arranged later (ours when as late, or not dated)."""
    result = dict(ours)
    for key, order in theirs:
        mine = result.get(key)
        if mine is None or (order.modified and order.modified > mine.modified):
            result[key] = order
    return tuple(result.items())


def remapped(arrangement: Arrangement, theme_ids: Mapping[str, str]) -> Arrangement:
    """A colleague's arrangement with their theme ids as ours (a merge matches themes by id or title); a section
    of a theme we did not take is left out; two of theirs on one of ours: the later arranged."""
    result: dict[str, SectionOrder] = {}
    for key, order in arrangement:
        ours = OTHER_SECTION if key == OTHER_SECTION else theme_ids.get(key)
        if ours is None:
            continue
        if ours not in result or order.modified > result[ours].modified:
            result[ours] = order
    return tuple(result.items())


# --- arranging: what the Letter panel's list of passages does ---------------------------------------------------
# Each takes a section's paragraphs (groups of ids) and gives them as they are after the move; unchanged when the
# move cannot be made (the first paragraph moved up, ...).


def _find(groups: Groups, id: str) -> tuple[int, int]:
    for index, group in enumerate(groups):
        if id in group:
            return index, group.index(id)
    raise KeyError(id)


def move(groups: Groups, id: str, step: int) -> Groups:
    """Move the passage ``id`` one place up (``step`` -1) or down (+1): inside its paragraph while it has a
    neighbour there that way, else its whole paragraph past the neighbouring paragraph."""
    paragraph, place = _find(groups, id)
    members = list(groups[paragraph])
    other = place + step
    result = [list(group) for group in groups]
    if 0 <= other < len(members):
        members[place], members[other] = members[other], members[place]
        result[paragraph] = members
    else:
        neighbour = paragraph + step
        if not 0 <= neighbour < len(groups):
            return groups
        result[paragraph], result[neighbour] = result[neighbour], result[paragraph]
    return tuple(tuple(group) for group in result)


def join_previous(groups: Groups, id: str) -> Groups:
    """Argue the passage ``id`` together with the paragraph before it (it ends that paragraph); the passages that
    followed it in its own paragraph stay a paragraph of their own."""
    paragraph, place = _find(groups, id)
    if place > 0 or paragraph == 0:
        return groups
    result = [list(group) for group in groups]
    result[paragraph - 1].append(id)
    result[paragraph].remove(id)
    return tuple(tuple(group) for group in result if group)


def separate(groups: Groups, id: str) -> Groups:
    """Take the passage ``id`` out of the paragraph it is argued in, into a paragraph of its own right after it."""
    paragraph, _place = _find(groups, id)
    if len(groups[paragraph]) == 1:
        return groups
    result = [list(group) for group in groups]
    result[paragraph].remove(id)
    result.insert(paragraph + 1, [id])
    return tuple(tuple(group) for group in result)


def drop(groups: Groups, id: str, target: str | None, where: str) -> Groups:
    """The passage ``id`` dropped by the mouse: ``where`` "onto" the passage ``target`` argues the two together (it
    follows the target in its paragraph); "before" or "after" it puts it there, in the target's paragraph when the
    place is inside one, else as a paragraph of its own; ``target`` None puts it last, on its own."""
    if target == id:
        return groups
    result = [[member for member in group if member != id] for group in groups]
    if target is None:
        result.append([id])
    else:
        paragraph, place = _find(tuple(tuple(group) for group in result), target)
        members = result[paragraph]
        if where == "onto":
            members.insert(place + 1, id)
        elif where == "before":
            if place == 0:
                result.insert(paragraph, [id])
            else:
                members.insert(place, id)
        else:  # after
            if place == len(members) - 1:
                result.insert(paragraph + 1, [id])
            else:
                members.insert(place + 1, id)
    return tuple(tuple(group) for group in result if group)
