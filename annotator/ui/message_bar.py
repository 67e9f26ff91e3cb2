"""Inline message bars above the pages: errors and notices that do not block, and the password prompt."""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QWidget

from annotator.ui.i18n import Translator


def _tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    return button


class Level(enum.Enum):
    """How a message is coloured."""

    INFO = ("#e8f0fb", "#2f6fb7")
    WARNING = ("#fff4d6", "#b88a00")
    ERROR = ("#fde7e7", "#c0392b")


class MessageBar(QFrame):
    """One message with a close button; never modal, so the window stays usable."""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message-bar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setObjectName("message-text")
        close = _tool_button("✕", tr("Close"))
        close.clicked.connect(self.hide)
        self.action_button = QPushButton()
        self.action_button.setObjectName("message-action")
        self.action_button.hide()
        self.action_button.clicked.connect(self._act)
        self._action: Callable[[], object] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(close)
        self.hide()

    def _act(self) -> None:
        if self._action is not None:
            self._action()

    def show_message(self, text: str, level: Level = Level.INFO, action: tuple[str, Callable[[], object]] | None = None) -> None:
        """Show ``text``; ``action`` adds a button (its label and what it does), e.g. "Retry"."""
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        background, border = level.value
        self.setStyleSheet(f"#message-bar {{ background: {background}; border-bottom: 2px solid {border}; }}"
                           "#message-text { color: #1b1b1b; }")
        self.label.setText(text)
        self.show()

    def retract(self, text: str) -> None:
        """The cause of ``text`` is gone: hide the bar if it still says that (a newer message stays)."""
        if self.isVisible() and self.label.text() == text:
            self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class PasswordBar(QFrame):
    """Asks for the password of an encrypted document, in place (again after a wrong one)."""

    submitted = Signal(str)

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self.setObjectName("password-bar")
        self.setStyleSheet("#password-bar { background: #fff4d6; border-bottom: 2px solid #b88a00; }"
                           "#password-bar QLabel { color: #1b1b1b; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("password-field")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMinimumWidth(180)
        self.field.returnPressed.connect(self._submit)
        button = QPushButton(tr("Open"))
        button.clicked.connect(self._submit)
        cancel = _tool_button("✕", tr("Close"))
        cancel.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.field)
        layout.addWidget(button)
        layout.addWidget(cancel)
        self.hide()

    def ask(self, name: str, wrong: bool) -> None:
        prompt = self._tr("{name} is protected with a password. Enter it to open the document:", name=name)
        if wrong:
            prompt = self._tr("The password was wrong. Try again:") + " " + prompt
        self.label.setText(prompt)
        self.field.clear()
        self.show()
        self.field.setFocus()

    def _submit(self) -> None:
        password = self.field.text()
        self.hide()
        self.submitted.emit(password)
