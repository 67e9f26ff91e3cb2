"""Helpers for the window tests: a main window with isolated settings, and waiting for a document."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

import pytest
from PySide6.QtCore import QSettings

from annotator.pdf.service import ProcessPool
from annotator.ui.cache import PageImageCache
from annotator.ui.i18n import Translator
from annotator.ui.app import database_opener, load_catalogue
from annotator.domain.model import Annotation
from annotator.ui.main_window import MainWindow


@contextmanager
def shown_window(qtbot, tmp_path: Path, language: str = "en", database_url: str | None = None,  # type: ignore[no-untyped-def]
                 settings_name: str = "settings.ini") -> Iterator[MainWindow]:
    """A main window in ``language``, shown, with its settings in tmp_path and its database there (or at
    ``database_url``); closed with its PDF processes when the block ends."""
    settings = QSettings(str(tmp_path / settings_name), QSettings.Format.IniFormat)
    processes = ProcessPool()
    opener = database_opener(database_url or f"sqlite:///{tmp_path / 'review.sqlite'}")
    win = MainWindow(Translator(language), settings, PageImageCache(64 * 1024 * 1024), processes, load_catalogue,
                     opener)
    qtbot.addWidget(win)
    win.resize(1000, 800)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        win.close()
        processes.close()


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """An English main window, shown, with its settings in a temporary file."""
    with shown_window(qtbot, tmp_path) as win:
        yield win


def open_and_wait(qtbot, window: MainWindow, path: Path, password: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` and wait until the visible pages are painted sharp."""
    with qtbot.waitSignal(window.document_opened, timeout=15000):
        window.open_document(path, password)
    qtbot.waitUntil(window.view.is_fully_painted, timeout=15000)


