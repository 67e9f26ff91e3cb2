"""Find in the document: hits arrive page by page from the text worker; Enter and Shift+Enter step through them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.domain.model import Rect
from annotator.ui.page_view import PageView
from annotator.ui.search_bar import SearchBar

if TYPE_CHECKING:
    from annotator.pdf.search import SearchHit
    from annotator.ui.workers import TextWorker


class Finder(QObject):
    """Keeps the hits of the current query, paints them in the view and counts them in the find bar."""

    def __init__(self, view: PageView, bar: SearchBar, text_worker: Callable[[], TextWorker | None]) -> None:
        super().__init__(view)
        self.view = view
        self.bar = bar
        self._text_worker = text_worker
        self.hits: list[SearchHit] = []
        self.index: int | None = None
        self._generation = -1
        self._searching = False
        bar.query_changed.connect(self.search)
        bar.next_requested.connect(lambda: self.step(+1))
        bar.previous_requested.connect(lambda: self.step(-1))
        bar.closed.connect(self._closed)

    def clear(self) -> None:
        self.hits = []
        self.index = None
        self._searching = False
        self.view.set_hits({})
        self.view.set_current_hit(None, None)

    def search(self, query: str) -> None:
        """Start looking for ``query``; an earlier search still running is dropped."""
        self.clear()
        worker = self._text_worker()
        if worker is None:
            return
        self._generation = worker.search(query)
        self._searching = bool(query.strip())
        self.bar.show_count(None, 0, self._searching)

    def hits_found(self, worker: TextWorker, generation: int, hits: list[SearchHit]) -> None:
        if worker is not self._text_worker() or generation != self._generation:
            return
        self.hits.extend(hits)
        by_page: dict[int, list[Rect]] = {}
        for hit in self.hits:
            by_page.setdefault(hit.page, []).extend(hit.rects)
        self.view.set_hits(by_page)
        # The first hit from the page being read on becomes the current one.
        if self.index is None and hits[0].page >= self.view.current_page:
            self._select(len(self.hits) - len(hits))
        self.bar.show_count(self.index, len(self.hits), True)

    def finished(self, worker: TextWorker, generation: int) -> None:
        if worker is not self._text_worker() or generation != self._generation:
            return
        self._searching = False
        if self.index is None and self.hits:
            self._select(0)
        self.bar.show_count(self.index, len(self.hits), False)

    def _select(self, index: int) -> None:
        self.index = index
        hit = self.hits[index]
        first = hit.rects[0]
        bounds = Rect(min(r.x0 for r in hit.rects), first.y0, max(r.x1 for r in hit.rects), hit.rects[-1].y1)
        self.view.set_current_hit(hit.page, bounds)
        self.bar.show_count(index, len(self.hits), self._searching)

    def step(self, step: int) -> None:
        """To the next (+1) or previous (-1) hit, round the document; opens the find bar when there are none."""
        if not self.hits:
            if not self.bar.isVisible():
                self.bar.open_bar()
            return
        self._select(0 if self.index is None else (self.index + step) % len(self.hits))

    def _closed(self) -> None:
        self.clear()
        self.view.setFocus()
