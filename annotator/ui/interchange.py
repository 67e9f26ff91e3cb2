"""Importing and exporting annotations from the window, through the command line in a separate process.

The import reads every page of the PDF and places each quote; running it as ``annotator import`` in its own process
keeps the window responsive, lets the reviewer cancel at any moment (the database keeps nothing of a cancelled
import), and uses exactly the code the command line uses.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from annotator.ui.i18n import Translator


class CommandRun(QObject):
    """One ``annotator SUBCOMMAND ...`` in a child process, with progress lines and its outcome."""

    progressed = Signal(int, int)
    finished = Signal(bool, str)  # succeeded, what it printed (or the error line)

    def __init__(self, arguments: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process = QProcess(self)
        self.process.setProgram(sys.executable)
        self.process.setArguments(["-m", "annotator", *arguments])
        self.process.readyReadStandardError.connect(self._read_errors)
        self.process.finished.connect(self._done)
        self.process.errorOccurred.connect(self._failed_to_start)
        self._errors: list[str] = []
        self._cancelled = False

    def start(self) -> None:
        self.process.start()

    def cancel(self) -> None:
        self._cancelled = True
        self.process.kill()

    def _read_errors(self) -> None:
        for raw in bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace").splitlines():
            parts = raw.split()
            if len(parts) == 3 and parts[0] == "progress" and parts[1].isdigit() and parts[2].isdigit():
                self.progressed.emit(int(parts[1]), int(parts[2]))
            elif raw.strip():
                self._errors.append(raw.strip())

    def _done(self, code: int, _status: QProcess.ExitStatus) -> None:
        self._read_errors()
        output = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace").strip()
        if self._cancelled:
            self.finished.emit(False, "")
            return
        errors = [line.removeprefix("error: ") for line in self._errors if line.startswith("error:")]
        self.finished.emit(code == 0, output if code == 0 else (errors[-1] if errors else "\n".join(self._errors)))

    def _failed_to_start(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.finished.emit(False, self.process.errorString())


class InterchangeActions(QObject):
    """File › Import Annotations… and File › Export Annotations…"""

    def __init__(self, tr: Translator, parent: QWidget, database_url: Callable[[], str],
                 document: Callable[[], Path | None], author: Callable[[], str],
                 report: Callable[[str, bool], None], imported: Callable[[], None]) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self._parent = parent
        self._database_url = database_url
        self._document = document
        self._author = author
        self._report = report
        self._imported = imported
        self.run: CommandRun | None = None
        self.progress: QProgressDialog | None = None

    def import_file(self, path: Path | None = None) -> CommandRun | None:
        """Ask for a JSON-LD file (unless given) and import it into the open document's review."""
        pdf = self._document()
        if pdf is None or self.run is not None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self._parent, self.tr_("Import annotations"), str(pdf.parent),
                                                    self.tr_("Web annotations (*.jsonld *.json);;All files (*)"))
            if not chosen:
                return None
            path = Path(chosen)
        arguments = ["import", str(path), "--db", self._database_url(), "--author", self._author()]
        if path.suffix.lower() != ".pdf":
            arguments += ["--pdf", str(pdf), "--progress"]
        run = CommandRun(arguments, self)
        progress = QProgressDialog(self.tr_("Importing {name}…", name=path.name), self.tr_("Cancel"), 0, 0,
                                   self._parent)
        progress.setObjectName("import-progress")
        progress.setWindowTitle(self.tr_("Import annotations"))
        progress.setMinimumDuration(300)
        progress.canceled.connect(run.cancel)

        def advance(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        run.progressed.connect(advance)
        run.finished.connect(lambda ok, text: self._import_finished(path, ok, text))
        self.run, self.progress = run, progress
        run.start()
        return run

    def _import_finished(self, path: Path, ok: bool, text: str) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
        self.run, self.progress = None, None
        if ok:
            self._imported()
            self._report(self.tr_("Imported {name}: {summary}", name=path.name,
                                  summary="; ".join(text.splitlines())), False)
        elif text:
            self._report(self.tr_("{name} was not imported: {reason}", name=path.name, reason=text), True)

    def import_pdf_highlights(self) -> CommandRun | None:
        """Turn the highlights and notes made in another PDF reader into annotations of the open document."""
        pdf = self._document()
        return self.import_file(pdf) if pdf is not None else None

    def carry_over(self, old_fingerprint: str) -> CommandRun | None:
        """Place the annotations of an earlier version (known to the database) in the open document."""
        pdf = self._document()
        if pdf is None or self.run is not None:
            return None
        run = CommandRun(["reanchor", "--from-document", old_fingerprint, "--to", str(pdf),
                          "--db", self._database_url()], self)
        run.finished.connect(self._carried_over)
        self.run = run
        run.start()
        return run

    def _carried_over(self, ok: bool, text: str) -> None:
        self.run = None
        if ok:
            self._imported()
            self._report(self.tr_("Annotations carried over: {summary}", summary="; ".join(text.splitlines()[:2])),
                         False)
        elif text:
            self._report(self.tr_("The annotations could not be carried over: {reason}", reason=text), True)

    def export_file(self, path: Path | None = None, file_format: str | None = None) -> CommandRun | None:
        """Ask where to save (unless given) and export the open document's annotations as JSON-LD or CSV."""
        pdf = self._document()
        if pdf is None or self.run is not None:
            return None
        if path is None:
            jsonld, csv = self.tr_("Web annotations (*.jsonld)"), self.tr_("Spreadsheet (*.csv)")
            chosen, kind = QFileDialog.getSaveFileName(self._parent, self.tr_("Export annotations"),
                                                       str(pdf.with_suffix(".jsonld")), f"{jsonld};;{csv}")
            if not chosen:
                return None
            path = Path(chosen)
            file_format = "csv" if kind == csv or path.suffix.lower() == ".csv" else "jsonld"
        run = CommandRun(["export", "--pdf", str(pdf), "--format", file_format or "jsonld", "--out", str(path),
                          "--db", self._database_url()], self)
        run.finished.connect(lambda ok, text: self._export_finished(path, ok, text))
        self.run = run
        run.start()
        return run

    def _export_finished(self, path: Path, ok: bool, text: str) -> None:
        self.run = None
        if ok:
            self._report(self.tr_("Exported to {path}", path=path), False)
        elif text:
            self._report(self.tr_("The export failed: {reason}", reason=text), True)
