"""The first start's welcome (what annotator does, the name, the sample agreement) and Help › About (the version,
the libraries' licences, where the database and the log file are)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from annotator import __version__
from annotator.paths import sample_agreement
from annotator.ui.about import AboutDialog
from annotator.ui.app import _ask_name_on_first_start
from annotator.ui.background import log_file
from annotator.ui.main_window import MainWindow
from annotator.ui.welcome import WelcomeDialog
from ui_support import highlight_phrase, settle, shown_window, window  # noqa: F401 (fixture)


def _welcome(qtbot) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), WelcomeDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, WelcomeDialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)  # keys and their shortcuts go to the active window
    return dialog


def test_the_first_start_welcomes_and_the_sample_opens_under_the_name_typed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, tmp_path) as window:
        qtbot.waitUntil(lambda: window.workspace is not None, timeout=5000)  # the window is up, without a document
        _ask_name_on_first_start(window)  # as the program does once its window is up, with empty settings
        dialog = _welcome(qtbot)
        assert any("coalition agreement" in label.text() for label in dialog.findChildren(QLabel))
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name, timeout=5000)
        QTest.keySequence(dialog.name, "Ctrl+A")
        QTest.keyClicks(dialog.name, "Sanne Visser")
        with qtbot.waitSignal(window.document_opened, timeout=15000):
            qtbot.mouseClick(dialog.sample, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        assert window.document is not None and window.document.path == sample_agreement()
        assert window.settings.value("reviewer_name") == "Sanne Visser"
        qtbot.waitUntil(lambda: window.review.review is not None, timeout=15000)
        mine = highlight_phrase(qtbot, window, 3, "snellere beslissingen")
        settle(qtbot, window)
        assert mine.author == "Sanne Visser"


def test_start_keeps_the_name_and_opens_nothing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, tmp_path, language="nl") as window:
        qtbot.waitUntil(lambda: window.workspace is not None, timeout=5000)
        _ask_name_on_first_start(window)
        dialog = _welcome(qtbot)
        assert dialog.windowTitle() == "Welkom bij annotator"
        assert dialog.start.text() == "&Beginnen" and dialog.sample.text() == "Het &voorbeeldakkoord openen"
        QTest.keySequence(dialog.name, "Ctrl+A")
        QTest.keyClicks(dialog.name, "Joost")
        QTest.keyClick(dialog.name, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # &Beginnen
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        assert window.settings.value("reviewer_name") == "Joost"
        QTest.qWait(200)
        assert window.document is None


def test_every_control_of_the_welcome_has_an_accessible_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = WelcomeDialog(window.tr_, "Anna", window)
    dialog.show()
    for control in (dialog.name, dialog.sample, dialog.start):
        assert control.accessibleName(), control.objectName()
    dialog.reject()


class _Opened(QObject):
    """Stands in for the file manager: records the folders "Open Folder" asks for."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def _open_about(qtbot, window: MainWindow, help_title: str = "&Help", about: Qt.Key = Qt.Key.Key_A) -> AboutDialog:  # type: ignore[no-untyped-def]
    """Alt+H opens Help, the underlined letter of About annotator opens it, as a reviewer's keys do."""
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=5000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=3000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    menu = QApplication.activePopupWidget()
    assert menu.title() == help_title
    QTest.keyClick(menu, about)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AboutDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AboutDialog)
    return dialog


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raising and grabbing the keyboard
def test_help_about_shows_the_version_licences_and_where_the_files_are(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    dialog = _open_about(qtbot, window)
    assert __version__ in dialog.findChild(QLabel, "about-version").text()
    licences = dialog.licences.text()
    for library, licence in (("PySide6", "LGPL-3.0"), ("PyMuPDF", "AGPL-3.0"), ("SQLAlchemy", "MIT"),
                             ("python-docx", "MIT"), ("platformdirs", "MIT"), ("rapidfuzz", "MIT"),
                             ("psycopg", "LGPL-3.0"), ("Alembic", "MIT"), ("Qt", "LGPL-3.0")):
        assert library in licences and licence in licences
    from importlib import metadata

    assert metadata.version("SQLAlchemy") in licences and metadata.version("PyMuPDF") in licences
    database = dialog.paths["database"]
    assert database.text() == str(tmp_path / "review.sqlite") and database.isReadOnly()
    assert dialog.paths["log"].text() == str(log_file())
    # The path can be selected and copied with the keyboard.
    database.setFocus()
    QTest.keySequence(database, "Ctrl+A")
    QTest.keySequence(database, "Ctrl+C")
    assert QApplication.clipboard().text() == str(tmp_path / "review.sqlite")
    # Open Folder shows the database's folder in the file manager.
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        qtbot.mouseClick(dialog.open_buttons["database"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.open_buttons["log"], Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in opened.urls] == [str(tmp_path), str(log_file().parent)]
    for control in (*dialog.paths.values(), *dialog.open_buttons.values(), dialog.licences):
        assert control.accessibleName(), control.objectName()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_about_on_a_team_server_shows_the_url_without_its_password_in_dutch(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = "postgresql+psycopg://noor:geheim@db.invalid:5432/annotator"
    with shown_window(qtbot, tmp_path, language="nl", database_url=url) as window:
        dialog = _open_about(qtbot, window, "&Help", Qt.Key.Key_O)  # &Over annotator
        assert dialog.windowTitle() == "Over annotator"
        assert dialog.open_buttons["database"].text() == "Map openen"
        assert dialog.paths["database"].text() == "postgresql+psycopg://noor@db.invalid:5432/annotator"
        assert not dialog.open_buttons["database"].isEnabled()
        dialog.reject()
