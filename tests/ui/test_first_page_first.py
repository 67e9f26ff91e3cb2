"""Started with a document, the window shows its first page before it builds the rest of itself (the sidebar, the
find bar, the judgment strip, the actions of the menus and the toolbar), and builds it right after."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QSettings, Qt
from PySide6.QtTest import QTest

from annotator.pdf.service import ProcessPool
from annotator.ui import main_window
from annotator.ui.app import database_opener, load_catalogue
from annotator.ui.cache import PageImageCache
from annotator.ui.i18n import Translator
from annotator.ui.judgment_strip import STRIP_WIDTH
from annotator.ui.main_window import MainWindow

AGREEMENT = Path(__file__).resolve().parents[1] / "data" / "coalitieakkoord-2021-2025.pdf"


@contextmanager
def deferred_window(qtbot, tmp_path: Path, document: Path | None = None,  # type: ignore[no-untyped-def]
                    before_opening: Callable[[MainWindow], None] = lambda window: None) -> Iterator[MainWindow]:
    """A window made as the command line makes it for a document (the first page first), opening ``document``
    right after it is shown, as the command line does."""
    processes = ProcessPool()
    win = MainWindow(Translator("en"), QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                     PageImageCache(64 * 1024 * 1024), processes, load_catalogue,
                     database_opener(f"sqlite:///{tmp_path / 'review.sqlite'}"), defer=True)
    qtbot.addWidget(win)
    win.resize(1000, 800)
    win.show()
    before_opening(win)
    if document is not None:
        win.open_document(document)
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        win.close()
        processes.close()


def test_the_first_page_is_painted_before_the_rest_of_the_window_is_built(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paints: list[object] = []  # whether the window was complete, at each paint of the pages
    seen: dict[str, object] = {}

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                paints.append(watched.parent().window().__dict__.get("_completed"))
            return False

    watcher = Paints()

    def watch(window: MainWindow) -> None:
        def painted() -> None:  # after the frame with the first page went to the screen
            seen["paints"] = list(paints)
            seen["sharp"] = window.view.is_fully_painted()

        window.view.viewport().installEventFilter(watcher)
        window.view.visible_pages_painted.connect(painted, Qt.ConnectionType.SingleShotConnection)

    with deferred_window(qtbot, tmp_path, AGREEMENT, watch) as window:
        qtbot.waitUntil(lambda: "paints" in seen, timeout=20000)
        window.view.viewport().removeEventFilter(watcher)
        assert seen["sharp"] and seen["paints"] and set(seen["paints"]) == {False}  # type: ignore[arg-type]
        # The rest follows at once: the sidebar shows the pages, the menus and the toolbar have their actions.
        qtbot.waitUntil(lambda: window.__dict__.get("_completed") is True, timeout=5000)
        assert window.file_menu.actions()[0] is window.open_action
        assert window.open_action in window.toolbar.actions() and window.find_action in window.toolbar.actions()
        assert window.splitter.widget(0) is window.sidebar
        qtbot.waitUntil(lambda: window.sidebar.thumbnails.count() == 50, timeout=10000)
        assert window.page_total.text().strip() == "of 50"
        assert window.find_action.isEnabled() and window.page_field.isEnabled()
        # The find bar answers the keyboard.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        window.view.setFocus()
        QTest.keySequence(window, "Ctrl+F")
        qtbot.waitUntil(window.search_bar.isVisible, timeout=5000)
        assert window.search_bar.field.hasFocus()


def test_what_is_asked_for_before_the_first_page_is_built_then(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: dict[str, object] = {}

    def ask(window: MainWindow) -> None:
        asked["before"] = window.__dict__.get("_completed")
        asked["sidebar shown"] = window.sidebar.isVisible()  # asked for: the rest is built now
        asked["after"] = window.__dict__.get("_completed")

    with deferred_window(qtbot, tmp_path, AGREEMENT, ask) as window:
        assert asked == {"before": False, "sidebar shown": True, "after": True}
        assert window.quit_action in window.file_menu.actions()
        qtbot.waitUntil(window.view.is_fully_painted, timeout=20000)
        qtbot.waitUntil(lambda: window.workspace is not None and window.review.review is not None, timeout=20000)


def test_a_window_without_a_document_is_built_whole(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with deferred_window(qtbot, tmp_path) as window:
        qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
        assert window.__dict__.get("_completed") is True


def test_the_room_kept_for_the_judgment_strip_is_its_width() -> None:
    assert main_window.STRIP_ROOM == STRIP_WIDTH


def test_the_window_modules_leave_the_rest_of_the_window_for_later() -> None:
    code = ("import sys; import annotator.ui.app; print(sorted(m for m in ('annotator.ui.sidebar', "
            "'annotator.ui.search_bar', 'annotator.ui.finder', 'annotator.ui.judgment_strip', 'annotator.ui.icons', "
            "'annotator.ui.shortcuts') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_document_that_asks_a_password_gets_the_whole_window_and_opens_with_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import fitz

    locked = tmp_path / "locked.pdf"
    with fitz.open(AGREEMENT) as doc:
        doc.save(locked, encryption=fitz.PDF_ENCRYPT_AES_256, user_pw="geheim", owner_pw="geheim-eigenaar")
    with deferred_window(qtbot, tmp_path, locked) as window:
        qtbot.waitUntil(window.password_bar.isVisible, timeout=20000)
        assert window.__dict__.get("_completed") is True
        assert window.open_action in window.file_menu.actions()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        qtbot.waitUntil(window.password_bar.field.hasFocus, timeout=5000)
        QTest.keyClicks(window.password_bar.field, "geheim")
        QTest.keyClick(window.password_bar.field, Qt.Key.Key_Return)
        qtbot.waitUntil(window.view.is_fully_painted, timeout=20000)
        assert window.page_total.text().strip() == "of 50"
        qtbot.waitUntil(lambda: window.sidebar.thumbnails.count() == 50, timeout=10000)
        qtbot.waitUntil(lambda: window.workspace is not None and window.review.review is not None, timeout=20000)


def _page_place(window: MainWindow) -> tuple[int, int, int, int, float]:
    """Where the page view is in the window, its size, and the zoom the page is shown at."""
    from PySide6.QtCore import QPoint

    corner = window.view.mapTo(window, QPoint(0, 0))
    return corner.x(), corner.y(), window.view.width(), window.view.height(), round(window.view.zoom, 4)


def test_the_page_stays_where_the_first_frame_put_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The first frame has the finished window's layout (the toolbar's height, the panels around the page), so the
    page neither moves nor changes its zoom when the rest of the window is built: at the first start, and with the
    panels as the reviewer left them."""
    wide: list[int] = []
    for start in ("first", "returning"):
        first: list[tuple[int, int, int, int, float]] = []

        def watch(window: MainWindow) -> None:
            window.view.visible_pages_painted.connect(lambda: first.append(_page_place(window)),
                                                      Qt.ConnectionType.SingleShotConnection)

        with deferred_window(qtbot, tmp_path, AGREEMENT, watch) as window:
            qtbot.waitUntil(lambda: bool(first), timeout=20000)
            qtbot.waitUntil(lambda: window.workspace is not None and window.review.review is not None,
                            timeout=20000)
            qtbot.waitUntil(lambda: window.sidebar.thumbnails.count() == 50, timeout=10000)
            assert _page_place(window) == first[0], start
            if wide:
                assert window.workspace.editor_dock.width() == wide[0]  # as the reviewer left it
            if start == "first":
                # The reviewer makes the panel on the right wider by its edge, then closes the window.
                dock = window.workspace.editor_dock
                before = dock.width()
                at = QPointF(dock.geometry().left() - 2, dock.geometry().center().y())
                _drag_on(window, at, at - QPointF(120, 0))
                qtbot.waitUntil(lambda: dock.width() > before + 60, timeout=5000)
                wide.append(dock.width())


