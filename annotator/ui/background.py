"""Work off the UI thread, and the one place where what fails there is told.

``fn`` never touches widgets; its result comes back on the UI thread. A long operation (import, export, merge,
carry-over, the letter) runs a service function through :func:`run_operation`: the function gets a progress
callback that reports to the UI thread (a progress dialog with Cancel) and raises ``Cancelled`` once the reviewer
has cancelled. What fails goes to :class:`Failures`: an error the reviewer can act on becomes a message in the
window's message bar; anything else is a bug, logged with its traceback to a file in the user data folder and shown
with that file's path.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator import __version__
from annotator.ui.i18n import Translator

# A log past this size is moved aside (one old copy is kept), so that it never grows without bound.
LOG_LIMIT_BYTES = 1 << 20

Progress = Callable[[int, int], None]


class Task(QThread):
    """Runs ``fn`` in a thread; ``succeeded``, ``failed`` or ``cancelled`` is delivered to the UI thread.

    With ``with_progress``, ``fn`` is called with a progress callback ``progress(done, total)``: each call is
    reported as ``progressed`` and raises ``Cancelled`` once :meth:`cancel` was called.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progressed = Signal(int, int)

    def __init__(self, fn: Callable[..., Any], parent: QObject | None = None, *, with_progress: bool = False) -> None:
        super().__init__(parent)
        self._fn = fn
        self._with_progress = with_progress
        self._cancel = threading.Event()
        self.dialog: QProgressDialog | None = None  # the progress dialog of a long operation, if it has one

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report; what it has not stored yet is not stored."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            from annotator.services.errors import Cancelled

            raise Cancelled()
        self.progressed.emit(done, total)

    def run(self) -> None:
        from annotator.services.errors import Cancelled

        try:
            result = self._fn(self._progress) if self._with_progress else self._fn()
        except Cancelled:
            self.cancelled.emit()
            return
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


def wait_for(tasks: set[Any], cancel: bool = False) -> None:
    """Block until every thread in ``tasks`` has ended (a QThread destroyed while it runs aborts the program);
    with ``cancel``, long operations are asked to stop first."""
    for task in list(tasks):
        if shiboken6.isValid(task):
            if cancel and isinstance(task, Task):
                task.cancel()
            task.wait()


def run_in_background(parent: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None], running: set[Task]) -> Task:
    """Start ``fn`` in the background; ``running`` holds the task until it has finished, then it is deleted."""
    task = Task(fn)
    task.succeeded.connect(on_done)
    task.failed.connect(on_error)
    task.start()
    release_when_finished(task, running, parent)
    return task


# --- failures ---------------------------------------------------------------------------------------------------


def log_file() -> Path:
    """The file bugs are written to: ``logs/annotator.log`` in the user data folder (ANNOTATOR_DATA_DIR if set)."""
    from annotator.paths import user_data_dir

    return user_data_dir() / "logs" / "annotator.log"


