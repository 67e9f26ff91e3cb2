"""Letter › Import Profile… and Export Profile… in the Letter panel, as a reviewer's hands use them: click the
button, type the file name in the file dialog, press Enter; then the Letter Settings show what the profile gave."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from annotator.ui.main_window import MainWindow
from ui_support import highlight_phrase, open_review, settle, show_letter_tab, window  # noqa: F401 (fixture)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raising, grabbing the keyboard

PROFILE = {
    "organisation": "Stichting Rechtenwacht",
    "signatory": "Mr. A. de Vries",
    "signatory_function": "Directeur",
    "introduction": "Stichting Rechtenwacht heeft het akkoord gelezen.",
    "closing": "Hoogachtend,",
    "language": "nl",
    "citation_style": "short",
}


def _click(qtbot, window: MainWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    button = window.workspace.letter.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_file_name(qtbot, dialog: QFileDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Type the file's full name where the dialog has put the cursor (its file name field) and press Enter."""
    qtbot.waitUntil(lambda: dialog.isVisible() and QApplication.focusWidget() is not None
                    and dialog.isAncestorOf(QApplication.focusWidget()), timeout=5000)
    field = QApplication.focusWidget()
    field.selectAll() if hasattr(field, "selectAll") else None
    QTest.keyClicks(field, str(path))
    QTest.keyClick(field, Qt.Key.Key_Return)


def _settings_dialog(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    letter = window.workspace.letter
    with qtbot.waitSignal(letter.settings_dialog_shown, timeout=10000) as shown:
        qtbot.mouseClick(letter.settings_button, Qt.MouseButton.LeftButton)
    return shown.args[0]


def test_import_a_profile_then_export_it(qtbot, window: MainWindow, agreement_2021: Path,  # type: ignore[no-untyped-def]
                                         tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    highlight_phrase(qtbot, window, 5, "aandacht voor emotioneel")
    show_letter_tab(qtbot, window)
    letter = window.workspace.letter
    profile = tmp_path / "rechtenwacht.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")

    with qtbot.waitSignal(letter.profile_dialog_shown, timeout=5000) as shown:
        _click(qtbot, window, "import-profile")
    dialog = shown.args[0]
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog) and dialog.windowTitle() == "Import Profile"
    with qtbot.waitSignal(letter.profile_imported, timeout=10000):
        _type_file_name(qtbot, dialog, profile)
    settle(qtbot, window)
    assert "rechtenwacht.json" in window.message_bar.text
    qtbot.waitUntil(lambda: "Stichting Rechtenwacht heeft het akkoord gelezen." in letter.preview.toPlainText(),
                    timeout=15000)
    assert "Hoogachtend," in letter.preview.toPlainText()

    settings = _settings_dialog(qtbot, window)
    assert settings.fields["organisation"].text() == "Stichting Rechtenwacht"
    assert settings.fields["signatory_name"].text() == "Mr. A. de Vries"
    assert settings.fields["signatory_function"].text() == "Directeur"
    assert settings.fields["closing"].toPlainText() == "Hoogachtend,"
    assert settings.fields["introduction"].toPlainText() == PROFILE["introduction"]
    assert settings.language.currentData() == "nl" and settings.citation_style.currentData() == "short"
    settings.reject()

    # The import is one step to undo, like every change of the settings.
    window.review_actions.undo.trigger()
    qtbot.waitUntil(lambda: "Stichting Rechtenwacht" not in letter.preview.toPlainText(), timeout=15000)
    window.review_actions.redo.trigger()
    qtbot.waitUntil(lambda: "Stichting Rechtenwacht" in letter.preview.toPlainText(), timeout=15000)

    out = tmp_path / "again"  # the dialog adds .json
    with qtbot.waitSignal(letter.profile_dialog_shown, timeout=5000) as shown:
        _click(qtbot, window, "export-profile")
    dialog = shown.args[0]
    with qtbot.waitSignal(letter.profile_exported, timeout=10000):
        _type_file_name(qtbot, dialog, out)
    written = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert written == {**PROFILE, "sections": {}}
    assert "again.json" in window.message_bar.text


def test_a_profile_that_cannot_be_used_is_named_in_the_message_bar(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                   agreement_2021: Path, tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    show_letter_tab(qtbot, window)
    letter = window.workspace.letter
    bad = tmp_path / "bad.json"
    bad.write_text('{"organisation": "X", "signature": "Y"}', encoding="utf-8")
    with qtbot.waitSignal(letter.profile_dialog_shown, timeout=5000) as shown:
        _click(qtbot, window, "import-profile")
    _type_file_name(qtbot, shown.args[0], bad)
    qtbot.waitUntil(lambda: "signature" in window.message_bar.text, timeout=10000)
    assert "is not a key of a letter profile" in window.message_bar.text
    settle(qtbot, window)
    settings = _settings_dialog(qtbot, window)
    assert settings.fields["organisation"].text() == ""  # nothing was taken
    settings.reject()
