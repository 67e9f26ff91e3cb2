"""The window opens within the screen at any scale factor, no panel draws over another at its smallest size, and
the next start brings back the window's size and the panels where the reviewer left them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget

from annotator.pdf.service import ProcessPool
from annotator.ui import window_state
from annotator.ui.app import database_opener, load_catalogue
from annotator.ui.cache import PageImageCache
from annotator.ui.i18n import Translator
from annotator.ui.main_window import MainWindow
from ui_support import open_review
from window_fit_probe import overlapping_widgets

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample" / "regeerakkoord-voorbeeld.pdf"
PROBE = Path(__file__).resolve().parent / "window_fit_probe.py"


@contextmanager
def started(qtbot, folder: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A window as a start makes it: its settings in ``folder`` (kept from one start to the next), its size and
    place its own (not set by the test), shown, closed at the end of the block as the reviewer closes it."""
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    processes = ProcessPool()
    window = MainWindow(Translator("en"), settings, PageImageCache(64 * 1024 * 1024), processes, load_catalogue,
                        database_opener(f"sqlite:///{folder / 'review.sqlite'}"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The panels are made as soon as the event loop runs: wait for them, as a reviewer's first look does.
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    try:
        yield window
    finally:
        window.close()
        settings.sync()
        processes.close()


def _mouse(widget, kind: QEvent.Type, point: QPoint) -> None:  # type: ignore[no-untyped-def]
    left = Qt.MouseButton.LeftButton
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else left
    event = QMouseEvent(kind, QPointF(point), QPointF(widget.mapToGlobal(point)), left, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _double_click_title(dock: QDockWidget) -> None:
    """What a window system sends for a double-click on a dock's title bar (which floats or docks it)."""
    point = QPoint(dock.width() // 3, dock.fontMetrics().height() // 2 + 3)
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
                 QEvent.Type.MouseButtonRelease):
        _mouse(dock, kind, point)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen, for the floating panel
def test_the_panels_and_the_window_come_back_where_the_reviewer_left_them(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with started(qtbot, tmp_path) as window:
        open_review(qtbot, window, SAMPLE)
        window.resize(770, 530)  # as the window system does when the reviewer drags the window's corner
        qtbot.waitUntil(lambda: window.width() == 770 and window.height() == 530, timeout=5000)
        list_dock, letter_dock = window.workspace.list_dock, window.workspace.letter_dock
        # The list taken out of the window by a double-click on its title bar.
        _double_click_title(list_dock)
        qtbot.waitUntil(list_dock.isFloating, timeout=5000)
        floating_size = list_dock.size()
        # The Letter tab brought to the front by a click on it.
        from ui_support import show_letter_tab

        show_letter_tab(qtbot, window)
        # The annotation editor's panel closed with the close button on its title bar.
        editor_dock = window.workspace.editor_dock
        close_button = next(button for button in editor_dock.findChildren(QAbstractButton)
                            if button.objectName() == "qt_dockwidget_closebutton")
        qtbot.mouseClick(close_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not editor_dock.isVisible(), timeout=5000)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert isinstance(settings.value(window_state.LAYOUT_KEY), QByteArray)

    with started(qtbot, tmp_path) as again:
        assert (again.width(), again.height()) == (770, 530)
        open_review(qtbot, again, SAMPLE)
        workspace = again.workspace
        qtbot.waitUntil(workspace.list_dock.isFloating, timeout=5000)
        assert abs(workspace.list_dock.width() - floating_size.width()) <= 2
        assert not workspace.editor_dock.isVisible()
        assert not workspace.editor_dock.toggleViewAction().isChecked()  # View › Annotation Editor shows it again
        assert workspace.letter_dock.isVisible() and not workspace.letter.visibleRegion().isEmpty()
        assert again.toolbar.isVisible()


def test_a_first_window_takes_at_most_the_screen_it_opens_on(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with started(qtbot, tmp_path) as window:
        free = window.screen().availableGeometry()
        assert window.width() <= min(window_state.FIRST_SIZE.width(), free.width())
        assert window.height() <= min(window_state.FIRST_SIZE.height(), free.height())
        assert free.contains(window.frameGeometry()), (free, window.frameGeometry())


def test_no_panel_draws_over_another_at_the_smallest_size(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with started(qtbot, tmp_path) as window:
        open_review(qtbot, window, SAMPLE)
        window.carry_queue  # noqa: B018 - made, as File › Carry Over makes it
        for dock in window.findChildren(QDockWidget):
            dock.show()
        window.resize(window.minimumSizeHint())
        qtbot.wait(300)
        QApplication.processEvents()
        assert overlapping_widgets(window) == []
        assert window.minimumSizeHint().width() <= 760  # fits 800 logical pixels (1600 at scale factor 2)
        assert window.minimumSizeHint().height() <= 420


@pytest.mark.skipif(shutil.which("xvfb-run") is None or sys.platform != "linux", reason="needs Xvfb")
@pytest.mark.parametrize("language", ["en", "nl"])
def test_at_scale_factor_2_the_window_fits_a_1600x1000_screen(tmp_path: Path, language: str) -> None:
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="xcb", PYTHONPATH=str(REPO))
    env.pop("DISPLAY", None)
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, str(PROBE),
                           str(tmp_path), "--lang", language],
                          capture_output=True, text=True, timeout=120, env=env, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    x, y, width, height = found["screen"]
    assert (width, height) == (800, 500) and found["ratio"] == 2.0  # 1600x1000 at scale factor 2
    fx, fy, fwidth, fheight = found["frame"]
    assert x <= fx and y <= fy and fx + fwidth <= x + width and fy + fheight <= y + height, found
    assert {"editor-dock", "letter-dock", "list-dock", "overview-dock", "carry-queue-dock"} <= set(found["docks"])
    smallest = found["smallest"]
    assert smallest[0] <= width and smallest[1] <= height, found
    assert found["overlaps"] == [], found["overlaps"]
