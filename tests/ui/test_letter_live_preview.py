"""The Letter panel's preview follows the reviewer's hands: what is typed in the comment shows in the letter at
once, a judgment key changes the paragraph's opening, and after every compile (undo, redo, a new highlight, one
deleted) the preview reads exactly as the whole letter compiled afresh, without setting the page whole again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.services.letter import letter_view
from annotator.ui.letter_preview import LetterPreview
from annotator.ui.main_window import MainWindow
from ui_support import highlight_phrase, open_review, press_key, settle, window  # noqa: F401 (fixture)

PHRASES = ((5, "aandacht voor emotioneel"), (5, "Daarbij geven ouders"), (6, "stapsgewijs halveren van reclame"))


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _as_compiled_afresh(qtbot, window: MainWindow) -> list[str]:  # type: ignore[no-untyped-def]
    """The letter as a new compile of the database shows it, set whole into a page of its own."""
    panel = window.workspace.letter
    view = letter_view(window.review.database, panel._fingerprint())  # type: ignore[arg-type]  # noqa: SLF001
    fresh = LetterPreview()
    fresh.show_page(view.page)
    return _lines(fresh.toPlainText())


def _quiet(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The edits stored, the compile after them done and its differences on screen."""
    panel, editor = window.workspace.letter, window.workspace.editor
    qtbot.waitUntil(lambda: not editor._comment_timer.isActive(), timeout=5000)  # noqa: SLF001 (the typing pause)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not panel._timer.isActive() and not panel._busy  # noqa: SLF001
                    and panel.preview.settled, timeout=30000)


def _letter_beside_the_editor(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The reviewer drags the Letter tab to the other side of the pages, to see the letter while editing."""
    workspace = window.workspace
    window.removeDockWidget(workspace.letter_dock)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, workspace.letter_dock)
    workspace.letter_dock.show()
    workspace.editor_dock.raise_()
    qtbot.waitUntil(lambda: not workspace.letter.preview.visibleRegion().isEmpty(), timeout=5000)


def test_typing_and_judging_show_in_the_letter_at_once_and_every_compile_reads_as_a_fresh_one(
        qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    _letter_beside_the_editor(qtbot, window)
    panel, editor = window.workspace.letter, window.workspace.editor
    made = []
    for page, phrase in PHRASES:
        made.append(highlight_phrase(qtbot, window, page, phrase))
        press_key(qtbot, window, Qt.Key.Key_4)  # serious concern
    _quiet(qtbot, window)
    assert "aandacht voor emotioneel" in panel.preview.toPlainText()
    assert _lines(panel.preview.toPlainText()) == _as_compiled_afresh(qtbot, window)
    loads = panel.preview.whole_loads

    # Typing in the comment: each key shows in the letter's paragraph before the typing pause stores it.
    assert editor.annotation is not None and editor.annotation.id == made[-1].id
    qtbot.waitUntil(lambda: not editor.comment.visibleRegion().isEmpty(), timeout=5000)
    panel.preview.verticalScrollBar().setValue(0)  # the reviewer had read the letter's opening
    editor.comment.setFocus()
    qtbot.waitUntil(editor.comment.hasFocus, timeout=3000)
    QTest.keyClicks(editor.comment, "Te vaag")
    assert editor._comment_timer.isActive()  # noqa: SLF001 (the edit is not stored yet)
    assert "Te vaag." in panel.preview.paragraph_text(made[-1].id)
    # The preview shows where the words land: the paragraph is in sight, wherever the preview was scrolled.
    found = panel.preview.document().find("Te vaag.")
    assert not found.isNull()
    place = panel.preview.cursorRect(found)
    assert panel.preview.viewport().rect().intersects(place)
    assert panel.preview.verticalScrollBar().value() > 0  # it was below the fold: the preview scrolled to it
    QTest.keyClicks(editor.comment, " <b>&amp;</b>")  # markup typed is text, in the preview too
    assert "Te vaag <b>&amp;</b>." in panel.preview.paragraph_text(made[-1].id)
    _quiet(qtbot, window)
    assert window.review.review.annotations[made[-1].id].comment == "Te vaag <b>&amp;</b>"
    assert _lines(panel.preview.toPlainText()) == _as_compiled_afresh(qtbot, window)

    # A judgment key on the page: the opening of that paragraph changes at once.
    before = panel.preview.paragraph_text(made[-1].id)
    press_key(qtbot, window, Qt.Key.Key_1)  # welcome
    welcomed = panel.preview.paragraph_text(made[-1].id)
    assert welcomed != before and "Te vaag <b>&amp;</b>." in welcomed
    _quiet(qtbot, window)
    assert _lines(panel.preview.toPlainText()) == _as_compiled_afresh(qtbot, window)

    # Undo three steps (the judgment, the comment, the last highlight's judgment), then the highlight itself, and
    # redo two: after each the letter reads as compiled afresh.
    for steps, key in ((3, Qt.Key.Key_Z), (1, Qt.Key.Key_Z)):
        for _ in range(steps):
            press_key(qtbot, window, key, Qt.KeyboardModifier.ControlModifier)
            _quiet(qtbot, window)
            assert _lines(panel.preview.toPlainText()) == _as_compiled_afresh(qtbot, window)
    assert "stapsgewijs halveren" not in " ".join(panel.preview.paragraph_text(a.id) for a in made)
    assert made[-1].id not in window.review.review.annotations
    for _ in range(2):
        press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        _quiet(qtbot, window)
        assert _lines(panel.preview.toPlainText()) == _as_compiled_afresh(qtbot, window)
    assert made[-1].id in window.review.review.annotations
    assert "Te vaag" not in panel.preview.toPlainText()
    # Every step was applied as the paragraphs that changed: the page was never set whole again.
    assert panel.preview.whole_loads == loads
