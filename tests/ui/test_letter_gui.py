"""The letter beside the agreement: the preview follows the highlights, checks lead to them, export writes Word."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from PySide6.QtCore import Qt

from annotator.domain.model import Judgment, TreatyRef
from annotator.ui.main_window import MainWindow
from ui_support import drag, highlight_phrase, open_review, phrase_points, show_letter_tab, window  # noqa: F401 (fixture)


def test_preview_checks_settings_and_export(qtbot, window: MainWindow, agreement_2021: Path,
                                            tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    letter = window.workspace.letter
    judged = highlight_phrase(qtbot, window, 5, "aandacht voor emotioneel")
    review = window.review.review
    window.review.set_judgment([review.annotations[judged.id]], Judgment.SERIOUS_CONCERN)
    theme = review.themes[0]
    window.review._bulk([review.annotations[judged.id]], "Set theme", theme_id=theme.id,
                        references=(TreatyRef.parse("crc:3"),))
    start, end = phrase_points(qtbot, window, 5, "Daarbij geven ouders")
    drag(window.view, start, end)
    loose = window.review.highlight_selection()  # no judgment, no theme: the checks must say so

    show_letter_tab(qtbot, window)  # the reviewer turns to the letter
    qtbot.waitUntil(lambda: "aandacht voor emotioneel" in letter.preview.toPlainText(), timeout=15000)
    text = letter.preview.toPlainText()
    assert theme.title in text
    assert re.search(r"\(p\.\s3\)", text)  # the sixth PDF page carries the printed number 3
    checks = [letter.checks.item(i).text() for i in range(letter.checks.count())]
    assert any("Not judged yet" in check for check in checks)
    row = next(i for i in range(letter.checks.count()) if letter.checks.item(i).data(Qt.ItemDataRole.UserRole)
               == loose.id)
    letter.checks.itemClicked.emit(letter.checks.item(row))
    assert window.editor.annotation.id == loose.id

    with qtbot.waitSignal(letter.settings_dialog_shown, timeout=10000) as shown:
        letter.settings_button.click()
    dialog = shown.args[0]
    dialog.fields["organisation"].setText("Amnesty International")
    dialog.fields["organisation_short"].setText("Amnesty")
    dialog.accept()
    qtbot.waitUntil(lambda: "Amnesty International" in letter.preview.toPlainText(), timeout=15000)
    # The settings are one undoable step, like every other change.
    window.review_actions.undo.trigger()
    qtbot.waitUntil(lambda: "Amnesty International" not in letter.preview.toPlainText(), timeout=15000)
    window.review_actions.redo.trigger()
    qtbot.waitUntil(lambda: "Amnesty International" in letter.preview.toPlainText(), timeout=15000)

    out = tmp_path / "reactie.docx"
    task = letter.export(out)
    with qtbot.waitSignal(letter.exported, timeout=30000):
        pass
    assert task is not None and out.exists()
    with zipfile.ZipFile(out) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        notes = docx.read("word/footnotes.xml").decode("utf-8")
    assert "aandacht voor emotioneel" in body and "Amnesty" in body
    assert "IVRK" in notes
    assert "reactie.docx" in window.message_bar.text


def test_letter_settings_a_database_made_elsewhere_cannot_use_are_named_in_the_checks(
        qtbot, agreement_2021: Path, tmp_path: Path) -> None:
    from annotator.store.database import Database
    from annotator.store.repository import Repository
    from ui_support import shown_window

    with Database.open(str(tmp_path / "review.sqlite")) as db:  # written by another program
        repo = Repository(db)
        for key, value in {"language": "klingon", "summary": "misschien", "organisation": "Amnesty",
                           "salutation": "Geachte\x00 Kamerleden,"}.items():
            repo.set_letter_setting(key, value)
    with shown_window(qtbot, tmp_path, language="nl") as window:
        open_review(qtbot, window, agreement_2021)
        highlight_phrase(qtbot, window, 5, "aandacht voor emotioneel")
        show_letter_tab(qtbot, window)
        letter = window.workspace.letter
        qtbot.waitUntil(lambda: "aandacht voor emotioneel" in letter.preview.toPlainText(), timeout=15000)
        checks = [letter.checks.item(i).text() for i in range(letter.checks.count())]
        ignored = [check for check in checks if "onbruikbaar" in check]
        assert len(ignored) == 2 and ignored[0].endswith(": Taal")
        assert "Begin met een samenvatting" in ignored[1]
        text = letter.preview.toPlainText()
        assert "Geachte Kamerleden," in text and "Amnesty heeft kennisgenomen" in text  # Dutch, the defaults
