"""The small markup of the texts a reviewer writes for the letter (introduction, closing, section introductions).

A Markdown subset, so that what is stored is plain, safe text that reads well in a letter profile too:

- paragraphs are apart by a blank line; the lines of one paragraph are joined by a space;
- a line that starts with ``- `` is one item of a bulleted list;
- ``**bold**`` and ``*italic*`` (``***both***``) inside a paragraph or item; a ``*`` that opens or closes nothing
  stays as it is, and ``\\*`` (``\\\\``) is a literal asterisk (backslash).

Nothing else has a meaning: no headings, links or HTML (``<b>`` is the four characters it is). Text written before
this markup existed (paragraphs apart by blank lines) reads exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Block", "Span", "escape", "parse", "to_markup"]

_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^[ \t]*[-\u2022][ \t]+")
_TOKEN = re.compile(r"\\[\\*]|\*+")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text in one emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, or one item of a bulleted list."""

    spans: tuple[Span, ...]
    bullet: bool = False

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def parse(text: str) -> tuple[Block, ...]:
    """The paragraphs and list items of ``text`` (see the module's description); empty ones are left out."""
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            block = _block(" ".join(lines), bullet=False)
            if block.spans:
                blocks.append(block)
            lines.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            flush()
        elif _BULLET.match(line):
            flush()
            block = _block(_BULLET.sub("", line, count=1), bullet=True)
            if block.spans:
                blocks.append(block)
        else:
            lines.append(line)
    flush()
    return tuple(blocks)


def _block(text: str, *, bullet: bool) -> Block:
    return Block(_inline(_SPACE.sub(" ", text).strip()), bullet)


def _inline(text: str) -> tuple[Span, ...]:
    """Emphasis by delimiters, as Markdown reads them: a run of asterisks that follows a non-space first closes the
    open emphases it can (innermost first: ``**`` bold, ``*`` italic), then what is left of it opens emphases when
    a non-space follows (``*`` italic, ``**`` bold, ``***`` both); the rest, and what is never closed, is text."""
    tokens: list[tuple[str, str]] = []  # ("text", words) or ("b" / "i", the delimiter's asterisks)
    stack: list[int] = []  # the indexes of the open delimiters
    matched: set[int] = set()
    position = 0
    for found in _TOKEN.finditer(text):
        if found.start() > position:
            tokens.append(("text", text[position:found.start()]))
        position = found.end()
        token = found.group()
        if token.startswith("\\"):
            tokens.append(("text", token[1]))
            continue
        before = text[found.start() - 1] if found.start() > 0 else " "
        after = text[found.end()] if found.end() < len(text) else " "
        left = len(token)
        if not before.isspace():
            while stack and left >= len(tokens[stack[-1]][1]):
                opener = stack.pop()
                kind, marks = tokens[opener]
                matched.update((opener, len(tokens)))
                tokens.append((kind, marks))
                left -= len(marks)
        if left and not after.isspace() and left <= 3:
            for kind, marks in {1: (("i", "*"),), 2: (("b", "**"),), 3: (("b", "**"), ("i", "*"))}[left]:
                stack.append(len(tokens))
                tokens.append((kind, marks))
        elif left:
            tokens.append(("text", "*" * left))
    if position < len(text):
        tokens.append(("text", text[position:]))
    spans: list[Span] = []
    bold = italic = False
    for index, (kind, value) in enumerate(tokens):
        if index in matched:
            if kind == "b":
                bold = not bold
            else:
                italic = not italic
            continue
        if spans and spans[-1].bold == bold and spans[-1].italic == italic:
            spans[-1] = Span(spans[-1].text + value, bold, italic)
        else:
            spans.append(Span(value, bold, italic))
    return tuple(span for span in spans if span.text)


def escape(text: str) -> str:
    """``text`` as markup that reads back as exactly this text (backslashes and asterisks escaped)."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


def to_markup(blocks: Iterable[Block] | Sequence[Block]) -> str:
    """The markup of ``blocks``: paragraphs apart by a blank line, list items on consecutive lines."""
    out: list[str] = []
    previous_bullet: bool | None = None
    for block in blocks:
        line = _spans_markup(block.spans)
        if not line:
            continue
        if block.bullet:
            line = "- " + line
            if previous_bullet is not None:
                out.append("\n" if previous_bullet else "\n\n")
        elif previous_bullet is not None:
            out.append("\n\n")
        out.append(line)
        previous_bullet = block.bullet
    return "".join(out)


def _spans_markup(spans: Sequence[Span]) -> str:
    """The spans' text with delimiters where the emphasis changes: closing ones right after a word, opening ones
    right before one (a delimiter next to a space would not count), bold outside italic; read back by _inline."""
    out: list[str] = []
    stack: list[str] = []  # the open emphases, outermost first: "b", "i"
    space = ""
    marks = {"b": "**", "i": "*"}
    for span in spans:
        for char in _SPACE.sub(" ", span.text):
            if char == " ":
                space = " "
                continue
            want = (["b"] if span.bold else []) + (["i"] if span.italic else [])
            if want != stack:
                keep = 0
                while keep < min(len(want), len(stack)) and want[keep] == stack[keep]:
                    keep += 1
                out.extend(marks[kind] for kind in reversed(stack[keep:]))
                out.append(space)
                out.extend(marks[kind] for kind in want[keep:])
                stack = want
            else:
                out.append(space)
            space = ""
            out.append(escape(char))
    out.extend(marks[kind] for kind in reversed(stack))
    return "".join(out).strip()
