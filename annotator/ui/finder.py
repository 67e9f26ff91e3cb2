"""Find in the document: hits arrive page by page from the text worker; Enter and Shift+Enter step through them.

A long document's search counts the hits on most pages without their boxes (the PDF process keeps only a compact
key of pages it read a while ago); the boxes of a page's hits are asked for when the page comes on screen or one of
its hits becomes the current one, and only those of the pages used last are kept.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, overload

from PySide6.QtCore import QObject

from annotator.domain.model import Rect
from annotator.ui.page_view import PageView
from annotator.ui.search_bar import SearchBar

if TYPE_CHECKING:
    from annotator.pdf.search import PageHits, SearchHit
    from annotator.ui.workers import TextWorker

KEPT_PAGES = 200  # pages whose hits' boxes are kept (those on screen and the current one always are)


class _Hits(Sequence["SearchHit"]):
    """Every hit of the search in document order; a hit whose boxes have not been asked for has none yet."""

    def __init__(self, finder: Finder) -> None:
        self._finder = finder

    def __len__(self) -> int:
        return self._finder.total

    @overload
    def __getitem__(self, index: int) -> SearchHit: ...

    @overload
    def __getitem__(self, index: slice) -> list[SearchHit]: ...

    def __getitem__(self, index: int | slice) -> SearchHit | list[SearchHit]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._finder.hit(index)

    def __iter__(self) -> Iterator[SearchHit]:
        return (self[index] for index in range(len(self)))


class Finder(QObject):
    """Keeps the hits of the current query, paints them in the view and counts them in the find bar.

    The search starts on the page being read and goes round the document; its pages with hits arrive in that order
    (on a long document split over two processes too), so the first to arrive is the first hit from the page the
    search began on. Hits are inserted where they belong, whatever their order: the current hit is kept as (page,
    place on the page), and its number follows."""

    def __init__(self, view: PageView, bar: SearchBar, text_worker: Callable[[], TextWorker | None]) -> None:
        super().__init__(view)
        self.view = view
        self.bar = bar
        self._text_worker = text_worker
        self._counts: dict[int, int] = {}  # page -> its number of hits
        self._pages: list[int] = []  # the pages with hits, in order
        self._ends: list[int] | None = []  # the hits up to and including each of them; None: to be counted again
        self._total = 0
        self._current: tuple[int, int] | None = None  # the current hit: its page, its place among the page's hits
        self._waiting: tuple[int, int] | None = None  # a hit to make current once its page's boxes arrive
        self._boxes: OrderedDict[int, tuple[SearchHit, ...]] = OrderedDict()  # page -> its hits, used last at the end
        self._shown: dict[int, list[Rect]] = {}  # what the view paints: the boxes of the pages in _boxes
        self._generation = -1
        self._searching = False
        self._start = 0  # the page the search started on
        bar.opened.connect(self._prepare)
        bar.query_changed.connect(self.search)
        bar.next_requested.connect(lambda: self.step(+1))
        bar.previous_requested.connect(lambda: self.step(-1))
        bar.closed.connect(self._closed)
        view.visible_pages_changed.connect(self._want_boxes)

    @property
    def hits(self) -> Sequence[SearchHit]:
        return _Hits(self)

    @property
    def total(self) -> int:
        return self._total

    @property
    def index(self) -> int | None:
        """The number of the current hit in the document (from 0), if there is one."""
        if self._current is None:
            return None
        page, nth = self._current
        position = bisect_left(self._pages, page)
        return (self._cumulative()[position - 1] if position else 0) + nth

    def hit(self, index: int) -> SearchHit:
        """Hit ``index`` of the document; without boxes when its page's have not arrived."""
        from annotator.pdf.search import SearchHit

        page, nth = self._locate(index)
        found = self._boxes.get(page)
        return found[nth] if found is not None and nth < len(found) else SearchHit(page, -1, -1, ())

    def _cumulative(self) -> list[int]:
        if self._ends is None:
            running = 0
            ends = []
            for page in self._pages:
                running += self._counts[page]
                ends.append(running)
            self._ends = ends
        return self._ends

    def _locate(self, index: int) -> tuple[int, int]:
        """The page of hit ``index`` and its place among that page's hits."""
        ends = self._cumulative()
        position = bisect_right(ends, index)
        return self._pages[position], index - (ends[position - 1] if position else 0)

    def clear(self) -> None:
        self._counts, self._pages, self._ends, self._total = {}, [], [], 0
        self._current = self._waiting = None
        self._boxes = OrderedDict()
        self._shown = {}
        self._generation = -1  # what a search still running finds is not wanted any more
        self._searching = False
        self.view.set_hits(self._shown)
        self.view.set_current_hit(None, None)

    def search(self, query: str) -> None:
        """Start looking for ``query`` from the page being read; an earlier search still running is dropped."""
        self.clear()
        worker = self._text_worker()
        if worker is None:
            return
        self._start = self.view.current_page
        self._generation = worker.search(query, self._start)
        self._searching = bool(query.strip())
        self.bar.show_count(None, 0, self._searching)

    def hits_found(self, worker: TextWorker, generation: int, found: list[PageHits]) -> None:
        if worker is not self._text_worker() or generation != self._generation:
            return
        visible = self.view.visible_pages()
        for hits in found:
            self._found(hits, visible)
        # The view paints what _shown holds (the same dict): only new boxes on screen need a repaint, not a batch
        # of pages counted elsewhere in the document.
        if any(hits.hits is not None and hits.page in visible for hits in found):
            self.view.set_hits(self._shown)
        self.bar.show_count(self.index, self.total, self._searching)

    def _found(self, found: PageHits, visible: list[int]) -> None:
        page = found.page
        new = page not in self._counts
        if new:
            self._counts[page] = found.count
            self._total += found.count
            if self._pages and page < self._pages[-1]:
                insort(self._pages, page)
                self._ends = None
            else:
                self._pages.append(page)
                if self._ends is not None:
                    self._ends.append(self._total)
            if found.hits is None and page in visible:
                self._want_boxes(visible)
        if found.hits is not None:
            self._keep(page, found.hits, visible)
        if self._waiting is not None and self._waiting[0] == page:
            self._make_current(*self._waiting)
        elif self._current is None and new:
            # The first hit from the page the search began on becomes the current one (even when the view has
            # moved on since).
            self._make_current(page, 0)

    def _keep(self, page: int, hits: tuple[SearchHit, ...], visible: list[int]) -> None:
        """Keep the boxes of a page's hits for painting, forgetting those of the pages used longest ago."""
        self._boxes[page] = hits
        self._boxes.move_to_end(page)
        self._shown[page] = [rect for hit in hits for rect in hit.rects]
        if len(self._boxes) > KEPT_PAGES:
            keep = set(visible)
            if self._current is not None:
                keep.add(self._current[0])
            for old in [old for old in self._boxes if old not in keep][:len(self._boxes) - KEPT_PAGES]:
                del self._boxes[old]
                del self._shown[old]

    def _want_boxes(self, pages: list[int]) -> None:
        """Ask for the boxes of the hits on these pages (and of the hit waiting to be shown) that are not here."""
        wanted = [page for page in pages if page in self._counts and page not in self._boxes]
        if self._waiting is not None:
            waiting = self._waiting[0]
            if waiting not in self._boxes and waiting not in wanted:
                wanted.insert(0, waiting)
        worker = self._text_worker()
        if wanted and worker is not None:
            worker.want_hits(wanted)

    def finished(self, worker: TextWorker, generation: int) -> None:
        if worker is not self._text_worker() or generation != self._generation:
            return
        self._searching = False
        if self._current is None and self.total:
            # The first hit from the page the search started on (round the document).
            after = bisect_left(self._pages, self._start)
            self._make_current(self._pages[after] if after < len(self._pages) else self._pages[0], 0)
        self.bar.show_count(self.index, self.total, False)

    def _prepare(self) -> None:
        worker = self._text_worker()
        if worker is not None:
            worker.prepare_search()

    def _select(self, index: int) -> None:
        self._make_current(*self._locate(index))

    def _make_current(self, page: int, nth: int) -> None:
        self._current = (page, nth)
        hits = self._boxes.get(page)
        if hits is None:
            # The view goes to its page at once; its boxes are asked for, and it is marked when they arrive.
            self._waiting = (page, nth)
            self.view.set_current_hit(None, None)
            if page not in self.view.visible_pages():
                self.view.go_to_page(page)
            self._want_boxes(self.view.visible_pages())
        else:
            self._waiting = None
            self._boxes.move_to_end(page)
            rects = hits[min(nth, len(hits) - 1)].rects if hits else ()
            if rects:
                bounds = Rect(min(r.x0 for r in rects), rects[0].y0, max(r.x1 for r in rects), rects[-1].y1)
                self.view.set_current_hit(page, bounds)
            else:
                self.view.go_to_page(page)
        self.bar.show_count(self.index, self.total, self._searching)

    def step(self, step: int) -> None:
        """To the next (+1) or previous (-1) hit, round the document; opens the find bar when there are none. When
        the reviewer has moved away from the current hit, from the page being read: the first hit on it or after
        it, or the last one before it or on it."""
        if not self.total:
            if not self.bar.isVisible():
                self.bar.open_bar()
            return
        if self._current is not None and self._current[0] not in self.view.visible_pages():
            page = self.view.current_page
            if step > 0:
                after = bisect_left(self._pages, page)
                self._make_current(self._pages[after] if after < len(self._pages) else self._pages[0], 0)
            else:
                before = bisect_right(self._pages, page) - 1
                target = self._pages[before]  # (the last page with hits, round the document, when -1)
                self._make_current(target, self._counts[target] - 1)
            return
        index = self.index
        self._select(0 if index is None else (index + step) % self.total)

    def _closed(self) -> None:
        self.clear()
        worker = self._text_worker()
        if worker is not None:
            worker.search("")  # stops a search still running
        self.view.setFocus()
