"""The review loop as a reviewer's hands do it: select, H, judge, comment, theme, delete; undo to the start, redo again.

Everything goes through mouse and key events on the shown window; what is checked is what the window shows and what
the database file holds. A colleague is another program writing the same SQLite file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QPointF, Qt

from annotator.domain.model import Judgment
from annotator.paths import sample_agreement
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui.main_window import MainWindow
from ui_support import drag, open_review, phrase_points, settle, show_letter_tab, window  # noqa: F401 (window is a fixture)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _stored(path: Path) -> list[tuple[str, str | None, str, bool]]:
    """(quote, judgment, comment, has a theme) of every live annotation in the database file, in reading order."""
    db = Database.open(f"sqlite:///{path}")
    try:
        repo = Repository(db)
        found = [a for d in repo.documents() for a in repo.annotations(d["fingerprint"])]
        return [(a.quote, a.judgment.value if a.judgment else None, a.comment, a.theme_id is not None)
                for a in found]
    finally:
        db.close()


def _shown(window: MainWindow) -> list[tuple[str, str | None, str, bool]]:
    review = window.review.review
    assert review is not None
    assert window.annotation_list.proxy.rowCount() == len(review.annotations)
    assert len(window.view._highlights) == len(review.annotations)  # noqa: SLF001 - what is painted
    return [(a.quote, a.judgment.value if a.judgment else None, a.comment, a.theme_id is not None)
            for a in review.in_order()]


def _highlight(qtbot, window: MainWindow, page: int, phrase: str) -> None:  # type: ignore[no-untyped-def]
    """Drag over the phrase with the mouse and press H in the page view."""
    start, end = phrase_points(qtbot, window, page, phrase)
    drag(window.view, start, end)
    _key(qtbot, window, Qt.Key.Key_H)


def _key(qtbot, window: MainWindow, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key pressed where the reviewer is reading (the page view has the focus)."""
    if not window.isActiveWindow():  # shortcuts act in the active window only, as on a desktop
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifiers)


def test_undo_walks_back_to_the_empty_document_and_redo_forward(qtbot, window: MainWindow, tmp_path: Path) -> None:
    database = tmp_path / "review.sqlite"
    open_review(qtbot, window, sample_agreement())
    quote = "kiest daarom voor een strenger"
    _highlight(qtbot, window, 3, quote)
    _key(qtbot, window, Qt.Key.Key_4)
    comment = window.editor.comment
    comment.setFocus()
    qtbot.keyClicks(comment, "Strijdig met art. 3 EVRM")
    qtbot.waitUntil(lambda: window.editor.annotation.comment == "Strijdig met art. 3 EVRM", timeout=5000)
    window.editor.theme.setFocus()
    qtbot.keyClick(window.editor.theme, Qt.Key.Key_Down)  # the first theme of the list
    qtbot.waitUntil(lambda: window.editor.annotation.theme_id is not None, timeout=5000)
    _key(qtbot, window, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert _stored(database) == [] and _shown(window) == []

    full = (quote, "serious-concern", "Strijdig met art. 3 EVRM", True)
    expected_back = [
        [full],  # the delete undone
        [(quote, "serious-concern", "Strijdig met art. 3 EVRM", False)],  # the theme
        [(quote, "serious-concern", "", False)],  # the comment (typed in one go: one step)
        [(quote, None, "", False)],  # the judgment
        [],  # the highlight itself: the empty document
    ]
    for expected in expected_back:
        _key(qtbot, window, Qt.Key.Key_Z, CTRL)
        assert _shown(window) == expected  # at once on screen ...
        settle(qtbot, window)
        assert _stored(database) == expected  # ... and in the database
    assert not window.review_actions.undo.isEnabled()
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)  # nothing left to undo: nothing happens
    settle(qtbot, window)
    assert _stored(database) == []

    for expected in reversed([[]] + expected_back[:-1]):
        _key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
        settle(qtbot, window)
        assert _stored(database) == expected == _shown(window)
    assert not window.review_actions.redo.isEnabled()
    # Three back, two forward, as a reviewer hesitates.
    for _ in range(3):
        _key(qtbot, window, Qt.Key.Key_Z, CTRL)
    for _ in range(2):
        _key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    settle(qtbot, window)
    assert _stored(database) == _shown(window) == [full]
    assert "bad" not in window.message_bar.text.lower() and "changed elsewhere" not in window.message_bar.text


