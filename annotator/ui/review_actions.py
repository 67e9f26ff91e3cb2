"""The reviewer's commands: undo and redo, highlight, area, judgments 1–5, delete, copy, and the keys help."""

from __future__ import annotations

import html
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Annotation, Judgment
from annotator.ui.i18n import Translator
from annotator.ui.palette import judgment_name
from annotator.ui.review_controller import ReviewController
from annotator.ui.shortcuts import Key, StandardKey, set_keys, shown_keys
from annotator.ui.theme_dialog import ThemeDialog


def reviewer_name(settings: QSettings, database_url: str | None = None) -> str:
    """The name annotations and changes are signed with: the name the reviewer gave; else, on a team server, the
    server's user name (the role in the URL); only on a local file the computer login."""
    from annotator.services.server import is_server_url, login_name, server_user_name

    name = str(settings.value("reviewer_name", "") or "")
    if name:
        return name
    return server_user_name(database_url) if is_server_url(database_url) else login_name()


def suggested_name(database_url: str | None) -> str:
    """What the first-start question offers: the full name of the computer account when it has one, else the
    fallback a name left unset would give."""
    from annotator.services.server import is_server_url, login_name, server_user_name

    login = login_name()
    full = ""
    if sys.platform != "win32":  # Windows keeps no full name where Python reads it
        import pwd

        try:
            full = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
        except (KeyError, OSError):
            full = ""
    if full.lower() == login.lower():
        full = ""  # system accounts (root) have their login as their "full name"
    return full or (server_user_name(database_url) if is_server_url(database_url) else login)


def ask_name_on_first_start(window: QMainWindow, tr: Translator, settings: QSettings,
                            database_url: str | None, signed: Callable[[str], None],
                            open_sample: Callable[[], None] | None = None) -> QDialog | None:
    """Welcome the reviewer once, on the first start of an interactive session: what annotator does, the name
    colleagues will see (``signed(name)`` when one is given) and the sample agreement to try it on (``open_sample``).
    Skipping it (Escape) keeps the fallback (the server's user name, or the login). Never shown again."""
    from annotator.ui.welcome import welcome

    if settings.value("reviewer_name", "") or settings.value("reviewer_name_asked", False, type=bool):
        return None
    settings.setValue("reviewer_name_asked", True)

    def chosen(name: str) -> None:
        settings.setValue("reviewer_name", name)
        signed(name)

    return welcome(window, tr, suggested_name(database_url), chosen, open_sample)