def log_bug(error: BaseException, context: str = "") -> Path:
    """Append ``error`` with its traceback (and what was being done) to the log file; returns the file."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > LOG_LIMIT_BYTES:
        path.replace(path.with_suffix(".log.1"))
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    heading = f"{stamp} annotator {__version__}" + (f": {context}" if context else "")
    with path.open("a", encoding="utf-8") as stream:
        stream.write(f"{heading}\n{details}\n")
    return path


def _name(error: BaseException) -> str:
    path = getattr(error, "path", None)
    return Path(path).name if path else ""


def describe(tr: Translator, error: BaseException) -> str:
    """A reviewer's error as a sentence in the window's language (the error's own text where no better is known)."""
    from annotator.services.errors import (
        ConnectionLostError,
        CorruptDatabaseError,
        DamagedPdfError,
        DatabaseLockedError,
        EmptyPdfError,
        NewerSchemaError,
        NotAPdfError,
        PasswordRequiredError,
    )

    if isinstance(error, PasswordRequiredError):
        return (tr("The password does not open {name}.", name=_name(error)) if error.wrong_password else
                tr("{name} is protected with a password; open it with its password first.", name=_name(error)))
    if isinstance(error, NotAPdfError):
        return tr("{name} is not a PDF.", name=_name(error))
    if isinstance(error, EmptyPdfError):
        return tr("{name} is a PDF without any pages.", name=_name(error))
    if isinstance(error, DamagedPdfError):
        return tr("{name} is a damaged PDF that cannot be read.", name=_name(error))
    if isinstance(error, DatabaseLockedError):
        return tr("The annotation database is in use by another program; try again in a moment.")
    if isinstance(error, ConnectionLostError):
        return tr("The annotation database cannot be reached right now; try again later.")
    if isinstance(error, NewerSchemaError):
        return tr("The annotation database was made by a newer version of annotator; update annotator to use it.")
    if isinstance(error, CorruptDatabaseError):
        return tr("The annotation database is damaged or is no annotation database: {reason}", reason=error)
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    return str(error).strip() or type(error).__name__


class Failures:
    """The one place failures of background work are told: a reviewer's error in the message bar, a bug in the log
    (with its traceback) and in the message bar with the log's path."""

    def __init__(self, tr: Translator, show: Callable[[str], None]) -> None:
        self.tr_ = tr
        self._show = show

    def report(self, error: BaseException, frame: Callable[[str], str] | None = None, context: str = "") -> str:
        """Show what went wrong; ``frame`` puts a reviewer's error in words of the operation ("{name} was not
        imported: …"). Returns the text shown."""
        from annotator.services.errors import is_user_error

        if is_user_error(error):
            reason = describe(self.tr_, error)
            text = frame(reason) if frame is not None else reason
        else:
            summary = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            try:
                where = str(log_bug(error, context))
            except OSError as log_error:  # the log cannot be written either: say so rather than lose the message
                where = f"{log_file()} ({log_error.strerror or log_error})"
            text = self.tr_("Something went wrong: {error}. The details are in {path}.", error=summary, path=where)
        self._show(text)
        return text


# --- long operations --------------------------------------------------------------------------------------------


def run_operation(parent: QWidget, work: Callable[[Progress], Any], *, failures: Failures,
                  on_done: Callable[[Any], None], running: set[Task],
                  frame: Callable[[str], str] | None = None, context: str = "",
                  progress_label: str | None = None, title: str = "", object_name: str = "operation-progress",
                  on_cancelled: Callable[[], None] | None = None,
                  on_end: Callable[[], None] | None = None) -> Task:
    """Run ``work(progress)`` in a thread: its result goes to ``on_done``, a failure to ``failures`` (framed by
    ``frame``), a cancellation to ``on_cancelled``; ``on_end`` runs after any of them, on the UI thread.

    With ``progress_label`` a progress dialog (shown once the work takes longer than a moment) follows the
    progress reports, and its Cancel button cancels the work.
    """
    task = Task(work, with_progress=True)
    dialog: QProgressDialog | None = None
    if progress_label is not None:
        dialog = QProgressDialog(progress_label, failures.tr_("Cancel"), 0, 0, parent)
        dialog.setObjectName(object_name)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(300)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(task.cancel)

        def advance(done: int, total: int) -> None:
            if dialog is not None and shiboken6.isValid(dialog) and not dialog.wasCanceled():
                dialog.setMaximum(max(total, 1))
                dialog.setValue(min(done, max(total, 1)))

        task.progressed.connect(advance)
    task.dialog = dialog

    def end() -> None:
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
        if on_end is not None:
            on_end()

    def succeeded(result: Any) -> None:
        try:
            on_done(result)
        except Exception as error:  # noqa: BLE001 - a bug in showing the outcome is reported like any other
            failures.report(error, frame, context)
        finally:
            end()

    def failed(error: BaseException) -> None:
        try:
            failures.report(error, frame, context)
        finally:
            end()

    def cancelled() -> None:
        try:
            if on_cancelled is not None:
                on_cancelled()
        finally:
            end()

    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    task.cancelled.connect(cancelled)
    task.start()
    release_when_finished(task, running, parent)
    return task
