"""The treaty-reference field of the Annotation editor, typed into as a reviewer does, in English and Dutch.

Keys go through the window (QTest on the window's QWindow: the window system's path to the focused widget, with
shortcuts and popups given their turn first); text is typed into the widget that has the keyboard focus.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidget

from annotator.domain.model import Annotation, TreatyRef
from annotator.paths import sample_agreement
from annotator.pdf.service import ProcessPool
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui.app import database_opener, load_catalogue
from annotator.ui.cache import PageImageCache
from annotator.ui.editor import ReferencePicker
from annotator.ui.i18n import Translator
from annotator.ui.main_window import MainWindow
from ui_support import drag, open_review, phrase_points, settle

PHRASE = "bescherming aan mensen die op de vlucht zijn"
SAMPLE_PAGE = 3  # "1.1 Uitgangspunten"

# What the list shows, per interface language.
SHOWN = {
    "en": {
        "echr:3": "Article 3 ECHR — Prohibition of torture",
        "echr:5": "Article 5 ECHR — Right to liberty and security",
        "refugee_convention:33": 'Article 33 Refugee Convention — Prohibition of expulsion or return ("refoulement")',
        "as written": "Add “{typed}” as written",
    },
    "nl": {
        "echr:3": "art. 3 EVRM — Verbod van foltering",
        "echr:5": "art. 5 EVRM — Recht op vrijheid en veiligheid",
        "refugee_convention:33":
            'art. 33 Vluchtelingenverdrag — Verbod van uitzetting of terugleiding ("refoulement")',
        "as written": "“{typed}” letterlijk toevoegen",
    },
}


@pytest.fixture(params=["en", "nl"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'review.sqlite'}"


@pytest.fixture
def window(qtbot, tmp_path: Path, lang: str, database_url: str) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A main window in ``lang``, shown and active, with its settings and database in a temporary folder."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    processes = ProcessPool()
    win = MainWindow(Translator(lang), settings, PageImageCache(64 * 1024 * 1024), processes, load_catalogue,
                     database_opener(database_url))
    qtbot.addWidget(win)
    win.resize(1200, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    yield win
    win.close()
    processes.close()


# --- a reviewer's hands ---------------------------------------------------------------------------


def press(win: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key, delivered to the window the way the window system does: to its focused widget."""
    QTest.keyClick(win.windowHandle(), key, modifier)


def type_text(win: MainWindow, text: str) -> None:
    """Type ``text`` into the widget that has the keyboard focus."""
    focused = QApplication.focusWidget()
    assert focused is not None and focused.window() is win
    QTest.keyClicks(focused, text)


def click(widget, point: QPoint | None = None) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point or widget.rect().center())


def click_entry(results: QListWidget, row: int) -> None:
    """Press and release the mouse on an entry of the list."""
    results.scrollToItem(results.item(row))
    click(results.viewport(), results.visualItemRect(results.item(row)).center())


def highlight(qtbot, win: MainWindow) -> Annotation:  # type: ignore[no-untyped-def]
    """Open the sample agreement, select a phrase with the mouse and press H: the editor shows the highlight."""
    open_review(qtbot, win, sample_agreement())
    start, end = phrase_points(qtbot, win, SAMPLE_PAGE, PHRASE)
    drag(win.view, start, end)
    win.view.setFocus()
    press(win, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: win.editor.annotation is not None, timeout=5000)
    annotation = win.editor.annotation
    assert annotation is not None and annotation.quote == PHRASE
    return annotation


def picker_with_focus(qtbot, win: MainWindow) -> ReferencePicker:  # type: ignore[no-untyped-def]
    """Click into the reference field."""
    picker = win.editor.references
    win.editor.ensureWidgetVisible(picker.field)
    click(picker.field)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is picker.field, timeout=3000)
    return picker


def entries(picker: ReferencePicker) -> list[str]:
    """The entries of the list of matches, as shown."""
    assert picker.results.isVisible()
    return [picker.results.item(row).text() for row in range(picker.results.count())]


def shown_references(picker: ReferencePicker) -> list[str]:
    return [picker.chosen.item(row).text() for row in range(picker.chosen.count())]


