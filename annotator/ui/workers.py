"""Threads that drive a document's PDF process: one renders pages for the view, one reads text and searches.

The two threads take turns on one :class:`PdfProcess` (which owns the MuPDF document), the renderer first: a PDF
process costs some 25 MB for MuPDF and its Python bindings alone. Each waits on the pipe in its own thread, so
neither MuPDF nor the waiting ever blocks the UI thread. Results reach the UI thread through queued signals.
"""

from __future__ import annotations

import queue
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
SEARCH_TURN_S = 0.03  # a search's turn on the shared PDF process: a render waits at most about this long for it
SEARCH_PAGES = 32  # pages a search's call on the shared process may take (fewer when they are read for it)
SEARCH_UNREAD = 4  # pages to be read that a search's call on the shared process takes at a time
SECOND_PAGES = 4  # pages a call of the second PDF process takes at a time
SECOND_UNREAD = 40  # a search with at least this many pages not read yet takes a second PDF process
READ_AHEAD_PAGES = 150  # a document this long is read ahead by a second PDF process as soon as it is on screen


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


class _Split:
    """The pages of one search (or of reading the document ahead) in their order, each taken once, from the front
    by both processes: the shared process takes the next pages whichever they are (a page whose key it has costs it
    next to nothing), the second process only pages the shared one has no key of. So the pages are searched about
    in order on both cores; a hit is shown once every page before it is done, so the first one shown is the first
    from where the search began."""

    def __init__(self, order: list[int], keyed: set[int]) -> None:
        self.order = order
        self.rank = {page: position for position, page in enumerate(order)}
        self._keyed = keyed  # pages whose key the shared process has (added to by the text thread only)
        self._lock = threading.Lock()
        self._taken = bytearray(len(order))
        self._done = bytearray(len(order))
        self._free = 0  # every page before this place is taken
        self._second = 0  # every page before this place is taken, or has its key in the shared process
        self.prefix = 0  # every page before this place is done
        self.stopped = False

    def front(self, unread: int, count: int) -> list[int]:
        """For the shared process: the next pages not taken, at most ``count`` of them and ``unread`` to read."""
        with self._lock:
            pages: list[int] = []
            to_read = 0
            place = self._free
            while place < len(self.order) and len(pages) < count and to_read < unread:
                if not self._taken[place]:
                    self._taken[place] = 1
                    page = self.order[place]
                    pages.append(page)
                    to_read += page not in self._keyed
                place += 1
            while self._free < len(self.order) and self._taken[self._free]:
                self._free += 1
            return pages

    def back(self, count: int) -> list[int]:
        """For the second process: the next ``count`` pages not taken that the shared process has no key of."""
        with self._lock:
            pages: list[int] = []
            place = max(self._second, self._free)
            while place < len(self.order) and len(pages) < count:
                page = self.order[place]
                if not self._taken[place] and page not in self._keyed:
                    self._taken[place] = 1
                    pages.append(page)
                place += 1
            self._second = place
            return pages

    def complete(self, pages: list[int]) -> None:
        """These pages are done (called by the text thread, with their hits in hand); pages of an earlier split
        (a stopped job's last part) are not counted."""
        with self._lock:
            for page in pages:
                place = self.rank.get(page)
                if place is not None:
                    self._done[place] = 1
            while self.prefix < len(self.order) and self._done[self.prefix]:
                self.prefix += 1

    @property
    def done(self) -> bool:
        """Whether every page has been taken (or the search was stopped)."""
        with self._lock:
            return self.stopped or self._free >= len(self.order)

    @property
    def finished(self) -> bool:
        """Whether every page is done (or the work was stopped)."""
        return self.stopped or self.prefix >= len(self.order)


# What the second process sends back for a part of a search: the pages it did, those with hits, the keys of the
# pages it read (for the shared process), and pages it could not search.
_Found = tuple[list[int], list["PageHits"], dict[int, Any], list[int]]


