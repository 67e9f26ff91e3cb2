"""The main window: opens documents, and ties the page view, sidebar and find bar to the PDF workers."""

from __future__ import annotations

import gc
import hashlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QMargins, QObject, QSettings, Qt, QThread, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabBar,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.pdf.errors import PasswordRequiredError, PdfOpenError
from annotator.pdf.service import OpenedPdf, PdfProcess, ProcessPool
from annotator.ui import window_state
from annotator.ui.annotating_view import AnnotatingPageView
from annotator.ui.cache import PageImageCache
from annotator.ui.database import DatabaseOpener
from annotator.ui.i18n import Translator, translatable
from annotator.ui.message_bar import Level, MessageBar, PasswordBar
from annotator.ui.page_view import FitMode
from annotator.ui.workers import DocumentFacts, RenderWorker, TextWorker, retire

if TYPE_CHECKING:  # loaded when first needed, after the first pages are painted
    from annotator.ui.finder import Finder
    from annotator.ui.judgment_strip import JudgmentStrip
    from annotator.ui.search_bar import SearchBar
    from annotator.ui.shortcuts import Key
    from annotator.ui.sidebar import Sidebar
    from annotator.domain.catalogue import Catalogue
    from annotator.pdf.textmodel import PageText
    from annotator.ui.annotation_list import AnnotationListPanel
    from annotator.ui.carry_queue import CarryQueue
    from annotator.ui.changes_dialog import ChangesDialog
    from annotator.ui.editor import AnnotationEditor
    from annotator.ui.interchange import InterchangeActions
    from annotator.ui.merge_dialog import MergeRunner
    from annotator.ui.overview_chart import OverviewDock
    from annotator.ui.review_actions import ReviewActions
    from annotator.ui.review_controller import ReviewController
    from annotator.ui.workspace import ReviewWorkspace

MAX_RECENT = 10
MAX_POSITIONS = 200  # documents whose page and zoom are remembered
POSITION_DELAY_MS = 1000
# The room the judgment strip takes beside the scroll bar (judgment_strip.STRIP_WIDTH), kept from the start so that
# the strip, made with the rest of the window after the first page, does not change the page's width.
STRIP_ROOM = 10
# A window made to show its first page first (``defer``) is completed at the latest this long after it was made,
# for a document that takes long to open.
COMPLETE_AT_THE_LATEST_MS = 1000


def _freeze_long_lived_objects() -> None:
    """Exempt what start-up built (modules, catalogue, database mappings) from garbage collection.

    A full collection walks every tracked object; with these it took 70 ms, which a reviewer feels as a stutter
    while scrolling. Frozen once (at the first review), later collections only look at what the session creates.
    """
    gc.freeze()


class _MenuKeysFirst(QObject):
    """While a menu is open, its underlined letters take the keys: a plain key is not a shortcut then.

    Actions shown in a menu are window-wide shortcuts to Qt, so with Annotate open, H would highlight (and 2 judge)
    instead of choosing the entry whose letter it is, and the menu would stay open.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(QApplication.activePopupWidget(), QMenu):
            assert isinstance(event, QKeyEvent)
            if not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier):
                event.accept()  # the key goes to the menu as a key press
        return False


_menu_keys_first: _MenuKeysFirst | None = None


def _put_menu_keys_first() -> None:
    """Watch every event of the application for a menu's keys, from when the workspace is built: before, no menu
    is open, and every event passed through Python would make the first page wait (each kind of event and object
    seen first costs PySide6 its Python type, a quarter of a second of start-up in all)."""
    global _menu_keys_first
    application = QApplication.instance()
    if _menu_keys_first is None and application is not None:
        _menu_keys_first = _MenuKeysFirst(application)
        application.installEventFilter(_menu_keys_first)


def _behind_a_tab(widget: QWidget) -> bool:
    """Whether ``widget`` is in a dock that is out of sight behind another dock's tab."""
    parent: QWidget | None = widget
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent is not None and parent.isVisible() and parent.visibleRegion().isEmpty()


