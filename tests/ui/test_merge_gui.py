"""Merging a colleague's database from the File menu: the plan shows what both changed, the reviewer chooses, the
merge keeps that; on the local file and on the team's PostgreSQL server alike."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from annotator.domain.model import Annotation, Judgment, new_id
from annotator.paths import sample_agreement
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui.main_window import MainWindow
from ui_support import drag, open_and_wait, phrase_points, press_key, shown_window, window  # noqa: F401 (fixture)

PG_URL = os.environ.get("ANNOTATOR_TEST_PG_URL", "")
_TABLES = "carried, annotation_refs, annotations, themes, reviewers, documents, letter_settings, alembic_version"
PHRASE = "grootschalige opvang van minderjarigen"


@pytest.fixture
def pg_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """An English window whose annotations are kept on the PostgreSQL server of ANNOTATOR_TEST_PG_URL."""
    if not PG_URL:
        pytest.skip("set ANNOTATOR_TEST_PG_URL to merge into a PostgreSQL database from the window")
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP TABLE IF EXISTS {_TABLES} CASCADE"))
    engine.dispose()
    with shown_window(qtbot, tmp_path, database_url=PG_URL) as win:
        yield win


def _highlight_and_judge(qtbot, window: MainWindow) -> Annotation:  # type: ignore[no-untyped-def]
    """Open the sample, select the phrase with the mouse, press H, then 4 (serious concern)."""
    open_and_wait(qtbot, window, sample_agreement())
    qtbot.waitUntil(lambda: window.review.review is not None, timeout=15000)
    start, end = phrase_points(qtbot, window, 4, PHRASE)
    drag(window.view, start, end)
    press_key(qtbot, window, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(window.review.review.annotations) == 1, timeout=10000)
    press_key(qtbot, window, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: window.review.idle and next(iter(window.review.review.annotations.values())).judgment
                    is Judgment.SERIOUS_CONCERN, timeout=10000)
    return next(iter(window.review.review.annotations.values()))


def _colleague(path: Path, ours: Annotation, document: dict[str, object]) -> Annotation:
    """Jan's database: the same annotation (as both had it), which he then changes, and one of his own."""
    with Database.open(f"sqlite:///{path}") as db:
        repo = Repository(db)
        repo.ensure_document(str(document["fingerprint"]), str(document["title"]), int(document["page_count"]),  # type: ignore[call-overload]
                             list(document["page_labels"]), str(document["file_name"]))  # type: ignore[call-overload]
        repo.reviewer("Jan")
        shared = repo.add(ours)
        repo.save(shared.changed(comment="Jan: dit raakt ook art. 37 IVRK", author="Jan"))
        return repo.add(ours.changed(id=new_id(), comment="Jan's eigen markering", author="Jan"))


def _merge_keeping_mine(qtbot, window: MainWindow, colleague: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                        ) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(colleague), "")))
    window.merge_action.trigger()
    qtbot.waitUntil(lambda: window.merger.dialog is not None and window.merger.dialog.isVisible(), timeout=20000)
    dialog = window.merger.dialog
    intro = dialog.findChild(QLabel, "merge-intro").text()
    assert intro.startswith(f"From {colleague.name}: 1 new, 0 changed and 0 deleted annotations come in.")
    assert dialog.table.rowCount() == 1 and PHRASE in dialog.table.item(0, 0).text()
    assert "Serious concern" in dialog.table.item(0, 1).text()
    assert "Jan" in dialog.table.item(0, 2).text() and "art. 37 IVRK" in dialog.table.item(0, 2).text()
    choice = dialog.choices[0]
    assert choice.currentData() == "theirs"  # the newer one, unless the reviewer chooses
    choice.setFocus()
    qtbot.waitUntil(choice.hasFocus, timeout=3000)
    qtbot.keyClick(choice, Qt.Key.Key_Down)
    assert choice.currentData() == "ours"
    with qtbot.waitSignal(window.merger.finished, timeout=20000) as done:
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    summary = done.args[0]
    assert summary is not None and summary.added == 1 and [c.kept for c in summary.conflicts] == ["ours"]
    assert window.message_bar.text == (f"Merged {colleague.name}: 1 added, 0 updated, 0 deleted, 1 changed on both "
                                       "sides.")
    qtbot.waitUntil(lambda: window.annotation_list.proxy.rowCount() == 2, timeout=5000)


def _check(db: Database, ours: Annotation, theirs_own: Annotation) -> None:
    repo = Repository(db)
    mine = repo.get(ours.id)
    assert mine is not None and mine.judgment is Judgment.SERIOUS_CONCERN and "Jan" not in mine.comment
    assert repo.get(theirs_own.id).comment == "Jan's eigen markering"  # type: ignore[union-attr]


def test_merge_on_the_local_file_keeps_what_the_reviewer_chose(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ours = _highlight_and_judge(qtbot, window)
    with Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}") as db:
        (document,) = Repository(db).documents()
        before = Repository(db).get(ours.id)
    colleague = tmp_path / "jan.sqlite"
    theirs_own = _colleague(colleague, ours.changed(judgment=None, revision=before.revision), document)  # type: ignore[union-attr]
    untouched = colleague.read_bytes()
    _merge_keeping_mine(qtbot, window, colleague, monkeypatch)
    with Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}") as db:
        _check(db, ours, theirs_own)
    assert colleague.read_bytes() == untouched  # the colleague's file is only read
    assert list(tmp_path.glob("review.before-merge-*.sqlite"))  # and ours was backed up first


def test_a_file_that_is_no_database_is_refused_and_nothing_changes(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    open_and_wait(qtbot, window, sample_agreement())
    qtbot.waitUntil(lambda: window.review.review is not None, timeout=15000)
    bogus = tmp_path / "notities.sqlite"
    bogus.write_text("geen database", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(bogus), "")))
    with qtbot.waitSignal(window.merger.finished, timeout=20000) as done:
        window.merge_action.trigger()
    assert done.args == [None] and window.merger.dialog is None
    assert window.message_bar.text.startswith("notities.sqlite was not merged: ")
    assert "Something went wrong" not in window.message_bar.text


@pytest.mark.postgres
def test_merge_into_the_team_server_shows_the_plan_and_keeps_the_choice(qtbot, pg_window: MainWindow,  # type: ignore[no-untyped-def]
                                                                        tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    window = pg_window
    ours = _highlight_and_judge(qtbot, window)
    with Database.open(PG_URL) as db:
        (document,) = Repository(db).documents()
        before = Repository(db).get(ours.id)
    colleague = tmp_path / "jan.sqlite"
    theirs_own = _colleague(colleague, ours.changed(judgment=None, revision=before.revision), document)  # type: ignore[union-attr]
    _merge_keeping_mine(qtbot, window, colleague, monkeypatch)
    with Database.open(PG_URL) as db:
        _check(db, ours, theirs_own)