def test_undo_goes_on_across_a_colleagues_new_annotations(qtbot, window: MainWindow, tmp_path: Path) -> None:
    database = tmp_path / "review.sqlite"
    open_review(qtbot, window, sample_agreement())
    fingerprint = window.review.review.document.fingerprint
    colleague_db = Database.open(f"sqlite:///{database}")
    colleague = Repository(colleague_db)
    try:
        for phrase in ("kiest daarom voor een strenger", "snellere beslissingen"):
            _highlight(qtbot, window, 3, phrase)
            _key(qtbot, window, Qt.Key.Key_2)
            settle(qtbot, window)
            # Meanwhile a colleague adds a note of their own to the same document, and judges one of ours.
            mine = next(a for a in colleague.annotations(fingerprint) if a.quote == phrase)
            colleague.add(mine.changed(id=f"00000000-0000-4000-8000-00000000000{len(phrase) % 10}",
                                       author="Jan", comment="Jan: zie ook Vluchtelingenverdrag"))
        qtbot.waitUntil(lambda: len(window.review.review.annotations) == 4, timeout=10000)  # the refresh poll
        for _ in range(4):
            _key(qtbot, window, Qt.Key.Key_Z, CTRL)
        settle(qtbot, window)
        left = colleague.annotations(fingerprint)
        assert [a.author for a in left] == ["Jan", "Jan"]  # our four steps undone, the colleague's work kept
        assert {a.quote for a in window.review.review.annotations.values()} == {a.quote for a in left}
        for _ in range(4):
            _key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
        settle(qtbot, window)
        assert sorted((a.author, a.judgment) for a in colleague.annotations(fingerprint)) == [
            ("Jan", Judgment.NOTE), ("Jan", Judgment.NOTE), ("root", Judgment.NOTE), ("root", Judgment.NOTE)] \
            or len(colleague.annotations(fingerprint)) == 4
    finally:
        colleague_db.close()


def test_undo_after_a_colleague_changed_the_same_annotation_says_so_and_keeps_both(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    database = tmp_path / "review.sqlite"
    open_review(qtbot, window, sample_agreement())
    _highlight(qtbot, window, 3, "kiest daarom voor een strenger")
    _key(qtbot, window, Qt.Key.Key_3)
    settle(qtbot, window)
    colleague_db = Database.open(f"sqlite:///{database}")
    try:
        colleague = Repository(colleague_db)
        id = window.editor.annotation.id
        colleague.save(colleague.get(id).changed(judgment=Judgment.VIOLATION, comment="Jan: in strijd met art. 3"))
        _key(qtbot, window, Qt.Key.Key_Z, CTRL)  # undo our judgment, which the colleague has since replaced
        settle(qtbot, window)
        assert "colleague changed" in window.message_bar.text and "Redo" in window.message_bar.text
        stored = colleague.get(id)
        assert stored.judgment is None  # our earlier value, as undo promises
        assert stored.comment == "Jan: in strijd met art. 3"  # the colleague's other change stays
        assert window.review.review.annotations[id].comment == "Jan: in strijd met art. 3"
        _key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)  # redo brings the colleague's judgment back exactly
        settle(qtbot, window)
        assert colleague.get(id).judgment is Judgment.VIOLATION
        assert window.editor.judgment_buttons.checkedId() == Judgment.VIOLATION.rank
    finally:
        colleague_db.close()


def test_deleting_three_is_one_step_even_when_a_colleague_edited_one(qtbot, window: MainWindow,
                                                                     tmp_path: Path) -> None:
    database = tmp_path / "review.sqlite"
    open_review(qtbot, window, sample_agreement())
    for phrase in ("kiest daarom voor een strenger", "snellere beslissingen", "consequente terugkeer"):
        _highlight(qtbot, window, 3, phrase)
    settle(qtbot, window)
    colleague_db = Database.open(f"sqlite:///{database}")
    try:
        colleague = Repository(colleague_db)
        second = next(a for a in window.review.review.annotations.values() if a.quote == "snellere beslissingen")
        colleague.save(colleague.get(second.id).changed(comment="Jan was hier"))
        table = window.annotation_list.table
        table.setFocus()
        table.selectAll()
        qtbot.keyClick(table, Qt.Key.Key_Delete)
        settle(qtbot, window)
        assert _stored(database) == [] and _shown(window) == []
        _key(qtbot, window, Qt.Key.Key_Z, CTRL)
        settle(qtbot, window)
        assert len(_stored(database)) == 3 and len(_shown(window)) == 3
        assert colleague.get(second.id).comment == "Jan was hier"
    finally:
        colleague_db.close()


def test_a_step_the_database_refuses_changes_nothing_and_the_window_shows_what_is_stored(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    database = tmp_path / "review.sqlite"
    open_review(qtbot, window, sample_agreement())
    for phrase in ("kiest daarom voor een strenger", "snellere beslissingen", "consequente terugkeer"):
        _highlight(qtbot, window, 3, phrase)
    settle(qtbot, window)
    second = next(a for a in window.review.review.annotations.values() if a.quote == "snellere beslissingen")
    with sqlite3.connect(database) as connection:  # the database refuses any change of the second one
        connection.execute(f"CREATE TRIGGER refuse BEFORE UPDATE ON annotations WHEN OLD.id = '{second.id}' "
                           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
    table = window.annotation_list.table
    table.setFocus()
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_5)
    settle(qtbot, window)
    assert [j for _q, j, _c, _t in _stored(database)] == [None, None, None]  # all or nothing: nothing
    qtbot.waitUntil(lambda: [j for _q, j, _c, _t in _shown(window)] == [None, None, None], timeout=5000)
    assert "went wrong" in window.message_bar.text.lower() or "not saved" in window.message_bar.text.lower()
    assert window.review_actions.undo.isEnabled()  # the history before the refused step is still there
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)
    assert len(_stored(database)) == 2


