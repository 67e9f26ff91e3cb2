"""Importing, exporting and carrying over annotations from the window: the services run in a worker thread.

Each operation opens its own connection to the window's database (through the window's factory), reads the open
PDF with the password it was opened with, reports progress to a dialog whose Cancel stops it before anything is
stored, and tells the outcome in the window's language. Failures go to the one place that reports them
(:class:`annotator.ui.background.Failures`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.pdf.service import OpenedPdf
from annotator.ui.background import Failures, Progress, Task, run_operation, wait_for
from annotator.ui.i18n import Translator


class InterchangeActions(QObject):
    """File › Import Annotations…, Import Highlights…, Carry Over… and Export Annotations…"""

    # An import or carry-over stored annotations: the review shows them now, as one step to undo (named here).
    finished_changes = Signal(str)
    ended = Signal(str)  # "done", "failed" or "cancelled", once the operation's message is shown
    carried_over = Signal(object)  # the ReanchorReport of a carry-over, after finished_changes
    # A carry-over found no PDF of the earlier version (its fingerprint, its name): the window asks for it.
    version_file_wanted = Signal(str, str)

    def __init__(self, tr: Translator, parent: QWidget, open_database: Callable[[], Any],
                 document: Callable[[], OpenedPdf | None], author: Callable[[], str],
                 report: Callable[[str, bool], None]) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self._parent = parent
        self._open_database = open_database
        self._document = document
        self._author = author
        self._report = report
        self.failures = Failures(tr, lambda text: report(text, True))
        self.task: Task | None = None
        self._running: set[Task] = set()

    # --- the operations ---------------------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> Task | None:
        """Ask for a JSON-LD file (unless given) and import it into the open document's review; a PDF given here
        has its highlights imported."""
        opened = self._ready()
        if opened is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self._parent, self.tr_("Import annotations"),
                                                    str(opened.path.parent),
                                                    self.tr_("Web annotations (*.jsonld *.json);;All files (*)"))
            if not chosen:
                return None
            path = Path(chosen)
        if path.suffix.lower() == ".pdf":
            return self._import_highlights(path, opened)
        source, pdf, password, author = path, opened.path, opened.password, self._author()
        open_database = self._open_database

        def work(progress: Progress) -> Any:
            from annotator.services.interchange import import_w3c, read_w3c_file

            data = read_w3c_file(source)
            db = open_database()
            try:
                return import_w3c(db, pdf, data, author_fallback=author, password=password, progress=progress)
            finally:
                db.close()

        return self._run(
            work, self._imported_w3c(source.name),
            frame=lambda reason: self.tr_("{name} was not imported: {reason}", name=source.name, reason=reason),
            cancelled=self.tr_("The import of {name} was cancelled; nothing was imported.", name=source.name),
            label=self.tr_("Importing {name}…", name=source.name), title=self.tr_("Import annotations"),
            context=f"importing {source} onto {pdf}", object_name="import-progress")

    def import_pdf_highlights(self) -> Task | None:
        """Turn the highlights and notes made in another PDF reader into annotations of the open document."""
        opened = self._ready()
        return self._import_highlights(opened.path, opened) if opened is not None else None

    def _import_highlights(self, pdf: Path, opened: OpenedPdf) -> Task | None:
        # The password opens the document in the window; another PDF chosen here is expected to open without one.
        password = opened.password if pdf == opened.path else None
        author, open_database = self._author(), self._open_database

        def work(progress: Progress) -> Any:
            from annotator.services.pdf_export import import_pdf_highlights

            db = open_database()
            try:
                return import_pdf_highlights(db, pdf, author_fallback=author, password=password, progress=progress)
            finally:
                db.close()

        def done(report: Any) -> None:
            self._report(self.tr_("Imported the highlights of {name}: {added} added, {skipped} already in the "
                                  "database.", name=pdf.name, added=report.added, skipped=report.skipped_existing),
                         False)
            self.finished_changes.emit(self.tr_("Import highlights"))

        return self._run(
            work, done,
            frame=lambda reason: self.tr_("{name} was not imported: {reason}", name=pdf.name, reason=reason),
            cancelled=self.tr_("The import of {name} was cancelled; nothing was imported.", name=pdf.name),
            label=self.tr_("Importing {name}…", name=pdf.name), title=self.tr_("Import annotations"),
            context=f"importing the highlights of {pdf}", object_name="import-progress")

    def carry_over(self, old_fingerprint: str, places: Sequence[Path] = (), old_pdf: Path | None = None,
                   search: bool = False) -> Task | None:
        """Place the annotations of an earlier version (known to the database) in the open document.

        With the earlier version's PDF both texts are aligned word by word: it is ``old_pdf`` when given, else looked
        for among ``places`` (the files opened lately) and beside them. When it is not found, nothing is carried and
        version_file_wanted asks the window to have the reviewer point to it, or to carry over by searching for
        each passage (``search``)."""
        opened = self._ready()
        if opened is None:
            return None
        pdf, password, open_database = opened.path, opened.password, self._open_database
        looked_in = [*places, pdf]

        def work(progress: Progress) -> Any:
            from annotator.services.carry_review import document_record, find_version_file, is_version_file
            from annotator.services.reanchor import reanchor

            db = open_database()
            try:
                recorded = document_record(db, old_fingerprint)
                name = str(recorded.get("file_name") or recorded.get("title") or old_fingerprint[:12])
                source: Path | str = old_fingerprint
                if old_pdf is not None:
                    if not is_version_file(old_pdf, old_fingerprint):
                        return _NotThatFile(old_fingerprint, name, old_pdf)
                    source = old_pdf
                elif not search:
                    found = find_version_file(old_fingerprint, str(recorded.get("file_name") or ""), looked_in)
                    if found is None:
                        return _NoFile(old_fingerprint, name)
                    source = found
                return reanchor(db, source, pdf, progress, password=password)
            finally:
                db.close()

        def done(report: Any) -> None:
            if isinstance(report, _NotThatFile):
                self._report(self.tr_("{file} is not {name}: its content differs. Nothing was carried over.",
                                      file=report.path.name, name=report.name), True)
                self.version_file_wanted.emit(report.fingerprint, report.name)
                return
            if isinstance(report, _NoFile):
                self.version_file_wanted.emit(report.fingerprint, report.name)
                return
            how = (self.tr_("Both versions were aligned word by word.") if report.aligned else
                   self.tr_("Each passage was searched for by its words (without the earlier version's PDF)."))
            self._report(self.tr_("Annotations carried over: {exact} with the same words, {fuzzy} with changed words "
                                  "(to check), {ambiguous} placed with doubt, {orphaned} not found (kept, marked as "
                                  "not found), {skipped} carried over before.",
                                  exact=report.exact, fuzzy=report.fuzzy, ambiguous=report.ambiguous,
                                  orphaned=report.orphaned, skipped=report.skipped_existing) + " " + how, False)
            self.finished_changes.emit(self.tr_("Carry over annotations"))
            self.carried_over.emit(report)

        return self._run(
            work, done,
            frame=lambda reason: self.tr_("The annotations could not be carried over: {reason}", reason=reason),
            cancelled=self.tr_("Carrying over was cancelled; nothing was changed."),
            label=self.tr_("Carrying over the annotations to {name}…", name=pdf.name),
            title=self.tr_("Carry over annotations"), context=f"carrying {old_fingerprint} over to {pdf}",
            object_name="carry-over-progress")

    def export_file(self, path: Path | None = None, file_format: str | None = None) -> Task | None:
        """Ask where to save (unless given) and export the open document's annotations as JSON-LD or CSV."""
        opened = self._ready()
        if opened is None:
            return None
        if path is None:
            jsonld, csv = self.tr_("Web annotations (*.jsonld)"), self.tr_("Spreadsheet (*.csv)")
            chosen, kind = QFileDialog.getSaveFileName(self._parent, self.tr_("Export annotations"),
                                                       str(opened.path.with_suffix(".jsonld")), f"{jsonld};;{csv}")
            if not chosen:
                return None
            path = Path(chosen)
            file_format = "csv" if kind == csv or path.suffix.lower() == ".csv" else "jsonld"
        out, pdf, password, open_database = path, opened.path, opened.password, self._open_database
        kind = file_format or "jsonld"

        def work(progress: Progress) -> Any:
            from annotator.services.interchange import export_annotations

            db = open_database()
            try:
                return export_annotations(db, pdf, out, kind, password=password, progress=progress)
            finally:
                db.close()

        def done(report: Any) -> None:
            self._report(self.tr_("Exported %n annotation(s) to {path}", None, n=report.count, path=report.path),
                         False)

        return self._run(
            work, done,
            frame=lambda reason: self.tr_("The export failed: {reason}", reason=reason),
            cancelled=self.tr_("The export was cancelled; no file was written."),
            label=self.tr_("Exporting to {name}…", name=out.name), title=self.tr_("Export annotations"),
            context=f"exporting {pdf} as {kind} to {out}", object_name="export-progress")

    # --- outcomes ---------------------------------------------------------------------------------

    def _imported_w3c(self, name: str) -> Callable[[Any], None]:
        def done(report: Any) -> None:
            text = self.tr_("Imported {name}: {anchored} placed, {ambiguous} placed with doubt, {orphaned} not found "
                            "in the document (kept), {skipped} already in the database.", name=name,
                            anchored=report.anchored, ambiguous=report.ambiguous, orphaned=report.orphaned,
                            skipped=report.skipped_existing)
            if report.themes_created:
                text += " " + self.tr_("New themes: {titles}.", titles=", ".join(report.themes_created))
            if report.other_source:
                text += " " + self.tr_("%n were made on another version of the PDF and were placed by their quotes.",
                                       None, n=report.other_source)
            self._report(text, False)
            self.finished_changes.emit(self.tr_("Import annotations"))

        return done

    # --- running ----------------------------------------------------------------------------------

    def _ready(self) -> OpenedPdf | None:
        """The open document, when no other operation is running (one at a time: each reads the PDF)."""
        opened = self._document()
        if opened is None:
            return None
        if self.task is not None:
            self._report(self.tr_("Wait until the running import or export has finished."), False)
            return None
        return opened

    def _run(self, work: Callable[[Progress], Any], done: Callable[[Any], None], *, frame: Callable[[str], str],
             cancelled: str, label: str, title: str, context: str, object_name: str) -> Task:
        outcome = {"value": "failed"}

        def succeeded(result: Any) -> None:
            outcome["value"] = "done"
            done(result)

        def was_cancelled() -> None:
            outcome["value"] = "cancelled"
            self._report(cancelled, False)

        def ended() -> None:
            self.task = None
            self.ended.emit(outcome["value"])

        self.task = run_operation(self._parent, work, failures=self.failures, on_done=succeeded,
                                  running=self._running, frame=frame, context=context, progress_label=label,
                                  title=title, object_name=object_name, on_cancelled=was_cancelled, on_end=ended)
        return self.task

    def shutdown(self) -> None:
        """Cancel what is running and wait for it (the window is closing)."""
        wait_for(self._running, cancel=True)


@dataclass(frozen=True)
class _NoFile:
    """A carry-over that found no PDF of the earlier version, and carried nothing."""

    fingerprint: str
    name: str


@dataclass(frozen=True)
class _NotThatFile:
    """The file the reviewer pointed to is not the earlier version."""

    fingerprint: str
    name: str
    path: Path