class SecondProcess:
    """A second PDF process for a document whose pages are not read yet, on the machine's other core: it reads
    the pages ahead of a search while the reviewer reads (for a long document, from the first page on screen), and
    shares a search with the document's own process. One job at a time uses it."""

    def __init__(self, path: Path, password: str | None, wake: threading.Condition) -> None:
        self._path, self._password = path, password
        self._wake = wake  # the text thread's: notified when a part is done
        self.process: PdfProcess | None = None
        self.ready = threading.Event()
        self.lock = threading.Lock()  # held by the job using it
        self.job: threading.Thread | None = None
        self._starter = threading.Thread(target=self._start, name="second-pdf-process", daemon=True)
        self._starter.start()

    def _start(self) -> None:
        try:
            process = PdfProcess()
            try:
                process.call("open_to_search", self._path, self._password, timeout=OPEN_TIMEOUT_S)
            except (PdfOpenError, PdfServiceError):
                process.kill()
                process.close()
                return
            self.process = process
        except OSError:
            pass  # the search goes on in the shared process alone
        finally:
            self.ready.set()

    def start(self, split: _Split, query: str | None, results: queue.SimpleQueue[_Found],
              boxes: threading.Event | None = None) -> None:
        """Take pages of ``split`` in a thread of its own: search them for ``query``, or with None read their keys;
        the page with the first hit comes with its boxes until ``boxes`` is set."""
        self.job = threading.Thread(target=self._work, args=(split, query, results, boxes), daemon=True,
                                    name="second-search" if query is not None else "second-read")
        self.job.start()

    def _work(self, split: _Split, query: str | None, results: queue.SimpleQueue[_Found],
              boxes: threading.Event | None) -> None:
        while not self.ready.wait(0.02):
            if split.done:
                return
        with self.lock:
            process = self.process
            while process is not None and not split.stopped:
                pages = split.back(SECOND_PAGES)
                if not pages:
                    return
                try:
                    while pages and not split.stopped:
                        if query is None:
                            keys = process.call("read_keys", pages, timeout=TEXT_TIMEOUT_S)
                            found: list[PageHits] = []
                            done = len(pages)
                        else:
                            found, done, keys = process.call(
                                "search_pages", query, pages, 10.0, boxes is not None and not boxes.is_set(), True,
                                timeout=TEXT_TIMEOUT_S)
                        results.put((pages[:done], found, keys, []))
                        pages = pages[done:]
                        with self._wake:
                            self._wake.notify()
                    if pages:
                        results.put(([], [], {}, pages))  # stopped: the shared process does them
                except (PdfServiceError, PdfOpenError):
                    # It failed on these pages (or was killed): the shared process does them, alone from now.
                    results.put(([], [], {}, pages))
                    self.process = None
                    process.kill()
                    process.close()  # (no process left behind unwaited for)
                    with self._wake:
                        self._wake.notify()
                    return

    def wait(self, timeout: float) -> bool:
        """Wait for the job to end; whether it has."""
        job = self.job
        if job is not None:
            job.join(timeout)
            return not job.is_alive()
        return True

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()

    def close(self) -> None:
        """End the process (from the thread that used it last, once no job uses it)."""
        self._starter.join(timeout=OPEN_TIMEOUT_S)
        with self.lock:
            if self.process is not None:
                self.process.close()
                self.process = None


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
        self._prepare = False
        self._second: SecondProcess | None = None  # for a search of a document not read yet
        self._keyed: set[int] = set()  # pages whose search key the shared process has
        self._reading: _Split | None = None  # the second process reading the document ahead of a search
        self._read: queue.SimpleQueue[_Found] = queue.SimpleQueue()

    def prepare_search(self) -> None:
        """A search is coming (the find bar opened): start a second PDF process now if the document's pages are
        not read yet, so that it is ready to share the search when the query has been typed."""
        with self._wake:
            self._prepare = True
            self._wake.notify()

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
        """Ask the thread to end; the process is the render worker's to end (a second process is ended here)."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
            second = self._second
        if second is not None:
            second.kill()

    def run(self) -> None:
        try:
            info = self.process.opened or _open(self.process, self.path, self.password)
            if info.page_count >= READ_AHEAD_PAGES:
                # A long document is read ahead on the other core while the reviewer starts reading it, so that
                # a search soon after counts from its keys.
                with self._wake:
                    if not self._stopping:
                        self._second = SecondProcess(self.path, self.password, self._wake)
                self._start_reading(info.page_count)
            fingerprint, labels = self.process.call("facts")
            self.facts_ready.emit(DocumentFacts(fingerprint=fingerprint, labels=labels))
            self._serve(info.page_count)
        except (PdfOpenError, PdfServiceError) as error:
            if not self._stopping and isinstance(error, PdfOpenError):
                self.failed.emit(error)
        except _Cancelled:
            pass
        finally:
            self._release_second()

    def _take_second(self) -> SecondProcess | None:
        """The second process, started when many pages are not read yet; None when it is not worth one."""
        if self._second is None and self.process.call("unread") >= SECOND_UNREAD:
            with self._wake:
                if not self._stopping:
                    self._second = SecondProcess(self.path, self.password, self._wake)
        return self._second

    def _start_reading(self, page_count: int) -> None:
        """Let the second process read the keys of the pages the shared one has none of, from the first on."""
        if self._second is None or self._search is not None or (self._reading is not None
                                                               and not self._reading.finished):
            return  # (a search that replaced the last one comes first)
        unread = [page for page in range(page_count) if page not in self._keyed]
        if not unread:
            return
        self._reading = _Split(unread, self._keyed)
        self._second.start(self._reading, None, self._read)

    def _stop_reading(self) -> None:
        """Stop reading ahead (a search takes over), keeping the keys read so far."""
        if self._reading is not None:
            self._reading.stopped = True
            self._collect_reading()
            self._reading = None

    def _take_in(self, results: queue.SimpleQueue[_Found], split: _Split | None) -> tuple[list[PageHits], list[int]]:
        """What the second process has done since: the keys it read go to the shared process and the pages it
        did are done in ``split``; returns the pages with hits it found and the pages it could not do."""
        keys: dict[int, Any] = {}
        found: list[PageHits] = []
        undone: list[int] = []
        while True:
            try:
                pages, hits, part_keys, unsearched = results.get_nowait()
            except queue.Empty:
                break
            keys.update(part_keys)
            found += hits
            undone += unsearched
            if split is not None:
                split.complete(pages)
        if keys:
            self.process.call("add_keys", keys)
            self._keyed.update(keys)
        return found, undone

    def _collect_reading(self) -> None:
        """Give the keys the second process read ahead to the shared one."""
        _found, unread = self._take_in(self._read, self._reading)
        if self._reading is not None:
            self._reading.complete(unread)  # pages it could not read: the search or the idle reading reads them

    def _read_ahead(self, page_count: int) -> None:
        """One step of reading ahead: take in what the second process read, and read a page in the shared one
        too when no page is being rendered."""
        reading = self._reading
        assert reading is not None
        self._collect_reading()
        if reading.finished:
            self._reading = None
            if len(self._keyed) >= page_count:
                self._release_second()  # every page has its key: searches need no second process
            return
        pages = reading.front(1, SEARCH_PAGES) if self.process.quiet_in() == 0 else []
        if pages:
            self.process.call("read_keys", pages, False)
            self._keyed.update(pages)
            reading.complete(pages)
        else:
            with self._wake:
                if self._search is None and not self._wanted_hits and not self._wanted_texts:
                    self._wake.wait(SEARCH_TURN_S)

    def _release_second(self) -> None:
        with self._wake:
            second, self._second = self._second, None
        if second is not None:
            second.close()

    def _serve(self, page_count: int) -> None:
        indexed = 0
        empty: set[int] = set()
        while True:
            with self._wake:
                if self._stopping:
                    return
                search, self._search = self._search, None
                prepare, self._prepare = self._prepare, False
                if (search is None and not prepare and not self._wanted_hits and not self._wanted_texts
                        and indexed >= page_count and self._reading is None):
                    self._wake.wait()
                    continue
            if prepare and search is None:
                self._take_second()
            if search is not None:
                self._run_search(page_count, *search)
                self._start_reading(page_count)  # what a search stopped early did not read
            elif self._serve_wish():
                continue
            elif self._reading is not None:
                self._read_ahead(page_count)
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
                    self._release_second()  # every page has its search key: searches need no second process

    def _serve_wish(self, texts: bool = True) -> bool:
        """Answer one wish of the view: the hits of a page on screen, else (with ``texts``) the text model of one;
        False when there is none."""
        with self._wake:
            if self._wanted_hits and self._query is not None:
                page = self._wanted_hits.pop(0)
                generation, query = self._query
            elif self._wanted_texts and texts:
                page = self._wanted_texts.pop(0)
                query = None
            else:
                return False
        if query is None:
            self.page_text_ready.emit(page, self.process.call("page_text", page))
            self._keyed.add(page)
        else:
            from annotator.pdf.search import PageHits

            found = self.process.call("find", page, query)
            self.hits_found.emit(generation, [PageHits(page, len(found), tuple(found))])
        return True

    def _run_search(self, page_count: int, generation: int, query: str, start: int) -> None:
        """Search round the document from ``start``, on both cores when the pages are not read yet: the shared
        process and a second one take the pages from the front (see _Split). A page's hits reach the window once
        every page before it is done, in batches and in the order of the search; the first comes at once, with its
        boxes, so that it is the current one."""
        start = min(max(start, 0), max(page_count - 1, 0))
        self._stop_reading()
        split = _Split([*range(start, page_count), *range(start)], self._keyed)
        second = self._take_second()
        results: queue.SimpleQueue[_Found] = queue.SimpleQueue()
        first = threading.Event()  # set once the first hit is shown: the second process counts from then on
        if second is not None:
            second.start(split, query, results, first)
        total = 0
        held: dict[int, PageHits] = {}  # the pages with hits not sent yet, by their place in the search
        began = sent = time.monotonic()
        pending: list[int] = []

        def collect() -> None:
            """Take in what the second process did (the pages it could not search, the shared process does)."""
            nonlocal total, pending
            found, unsearched = self._take_in(results, split)
            pending += unsearched
            for hits in found:
                total += hits.count
                held[split.rank[hits.page]] = hits

        def send(last: bool = False) -> None:
            """Send the hits every page before which is done: the first at once, then a batch at a time."""
            nonlocal sent
            if first.is_set() and not last and time.monotonic() - sent < SEARCH_BATCH_S:
                return
            ready = sorted(place for place in held if place < split.prefix or last)
            if ready:
                self.hits_found.emit(generation, [held.pop(place) for place in ready])
                first.set()
                sent = time.monotonic()

        try:
            while True:
                self._check(generation)
                # The pages on screen first, so that a long search leaves them usable; their text for selecting
                # once the first hit is shown (the reviewer waits for that), or after a moment without one.
                while self._serve_wish(texts=first.is_set() or time.monotonic() - began > SEARCH_BATCH_S):
                    self._check(generation)
                collect()
                send()
                if not pending:
                    pending = split.front(SEARCH_UNREAD, SEARCH_PAGES)
                if not pending:
                    if split.finished:
                        break  # (a second process still waiting for its turn takes no page now)
                    if second is None or second.wait(0):
                        collect()
                        if not pending:
                            break
                        continue
                    with self._wake:  # the second process's last pages; it wakes this thread with each
                        if self._search is None:
                            self._wake.wait(SEARCH_TURN_S)
                    continue
                found, done, _keys = self.process.call("search_pages", query, pending, SEARCH_TURN_S,
                                                       not first.is_set())
                searched, pending = pending[:done], pending[done:]
                self._keyed.update(searched)
                for hits in found:
                    total += hits.count
                    held[split.rank[hits.page]] = hits
                split.complete(searched)
                send()
            send(last=True)
        except _Cancelled:
            if self._stopping:
                raise
            return
        finally:
            split.stopped = True
        self.search_finished.emit(generation, total)
        if second is not None and self.process.call("unread") == 0:
            self._release_second()  # every page has its key now: later searches are quick without it


def retire(worker: _Worker | None, keep: set[QThread], receiver: QObject) -> None:
    """Stop a worker without blocking the UI; ``keep`` holds it until its thread has ended, then it is deleted."""
    if worker is None:
        return
    worker.stop()
    if worker.isRunning():
        release_when_finished(worker, keep, receiver)
    else:
        worker.deleteLater()
