"""A long document in the window: a search counts every hit and shows each one stepped to, the PDF process that
reads the text keeps a bounded part of it, and the sidebar renders the thumbnails in view only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.pdf.service import PdfProcess
from annotator.ui.main_window import MainWindow
from ui_support import long_pdf, open_review, press_key, window  # noqa: F401 (fixture)

PAGES = 320
PHRASE = "rechten van de mens"
PHRASE_PAGES = range(1, PAGES, 4)  # once on each of these pages, somewhere in the text


@pytest.fixture(scope="module")
def long_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PAGES pages of dense text (about 3,000 characters each, as in the 2021 agreement), PHRASE on PHRASE_PAGES."""
    return long_pdf(tmp_path_factory.mktemp("long") / "lang-akkoord.pdf", PAGES, 10, PHRASE, PHRASE_PAGES)


def _resident_mb(pid: int) -> float:
    """The memory a process holds (its resident set), in MB."""
    with open(f"/proc/{pid}/status") as stream:
        for line in stream:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_a_long_document_is_searched_and_every_hit_shown(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                         long_document: Path) -> None:
    open_review(qtbot, window, long_document)
    view, bar, finder = window.view, window.search_bar, window.finder
    text_process = window._text.process.process._process.pid  # the document's PDF process, shared with the renders

    def search(query: str) -> None:
        press_key(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert bar.field.hasFocus()
        qtbot.keyClick(bar.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(bar.field, query)
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: " of " in bar.count.text() and "Searching" not in bar.count.text(), timeout=60000)

    # A first search reads the whole document (the PDF process then holds the texts of the pages read last).
    search("klimaat")
    press_key(qtbot, window, Qt.Key.Key_Home)
    search("Rechten van de MENS")
    assert bar.count.text() == f"1 of {len(PHRASE_PAGES)} hits" and len(finder.hits) == len(PHRASE_PAGES)

    def shown(page: int) -> None:
        """The current hit is on ``page``, on screen, marked, and the page's hits are painted."""
        def marked() -> bool:
            current = view._current_hit
            return current is not None and current[0] == page and page in view.visible_pages()

        qtbot.waitUntil(marked, timeout=10000)
        assert view._hits.get(page), "the hits of the page on screen are painted"
        hit = finder.hits[finder.index]
        assert hit.page == page and hit.rects
        assert view.page_text(page) is None or PHRASE in " ".join(view.page_text(page).text[hit.start:hit.end].split())

    shown(PHRASE_PAGES[0])
    for step in range(1, 4):  # Enter, Enter, Enter
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)
        assert bar.count.text() == f"{step + 1} of {len(PHRASE_PAGES)} hits"
        shown(PHRASE_PAGES[step])
    press_key(qtbot, window, Qt.Key.Key_F3)
    shown(PHRASE_PAGES[4])
    press_key(qtbot, window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    shown(PHRASE_PAGES[3])
    qtbot.mouseClick(bar.field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # round to the last hit
    assert bar.count.text() == f"{len(PHRASE_PAGES)} of {len(PHRASE_PAGES)} hits"
    shown(PHRASE_PAGES[-1])
    # Only the hits of the pages looked at were fetched with their boxes; the others were counted.
    assert len(finder._boxes) < len(PHRASE_PAGES) // 2

    # The process that read and searched every page holds a bounded part of the text: a few megabytes more than a
    # PDF process that has read one page of the document (it held every page's text model before, 0.4 MB a page).
    fresh = PdfProcess()
    try:
        fresh.call("open", long_document, None, timeout=30)
        fresh.call("page_text", 0)
        assert _resident_mb(text_process) - _resident_mb(fresh._process.pid) < 30
    finally:
        fresh.close()


def test_the_sidebar_of_a_long_document_holds_the_thumbnails_in_view(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                     long_document: Path) -> None:
    open_review(qtbot, window, long_document)
    thumbnails = window.sidebar.thumbnails
    assert thumbnails.isVisible() and thumbnails.count() == PAGES
    qtbot.waitUntil(lambda: 0 in thumbnails._have, timeout=10000)
    qtbot.wait(1500)  # time enough to render every thumbnail, were they all asked for
    assert len(thumbnails._have) < 20
    # The reviewer goes to the end of the column of thumbnails: the ones there are rendered, not those in between.
    qtbot.mouseClick(thumbnails.viewport(), Qt.MouseButton.LeftButton,
                     pos=thumbnails.visualItemRect(thumbnails.item(0)).center())
    assert window.view.current_page == 0
    qtbot.keyClick(thumbnails, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: PAGES - 1 in thumbnails._have, timeout=10000)
    assert len(thumbnails._have) < 40


def test_a_search_starts_on_the_page_being_read(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                long_document: Path) -> None:
    open_review(qtbot, window, long_document)
    view, bar, finder = window.view, window.search_bar, window.finder
    middle = PHRASE_PAGES[50]
    press_key(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.page_field, f"[{middle + 1}]")
    qtbot.keyClick(window.page_field, Qt.Key.Key_Return)
    assert view.current_page == middle
    press_key(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.field, PHRASE)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    # The hit on the page being read is the current one as soon as it is found, before the search is done.
    qtbot.waitUntil(lambda: view._current_hit is not None, timeout=20000)
    assert view._current_hit[0] == middle and view.current_page == middle
    qtbot.waitUntil(lambda: "Searching" not in bar.count.text(), timeout=60000)
    # The hits of the pages before it came last: it is the 51st of all.
    assert bar.count.text() == f"51 of {len(PHRASE_PAGES)} hits"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"52 of {len(PHRASE_PAGES)} hits"
    qtbot.waitUntil(lambda: view._current_hit is not None and view._current_hit[0] == PHRASE_PAGES[51], timeout=10000)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"50 of {len(PHRASE_PAGES)} hits"
    qtbot.waitUntil(lambda: view._current_hit is not None and view._current_hit[0] == PHRASE_PAGES[49], timeout=10000)
    assert finder.hits[49].page == PHRASE_PAGES[49] and finder.hits[49].rects