def open_review(qtbot, window: MainWindow, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` and wait until its review (the annotations in the database) is open too."""
    open_and_wait(qtbot, window, path)
    qtbot.waitUntil(lambda: window.review.review is not None, timeout=15000)


def _mouse(view, kind: QEvent.Type, point: QPointF, buttons: Qt.MouseButton,  # type: ignore[no-untyped-def]
           modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, timestamp: int | None = None) -> None:
    """Send one mouse event to the view's viewport, stamped like a window system's: now, in milliseconds."""
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, point, view.viewport().mapToGlobal(point), button, buttons, modifiers)
    event.setTimestamp(timestamp if timestamp is not None else time.monotonic_ns() // 1_000_000)
    QApplication.sendEvent(view.viewport(), event)


def click(view, point: QPointF, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press and release the left button at ``point``."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _mouse(view, QEvent.Type.MouseButtonPress, point, left, modifiers)
    _mouse(view, QEvent.Type.MouseButtonRelease, point, none, modifiers)


def double_click(view, point: QPointF, release: bool = True) -> None:  # type: ignore[no-untyped-def]
    """What a window system delivers for a double-click: press, release, double-click, release (the last one left
    out with ``release=False``, for a drag that goes on from the double-click)."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _mouse(view, QEvent.Type.MouseButtonPress, point, left)
    _mouse(view, QEvent.Type.MouseButtonRelease, point, none)
    _mouse(view, QEvent.Type.MouseButtonDblClick, point, left)
    if release:
        _mouse(view, QEvent.Type.MouseButtonRelease, point, none)


def triple_click(view, point: QPointF) -> None:  # type: ignore[no-untyped-def]
    """A double-click and a third press and release right after it, at the same point."""
    double_click(view, point)
    click(view, point)


def press_key(qtbot, window, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press a key in the page view of the active window, as a reviewer reading the agreement does (shortcuts act in
    the active window only)."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=3000)
    qtbot.keyClick(window.view, key, modifiers)


def drag(view, start: QPointF, end: QPointF, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press at start, move in steps, release at end: what a reviewer's mouse does."""
    left = Qt.MouseButton.LeftButton
    _mouse(view, QEvent.Type.MouseButtonPress, start, left, modifiers)
    for step in range(1, 6):
        point = start + (end - start) * (step / 5)
        _mouse(view, QEvent.Type.MouseMove, point, left, modifiers)
    _mouse(view, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton, modifiers)


def phrase_points(qtbot, window: MainWindow, page: int, phrase: str) -> tuple[QPointF, QPointF]:  # type: ignore[no-untyped-def]
    """Viewport points at the start of the phrase's first character and the end of its last one."""
    view = window.view
    view.go_to_page(page)
    qtbot.waitUntil(lambda: view.page_text(page) is not None, timeout=15000)
    text = view.page_text(page)
    start = text.text.index(phrase)
    end = start + len(phrase) - 1
    first, last = text.boxes[start], text.boxes[end]
    a = view.view_rect(page, first)
    b = view.view_rect(page, last)
    return QPointF(a.left() + 1, a.center().y()), QPointF(b.right() + 1, b.center().y())


def highlight_phrase(qtbot, window: MainWindow, page: int, phrase: str) -> Annotation:  # type: ignore[no-untyped-def]
    """Select ``phrase`` on ``page`` with the mouse and highlight it, as a reviewer does."""
    start, end = phrase_points(qtbot, window, page, phrase)
    drag(window.view, start, end)
    press_key(qtbot, window, Qt.Key.Key_H)
    annotation = window.editor.annotation
    assert annotation is not None and annotation.quote
    return annotation


def settle(qtbot, window: MainWindow, timeout: int = 15000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the review's worker has answered everything sent to it (the database holds what is shown)."""
    qtbot.waitUntil(lambda: window.review.idle, timeout=timeout)


def show_letter_tab(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Click the Letter tab beside the Annotation panel, as a reviewer does to read the draft letter."""
    from PySide6.QtWidgets import QTabBar

    title = window.workspace.letter_dock.windowTitle()
    for bar in window.findChildren(QTabBar):
        for index in range(bar.count()):
            if bar.tabText(index) == title and bar.isVisible():
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
                qtbot.waitUntil(lambda: not window.workspace.letter.visibleRegion().isEmpty(), timeout=5000)
                return
    raise AssertionError("no Letter tab in the window")


def find_in_bar(qtbot, window: MainWindow, query: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+F on the window, the query typed over what the field held, Enter."""
    bar = window.search_bar
    press_key(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClick(bar.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.field, query)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)


def hits_counted(window: MainWindow) -> bool:
    """Whether the find bar reads "n of N hits": the search has ended with a current hit."""
    text = window.search_bar.count.text()
    return " of " in text and "Searching" not in text


def go_to_page(qtbot, window: MainWindow, page: int) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+G, the page's number, Enter."""
    press_key(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.page_field, f"[{page + 1}]")
    qtbot.keyClick(window.page_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.view.current_page == page, timeout=5000)


def server_script(*args: str, state: Path, port: int) -> str:
    """Run scripts/pg-temp.sh (start, pause, resume, stop) for a PostgreSQL server of a test's own."""
    import os
    import subprocess

    env = dict(os.environ, ANNOTATOR_TEST_PG_STATE=str(state), ANNOTATOR_TEST_PG_PORT=str(port))
    script = Path(__file__).resolve().parents[2] / "scripts" / "pg-temp.sh"
    return subprocess.run(["bash", str(script), *args], env=env, check=True, capture_output=True,
                          text=True, timeout=120).stdout.strip()


def long_pdf(path: Path, pages: int, seed: int, phrase: str, phrase_pages: range, rare: str = "",
             rare_pages: tuple[int, ...] = ()) -> Path:
    """A PDF at ``path`` of ``pages`` pages of dense text (380 filler words each, about 3,000 characters, as in the
    2021 agreement), ``phrase`` once on each of ``phrase_pages`` and ``rare`` on each of ``rare_pages``, placed at
    random with ``seed``."""
    import random

    import fitz

    filler = ("overheid", "burgers", "kabinet", "beleid", "toekomst", "samenleving", "onderwijs", "zorg", "wonen",
              "klimaat", "werk", "veiligheid", "natuur", "rechtsstaat", "vertrouwen", "gemeenten", "regio")
    rng = random.Random(seed)
    doc = fitz.open()
    for number in range(pages):
        page = doc.new_page(width=595, height=842)
        words = [rng.choice(filler) for _ in range(380)]
        if number in phrase_pages:
            at = rng.randrange(20, 340)
            words[at:at] = phrase.split()
        if number in rare_pages:
            words.insert(rng.randrange(20, 340), rare)
        page.insert_textbox(fitz.Rect(60, 60, 535, 790), f"Pagina {number + 1}. " + " ".join(words) + ".",
                            fontsize=10, fontname="helv")
    doc.save(path)
    return path
