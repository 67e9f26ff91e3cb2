"""Threads that drive a document's PDF process: one renders pages for the view, one reads text and searches.

The two threads take turns on one :class:`PdfProcess` (which owns the MuPDF document), the renderer first: a PDF
process costs some 25 MB for MuPDF and its Python bindings alone. Each waits on the pipe in its own thread, so
neither MuPDF nor the waiting ever blocks the UI thread. Results reach the UI thread through queued signals.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QImage

from annotator.pdf.errors import DamagedPdfError, PdfOpenError
from annotator.pdf.service import OpenedPdf, PdfProcess, PdfServiceError
from annotator.ui.background import release_when_finished

if TYPE_CHECKING:  # the search's modules load with the first search, not before the first page
    from annotator.pdf.search import PageHits

OPEN_TIMEOUT_S = 30
RENDER_TIMEOUT_S = 30
TEXT_TIMEOUT_S = 30  # one text call: a page's text or its hits, or the facts of the document
SEARCH_BATCH_S = 0.1  # a search's hits reach the window in batches at most this far apart


@dataclass(frozen=True)
class DocumentFacts:
    """What the text worker learns after opening: identity and printed page labels."""

    fingerprint: str
    labels: list[str]


class SharedProcess:
    """A document's PDF process, shared by its render and text threads.

    A call for the view's pages (:meth:`call` with ``first``) waits at most for the one text call in flight; the
    text thread's calls take the turns in between. Reading the document in the background waits further, until no
    page was rendered for RENDERS_QUIET_S (:meth:`quiet_in`). The render thread owns the process: it opens the
    document and closes the process.
    """

    RENDERS_QUIET_S = 0.3

    def __init__(self, process: PdfProcess) -> None:
        self.process = process
        self.opened: OpenedPdf | None = None  # what opening the document in it returned
        self._turns = threading.Condition()
        self._busy = False
        self._renders_waiting = 0
        self._last_render = 0.0
        self._closed = False

    def call(self, operation: str, *arguments: object, timeout: float | None = None, first: bool = False) -> Any:
        """PdfProcess.call, in turn (PdfServiceError once the process was closed). A text call is given up on after
        TEXT_TIMEOUT_S unless told otherwise: a page MuPDF cannot read would hold the renders back for good."""
        if timeout is None and not first:
            timeout = TEXT_TIMEOUT_S
        with self._turns:
            if first:
                self._renders_waiting += 1
            try:
                while self._busy or (not first and self._renders_waiting):
                    self._turns.wait()
            finally:
                if first:
                    self._renders_waiting -= 1
            if self._closed:
                raise PdfServiceError("the PDF process was closed")
            self._busy = True
        try:
            return self.process.call(operation, *arguments, timeout=timeout)
        finally:
            with self._turns:
                self._busy = False
                if first:
                    self._last_render = time.monotonic()
                self._turns.notify_all()

    def quiet_in(self) -> float:
        """Seconds until no page will have been rendered for RENDERS_QUIET_S (0 when that is so already)."""
        with self._turns:
            if self._renders_waiting or self._busy:  # a render waits, or is the call in flight (not ours)
                return self.RENDERS_QUIET_S
            return max(0.0, self._last_render + self.RENDERS_QUIET_S - time.monotonic())

    def close(self) -> None:
        """End the process once the call in flight is answered; later calls fail with PdfServiceError."""
        with self._turns:
            while self._busy:
                if not self._turns.wait(timeout=RENDER_TIMEOUT_S):
                    break
            self._closed = True
            self._turns.notify_all()
        self.process.close()


def _open(process: PdfProcess | SharedProcess, path: Path, password: str | None) -> OpenedPdf:
    """Open in the process; a file that takes too long is given up on with a message."""
    try:
        return process.call("open", path, password, timeout=OPEN_TIMEOUT_S)
    except PdfServiceError as error:
        raise DamagedPdfError(path, f"{path.name} could not be opened: {error}.") from error


class _Worker(QThread):
    """A thread with a document's PDF process and a wake-up condition."""

    def __init__(self, path: Path, password: str | None, process: SharedProcess) -> None:
        super().__init__()
        self.path = path
        self.password = password
        self.process = process
        self._wake = threading.Condition()
        self._stopping = False

    def stop(self) -> None:
        """Ask the thread to end and its process with it; returns at once."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        # The process may be busy with a long page: killing it ends the wait on its pipe.
        self.process.process.kill()


class RenderWorker(_Worker):
    """Opens the document and renders the pages the view asks for, newest request first."""

    opened = Signal(object)  # OpenedPdf, with the password that opened it
    failed = Signal(object)  # PdfOpenError
    rendered = Signal(str, int, float, QImage)  # kind ("page" or "thumb"), page, scale, image
    render_failed = Signal(int, str)  # page, message

    def __init__(self, path: Path, password: str | None, process: PdfProcess) -> None:
        super().__init__(path, password, SharedProcess(process))
        self.setObjectName("render-worker")
        # Pages for the view come before thumbnails for the sidebar.
        self._pending: dict[str, list[tuple[int, float]]] = {"page": [], "thumb": []}

    def request(self, kind: str, pages: list[tuple[int, float]]) -> None:
        """Replace what is still pending of this kind: requests for pages that scrolled away are dropped."""
        with self._wake:
            self._pending[kind] = list(pages)
            self._wake.notify()

    def _next(self) -> tuple[str, int, float] | None:
        with self._wake:
            while not any(self._pending.values()) and not self._stopping:
                self._wake.wait()
            if self._stopping:
                return None
            kind = "page" if self._pending["page"] else "thumb"
            return (kind, *self._pending[kind].pop(0))

    def run(self) -> None:
        try:
            self._render_loop()
        finally:
            self.process.close()

    def _render_loop(self) -> None:
        try:
            info = _open(self.process, self.path, self.password)
        except PdfOpenError as error:
            if not self._stopping:
                self.failed.emit(error)
            return
        self.process.opened = replace(info, password=self.password)
        self.opened.emit(self.process.opened)
        while (job := self._next()) is not None:
            kind, page, scale = job
            try:
                raster = self.process.call("render", page, scale, timeout=RENDER_TIMEOUT_S, first=True)
            except PdfServiceError as error:
                if self._stopping:
                    return
                self.render_failed.emit(page, str(error))
                if not self.process.process.alive:
                    return
                continue
            image = QImage(raster.samples, raster.width, raster.height, raster.stride, QImage.Format.Format_RGB888)
            self.rendered.emit(kind, page, scale, image.copy())


class _Cancelled(Exception):
    """Raised inside a text job when a newer search replaced it."""


class TextWorker(_Worker):
    """Reads page texts (for search, selection and labels) in the document's PDF process, between its renders
    (``process``: the render worker's, :attr:`RenderWorker.process`, once it has opened the document)."""

    facts_ready = Signal(object)  # DocumentFacts
    text_layers_checked = Signal(object)  # frozenset of pages without a text layer, once all pages were read
    page_text_ready = Signal(int, object)  # page, PageText
    # search generation, list[PageHits]: pages in order from the first page searched round the document while
    # searching (a batch at most every SEARCH_BATCH_S), and a page again with its hits when asked for with want_hits
    hits_found = Signal(int, object)
    search_finished = Signal(int, int)  # search generation, total hits
    failed = Signal(object)  # PdfOpenError

    def __init__(self, path: Path, password: str | None, process: SharedProcess) -> None:
        super().__init__(path, password, process)
        self.setObjectName("text-worker")
        self._search: tuple[int, str, int] | None = None  # generation, query, first page
        self._search_generation = 0
        self._query: tuple[int, str] | None = None  # the latest search, whose hits want_hits asks for
        self._wanted_hits: list[int] = []
        self._wanted_texts: list[int] = []

    def search(self, query: str, start: int = 0) -> int:
        """Start searching ``query`` from page ``start`` round the document, cancelling a running search; returns
        the generation its hits carry."""
        with self._wake:
            self._search_generation += 1
            self._search = (self._search_generation, query, start) if query.strip() else None
            self._query = (self._search_generation, query) if query.strip() else None
            self._wanted_hits = []
            self._wake.notify()
            return self._search_generation

    def want_hits(self, pages: list[int]) -> None:
        """Ask for the hits, with their boxes, of the latest search on these pages (a search of a long document
        only counts them on pages whose text is not at hand), replacing an earlier wish."""
        with self._wake:
            self._wanted_hits = list(pages) if self._query is not None else []
            self._wake.notify()

    def want_page_texts(self, pages: list[int]) -> None:
        """Ask for the text models of these pages (for selecting text), replacing an earlier wish."""
        with self._wake:
            self._wanted_texts = list(pages)
            self._wake.notify()

    def _check(self, generation: int) -> None:
        with self._wake:
            if self._stopping or generation != self._search_generation:
                raise _Cancelled

    def stop(self) -> None:
        """Ask the thread to end; the process is the render worker's to end."""
        with self._wake:
            self._stopping = True
            self._wake.notify()

    def run(self) -> None:
        try:
            info = self.process.opened or _open(self.process, self.path, self.password)
            fingerprint, labels = self.process.call("facts")
            self.facts_ready.emit(DocumentFacts(fingerprint=fingerprint, labels=labels))
            self._serve(info.page_count)
        except (PdfOpenError, PdfServiceError) as error:
            if not self._stopping and isinstance(error, PdfOpenError):
                self.failed.emit(error)
        except _Cancelled:
            pass

    def _serve(self, page_count: int) -> None:
        indexed = 0
        empty: set[int] = set()
        while True:
            with self._wake:
                if self._stopping:
                    return
                search, self._search = self._search, None
                if search is None and not self._wanted_hits and not self._wanted_texts and indexed >= page_count:
                    self._wake.wait()
                    continue
            if search is not None:
                self._run_search(page_count, *search)
            elif self._serve_wish():
                continue
            elif indexed < page_count:
                # Idle time reads the rest of the document, so later searches are quick and pages without a
                # text layer are known; while pages are being rendered (scrolling) it waits, woken by a wish.
                pause = self.process.quiet_in()
                if pause > 0:
                    with self._wake:
                        self._wake.wait(pause)
                    continue
                if not self.process.call("has_text", indexed):
                    empty.add(indexed)
                indexed += 1
                if indexed == page_count:
                    self.text_layers_checked.emit(frozenset(empty))

    def _serve_wish(self) -> bool:
        """Answer one wish of the view: the hits of a page on screen, else the text model of one; False when
        there is none."""
        with self._wake:
            if self._wanted_hits and self._query is not None:
                page = self._wanted_hits.pop(0)
                generation, query = self._query
            elif self._wanted_texts:
                page = self._wanted_texts.pop(0)
                query = None
            else:
                return False
        if query is None:
            self.page_text_ready.emit(page, self.process.call("page_text", page))
        else:
            from annotator.pdf.search import PageHits

            found = self.process.call("find", page, query)
            self.hits_found.emit(generation, [PageHits(page, len(found), tuple(found))])
        return True

    def _run_search(self, page_count: int, generation: int, query: str, start: int) -> None:
        total = 0
        batch: list[PageHits] = []
        sent = time.monotonic()
        start = min(max(start, 0), max(page_count - 1, 0))
        last = start - 1 if start else page_count - 1
        try:
            for page in [*range(start, page_count), *range(start)]:
                self._check(generation)
                while self._serve_wish():  # the pages on screen first: a long search leaves them usable
                    self._check(generation)
                found = self.process.call("search_page", page, query)
                if found.count:
                    total += found.count
                    batch.append(found)
                if batch and (time.monotonic() - sent >= SEARCH_BATCH_S or page == last):
                    self.hits_found.emit(generation, batch)
                    batch, sent = [], time.monotonic()
        except _Cancelled:
            if self._stopping:
                raise
            return
        self.search_finished.emit(generation, total)


def retire(worker: _Worker | None, keep: set[QThread], receiver: QObject) -> None:
    """Stop a worker without blocking the UI; ``keep`` holds it until its thread has ended, then it is deleted."""
    if worker is None:
        return
    worker.stop()
    if worker.isRunning():
        release_when_finished(worker, keep, receiver)
    else:
        worker.deleteLater()