def test_after_undoing_a_new_theme_the_list_the_editor_and_the_letter_agree(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QPushButton

    from annotator.ui.annotation_table import Column

    open_review(qtbot, window, sample_agreement())
    _highlight(qtbot, window, 3, "snellere beslissingen")
    _key(qtbot, window, Qt.Key.Key_3)
    # Annotate › Themes…, Add…, type the title, OK.
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("Kinderen op de vlucht", True)))
    window.review_actions.themes.trigger()
    dialog = window.review_actions.theme_dialog
    add = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Add…")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    combo = window.editor.theme
    qtbot.waitUntil(lambda: combo.findText("Kinderen op de vlucht") >= 0, timeout=5000)
    # The reviewer picks the new theme in the editor with the keyboard.
    combo.setFocus()
    while combo.currentText() != "Kinderen op de vlucht":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    model = window.annotation_list.proxy
    theme_cell = lambda: model.index(0, Column.THEME).data()  # noqa: E731
    qtbot.waitUntil(lambda: theme_cell() == "Kinderen op de vlucht", timeout=5000)
    settle(qtbot, window)

    letter = window.workspace.letter
    show_letter_tab(qtbot, window)
    # Arrowing through the list to the theme was one step, as typing a comment is.
    assert window.review_actions.undo.text().endswith("Set theme")
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)  # the theme of the annotation
    assert window.review_actions.undo.text().endswith("Edit themes")
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)  # the new theme itself
    settle(qtbot, window)
    list_themes = [window.annotation_list.theme_combo.itemText(i)
                   for i in range(window.annotation_list.theme_combo.count())]
    assert "Kinderen op de vlucht" not in list_themes
    assert combo.findText("Kinderen op de vlucht") < 0
    assert not theme_cell()
    qtbot.waitUntil(lambda: any("Without a theme" in letter.checks.item(i).text()
                                for i in range(letter.checks.count())), timeout=15000)
    _key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    _key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: theme_cell() == "Kinderen op de vlucht", timeout=5000)
    qtbot.waitUntil(lambda: not any("Without a theme" in letter.checks.item(i).text()
                                    for i in range(letter.checks.count())), timeout=15000)


def test_a_key_on_the_page_judges_the_new_highlight_not_the_row_picked_in_the_list(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_review(qtbot, window, sample_agreement())
    _highlight(qtbot, window, 3, "snellere beslissingen")
    _key(qtbot, window, Qt.Key.Key_1)
    settle(qtbot, window)
    first = window.editor.annotation.id
    # The reviewer clicks the row in the Annotations list ...
    table = window.annotation_list.table
    row = table.visualRect(window.annotation_list.proxy.index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    qtbot.waitUntil(lambda: table.selectionModel().hasSelection(), timeout=3000)
    # ... then selects other text on the page with the mouse, presses H, and 3.
    start, end = phrase_points(qtbot, window, 3, "consequente terugkeer")
    end = end - QPointF(3, 0)  # released over the last letter
    qtbot.mousePress(window.view.viewport(), Qt.MouseButton.LeftButton, pos=start.toPoint())
    qtbot.mouseMove(window.view.viewport(), pos=end.toPoint())
    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton, pos=end.toPoint())
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_H)
    new = window.editor.annotation
    assert new is not None and new.id != first
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_3)
    settle(qtbot, window)
    stored = {quote: judgment for quote, judgment, _c, _t in _stored(tmp_path / "review.sqlite")}
    assert stored == {"snellere beslissingen": "welcome", "consequente terugkeer": "concern"}
    assert "colleague" not in window.message_bar.text
    # The list shows the new one as selected, like the page and the editor.
    assert window.annotation_list.selected_ids() == [new.id]


def test_ctrl_z_in_the_comment_field_undoes_the_review_steps(qtbot, window: MainWindow, tmp_path: Path) -> None:
    open_review(qtbot, window, sample_agreement())
    _highlight(qtbot, window, 3, "snellere beslissingen")
    _key(qtbot, window, Qt.Key.Key_2)
    comment = window.editor.comment
    comment.setFocus()
    qtbot.keyClicks(comment, "Zie art. 3 EVRM")
    # Ctrl+Z at once, before the typing pause: the typed text is the step undone, in the field and in the database.
    qtbot.keyClick(comment, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)
    assert comment.toPlainText() == ""
    assert _stored(tmp_path / "review.sqlite") == [("snellere beslissingen", "note", "", False)]
    qtbot.keyClick(comment, Qt.Key.Key_Z, CTRL)  # the judgment next, still from the field
    settle(qtbot, window)
    assert _stored(tmp_path / "review.sqlite") == [("snellere beslissingen", None, "", False)]
    qtbot.keyClick(comment, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(comment, Qt.Key.Key_Z, CTRL | SHIFT)
    settle(qtbot, window)
    assert comment.toPlainText() == "Zie art. 3 EVRM"
    assert _stored(tmp_path / "review.sqlite") == [("snellere beslissingen", "note", "Zie art. 3 EVRM", False)]
