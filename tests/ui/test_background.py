"""Long work in the background: progress and Cancel reach the work, and what fails is told in one place."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from annotator.pdf.errors import PasswordRequiredError
from annotator.ui.background import Failures, Task, run_operation
from annotator.ui.i18n import Translator


def _log() -> Path:
    return Path(os.environ["ANNOTATOR_DATA_DIR"]) / "logs" / "annotator.log"


def test_a_reviewers_error_is_told_in_the_windows_language_and_not_logged() -> None:
    shown: list[str] = []
    failures = Failures(Translator("nl"), shown.append)
    error = PasswordRequiredError(Path("/tmp/akkoord.pdf"), "akkoord.pdf needs a password", wrong_password=False)
    failures.report(error, lambda reason: f"Niet geïmporteerd: {reason}")
    assert shown == ["Niet geïmporteerd: akkoord.pdf is beveiligd met een wachtwoord; open het eerst met dat "
                     "wachtwoord."]
    assert not _log().exists()


def test_a_bug_is_logged_with_its_traceback_and_shown_with_the_log(qtbot) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    failures = Failures(Translator("en"), shown.append)
    parent = QWidget()
    qtbot.addWidget(parent)
    running: set[Task] = set()

    def work(_progress: object) -> None:
        {}["judgment"]  # a bug: a missing key

    ended: list[bool] = []
    run_operation(parent, work, failures=failures, on_done=lambda _r: None, running=running,
                  context="testing a bug", on_end=lambda: ended.append(True))
    qtbot.waitUntil(lambda: ended == [True], timeout=10000)
    log = _log()
    assert shown == [f"Something went wrong: KeyError: 'judgment'. The details are in {log}."]
    text = log.read_text(encoding="utf-8")
    assert "testing a bug" in text and "Traceback (most recent call last)" in text
    assert "in work" in text and "KeyError: 'judgment'" in text
    qtbot.waitUntil(lambda: not running, timeout=5000)


def test_progress_is_shown_and_cancel_stops_the_work(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    qtbot.waitExposed(parent)
    running: set[Task] = set()
    stored: list[int] = []
    outcome: list[str] = []
    release = threading.Event()

    def work(progress) -> None:  # type: ignore[no-untyped-def]
        for done in range(1, 1001):
            progress(done, 1000)
            if done == 10:
                release.wait(10)
        stored.append(1)  # never reached once cancelled

    task = run_operation(parent, work, failures=Failures(Translator("en"), outcome.append),
                         on_done=lambda _r: outcome.append("done"), running=running, progress_label="Working…",
                         title="Work", on_cancelled=lambda: outcome.append("cancelled"),
                         on_end=lambda: outcome.append("end"))
    dialog = task.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.value() == 10, timeout=10000)
    assert dialog.maximum() == 1000
    cancel = dialog.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: outcome == ["cancelled", "end"], timeout=10000)
    assert stored == []
    qtbot.waitUntil(lambda: not running, timeout=5000)
