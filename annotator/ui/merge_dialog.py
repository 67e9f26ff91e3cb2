"""File › Merge…: take in a colleague's database; where both changed the same annotation, the reviewer chooses.

The planning and the merge are services (annotator.services.merge) run in the background: the plan is a merge in a
transaction that is rolled back, so it works on a local file and on the team's server alike; this module only shows
the plan and sends the choices back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.background import Failures, Progress, Task, run_operation, wait_for
from annotator.ui.i18n import Translator, translatable
from annotator.ui.palette import judgment_name

_CHOICES = (("theirs", translatable("Keep theirs")), ("ours", translatable("Keep mine")),
            ("both", translatable("Keep both")))


def _describe(annotation: Any, language: str) -> str:
    judgment = judgment_name(annotation.judgment, language) or "–"
    comment = " ".join(annotation.comment.split())[:80]
    when = annotation.modified.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{judgment} · {annotation.author} · {when}" + (f"\n{comment}" if comment else "")


class ConflictDialog(QDialog):
    """One row per annotation both sides changed: the quote, both versions, and what to keep."""

    def __init__(self, tr: Translator, plan: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict-dialog")
        self.setWindowTitle(tr("Changed on Both Sides"))
        self.resize(900, 420)
        conflicts = plan.conflicts
        intro = QLabel(tr("From {name}: {added} new, {updated} changed and {deleted} deleted annotations come in.",
                          name=plan.source.name, added=plan.added, updated=plan.updated, deleted=plan.deleted)
                       + "\n" + tr("You and your colleague both changed these annotations since you last merged. "
                                    "Choose for each which version to keep; “both” keeps yours and adds theirs as a "
                                    "copy."))
        intro.setObjectName("merge-intro")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(conflicts), 4)
        self.table.setHorizontalHeaderLabels([tr("Quote"), tr("Mine"), tr("Theirs"), tr("Keep")])
        header = self.table.horizontalHeader()
        for column in range(3):  # the quote and both versions share the width; the choice takes what it needs
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self._ids: list[str] = []
        self.choices: list[QComboBox] = []
        for row, conflict in enumerate(conflicts):
            self._ids.append(conflict.ours.id)
            self.table.setItem(row, 0, QTableWidgetItem(" ".join(conflict.ours.quote.split())[:140]))
            self.table.setItem(row, 1, QTableWidgetItem(_describe(conflict.ours, tr.language)))
            self.table.setItem(row, 2, QTableWidgetItem(_describe(conflict.theirs, tr.language)))
            choice = QComboBox()
            for value, label in _CHOICES:
                choice.addItem(tr(label), value)
            choice.setCurrentIndex(max(0, choice.findData(str(conflict.kept or "ours"))))  # the newer one
            self.table.setCellWidget(row, 3, choice)
            self.choices.append(choice)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Merge"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def decisions(self) -> dict[str, str]:
        """Annotation id to "theirs", "ours" or "both"."""
        return {id: str(choice.currentData()) for id, choice in zip(self._ids, self.choices)}


class MergeRunner(QObject):
    """Plans the merge, asks about what both sides changed, then merges for real; both in the background."""

    finished = Signal(object)  # the MergeSummary, or None when nothing was merged (refused, failed, declined)

    def __init__(self, tr: Translator, parent: QWidget, open_database: Callable[[], Any],
                 report: Callable[[str, bool], None], merged: Callable[[], None]) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self._parent = parent
        self._open_database = open_database
        self._report = report
        self._merged = merged
        self.failures = Failures(tr, lambda text: report(text, True))
        self._tasks: set[Task] = set()
        self.dialog: ConflictDialog | None = None

    def choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self._parent, self.tr_("Merge a colleague's annotations"), "",
                                                self.tr_("Annotation databases (*.sqlite *.db);;All files (*)"))
        if chosen:
            self.start(Path(chosen))

    def start(self, other: Path) -> Task:
        """Find what the merge would do (our database is left as it was), then ask about the conflicts."""
        open_database = self._open_database

        def plan(progress: Progress) -> Any:
            from annotator.services.merge import plan_merge

            db = open_database()
            try:
                return plan_merge(db, other, progress=progress)
            finally:
                db.close()

        return self._run(plan, self._ask, other, self.tr_("Reading {name}…", name=other.name),
                         f"planning the merge of {other}")

    def _ask(self, plan: Any) -> None:
        other = plan.source
        if not plan.conflicts:
            self._merge(other, {})
            return
        dialog = ConflictDialog(self.tr_, plan, self._parent)
        dialog.accepted.connect(lambda: self._merge(other, dialog.decisions()))
        dialog.rejected.connect(self._declined)
        dialog.open()
        self.dialog = dialog

    def _declined(self) -> None:
        self._report(self.tr_("Nothing was merged."), False)
        self.finished.emit(None)

    def _merge(self, other: Path, decisions: dict[str, str]) -> None:
        open_database = self._open_database

        def apply(progress: Progress) -> Any:
            from annotator.services.merge import apply_merge

            db = open_database()
            try:
                return apply_merge(db, other, decisions, progress=progress)
            finally:
                db.close()

        self._run(apply, self._done, other, self.tr_("Merging {name}…", name=other.name), f"merging {other}")

    def _run(self, work: Callable[[Progress], Any], done: Callable[[Any], None], other: Path, label: str,
             context: str) -> Task:
        outcome: dict[str, bool] = {"ended": False}

        def succeeded(result: Any) -> None:
            outcome["ended"] = True
            done(result)

        def ended() -> None:
            if not outcome["ended"]:  # failed or cancelled: nothing was merged
                self.finished.emit(None)

        return run_operation(
            self._parent, work, failures=self.failures, on_done=succeeded, running=self._tasks,
            frame=lambda reason: self.tr_("{name} was not merged: {reason}", name=other.name, reason=reason),
            context=context, progress_label=label, title=self.tr_("Merge a colleague's annotations"),
            object_name="merge-progress", on_cancelled=lambda: self._report(self.tr_("Nothing was merged."), False),
            on_end=ended)

    def _done(self, summary: Any) -> None:
        self._merged()
        self._report(self.tr_("Merged {name}: {added} added, {updated} updated, {deleted} deleted, {conflicts} "
                              "changed on both sides.", name=summary.source.name, added=summary.added,
                              updated=summary.updated, deleted=summary.deleted, conflicts=len(summary.conflicts)),
                     False)
        self.finished.emit(summary)

    def wait(self) -> None:
        """Cancel what is running and wait for it (the window is closing)."""
        wait_for(self._tasks, cancel=True)
