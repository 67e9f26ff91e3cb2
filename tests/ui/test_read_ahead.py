"""A long document is read ahead on the machine's other core as soon as its first page is on screen, so that a
search soon after counts from the pages' keys: every hit once, in order from the page being read, whether the
search comes before, during or after the reading, and also when the second PDF process dies on the way."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from annotator.ui.main_window import MainWindow
from annotator.ui.workers import READ_AHEAD_PAGES, _Split
from ui_support import find_in_bar, go_to_page, hits_counted, long_pdf, open_review, press_key, window  # noqa: F401

PAGES = 400
PHRASE = "vrijheid van meningsuiting"
PHRASE_PAGES = range(3, PAGES, 7)


@pytest.fixture(scope="module")
def long_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert PAGES >= READ_AHEAD_PAGES
    return long_pdf(tmp_path_factory.mktemp("read-ahead") / "lang.pdf", PAGES, 11, PHRASE, PHRASE_PAGES)




def _keyed(window: MainWindow) -> int:
    assert window._text is not None
    return int(window._text.process.call("text_cache")[1])



def _steps_in_order(qtbot, window: MainWindow, start: int, steps: int) -> None:  # type: ignore[no-untyped-def]
    """The current hit is the first from ``start`` on; Enter goes to the next ones, round the document."""
    order = [page for page in PHRASE_PAGES if page >= start] + [page for page in PHRASE_PAGES if page < start]
    view, bar = window.view, window.search_bar
    for step in range(steps):
        page = order[step]
        qtbot.waitUntil(lambda page=page: view._current_hit is not None and view._current_hit[0] == page,
                        timeout=10000)
        number = PHRASE_PAGES.index(page) + 1
        assert bar.count.text() == f"{number} of {len(PHRASE_PAGES)} hits"
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)


def test_the_document_is_read_ahead_and_a_later_search_counts_from_its_keys(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                            long_document: Path) -> None:
    open_review(qtbot, window, long_document)
    # The reviewer reads on meanwhile; the reading ahead goes on beside it.
    for _ in range(5):
        press_key(qtbot, window, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: _keyed(window) == PAGES, timeout=60000)
    # Once every page has its key the second process has ended: it takes memory only while it reads.
    qtbot.waitUntil(lambda: window._text is not None and window._text._second is None, timeout=10000)
    go_to_page(qtbot, window, 100)
    find_in_bar(qtbot, window, PHRASE.upper())
    qtbot.waitUntil(lambda: hits_counted(window), timeout=20000)
    assert window._text._second is None, "a search of a document read ahead needs no second process"
    _steps_in_order(qtbot, window, 100, 4)


@pytest.mark.parametrize("start", [0, 250])
def test_a_search_while_the_document_is_read_ahead_counts_every_hit_once_in_order(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, long_document: Path, start: int) -> None:
    open_review(qtbot, window, long_document)
    if start:
        go_to_page(qtbot, window, start)
    # As soon as the first page is on screen, with some pages read ahead and most not.
    assert _keyed(window) < PAGES
    find_in_bar(qtbot, window, PHRASE)
    qtbot.waitUntil(lambda: hits_counted(window), timeout=60000)
    _steps_in_order(qtbot, window, start, 5)
    # Shift+Enter from the first hit goes round to the one before the start.
    for _ in range(5):
        qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    before = [page for page in PHRASE_PAGES if page < start] or list(PHRASE_PAGES)
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.view._current_hit is not None and window.view._current_hit[0] == before[-1],
                    timeout=10000)


def test_the_second_process_dying_while_it_reads_ahead_loses_no_hit(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                    long_document: Path) -> None:
    open_review(qtbot, window, long_document)
    text = window._text
    assert text is not None
    qtbot.waitUntil(lambda: text._second is not None and text._second.process is not None and _keyed(window) > 0,
                    timeout=30000)
    second = text._second
    assert second is not None and second.process is not None
    os.kill(second.process._process.pid, signal.SIGKILL)  # as the system ends a process it must
    # The document's own process reads the rest; the text layers are known in the end.
    layers: list[frozenset[int]] = []
    text.text_layers_checked.connect(layers.append)
    find_in_bar(qtbot, window, PHRASE)
    qtbot.waitUntil(lambda: hits_counted(window), timeout=60000)
    assert window.search_bar.count.text() == f"1 of {len(PHRASE_PAGES)} hits"
    qtbot.waitUntil(lambda: _keyed(window) == PAGES and bool(layers), timeout=60000)
    assert layers == [frozenset()]


@settings(max_examples=300, deadline=None)
@given(pages=st.integers(1, 60), keyed=st.sets(st.integers(0, 59)), start=st.integers(0, 59),
       steps=st.lists(st.tuples(st.sampled_from(["front", "back", "done-front", "done-back"]), st.integers(1, 8)),
                      max_size=80))
def test_the_two_processes_take_every_page_once_and_hits_show_in_order(pages: int, keyed: set[int], start: int,
                                                                        steps: list[tuple[str, int]]) -> None:
    """Whatever the order in which the two processes take and finish their parts, every page is taken once, the
    second process takes no page the shared one has a key of, and the pages done from the front on never skip one."""
    start %= pages
    order = [*range(start, pages), *range(start)]
    known = {page for page in keyed if page < pages}
    split = _Split(order, known)
    taken: list[int] = []
    busy: dict[str, list[int]] = {"front": [], "back": []}
    for action, count in steps:
        if action == "front":
            part = split.front(min(count, 4), count)
            busy["front"] += part
        elif action == "back":
            part = split.back(count)
            assert not set(part) & known
            busy["back"] += part
        else:
            side = action.removeprefix("done-")
            part, busy[side] = busy[side][:count], busy[side][count:]
            split.complete(part)
            continue
        taken += part
        assert len(taken) == len(set(taken))
        done = {page for page in taken if page not in busy["front"] and page not in busy["back"]}
        assert all(order[place] in done for place in range(split.prefix))
    while not split.done:
        taken += split.front(4, 32)
    split.complete(taken)
    assert sorted(taken) == list(range(pages)) and split.finished and split.prefix == pages
