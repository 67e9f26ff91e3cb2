"""Writing and arranging the letter in the Letter panel: the reviewer's own texts and the order of the passages.

- :class:`RichTextField` writes the letter's introduction, its closing and each section's introduction with bold,
  italic and bulleted lists (Ctrl+B, Ctrl+I, Ctrl+Shift+L), stored as the small markup of
  annotator.letter.markup, never as Qt's HTML. Ctrl+Z in the field undoes typing there; every pause stores the text
  as one step of the review's history.
- :class:`PassageList` lists a section's passages in the letter's order: drag one to another place, or onto another
  passage to argue the two in one paragraph; from the keyboard Alt+Up and Alt+Down move it, Alt+Right argues it
  together with the paragraph before and Alt+Left gives it a paragraph of its own (also in its context menu). The
  drag is the list's own (press, move, release on its rows), not a system drag-and-drop: it works the same on every
  platform and never leaves the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QFont,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.letter import arrangement as arranging
from annotator.letter.markup import Block, Span, parse, to_markup
from annotator.ui.i18n import Translator
from annotator.ui.palette import judgment_name

SAVE_DELAY_MS = 800  # typing is stored after a pause like this, and when the field is left
_ID_ROLE = Qt.ItemDataRole.UserRole
_BOLD = 600  # a character at least this heavy is bold
INTRODUCTION, CLOSING, SECTION = "introduction", "closing", "section:"


class RichTextField(QTextEdit):
    """A small rich-text editor: paragraphs, bulleted lists, bold and italic; read and set as markup."""

    left = Signal()  # the field lost the keyboard focus (to another widget, a menu, another window)

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.setAcceptRichText(False)  # pasted text comes in plain: no fonts, colours or tables from elsewhere
        self.setTabChangesFocus(True)
        self.bold_action = self._action(tr("Bold"), "Ctrl+B", self.toggle_bold)
        self.italic_action = self._action(tr("Italic"), "Ctrl+I", self.toggle_italic)
        self.list_action = self._action(tr("Bulleted List"), "Ctrl+Shift+L", self.toggle_list)
        self.currentCharFormatChanged.connect(lambda _format: self._show_state())
        self.cursorPositionChanged.connect(self._show_state)

    def _action(self, text: str, keys: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setCheckable(True)
        action.setToolTip(f"{text} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # --- formatting ---------------------------------------------------------------------------------

    def toggle_bold(self) -> None:
        form = QTextCharFormat()
        form.setFontWeight(QFont.Weight.Normal if self.fontWeight() >= _BOLD else QFont.Weight.Bold)
        self.mergeCurrentCharFormat(form)
        self._show_state()

    def toggle_italic(self) -> None:
        form = QTextCharFormat()
        form.setFontItalic(not self.fontItalic())
        self.mergeCurrentCharFormat(form)
        self._show_state()

    def toggle_list(self) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None:
            for block in _blocks_of(cursor):
                if block.textList() is not None:
                    block.textList().remove(block)
                plain = QTextCursor(block)
                form = plain.blockFormat()
                form.setIndent(0)
                plain.setBlockFormat(form)
        else:
            cursor.createList(QTextListFormat.Style.ListDisc)
        cursor.endEditBlock()
        self._show_state()

    def _show_state(self) -> None:
        self.bold_action.setChecked(self.fontWeight() >= _BOLD)
        self.italic_action.setChecked(self.fontItalic())
        self.list_action.setChecked(self.textCursor().currentList() is not None)

    # --- markup -------------------------------------------------------------------------------------

    def markup(self) -> str:
        """The text as markup (annotator.letter.markup): each paragraph of the field a paragraph, list items as
        "- " lines, bold and italic as ** and *."""
        blocks: list[Block] = []
        block = self.document().begin()
        while block.isValid():
            text = block.text().replace("\u2028", " ")
            spans = []
            for piece in block.textFormats():
                form = piece.format
                spans.append(Span(text[piece.start:piece.start + piece.length],
                                  bold=form.fontWeight() >= _BOLD, italic=form.fontItalic()))
            if not spans and text:
                spans.append(Span(text))
            blocks.append(Block(tuple(spans), bullet=block.textList() is not None))
            block = block.next()
        return to_markup(blocks)

    def set_markup(self, text: str) -> None:
        """Show ``text`` (markup); the field's own undo starts afresh."""
        document = self.document()
        document.setUndoRedoEnabled(False)
        document.clear()
        cursor = QTextCursor(document)
        current_list = None
        for index, block in enumerate(parse(text)):
            if index:
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            if block.bullet:
                if current_list is None:
                    current_list = cursor.createList(QTextListFormat.Style.ListDisc)
                else:
                    current_list.add(cursor.block())
            else:
                current_list = None
            for span in block.spans:
                form = QTextCharFormat()
                form.setFontWeight(QFont.Weight.Bold if span.bold else QFont.Weight.Normal)
                form.setFontItalic(span.italic)
                cursor.insertText(span.text, form)
        document.setUndoRedoEnabled(True)
        self.moveCursor(QTextCursor.MoveOperation.End)
        self.setCurrentCharFormat(QTextCharFormat())
        self._show_state()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.left.emit()


