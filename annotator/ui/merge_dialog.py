"""File › Merge…: take in a colleague's database; where both changed the same annotation, the reviewer chooses."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
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

from annotator.ui.background import Task, run_in_background
from annotator.ui.i18n import Translator
from annotator.ui.palette import judgment_name

_CHOICES = (("theirs", "Keep theirs"), ("ours", "Keep mine"), ("both", "Keep both"))


def _describe(annotation: Any, language: str) -> str:
    judgment = judgment_name(annotation.judgment, language) or "–"
    comment = " ".join(annotation.comment.split())[:80]
    when = annotation.modified.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{judgment} · {annotation.author} · {when}" + (f"\n{comment}" if comment else "")


class ConflictDialog(QDialog):
    """One row per annotation both sides changed: the quote, both versions, and what to keep."""

    def __init__(self, tr: Translator, conflicts: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict-dialog")
        self.setWindowTitle(tr("Changed on Both Sides"))
        self.resize(900, 420)
        intro = QLabel(tr("You and your colleague both changed these annotations since you last merged. Choose "
                          "for each which version to keep; “both” keeps yours and adds theirs as a copy."))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(conflicts), 4)
        self.table.setHorizontalHeaderLabels([tr("Quote"), tr("Mine"), tr("Theirs"), tr("Keep")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
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
            newer = conflict.theirs.modified > conflict.ours.modified
            choice.setCurrentIndex(0 if newer else 1)
            self.table.setCellWidget(row, 3, choice)
            self.choices.append(choice)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Merge"))
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
    """Looks for conflicts on a scratch copy of our database, asks about them, then merges for real."""

    finished = Signal(object)  # MergeSummary, or the error

    def __init__(self, tr: Translator, parent: QWidget, database: Callable[[], object | None],
                 report: Callable[[str, bool], None], merged: Callable[[], None]) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self._parent = parent
        self._database = database
        self._report = report
        self._merged = merged
        self._tasks: set[Task] = set()
        self.dialog: ConflictDialog | None = None

    def choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self._parent, self.tr_("Merge a colleague's annotations"), "",
                                                self.tr_("Annotation databases (*.sqlite *.db);;All files (*)"))
        if chosen:
            self.start(Path(chosen))

    def start(self, other: Path) -> Task | None:
        """Find the conflicts first (without touching our database)."""
        db = self._database()
        if db is None:
            return None
        return run_in_background(self, lambda: _trial_conflicts(db, other),
                                 lambda conflicts: self._ask(db, other, conflicts), self._failed, self._tasks)

    def _ask(self, db: object, other: Path, conflicts: list[Any]) -> None:
        if not conflicts:
            self._merge(db, other, {})
            return
        dialog = ConflictDialog(self.tr_, conflicts, self._parent)
        dialog.accepted.connect(lambda: self._merge(db, other, dialog.decisions()))
        dialog.rejected.connect(lambda: self.finished.emit(None))
        dialog.open()
        self.dialog = dialog

    def _merge(self, db: object, other: Path, decisions: dict[str, str]) -> None:
        from annotator.services.merge import Resolution, merge, newer_wins

        def resolve(conflict: Any) -> Any:
            choice = decisions.get(conflict.ours.id)
            return Resolution(choice) if choice else newer_wins(conflict)

        run_in_background(self, lambda: merge(db, other, resolve=resolve), self._done, self._failed,  # type: ignore[arg-type]
                          self._tasks)

    def _done(self, summary: Any) -> None:
        self._merged()
        self._report(self.tr_("Merged {name}: {added} added, {updated} updated, {deleted} deleted, {conflicts} "
                              "changed on both sides.", name=summary.source.name, added=summary.added,
                              updated=summary.updated, deleted=summary.deleted, conflicts=len(summary.conflicts)),
                     False)
        self.finished.emit(summary)

    def _failed(self, error: BaseException) -> None:
        self._report(str(error), True)
        self.finished.emit(error)

    def wait(self) -> None:
        for task in list(self._tasks):
            if shiboken6.isValid(task):
                task.wait()


def _trial_conflicts(db: Any, other: Path) -> list[Any]:
    """The conflicts a merge would meet, found by merging into a scratch copy of our SQLite file.

    A server database cannot be copied like that; there the merge keeps the newer version of each conflict and
    lists them in its summary.
    """
    from annotator.services.merge import merge, newer_wins
    from annotator.store.database import Database

    if db.path is None:
        return []
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "trial.sqlite"
        with sqlite3.connect(db.path) as source, sqlite3.connect(scratch) as target:
            source.backup(target)
        trial = Database.open(f"sqlite:///{scratch}", backup_dir=Path(folder))
        try:
            return list(merge(trial, other, resolve=newer_wins).conflicts)
        finally:
            trial.close()
