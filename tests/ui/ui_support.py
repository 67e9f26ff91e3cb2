"""Helpers for the window tests: a main window with isolated settings, and waiting for a document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.pdf.service import ProcessPool
from annotator.ui.cache import PageImageCache
from annotator.ui.i18n import Translator
from annotator.ui.app import database_opener, load_catalogue
from annotator.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """An English main window, shown, with its settings in a temporary file."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    processes = ProcessPool()
    opener = database_opener(f"sqlite:///{tmp_path / 'review.sqlite'}")
    win = MainWindow(Translator("en"), settings, PageImageCache(64 * 1024 * 1024), processes, load_catalogue, opener)
    qtbot.addWidget(win)
    win.resize(1000, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    processes.close()


def open_and_wait(qtbot, window: MainWindow, path: Path, password: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` and wait until the visible pages are painted sharp."""
    with qtbot.waitSignal(window.document_opened, timeout=15000):
        window.open_document(path, password)
    qtbot.waitUntil(window.view.is_fully_painted, timeout=15000)