def _drag_on(widget, start: QPointF, end: QPointF) -> None:  # type: ignore[no-untyped-def]
    """Come to ``start``, press, move in steps and release on ``widget`` itself (a window's edge between its
    panels), with a turn of the event loop after each event, as a window system delivers them."""
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    steps = [(QEvent.Type.MouseMove, start, none, none), (QEvent.Type.MouseButtonPress, start, left, left)]
    steps += [(QEvent.Type.MouseMove, start + (end - start) * (n / 6), none, left) for n in range(1, 7)]
    steps += [(QEvent.Type.MouseButtonRelease, end, left, none)]
    for kind, point, button, buttons in steps:
        event = QMouseEvent(kind, point, widget.mapToGlobal(point), button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)
        QApplication.processEvents()


def test_the_empty_window_does_not_ask_for_a_pdf_while_one_opens(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """While the document opens the page area is blank, not "Drop a PDF here"; a file that cannot be opened
    leaves the window asking for one again."""
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00" * 200)
    with deferred_window(qtbot, tmp_path, AGREEMENT) as window:
        assert window.view._placeholder == ""
        qtbot.waitUntil(window.view.is_fully_painted, timeout=20000)
    second = tmp_path / "second"
    second.mkdir()
    with deferred_window(qtbot, second) as window:
        assert window.view._placeholder.startswith("Drop a PDF here")
        with qtbot.waitSignal(window.open_failed, timeout=20000):
            window.open_document(broken)
            assert window.view._placeholder == ""
        assert window.view._placeholder.startswith("Drop a PDF here")
        assert window.message_bar.isVisible()
