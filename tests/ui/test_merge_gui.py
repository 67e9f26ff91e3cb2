"""Merging a colleague's database from the window: the reviewer decides what both sides changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.domain.model import Judgment, new_id
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui.main_window import MainWindow
from ui_support import highlight_phrase, open_review, window  # noqa: F401 (fixture)


def test_merge_asks_about_conflicts_and_takes_the_colleagues_work(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                 agreement_2021: Path, tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    shared = highlight_phrase(qtbot, window, 5, "aandacht voor emotioneel")
    window.review.set_judgment([window.review.review.annotations[shared.id]], Judgment.CONCERN)

    colleague_file = tmp_path / "jan.sqlite"
    with sqlite3.connect(tmp_path / "review.sqlite") as ours, sqlite3.connect(colleague_file) as theirs:
        ours.backup(theirs)
    # Both change the same annotation; the colleague also adds one.
    window.review.set_judgment([window.review.review.annotations[shared.id]], Judgment.VIOLATION)
    colleague = Database.open(f"sqlite:///{colleague_file}")
    repo = Repository(colleague)
    theirs_version = repo.get(shared.id)
    repo.save(theirs_version.changed(comment="Jan: dit raakt ook art. 3 IVRK", author="Jan"))
    added = repo.add(theirs_version.changed(id=new_id(), comment="Jan's eigen markering", author="Jan"))
    colleague.close()
    before = colleague_file.read_bytes()

    window.merger.start(colleague_file)
    qtbot.waitUntil(lambda: window.merger.dialog is not None, timeout=20000)
    dialog = window.merger.dialog
    assert dialog.table.rowCount() == 1
    assert "aandacht voor emotioneel" in dialog.table.item(0, 0).text()
    dialog.choices[0].setCurrentIndex(dialog.choices[0].findData("theirs"))
    with qtbot.waitSignal(window.merger.finished, timeout=20000) as done:
        dialog.accept()
    summary = done.args[0]
    assert summary.added == 1 and len(summary.conflicts) == 1
    qtbot.waitUntil(lambda: added.id in window.review.review.annotations, timeout=10000)
    assert window.review.review.annotations[shared.id].comment == "Jan: dit raakt ook art. 3 IVRK"
    assert "Merged jan.sqlite" in window.message_bar.text
    assert colleague_file.read_bytes() == before  # the colleague's file is only read
