"""The text normalisation shared by page text, search and anchoring, with a map back to the original offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

LIGATURES = {  # the typographic ligatures MuPDF may report, spelled out
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_HYPHENS = "-\u00ad\u2010"
# Words after a line-end hyphen that show the hyphen is part of a coordination ("asiel- en migratie").
_COORDINATORS = frozenset({"en", "of", "and", "or", "tot"})
_VOWELS = frozenset("aeiouy")
_SPECIAL = re.compile(r"(?P<ws>\s+)|(?P<pua>[\ue000-\uf8ff])|(?P<lig>[\ufb00-\ufb06])|(?P<shy>\u00ad)")
_WORD_AFTER = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Pieces of (normalized start, text start, normalized length, text length), in order."""

    norm_starts: tuple[int, ...]
    text_starts: tuple[int, ...]
    norm_lengths: tuple[int, ...]
    text_lengths: tuple[int, ...]
    norm_size: int
    text_size: int

    def to_text(self, index: int) -> int:
        """The text offset of normalized offset ``index`` (an end offset maps to the end of its piece)."""
        if index >= self.norm_size:
            return self.text_size if not self.norm_starts else self._end_text()
        piece = max(bisect_right(self.norm_starts, index) - 1, 0)
        start = self.norm_starts[piece]
        if self.norm_lengths[piece] == self.text_lengths[piece]:
            return self.text_starts[piece] + index - start
        return self.text_starts[piece]

    def _end_text(self) -> int:
        """Where the normalized text ends in the original: before any whitespace stripped at the end."""
        last = len(self.norm_starts) - 1
        if self.norm_lengths[last] == 0:
            return self.text_starts[last]
        return self.text_size

    def to_normalized(self, index: int) -> int:
        """The normalized offset of text offset ``index``."""
        if index >= self.text_size:
            return self.norm_size
        piece = max(bisect_right(self.text_starts, index) - 1, 0)
        start = self.text_starts[piece]
        if self.norm_lengths[piece] == self.text_lengths[piece]:
            return self.norm_starts[piece] + index - start
        return self.norm_starts[piece]


def _line_end_hyphen(text: str, hyphen: int, after: int) -> str:
    """How to read a hyphen at a line end followed by text at ``after``.

    "join": it splits one word ("mensen-\\nrechten" -> "mensenrechten"); "keep": it belongs to the word, so
    the break goes but the hyphen stays ("EU-\\nrichtlijnen", and Dutch vowel clashes such as "media-\\naanbod");
    "space": it ends a word before a coordination or a capital ("asiel-\\nen migratie" -> "asiel- en migratie").
    """
    if hyphen < 1 or not text[hyphen - 1].isalpha() or after >= len(text) or not text[after].islower():
        return "space"
    word = _WORD_AFTER.match(text, after)
    if word and word.group().lower() in _COORDINATORS:
        return "space"
    before = hyphen
    while before > 0 and text[before - 1].isalnum():
        before -= 1
    head = text[before:hyphen]
    if len(head) >= 2 and head.upper() == head:
        return "keep"  # an acronym: "HSL-knooppunten"
    if text[hyphen - 1].lower() in _VOWELS and text[after] in _VOWELS:
        return "keep"  # Dutch writes a hyphen where two vowels meet: "media-aanbod", "anti-integratief"
    return "join"


def normalize_with_map(text: str) -> tuple[str, OffsetMap]:
    """Normalise ``text`` (see :func:`normalize`) and return the map between both offsets."""
    out: list[str] = []
    norm_starts: list[int] = []
    text_starts: list[int] = []
    norm_lengths: list[int] = []
    text_lengths: list[int] = []
    norm_pos = 0
    cursor = 0
    size = len(text)

    def emit(piece: str, text_start: int, text_length: int) -> None:
        nonlocal norm_pos
        norm_starts.append(norm_pos)
        text_starts.append(text_start)
        norm_lengths.append(len(piece))
        text_lengths.append(text_length)
        if piece:
            out.append(piece)
            norm_pos += len(piece)

    for match in _SPECIAL.finditer(text):
        start, end = match.span()
        kind = match.lastgroup
        replacement: str
        if kind == "ws" or kind == "shy":
            line_break = end < size and kind == "shy" and text[end] in "\r\n"
            if kind == "shy":
                # A soft hyphen is invisible unless it breaks a line; either way it never belongs in the words.
                ws_end = end
                while ws_end < size and text[ws_end].isspace():
                    ws_end += 1
                line_break = "\n" in text[end:ws_end]
                if cursor < start:
                    emit(text[cursor:start], cursor, start - cursor)
                emit("", start, (ws_end if line_break else end) - start)
                cursor = ws_end if line_break else end
                continue
            how = "space"
            if "\n" in match.group() and start >= 1 and text[start - 1] in _HYPHENS:
                how = _line_end_hyphen(text, start - 1, end)
            if how == "join":
                # "mensen-\nrechten": drop the hyphen and the break; the hyphen is the last char before `start`.
                if cursor < start - 1:
                    emit(text[cursor : start - 1], cursor, start - 1 - cursor)
                emit("", start - 1, end - start + 1)
                cursor = end
                continue
            if how == "keep":
                if cursor < start:
                    emit(text[cursor:start], cursor, start - cursor)
                emit("", start, end - start)
                cursor = end
                continue
            replacement = "" if start == 0 or end == size else " "
        elif kind == "pua":
            replacement = "\u2022"
        else:
            replacement = LIGATURES.get(match.group(), match.group())
        if cursor < start:
            emit(text[cursor:start], cursor, start - cursor)
        emit(replacement, start, end - start)
        cursor = end
    if cursor < size:
        emit(text[cursor:], cursor, size - cursor)
    normalized = "".join(out)
    mapping = OffsetMap(
        tuple(norm_starts), tuple(text_starts), tuple(norm_lengths), tuple(text_lengths), len(normalized), size
    )
    return normalized, mapping


def normalize(text: str) -> str:
    """Collapse whitespace to single spaces (none at the ends), join words hyphenated at a line end,
    map private-use glyphs (Symbol-font bullets such as U+F0B7) to '•' and expand ligatures. Case is kept."""
    return normalize_with_map(text)[0]