def _blocks_of(cursor: QTextCursor) -> list[Any]:
    """The blocks the cursor's selection touches (its block when nothing is selected)."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    blocks = [first]
    while blocks[-1] != last and blocks[-1].next().isValid():
        blocks.append(blocks[-1].next())
    return blocks


class PassageList(QListWidget):
    """A section's passages in the letter's order; rearranged by dragging or from the keyboard.

    ``arranged`` carries the section's paragraphs as they are to be (groups of annotation ids) and the undo
    step's name; the list shows them at once, and again as stored once the letter is compiled."""

    arranged = Signal(object, str)  # groups, description

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.setObjectName("letter-passages")
        self.setWordWrap(True)
        self.setDragEnabled(False)  # the list's own drag, below
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.groups: arranging.Groups = ()
        self._passages: dict[str, Any] = {}
        self._press: tuple[str, QPoint] | None = None
        self._dragging = False
        self._target: tuple[str | None, str] | None = None
        self._later: Sequence[Sequence[Any]] | None = None  # paragraphs that came while a passage was dragged
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.up_action = self._action(tr("Move Up"), "Alt+Up", lambda id: self._apply(
            arranging.move(self.groups, id, -1), tr("Move a passage in the letter")))
        self.down_action = self._action(tr("Move Down"), "Alt+Down", lambda id: self._apply(
            arranging.move(self.groups, id, 1), tr("Move a passage in the letter")))
        self.join_action = self._action(tr("Argue Together with the Previous"), "Alt+Right", lambda id: self._apply(
            arranging.join_previous(self.groups, id), tr("Argue passages together")))
        self.separate_action = self._action(tr("Argue on Its Own"), "Alt+Left", lambda id: self._apply(
            arranging.separate(self.groups, id), tr("Argue a passage on its own")))

    def _action(self, text: str, keys: str, run: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: self._current_do(run))
        self.addAction(action)
        return action

    def _current_do(self, run: Any) -> None:
        item = self.currentItem()
        if item is not None and item.data(_ID_ROLE):
            run(str(item.data(_ID_ROLE)))

    def _apply(self, groups: arranging.Groups, text: str) -> None:
        if groups != self.groups:
            self.show_groups(groups)
            self.arranged.emit(groups, text)

    # --- showing ------------------------------------------------------------------------------------

    def set_paragraphs(self, paragraphs: Sequence[Sequence[Any]]) -> None:
        """Show a section's paragraphs (of OutlinePassage: id, quote, page, judgment); while a passage is being
        dragged, once it is dropped."""
        if self._press is not None:
            self._later = paragraphs
            return
        self._later = None
        self._passages = {passage.id: passage for paragraph in paragraphs for passage in paragraph}
        groups = tuple(tuple(passage.id for passage in paragraph) for paragraph in paragraphs)
        if groups != self.groups or self.count() != len(self._passages):
            self.show_groups(groups)

    def show_groups(self, groups: arranging.Groups) -> None:
        current = self.currentItem()
        keep = str(current.data(_ID_ROLE)) if current is not None and current.data(_ID_ROLE) else None
        self.groups = groups
        self.clear()
        language = self.tr_.language
        for number, group in enumerate(groups, start=1):
            for place, id in enumerate(group):
                passage = self._passages.get(id)
                if passage is None:
                    continue
                judgment = judgment_name(passage.judgment, language) or self.tr_("not judged")
                page = f" ({passage.page})" if passage.page else ""
                words = f"{passage.quote}{page} · {judgment}"
                if place:
                    text = "      + " + words
                    tip = self.tr_("Argued in paragraph {number}, together with the passage above", number=number)
                else:
                    text = f"{number}.  {words}"
                    tip = self.tr_("Paragraph {number} of the section", number=number)
                item = QListWidgetItem(text)
                item.setData(_ID_ROLE, id)
                item.setToolTip(tip + "\n" + self.tr_("Drag to another place, or onto a passage to argue the two "
                                                      "in one paragraph; Alt+Up, Alt+Down, Alt+Right, Alt+Left"))
                self.addItem(item)
                if id == keep:
                    self.setCurrentItem(item)
        if self.currentItem() is None and self.count():
            self.setCurrentRow(0)

    def row_of(self, id: str) -> int:
        """The row that shows the passage ``id`` (-1: none)."""
        return next((row for row in range(self.count()) if self.item(row).data(_ID_ROLE) == id), -1)

    # --- the mouse: press on a passage, move, release where it is to go -----------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        item = self.itemAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and item is not None and item.data(_ID_ROLE):
            self._press = (str(item.data(_ID_ROLE)), event.position().toPoint())
        self._dragging = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press is None:
            super().mouseMoveEvent(event)
            return
        point = event.position().toPoint()
        if not self._dragging:
            if (point - self._press[1]).manhattanLength() < QApplication.startDragDistance():
                return
            self._dragging = True
            self.viewport().setCursor(Qt.CursorShape.DragMoveCursor)
        self._target = self._drop_target(point)
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        press, dragging = self._press, self._dragging
        target = self._drop_target(event.position().toPoint()) if dragging else None
        self._end_drag()
        if press is None or not dragging:
            super().mouseReleaseEvent(event)
            return
        placed = {member for group in self.groups for member in group}
        if target is None or press[0] not in placed or (target[0] is not None and target[0] not in placed):
            return
        id, (onto, where) = press[0], target
        text = self.tr_("Argue passages together") if where == "onto" else self.tr_("Move a passage in the letter")
        self._apply(arranging.drop(self.groups, id, onto, where), text)
        row = self.row_of(id)
        if row >= 0:
            self.setCurrentRow(row)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if self._dragging and event.key() == Qt.Key.Key_Escape:
            self._end_drag()
            return
        super().keyPressEvent(event)

    def _end_drag(self) -> None:
        self._press = None
        self._dragging = False
        self._target = None
        self.viewport().unsetCursor()
        self.viewport().update()
        if self._later is not None:
            self.set_paragraphs(self._later)

    def _drop_target(self, point: QPoint) -> tuple[str | None, str] | None:
        """Where a passage dropped at ``point`` goes: (passage id, "before" / "onto" / "after"), or (None, "end")
        below the last row; None on the dragged passage itself, or outside the rows."""
        item = self.itemAt(point)
        if item is None:
            last = self.item(self.count() - 1) if self.count() else None
            if last is not None and point.y() > self.visualItemRect(last).bottom():
                return None, "end"
            return None
        id = str(item.data(_ID_ROLE))
        if self._press is not None and id == self._press[0]:
            return None
        rect = self.visualItemRect(item)
        share = (point.y() - rect.top()) / max(1, rect.height())
        return id, "before" if share < 0.3 else "after" if share > 0.7 else "onto"

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._dragging or self._target is None:
            return
        onto, where = self._target
        row = self.row_of(onto) if onto is not None else self.count() - 1
        if row < 0:
            return
        painter = QPainter(self.viewport())
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(colour, 2))
        rect = self.visualItemRect(self.item(row))
        if onto is None:
            painter.drawLine(rect.left(), rect.bottom() + 1, rect.right(), rect.bottom() + 1)
        else:
            if where == "onto":
                fill = QColor(colour)
                fill.setAlpha(60)
                painter.fillRect(rect, fill)
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
            else:
                y = rect.top() if where == "before" else rect.bottom() + 1
                painter.drawLine(rect.left(), y, rect.right(), y)
        painter.end()

    def drop_rect(self, id: str) -> QRect:
        """The row of the passage ``id`` in viewport coordinates (for tests and the keys help)."""
        return self.visualItemRect(self.item(self.row_of(id)))


