"""The Dutch interface on screen: the find bar counts hits in Dutch singular and plural, and Qt's own texts (the
standard buttons of a dialog, the context menu of a text field) speak Dutch too once i18n.install has made Dutch
the application's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fitz
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMenu, QWidget

from annotator.paths import sample_agreement
from annotator.ui import i18n
from annotator.ui.theme_dialog import ThemeDialog
from ui_support import open_and_wait, open_review, press_key, shown_window

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    """Dutch as the application's language, as annotator --lang nl starts; English again afterwards."""
    i18n.install(qapp, "nl")
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def counted_pdf(tmp_path: Path) -> Path:
    """Three pages: "zeldzaam" once, "mensenrechten" three times."""
    path = tmp_path / "tellen.pdf"
    document = fitz.open()
    for lines in (["Het recht op huisvesting is een zeldzaam onderwerp.", "De mensenrechten gelden voor iedereen."],
                  ["Wij beschermen de mensenrechten in Nederland."],
                  ["Over mensenrechten spreken wij met het parlement."]):
        page = document.new_page()
        for number, line in enumerate(lines):
            page.insert_text((72, 90 + 24 * number), line, fontsize=12)
    document.save(path)
    document.close()
    return path


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _search(qtbot, field: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` over what the find field holds, as a reviewer does."""
    assert QApplication.focusWidget() is field
    QTest.keyClick(field, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(field, text)


def test_the_dutch_find_bar_counts_one_treffer_and_three_treffers(qtbot, tmp_path: Path, counted_pdf: Path,  # type: ignore[no-untyped-def]
                                                                   dutch: None) -> None:
    with shown_window(qtbot, tmp_path, language="nl") as window:
        open_and_wait(qtbot, window, counted_pdf)
        press_key(qtbot, window, Qt.Key.Key_F, CTRL)
        field, count = window.search_bar.field, window.search_bar.count
        qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=5000)
        assert field.placeholderText() == "Zoeken in het document"

        _search(qtbot, field, "zeldzaam")
        qtbot.waitUntil(lambda: count.text() == "1 van 1 treffer", timeout=20000)
        assert count.isVisible()

        _search(qtbot, field, "mensenrechten")
        qtbot.waitUntil(lambda: count.text() == "1 van 3 treffers", timeout=20000)
        QTest.keyClick(field, Qt.Key.Key_Return)
        assert count.text() == "2 van 3 treffers"

        _search(qtbot, field, "xylofoonkwartet")
        qtbot.waitUntil(lambda: count.text() == "Geen treffers", timeout=20000)


def _right_click(widget: QWidget) -> QMenu:
    """Press and release the right button on ``widget``: X11 makes a context-menu event of the press, and the release
    comes up over the menu it opened; the offscreen platform makes none, so there it is sent as X11 would."""
    point = widget.rect().center()
    QTest.mousePress(widget, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)
    if not isinstance(QApplication.activePopupWidget(), QMenu):
        QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                         widget.mapToGlobal(point)))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    QTest.mouseRelease(menu, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier,
                       menu.mapFromGlobal(widget.mapToGlobal(point)))
    assert QApplication.activePopupWidget() is menu  # the menu stays open
    return menu


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raising and grabbing the keyboard
def test_qt_s_own_buttons_and_menus_speak_dutch(qtbot, tmp_path: Path, dutch: None) -> None:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, tmp_path, language="nl") as window:
        open_review(qtbot, window, sample_agreement())
        # Markeren › Thema's…, with Alt+M and a click on the entry: the dialog's standard buttons.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        window.view.setFocus()
        qtbot.waitUntil(window.view.hasFocus, timeout=3000)
        QTest.keyClick(_focus(), Qt.Key.Key_M, ALT)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu) and menu.title() == "&Markeren"
        entry = next(action for action in menu.actions() if action.text() == "&Thema's…")
        QTest.mouseMove(menu, menu.actionGeometry(entry).center())
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         menu.actionGeometry(entry).center())
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ThemeDialog), timeout=5000)
        dialog = QApplication.activeModalWidget()
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"
        assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "OK"
        qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)  # keys go to the active window
        QTest.keyClick(_focus(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)

        # The context menu of the find field: Qt's own entries, in Dutch.
        press_key(qtbot, window, Qt.Key.Key_F, CTRL)
        field = window.search_bar.field
        qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=5000)
        QTest.keyClicks(field, "klimaat")
        menu = _right_click(field)
        entries = [action.text().split("\t")[0].replace("&", "") for action in menu.actions() if action.text()]
        assert {"Ongedaan maken", "Knippen", "Kopiëren", "Plakken", "Alles selecteren"} <= set(entries), entries
        QTest.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=5000)


def test_install_switches_qt_s_texts_and_returns_the_translator(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    try:
        dutch = i18n.install(qapp, "nl")
        assert dutch.language == "nl" and dutch("Open agreement") == "Akkoord openen"
        assert QCoreApplication.translate("annotator", "Open agreement") == "Akkoord openen"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"
        english = i18n.install(qapp, "en")
        # Qt's own texts change at once, also in a button box already made.
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        qtbot.waitUntil(lambda: cancel.text() == "Cancel", timeout=3000)
        assert english("%n hit(s)", None, n=1) == "1 hit"
        assert QCoreApplication.translate("annotator", "Open agreement") == "Open agreement"
    finally:
        i18n.install(qapp, "en")


def test_a_translator_keeps_its_language_whichever_the_application_has(dutch: None) -> None:
    english = i18n.Translator("en")
    assert english("Open agreement") == "Open agreement" and english("%n hit(s)", None, n=3) == "3 hits"
    assert i18n.Translator("nl")("&Open…") == "&Openen…"
