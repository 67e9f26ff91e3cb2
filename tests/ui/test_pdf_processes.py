"""An open document has one PDF process, which renders its pages and, between the renders, reads its text; a second
starts only when the reviewer is about to open another document (File › Open Recent shown), so that one opens
without waiting for Python to start and none waits idle all session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from annotator.ui.main_window import MainWindow
from ui_support import open_review, window  # noqa: F401 (fixture)

REPO = Path(__file__).resolve().parents[2]
AGREEMENT = REPO / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"

pytestmark = [pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts processes in /proc"),
              pytest.mark.qt_log_ignore("This plugin does not support")]  # offscreen: raising, grabbing


def _pdf_processes() -> int:
    """The PDF processes this test's program has started and that still run."""
    count = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stream:
                state, parent = stream.read().rsplit(")", 1)[1].split()[:2]
            with open(f"/proc/{entry}/cmdline", "rb") as stream:
                command = stream.read()
        except OSError:
            continue
        if int(parent) == os.getpid() and state != "Z" and b"--pdf-child" in command:
            count += 1
    return count


def test_one_pdf_process_a_document_and_a_spare_only_when_another_is_to_be_opened(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_review(qtbot, window, AGREEMENT)
    qtbot.waitUntil(lambda: any(window.labels), timeout=15000)  # the text process has read the page labels
    qtbot.wait(500)
    assert _pdf_processes() == 1  # the pages' and the text's
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=5000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    file_menu = QApplication.activePopupWidget()
    QTest.keyClick(file_menu, Qt.Key.Key_R)  # Open Recent
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not file_menu, timeout=5000)
    qtbot.waitUntil(lambda: _pdf_processes() == 2, timeout=5000)  # ready for the document chosen
    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
    QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=5000)
    window.open_document(REPO / "resources" / "sample" / "regeerakkoord-voorbeeld.pdf")
    qtbot.waitUntil(lambda: window.document is not None and window.document.page_count != 50, timeout=15000)
