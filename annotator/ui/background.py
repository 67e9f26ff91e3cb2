"""One way to run work off the UI thread: ``fn`` never touches widgets, its result comes back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal


class Task(QThread):
    """Runs ``fn`` in a thread; ``succeeded`` or ``failed`` is delivered to the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # noqa: BLE001 - every failure is handed to the one place that reports it
            self.failed.emit(error)
            return
        self.succeeded.emit(result)


def release_when_finished(thread: QThread, keep: set[Any], receiver: QObject) -> None:
    """Hold ``thread`` in ``keep`` until it has ended, then delete it, on ``receiver``'s (the UI) thread.

    QThread.finished is emitted from the ending thread itself; deleting the QThread from there, or before it has
    quite ended, crashes. So the clean-up is posted to the UI thread, which waits for the thread first.
    """
    keep.add(thread)

    def release() -> None:
        thread.wait()
        keep.discard(thread)
        thread.deleteLater()

    thread.finished.connect(lambda: QTimer.singleShot(0, receiver, release))
    if thread.isFinished():
        QTimer.singleShot(0, receiver, release)


def run_in_background(parent: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None], running: set[Task]) -> Task:
    """Start ``fn`` in the background; ``running`` holds the task until it has finished, then it is deleted."""
    task = Task(fn)
    task.succeeded.connect(on_done)
    task.failed.connect(on_error)
    task.start()
    release_when_finished(task, running, parent)
    return task
