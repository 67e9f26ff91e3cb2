"""The Letter panel's preview: the draft letter as a page that follows every edit by replacing only the paragraphs
that changed.

Setting a whole letter of 2,000 passages into a QTextBrowser takes the UI thread most of a second, and a reviewer
edits one passage at a time. So the page is set whole once; after that each compile's paragraphs
(annotator.letter.render_html.PreviewPage) are compared with those on screen and only the differences are applied:
a paragraph's text replaced in place, paragraphs of the body or of a list added or removed. Replacements in sight
come first, the rest a few dozen per turn of the event loop, so typing never waits for a renumbered footnote at the
end of the letter. What cannot be applied in place (a table's rows, a new heading, a list that came or went) sets
the page whole again.

A paragraph composed again as the reviewer types (:meth:`LetterPreview.replace_paragraph`) goes on screen at once.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextBlock, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

if TYPE_CHECKING:
    from annotator.letter.render_html import Block, PreviewPage

# Replacements applied in one turn of the event loop (about 0.3 ms each with 2,000 passages on screen).
REPLACEMENTS_PER_TURN = 60
# More paragraphs added or removed than this in one compile: setting the page whole is as quick and simpler.
MOST_INSERTED = 40
_INSERTABLE = frozenset({"p", "li"})


class _Shown:
    """A paragraph on screen: its place in the document (a QTextBlock follows edits around it), what it is and the
    inline HTML it shows."""

    __slots__ = ("block", "container", "tag", "inline", "key")

    def __init__(self, block: QTextBlock, container: str, tag: str, inline: str, key: str) -> None:
        self.block = block
        self.container = container
        self.tag = tag
        self.inline = inline
        self.key = key

    def signature(self) -> tuple[str, str, str]:
        return self.container, self.tag, self.inline


class LetterPreview(QTextBrowser):
    """A read-only page of the draft letter that applies each new compile as the paragraphs that changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self._shown: list[_Shown] = []
        self._by_key: dict[str, _Shown] = {}
        self._waiting: dict[int, tuple[_Shown, str]] = {}  # replacements still to apply, by id() of the paragraph
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._replace_some)
        self.whole_loads = 0  # how often the page was set whole (for whoever watches the preview's cost)

    # --- what the panel calls ---------------------------------------------------------------------------------

    def show_page(self, page: PreviewPage) -> None:
        """Show the letter ``page``: the paragraphs that differ from those on screen, or the page whole."""
        if not self._shown or not self._apply(page.blocks):
            self._load(page)

    def show_text(self, text: str) -> None:
        """Show a plain message instead of a letter (a compile that failed)."""
        self._forget()
        self.setPlainText(text)

    def replace_paragraph(self, block: Block) -> bool:
        """Show the section paragraph ``block`` (keyed by its first annotation id) at once in place of the one on
        screen; False when the page has no such paragraph."""
        shown = self._by_key.get(block.key)
        if shown is None:
            return False
        self._waiting.pop(id(shown), None)
        if shown.inline != block.inline:
            self._replace(QTextCursor(self.document()), shown, block.inline)
        return True

    def paragraph_text(self, key: str) -> str:
        """The text on screen of the section paragraph keyed ``key`` ('' when there is none)."""
        shown = self._by_key.get(key)
        return shown.block.text() if shown is not None and shown.block.isValid() else ""

    @property
    def settled(self) -> bool:
        """True when every change of the last compile is on screen."""
        return not self._waiting

    # --- the page whole ---------------------------------------------------------------------------------------

    def _forget(self) -> None:
        self._shown, self._by_key = [], {}
        self._waiting.clear()
        self._timer.stop()

    def _load(self, page: PreviewPage) -> None:
        self._forget()
        position = self.verticalScrollBar().value()
        self.setHtml(page.html)
        self.document().setUndoRedoEnabled(False)  # a page, not a text being written: no history to keep
        self.verticalScrollBar().setValue(position)
        self.whole_loads += 1
        found = _blocks_of(self.document().begin(), page.blocks)
        if found is None:  # not the page's paragraphs as listed: every compile sets it whole
            return
        self._shown = [_Shown(block, item.container, item.tag, item.inline, item.key)
                       for block, item in zip(found, page.blocks, strict=True)]
        self._by_key = {shown.key: shown for shown in self._shown if shown.key}

    # --- the differences --------------------------------------------------------------------------------------

    def _apply(self, blocks: tuple[Block, ...]) -> bool:
        """Apply the differences between the paragraphs on screen and ``blocks``; False (nothing applied) when they
        cannot be applied in place."""
        old = [shown.signature() for shown in self._shown]
        new = [(item.container, item.tag, item.inline) for item in blocks]
        if old == new:
            return True
        steps: list[tuple[int, int, int, int]] = []
        inserted = 0
        # What is the same at either end is left out first: the matcher is slow on long runs of equal cells.
        start, end = 0, 0
        while start < min(len(old), len(new)) and old[start] == new[start]:
            start += 1
        while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
            end += 1
        matcher = SequenceMatcher(None, old[start:len(old) - end], new[start:len(new) - end])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            i1, i2, j1, j2 = i1 + start, i2 + start, j1 + start, j2 + start
            if tag == "equal":
                continue
            common = min(i2 - i1, j2 - j1)
            if any(old[i1 + k][:2] != new[j1 + k][:2] for k in range(common)):
                return False  # another kind of paragraph in its place
            if j2 - j1 > common:  # added after the last of the old ones
                after = i1 + common - 1
                if after < 0 or any(item[1] not in _INSERTABLE or item[0].startswith("table")
                                    or item[0] != old[after][0] for item in new[j1 + common:j2]):
                    return False
                inserted += j2 - j1 - common
            if i2 - i1 > common:  # removed
                first = i1 + common
                if first == 0 or any(item[0].startswith("table") or item[1] not in _INSERTABLE
                                     for item in old[first:i2]):
                    return False
                if self._shown[first].block.previous() != self._shown[first - 1].block:
                    return False  # something unlisted lies between (a table's end): not removable in place
                inserted += i2 - first
            steps.append((i1, i2, j1, j2))
        if inserted > MOST_INSERTED:
            return False
        shown = list(self._shown)
        result: list[_Shown] = []
        done = 0
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for i1, i2, j1, j2 in steps:
            result += shown[done:i1]
            common = min(i2 - i1, j2 - j1)
            for k in range(common):
                item, kept = blocks[j1 + k], shown[i1 + k]
                kept.key = item.key
                if kept.inline != item.inline:
                    self._waiting[id(kept)] = (kept, item.inline)
                result.append(kept)
            previous = result[-1] if result else None
            for item in blocks[j1 + common:j2]:
                assert previous is not None
                previous = self._insert_after(cursor, previous, item)
                result.append(previous)
            for gone in shown[i1 + common:i2]:
                self._waiting.pop(id(gone), None)
                self._remove(cursor, gone)
            done = i2
        result += shown[done:]
        cursor.endEditBlock()
        self._shown = result
        self._by_key = {item.key: item for item in result if item.key}
        self._replace_some(first_in_sight=True)
        return True

    def _insert_after(self, cursor: QTextCursor, previous: _Shown, item: Block) -> _Shown:
        block = previous.block
        cursor.setPosition(block.position() + block.length() - 1)
        cursor.insertBlock(block.blockFormat(), block.charFormat())
        cursor.insertHtml(item.inline)
        return _Shown(cursor.block(), item.container, item.tag, item.inline, item.key)

    def _remove(self, cursor: QTextCursor, gone: _Shown) -> None:
        block = gone.block
        cursor.setPosition(block.position() - 1)  # from the end of the paragraph before it
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _replace(self, cursor: QTextCursor, shown: _Shown, inline: str) -> None:
        block = shown.block
        cursor.setPosition(block.position())
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        if inline:
            cursor.insertHtml(inline)
        else:
            cursor.removeSelectedText()
        shown.inline = inline

    def _replace_some(self, first_in_sight: bool = False) -> None:
        """Apply waiting replacements: those in sight first (when asked), then a turn's worth in document order."""
        if not self._waiting:
            return
        todo = list(self._waiting.values())
        if first_in_sight:
            top = self.cursorForPosition(self.viewport().rect().topLeft()).position()
            bottom = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
            todo = [item for item in todo if top <= item[0].block.position() <= bottom + 1] or todo
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for shown, inline in todo[:REPLACEMENTS_PER_TURN]:
            del self._waiting[id(shown)]
            if shown.block.isValid():
                self._replace(cursor, shown, inline)
        cursor.endEditBlock()
        if self._waiting:
            self._timer.start()


_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>")
_SPACES = re.compile(r"[ \t\r\n]+")
# What a block that the page does not list can hold: nothing, or a picture (the annex's chart).
_UNLISTED = frozenset({"", "\ufffc"})


def _text(inline: str) -> str:
    """The text Qt shows for an inline HTML: tags left out, entities read, line breaks as U+2028, spaces
    collapsed."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", _BREAK.sub("\u2028", inline)))).strip()


def _blocks_of(block: QTextBlock, listed: tuple[Block, ...]) -> list[QTextBlock] | None:
    """The document's block of each listed paragraph, in order, from ``block`` on: each is the next block with its
    text, past blocks the page does not list (empty ones, a picture's); None when the document is not the page."""
    found: list[QTextBlock] = []
    for item in listed:
        expected = _text(item.inline)
        while block.isValid() and _SPACES.sub(" ", block.text()).strip() != expected:
            if _SPACES.sub(" ", block.text()).strip() not in _UNLISTED:
                return None
            block = block.next()
        if not block.isValid():
            return None
        found.append(block)
        block = block.next()
    return found
