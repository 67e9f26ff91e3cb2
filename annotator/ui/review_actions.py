"""The reviewer's commands: undo and redo, highlight, area, judgments 1–5, delete, copy, and the keys help."""

from __future__ import annotations

import getpass
from collections.abc import Sequence

from PySide6.QtCore import QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMenu, QVBoxLayout, QWidget

from annotator.domain.model import Annotation, Judgment
from annotator.ui.i18n import Translator
from annotator.ui.palette import judgment_name
from annotator.ui.review_controller import ReviewController
from annotator.ui.theme_dialog import ThemeDialog


def reviewer_name(settings: QSettings) -> str:
    """The name annotations are signed with: the setting, else the login name."""
    name = str(settings.value("reviewer_name", "") or "")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reviewer"


class ReviewActions(QObject):
    """Actions on highlights; the single-key ones only act where the reviewer is reading, never while typing."""

    def __init__(self, tr: Translator, controller: ReviewController, settings: QSettings,
                 parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.tr_ = tr
        self.controller = controller
        self.settings = settings
        self._parent = parent_widget
        view = controller.view
        self.undo = controller.undo_stack.createUndoAction(self, tr("&Undo"))
        self.undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo = controller.undo_stack.createRedoAction(self, tr("&Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        self.copy = self._action(tr("&Copy"), view.copy_selection, QKeySequence.StandardKey.Copy)
        self.highlight = self._action(tr("&Highlight Selection"), controller.highlight_selection, "H")
        self.area = self._action(tr("&Area Highlight"), self._toggle_area, "A")
        self.area.setCheckable(True)
        self.area.setToolTip(tr("Draw a rectangle around a table, figure or scanned passage (or Alt+drag)"))
        self.delete = self._action(tr("&Delete Highlight"), lambda: controller.delete(self.targets()), "Del")
        self.judgments: list[QAction] = []
        for judgment in Judgment:
            action = self._action(f"{judgment.rank + 1}  {judgment_name(judgment, tr.language)}",
                                  lambda _=False, j=judgment: controller.set_judgment(self.targets(), j),
                                  str(judgment.rank + 1))
            self.judgments.append(action)
        self.reviewer = self._action(tr("Reviewer &Name…"), self._ask_reviewer_name)
        self.themes = self._action(tr("&Themes…"), self.edit_themes)
        controller.editor.manage_themes_requested.connect(self.edit_themes)
        self.keys = self._action(tr("&Keyboard Shortcuts"), self.show_keys, QKeySequence.StandardKey.HelpContents)
        self.keys.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._targets_override: list[Annotation] | None = None
        # Single keys act in the page view only; the list and the editor fields keep their own keys.
        for action in (self.copy, self.highlight, self.area, self.delete, *self.judgments):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(action)
        view.context_menu_wanted.connect(self._context_menu)
        view.selection_changed.connect(lambda on: self.highlight.setEnabled(on))
        self.highlight.setEnabled(False)

    def _action(self, text: str, slot: object, shortcut: object = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        action.triggered.connect(slot)
        return action

    def targets(self) -> list[Annotation]:
        """The annotations an action applies to: those picked in the list, else the one in the editor."""
        return list(self._targets_override) if self._targets_override else self.controller.selected()

    def set_list_selection(self, annotations: Sequence[Annotation]) -> None:
        self._targets_override = list(annotations) or None

    def _toggle_area(self, on: bool) -> None:
        self.controller.view.area_mode = on

    def edit_menu(self, menu: QMenu) -> None:
        for action in (self.undo, self.redo):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.copy)

    def annotate_menu(self, menu: QMenu) -> None:
        menu.addAction(self.highlight)
        menu.addAction(self.area)
        menu.addSeparator()
        for action in self.judgments:
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.delete)
        menu.addSeparator()
        menu.addAction(self.themes)
        menu.addAction(self.reviewer)

    def _context_menu(self, position: QPoint, annotation_id: object) -> None:
        menu = QMenu(self._parent)
        if annotation_id is not None:
            judge = menu.addMenu(self.tr_("Set judgment"))
            for action in self.judgments:
                judge.addAction(action)
            menu.addAction(self.delete)
        else:
            menu.addAction(self.highlight)
            menu.addAction(self.copy)
        menu.popup(position)

    def edit_themes(self) -> None:
        """The theme list dialog; OK applies all its changes as one undoable step."""
        if self.controller.review is None:
            return
        dialog = ThemeDialog(self.tr_, self.controller.themes, self._parent)
        dialog.accepted.connect(lambda: self.controller.set_themes(dialog.themes()))
        dialog.open()
        self.theme_dialog = dialog

    def _ask_reviewer_name(self) -> None:
        name, accepted = QInputDialog.getText(self._parent, self.tr_("Reviewer name"),
                                              self.tr_("Your name, as it appears with your annotations:"),
                                              text=reviewer_name(self.settings))
        if accepted and name.strip():
            self.settings.setValue("reviewer_name", name.strip())
            self.controller.author_changed(name.strip())

    def show_keys(self) -> None:
        tr = self.tr_
        rows = [
            ("H", tr("Highlight the selected text")),
            ("A", tr("Draw an area highlight (or Alt+drag)")),
            ("1 – 5", " / ".join(judgment_name(j, tr.language) for j in Judgment)),
            (tr("Del"), tr("Delete the selected highlight")),
            ("Ctrl+Z / Ctrl+Shift+Z", tr("Undo / redo")),
            ("Ctrl+C", tr("Copy the selected text")),
            (tr("Double-click"), tr("Select a word")),
            (tr("Shift+click"), tr("Extend the selection")),
            ("Ctrl+F, F3, Shift+F3", tr("Find, next, previous")),
            ("Ctrl+G", tr("Go to a page by its printed number")),
            (tr("Ctrl+wheel"), tr("Zoom")),
            ("Ctrl+1 / Ctrl+2", tr("Fit page / fit width")),
            ("F9", tr("Show or hide the sidebar")),
        ]
        table = "".join(f"<tr><td style='padding-right:18px'><b>{key}</b></td><td>{what}</td></tr>"
                        for key, what in rows)
        dialog = QDialog(self._parent)
        dialog.setObjectName("keys-dialog")
        dialog.setWindowTitle(tr("Keyboard Shortcuts"))
        label = QLabel(f"<table>{table}</table>")
        layout = QVBoxLayout(dialog)
        layout.addWidget(label)
        dialog.setModal(False)
        dialog.show()
        self.keys_dialog = dialog
