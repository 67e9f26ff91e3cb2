"""Editing the ordered list of themes (each becomes a section of the letter)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Theme, new_id
from annotator.ui.i18n import Translator

_THEME_ROLE = Qt.ItemDataRole.UserRole


class ThemeDialog(QDialog):
    """Add, rename, remove and reorder themes; the result is read with :meth:`themes` after OK."""

    def __init__(self, tr: Translator, themes: Sequence[Theme], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self.setObjectName("theme-dialog")
        self.setWindowTitle(tr("Themes"))
        self.resize(420, 420)
        self.list = QListWidget()
        self.list.setObjectName("theme-list")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for theme in themes:
            self._add_item(theme)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename())
        buttons = QVBoxLayout()
        for text, slot in ((tr("Add…"), self.add), (tr("Rename…"), self.rename), (tr("Remove"), self.remove),
                           (tr("Move Up"), lambda: self.move_theme(-1)), (tr("Move Down"), lambda: self.move_theme(+1))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        hint = QLabel(tr("The themes become the sections of the letter, in this order. Removing a theme keeps "
                         "its annotations; they are then without a theme."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(box)

    def _add_item(self, theme: Theme) -> QListWidgetItem:
        item = QListWidgetItem(theme.title)
        item.setData(_THEME_ROLE, theme.id)
        self.list.addItem(item)
        return item

    def _titles(self) -> set[str]:
        return {self.list.item(row).text().casefold() for row in range(self.list.count())}

    def _ask_title(self, title: str = "") -> str | None:
        text, accepted = QInputDialog.getText(self, self._tr("Theme"), self._tr("Title of the theme:"), text=title)
        text = " ".join(text.split())
        if not accepted or not text:
            return None
        if text.casefold() in self._titles() - {title.casefold()}:
            return None
        return text

    def add(self) -> None:
        title = self._ask_title()
        if title:
            self.list.setCurrentItem(self._add_item(Theme(new_id(), title, self.list.count())))

    def rename(self) -> None:
        item = self.list.currentItem()
        if item is not None and (title := self._ask_title(item.text())):
            item.setText(title)

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def move_theme(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def themes(self) -> list[Theme]:
        """The edited list, positions 0..n-1 in the order shown."""
        return [Theme(str(self.list.item(row).data(_THEME_ROLE)), self.list.item(row).text(), row)
                for row in range(self.list.count())]
