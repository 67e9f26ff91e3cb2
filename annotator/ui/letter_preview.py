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
import time
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QTextBlock, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextTable
from PySide6.QtWidgets import QTextBrowser, QWidget

if TYPE_CHECKING:
    from annotator.letter.render_html import Block, PreviewPage

# Replacements applied in one turn of the event loop (about 0.3 ms each with 2,000 passages on screen).
REPLACEMENTS_PER_TURN = 60
# How long a turn of the event loop adds parts of a page being set whole.
LOAD_TURN_S = 0.03
# More paragraphs added or removed than this in one compile: setting the page whole is as quick and simpler.
MOST_INSERTED = 100
_INSERTABLE = frozenset({"p", "li", "h1", "h2"})


class _Shown:
    """A paragraph on screen: its place in the document (a QTextBlock follows edits around it), what it is and the
    inline HTML it shows."""

    __slots__ = ("block", "container", "tag", "inline", "key", "row")

    def __init__(self, block: QTextBlock, container: str, tag: str, inline: str, key: str, row: int = -1) -> None:
        self.block = block
        self.container = container
        self.tag = tag
        self.inline = inline
        self.key = key
        self.row = row

    def signature(self) -> tuple[str, str, str]:
        return self.container, self.tag, self.inline


class LetterPreview(QTextBrowser):
    """A read-only page of the draft letter that applies each new compile as the paragraphs that changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self._shown: list[_Shown] = []
        self._by_key: dict[str, _Shown] = {}
        self._samples: dict[str, tuple[QTextBlockFormat, QTextCharFormat]] = {}
        self._styles: dict[str, QTextCharFormat | None] = {}
        self._waiting: dict[int, tuple[_Shown, str]] = {}  # replacements still to apply, by id() of the paragraph
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._replace_some)
        self.whole_loads = 0  # how often the page was set whole (for whoever watches the preview's cost)
        self._loading: tuple[PreviewPage, list[str]] | None = None  # the page being set, and its parts still to add
        self._found: list[QTextBlock] | None = None
        self._next: PreviewPage | None = None  # a compile that came while a page was being set
        self._load_timer = QTimer(self, singleShot=True, interval=0)
        self._load_timer.timeout.connect(self._load_some)

    # --- what the panel calls ---------------------------------------------------------------------------------

    def show_page(self, page: PreviewPage) -> None:
        """Show the letter ``page``: the paragraphs that differ from those on screen, or the page whole."""
        if self._loading is not None:  # after the page being set
            self._next = page
            return
        if not self._shown or not self._apply(page.blocks):
            self._load(page)

    def show_text(self, text: str) -> None:
        """Show a plain message instead of a letter (a compile that failed)."""
        self._forget()
        self._next = None
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

    def reveal(self, key: str) -> None:
        """Scroll the section paragraph keyed ``key`` into sight when it is not (the paragraph being edited)."""
        shown = self._by_key.get(key)
        if shown is None or not shown.block.isValid():
            return
        layout = self.document().documentLayout()
        area = layout.blockBoundingRect(shown.block)
        top = self.verticalScrollBar().value()
        if area.top() >= top and area.bottom() <= top + self.viewport().height():
            return
        self.verticalScrollBar().setValue(int(area.top() - max(0.0, (self.viewport().height() - area.height()) / 3)))

    def paragraph_text(self, key: str) -> str:
        """The text on screen of the section paragraph keyed ``key`` ('' when there is none)."""
        shown = self._by_key.get(key)
        return shown.block.text() if shown is not None and shown.block.isValid() else ""

    @property
    def settled(self) -> bool:
        """True when every change of the last compile is on screen."""
        return not self._waiting and self._loading is None and self._next is None

    # --- the page whole ---------------------------------------------------------------------------------------

    def _forget(self) -> None:
        self._shown, self._by_key = [], {}
        self._waiting.clear()
        self._timer.stop()
        self._loading = None
        self._load_timer.stop()

    def _load(self, page: PreviewPage) -> None:
        """Set the page whole: its first part at once, the others a turn of the event loop at a time (a long
        letter takes the UI thread a second or more to read as HTML); a compile that comes meanwhile waits."""
        self._forget()
        position = self.verticalScrollBar().value()
        parts = list(page.parts) or [page.html]
        document = self.document()
        document.setDefaultStyleSheet(page.style)
        self.setHtml(parts.pop(0))
        document = self.document()
        document.setUndoRedoEnabled(False)  # a page, not a text being written: no history to keep
        document.setDefaultFont(_letter_font())  # what a paragraph replaced in place is set in
        document.setDefaultStyleSheet(page.style)
        self.verticalScrollBar().setValue(position)
        self.whole_loads += 1
        self._loading = (page, parts)
        self._found = []  # the blocks of the page's paragraphs found so far
        self._map_part(page, 0)
        self._load_some()

    def _map_part(self, page: PreviewPage, index: int) -> None:
        """Find the blocks of the paragraphs of the page's part ``index``, just set: from the block after the
        last one found (a walk over the parts' blocks only, not the whole document each time)."""
        if self._found is None:
            return
        counts = page.part_blocks or (len(page.blocks),)
        first = sum(counts[:index])
        start = self._found[-1].next() if self._found else self.document().begin()
        found = _blocks_of(start, page.blocks[first:first + counts[index]])
        if found is None:
            self._found = None  # not the page's paragraphs as listed: every compile sets it whole
        else:
            self._found += found

    def _load_some(self) -> None:
        if self._loading is None:
            return
        page, parts = self._loading
        started = time.monotonic()
        cursor = QTextCursor(self.document())
        while parts and time.monotonic() - started < LOAD_TURN_S:
            # The part's first paragraph would go into the last one on the page and take its format (a heading's,
            # say): a zero-width space goes there instead, and is taken out again.
            cursor.movePosition(QTextCursor.MoveOperation.End)
            at = cursor.position()
            cursor.insertHtml("<p>\u200b</p>" + parts.pop(0))
            cursor.setPosition(at)
            cursor.setPosition(at + 1, QTextCursor.MoveMode.KeepAnchor)
            if cursor.selectedText() == "\u200b":
                cursor.removeSelectedText()
            self._map_part(page, len(page.parts) - len(parts) - 1)
        if parts:
            self._load_timer.start()
            return
        self._loading = None
        self._loaded(page)
        if self._next is not None:
            waiting, self._next = self._next, None
            self.show_page(waiting)

    def _loaded(self, page: PreviewPage) -> None:
        found, self._found = self._found, None
        if found is None or len(found) != len(page.blocks):
            return
        self._shown = [_Shown(block, item.container, _tag(item), item.inline, item.key, item.row)
                       for block, item in zip(found, page.blocks, strict=True)]
        # The formats a paragraph or heading of the body takes when one is added in place (see _insert_after).
        self._samples = {}
        for shown in self._shown:
            if shown.container == "" and _base(shown.tag) in _INSERTABLE and shown.tag not in self._samples:
                self._samples[shown.tag] = (shown.block.blockFormat(), shown.block.charFormat())
        self._by_key = {shown.key: shown for shown in self._shown if shown.key}
        # The type each kind of paragraph is set in where it differs from the body's (see _restyle).
        self._styles = {}
        for shown in self._shown:
            if shown.tag in self._styles:
                continue
            character = shown.block.charFormat()  # the element's type, without the bold or italic runs in it
            style = QTextCharFormat()
            if character.fontPointSize() > 0:
                style.setFontPointSize(character.fontPointSize())
            if character.fontWeight() != QFont.Weight.Normal:
                style.setFontWeight(character.fontWeight())
            self._styles[shown.tag] = style if style.propertyCount() else None

    # --- the differences --------------------------------------------------------------------------------------

    def _apply(self, blocks: tuple[Block, ...]) -> bool:
        """Apply the differences between the paragraphs on screen and ``blocks``; False (nothing applied) when they
        cannot be applied in place. A table's row is compared, added and removed as one."""
        if [shown.signature() for shown in self._shown] == [(b.container, _tag(b), b.inline) for b in blocks]:
            return True
        old = _units(self._shown)
        new = _units(blocks)
        old_keys = [tuple(shown.signature() for shown in unit) for unit in old]
        new_keys = [tuple((b.container, _tag(b), b.inline) for b in unit) for unit in new]
        # What is the same at either end is left out first: the matcher is slow on long runs of equal cells.
        start, end = 0, 0
        while start < min(len(old), len(new)) and old_keys[start] == new_keys[start]:
            start += 1
        while end < min(len(old), len(new)) - start and old_keys[-1 - end] == new_keys[-1 - end]:
            end += 1
        matcher = SequenceMatcher(None, old_keys[start:len(old) - end], new_keys[start:len(new) - end])
        steps: list[tuple[int, int, int, int]] = []
        moved = 0
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            i1, i2, j1, j2 = i1 + start, i2 + start, j1 + start, j2 + start
            if tag == "equal":
                continue
            common = min(i2 - i1, j2 - j1)
            if any(_kind(old_keys[i1 + k]) != _kind(new_keys[j1 + k]) for k in range(common)):
                return False  # another kind of paragraph in its place
            after = i1 + common - 1
            for added_unit in new[j1 + common:j2]:  # added after the last of the old ones
                if after < 0 or not self._insertable(old[after], added_unit):
                    return False
            for index in range(i1 + common, i2):  # removed
                if not self._removable(old, index):
                    return False
            moved += (j2 - j1 - common) + (i2 - i1 - common)
            steps.append((i1, i2, j1, j2))
        if moved > MOST_INSERTED:
            return False
        result: list[_Shown] = []
        done = 0
        # Each table by its container, found from its header's first cell (a header is never added or removed);
        # a row's place in its table is how many rows of the table ``result`` holds before it.
        tables = {unit[0].container: QTextCursor(unit[0].block).currentTable() for unit in old
                  if unit[0].row == 0}
        rows = {container: 0 for container in tables}

        def keep(unit: list[_Shown]) -> None:
            result.extend(unit)
            if unit[0].container in rows:
                rows[unit[0].container] += 1

        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        mismatch = False  # the tables are not as the page listed them: set the page whole
        for i1, i2, j1, j2 in steps:
            if mismatch:
                break
            for kept_unit in old[done:i1]:
                keep(kept_unit)
            common = min(i2 - i1, j2 - j1)
            for k in range(common):
                for kept, item in zip(old[i1 + k], new[j1 + k], strict=True):
                    kept.key = item.key
                    if kept.inline != item.inline:
                        self._waiting[id(kept)] = (kept, item.inline)
                keep(old[i1 + k])
            for new_unit in new[j1 + common:j2]:
                container = new_unit[0].container
                if container in tables:
                    if not 0 < rows[container] <= tables[container].rows() \
                            or tables[container].columns() != len(new_unit):
                        mismatch = True
                        break
                    keep(self._insert_row(tables[container], rows[container], new_unit))
                else:
                    keep(self._insert_after(cursor, result[-1], new_unit[0]))
            for gone_unit in old[i1 + common:i2]:
                for gone in gone_unit:
                    self._waiting.pop(id(gone), None)
                container = gone_unit[0].container
                if container in tables:
                    if not 0 < rows[container] < tables[container].rows():
                        mismatch = True
                        break
                    tables[container].removeRows(rows[container], 1)
                else:
                    self._remove(cursor, gone_unit[0])
            done = i2
        cursor.endEditBlock()
        if mismatch:
            return False
        for kept_unit in old[done:]:
            keep(kept_unit)
        for shown, item in zip(result, blocks, strict=True):  # the page's rows from now on (rows came and went)
            shown.row, shown.key = item.row, item.key
        # Where rows came and went, every cell of the table is found again by its row and column.
        touched = {unit[0].container for i1, i2, j1, j2 in steps if i2 - i1 != j2 - j1
                   for unit in old[i1:i2] + new[j1:j2] if unit[0].container in tables}
        for unit in _units(result):
            if unit[0].container in touched:
                table = tables[unit[0].container]
                if table.rows() <= unit[0].row or table.columns() != len(unit):
                    return False  # not the table the page holds: set it whole
                for column, shown in enumerate(unit):
                    shown.block = table.cellAt(unit[0].row, column).firstCursorPosition().block()
        self._shown = result
        self._by_key = {item.key: item for item in result if item.key}
        self._replace_some(first_in_sight=True)
        return True

    def _insertable(self, previous: list[_Shown], unit: list[Block]) -> bool:
        """Whether ``unit`` can be added right after ``previous``: a table's row after a row of the same table
        with as many cells; a paragraph of the body after one of the body; an item after one of its list."""
        last, first = previous[-1], unit[0]
        if first.row >= 0:
            return first.row > 0 and last.container == first.container and len(previous) == len(unit)
        if last.container.startswith("table") or first.tag not in _INSERTABLE:
            return False
        if first.tag == "li":
            return _base(last.tag) == "li" and last.container == first.container
        return first.container == "" and last.container == "" and _tag(first) in self._samples

    def _removable(self, old: list[list[_Shown]], index: int) -> bool:
        """Whether the paragraph or table row ``old[index]`` can be taken out in place: a row of a table that keeps
        its header; a paragraph right after another listed one (not after a table's end)."""
        unit = old[index]
        if unit[0].container.startswith("table"):
            return unit[0].row > 0
        return index > 0 and _base(unit[0].tag) in _INSERTABLE and not old[index - 1][-1].container.startswith("table") \
            and unit[0].block.previous() == old[index - 1][-1].block

    def _insert_row(self, table: QTextTable, row: int, unit: list[Block]) -> list[_Shown]:
        """Add ``unit``'s cells as the table's row ``row``."""
        table.insertRows(row, 1)
        added = []
        for column, item in enumerate(unit):
            if item.inline:
                at = table.cellAt(row, column).firstCursorPosition()
                at.insertHtml(item.inline)
                self._restyle(at, _tag(item), at.block())
            added.append(_Shown(table.cellAt(row, column).firstCursorPosition().block(), item.container, _tag(item),
                                item.inline, item.key, item.row))
        return added

    def _insert_after(self, cursor: QTextCursor, previous: _Shown, item: Block) -> list[_Shown]:
        """Add the paragraph, heading or list item ``item`` after ``previous``."""
        block = previous.block
        if item.tag == "li":  # an item of the same list: the list is in the block's format
            formats = block.blockFormat(), QTextCharFormat()
        else:
            formats = self._samples[_tag(item)]
        cursor.setPosition(block.position() + block.length() - 1)
        if item.tag in ("p", "li"):
            cursor.insertBlock(formats[0], QTextCharFormat())
            cursor.insertHtml(item.inline)
            self._restyle(cursor, _tag(item), cursor.block())
        else:  # a heading: its text in the heading's own type
            cursor.insertBlock(*formats)
            cursor.insertText(_plain(item.inline), formats[1])
        return [_Shown(cursor.block(), item.container, _tag(item), item.inline, item.key, item.row)]

    def _remove(self, cursor: QTextCursor, gone: _Shown) -> None:
        block = gone.block
        cursor.setPosition(block.position() - 1)  # from the end of the paragraph before it
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _replace(self, cursor: QTextCursor, shown: _Shown, inline: str) -> None:
        block = shown.block
        cursor.setPosition(block.position())
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if inline:
            cursor.setCharFormat(QTextCharFormat())  # the new text's own formats, not the old text's (bold)
            cursor.insertHtml(inline)
            self._restyle(cursor, shown.tag, block)
        shown.inline = inline

    def _restyle(self, cursor: QTextCursor, tag: str, block: QTextBlock) -> None:
        """Give a paragraph's new text its element's type (a heading's size, a note's, a header cell's weight),
        which Qt keeps with the characters and HTML inserted in place does not bring."""
        style = self._styles.get(tag)
        if style is not None:
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(style)

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


def _letter_font() -> QFont:
    """The letter's typeface as its style sheet names it (annotator.letter.render_html), serif where it is
    missing: a paragraph's new text takes the document's default font, not the style sheet's."""
    font = QFont()
    font.setFamilies(["Georgia", "Times New Roman"])
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>")
_SPACES = re.compile(r"[ \t\r\n]+")
# What a block that the page does not list can hold: nothing, or a picture (the annex's chart).
_UNLISTED = frozenset({"", "\ufffc"})


_Unit = TypeVar("_Unit", _Shown, "Block")


def _units(items: Sequence[_Unit]) -> list[list[_Unit]]:
    """The paragraphs one by one, a table's cells by row."""
    units: list[list[_Unit]] = []
    for item in items:
        if item.row >= 0 and units and units[-1][0].row == item.row and units[-1][0].container == item.container:
            units[-1].append(item)
        else:
            units.append([item])
    return units


def _tag(item: Block) -> str:
    """A paragraph's element and class as the preview tells them apart ('p', 'p.note')."""
    return f"{item.tag}.{item.style}" if item.style else item.tag


def _base(tag: str) -> str:
    return tag.partition(".")[0]


def _kind(unit: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((container, tag) for container, tag, _inline in unit)


def _plain(inline: str) -> str:
    """An inline HTML's text: tags left out, entities read, line breaks as U+2028."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\u2028", inline)))


def _text(inline: str) -> str:
    """The text Qt shows for an inline HTML (see _plain), spaces collapsed."""
    return _SPACES.sub(" ", _plain(inline)).strip()


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
