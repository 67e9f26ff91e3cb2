"""Writing and arranging the letter in the Letter panel, as a reviewer does: typing with Ctrl+B, a bulleted list,
dragging passages with the mouse, Alt+Up / Alt+Right, undo three times and redo; Word output read back."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.domain.model import Judgment
from annotator.letter.arrangement import parse_arrangement, section_order
from annotator.store.repository import Repository
from annotator.ui.main_window import MainWindow
from ui_support import highlight_phrase, open_review, settle, show_letter_tab, window  # noqa: F401 (fixture)

PHRASES = ("aandacht voor emotioneel", "Daarbij geven ouders", "zodat mensen niet meer verdwalen")


def _db_settings(qtbot, window: MainWindow) -> dict[str, str]:  # type: ignore[no-untyped-def]
    settle(qtbot, window)
    db = window.review.database
    return Repository(db).letter_settings()  # type: ignore[arg-type]


def _prepare(qtbot, window: MainWindow, agreement: Path, judgments=(Judgment.CONCERN,) * 3):  # type: ignore[no-untyped-def]
    """Three highlights on the sixth PDF page (printed page 3), judged, in the first theme; the Letter tab shown."""
    open_review(qtbot, window, agreement)
    made = [highlight_phrase(qtbot, window, 5, phrase) for phrase in PHRASES]
    review = window.review.review
    theme = review.themes[0]
    for annotation, judgment in zip(made, judgments):
        window.review._bulk([review.annotations[annotation.id]], "Set", theme_id=theme.id, judgment=judgment)
    settle(qtbot, window)
    show_letter_tab(qtbot, window)
    letter = window.workspace.letter
    qtbot.waitUntil(lambda: PHRASES[2] in letter.preview.toPlainText(), timeout=20000)
    return letter, theme, [a.id for a in made]


def _choose_part(qtbot, letter, title: str) -> None:  # type: ignore[no-untyped-def]
    """Choose a part of the letter in the Write box with the keyboard, as a reviewer does."""
    combo = letter.composer.part
    qtbot.waitUntil(lambda: combo.findText(title) >= 0, timeout=15000)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=3000)
    target = combo.findText(title)
    while combo.currentIndex() != target:
        QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def _click_into(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
    qtbot.waitUntil(widget.hasFocus, timeout=3000)


def _bold_in_preview(letter, word: str) -> bool:  # type: ignore[no-untyped-def]
    block = letter.preview.document().begin()
    while block.isValid():
        for piece in block.textFormats():
            text = block.text()[piece.start:piece.start + piece.length]
            if word in text and piece.format.fontWeight() >= QFont.Weight.DemiBold:
                return True
        block = block.next()
    return False


def _rows(letter) -> list[str]:  # type: ignore[no-untyped-def]
    passages = letter.composer.passages
    return [passages.item(row).text() for row in range(passages.count())]


def _section_text(letter, title: str) -> str:  # type: ignore[no-untyped-def]
    """The preview's text from the section's heading on (the summary before it quotes passages too)."""
    text = letter.preview.toPlainText()
    return text[text.index(f"\n{title}\n"):]


def _groups(letter) -> tuple[tuple[str, ...], ...]:  # type: ignore[no-untyped-def]
    return letter.composer.passages.groups


def test_typing_a_section_introduction_with_bold_and_a_list_reaches_preview_and_word(
        qtbot, window: MainWindow, agreement_2021: Path, tmp_path: Path) -> None:
    letter, theme, _ids = _prepare(qtbot, window, agreement_2021)
    _choose_part(qtbot, letter, theme.title)
    field = letter.composer.field
    _click_into(qtbot, field)
    QTest.keyClicks(field, "De zorgen zijn ")
    QTest.keySequence(field, "Ctrl+B")
    QTest.keyClicks(field, "groot")
    QTest.keySequence(field, "Ctrl+B")
    QTest.keyClicks(field, ", zeker bij:")
    QTest.keyClick(field, Qt.Key.Key_Return)
    QTest.keySequence(field, "Ctrl+Shift+L")  # a bulleted list
    QTest.keyClicks(field, "detentie")
    QTest.keyClick(field, Qt.Key.Key_Return)
    QTest.keySequence(field, "Ctrl+I")
    QTest.keyClicks(field, "terugkeer")
    assert field.bold_action.isChecked() is False and field.italic_action.isChecked()
    QTest.keySequence(field, "Ctrl+I")
    assert not field.italic_action.isChecked()
    # The format buttons keep their short labels after the shortcuts changed their state.
    from PySide6.QtWidgets import QToolButton

    labels = sorted(button.text() for button in letter.composer.findChildren(QToolButton)
                    if button.defaultAction() in (field.bold_action, field.italic_action, field.list_action))
    assert labels == ["B", "I", "•"]
    # Ctrl+Z in the field undoes typing there first.
    QTest.keyClicks(field, " xyz")
    QTest.keySequence(field, "Ctrl+Z")
    qtbot.waitUntil(lambda: "xyz" not in field.toPlainText(), timeout=3000)
    assert "terugkeer" in field.toPlainText()

    # The text is stored after a pause, as markup, and the preview shows it in bold.
    wanted = "De zorgen zijn **groot**, zeker bij:\n\n- detentie\n- *terugkeer*"
    qtbot.waitUntil(lambda: "De zorgen zijn groot, zeker bij:" in letter.preview.toPlainText(), timeout=20000)
    qtbot.waitUntil(lambda: _bold_in_preview(letter, "groot"), timeout=20000)
    import json

    stored = json.loads(_db_settings(qtbot, window)["sections"])
    assert stored == {theme.title: {"introduction": wanted}}

    # The letter's introduction and closing are written the same way.
    _choose_part(qtbot, letter, "Introduction of the letter")
    _click_into(qtbot, field)
    QTest.keySequence(field, "Ctrl+A")
    QTest.keyClicks(field, "Wij lezen het akkoord ")
    QTest.keySequence(field, "Ctrl+I")
    QTest.keyClicks(field, "met zorg")
    _choose_part(qtbot, letter, "Closing of the letter")  # choosing another part stores the text at once
    qtbot.waitUntil(lambda: _db_settings(qtbot, window).get("introduction") == "Wij lezen het akkoord *met zorg*",
                    timeout=15000)
    _click_into(qtbot, field)
    QTest.keySequence(field, "Ctrl+A")
    QTest.keyClicks(field, "Wij gaan graag met u in gesprek.")
    QTest.keyClick(field, Qt.Key.Key_Return)
    QTest.keyClicks(field, "Hoogachtend,")
    QTest.keyClick(field, Qt.Key.Key_Tab)  # leaving the field stores it
    qtbot.waitUntil(lambda: "Wij gaan graag met u in gesprek." in letter.preview.toPlainText(), timeout=20000)
    assert _db_settings(qtbot, window)["closing"] == "Wij gaan graag met u in gesprek.\n\nHoogachtend,"
    assert window.review_actions.undo.text().replace("&", "") == "Undo Write the letter's closing"

    out = tmp_path / "reactie.docx"
    with qtbot.waitSignal(letter.exported, timeout=30000):
        letter.export(out)
    document = docx.Document(str(out))
    paragraphs = document.paragraphs
    opening = next(p for p in paragraphs if p.text == "De zorgen zijn groot, zeker bij:")
    assert [run.text for run in opening.runs if run.bold] == ["groot"]
    items = [p for p in paragraphs if p.text in ("detentie", "terugkeer")]
    assert [p.style.name for p in items] == ["List Bullet", "List Bullet"]
    assert [run.text for run in items[1].runs if run.italic] == ["terugkeer"]
    introduction = next(p for p in paragraphs if p.text.startswith("Wij lezen het akkoord"))
    assert [run.text for run in introduction.runs if run.italic] == ["met zorg"]
    texts = [p.text for p in paragraphs]
    assert texts.index("Wij gaan graag met u in gesprek.") < texts.index("Hoogachtend,")
    # The section's introduction opens the section, before its passages.
    heading = texts.index(theme.title)
    assert texts[heading + 1] == "De zorgen zijn groot, zeker bij:"


def test_arranging_passages_by_mouse_and_keys_undo_three_times_then_redo(
        qtbot, window: MainWindow, agreement_2021: Path) -> None:
    letter, theme, (a, b, c) = _prepare(qtbot, window, agreement_2021,
                                        (Judgment.CONCERN, Judgment.NOTE, Judgment.SERIOUS_CONCERN))
    _choose_part(qtbot, letter, theme.title)
    passages = letter.composer.passages
    qtbot.waitUntil(lambda: _groups(letter) == ((a,), (b,), (c,)), timeout=15000)  # reading order

    # 1. Drag the third passage onto the first: the two are argued in one paragraph.
    start = passages.drop_rect(c).center()
    target = passages.drop_rect(a).center()
    QTest.mousePress(passages.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        QTest.mouseMove(passages.viewport(), start + (target - start) * step / 5)
    QTest.mouseRelease(passages.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert _groups(letter) == ((a, c), (b,))
    assert _rows(letter)[1].startswith("      + ")
    qtbot.waitUntil(lambda: "de passages" in letter.preview.toPlainText(), timeout=20000)
    text = _section_text(letter, theme.title)
    assert text.index(PHRASES[0]) < text.index(PHRASES[2]) < text.index(PHRASES[1])
    # One opening, the gravest judgment's: serious concern.
    assert "ernstige zorgen over de passages" in text

    # 2. Alt+Up on the second paragraph's passage moves it above the paragraph of two.
    passages.setFocus()
    qtbot.waitUntil(passages.hasFocus, timeout=3000)
    passages.setCurrentRow(passages.row_of(b))
    QTest.keyClick(passages, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _groups(letter) == ((b,), (a, c))
    assert passages.currentItem().data(Qt.ItemDataRole.UserRole) == b

    # 3. Alt+Right on the first passage of the paragraph of two: it is argued with the one before.
    QTest.keyClick(passages, Qt.Key.Key_Down)
    assert passages.currentItem().data(Qt.ItemDataRole.UserRole) == a
    QTest.keyClick(passages, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert _groups(letter) == ((b, a), (c,))
    settle(qtbot, window)
    # The Edit menu names each step as it was done.
    assert window.review_actions.undo.text().replace("&", "") == "Undo Argue passages together"
    arrangement = parse_arrangement(_db_settings(qtbot, window)["arrangement"])
    assert section_order(arrangement, theme.id).groups == ((b, a), (c,))
    qtbot.waitUntil(lambda: _section_text(letter, theme.title).index(PHRASES[1])
                    < _section_text(letter, theme.title).index(PHRASES[0]), timeout=20000)

    # Undo three times (Ctrl+Z with the list focused: the review's history), each a step of its own.
    for expected in (((b,), (a, c)), ((a, c), (b,)), ((a,), (b,), (c,))):
        QTest.keySequence(passages, "Ctrl+Z")
        qtbot.waitUntil(lambda: _groups(letter) == expected, timeout=20000)
    qtbot.waitUntil(lambda: "de passages" not in letter.preview.toPlainText(), timeout=20000)
    text = _section_text(letter, theme.title)
    assert text.index(PHRASES[0]) < text.index(PHRASES[1]) < text.index(PHRASES[2])
    assert "de passages" not in text
    # Redo brings the first step back.
    QTest.keySequence(passages, "Ctrl+Shift+Z")
    qtbot.waitUntil(lambda: _groups(letter) == ((a, c), (b,)), timeout=20000)
    qtbot.waitUntil(lambda: "de passages" in letter.preview.toPlainText(), timeout=20000)

    # Alt+Left takes a passage out of its paragraph again; a drag between two rows puts one there.
    passages.setCurrentRow(passages.row_of(c))
    QTest.keyClick(passages, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert _groups(letter) == ((a,), (c,), (b,))
    start, rect = passages.drop_rect(b).center(), passages.drop_rect(a)
    target = QPoint(rect.center().x(), rect.top() + 2)  # the top edge of the first row: before it
    QTest.mousePress(passages.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        QTest.mouseMove(passages.viewport(), start + (target - start) * step / 5)
    QTest.mouseRelease(passages.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert _groups(letter) == ((b,), (a,), (c,))
    settle(qtbot, window)
    qtbot.waitUntil(lambda: section_order(parse_arrangement(_db_settings(qtbot, window)["arrangement"]),
                                          theme.id).groups == ((b,), (a,), (c,)), timeout=15000)


def test_hostile_text_is_cleaned_or_refused_without_a_crash(qtbot, window: MainWindow,
                                                            agreement_2021: Path) -> None:
    letter, theme, _ids = _prepare(qtbot, window, agreement_2021)
    _choose_part(qtbot, letter, theme.title)
    field = letter.composer.field
    _click_into(qtbot, field)
    # Control characters pasted in are left out of what is stored.
    QApplication.clipboard().setText("Zorg\x00 om\x07 detentie\x1b.")
    QTest.keySequence(field, "Ctrl+V")
    QTest.keyClick(field, Qt.Key.Key_Tab)
    import json

    qtbot.waitUntil(lambda: "sections" in _db_settings(qtbot, window), timeout=15000)
    assert json.loads(_db_settings(qtbot, window)["sections"]) == {theme.title: {"introduction":
                                                                                 "Zorg om detentie."}}
    # A megabyte is refused with a message; what was stored stays, and the window goes on.
    _click_into(qtbot, field)
    QApplication.clipboard().setText("woord " * ((1 << 20) // 6 + 1))
    QTest.keySequence(field, "Ctrl+V")
    QTest.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "not saved" in window.message_bar.text, timeout=20000)
    assert json.loads(_db_settings(qtbot, window)["sections"]) == {theme.title: {"introduction":
                                                                                 "Zorg om detentie."}}
    # The field still answers.
    _click_into(qtbot, field)
    QTest.keySequence(field, "Ctrl+A")
    QTest.keyClicks(field, "Kort.")
    QTest.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "Kort." in letter.preview.toPlainText(), timeout=20000)
