"""Files handed to the program by the system open in the window: on macOS a PDF double-clicked in the Finder or
dropped on the Dock icon arrives as a QFileOpenEvent sent to the application; a PDF dragged from a file manager
onto the pages opens as well."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QFileOpenEvent
from PySide6.QtWidgets import QApplication

from annotator.ui.app import accept_file_open_events
from annotator.ui.main_window import MainWindow
from ui_support import open_and_wait, window  # noqa: F401 - the fixture

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample" / "regeerakkoord-voorbeeld.pdf"


def test_a_pdf_the_finder_hands_over_opens_in_the_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    opener = accept_file_open_events(app, window)
    try:
        with qtbot.waitSignal(window.document_opened, timeout=15000) as opened:
            QCoreApplication.sendEvent(app, QFileOpenEvent(str(SAMPLE)))
        assert opened.args[0].path == SAMPLE
        qtbot.waitUntil(window.view.is_fully_painted, timeout=15000)
        assert window.windowTitle().endswith("— annotator")
        # One posted later (the Dock icon while the window is open) replaces the document, as File › Open does.
        other = REPO / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"
        with qtbot.waitSignal(window.document_opened, timeout=15000) as opened:
            QCoreApplication.postEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(other))))
        assert opened.args[0].path == other
    finally:
        app.removeEventFilter(opener)


def test_a_file_that_is_no_pdf_is_refused_with_a_message(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    opener = accept_file_open_events(app, window)
    notes = tmp_path / "notes.pdf"
    notes.write_text("not a PDF at all", encoding="utf-8")
    try:
        with qtbot.waitSignal(window.open_failed, timeout=15000):
            QCoreApplication.sendEvent(app, QFileOpenEvent(str(notes)))
        assert window.message_bar.isVisible()
    finally:
        app.removeEventFilter(opener)


def test_a_pdf_dragged_onto_the_pages_opens(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """What a window system delivers while a file is dragged from a file manager and let go over the pages: drag
    enter, drag moves, drop, each to the widget under the pointer."""
    open_and_wait(qtbot, window, REPO / "tests" / "data" / "coalitieakkoord-2021-2025.pdf")
    target = window.view.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLE))])
    point = QPoint(target.width() // 2, target.height() // 2)
    action, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, action, mime, left, none)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDragMoveEvent(point + QPoint(5, 5), action, mime, left, none))
    with qtbot.waitSignal(window.document_opened, timeout=15000) as opened:
        QApplication.sendEvent(target, QDropEvent(QPointF(point + QPoint(5, 5)), action, mime, left, none))
    assert opened.args[0].path == SAMPLE


PROGRAM = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFileOpenEvent
from annotator.pdf.service import ProcessPool
from annotator.ui.app import Application, accept_file_open_events, create_window

app = Application(sys.argv[:1])
# Sent at launch, before the window exists (the Finder starting annotator with a file): kept until it does.
QCoreApplication.sendEvent(app, QFileOpenEvent(sys.argv[1]))
processes = ProcessPool()
window = create_window(processes, "en", "sqlite:///" + sys.argv[2])
window.show()
opened = []
window.document_opened.connect(lambda info: (opened.append(str(info.path)), QTimer.singleShot(0, app.quit)))
accept_file_open_events(app, window)
QTimer.singleShot(30000, app.quit)
app.exec()
window.close()
processes.close()
print(json.dumps(opened))
"""


def test_the_programs_application_object_opens_what_the_finder_hands_it_at_launch(tmp_path: Path) -> None:
    """annotator's own application object (not the test's): the event that comes before the window is kept."""
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(SAMPLE), str(tmp_path / "review.sqlite")],
                          capture_output=True, text=True, timeout=120, cwd=REPO,
                          env=dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                                   PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [str(SAMPLE)]
