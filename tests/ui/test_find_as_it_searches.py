"""Find on a long document whose text is not read yet, as a reviewer uses it: the first hit is shown while the rest
of the document is still being searched, every hit is counted once (the search is split over two PDF processes),
and stepping through them with Enter, F3 and Shift+F3 shows them in order."""

from __future__ import annotations

from pathlib import Path

import fitz
import pytest
from PySide6.QtCore import Qt

from annotator.pdf.search import search_document
from annotator.ui.main_window import MainWindow
from ui_support import find_in_bar, long_pdf, open_review, press_key, window  # noqa: F401 (fixture)

PAGES = 600
PHRASE = "rechten van de mens"
PHRASE_PAGES = range(1, PAGES, 3)
RARE = "Grondwet"
RARE_PAGES = (7, 250, 590)


@pytest.fixture(scope="module")
def long_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PAGES pages of dense text, PHRASE once on each of PHRASE_PAGES, RARE on RARE_PAGES."""
    return long_pdf(tmp_path_factory.mktemp("long-find") / "lang-akkoord.pdf", PAGES, 7, PHRASE, PHRASE_PAGES,
                    RARE, RARE_PAGES)


@pytest.fixture(scope="module")
def agreement_x4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2021 agreement four times over: 200 pages of real text (hyphenated words, phrases over line breaks)."""
    path = tmp_path_factory.mktemp("agreement-x4") / "akkoord-x4.pdf"
    target = fitz.open()
    with fitz.open(Path(__file__).resolve().parents[1] / "data" / "coalitieakkoord-2021-2025.pdf") as source:
        for _ in range(4):
            target.insert_pdf(source)
    target.save(path)
    return path



def _done(window: MainWindow) -> bool:
    text = window.search_bar.count.text()
    return bool(text) and "Searching" not in text


def test_the_first_hit_is_shown_while_the_document_is_still_searched(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                     long_document: Path) -> None:
    open_review(qtbot, window, long_document)
    view, bar = window.view, window.search_bar
    # Half-way through the document (its text is read in the background from the first page on, and not while the
    # reviewer moves through the pages): the search starts there.
    middle = PHRASE_PAGES[100]
    press_key(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.page_field, f"[{middle + 1}]")
    qtbot.keyClick(window.page_field, Qt.Key.Key_Return)
    assert view.current_page == middle
    find_in_bar(qtbot, window, "Rechten van de MENS")
    seen: list[str] = []

    def first_hit_marked() -> bool:
        if view._current_hit is None:
            return False
        seen.append(bar.count.text())
        return True

    qtbot.waitUntil(first_hit_marked, timeout=20000)
    # The hit on the page being read is marked and on screen while the count still grows.
    assert view._current_hit[0] == middle and middle in view.visible_pages()
    assert seen[0].startswith("Searching…"), seen[0]
    assert view._hits.get(middle), "the hits of the page on screen are painted"
    qtbot.waitUntil(lambda: _done(window), timeout=60000)
    assert bar.count.text() == f"101 of {len(PHRASE_PAGES)} hits"
    assert view._current_hit[0] == middle

    def current_on(page: int) -> None:
        qtbot.waitUntil(lambda: view._current_hit is not None and view._current_hit[0] == page
                        and page in view.visible_pages(), timeout=10000)

    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"102 of {len(PHRASE_PAGES)} hits"
    current_on(PHRASE_PAGES[101])
    press_key(qtbot, window, Qt.Key.Key_F3)
    assert bar.count.text() == f"103 of {len(PHRASE_PAGES)} hits"
    current_on(PHRASE_PAGES[102])
    press_key(qtbot, window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"102 of {len(PHRASE_PAGES)} hits"
    current_on(PHRASE_PAGES[101])

    # The search gave every page its search key: the next search counts from them, in the document's process,
    # and the second process has ended. From the first page, the first hit is the document's first, and Shift+Enter
    # goes round to the last.
    kept, keyed, _bytes = window._text.process.call("text_cache")
    assert keyed == PAGES
    qtbot.waitUntil(lambda: window._text._second is None, timeout=10000)
    press_key(qtbot, window, Qt.Key.Key_Home)
    find_in_bar(qtbot, window, RARE.lower())
    qtbot.waitUntil(lambda: _done(window) and " of " in bar.count.text(), timeout=20000)
    assert bar.count.text() == f"1 of {len(RARE_PAGES)} hits"
    current_on(RARE_PAGES[0])
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"{len(RARE_PAGES)} of {len(RARE_PAGES)} hits"
    current_on(RARE_PAGES[-1])
    find_in_bar(qtbot, window, "nergens te vinden")
    qtbot.waitUntil(lambda: _done(window), timeout=20000)
    assert bar.count.text() == "No hits"


def test_a_split_search_counts_every_hit_of_a_real_document_once(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                 agreement_x4: Path) -> None:
    with fitz.open(agreement_x4) as doc:
        expected = {query: sum(1 for _hit in search_document(doc, query))
                    for query in ("Mensenrechten", "niet-vrijblijvende", "mediaaanbod", "aandacht voor EMOTIONEEL herstel")}
    assert all(expected.values())
    open_review(qtbot, window, agreement_x4)
    bar = window.search_bar
    for query, count in expected.items():
        press_key(qtbot, window, Qt.Key.Key_Home)  # from the first page: the first hit is the document's first
        find_in_bar(qtbot, window, query)
        qtbot.waitUntil(lambda: _done(window) and " of " in bar.count.text(), timeout=60000)
        assert bar.count.text() == (f"1 of {count} hits" if count > 1 else "1 of 1 hit"), query


def test_a_new_query_while_searching_replaces_the_search(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                         long_document: Path) -> None:
    open_review(qtbot, window, long_document)
    view, bar = window.view, window.search_bar
    find_in_bar(qtbot, window, PHRASE)
    qtbot.waitUntil(lambda: view._current_hit is not None, timeout=20000)
    assert bar.count.text().startswith("Searching…")
    # Another query typed over the first while it is still being searched, then Esc and a search again.
    qtbot.keyClick(bar.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(bar.field, RARE)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _done(window), timeout=60000)
    assert bar.count.text() == f"1 of {len(RARE_PAGES)} hits"
    assert view._current_hit is not None and view._current_hit[0] == RARE_PAGES[0]
    assert set(view._hits) <= set(RARE_PAGES)
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and not view._hits
    find_in_bar(qtbot, window, PHRASE)
    qtbot.waitUntil(lambda: _done(window), timeout=60000)
    assert bar.count.text().endswith(f" of {len(PHRASE_PAGES)} hits")