class MainWindow(QMainWindow):
    """One window showing one document at a time.

    Made with ``defer``, the window is at first the page view in its frame, with the menus' titles and the page
    field: the rest (the sidebar, the find bar, the judgment strip, the actions in the menus and the toolbar, their
    icons) is built by :meth:`complete` once the first pages are on screen, so that they do not hold the first page
    back, or as soon as any of it is asked for.
    """

    document_opened = Signal(object)  # OpenedPdf
    open_failed = Signal(str)  # the message shown
    password_requested = Signal(bool)  # True after a wrong password

    sidebar: Sidebar  # these four are made by complete()
    search_bar: SearchBar
    finder: Finder
    judgment_strip: JudgmentStrip

    def __init__(self, tr: Translator, settings: QSettings, cache: PageImageCache, processes: ProcessPool,
                 load_catalogue: Callable[[], Catalogue], open_database: DatabaseOpener, defer: bool = False) -> None:
        super().__init__()
        self._completed = False
        self.tr_ = tr
        self.processes = processes
        self.settings = settings
        self.cache = cache
        self.document: OpenedPdf | None = None
        self.labels: list[str] = []
        self.fingerprint = ""
        self._render: RenderWorker | None = None
        self._text: TextWorker | None = None
        self._opening: RenderWorker | None = None
        self._retired: set = set()

        self.setWindowTitle("annotator")
        self.setAcceptDrops(True)
        if settings.value("appearance", ""):  # light or dark, as chosen in the preferences
            from annotator.ui.preferences import apply_stored_appearance

            apply_stored_appearance(settings)
        window_state.restore_geometry(self, settings)  # as it was closed, or fitted to the screen
        self.view = AnnotatingPageView(cache)
        self.view.setViewportMargins(0, 0, STRIP_ROOM, 0)  # the judgment strip's, before the first page is laid out
        self.view.clear(tr("Drop a PDF here or choose File › Open"))
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.message_bar = MessageBar(tr)
        self._password_bar: PasswordBar | None = None  # made when a document asks for its password
        self._password_path: Path | None = None
        column.addWidget(self.message_bar)
        column.addWidget(self.view, 1)  # the find bar comes above it
        self._column = column
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(QWidget())  # the sidebar's place, as wide as the sidebar will be
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 1000])
        self.setCentralWidget(self.splitter)
        self._load_catalogue = load_catalogue
        self._open_database = open_database
        self.workspace: ReviewWorkspace | None = None
        self._interchange: InterchangeActions | None = None
        self._merger: MergeRunner | None = None
        self._carry_queue: CarryQueue | None = None
        self._changes_dialog: ChangesDialog | None = None
        self.carry_dock: QDockWidget | None = None
        self.overview_dock: OverviewDock | None = None
        self._looked_for_versions: set[str] = set()  # documents looked at for an earlier version to carry from
        self._carried_into: set[str] = set()  # documents the reviewer chose to carry annotations over to
        self._background: set = set()
        self._closing = threading.Event()  # background reading stops when the window closes
        self._build_bars()
        # The panels' docks, empty, where they will be: the first page is laid out where it stays.
        self._panel_docks = window_state.panel_docks(self, settings, tr("Annotation"), tr("Annotations"),
                                                     tr("Letter"))
        self.page_label = QLabel()
        self.zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self.page_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

        self.view.current_page_changed.connect(self._page_changed)
        self.view.zoom_changed.connect(self._zoom_changed)
        # Where the reviewer is in each document is kept a moment after they stop moving, and on closing.
        self._position_timer = QTimer(self, singleShot=True, interval=POSITION_DELAY_MS)
        self._position_timer.timeout.connect(self._remember_position)
        self._position_restored = False
        self.view.current_page_changed.connect(lambda _page: self.document and self._position_timer.start())
        self.view.zoom_changed.connect(lambda _zoom: self.document and self._position_timer.start())
        self.view.page_texts_wanted.connect(lambda pages: self._text is not None and self._text.want_page_texts(pages))
        if defer:
            # Once the frame with the first pages has gone to the screen (what else waits for it comes first).
            self.view.visible_pages_painted.connect(lambda: QTimer.singleShot(0, self.complete),
                                                    Qt.ConnectionType.SingleShotConnection)
            QTimer.singleShot(COMPLETE_AT_THE_LATEST_MS, self.complete)
        else:
            self.complete()
        # With no document on its way, the workspace is built as soon as the event loop runs.
        QTimer.singleShot(0, lambda: self._opening is None and self.document is None and self.build_workspace())

    # --- the rest of the window, after the first page ----------------------------------------------

    def complete(self) -> None:
        """Build the sidebar, the find bar, the judgment strip and the actions of the menus and the toolbar (once)."""
        if self._completed:
            return
        self._completed = True
        from annotator.ui.finder import Finder
        from annotator.ui.icons import WINDOW_ICONS, decorate, icon
        from annotator.ui.judgment_strip import JudgmentStrip
        from annotator.ui.search_bar import SearchBar
        from annotator.ui.sidebar import Sidebar

        tr = self.tr_
        self.judgment_strip = JudgmentStrip(self.view)
        self.sidebar = Sidebar(tr)
        sizes = self.splitter.sizes()
        placeholder = self.splitter.replaceWidget(0, self.sidebar)
        if placeholder is not None:
            placeholder.deleteLater()
        self.splitter.setSizes(sizes)
        self.search_bar = SearchBar(tr)
        self.search_bar.hide()
        self._column.insertWidget(self._column.indexOf(self.view), self.search_bar)
        self.view.escape_pressed.connect(self._escape_on_page)  # on the page too, as in the field
        self._build_actions()
        self._fill_menus_and_toolbar()
        decorate(self, WINDOW_ICONS)  # drawn when first shown, in the palette's text colour
        self.recent_menu.setIcon(icon("history"))
        self.sidebar.outline.page_activated.connect(self.view.go_to_page)
        self.sidebar.thumbnails.page_activated.connect(self.view.go_to_page)
        self.finder = Finder(self.view, self.search_bar, lambda: self._text)
        self._update_actions()
        if self.document is not None:
            self._show_document_around(self.document)
            self._page_changed(self.view.current_page)

    def _escape_on_page(self) -> None:
        if self.search_bar.isVisible():
            self.search_bar.close_bar()

    if not TYPE_CHECKING:
        def __getattr__(self, name: str) -> object:
            """What complete() makes, asked for before it ran (a slot, a test): it runs now."""
            if not name.startswith("_") and self.__dict__.get("_completed") is False:
                self.complete()
                return getattr(self, name)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _show_document_around(self, info: OpenedPdf) -> None:
        """The open document in the sidebar and the toolbar."""
        self.sidebar.outline.set_outline(info.outline)
        self.sidebar.show_outline_if_any()
        self.page_total.setText(" " + self.tr_("of {n}", n=info.page_count) + " ")

    # --- the review workspace ---------------------------------------------------------------------

    def build_workspace(self) -> ReviewWorkspace:
        """Create the editor, the list and the review (once): after the first paint, or when first needed."""
        self.complete()
        if self.workspace is None:
            _put_menu_keys_first()
            from annotator.ui.workspace import ReviewWorkspace

            self.workspace = ReviewWorkspace(
                self, self._panel_docks, self.tr_, self.settings, self._load_catalogue(), self.view,
                self._open_database,
                report=lambda message: self.message_bar.show_message(message, Level.ERROR),
                inform=lambda message: self.message_bar.show_message(message, Level.INFO),
                warn=lambda message, action: self.message_bar.show_message(message, Level.WARNING, action),
                offer_open=self._offer_open)
            self.workspace.fill(self.edit_menu, self.annotate_menu, self.help_menu, self.toolbar)
            for action in (self._preferences_separator, self.preferences_action):  # last in Edit, after Copy
                self.edit_menu.removeAction(action)
                self.edit_menu.addAction(action)
            self.annotate_menu.addSeparator()
            self.annotate_menu.addAction(self.review_carried_action)
            self.annotate_menu.addAction(self.changes_action)
            self._keyboard_workspace(self.workspace)
            from annotator.ui.overview_chart import add_overview_dock

            self.judgment_strip.attach(self.workspace.review)
            self.overview_dock = add_overview_dock(self, self.tr_, self.workspace, lambda: self.document)
            self.view_menu.insertAction(self._panels_separator, self.overview_dock.toggleViewAction())
            self.workspace.review.retract.connect(self.message_bar.retract)
            self.workspace.review.review_opened.connect(_freeze_long_lived_objects,
                                                        Qt.ConnectionType.SingleShotConnection)
            self.workspace.review.review_opened.connect(self._look_for_earlier_versions)
            self.workspace.review.review_opened.connect(self._seed_letter_defaults)
            window_state.restore_layout(self, self.settings)  # the panels where the reviewer left them
            # The docks' tabs were made with the docks, before the first page: Tab reaches them after the panels.
            before: QWidget = self.workspace.annotation_list.table
            for tabs in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
                if tabs.window() is before.window():  # (not a panel floating in a window of its own)
                    QWidget.setTabOrder(before, tabs)
                    before = tabs
        return self.workspace

    def _keyboard_workspace(self, workspace: ReviewWorkspace) -> None:
        """The panels in the View menu, Tab that moves on from the text fields, and every key bound once."""
        for dock, text in ((workspace.editor_dock, translatable("Annotation &Editor")),
                           (workspace.list_dock, translatable("Annotation &List")),
                           (workspace.letter_dock, translatable("Le&tter"))):
            toggle = dock.toggleViewAction()
            toggle.setText(self.tr_(text))
            self.view_menu.insertAction(self._panels_separator, toggle)
        for field in (workspace.editor.comment, workspace.editor.sources):
            field.setTabChangesFocus(True)
        from annotator.ui.shortcuts import assign_unique

        assign_unique(self.findChildren(QAction))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802
        """Tab and Shift+Tab, passing over the fields of a dock that lies behind another dock's tab: Qt keeps such
        a dock "visible", moved out of the window, and would give the focus to fields nobody can see."""
        first: QWidget | None = None
        for _ in range(1000):
            if not super().focusNextPrevChild(next):
                return False
            focus = QApplication.focusWidget()
            if focus is None or focus is first or not _behind_a_tab(focus):
                return True
            first = first or focus
        return True

    def _panels(self) -> list[QWidget]:
        """The panels F6 moves between, left to right and top to bottom: those that are open."""
        panels: list[QWidget] = [self.sidebar] if self.sidebar.isVisible() else []
        panels.append(self.view)
        if self.workspace is not None:
            for dock in (self.workspace.editor_dock, self.workspace.letter_dock, self.overview_dock,
                         self.workspace.list_dock, self.carry_dock):
                if dock is not None and dock.toggleViewAction().isChecked():
                    panels.append(dock)
        return panels

    def cycle_panels(self, step: int) -> None:
        """Move the keyboard focus to the next (+1) or previous (-1) panel."""
        panels = self._panels()
        focus = QApplication.focusWidget()
        current = next((index for index, panel in enumerate(panels)
                        if focus is not None and (panel is focus or panel.isAncestorOf(focus))),
                       panels.index(self.view))
        self.focus_panel(panels[(current + step) % len(panels)])

    def focus_panel(self, panel: QWidget) -> None:
        """Give the keyboard focus to a panel: its main field, else the first field that takes Tab."""
        if isinstance(panel, QDockWidget):
            panel.show()
            panel.raise_()
            panel = panel.widget()
        target: QWidget | None = None
        if panel is self.sidebar:
            target = self.sidebar.currentWidget()
        elif self.workspace is not None and panel is self.workspace.annotation_list:
            table = self.workspace.annotation_list.table
            target = table if table.model().rowCount() else self.workspace.annotation_list.filter_edit
        elif panel is not self.view:
            widget = panel.nextInFocusChain()
            while widget is not panel and widget is not None:
                if panel.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() \
                        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    target = widget
                    break
                widget = widget.nextInFocusChain()
        (target or panel).setFocus(Qt.FocusReason.TabFocusReason)

    def _focus_list_filter(self) -> None:
        workspace = self.build_workspace()
        workspace.list_dock.show()
        workspace.list_dock.raise_()
        workspace.annotation_list.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        workspace.annotation_list.filter_edit.selectAll()

    @property
    def merger(self) -> MergeRunner:
        """Merging a colleague's database into ours (created on first use)."""
        if self._merger is None:
            from annotator.ui.merge_dialog import MergeRunner

            self._merger = MergeRunner(
                self.tr_, self, open_database=lambda: self._open_database(),
                report=lambda text, error: self.message_bar.show_message(text, Level.ERROR if error else Level.INFO),
                merged=lambda: self.review.absorb(self.tr_("Merge")))
        return self._merger

    def _offer_open(self, message: str, path: Path) -> None:
        from annotator.ui.letter_panel import open_file

        self.message_bar.show_message(message, Level.INFO, (self.tr_("Open"), lambda: open_file(path)))

    @property
    def carry_queue(self) -> CarryQueue:
        """The review queue of what a carry-over could not place with certainty (created on first use)."""
        if self._carry_queue is None:
            from annotator.ui.carry_queue import add_queue_dock

            workspace = self.build_workspace()
            self.carry_dock, self._carry_queue = add_queue_dock(self, self.tr_, workspace.review,
                                                                workspace.list_dock)
            toggle = self.carry_dock.toggleViewAction()
            toggle.setText(self.tr_("&Carried-Over Annotations"))
            self.view_menu.insertAction(self._panels_separator, toggle)
            from annotator.ui.workspace import scrolling

            self.carry_dock.setWidget(scrolling(self._carry_queue))  # scrolls on a small screen
            self.restoreDockWidget(self.carry_dock)
        return self._carry_queue

    def show_changes(self) -> None:
        """The changes report of the open document, read in the review's worker; read again after each change
        while it is shown."""
        if self.review.review is None:
            return
        if self._changes_dialog is None:
            from annotator.ui.changes_dialog import ChangesDialog

            dialog = self._changes_dialog = ChangesDialog(self.tr_, self)
            if self.document is not None:
                dialog.folder = self.document.path.parent
            self.review.changed.connect(lambda _changes: self._read_changes() if dialog.isVisible() else None)
        self._read_changes()
        self._changes_dialog.show()
        self._changes_dialog.raise_()
        self._changes_dialog.activateWindow()

    def _read_changes(self) -> None:
        state, dialog = self.review.review, self._changes_dialog
        if state is None or dialog is None:
            return
        fingerprint, language = state.document.fingerprint, self.tr_.language

        def read(review: Any) -> Any:
            from annotator.services.changes import changes_report

            return changes_report(review.repo, fingerprint, language)

        self.review.call(read, dialog.show_report)

    def show_carry_queue(self) -> None:
        """Show the review queue, read afresh, with the keyboard focus on its list."""
        queue = self.carry_queue
        assert self.carry_dock is not None
        self.carry_dock.show()
        self.carry_dock.raise_()
        self.resizeDocks([self.carry_dock], [max(self.carry_dock.height(), 260)], Qt.Orientation.Vertical)
        queue.reload()
        queue.items.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _carried_over(self, report: object) -> None:
        """After File › Carry Over: what was not placed exactly waits in the review queue, shown at once."""
        if any(getattr(report, name, 0) for name in ("fuzzy", "ambiguous", "orphaned")):
            self.show_carry_queue()

    def _look_for_earlier_versions(self, review: object) -> None:
        """A document without annotations whose text resembles one with annotations: offer to carry them over
        (looked for in the background, once per document and session; nothing is said when none resembles it)."""
        document, state = self.document, self.review.review
        if document is None or state is None or state.annotations:
            return
        fingerprint = state.document.fingerprint
        if fingerprint in self._looked_for_versions:
            return
        self._looked_for_versions.add(fingerprint)
        path, password, open_database = document.path, document.password, self._open_database

        def work() -> object:
            from annotator.services.carry_review import resembling_versions

            db: Any = open_database()
            try:
                return resembling_versions(db, path, fingerprint, password, cancelled=self._closing.is_set)
            finally:
                db.close()

        def found(versions: object) -> None:
            now = self.review.review
            if not isinstance(versions, list) or not versions or now is None \
                    or now.document.fingerprint != fingerprint or now.annotations \
                    or fingerprint in self._carried_into:
                return
            best = versions[0]
            self.message_bar.show_message(
                self.tr_("This looks like a new version of {name}, which has %n annotation(s). Carry them over to "
                         "this version?", None, name=best.name, n=best.annotations), Level.INFO,
                (self.tr_("Carry Over"), lambda: self._carry_over_from(fingerprint, best.fingerprint)))

        def failed(error: BaseException) -> None:
            from annotator.ui.background import log_bug

            log_bug(error, f"looking for an earlier version of {path}")

        from annotator.ui.background import run_in_background

        run_in_background(self, work, found, failed, self._background)

    def _carry_over_from(self, fingerprint: str, old: str) -> None:
        if self.review.review is not None and self.review.review.document.fingerprint == fingerprint:
            self._carried_into.add(fingerprint)
            self.interchange.carry_over(old, self._recent_paths())

    def choose_earlier_version(self) -> None:
        """Pick another document of the database and carry its annotations over to this one."""
        if self.document is None or self.review.review is None:
            return
        fingerprint = self.fingerprint
        self._carried_into.add(fingerprint)
        self.review.call(lambda review: [d for d in review.repo.documents() if d["fingerprint"] != fingerprint],
                         self._offer_earlier_versions)

    def _offer_earlier_versions(self, others: list[dict[str, object]]) -> None:
        from PySide6.QtWidgets import QInputDialog

        if not others:
            self.message_bar.show_message(self.tr_("The database holds no other version of a document."), Level.INFO)
            return
        names = [f"{d['title']} — {d['file_name']} ({d['page_count']} p.)" for d in others]
        chosen, accepted = QInputDialog.getItem(self, self.tr_("Carry over annotations"),
                                                self.tr_("Earlier version:"), names, len(names) - 1, False)
        if accepted:
            self.interchange.carry_over(str(others[names.index(chosen)]["fingerprint"]), self._recent_paths())

    def _recent_paths(self) -> list[Path]:
        return [Path(entry) for entry in self._recent_files()]

    def _ask_for_version_file(self, old: str, name: str) -> None:
        """The earlier version's PDF was not found: have the reviewer point to it, or carry over without it."""
        from PySide6.QtWidgets import QFileDialog

        box = QMessageBox(QMessageBox.Icon.Question, self.tr_("Carry over annotations"), self.tr_(
            "Where is {name}? With the earlier version's PDF, both versions are aligned word by word, so passages "
            "are placed more surely and fewer need checking. Without it, each passage is searched for by its words.",
            name=name), QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("version-file-question")
        locate = box.addButton(self.tr_("&Locate {name}…", name=name), QMessageBox.ButtonRole.AcceptRole)
        without = box.addButton(self.tr_("Carry Over &Without It"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(locate)

        def answered(button: object) -> None:
            if button is without:
                self.interchange.carry_over(old, search=True)
            elif button is locate:
                start = str(self.document.path.parent) if self.document is not None else str(Path.home())
                chosen, _ = QFileDialog.getOpenFileName(self, self.tr_("Locate {name}", name=name), start,
                                                        self.tr_("PDF documents (*.pdf);;All files (*)"))
                if chosen:
                    self.interchange.carry_over(old, old_pdf=Path(chosen))

        box.buttonClicked.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()  # window-modal, without an event loop of its own

    def choose_database(self) -> None:
        """The dialog to keep the annotations in the local file or on the team's server."""
        from annotator.paths import default_database_url
        from annotator.ui.database_dialog import DatabaseDialog

        dialog = DatabaseDialog(self.tr_, self._open_database.url, default_database_url(), self)
        dialog.accepted.connect(lambda: self.use_database(dialog.url()))
        dialog.open()
        self.database_dialog = dialog

    @property
    def database_url(self) -> str:
        """Where the annotations are kept: an SQLite file's URL or the team server's."""
        return self._open_database.url

    def use_database(self, url: str) -> None:
        """Switch to the database at ``url`` (remembered for the next start) and reopen the review there."""
        if url == self._open_database.url:
            return
        from annotator.services.credentials import remember

        self._open_database = DatabaseOpener(url)
        saved, kept = remember(url)  # the password goes to the system keyring, never into the settings file
        self.settings.setValue("database_url", saved)
        if not kept:
            self.message_bar.show_message(self.tr_(
                "There is no system keyring here to keep the server's password: it is kept while annotator runs, "
                "and asked again at the next start (or put it in ~/.pgpass)."), Level.INFO)
        if self.workspace is not None:
            self.review.use_database(self._open_database)
        self.statusBar().showMessage(self.tr_("Annotations are now kept in {where}", where=DatabaseOpener(url).shown),
                                     8000)

    @property
    def interchange(self) -> InterchangeActions:
        """Import and export of annotations (created on first use)."""
        if self._interchange is None:
            from annotator.ui.interchange import InterchangeActions
            from annotator.ui.review_actions import reviewer_name

            self._interchange = InterchangeActions(
                self.tr_, self, open_database=lambda: self._open_database(), document=lambda: self.document,
                author=lambda: reviewer_name(self.settings, self.database_url),
                report=lambda text, error: self.message_bar.show_message(text, Level.ERROR if error else Level.INFO))
            self._interchange.finished_changes.connect(self.review.absorb)
            self._interchange.carried_over.connect(self._carried_over)
            self._interchange.version_file_wanted.connect(self._ask_for_version_file)
        return self._interchange

    @property
    def review(self) -> ReviewController:
        return self.build_workspace().review

    @property
    def editor(self) -> AnnotationEditor:
        return self.build_workspace().editor

    @property
    def annotation_list(self) -> AnnotationListPanel:
        return self.build_workspace().annotation_list

    @property
    def review_actions(self) -> ReviewActions:
        return self.build_workspace().actions

    # --- actions and menus ------------------------------------------------------------------------

    def _action(self, text: str, slot: object, *keys: Key) -> QAction:
        from annotator.ui.shortcuts import set_keys

        action = QAction(self.tr_(text), self)
        if keys:
            set_keys(action, *keys)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.open_action = self._action("&Open…", self.choose_file, key.Open)
        self.quit_action = self._action("&Quit", self.close, key.Quit)
        self.zoom_in_action = self._action("Zoom &In", self.view.zoom_in, key.ZoomIn, "Ctrl+=")
        self.zoom_out_action = self._action("Zoom &Out", self.view.zoom_out, key.ZoomOut)
        self.fit_width_action = self._action("Fit &Width", self.view.fit_width, "Ctrl+2")
        self.fit_page_action = self._action("Fit &Page", self.view.fit_page, "Ctrl+1")
        self.actual_size_action = self._action("&Actual Size", lambda: self.view.set_zoom(1.0), "Ctrl+0")
        self.sidebar_action = self._action("&Sidebar", lambda on: self.sidebar.setVisible(on), "F9")
        self.sidebar_action.setCheckable(True)
        self.sidebar_action.setChecked(True)
        self.goto_action = self._action("&Go to Page…", self._focus_page_field, "Ctrl+G")
        self.next_page_action = self._action("&Next Page", lambda: self.view.go_to_page(self.view.current_page + 1),
                                             "Ctrl+PgDown")
        self.previous_page_action = self._action(
            "&Previous Page", lambda: self.view.go_to_page(self.view.current_page - 1), "Ctrl+PgUp")
        self.first_page_action = self._action("F&irst Page", lambda: self.view.go_to_page(0), "Ctrl+Home")
        self.last_page_action = self._action("&Last Page", lambda: self.view.go_to_page(self.view.page_count - 1),
                                             "Ctrl+End")
        self.find_action = self._action("&Find…", self.search_bar.open_bar, key.Find)
        self.find_next_action = self._action("Find Ne&xt", lambda: self.finder.step(+1), key.FindNext)
        self.find_previous_action = self._action("Find Pre&vious", lambda: self.finder.step(-1), key.FindPrevious)
        self.about_action = self._action("&About annotator", self._about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        # Ctrl+, where the platform has no key of its own for preferences (macOS: Cmd+, in the application menu).
        preferences_keys = [sequence.toString() for sequence in QKeySequence.keyBindings(key.Preferences)]
        self.preferences_action = self._action("&Preferences…", self.show_preferences,
                                               *(preferences_keys or ["Ctrl+,"]))
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.database_action = self._action("Annotation &Database…", self.choose_database)
        self.merge_action = self._action("&Merge a Colleague's Annotations…", lambda: self.merger.choose())
        self.import_action = self._action("&Import Annotations…", lambda: self.interchange.import_file())
        self.export_action = self._action("&Export Annotations…", lambda: self.interchange.export_file())
        self.carry_over_action = self._action("&Carry Over Annotations from an Earlier Version…",
                                              self.choose_earlier_version)
        self.review_carried_action = self._action("Re&view Carried-Over Annotations…", self.show_carry_queue,
                                                  "Ctrl+Shift+R")
        self.changes_action = self._action("&Changes Between the Versions…", self.show_changes)
        self.changes_action.setToolTip(self.tr_("Per theme, the judged passages of the earlier version that this one "
                                                "removed, changed or kept, with the old and the new wording"))
        self.import_highlights_action = self._action("Import &Highlights Made in Other Readers",
                                                     lambda: self.interchange.import_pdf_highlights())
        self.next_panel_action = self._action("Ne&xt Panel", lambda: self.cycle_panels(+1), "F6")
        self.previous_panel_action = self._action("Pre&vious Panel", lambda: self.cycle_panels(-1), "Shift+F6")
        for action in (self.next_panel_action, self.previous_panel_action):
            action.setToolTip(self.tr_("Move the keyboard focus between the pages, the annotation, the list, "
                                       "the letter and the sidebar (Tab moves between the fields of one)"))
        self.filter_action = self._action("Filter &Annotations", self._focus_list_filter, "Ctrl+L")
        self.letter_settings_action = self._action("Letter &Settings…", lambda: self.build_workspace().letter
                                                   .edit_settings())
        self.export_letter_action = self._action("&Export Letter…", lambda: self.build_workspace().letter.export(),
                                                 "Ctrl+Shift+E")
        from annotator.ui.shortcuts import assign_unique

        assign_unique(self.findChildren(QAction))

    def _build_bars(self) -> None:
        """The menu bar with the menus' titles and the toolbar with the page field, as tall as they will be: their
        actions come with the rest of the window (complete)."""
        tr = self.tr_
        menu = self.menuBar()
        self.file_menu = menu.addMenu(tr("&File"))
        self.edit_menu = menu.addMenu(tr("&Edit"))
        self.view_menu = menu.addMenu(tr("&View"))
        self.go_menu = menu.addMenu(tr("&Go"))
        self.annotate_menu = menu.addMenu(tr("&Annotate"))
        self.letter_menu = menu.addMenu(tr("&Letter"))
        self.help_menu = menu.addMenu(tr("&Help"))
        bar = QToolBar("main")
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        # As tall as its buttons will make it (they come with the rest of the window), so the page does not move.
        probe = QToolButton()
        probe.setAutoRaise(True)
        probe.setIconSize(bar.iconSize())
        blank = QPixmap(bar.iconSize())
        blank.fill(Qt.GlobalColor.transparent)
        probe.setIcon(QIcon(blank))
        layout = bar.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        bar.setMinimumHeight(probe.sizeHint().height() + margins.top() + margins.bottom())
        self._page_field_label = bar.addWidget(QLabel(" " + tr("Page") + " "))
        self.page_field = QLineEdit()
        self.page_field.setObjectName("page-field")
        self.page_field.setFixedWidth(60)
        self.page_field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_field.setToolTip(tr("Go to page (printed number or index)"))
        self.page_field.setAccessibleName(tr("Page"))
        self.page_field.setEnabled(False)
        self.page_field.returnPressed.connect(self._go_to_typed_page)
        bar.addWidget(self.page_field)
        self.page_total = QLabel()
        bar.addWidget(self.page_total)
        self.toolbar = bar
        self.addToolBar(bar)

    def _fill_menus_and_toolbar(self) -> None:
        tr = self.tr_
        file_menu = self.file_menu
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_highlights_action)
        file_menu.addAction(self.carry_over_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.merge_action)
        file_menu.addAction(self.database_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self._preferences_separator = self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)
        view_menu = self.view_menu
        for action in (self.zoom_in_action, self.zoom_out_action, self.actual_size_action, self.fit_width_action,
                       self.fit_page_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.sidebar_action)
        self._panels_separator = view_menu.addSeparator()
        view_menu.addAction(self.next_panel_action)
        view_menu.addAction(self.previous_panel_action)
        go_menu = self.go_menu
        for action in (self.goto_action, self.next_page_action, self.previous_page_action, self.first_page_action,
                       self.last_page_action):
            go_menu.addAction(action)
        go_menu.addSeparator()
        for action in (self.find_action, self.find_next_action, self.find_previous_action):
            go_menu.addAction(action)
        go_menu.addSeparator()
        go_menu.addAction(self.filter_action)
        self.letter_menu.addAction(self.letter_settings_action)
        self.letter_menu.addAction(self.export_letter_action)
        self.help_menu.addAction(self.about_action)

        bar, before = self.toolbar, self._page_field_label
        bar.insertAction(before, self.open_action)
        bar.insertSeparator(before)
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_width_action, self.fit_page_action):
            bar.insertAction(before, action)
        bar.insertSeparator(before)
        bar.addSeparator()
        bar.addAction(self.find_action)

    def _update_actions(self) -> None:
        has_document = self.document is not None
        self.page_field.setEnabled(has_document)
        if not self._completed:
            return
        for action in (self.import_action, self.export_action, self.merge_action, self.import_highlights_action,
                       self.carry_over_action, self.review_carried_action, self.changes_action,
                       self.zoom_in_action, self.zoom_out_action, self.fit_width_action, self.fit_page_action,
                       self.actual_size_action, self.goto_action, self.next_page_action, self.previous_page_action,
                       self.first_page_action, self.last_page_action, self.find_action, self.find_next_action,
                       self.find_previous_action):
            action.setEnabled(has_document)

    # --- opening ----------------------------------------------------------------------------------

    def choose_file(self) -> None:
        self._expect_a_document()
        start = str(Path(self._recent_files()[0]).parent) if self._recent_files() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr_("Open agreement"), start,
                                              self.tr_("PDF documents (*.pdf);;All files (*)"))
        if path:
            self.open_document(Path(path))

    def open_document(self, path: Path, password: str | None = None, process: PdfProcess | None = None) -> None:
        """Open ``path`` in the background; the current document stays until the new one has opened.

        ``process`` may be one that was already asked to open the file (at start-up)."""
        retire(self._opening, self._retired, self)
        path = path.absolute()
        worker = RenderWorker(path, password, process or self.processes.take())
        self._opening = worker
        worker.opened.connect(lambda info, w=worker: self._opened(w, info))
        worker.failed.connect(lambda error, w=worker: self._failed(w, error))
        worker.rendered.connect(lambda kind, page, scale, image, w=worker: self._rendered(w, kind, page, scale, image))
        self.statusBar().showMessage(self.tr_("Opening {name}…", name=path.name))
        if self.document is None:
            self.view.clear("")  # not "Drop a PDF here" while one is opening
        worker.start()

    def _opened(self, worker: RenderWorker, info: OpenedPdf) -> None:
        if worker is not self._opening:
            return
        self._opening = None
        retire(self._render, self._retired, self)
        retire(self._text, self._retired, self)
        self._text = None
        self._render = worker
        self._position_timer.stop()
        self._remember_position()
        self.fingerprint = ""
        self.document = info
        self.cache.clear()
        self.labels = [""] * info.page_count
        if self.workspace is not None:
            self.review.close_document()
        if self._completed:
            self.finder.clear()
        self.view.set_document(info.sizes, lambda pages: worker.request("page", pages))
        if self.view.fit_mode is FitMode.PAGE:
            self.view.fit_page()
        else:
            self.view.fit_width()
        self._position_restored = self._restore_position(self._path_position_key(info.path))
        if self._completed:
            self._show_document_around(info)
        self.setWindowTitle(f"{info.title} — annotator")
        self._page_changed(self.view.current_page)
        self._zoom_changed(self.view.zoom)
        self._remember_recent(info.path)
        self._update_actions()
        self.statusBar().clearMessage()
        self.message_bar.hide()
        if self._password_bar is not None:
            self._password_bar.hide()
        if info.repaired:
            self.message_bar.show_message(self.tr_(
                "{name} was damaged and has been repaired to open it. Check that no pages are missing.",
                name=info.path.name), Level.WARNING)
        # Text, labels and thumbnails wait until the first pages are on screen: they would only slow that down.
        self.view.visible_pages_painted.connect(self._start_background_work, Qt.ConnectionType.SingleShotConnection)
        self.document_opened.emit(info)

    def _start_background_work(self) -> None:
        info, worker = self.document, self._render
        if info is None or worker is None or self._text is not None:
            return
        self.build_workspace()
        # The column of thumbnails too: a row for each page, which the first page waited for (tens of ms for 500).
        self.sidebar.thumbnails.set_pages(info.sizes, [self.page_name(p) for p in range(info.page_count)],
                                          lambda pages: worker.request("thumb", pages))
        self.sidebar.thumbnails.select_page(self.view.current_page)
        text = TextWorker(info.path, info.password, worker.process)  # between the renders, in their process
        self._text = text
        text.facts_ready.connect(lambda facts, w=text: self._facts(w, facts))
        text.text_layers_checked.connect(lambda pages, w=text: self._text_layers(w, pages))
        text.hits_found.connect(lambda generation, hits, w=text: self.finder.hits_found(w, generation, hits))
        text.search_finished.connect(lambda generation, total, w=text: self.finder.finished(w, generation))
        text.page_text_ready.connect(lambda page, page_text, w=text: self._page_text(w, page, page_text))
        text.start(QThread.Priority.LowPriority)
        self.view.request_visible_texts()
        if self.search_bar.isVisible() and self.search_bar.field.text().strip():
            self.finder.search(self.search_bar.field.text())

    def _failed(self, worker: RenderWorker, error: PdfOpenError) -> None:
        if worker is not self._opening:
            return
        self._opening = None
        retire(worker, self._retired, self)
        self.statusBar().clearMessage()
        if self.document is None:
            self.view.clear(self.tr_("Drop a PDF here or choose File › Open"))
        if isinstance(error, PasswordRequiredError):
            self._ask_password(error)
        else:
            self._show_error(error.path, str(error))
        self.complete()

    @property
    def password_bar(self) -> PasswordBar:
        """The bar that asks for a document's password, below the message bar (made when first needed: its style
        sheet would cost the first page of every start)."""
        if self._password_bar is None:
            self._password_bar = PasswordBar(self.tr_)
            self._password_bar.submitted.connect(self._password_given)
            self._column.insertWidget(self._column.indexOf(self.message_bar) + 1, self._password_bar)
        return self._password_bar

    def _password_given(self, password: str) -> None:
        if self._password_path is not None:
            self.open_document(self._password_path, password)

    def _ask_password(self, error: PasswordRequiredError) -> None:
        self.message_bar.hide()
        self._password_path = error.path
        self.password_bar.ask(error.path.name, error.wrong_password)
        self.password_requested.emit(error.wrong_password)

    def _show_error(self, path: Path, message: str) -> None:
        self.message_bar.show_message(message, Level.ERROR)
        self.open_failed.emit(message)

    # --- worker results ---------------------------------------------------------------------------

    def _rendered(self, worker: RenderWorker, kind: str, page: int, scale: float, image: QImage) -> None:
        if worker is not self._render:
            return
        if kind == "thumb":
            self.sidebar.thumbnails.set_thumbnail(page, image)
            return
        image.setDevicePixelRatio(self.view.devicePixelRatioF())
        self.cache.put(page, scale, image)
        self.view.image_arrived(page)

    def _page_text(self, worker: TextWorker, page: int, page_text: PageText) -> None:
        if worker is self._text:
            self.view.set_page_text(page, page_text)

    def _facts(self, worker: TextWorker, facts: DocumentFacts) -> None:
        if worker is not self._text or self.document is None:
            return
        self.fingerprint = facts.fingerprint
        self.labels = list(facts.labels)
        if not self._position_restored and self.view.current_page == 0:
            # A renamed or moved copy of a document opens where the reviewer left it too.
            self._position_restored = self._restore_position(f"sha256-{facts.fingerprint}")
        self.build_workspace()
        self.review.set_labels(self.labels)
        self.sidebar.thumbnails.set_labels([self.page_name(page) for page in range(len(self.labels))])
        self._page_changed(self.view.current_page)
        info = self.document
        from annotator.services.review import DocumentIdentity

        self.review.open_document(DocumentIdentity(facts.fingerprint, info.title, info.page_count, self.labels,
                                                   info.path.name))

    def _text_layers(self, worker: TextWorker, pages: frozenset[int]) -> None:
        if worker is not self._text:
            return
        self.view.set_pages_without_text(pages, self.tr_("No text layer"))
        if pages:
            message = self.tr_("%n page(s) have no text layer (scanned): their text cannot be searched or highlighted.",
                               None, n=len(pages))
            self.message_bar.show_message(message, Level.INFO)

    # --- page and zoom display --------------------------------------------------------------------

    def _page_changed(self, page: int) -> None:
        if self.document is None:
            return
        label = self.page_name(page)
        self.page_field.setText(label)
        self.page_label.setText(self.tr_("Page {label} ({index} of {n})", label=label, index=page + 1,
                                         n=self.document.page_count))
        if self._completed:
            self.sidebar.thumbnails.select_page(page)

    def page_name(self, page: int) -> str:
        """The number printed on a page, or its position in brackets ("[2]") when none is printed."""
        label = self.labels[page] if page < len(self.labels) else ""
        return label or f"[{page + 1}]"

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)} %")

    def _focus_page_field(self) -> None:
        self.page_field.setFocus()
        self.page_field.selectAll()

    def _go_to_typed_page(self) -> None:
        query = self.page_field.text().strip()
        if query.startswith("[") and query.endswith("]") and query[1:-1].strip().isdigit():
            index = int(query[1:-1]) - 1
            page = index if 0 <= index < len(self.labels) else None
        else:
            from annotator.pdf.labels import find_page

            page = find_page(self.labels, query)
        if page is None:
            self.statusBar().showMessage(self.tr_("No page labelled “{q}”.", q=query), 5000)
            self._page_changed(self.view.current_page)
            return
        self.view.go_to_page(page)
        self.view.setFocus()

    # --- where each document was left ---------------------------------------------------------------

    @staticmethod
    def _path_position_key(path: Path) -> str:
        return "path-" + hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:24]

    def _remember_position(self) -> None:
        """Keep the page, zoom and fit of the document on screen, by its path and by its fingerprint."""
        if self.document is None or not self.view.page_count:
            return
        value = f"{self.view.current_page} {self.view.zoom:.4f} {self.view.fit_mode.value} {int(time.time())}"
        keys = [self._path_position_key(self.document.path)]
        if self.fingerprint:
            keys.append(f"sha256-{self.fingerprint}")
        self.settings.beginGroup("positions")
        try:
            for key in keys:
                self.settings.setValue(key, value)
            stored = self.settings.childKeys()
            if len(stored) > MAX_POSITIONS:
                def stamp(key: str) -> int:
                    parts = str(self.settings.value(key, "")).split()
                    return int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else 0

                for key in sorted(stored, key=stamp)[:len(stored) - MAX_POSITIONS]:
                    self.settings.remove(key)
        finally:
            self.settings.endGroup()

    def _restore_position(self, key: str) -> bool:
        """Show the page and zoom remembered under ``key``; False when nothing (readable) is remembered."""
        try:
            page_text, zoom_text, fit_text = str(self.settings.value(f"positions/{key}", "")).split()[:3]
            page, zoom, fit = int(page_text), float(zoom_text), FitMode(fit_text)
        except ValueError:
            return False
        if fit is FitMode.WIDTH:
            self.view.fit_width()
        elif fit is FitMode.PAGE:
            self.view.fit_page()
        else:
            self.view.set_zoom(zoom)
        self.view.go_to_page(max(0, min(page, self.view.page_count - 1)))
        return True

    # --- recent files -----------------------------------------------------------------------------

    def _recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            return [value]
        return [str(item) for item in value] if isinstance(value, (list, tuple)) else []

    def _remember_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        files = [entry] + [f for f in self._recent_files() if f != entry]
        self.settings.setValue("recent_files", files[:MAX_RECENT])

    def _expect_a_document(self) -> None:
        """A document is about to be chosen: its PDF process starts meanwhile (none waits idle the whole session)."""
        self.processes.replenish()

    def _fill_recent_menu(self) -> None:
        self._expect_a_document()
        self.recent_menu.clear()
        files = self._recent_files()
        if not files:
            empty = self.recent_menu.addAction(self.tr_("No recent files"))
            empty.setEnabled(False)
            return
        for number, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number % 10}  {Path(name).name}")
            action.setToolTip(name)
            action.triggered.connect(lambda _=False, n=name: self._open_recent(Path(n)))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.tr_("Clear list"), lambda: self.settings.setValue("recent_files", []))

    def _open_recent(self, path: Path) -> None:
        if not path.exists():
            self.settings.setValue("recent_files", [f for f in self._recent_files() if f != str(path)])
            self._show_error(path, self.tr_("The file no longer exists: {path}", path=path))
            return
        self.open_document(path)

    # --- drag and drop, about, closing ------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
            self._expect_a_document()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_document(files[0])

    def _about(self) -> None:
        """The version, the bundled libraries' licences, and where the database and the log file are."""
        from annotator.services.credentials import without_password
        from annotator.ui.about import AboutDialog
        from annotator.ui.background import log_file

        url = self.database_url
        local = url.startswith("sqlite:///")
        shown = url.removeprefix("sqlite:///") if local else without_password(url)[0]
        dialog = AboutDialog(self.tr_, shown, Path(shown) if local else None, log_file(), self.settings.fileName(),
                             self)
        dialog.open()
        self.about_dialog = dialog

    # --- preferences ------------------------------------------------------------------------------

    def show_preferences(self) -> None:
        """Edit › Preferences…: OK stores them; a new name signs from now on, in the review open too."""
        from annotator.ui.preferences import NAME_KEY, PreferencesDialog, fallback_name
        from annotator.ui.review_actions import reviewer_name

        settings = self.settings
        dialog = PreferencesDialog(self.tr_, settings, fallback_name(self.database_url), self)

        def stored() -> None:
            if NAME_KEY in dialog.changed and self.workspace is not None:
                self.review.author_changed(reviewer_name(settings, self.database_url))

        dialog.accepted.connect(stored)
        dialog.open()
        self.preferences_dialog = dialog

    def _seed_letter_defaults(self, _review: object) -> None:
        """A database without letter settings yet takes the organisation's defaults from the preferences."""
        from annotator.ui.preferences import letter_defaults, seed_letter_defaults

        defaults = letter_defaults(self.settings)
        if defaults:
            self.review.call(lambda review: seed_letter_defaults(review, defaults), writes=True)

    def _close_with_unsaved(self) -> bool:
        """Changes wait for the database: say how many and where they are kept; True to close all the same."""
        from PySide6.QtWidgets import QMessageBox

        count, path = self.review.unsaved, self.review.unsaved_path
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr_("Changes Not Saved Yet"),
                          self.tr_("%n change(s) could not be saved yet: the annotation database cannot be reached.",
                                   None, n=count), parent=self)
        box.setObjectName("unsaved-on-close")
        if path is not None:
            box.setInformativeText(self.tr_("They are kept on this computer, in {path}, and saved the next time you "
                                            "open this document with this database.", path=path))
        else:
            box.setInformativeText(self.tr_("They could not be written to this computer's disk either: if you close "
                                            "the window now, they are lost."))
        close = box.addButton(self.tr_("Close Anyway"), QMessageBox.ButtonRole.AcceptRole)
        close.setObjectName("unsaved-close")
        stay = box.addButton(self.tr_("Keep the Window Open"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        # Saved while the box is up (the server came back): nothing is at stake any more, the window closes.
        saved = self.review.all_saved.connect(close.click)
        box.exec()
        self.review.all_saved.disconnect(saved)
        return box.clickedButton() is close

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.workspace is not None and self.review.unsaved and not self._close_with_unsaved():
            event.ignore()
            return
        window_state.save(self, self.settings)
        self._position_timer.stop()
        self._remember_position()
        self._closing.set()
        from annotator.ui.background import wait_for

        wait_for(self._background)
        if self._merger is not None:
            self._merger.wait()
        if self._interchange is not None:
            self._interchange.shutdown()
        if self.workspace is not None:
            self.workspace.letter.wait()
            self.review.shutdown()
        for worker in (self._opening, self._render, self._text):
            if worker is not None:
                worker.stop()
        # Their processes are killed by stop(), so every thread ends promptly; a QThread destroyed while it
        # runs would abort the program.
        for worker in (self._opening, self._render, self._text, *self._retired):
            if worker is not None and shiboken6.isValid(worker):
                worker.wait()
        super().closeEvent(event)