def stored(url: str, annotation: Annotation) -> tuple[TreatyRef, ...]:
    """The annotation's references as the review's database file holds them, read over a connection of our own."""
    db = Database.open(url)
    try:
        saved = Repository(db).get(annotation.id)
    finally:
        db.close()
    assert saved is not None
    return saved.references


def wait_stored(qtbot, win: MainWindow, url: str, annotation: Annotation,  # type: ignore[no-untyped-def]
                refs: tuple[TreatyRef, ...]) -> None:
    settle(qtbot, win)
    qtbot.waitUntil(lambda: stored(url, annotation) == refs, timeout=5000)


def in_view(qtbot, picker: ReferencePicker, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The list of matches is on screen, whole: inside the editor's visible area, every entry in full."""
    viewport = win.editor.viewport()
    results = picker.results

    def visible() -> bool:
        corners = (results.mapTo(viewport, QPoint(0, 0)),
                   results.mapTo(viewport, QPoint(results.width() - 1, results.height() - 1)))
        last = results.visualItemRect(results.item(results.count() - 1))
        fits = not results.verticalScrollBar().isVisible() and results.viewport().rect().contains(last)
        return all(viewport.rect().contains(corner) for corner in corners) and fits

    qtbot.waitUntil(visible, timeout=3000)


# --- the tests ------------------------------------------------------------------------------------

ECHR_3 = TreatyRef("echr", "3")
ECHR_5 = TreatyRef("echr", "5")
REFUGEE_33 = TreatyRef("refugee_convention", "33")
GRONDWET_137 = TreatyRef(instrument="", article="", custom="Grondwet art. 137")


def test_typing_lists_matches_enter_takes_the_highlighted_one_and_the_last_adds_as_written(
        qtbot, window: MainWindow, lang: str, database_url: str) -> None:  # type: ignore[no-untyped-def]
    shown = SHOWN[lang]
    annotation = highlight(qtbot, window)
    picker = picker_with_focus(qtbot, window)

    type_text(window, "EVRM 3")
    in_view(qtbot, picker, window)
    assert entries(picker) == [shown["echr:3"], shown["as written"].format(typed="EVRM 3")]
    assert picker.results.currentRow() == 0
    press(window, Qt.Key.Key_Return)
    assert shown_references(picker) == [shown["echr:3"]]
    assert picker.field.text() == "" and not picker.results.isVisible()
    assert QApplication.focusWidget() is picker.field
    wait_stored(qtbot, window, database_url, annotation, (ECHR_3,))

    # Outside the catalogue: the last entry keeps it exactly as typed.
    type_text(window, "Grondwet art. 137")
    listed = entries(picker)
    assert listed[-1] == shown["as written"].format(typed="Grondwet art. 137")
    for _ in range(len(listed) + 2):  # Down stops at the last entry
        press(window, Qt.Key.Key_Down)
    assert picker.results.currentRow() == len(listed) - 1
    assert QApplication.focusWidget() is picker.field
    press(window, Qt.Key.Key_Return)
    assert shown_references(picker) == [shown["echr:3"], "Grondwet art. 137"]
    assert picker.field.text() == ""
    wait_stored(qtbot, window, database_url, annotation, (ECHR_3, GRONDWET_137))
    assert window.editor.annotation is not None
    assert window.editor.annotation.references == (ECHR_3, GRONDWET_137)


def test_names_abbreviations_and_words_in_both_languages(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, lang: str) -> None:
    shown = SHOWN[lang]
    highlight(qtbot, window)
    picker = picker_with_focus(qtbot, window)
    for typed, first in (("ECHR 3", "echr:3"), ("EVRM 5", "echr:5"), ("refoulement", "refugee_convention:33"),
                         ("art. 33 Vluchtelingenverdrag", "refugee_convention:33"),
                         ("Refugee Convention 33", "refugee_convention:33"), ("torture", "echr:3"),
                         ("foltering", "echr:3"), ("Europees Verdrag voor de Rechten van de Mens 5", "echr:5")):
        type_text(window, typed)
        listed = entries(picker)
        assert listed[0] == shown[first], typed
        assert listed[-1] == shown["as written"].format(typed=typed)
        press(window, Qt.Key.Key_Escape)  # closes the list, the text stays
        assert not picker.results.isVisible() and picker.field.text() == typed
        press(window, Qt.Key.Key_Escape)  # clears the field
        assert picker.field.text() == ""
    assert picker.chosen.count() == 0


def test_arrows_move_in_the_list_escape_closes_it_and_enter_never_takes_unseen(
        qtbot, window: MainWindow, lang: str, database_url: str) -> None:  # type: ignore[no-untyped-def]
    shown = SHOWN[lang]
    annotation = highlight(qtbot, window)
    picker = picker_with_focus(qtbot, window)
    type_text(window, "refoulement")
    listed = entries(picker)
    assert listed[0] == shown["refugee_convention:33"] and len(listed) > 3
    press(window, Qt.Key.Key_Down)
    press(window, Qt.Key.Key_Down)
    press(window, Qt.Key.Key_Up)
    assert picker.results.currentRow() == 1
    assert picker.results.currentItem().isSelected()
    assert QApplication.focusWidget() is picker.field
    assert picker.field.text() == "refoulement"  # the arrows did not move the cursor or change the text
    press(window, Qt.Key.Key_Escape)
    assert not picker.results.isVisible()
    press(window, Qt.Key.Key_Return)  # with the list closed, Enter shows it again and takes nothing
    assert picker.results.isVisible() and picker.chosen.count() == 0
    assert picker.results.currentRow() == 0
    press(window, Qt.Key.Key_Down)
    second = listed[1]
    press(window, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert shown_references(picker) == [second]
    settle(qtbot, window)
    references = stored(database_url, annotation)
    assert len(references) == 1
    assert window.editor.annotation is not None and window.editor.annotation.references == references


def test_a_click_takes_an_entry_and_the_field_stays_ready(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, lang: str, database_url: str) -> None:
    shown = SHOWN[lang]
    annotation = highlight(qtbot, window)
    picker = picker_with_focus(qtbot, window)
    type_text(window, "EVRM 5")
    in_view(qtbot, picker, window)
    click_entry(picker.results, 0)
    assert shown_references(picker) == [shown["echr:5"]]
    assert picker.field.text() == "" and not picker.results.isVisible()
    assert QApplication.focusWidget() is picker.field
    # Clicking the last entry adds the typed text as written.
    type_text(window, "Grondwet art. 137")
    in_view(qtbot, picker, window)
    click_entry(picker.results, picker.results.count() - 1)
    assert shown_references(picker) == [shown["echr:5"], "Grondwet art. 137"]
    wait_stored(qtbot, window, database_url, annotation, (ECHR_5, GRONDWET_137))
    # A chosen entry is marked in the list, and taking it again adds nothing.
    type_text(window, "EVRM 5")
    assert entries(picker)[0] == "✓ " + shown["echr:5"]
    press(window, Qt.Key.Key_Return)
    assert shown_references(picker) == [shown["echr:5"], "Grondwet art. 137"]


def test_delete_removes_a_chosen_reference_with_the_keyboard(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, lang: str, database_url: str) -> None:
    shown = SHOWN[lang]
    annotation = highlight(qtbot, window)
    picker = picker_with_focus(qtbot, window)
    for typed in ("EVRM 3", "EVRM 5", "refoulement"):
        type_text(window, typed)
        press(window, Qt.Key.Key_Return)
    wait_stored(qtbot, window, database_url, annotation, (ECHR_3, ECHR_5, REFUGEE_33))
    press(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back to the chosen references
    assert QApplication.focusWidget() is picker.chosen
    press(window, Qt.Key.Key_Down)
    assert picker.chosen.currentRow() == 1
    press(window, Qt.Key.Key_Delete)
    assert shown_references(picker) == [shown["echr:3"], shown["refugee_convention:33"]]
    wait_stored(qtbot, window, database_url, annotation, (ECHR_3, REFUGEE_33))
    assert QApplication.focusWidget() is picker.chosen
    press(window, Qt.Key.Key_Delete)  # the next one is current now
    assert shown_references(picker) == [shown["echr:3"]]
    wait_stored(qtbot, window, database_url, annotation, (ECHR_3,))
    # The highlight itself is still there: Del in the editor is not "delete highlight".
    assert annotation.id in window.review.review.annotations
    # Undo brings the reference back.
    window.view.setFocus()
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_stored(qtbot, window, database_url, annotation, (ECHR_3, REFUGEE_33))
    assert shown_references(picker) == [shown["echr:3"], shown["refugee_convention:33"]]
