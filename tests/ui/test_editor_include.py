"""The editor's "Include in the letter" box, clicked with the mouse: what the box shows and what the database holds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from annotator.paths import sample_agreement
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui.main_window import MainWindow
from ui_support import drag, open_review, phrase_points, press_key, settle, window  # noqa: F401 (window is a fixture)

PHRASE = "bescherming aan mensen die op de vlucht zijn"
CTRL = Qt.KeyboardModifier.ControlModifier


def _stored_include(path: Path) -> list[bool]:
    db = Database.open(f"sqlite:///{path}")
    try:
        repo = Repository(db)
        return [a.include_in_letter for d in repo.documents() for a in repo.annotations(d["fingerprint"])]
    finally:
        db.close()


def test_the_include_box_takes_a_highlight_out_of_the_letter_and_undo_puts_it_back(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "review.sqlite"
    open_review(qtbot, window, sample_agreement())
    start, end = phrase_points(qtbot, window, 3, PHRASE)
    drag(window.view, start, end)
    press_key(qtbot, window, Qt.Key.Key_H)
    settle(qtbot, window)
    box = window.editor.include
    qtbot.waitUntil(lambda: box.isEnabled() and box.isVisible(), timeout=5000)
    assert box.isChecked()
    assert _stored_include(database) == [True]

    # On the box itself (a check box only takes clicks on its indicator and label, not the row's empty end).
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    settle(qtbot, window)
    assert not box.isChecked()
    assert _stored_include(database) == [False]
    assert "Include in letter" in window.review_actions.undo.text()

    press_key(qtbot, window, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)
    qtbot.waitUntil(box.isChecked, timeout=5000)
    assert _stored_include(database) == [True]
