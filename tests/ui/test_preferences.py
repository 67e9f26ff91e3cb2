"""Edit › Preferences (Ctrl+,): the reviewer's name, the organisation's defaults for new letters, the language, the
database opened at start and the appearance, typed in by the reviewer and kept in the settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QWidget

from annotator.paths import sample_agreement
from annotator.pdf.service import ProcessPool
from annotator.ui import app, i18n
from annotator.ui.main_window import MainWindow
from annotator.ui.preferences import PreferencesDialog, apply_appearance
from ui_support import highlight_phrase, open_review, settle, show_letter_tab, shown_window, window  # noqa: F401


def _open_preferences(qtbot, window: MainWindow) -> PreferencesDialog:  # type: ignore[no-untyped-def]
    """Press Ctrl+, in the active window, as a reviewer does."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=3000)
    QTest.keyClick(window.view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PreferencesDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PreferencesDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name, timeout=5000)
    return dialog


def _type(field: QWidget, text: str) -> None:
    """Move to ``field`` with the keyboard's focus and type ``text`` over what it held."""
    field.setFocus()
    QTest.keySequence(field, "Ctrl+A")
    QTest.keyClicks(field, text)


def _choose(combo: QComboBox, text: str) -> None:
    """Pick the entry ``text`` with the arrow keys, as on a closed combo box with the focus."""
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_ctrl_comma_opens_the_preferences_and_the_name_signs_new_annotations(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_review(qtbot, window, sample_agreement())
    assert window.preferences_action in window.edit_menu.actions()
    assert window.edit_menu.actions()[-1] is window.preferences_action  # last in Edit, after Copy
    dialog = _open_preferences(qtbot, window)
    assert dialog.name.placeholderText()  # what signs without a name: the login here
    QTest.keyClicks(dialog.name, "Noor Bakker")
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.settings.value("reviewer_name") == "Noor Bakker"
    mine = highlight_phrase(qtbot, window, 3, "snellere beslissingen")
    settle(qtbot, window)
    assert mine.author == "Noor Bakker"
    # The list shows the name in the Author column.
    proxy = window.annotation_list.proxy
    column = next(c for c in range(proxy.columnCount())
                  if proxy.headerData(c, Qt.Orientation.Horizontal) == "Author")
    qtbot.waitUntil(lambda: proxy.rowCount() == 1 and proxy.index(0, column).data() == "Noor Bakker", timeout=5000)


def test_the_organisations_defaults_go_into_a_new_letter(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=5000)
    dialog = _open_preferences(qtbot, window)
    _type(dialog.letter_fields["organisation"], "Stichting Rechtenwacht")
    _type(dialog.letter_fields["signatory_name"], "Mr. A. de Wit")
    _type(dialog.letter_fields["signatory_function"], "Directeur")
    QTest.keyClick(dialog.letter_fields["signatory_function"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.settings.value("letter_defaults/organisation") == "Stichting Rechtenwacht"
    assert window.settings.value("letter_defaults/signatory_name") == "Mr. A. de Wit"
    assert window.settings.value("letter_defaults/signatory_function") == "Directeur"
    # The review's database has no letter settings yet: the letter takes the organisation and its signatory.
    open_review(qtbot, window, sample_agreement())
    show_letter_tab(qtbot, window)
    letter = window.workspace.letter
    qtbot.waitUntil(lambda: "Stichting Rechtenwacht" in letter.preview.toPlainText(), timeout=15000)
    text = letter.preview.toPlainText()
    assert "Mr. A. de Wit" in text and "Directeur" in text
    settle(qtbot, window)
    # A colleague with other defaults, on the same database: its letter has settings now and keeps them.
    other = QSettings(str(tmp_path / "colleague.ini"), QSettings.Format.IniFormat)
    other.setValue("letter_defaults/organisation", "Een andere organisatie")
    other.sync()
    with shown_window(qtbot, tmp_path, settings_name="colleague.ini") as colleague:
        open_review(qtbot, colleague, sample_agreement())
        show_letter_tab(qtbot, colleague)
        preview = colleague.workspace.letter.preview
        qtbot.waitUntil(lambda: "Stichting Rechtenwacht" in preview.toPlainText(), timeout=15000)
        settle(qtbot, colleague)
        assert "Een andere organisatie" not in preview.toPlainText()


def test_the_language_is_kept_for_the_next_start(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, tmp_path) as window:
        dialog = _open_preferences(qtbot, window)
        assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == [
            "System", "Nederlands", "English"]
        note = dialog.findChild(QLabel, "preferences-language-note")
        assert note.text() == "Applies at the next start."
        _choose(dialog.language, "Nederlands")
        QTest.keyClick(dialog.language, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        assert window.settings.value("language") == "nl"
        # Qt's own texts speak Dutch at once: the standard buttons of a dialog opened now.
        dialog = _open_preferences(qtbot, window)
        assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).text() == "Annuleren"
        dialog.reject()
    i18n.install(QApplication.instance(), "en")  # English again for the tests that follow
    # The next start reads the same key: its window speaks Dutch.
    path = tmp_path / "settings.ini"
    monkeypatch.setattr(app, "QSettings", lambda *_args: QSettings(str(path), QSettings.Format.IniFormat))
    monkeypatch.delenv("ANNOTATOR_LANG", raising=False)
    processes = ProcessPool()
    try:
        started = app.create_window(processes, database_url=f"sqlite:///{tmp_path / 'review.sqlite'}")
        qtbot.addWidget(started)
        assert started.tr_.language == "nl"
        assert started.preferences_action.text() == "&Voorkeuren…"
        started.close()
    finally:
        processes.close()


def test_the_database_at_start_takes_a_path_or_a_server_url(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_preferences(qtbot, window)
    assert dialog.database.text() == ""  # nothing chosen: the file in the data folder
    _type(dialog.database, "ftp://example.org/annotations")
    QTest.keyClick(dialog.database, Qt.Key.Key_Return)
    problem = dialog.findChild(QLabel, "preferences-problem")
    assert dialog.isVisible() and problem.isVisible() and "postgresql" in problem.text()
    assert window.settings.value("database_url") is None
    shared = tmp_path / "shared" / "team.sqlite"
    _type(dialog.database, str(shared))
    QTest.keyClick(dialog.database, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.settings.value("database_url") == f"sqlite:///{shared.resolve()}"
    # Opened again, the dialog shows the path; a server URL (without a password) is kept as it is.
    dialog = _open_preferences(qtbot, window)
    assert dialog.database.text() == str(shared.resolve())
    _type(dialog.database, "postgresql+psycopg://noor@db.example:5432/annotator")
    QTest.keyClick(dialog.database, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.settings.value("database_url") == "postgresql+psycopg://noor@db.example:5432/annotator"
    # Emptied: the default file again.
    dialog = _open_preferences(qtbot, window)
    _type(dialog.database, "")
    QTest.keyClick(dialog.database, Qt.Key.Key_Backspace)
    QTest.keyClick(dialog.database, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.settings.value("database_url") is None


def test_escape_leaves_the_preferences_unchanged(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_preferences(qtbot, window)
    QTest.keyClicks(dialog.name, "Niet bewaard")
    QTest.keyClick(dialog.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.settings.value("reviewer_name") is None


def test_dark_and_light_appearance_apply_at_once_and_at_the_next_start(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    base = window.palette().color(QPalette.ColorRole.Base)
    try:
        dialog = _open_preferences(qtbot, window)
        assert [dialog.appearance.itemText(i) for i in range(dialog.appearance.count())] == [
            "System", "Light", "Dark"]
        _choose(dialog.appearance, "Dark")
        QTest.keyClick(dialog.appearance, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        assert window.settings.value("appearance") == "dark"
        # The list (and every other field) is dark now.
        qtbot.waitUntil(lambda: window.annotation_list.palette().color(QPalette.ColorRole.Base).lightness() < 80,
                        timeout=5000)
        assert window.palette().color(QPalette.ColorRole.WindowText).lightness() > 180
        dialog = _open_preferences(qtbot, window)
        _choose(dialog.appearance, "System")
        QTest.keyClick(dialog.appearance, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        assert window.settings.value("appearance") is None
        qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Base) == base, timeout=5000)
        # Chosen once, the next window starts in it.
        settings = QSettings(str(tmp_path / "next.ini"), QSettings.Format.IniFormat)
        settings.setValue("appearance", "dark")
        settings.sync()
        with shown_window(qtbot, tmp_path, settings_name="next.ini") as started:
            qtbot.waitUntil(lambda: started.palette().color(QPalette.ColorRole.Base).lightness() < 80, timeout=5000)
    finally:
        apply_appearance("")
    assert QGuiApplication.palette().color(QPalette.ColorRole.Base) == base


def test_every_control_has_an_accessible_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_preferences(qtbot, window)
    try:
        controls = [widget for widget in dialog.findChildren(QWidget)
                    if isinstance(widget, (QLineEdit, QComboBox)) or widget.inherits("QAbstractButton")]
        controls = [widget for widget in controls if widget.isVisible() and widget.parent() is not None
                    and not widget.parent().inherits("QComboBox")]
        assert len(controls) >= 9
        assert [widget.objectName() for widget in controls if not widget.accessibleName()] == []
    finally:
        dialog.reject()


def test_the_dialog_speaks_dutch(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, tmp_path, language="nl") as window:
        assert window.preferences_action.text() == "&Voorkeuren…"
        dialog = _open_preferences(qtbot, window)
        texts = [label.text() for label in dialog.findChildren(QLabel)]
        assert "&Uw naam" in texts and "&Taal" in texts
        assert dialog.windowTitle() == "Voorkeuren"
        assert dialog.language.itemText(0) == "Systeem" and dialog.appearance.itemText(2) == "Donker"
        dialog.reject()
