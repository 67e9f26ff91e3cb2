"""Starting the GUI: the composition root that builds the window and its collaborators."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from annotator.paths import default_database_url, resources_dir
from annotator.pdf.service import PdfProcess, ProcessPool
from annotator.ui.cache import PageImageCache
from annotator.ui.database import DatabaseOpener
from annotator.ui.i18n import Translator, install, system_language
from annotator.ui.main_window import MainWindow

if TYPE_CHECKING:
    from annotator.domain.catalogue import Catalogue
    from annotator.services.review import ReviewState

CACHE_BYTES = 256 * 1024 * 1024
SCREENSHOT_TIMEOUT_MS = 60_000


def database_opener(url: str, backup_dir: Path | None = None) -> DatabaseOpener:
    """How the window opens the database at ``url`` (kept for callers that build windows themselves)."""
    return DatabaseOpener(url, backup_dir)


def load_catalogue() -> Catalogue:
    """The treaty catalogue shipped in resources/."""
    from annotator.domain.catalogue import Catalogue

    return Catalogue.load(resources_dir() / "treaties.json")


def create_window(processes: ProcessPool, language: str | None = None, database_url: str | None = None,
                  cache_bytes: int = CACHE_BYTES, defer: bool = False) -> MainWindow:
    """A main window with its translator, settings, page cache, catalogue and database; a QApplication must exist.
    With ``defer``, the window shows the first page before it builds its menus' actions, sidebar and find bar."""
    settings = QSettings("annotator", "annotator")
    tr = Translator(language or str(settings.value("language", "")) or system_language())
    # --db or ANNOTATOR_DB first, then the database chosen in the window last time, then the local file.
    url = database_url or (default_database_url() if os.environ.get("ANNOTATOR_DB") else
                           _remembered_database(settings) or default_database_url())
    return MainWindow(tr, settings, PageImageCache(cache_bytes), processes, load_catalogue, database_opener(url),
                      defer=defer)


def _remembered_database(settings: QSettings) -> str:
    """The database chosen last time, with the server's password from the system keyring; a password an earlier
    version wrote into the settings moves to the keyring now."""
    from annotator.services.credentials import complete, remember, without_password

    stored = str(settings.value("database_url", "") or "")
    if stored and without_password(stored)[1] is not None:
        bare, _kept = remember(stored)
        settings.setValue("database_url", bare)
        return stored
    return complete(stored) if stored else ""


def _file_of(event: QEvent) -> Path | None:
    """The local file a QFileOpenEvent asks to open."""
    if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
        return None
    name = event.file() or (event.url().toLocalFile() if event.url().isLocalFile() else "")
    return Path(name) if name else None


class Application(QApplication):
    """annotator's application object: it opens in the window the files the system hands it, on macOS a PDF
    double-clicked in the Finder, chosen under Open With or dropped on the Dock icon (a QFileOpenEvent, at start or
    while running). Only the events sent to the application itself pass through here, not every event of the
    program as with an application-wide event filter, so start-up does not pay for it."""

    def __init__(self, arguments: list[str]) -> None:
        super().__init__(arguments)
        self._open: Callable[[Path], object] | None = None
        self._waiting: list[Path] = []

    def open_files_with(self, open_file: Callable[[Path], object]) -> None:
        """Hand the files the system asks to open to ``open_file`` (those that came before it, at once)."""
        self._open = open_file
        waiting, self._waiting = self._waiting, []
        for path in waiting:
            open_file(path)

    def event(self, event: QEvent) -> bool:
        path = _file_of(event)
        if path is None:
            return super().event(event)
        if self._open is not None:
            self._open(path)
        else:
            self._waiting.append(path)
        return True


