"""Highlighting and judging in the window: select with the mouse, press H, judge with 1-5, undo, reopen."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication

from annotator.domain.model import AnnotationKind, Judgment, Rect
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui.annotation_table import ID_ROLE
from annotator.ui.main_window import MainWindow
from ui_support import (  # noqa: F401 (window is a fixture)
    double_click,
    drag,
    highlight_phrase,
    open_and_wait,
    open_review,
    phrase_points,
    press_key,
    settle,
    window,
)


def _stored(path: Path) -> list:  # type: ignore[type-arg]
    db = Database.open(f"sqlite:///{path}")
    try:
        fingerprints = [d["fingerprint"] for d in Repository(db).documents()]
        return [a for f in fingerprints for a in Repository(db).annotations(f)]
    finally:
        db.close()


def test_select_highlight_judge_undo_and_find_it_again(qtbot, window: MainWindow, agreement_2021: Path,
                                                       tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    start, end = phrase_points(qtbot, window, 5, "aandacht voor emotioneel")
    drag(window.view, start, end)
    assert window.view.selected_text() == "aandacht voor emotioneel"
    press_key(qtbot, window, Qt.Key.Key_H)
    review = window.review.review
    assert len(review.annotations) == 1
    annotation = next(iter(review.annotations.values()))
    assert annotation.quote == "aandacht voor emotioneel"
    assert annotation.anchor.page == 5
    assert window.editor.annotation is not None and window.editor.annotation.id == annotation.id
    press_key(qtbot, window, Qt.Key.Key_4)
    assert review.annotations[annotation.id].judgment is Judgment.SERIOUS_CONCERN
    assert window.editor.judgment_buttons.checkedId() == Judgment.SERIOUS_CONCERN.rank
    settle(qtbot, window)
    stored = _stored(tmp_path / "review.sqlite")
    assert [a.judgment for a in stored] == [Judgment.SERIOUS_CONCERN]
    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.annotations[annotation.id].judgment is None
    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert review.annotations[annotation.id].judgment is Judgment.SERIOUS_CONCERN
    # The highlight is painted in its judgment's colour.
    rect = window.view.view_rect(5, annotation.anchor.quads[0]).toRect()
    image = window.view.viewport().grab(rect.adjusted(2, 2, -2, -2)).toImage()
    colours = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    background = QColor(colours.most_common(1)[0][0])
    assert background.red() > background.blue() + 40  # orange: a serious concern
    # Delete and undo it.
    press_key(qtbot, window, Qt.Key.Key_Delete)
    assert annotation.id not in review.annotations
    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert annotation.id in review.annotations


def test_a_selection_runs_over_a_page_break(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    view = window.view
    view.set_zoom(0.5)
    view.go_to_page(5, y_points=800)  # the page break a third down the window
    qtbot.waitUntil(lambda: view.page_text(5) is not None and view.page_text(6) is not None, timeout=15000)
    bottom = view.page_text(5)
    top = view.page_text(6)
    last_body = [w for w in bottom.words if w.rect.y1 < bottom.height * 0.9][-1]
    first_body = [w for w in top.words if w.rect.y0 > top.height * 0.08][0]
    a = view.view_rect(5, last_body.rect)
    b = view.view_rect(6, first_body.rect)
    drag(view, QPointF(a.left() + 1, a.center().y()), QPointF(b.right() + 1, b.center().y()))
    annotation = window.review.highlight_selection()
    assert annotation is not None
    assert annotation.anchor.pages() == (5, 6)
    assert last_body.text in annotation.quote and first_body.text in annotation.quote


def test_double_click_selects_a_word_and_copy(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_and_wait(qtbot, window, agreement_2021)
    start, end = phrase_points(qtbot, window, 5, "emotioneel")
    middle = (start + end) / 2
    double_click(window.view, middle)  # press, release, double-click, release
    assert window.view.selected_text() == "emotioneel"
    press_key(qtbot, window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "emotioneel"


def test_area_highlight_on_a_scanned_page(qtbot, window: MainWindow, scanned_pdf: Path) -> None:
    open_review(qtbot, window, scanned_pdf)
    view = window.view
    window.review_actions.area.trigger()
    drawn = Rect(50, 50, 300, 200)
    page_rect = view.view_rect(0, drawn)
    drag(view, page_rect.topLeft(), page_rect.bottomRight())
    review = window.review.review
    assert len(review.annotations) == 1
    area = next(iter(review.annotations.values()))
    assert area.kind is AnnotationKind.AREA
    quad = area.anchor.quads[0]
    assert abs(quad.x0 - drawn.x0) < 2 and abs(quad.y1 - drawn.y1) < 2


def test_highlights_survive_closing_and_reopening(qtbot, window: MainWindow, agreement_2021: Path,
                                                 two_column_paper: Path, tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    annotation = highlight_phrase(qtbot, window, 5, "aandacht voor emotioneel")
    window.review.set_judgment([window.review.review.annotations[annotation.id]], Judgment.WELCOME)
    # Open another document and come back: the review is read from the database again.
    open_and_wait(qtbot, window, two_column_paper)
    qtbot.waitUntil(lambda: window.review.review is not None and not window.review.review.annotations,
                    timeout=15000)
    open_and_wait(qtbot, window, agreement_2021)
    qtbot.waitUntil(lambda: window.review.review is not None and bool(window.review.review.annotations),
                    timeout=15000)
    again = window.review.review.annotations[annotation.id]
    assert again.judgment is Judgment.WELCOME and again.quote == "aandacht voor emotioneel"


def test_the_list_follows_the_highlights_and_leads_to_them(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    for phrase in ("aandacht voor emotioneel", "herstel in het hele proces"):
        start, end = phrase_points(qtbot, window, 5, phrase)
        drag(window.view, start, end)
        window.review.highlight_selection()
    panel = window.annotation_list
    assert panel.proxy.rowCount() == 2
    window.view.go_to_page(40)
    first_id = panel.proxy.index(0, 0).data(ID_ROLE)
    panel.activated.emit(first_id)
    assert window.editor.annotation.id == first_id
    assert 5 in window.view.visible_pages()
    # Judge both from the list at once, then undo that in one step.
    panel.table.selectAll()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_5)
    review = window.review.review
    assert {a.judgment for a in review.annotations.values()} == {Judgment.VIOLATION}
    window.review_actions.undo.trigger()
    assert {a.judgment for a in review.annotations.values()} == {None}
    qtbot.keyClicks(panel.filter_edit, "herstel")
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1, timeout=3000)


def test_the_theme_list_is_edited_in_one_undoable_step(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    before = [t.title for t in window.review.themes]
    assert before[0] == "Asiel en migratie"  # the Dutch default list, whatever the interface language
    window.review_actions.edit_themes()
    dialog = window.review_actions.theme_dialog
    dialog.list.setCurrentRow(len(before) - 1)
    dialog.move_theme(-1)
    dialog.list.setCurrentRow(0)
    dialog.remove()
    dialog.accept()
    after = [t.title for t in window.review.themes]
    assert after == before[1:-2] + [before[-1], before[-2]]
    assert [window.editor.theme.itemText(i) for i in range(1, window.editor.theme.count())] == after
    window.review_actions.undo.trigger()
    assert [t.title for t in window.review.themes] == before


def test_a_renamed_copy_finds_its_annotations(qtbot, window: MainWindow, agreement_2021: Path,
                                              tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    annotation = highlight_phrase(qtbot, window, 5, "aandacht voor emotioneel")
    moved = tmp_path / "elders" / "akkoord-definitief.pdf"
    moved.parent.mkdir()
    shutil.copy(agreement_2021, moved)
    open_and_wait(qtbot, window, moved)
    qtbot.waitUntil(lambda: window.review.review is not None and bool(window.review.review.annotations),
                    timeout=15000)
    assert annotation.id in window.review.review.annotations


def test_a_database_from_a_newer_version_is_refused_and_reading_goes_on(qtbot, window: MainWindow,
                                                                        agreement_2021: Path,
                                                                        tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite"
    Database.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    with qtbot.waitSignal(window.review.review_failed, timeout=15000) as failure:
        open_and_wait(qtbot, window, agreement_2021)
    assert "newer" in failure.args[0]
    assert "newer" in window.message_bar.text
    assert path.read_bytes() == before
    assert window.view.page_count == 50
    qtbot.waitUntil(window.view.is_fully_painted, timeout=10000)  # the message bar took some height


def test_an_edit_that_meets_a_locked_database_is_kept_and_saved_later(qtbot, window: MainWindow,
                                                                      agreement_2021: Path, tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    annotation = highlight_phrase(qtbot, window, 5, "aandacht voor emotioneel")
    settle(qtbot, window)  # the highlight is saved
    colleague = sqlite3.connect(tmp_path / "review.sqlite", timeout=5)
    colleague.execute("BEGIN EXCLUSIVE")  # a colleague's program holds the database
    press_key(qtbot, window, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: window.review.unsaved == 1, timeout=10000)
    assert "not saved yet" in window.message_bar.text
    colleague.rollback()
    colleague.close()
    window.review.retry_unsaved()
    qtbot.waitUntil(lambda: window.review.unsaved == 0, timeout=10000)
    settle(qtbot, window)
    assert window.review.review.annotations[annotation.id].judgment is Judgment.VIOLATION
    assert [a.judgment for a in _stored(tmp_path / "review.sqlite")] == [Judgment.VIOLATION]
    assert "every change is saved" in window.message_bar.text
