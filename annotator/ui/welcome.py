"""The first start: what annotator does, the reviewer's name, and the sample agreement to try it on."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from annotator.ui.i18n import Translator


class WelcomeDialog(QDialog):
    """Start (Enter) keeps the name typed; "Open the Sample Agreement" keeps it too and opens the sample;
    Escape skips, keeping nothing."""

    def __init__(self, tr: Translator, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome-dialog")
        title = tr("Welcome to annotator")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.sample_wanted = False
        heading = QLabel(f"<h3>{html.escape(title)}</h3>")  # also where the window system shows no title
        heading.setObjectName("welcome-heading")
        what = QLabel(tr("annotator is where you review a coalition agreement against human rights: highlight "
                         "passages, judge them against the treaties, and draft the response letter to parliament."))
        what.setObjectName("welcome-text")
        what.setWordWrap(True)
        self.name = QLineEdit(suggested_name)
        self.name.setObjectName("welcome-name")
        self.name.setAccessibleName(tr("Your name"))
        self.name.setAccessibleDescription(tr("The name colleagues see with your annotations and changes"))
        self.name.selectAll()
        label = QLabel(tr("&Your name, as colleagues see it with your annotations and changes (Edit › "
                          "Preferences… changes it later):"))
        label.setWordWrap(True)
        label.setBuddy(self.name)
        buttons = QDialogButtonBox()
        self.sample = buttons.addButton(tr("Open the &Sample Agreement"), QDialogButtonBox.ButtonRole.ActionRole)
        self.sample.setObjectName("welcome-sample")
        self.sample.setAccessibleName(tr("Open the sample agreement"))
        self.sample.setAutoDefault(False)
        self.start = buttons.addButton(tr("S&tart"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("welcome-start")
        self.start.setAccessibleName(tr("Start"))
        self.start.setDefault(True)
        self.sample.clicked.connect(self._sample)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(what)
        layout.addSpacing(8)
        layout.addWidget(label)
        layout.addWidget(self.name)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _sample(self) -> None:
        self.sample_wanted = True
        self.accept()

    def chosen_name(self) -> str:
        return self.name.text().strip()


def welcome(parent: QWidget, tr: Translator, suggested_name: str, signed: Callable[[str], None],
            open_sample: Callable[[], None] | None) -> WelcomeDialog:
    """Show the welcome (window-modal); ``signed(name)`` when a name is kept, ``open_sample()`` when asked for."""
    dialog = WelcomeDialog(tr, suggested_name, parent)
    if open_sample is None:
        dialog.sample.hide()

    def finished(result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            return  # skipped (Escape): the fallback name stays
        name = dialog.chosen_name()
        if name:
            signed(name)
        if dialog.sample_wanted and open_sample is not None:
            open_sample()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