class LetterComposer(QWidget):
    """Choose a part of the letter (its introduction, a section, its closing), write its text, and arrange a
    section's passages."""

    text_edited = Signal(str, str)  # part ("introduction", "closing", "section:<title>"), markup
    arranged = Signal(str, object, object, str)  # section key, groups, ids shown, description

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.setObjectName("letter-composer")
        self.part = QComboBox()
        self.part.setObjectName("letter-part")
        self.part.setAccessibleName(tr("Part of the Letter"))
        self.part.setToolTip(tr("The part of the letter to write: its introduction, a section or its closing"))
        self.part.currentIndexChanged.connect(self._part_chosen)
        self.field = RichTextField(tr)
        self.field.setObjectName("letter-text")
        self.field.setAccessibleName(tr("Letter Text"))
        self.field.setPlaceholderText(tr("What opens this part of the letter, in your own words"))
        self.field.textChanged.connect(self._typed)
        self.field.left.connect(self.save_typing)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for action, label in ((self.field.bold_action, "B"), (self.field.italic_action, "I"),
                              (self.field.list_action, "•")):
            button = QToolButton()
            action.setIconText(label)  # what the button shows; kept when the action changes (checked or not)
            button.setDefaultAction(action)
            button.setAccessibleName(action.text().replace("&", ""))  # "Bold", not "B"
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text keeps the keyboard; Tab goes past them
            font = button.font()
            font.setBold(label == "B")
            font.setItalic(label == "I")
            button.setFont(font)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.passages_label = QLabel(tr("Passages, in the letter's order: drag one to another place, or onto "
                                        "another to argue them in one paragraph"))
        self.passages_label.setWordWrap(True)
        self.passages = PassageList(tr)
        self.passages.arranged.connect(self._arranged)
        self.passages_label.setBuddy(self.passages)
        choose = QLabel(tr("&Write"))
        choose.setBuddy(self.part)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(choose)
        top.addWidget(self.part, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.field, 2)
        layout.addWidget(self.passages_label)
        layout.addWidget(self.passages, 3)
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_typing)
        self.outline: tuple[Any, ...] = ()
        self._settings: Any = None
        self._loaded = ""  # the stored text of the part on screen, as the field was last set from or saved to
        self._shown_part = ""
        self._filling = False
        self._show_passages(False)

    # --- what is stored -----------------------------------------------------------------------------

    def set_content(self, outline: Sequence[Any], settings: Any) -> None:
        """Show the letter as compiled: its sections (OutlineSection) and the stored settings. Text the reviewer
        is typing stays; a stored text that changed meanwhile (an undo, a colleague, the settings dialog) is shown."""
        self.outline, self._settings = tuple(outline), settings
        parts = [(self.tr_("Introduction of the letter"), INTRODUCTION)]
        parts += [(section.title, SECTION + section.key) for section in self.outline]
        parts += [(self.tr_("Closing of the letter"), CLOSING)]
        current = self.part.currentData() or INTRODUCTION
        if [(self.part.itemText(i), self.part.itemData(i)) for i in range(self.part.count())] != parts:
            self._filling = True
            self.part.clear()
            for title, key in parts:
                self.part.addItem(title, key)
            self.part.setCurrentIndex(max(0, self.part.findData(current)))
            self._filling = False
        self._show_part(reload=False)

    def _section(self, part: str) -> Any:
        if not part.startswith(SECTION):
            return None
        key = part[len(SECTION):]
        return next((section for section in self.outline if section.key == key), None)

    def stored_text(self, part: str) -> str:
        """The stored markup of ``part``."""
        if self._settings is None:
            return ""
        if part == INTRODUCTION:
            return str(self._settings.introduction)
        if part == CLOSING:
            return str(self._settings.closing)
        section = self._section(part)
        return str(self._settings.section_introduction(section.title)) if section is not None else ""

    def _part_chosen(self, _index: int) -> None:
        if self._filling:
            return
        self.save_typing()
        self._show_part(reload=True)

    def _show_part(self, *, reload: bool) -> None:
        part = str(self.part.currentData() or INTRODUCTION)
        stored = self.stored_text(part)
        if reload or part != self._shown_part or (stored != self._loaded and not self._timer.isActive()):
            self._shown_part, self._loaded = part, stored
            self._filling = True
            self.field.set_markup(stored)
            self._filling = False
        section = self._section(part)
        self._show_passages(section is not None)
        if section is not None:
            self.passages.set_paragraphs(section.paragraphs)
            if not section.paragraphs:
                self.passages_label.setText(self.tr_("No passages in this section yet: include annotations with "
                                                     "this theme in the letter."))
            else:
                self.passages_label.setText(self.tr_("Passages, in the letter's order: drag one to another place, "
                                                     "or onto another to argue them in one paragraph"))

    def _show_passages(self, shown: bool) -> None:
        self.passages.setVisible(shown)
        self.passages_label.setVisible(shown)

    # --- typing and arranging -----------------------------------------------------------------------

    def _typed(self) -> None:
        if not self._filling:
            self._timer.start()

    def save_typing(self) -> None:
        """Store what was typed in the part on screen, if it differs from what is stored (one step to undo)."""
        self._timer.stop()
        if self._settings is None or not self._shown_part:
            return
        text = self.field.markup()
        if text != self._loaded:
            self._loaded = text
            self.text_edited.emit(self._shown_part, text)

    def refused(self) -> None:
        """The text on screen could not be stored: it stays on screen, and is offered again after the next edit."""
        self._loaded = self.stored_text(self._shown_part)

    def _arranged(self, groups: Any, text: str) -> None:
        section = self._section(self._shown_part)
        if section is not None:
            shown = [passage.id for paragraph in section.paragraphs for passage in paragraph]
            self.arranged.emit(section.key, groups, shown, text)
