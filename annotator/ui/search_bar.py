"""The find bar (Ctrl+F): a query field, previous and next, and the number of hits."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.ui.i18n import Translator


def _tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    return button


class SearchBar(QWidget):
    """Emits the query after a short pause in typing; Enter goes to the next hit, Shift+Enter to the previous."""

    opened = Signal()  # Ctrl+F: a search is coming
    query_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self.field = QLineEdit()
        self.field.setObjectName("search-field")
        self.field.setPlaceholderText(tr("Search in the document"))
        self.field.setAccessibleName(tr("Find in the document"))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("search-count")
        # As wide as a long count, so that the field and the arrows stay put while the hits are counted.
        metrics = self.count.fontMetrics()
        widest = max(metrics.horizontalAdvance(text) for text in (
            tr("Searching… %n hit(s)", None, n=88888), tr("{i} of %n hit(s)", None, i=88888, n=88888),
            tr("No hits")))
        self.count.setMinimumWidth(widest + 8)
        previous = _tool_button("▲", tr("Previous") + " (Shift+Enter)")
        following = _tool_button("▼", tr("Next") + " (Enter)")
        close = _tool_button("✕", tr("Close") + " (Esc)")
        previous.clicked.connect(self.previous_requested)
        following.clicked.connect(self.next_requested)
        close.clicked.connect(self.close_bar)
        # Named for a screen reader, which would read the arrows' and the cross's symbol names.
        for button, name in ((previous, tr("Previous Hit")), (following, tr("Next Hit")),
                             (close, tr("Close the Find Bar"))):
            button.setAccessibleName(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self._debounce = QTimer(self, singleShot=True, interval=180)
        self._debounce.timeout.connect(lambda: self.query_changed.emit(self.field.text()))
        self.field.textChanged.connect(lambda _: self._debounce.start())

    def open_bar(self) -> None:
        """Show the bar with the field focused; opened again over a query, it searches for it again at once."""
        reopened = self.isHidden()
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.opened.emit()
        if reopened and self.field.text().strip():
            self._debounce.stop()
            self.query_changed.emit(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.count.setText("")
        self.closed.emit()

    def show_count(self, current: int | None, total: int, searching: bool) -> None:
        """Show "3 of 12 hits", "Searching… 5 hits" ("Searching…" before the first), or "No hits"."""
        tr = self._tr
        if not self.field.text().strip():
            self.count.setText("")
        elif searching:
            self.count.setText(tr("Searching… %n hit(s)", None, n=total) if total else tr("Searching…"))
        elif total == 0:
            self.count.setText(tr("No hits"))
        elif current is None:
            self.count.setText(tr("%n hit(s)", None, n=total))
        else:
            self.count.setText(tr("{i} of %n hit(s)", None, i=current + 1, n=total))

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    self._debounce.stop()
                    self.query_changed.emit(self.field.text())
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous_requested.emit()
                else:
                    self.next_requested.emit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
