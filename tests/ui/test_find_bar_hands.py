"""The find bar as a reviewer's hands use it: closed and opened again over the same word it finds again; Enter
after moving away goes on from the page being read; Escape on the page closes it; the field stays put while the
hits are counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from annotator.ui.main_window import MainWindow
from ui_support import (  # noqa: F401 (window: fixture)
    click, find_in_bar, go_to_page, hits_counted, long_pdf, open_review, press_key, window)

PAGES = 240
PHRASE = "gelijke behandeling"
PHRASE_PAGES = range(5, PAGES, 10)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return long_pdf(tmp_path_factory.mktemp("find-hands") / "akkoord.pdf", PAGES, 3, PHRASE, PHRASE_PAGES)




def _current_on(qtbot, window: MainWindow, page: int) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    qtbot.waitUntil(lambda: view._current_hit is not None and view._current_hit[0] == page
                    and page in view.visible_pages(), timeout=10000)



def test_the_bar_opened_again_over_its_word_finds_it_again(qtbot, window: MainWindow, document: Path) -> None:  # type: ignore[no-untyped-def]
    open_review(qtbot, window, document)
    bar = window.search_bar
    find_in_bar(qtbot, window, PHRASE)
    qtbot.waitUntil(lambda: hits_counted(window), timeout=30000)
    assert bar.count.text() == f"1 of {len(PHRASE_PAGES)} hits"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and bar.count.text() == "" and not window.view._hits
    # Ctrl+F again, the word still in the field: the hits are there again, and Enter steps through them.
    press_key(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.field.text() == PHRASE
    qtbot.waitUntil(lambda: hits_counted(window), timeout=30000)
    _current_on(qtbot, window, PHRASE_PAGES[0])
    assert window.view._hits.get(PHRASE_PAGES[0])
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    _current_on(qtbot, window, PHRASE_PAGES[1])
    assert bar.count.text() == f"2 of {len(PHRASE_PAGES)} hits"
    press_key(qtbot, window, Qt.Key.Key_F3)
    _current_on(qtbot, window, PHRASE_PAGES[2])


def test_enter_after_moving_away_goes_on_from_the_page_being_read(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                  document: Path) -> None:
    open_review(qtbot, window, document)
    bar = window.search_bar
    find_in_bar(qtbot, window, PHRASE)
    qtbot.waitUntil(lambda: hits_counted(window), timeout=30000)
    _current_on(qtbot, window, PHRASE_PAGES[0])
    # To page 151 (index 150, no hit on it): Enter goes to the next hit after it, not after the first one.
    go_to_page(qtbot, window, 150)
    press_key(qtbot, window, Qt.Key.Key_F3)
    _current_on(qtbot, window, 155)
    assert bar.count.text() == f"{PHRASE_PAGES.index(155) + 1} of {len(PHRASE_PAGES)} hits"
    # From page 101, Shift+F3 goes to the last hit before it.
    go_to_page(qtbot, window, 100)
    press_key(qtbot, window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    _current_on(qtbot, window, 95)
    # Near the hit, stepping goes on from it as before.
    press_key(qtbot, window, Qt.Key.Key_F3)
    _current_on(qtbot, window, 105)
    # Past the last hit, Enter goes round to the first.
    go_to_page(qtbot, window, PAGES - 1)
    press_key(qtbot, window, Qt.Key.Key_F3)
    _current_on(qtbot, window, PHRASE_PAGES[0])


def test_escape_on_the_page_closes_the_find_bar(qtbot, window: MainWindow, document: Path) -> None:  # type: ignore[no-untyped-def]
    open_review(qtbot, window, document)
    find_in_bar(qtbot, window, PHRASE)
    qtbot.waitUntil(lambda: hits_counted(window), timeout=30000)
    view = window.view
    click(view, view.viewport().rect().center().toPointF())
    qtbot.waitUntil(view.hasFocus, timeout=5000)
    press_key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.search_bar.isVisible() and not view._hits


def test_the_field_stays_put_while_the_hits_are_counted(qtbot, window: MainWindow, document: Path) -> None:  # type: ignore[no-untyped-def]
    open_review(qtbot, window, document)
    bar = window.search_bar
    places: set[tuple[int, int]] = set()
    texts: set[str] = set()

    def note() -> bool:
        texts.add(bar.count.text())
        field = bar.field.geometry()
        places.add((field.width(), bar.count.mapTo(bar, QPoint(0, 0)).x()))
        return hits_counted(window)

    find_in_bar(qtbot, window, "zorg")  # some 20 times on each page: thousands of hits, counted as they come
    qtbot.waitUntil(note, timeout=60000)
    assert len(texts) > 2, texts  # the count grew while the field was watched
    assert len(places) == 1, places