class FileOpenEvents(QObject):
    """The same for an application object made elsewhere (a test's, a host program's): an event filter on it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        path = _file_of(event) if watched is QApplication.instance() else None
        if path is not None:
            self.window.open_document(path)
            return True
        return False


def accept_file_open_events(app: QApplication, window: MainWindow) -> QObject:
    """Let ``window`` open the files the system asks the application to open (see Application)."""
    if isinstance(app, Application):
        app.open_files_with(window.open_document)
        return app
    opener = FileOpenEvents(window)
    app.installEventFilter(opener)
    return opener


def run_gui(pdf: Path | None = None, screenshot: Path | None = None, password: str | None = None,
            language: str | None = None, database_url: str | None = None,
            processes: ProcessPool | None = None, first_process: PdfProcess | None = None) -> int:
    """Show the main window, optionally with ``pdf`` open; with ``screenshot``, save the window as PNG and exit."""
    processes = processes or ProcessPool()
    # instance() is typed as the QCoreApplication it may be; in this program it is always a QApplication.
    app = cast(QApplication, QApplication.instance() or Application(sys.argv[:1]))
    app.setApplicationName("annotator")
    app.setOrganizationName("annotator")
    app.setApplicationDisplayName("annotator")
    # With a document, its first page comes before the rest of the window (MainWindow.complete).
    window = create_window(processes, language, database_url, defer=pdf is not None)
    accept_file_open_events(app, window)
    # The window's language for Qt's own texts too: standard buttons, file dialogs, the text fields' context menus.
    install(app, window.tr_.language)
    window.show()
    trace = os.environ.get("ANNOTATOR_STARTUP_TRACE")
    if trace:
        # For measuring start-up: the wall-clock time at which the first pages were on screen (said first, before
        # what else waits for them).
        window.view.visible_pages_painted.connect(lambda: Path(trace).write_text(repr(time.time())),
                                                  Qt.ConnectionType.SingleShotConnection)
    if screenshot is None:
        # A reviewer's first start: the welcome, with the name colleagues will see (never for --screenshot, nor in
        # tests' windows). With a document, once its first page is on screen (or it failed, or asks a password):
        # the welcome's modules are the review's, which would only hold the page back.
        if pdf is None:
            QTimer.singleShot(0, lambda: _ask_name_on_first_start(window))
        else:
            _once_first_page_or_not(window, lambda: _ask_name_on_first_start(window))
    # The command line paused the garbage collector for the start (it only walked the objects the start makes).
    if pdf is None:
        gc.enable()
    else:
        _once_first_page_or_not(window, gc.enable)
    outcome = {"code": 0}
    if screenshot is not None:
        _arrange_screenshot(app, window, screenshot, outcome)
    if pdf is not None:
        window.open_document(pdf, password, process=first_process)
    elif screenshot is not None:
        QTimer.singleShot(200, lambda: _save_and_quit(app, window, screenshot))
    app.exec()
    window.close()
    processes.close()
    return outcome["code"]


def _once_first_page_or_not(window: MainWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once: when the first pages are on screen, or opening failed or asks for a password."""
    signals = (window.view.visible_pages_painted, window.open_failed, window.password_requested)

    def once(*_arguments: object) -> None:
        for signal in signals:
            signal.disconnect(once)
        then()

    for signal in signals:
        signal.connect(once)


def _ask_name_on_first_start(window: MainWindow) -> None:
    if window.settings.value("reviewer_name", "") or window.settings.value("reviewer_name_asked", False, type=bool):
        return  # a returning reviewer (as ask_name_on_first_start sees it), without loading the welcome's modules
    from annotator.ui.review_actions import ask_name_on_first_start

    def signed(name: str) -> None:
        # A review opened (or being opened) under the fallback name is signed with the new one from now on.
        if window.workspace is None:
            return  # the review will open with the name from the settings
        controller = window.workspace.review
        if controller.review is not None:
            if controller.review.author != name:
                controller.author_changed(name)
            return

        def opened(review: ReviewState) -> None:
            if review.author != name:
                controller.author_changed(name)

        controller.review_opened.connect(opened, Qt.ConnectionType.SingleShotConnection)

    def open_sample() -> None:
        from annotator.paths import sample_agreement

        window.open_document(sample_agreement())  # as --sample does

    # The welcome of the first start: the window owns it.
    ask_name_on_first_start(window, window.tr_, window.settings, window.database_url, signed, open_sample)


def _arrange_screenshot(app: QApplication, window: MainWindow, path: Path, outcome: dict[str, int]) -> None:
    """Save the window once the visible pages are painted sharp in the full workspace (or a failure was shown)."""

    def painted() -> None:
        window.view.visible_pages_painted.disconnect(painted)
        ready()

    def ready() -> None:
        # The panels are put into their docks right after the first paint (the pages keep their place and width).
        if window.workspace is not None and window.view.is_fully_painted():
            QTimer.singleShot(0, lambda: _save_and_quit(app, window, path))
        else:
            QTimer.singleShot(20, ready)

    def failed(message: str) -> None:
        outcome["code"] = 1
        print(f"error: {message}", file=sys.stderr)
        app.quit()

    def timed_out() -> None:
        outcome["code"] = 1
        print("error: the pages were not painted within a minute; the screenshot shows what was there",
              file=sys.stderr)
        _save_and_quit(app, window, path)

    window.view.visible_pages_painted.connect(painted)
    window.open_failed.connect(failed)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, timed_out)


def _save_and_quit(app: QApplication, window: MainWindow, path: Path) -> None:
    if not window.grab().save(str(path), "PNG"):
        print(f"error: cannot write the screenshot to {path}", file=sys.stderr)
    app.quit()
