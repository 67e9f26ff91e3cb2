"""Text that may be stored: valid Unicode the letter can print. Standard library only.

Every reader of untrusted input (W3C files, CSV, a colleague's database) checks its text with :func:`check_text`, so
that nothing reaches the database that SQLite, PostgreSQL or a .docx letter cannot hold: no lone surrogates, no
control characters but line feed and tab (a carriage return is a line break and becomes a line feed), and no
U+FFFE/U+FFFF (not allowed in XML).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["TextError", "check_text", "describe_character", "printable", "storable"]

# Line breaks as other systems write them; read as one line feed.
_BREAKS = re.compile(r"\r\n?")


class TextError(ValueError):
    """Text that cannot be stored; the message says which character and where (counted from 1)."""


def describe_character(char: str) -> str:
    """'U+0000 (a control character)', 'U+D800 (half of a surrogate pair)': what a reviewer can look up."""
    code = f"U+{ord(char):04X}"
    if unicodedata.category(char) == "Cs":
        return f"{code} (half of a UTF-16 surrogate pair, which is no character on its own)"
    if unicodedata.category(char) == "Cc":
        return f"{code} (a control character)"
    return f"{code} (not a character)"


# Control characters (C0 but tab and line feed, DEL, C1), surrogates, and the two non-characters XML refuses.
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# The same, but for a carriage return, which check_text turns into a line feed.
_REFUSED_AS_IS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def storable(*values: str) -> bool:
    """Whether check_text accepts every one of ``values`` (length aside): one quick scan for many texts, for
    readers of many rows that only need to know, and ask check_text for the message when the answer is no."""
    return _REFUSED_AS_IS.search("\n".join(values)) is None


def check_text(value: str, *, max_length: int | None = None) -> str:
    """``value`` with its line breaks as line feeds; TextError names the first character that cannot be stored,
    or says the text is longer than ``max_length``."""
    text = _BREAKS.sub("\n", value)
    found = _REFUSED.search(text)
    if found is not None:
        raise TextError(f"character {found.start() + 1} is {describe_character(found.group())}, which cannot be "
                        "stored or printed")
    if max_length is not None and len(text) > max_length:
        raise TextError(f"it is {len(text):,} characters long; at most {max_length:,} are allowed")
    return text


# Invisible characters a paste brings along that a letter should not carry: the bidirectional overrides,
# embeddings and isolates (which make text read in another order than it is written), the zero-width space and
# the byte-order mark. The zero-width (non-)joiners stay: some scripts need them.
_INVISIBLE = re.compile("[\u200b\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(value: str) -> str:
    """``value`` without what a letter cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF) and
    without the invisible characters that would make it read otherwise than it shows (see _INVISIBLE): for text
    stored before it was checked, or typed and pasted in the window, so that a compile never fails on it."""
    return _INVISIBLE.sub("", _REFUSED.sub("", _BREAKS.sub("\n", value)))