class ReviewActions(QObject):
    """Actions on highlights; the single-key ones only act where the reviewer is reading, never while typing."""

    def __init__(self, tr: Translator, controller: ReviewController, settings: QSettings,
                 parent_widget: QWidget, author: Callable[[], str] | None = None) -> None:
        super().__init__(parent_widget)
        self.tr_ = tr
        self.controller = controller
        self.settings = settings
        self._author = author or (lambda: reviewer_name(settings))
        self._parent = parent_widget
        view = controller.view
        # Undo and redo of the review (also from inside the comment field, whose own undo is off: one history).
        self.undo = set_keys(self._history_action(tr("&Undo"), tr("&Undo {step}"), controller.undo,
                                                  controller.undo_stack.canUndoChanged,
                                                  controller.undo_stack.undoTextChanged,
                                                  controller.undo_stack.canUndo()), StandardKey.Undo)
        # Ctrl+Shift+Z everywhere, and whatever else the platform redoes with (Ctrl+Y on Windows), each once.
        self.redo = set_keys(self._history_action(tr("&Redo"), tr("&Redo {step}"), controller.redo,
                                                  controller.undo_stack.canRedoChanged,
                                                  controller.undo_stack.redoTextChanged,
                                                  controller.undo_stack.canRedo()), "Ctrl+Shift+Z",
                             StandardKey.Redo)
        self.copy = self._action(tr("&Copy"), view.copy_selection, StandardKey.Copy)
        self.highlight = self._action(tr("&Highlight Selection"), controller.highlight_selection, "H")
        self.area = self._action(tr("&Area Highlight"), self._toggle_area, "A")
        self.area.setCheckable(True)
        self.area.setToolTip(tr("Draw a rectangle around a table, figure or scanned passage (or Alt+drag)"))
        self.delete = self._action(tr("&Delete Highlight"), lambda: controller.delete(self.targets()), "Del")
        self.judgments: list[QAction] = []
        for judgment in Judgment:
            label = f"&{judgment.rank + 1}  {judgment_name(judgment, tr.language)}"  # named by the palette
            action = self._action(label, lambda _=False, j=judgment: controller.set_judgment(self.targets(), j),
                                  str(judgment.rank + 1))
            self.judgments.append(action)
        self.reviewer = self._action(tr("Reviewer &Name…"), self._ask_reviewer_name)
        self.themes = self._action(tr("&Themes…"), self.edit_themes)
        controller.editor.manage_themes_requested.connect(self.edit_themes)
        self.keys = self._action(tr("&Keyboard Shortcuts"), self.show_keys, StandardKey.HelpContents)
        self.keys.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._list_ids: list[str] = []
        # Single keys act in the page view only; the list and the editor fields keep their own keys.
        for action in (self.copy, self.highlight, self.area, self.delete, *self.judgments):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(action)
        view.context_menu_wanted.connect(self._context_menu)
        view.selection_changed.connect(lambda on: self.highlight.setEnabled(on))
        self.highlight.setEnabled(False)

    def _history_action(self, plain: str, named: str, slot: object, can_changed: object, text_changed: object,
                        enabled: bool) -> QAction:
        """Undo or Redo: named after the step it takes in the menu, short on the toolbar."""
        action = QAction(plain, self)
        action.setIconText(plain.replace("&", ""))
        action.setEnabled(enabled)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        can_changed.connect(action.setEnabled)  # type: ignore[attr-defined]
        text_changed.connect(  # type: ignore[attr-defined]
            lambda step: action.setText(self.tr_(named, step=step) if step else plain))
        return action

    def _action(self, text: str, slot: object, *keys: Key) -> QAction:
        action = QAction(text, self)
        if keys:
            set_keys(action, *keys)
        action.triggered.connect(slot)
        return action

    def targets(self) -> list[Annotation]:
        """The annotations an action applies to: the rows picked in the list while the list has the focus, else
        the one on the page and in the editor (a key pressed while reading judges what was just highlighted)."""
        list_panel = self.controller.list_panel
        focus = QApplication.focusWidget()
        in_list = list_panel is not None and focus is not None and (focus is list_panel
                                                                     or list_panel.isAncestorOf(focus))
        if in_list and self._list_ids:
            return self.controller.by_ids(self._list_ids)  # their values now, not when they were picked
        return self.controller.selected()

    def set_list_selection(self, ids: Sequence[str]) -> None:
        self._list_ids = list(ids)

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
                                              text=self._author())
        if accepted and name.strip():
            self.settings.setValue("reviewer_name", name.strip())
            self.controller.author_changed(name.strip())

    def key_rows(self) -> list[tuple[str, str]]:
        """What the keys help lists: every menu's actions that have keys, then the keys of the panels.

        A row without keys is a heading."""
        tr = self.tr_
        rows: list[tuple[str, str]] = []
        window = self._parent
        if isinstance(window, QMainWindow):
            for menu_action in window.menuBar().actions():
                menu = menu_action.menu()
                if not isinstance(menu, QMenu):
                    continue
                entries = [(shown_keys(action), _plain(action.text())) for action in _menu_actions(menu)]
                entries = [entry for entry in entries if entry[0]]
                if entries:
                    rows.append(("", _plain(menu.title())))
                    rows.extend(entries)
            # Keys of the panels' own actions (the letter editor's Bold, ...), which no menu lists.
            listed: set[int] = set()
            for menu_action in window.menuBar().actions():
                menu = menu_action.menu()
                if isinstance(menu, QMenu):
                    listed.update(id(action) for action in _menu_actions(menu))
            own = [(shown_keys(action), _plain(action.text())) for action in window.findChildren(QAction)
                   if id(action) not in listed and action.isVisible() and shown_keys(action) and action.text()]
            if own:
                rows.append(("", tr("In the panels")))
                rows.extend(dict.fromkeys(own))
        rows += [
            ("", tr("In the pages")),
            (tr("Double-click"), tr("Select a word")),
            (tr("Shift+click"), tr("Extend the selection")),
            (tr("Alt+drag"), tr("Draw an area highlight")),
            (tr("Ctrl+wheel"), tr("Zoom")),
            ("", tr("In the annotation list")),
            ("↑ ↓ PgUp PgDown", tr("Go to an annotation: it opens in the editor and its highlight comes into view")),
            (tr("Enter"), tr("Show the highlight of the current annotation again")),
            ("1 – 5", tr("Set the judgment of the selected annotations")),
            (tr("Del"), tr("Delete the selected annotations")),
            ("", tr("Everywhere")),
            ("Tab / Shift+Tab", tr("Next / previous field")),
            (tr("Alt+underlined letter"), tr("Open a menu, choose in it")),
            (tr("Enter / Shift+Enter"), tr("In the find bar: next / previous hit; Esc closes it")),
        ]
        return rows

    def show_keys(self) -> None:
        """A window listing the keys (F1)."""
        tr = self.tr_
        cells = []
        for key, what in self.key_rows():
            if key:
                cells.append(f"<tr><td style='padding-right:18px'><b>{html.escape(key)}</b></td>"
                             f"<td>{html.escape(what)}</td></tr>")
            else:
                cells.append(f"<tr><td colspan='2' style='padding-top:8px'><i>{html.escape(what)}</i></td></tr>")
        dialog = QDialog(self._parent)
        dialog.setObjectName("keys-dialog")
        dialog.setWindowTitle(tr("Keyboard Shortcuts"))
        label = QLabel(f"<table>{''.join(cells)}</table>")
        label.setObjectName("keys-table")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                      | Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(scroll)
        layout.addWidget(close)
        dialog.resize(620, 640)
        dialog.setModal(False)
        dialog.show()
        self.keys_dialog = dialog


def _menu_actions(menu: QMenu) -> list[QAction]:
    """The actions of a menu and its submenus, in order."""
    found: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found.extend(_menu_actions(submenu))
        elif not action.isSeparator():
            found.append(action)
    return found


def _plain(text: str) -> str:
    """A menu text without its mnemonic ampersand."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
