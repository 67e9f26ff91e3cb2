"""Two reviewers, two windows, one team server: writing in the same comment, a delete under an open editor.

Both windows run in this test against the real PostgreSQL server of the test run, driven with mouse and keys.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from annotator.domain.model import Annotation, Judgment
from annotator.paths import sample_agreement
from annotator.ui.main_window import MainWindow
from ui_support import highlight_phrase, open_review, press_key, server_script, settle, shown_window

PG_URL = os.environ.get("ANNOTATOR_TEST_PG_URL", "")
pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not PG_URL, reason="set ANNOTATOR_TEST_PG_URL to test against PostgreSQL")]
PHRASE = "snellere beslissingen"


def _empty_server() -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def _stored(id: str) -> Annotation | None:
    from annotator.store.database import Database
    from annotator.store.repository import Repository

    database = Database.open(PG_URL)
    try:
        return Repository(database).get(id)
    finally:
        database.close()


@pytest.fixture
def team(qtbot, tmp_path: Path) -> Iterator[tuple[MainWindow, MainWindow]]:  # type: ignore[no-untyped-def]
    """Anna's and Bert's windows on the same document in the same team database."""
    _empty_server()
    with ExitStack() as stack:
        windows = []
        for name in ("Anna", "Bert"):
            win = stack.enter_context(shown_window(qtbot, tmp_path, database_url=PG_URL,
                                                   settings_name=f"{name}.ini"))
            win.settings.setValue("reviewer_name", name)
            win.setWindowTitle(name)
            open_review(qtbot, win, sample_agreement())
            windows.append(win)
        yield windows[0], windows[1]


def _select(qtbot, win: MainWindow, annotation: Annotation) -> None:  # type: ignore[no-untyped-def]
    """Click the highlight on the page, as the reviewer does to open it in the editor."""
    qtbot.waitUntil(lambda: win.review.review is not None and annotation.id in win.review.review.annotations,
                    timeout=15000)
    page = annotation.anchor.page
    win.view.go_to_page(page)
    quad = annotation.anchor.quads[0]
    qtbot.waitUntil(lambda: win.view.highlight_at(win.view.view_rect(page, quad).center()) == annotation.id,
                    timeout=10000)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=win.view.view_rect(page, quad).center().toPoint())
    qtbot.waitUntil(lambda: win.editor.annotation is not None and win.editor.annotation.id == annotation.id,
                    timeout=5000)


def _type(qtbot, win: MainWindow, text: str, at_start: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Click into the comment field and type, at its end (or its start)."""
    field = win.editor.comment
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton, pos=field.viewport().rect().center())
    qtbot.waitUntil(field.hasFocus, timeout=3000)
    qtbot.keyClick(field, Qt.Key.Key_Home if at_start else Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def _commented(qtbot, anna: MainWindow, bert: MainWindow, comment: str) -> Annotation:  # type: ignore[no-untyped-def]
    """Anna highlights a passage and comments on it; Bert opens it too."""
    anna.activateWindow()
    annotation = highlight_phrase(qtbot, anna, 3, PHRASE)
    _type(qtbot, anna, comment)
    qtbot.waitUntil(lambda: (_stored(annotation.id) or annotation).comment == comment, timeout=10000)
    _select(qtbot, anna, annotation)
    _select(qtbot, bert, annotation)
    qtbot.waitUntil(lambda: bert.editor.comment.toPlainText() == comment, timeout=10000)
    return annotation


def test_writing_in_different_places_of_one_comment_at_once_keeps_both(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    anna, bert = team
    annotation = _commented(qtbot, anna, bert, "Detentie van kinderen.")
    # Within the same second: Anna adds at the end, Bert at the start.
    _type(qtbot, anna, " A-ADD2")
    _type(qtbot, bert, "B-ADD2 ", at_start=True)
    both = "B-ADD2 Detentie van kinderen. A-ADD2"
    qtbot.waitUntil(lambda: (_stored(annotation.id) or annotation).comment == both, timeout=15000)
    # Both windows show it, in the editor and in the tooltip text the list and page use.
    for win in (anna, bert):
        qtbot.waitUntil(lambda w=win: w.editor.comment.toPlainText() == both, timeout=15000)
        qtbot.waitUntil(lambda w=win: w.review.review.annotations[annotation.id].comment == both, timeout=15000)
    assert bert.review.conflict_dialog is None and anna.review.conflict_dialog is None
    # Bert's words came into Anna's field while her cursor stood at its end: it still does.
    anna.activateWindow()
    qtbot.waitUntil(anna.isActiveWindow, timeout=5000)
    anna.editor.comment.setFocus()
    qtbot.keyClicks(anna.editor.comment, "!")
    assert anna.editor.comment.toPlainText() == both + "!"
    settle(qtbot, anna)
    qtbot.waitUntil(lambda: (_stored(annotation.id) or annotation).comment == both + "!", timeout=15000)
    # Bert undoes his words with Ctrl+Z, the cursor still in the comment: Anna's stay, and the bar says so.
    settle(qtbot, bert)
    qtbot.waitUntil(lambda: bert.editor.comment.toPlainText() == both + "!", timeout=15000)
    bert.activateWindow()
    qtbot.waitUntil(bert.isActiveWindow, timeout=5000)
    bert.editor.comment.setFocus()
    qtbot.keyClick(bert.editor.comment, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (_stored(annotation.id) or annotation).comment == "Detentie van kinderen. A-ADD2!",
                    timeout=15000)
    qtbot.waitUntil(lambda: bert.editor.comment.toPlainText() == "Detentie van kinderen. A-ADD2!", timeout=15000)
    assert "kept what Anna wrote" in bert.message_bar.text


def test_writing_at_the_same_place_shows_both_versions_to_the_later_save(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    anna, bert = team
    annotation = _commented(qtbot, anna, bert, "Detentie van kinderen.")
    _type(qtbot, anna, " Anna: strijdig met art. 37 IVRK.")
    _type(qtbot, bert, " Bert: zorgelijk.")
    qtbot.waitUntil(lambda: anna.review.conflict_dialog is not None or bert.review.conflict_dialog is not None,
                    timeout=15000)
    later, earlier = (bert, anna) if bert.review.conflict_dialog is not None else (anna, bert)
    dialog = later.review.conflict_dialog
    theirs = dialog.findChild(type(later.editor.comment), "comment-theirs").toPlainText()
    mine = dialog.findChild(type(later.editor.comment), "comment-mine").toPlainText()
    assert {theirs, mine} == {"Detentie van kinderen. Anna: strijdig met art. 37 IVRK.",
                              "Detentie van kinderen. Bert: zorgelijk."}
    result = dialog.findChild(type(later.editor.comment), "comment-result")
    assert "Anna: strijdig" in result.toPlainText() and "Bert: zorgelijk" in result.toPlainText()
    # Meanwhile nothing is lost: the database holds the earlier save, the dialog the later one.
    assert (_stored(annotation.id) or annotation).comment == theirs
    # While the dialog is open the colleague writes on, elsewhere in the text: that is kept as well.
    _type(qtbot, earlier, "NB ", at_start=True)
    qtbot.waitUntil(lambda: (_stored(annotation.id) or annotation).comment == "NB " + theirs, timeout=15000)
    dialog.activateWindow()  # back to the dialog, which waits in the later reviewer's window
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    # The reviewer edits the combined text and saves it.
    result.setFocus()
    qtbot.keyClick(result, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(result, " Samen herzien.")
    chosen = result.toPlainText()
    save = dialog.findChild(QPushButton, "edit-conflict-save")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: later.review.conflict_dialog is None, timeout=5000)
    qtbot.waitUntil(lambda: (_stored(annotation.id) or annotation).comment == "NB " + chosen, timeout=15000)
    # The colleague's window shows the result, and says who changed it.
    qtbot.waitUntil(lambda: earlier.editor.comment.toPlainText() == "NB " + chosen, timeout=15000)
    name = later.settings.value("reviewer_name")
    qtbot.waitUntil(lambda: f"{name} changed “{PHRASE}” after you: comment" in earlier.message_bar.text,
                    timeout=15000)
    assert f"by {name}" in earlier.editor.meta.text()
    # The choice is a step of its own: Ctrl+Z in the later window takes out what it added, and keeps "NB".
    settle(qtbot, later)
    press_key(qtbot, later, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (_stored(annotation.id) or annotation).comment == "NB " + theirs, timeout=15000)


@pytest.fixture
def unaware(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither window hears of the other's saves (no notifications), so that both decide at the same moment."""
    monkeypatch.setenv("ANNOTATOR_NOTIFY", "off")


def test_different_judgments_at_once_ask_the_later_save(qtbot, unaware, team) -> None:  # type: ignore[no-untyped-def]
    anna, bert = team
    annotation = _commented(qtbot, anna, bert, "Zie art. 5 EVRM.")
    for win in (anna, bert):
        win.review._refresh_timer.stop()  # noqa: SLF001 - neither sees the other's judgment before saving
    press_key(qtbot, anna, Qt.Key.Key_5)
    settle(qtbot, anna)
    press_key(qtbot, bert, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: bert.review.conflict_dialog is not None, timeout=15000)
    dialog = bert.review.conflict_dialog
    assert (_stored(annotation.id) or annotation).judgment is Judgment.VIOLATION  # Anna's stays until Bert chooses
    keep = dialog.findChild(QPushButton, "edit-conflict-keep")
    assert "Anna" in keep.text()
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bert.review.conflict_dialog is None, timeout=5000)
    settle(qtbot, bert)
    assert (_stored(annotation.id) or annotation).judgment is Judgment.VIOLATION
    assert bert.editor.judgment_buttons.checkedId() == Judgment.VIOLATION.rank
    assert "Anna" in bert.message_bar.text


def test_a_colleague_deleting_what_you_edit_is_said_and_can_be_restored(qtbot, team) -> None:  # type: ignore[no-untyped-def]
    anna, bert = team
    annotation = _commented(qtbot, anna, bert, "Detentie van kinderen.")
    _type(qtbot, bert, " Bert: nog uitzoeken.")
    press_key(qtbot, anna, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _stored(annotation.id) is None, timeout=10000)
    qtbot.waitUntil(lambda: "deleted" in bert.message_bar.text, timeout=15000)
    assert "Anna deleted “snellere beslissingen”" in bert.message_bar.text and bert.editor.annotation is None
    settle(qtbot, bert)
    restore = bert.message_bar.action_button
    assert restore.isVisible() and restore.text() == "Restore"
    # What Bert types on lands nowhere it could do harm (not in the list's filter, not as a judging key).
    assert bert.focusWidget() is restore
    qtbot.keyClicks(bert.focusWidget(), "verder")
    assert bert.workspace.annotation_list.filter_edit.text() == ""
    assert _stored(annotation.id) is None  # (Space or Enter on the button would restore it; letters do nothing)
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _stored(annotation.id) is not None, timeout=10000)
    # It is back with what Bert was typing, in both windows.
    assert _stored(annotation.id).comment == "Detentie van kinderen. Bert: nog uitzoeken."
    qtbot.waitUntil(lambda: annotation.id in anna.review.review.annotations, timeout=15000)
    qtbot.waitUntil(lambda: "Bert restored “snellere beslissingen”" in anna.message_bar.text, timeout=10000)
    assert bert.editor.annotation is not None and bert.editor.annotation.id == annotation.id
    QApplication.processEvents()


# --- the server goes away: edits are kept on disk, through a restart -----------------------------------------------


@pytest.fixture
def own_server() -> Iterator[tuple[str, Callable[[str], str]]]:
    """A PostgreSQL server of this test's own, which the test can pause and resume."""
    import shutil
    import tempfile

    state = Path(tempfile.mkdtemp(prefix="annotator-pg-journal-"))
    if os.geteuid() == 0:
        shutil.chown(state, "postgres")
    port = 54343

    def control(command: str) -> str:
        return server_script(command, state=state / "pg", port=port)

    url = control("start")
    try:
        yield url, control
    finally:
        control("stop")
        shutil.rmtree(state, ignore_errors=True)


def _answer_close_box(qtbot, button: str) -> None:  # type: ignore[no-untyped-def]
    """When the box about unsaved changes comes up, read it and click ``button``, as the reviewer does."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def answer() -> None:
        box = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == "unsaved-on-close" and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(50, answer)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        target = next(b for b in box.buttons() if b.text() == button)
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    return seen  # type: ignore[return-value]


@contextmanager
def _anna_on_her_highlight(qtbot, tmp_path: Path, url: str) -> Iterator[tuple[MainWindow, Annotation]]:  # type: ignore[no-untyped-def]
    """Anna's window on ``url``, with a fresh highlight of hers, saved."""
    with shown_window(qtbot, tmp_path, database_url=url, settings_name="anna.ini") as anna:
        anna.settings.setValue("reviewer_name", "Anna")
        open_review(qtbot, anna, sample_agreement())
        annotation = highlight_phrase(qtbot, anna, 3, PHRASE)
        settle(qtbot, anna)
        yield anna, annotation


def test_edits_made_while_the_server_is_away_survive_closing_the_window(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                         own_server) -> None:
    url, server = own_server
    with _anna_on_her_highlight(qtbot, tmp_path, url) as (anna, annotation):
        server("pause")
        press_key(qtbot, anna, Qt.Key.Key_4)
        qtbot.waitUntil(lambda: anna.review.unsaved == 1, timeout=20000)
        _type(qtbot, anna, "Geschreven zonder server.")
        qtbot.waitUntil(lambda: anna.review.unsaved >= 2, timeout=20000)
        assert "kept on this computer" in anna.message_bar.text
        # The list and the editor show the values that wait, marked as not saved yet.
        model = anna.workspace.annotation_list.model
        row = model.row_of(annotation.id)
        assert model.annotation(row).judgment is Judgment.SERIOUS_CONCERN
        assert model.data(model.index(row, 6)) == "not saved yet"
        assert anna.editor.unsaved.isVisible()
        # Another annotation and back: the typed text is still there.
        anna.review.select(None)
        anna.review.select(annotation.id)
        assert anna.editor.comment.toPlainText() == "Geschreven zonder server."
        journal = anna.review.unsaved_path
        assert journal is not None and Path(journal).exists()
        # Closing says how many and where; the reviewer first keeps the window open, then closes it.
        seen = _answer_close_box(qtbot, "Keep the Window Open")
        anna.close()
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert anna.isVisible() and str(journal) in seen[0] and "2 change" in seen[0]
        seen = _answer_close_box(qtbot, "Close Anyway")
        anna.close()
        qtbot.waitUntil(lambda: not anna.isVisible(), timeout=20000)
    assert Path(journal).exists()
    server("resume")
    # The next start, on the same database: the changes are saved, then the file is gone.
    with shown_window(qtbot, tmp_path, database_url=url, settings_name="anna.ini") as again:
        open_review(qtbot, again, sample_agreement())
        qtbot.waitUntil(lambda: not Path(journal).exists(), timeout=20000)
        qtbot.waitUntil(lambda: "saved now" in again.message_bar.text, timeout=10000)
        shown = again.review.review.annotations[annotation.id]
        assert (shown.judgment, shown.comment) == (Judgment.SERIOUS_CONCERN, "Geschreven zonder server.")
    from annotator.store.database import Database
    from annotator.store.repository import Repository

    check = Database.open(url)
    stored = Repository(check).get(annotation.id)
    check.close()
    assert (stored.judgment, stored.comment) == (Judgment.SERIOUS_CONCERN, "Geschreven zonder server.")


def test_every_bar_about_an_unreachable_server_goes_away_when_it_is_back(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                          own_server) -> None:
    url, server = own_server
    with shown_window(qtbot, tmp_path, database_url=url, settings_name="anna.ini") as anna:
        open_review(qtbot, anna, sample_agreement())
        server("pause")
        # Looking for colleagues' changes fails: the bar says so, once.
        qtbot.waitUntil(lambda: "cannot be" in anna.message_bar.text, timeout=20000)
        assert "revision" not in anna.message_bar.text
        server("resume")
        qtbot.waitUntil(lambda: anna.message_bar.text == "", timeout=20000)
    server("pause")
    # Starting while the server is away: the window says it keeps trying, and opens the review when it can.
    with shown_window(qtbot, tmp_path, database_url=url, settings_name="anna.ini") as again:
        from ui_support import open_and_wait

        open_and_wait(qtbot, again, sample_agreement())
        qtbot.waitUntil(lambda: "Trying again" in again.message_bar.text, timeout=30000)
        assert again.review.review is None
        server("resume")
        qtbot.waitUntil(lambda: again.review.review is not None, timeout=30000)
        qtbot.waitUntil(lambda: again.message_bar.text == "", timeout=5000)
        highlight_phrase(qtbot, again, 3, PHRASE)
        settle(qtbot, again)


def test_own_changes_saved_when_the_server_is_back_are_not_taken_for_a_colleagues(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                                  own_server) -> None:
    url, server = own_server
    with _anna_on_her_highlight(qtbot, tmp_path, url) as (anna, annotation):
        server("pause")
        press_key(qtbot, anna, Qt.Key.Key_3)
        _type(qtbot, anna, "Eerste zin.")
        qtbot.waitUntil(lambda: anna.review.unsaved >= 2, timeout=20000)
        _type(qtbot, anna, " Tweede zin.")  # typing on: folded into the same step, still waiting
        press_key(qtbot, anna, Qt.Key.Key_2)
        qtbot.waitUntil(lambda: anna.review.unsaved >= 4, timeout=20000)
        server("resume")
        qtbot.waitUntil(lambda: "every change is saved" in anna.message_bar.text, timeout=30000)
        settle(qtbot, anna)
        qtbot.wait(2500)  # a look for colleagues' changes comes and goes
        assert "colleague" not in anna.message_bar.text.lower()
        assert not anna.editor.unsaved.isVisible()
        model = anna.workspace.annotation_list.model
        assert model.data(model.index(model.row_of(annotation.id), 6)) != "not saved yet"
        shown = anna.review.review.annotations[annotation.id]
        assert (shown.judgment, shown.comment) == (Judgment.NOTE, "Eerste zin. Tweede zin.")
        assert anna.editor.comment.toPlainText() == "Eerste zin. Tweede zin."
