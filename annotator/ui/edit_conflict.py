"""Both changed it at once: a colleague's saved version beside the reviewer's, to choose from or to edit.

Shown when a reviewer's save meets a colleague's change of the same field that cannot be combined (both added to the
end of one comment, both set a different judgment). The colleague's value is what the database holds meanwhile; the
reviewer's choice is saved as a step of its own, so Ctrl+Z takes it back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.i18n import Translator, translatable

FIELD_NAMES = {
    "comment": translatable("Comment"), "sources": translatable("Sources"), "judgment": translatable("Judgment"),
    "theme_id": translatable("Theme"), "references": translatable("Treaty references"),
    "include_in_letter": translatable("Include in the letter"), "anchor": translatable("Highlighted text"),
}
TEXT_FIELDS = ("comment", "sources")


def _as_text(field: str, value: object) -> str:
    if field == "sources":
        return "\n".join(value) if isinstance(value, (tuple, list)) else str(value or "")
    return str(value or "")


def _from_text(field: str, text: str) -> object:
    if field == "sources":
        return tuple(line.strip() for line in text.splitlines() if line.strip())
    return text


def _text_result(field: str, result: QPlainTextEdit) -> object:
    return _from_text(field, result.toPlainText())


def _radio_result(question: Any, mine: QRadioButton) -> object:
    return question.mine if mine.isChecked() else question.theirs


class EditConflictDialog(QDialog):
    """One box per field both changed: theirs and mine side by side; for a text, an editable result below."""

    def __init__(self, tr: Translator, quote: str, questions: Sequence[Any], describe: Callable[[str, object], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("edit-conflict")
        self.setWindowTitle(tr("Changed by Both of You"))
        self.resize(820, 520)
        self.questions = list(questions)
        colleague = next((q.colleague for q in questions if q.colleague), "") or tr("A colleague")
        short = quote if len(quote) <= 80 else quote[:77] + "…"
        intro = QLabel(tr("{name} changed “{quote}” while you were changing it too. Their version is saved; choose "
                          "what it should say. Nothing is changed until you choose.", name=colleague, quote=short))
        intro.setObjectName("edit-conflict-intro")
        intro.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        self._results: list[Callable[[], object]] = []
        self.results: dict[str, QPlainTextEdit] = {}
        self.mine: dict[str, QRadioButton] = {}
        for question in self.questions:
            box = QGroupBox(tr(FIELD_NAMES.get(question.field, question.field)))
            grid = QGridLayout(box)
            theirs_title = tr("{name}'s version (saved)", name=colleague)
            if question.field in TEXT_FIELDS:
                grid.addWidget(QLabel(theirs_title), 0, 0)
                grid.addWidget(QLabel(tr("Your version")), 0, 1)
                for col, value in ((0, question.theirs), (1, question.mine)):
                    view = QPlainTextEdit(_as_text(question.field, value))
                    view.setReadOnly(True)
                    view.setTabChangesFocus(True)
                    view.setMaximumHeight(110)
                    view.setObjectName(f"{question.field}-{'theirs' if col == 0 else 'mine'}")
                    grid.addWidget(view, 1, col)
                result = QPlainTextEdit(_as_text(question.field, question.both if question.both is not None
                                                 else question.mine))
                result.setObjectName(f"{question.field}-result")
                result.setTabChangesFocus(True)
                result.setMaximumHeight(130)
                take_theirs = QPushButton(tr("Use {name}'s", name=colleague))
                take_mine = QPushButton(tr("Use mine"))
                take_theirs.clicked.connect(
                    lambda _=False, r=result, q=question: r.setPlainText(_as_text(q.field, q.theirs)))
                take_mine.clicked.connect(
                    lambda _=False, r=result, q=question: r.setPlainText(_as_text(q.field, q.mine)))
                grid.addWidget(QLabel(tr("What it should say (both versions' words are in it; edit freely):")),
                               2, 0, 1, 2)
                grid.addWidget(result, 3, 0, 1, 2)
                grid.addWidget(take_theirs, 4, 0, Qt.AlignmentFlag.AlignLeft)
                grid.addWidget(take_mine, 4, 1, Qt.AlignmentFlag.AlignLeft)
                self.results[question.field] = result
                self._results.append(partial(_text_result, question.field, result))
            else:
                group = QButtonGroup(box)
                theirs = QRadioButton(f"{theirs_title}: {describe(question.field, question.theirs)}")
                mine = QRadioButton(f"{tr('Your version')}: {describe(question.field, question.mine)}")
                mine.setChecked(True)  # the later save: what the reviewer just did
                for row, button in enumerate((theirs, mine)):
                    group.addButton(button)
                    grid.addWidget(button, row, 0)
                self.mine[question.field] = mine
                self._results.append(partial(_radio_result, question, mine))
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox()
        save = buttons.addButton(tr("Save This"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("edit-conflict-save")
        save.setDefault(True)
        keep = buttons.addButton(tr("Keep {name}'s Version", name=colleague), QDialogButtonBox.ButtonRole.RejectRole)
        keep.setObjectName("edit-conflict-keep")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def choice(self) -> dict[str, object]:
        """The value chosen for each field (what the dialog shows now)."""
        return {question.field: result() for question, result in zip(self.questions, self._results)}
