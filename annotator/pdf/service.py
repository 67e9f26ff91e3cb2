"""A PDF in a process of its own: opening, rendering, text and search served over a pipe.

PyMuPDF holds Python's global interpreter lock while MuPDF works (tens of milliseconds a page), so MuPDF work on a
thread of the GUI process would stall the interface. A child process owns the ``Document`` instead; the caller
sends requests and receives plain values (rasters, page texts, hits). A child that hangs on a pathological file can
be killed, which a thread cannot.

The child is a fresh interpreter (``python -m annotator --pdf-child``, or ``annotator --pdf-child`` in the frozen
app, whose ``sys.executable`` is the app itself) that reads requests from its standard input and writes replies to
its standard output, each a length-prefixed pickle. Plain pipes and a thread that reads the replies work alike on
Windows, macOS and Linux; no descriptor is handed over and nothing is forked.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import sys
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from annotator.pdf import errors

if TYPE_CHECKING:
    import queue
    import subprocess
    import threading


@dataclass(frozen=True)
class OpenedPdf:
    """What a viewer needs to lay out a freshly opened document."""

    path: Path
    title: str
    page_count: int
    sizes: list[tuple[float, float]]
    outline: list[Any]  # list[render.OutlineEntry]
    repaired: bool
    encrypted: bool
    password: str | None = None  # filled in by the caller that opened it, to open it again elsewhere


class PdfServiceError(Exception):
    """The PDF process failed: MuPDF could not do what was asked, or the process died or was too slow."""


class _Handler:
    """Runs in the child: owns the document and answers requests.

    Page texts are bounded, however long the document: the full text models of the TEXT_PAGES pages used last,
    and for every page read a compact search key (about 1.5 kB a page, KEYS_BYTES in all), which counts a search's
    hits without the page's text model. MuPDF's own cache of fonts and pictures (up to 256 MB) keeps only what the
    pages read and rendered last used, halved every STORE_PAGES pages: pages that each bring their own would fill it.
    """

    TEXT_PAGES = 64
    KEYS_BYTES = 48 * 1024 * 1024
    STORE_PAGES = 16

    def __init__(self) -> None:
        self.doc: Any = None
        self.path: Path | None = None
        self.texts: OrderedDict[int, Any] = OrderedDict()  # page -> PageText, the least recently used first
        self.keys: dict[int, tuple[bool, bytes | None]] = {}  # page -> (has a text layer, compact key or None)
        self.keys_bytes = 0
        self.pages_done = 0

    def _trim_store(self) -> None:
        self.pages_done += 1
        if self.pages_done % self.STORE_PAGES == 0:
            import fitz

            fitz.TOOLS.store_shrink(50)

    def open(self, path: Path, password: str | None) -> OpenedPdf:
        from annotator.pdf.document import document_title, open_pdf
        from annotator.pdf.render import outline, page_sizes

        self.close()
        doc = open_pdf(path, password)
        self.doc, self.path = doc, path
        return OpenedPdf(
            path=path,
            title=document_title(doc, path),
            page_count=doc.page_count,
            sizes=page_sizes(doc),
            outline=outline(doc),
            repaired=bool(doc.is_repaired),
            encrypted=bool(password) or bool(doc.is_encrypted),
        )

    def open_to_search(self, path: Path, password: str | None) -> int:
        """Open the document for searching only (a second process of a search): its number of pages."""
        from annotator.pdf.document import open_pdf

        self.close()
        self.doc, self.path = open_pdf(path, password), path
        # It lives for a search or two: MuPDF's cache of fonts is halved less often (each time costs the fonts of
        # the pages after it being loaded again, a tenth of the search).
        self.STORE_PAGES = 4 * _Handler.STORE_PAGES
        return int(self.doc.page_count)

    def info(self, path: Path, password: str | None) -> Any:
        """The description ``annotator info`` prints (read_info)."""
        from annotator.pdf.document import read_info

        return read_info(path, password)

    def close(self) -> None:
        if self.doc is not None:
            self.doc.close()
        self.doc, self.path = None, None
        self.texts, self.keys, self.keys_bytes = OrderedDict(), {}, 0

    def render(self, page: int, scale: float) -> Any:
        from annotator.pdf.render import render

        self._trim_store()
        return render(self.doc, page, scale)

    def facts(self) -> tuple[str, list[str]]:
        """The sha256 fingerprint and the printed page labels."""
        from annotator.pdf.facts import file_fingerprint
        from annotator.pdf.labels import page_labels

        assert self.path is not None
        return file_fingerprint(self.path), page_labels(self.doc)

    def page_text(self, page: int) -> Any:
        from annotator.pdf.textmodel import extract_page_text

        text = self.texts.get(page)
        if text is not None:
            self.texts.move_to_end(page)
            return text
        return self._keep(page, extract_page_text(self.doc.load_page(page)))

    def _keep(self, page: int, text: Any) -> Any:
        """Keep a page text just read, and its key."""
        from annotator.pdf.search import compact_key

        self._trim_store()
        if page not in self.keys:
            self._keep_key(page, bool(text.has_text_layer), compact_key(text))
        self.texts[page] = text
        while len(self.texts) > self.TEXT_PAGES:
            self.texts.popitem(last=False)
        return text

    def _keep_key(self, page: int, has_text: bool, key: bytes) -> None:
        kept = key if self.keys_bytes + len(key) <= self.KEYS_BYTES else None  # else read again to search it
        self.keys[page] = (has_text, kept)
        self.keys_bytes += len(kept or b"")

    def has_text(self, page: int) -> bool:
        """Whether the page has a text layer; a page not read yet gets its search key on the way (what the window
        asks of every page when idle, so that later searches count from the keys)."""
        from annotator.pdf.search import compress_key, page_block_key
        from annotator.pdf.textmodel import TEXT_FLAGS

        known = self.keys.get(page)
        if known is None:
            if page in self.texts:
                return bool(self.texts[page].has_text_layer)
            self._trim_store()
            loaded = self.doc.load_page(page)
            has_text, key = page_block_key(loaded, loaded.get_textpage(flags=TEXT_FLAGS))
            self._keep_key(page, has_text, compress_key(key))
            return has_text
        return known[0]

    def read_keys(self, pages: list[int], send: bool = True) -> dict[int, tuple[bool, bytes]]:
        """Read the search keys of ``pages`` not read yet (reading the document ahead of a search); with ``send``,
        the keys of those read now, for the document's other PDF process."""
        from annotator.pdf.search import compact_key

        read: dict[int, tuple[bool, bytes]] = {}
        for page in pages:
            if page in self.keys:
                continue
            text = self.texts.get(page)
            if text is not None:
                self._keep_key(page, bool(text.has_text_layer), compact_key(text))
            else:
                self.has_text(page)
            has_text, key = self.keys[page]
            if send and key is not None:
                read[page] = (has_text, key)
        return read

    def find(self, page: int, query: str) -> list[Any]:
        from annotator.pdf.search import find_in_page

        return find_in_page(self.page_text(page), query)

    def search_page(self, page: int, query: str, boxes: bool = True) -> Any:
        """The PageHits of ``query`` on ``page``: the hits when the page's text is kept (or, with ``boxes``, read now
        for a page with hits never read), else only their number, from its key (``find`` then gives the hits)."""
        from annotator.pdf.search import PageHits, count_in_key, search_unread_page

        known = self.keys.get(page)
        if page not in self.texts and known is not None and known[1] is not None:
            return PageHits(page, count_in_key(known[1], query), None)
        if page not in self.texts and known is None:
            self._trim_store()
            count, hits, (has_text, key) = search_unread_page(self.doc.load_page(page), query, boxes=boxes)
            self._keep_key(page, has_text, key)
            return PageHits(page, count, None if hits is None else tuple(hits))
        hits = self.find(page, query)
        return PageHits(page, len(hits), tuple(hits))

    def search_pages(self, query: str, pages: list[int], budget: float, boxes: bool = False,
                     send_keys: bool = False) -> tuple[list[Any], int, dict[int, tuple[bool, bytes]]]:
        """Search ``pages`` in turn, for ``budget`` seconds (at least one page): the PageHits of those with hits,
        how many of ``pages`` were searched, and with ``send_keys`` the compact keys of the pages read for it (for
        the document's other PDF process). With ``boxes`` the first page with hits comes with its hits' boxes and
        ends the call, so that it can be shown at once; later pages are counted."""
        import time

        from annotator.pdf.search import PageHits

        found: list[Any] = []
        keys: dict[int, tuple[bool, bytes]] = {}
        deadline = time.perf_counter() + budget
        done = 0
        for page in pages:
            unread = page not in self.keys
            hits = self.search_page(page, query, boxes)
            done += 1
            if send_keys and unread:
                has_text, key = self.keys[page]
                if key is not None:
                    keys[page] = (has_text, key)
            if hits.count:
                if boxes and hits.hits is None:  # counted from its key: read it for the boxes
                    hits = PageHits(page, hits.count, tuple(self.find(page, query)))
                found.append(hits)
                if boxes:
                    break
            if time.perf_counter() >= deadline:
                break
        return found, done, keys

    def add_keys(self, keys: dict[int, tuple[bool, bytes]]) -> None:
        """Keep the compact keys another PDF process made of pages of this document (a search split over two)."""
        for page, (has_text, key) in keys.items():
            if page not in self.keys:
                self._keep_key(page, has_text, key)

    def unread(self) -> int:
        """How many pages have no search key yet (a search must read them)."""
        return self.doc.page_count - len(self.keys) if self.doc is not None else 0

    def text_cache(self) -> tuple[int, int, int]:
        """Pages whose text model is kept, pages with a search key, and the keys' bytes."""
        return len(self.texts), len(self.keys), self.keys_bytes

    def job(self, operation: str, *arguments: object) -> Any:
        """A use case's PDF work (annotator.pdf.jobs: import, export, anchoring), on a document of its own."""
        from annotator.pdf.jobs import serve_job

        return serve_job(operation, arguments)


class _Connection(Protocol):
    def send(self, value: object) -> None: ...

    def recv(self) -> Any: ...


_HEADER = struct.Struct("!Q")


class Frames:
    """Length-prefixed pickles over a pair of pipe descriptors, one to read and one to write."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self._reader = io.FileIO(read_fd, "rb", closefd=False)
        self._writer = io.FileIO(write_fd, "wb", closefd=False)

    def send(self, value: object) -> None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._write(_HEADER.pack(len(data)))
        self._write(data)

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = self._writer.write(view)
            if not written:
                raise BrokenPipeError("the pipe is closed")
            view = view[written:]

    def recv_bytes(self) -> bytearray:
        """The next frame's pickle; EOFError when the other side has closed its end."""
        (size,) = _HEADER.unpack(self._read(_HEADER.size))
        return self._read(size)

    def recv(self) -> Any:
        return pickle.loads(self.recv_bytes())

    def _read(self, size: int) -> bytearray:
        data = bytearray(size)
        view, done = memoryview(data), 0
        while done < size:
            got = self._reader.readinto(view[done:])
            if not got:
                raise EOFError("the pipe is closed")
            done += got
        return data


def serve(connection: _Connection) -> None:
    """The child's loop: one request in, one reply out, until the pipe closes."""
    import fitz

    fitz.TOOLS.mupdf_display_errors(False)
    handler = _Handler()
    while True:
        try:
            operation, arguments = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[object, ...] = ("ok", getattr(handler, operation)(*arguments))
        except errors.PdfOpenError as error:
            reply = ("pdf-error", type(error).__name__, error.path, str(error),
                     getattr(error, "wrong_password", False))
        except MemoryError:
            reply = ("failed", "the file needs more memory than a PDF process may use (it is damaged or hostile)")
        except Exception as error:  # noqa: BLE001 - MuPDF's errors (RuntimeError, FzError*, ...) and broken input
            reply = ("failed", f"{type(error).__name__}: {error}")
        try:
            connection.send(reply)
        except (BrokenPipeError, OSError):
            return


def _rebuild_error(kind: str, path: Path, message: str, wrong_password: bool) -> errors.PdfOpenError:
    cls = getattr(errors, kind, errors.PdfOpenError)
    if cls is errors.PasswordRequiredError:
        return errors.PasswordRequiredError(path, message, wrong_password=wrong_password)
    return cls(path, message)


def child_command() -> list[str]:
    """How a PDF process is started: the frozen app runs itself with the hidden argument (its ``sys.executable`` is
    the app, not a Python), an installed or checked-out annotator runs its package with the same argument."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--pdf-child"]
    return [sys.executable, "-m", "annotator", "--pdf-child"]


_BELOW_NORMAL_PRIORITY_CLASS = 0x4000  # Windows' SetPriorityClass


class PdfProcess:
    """The parent's handle on one PDF process. Not thread-safe: one thread calls it."""

    def __init__(self) -> None:
        # A fresh interpreter rather than a fork (the GUI process has threads) and rather than multiprocessing's
        # spawn (which re-imports the caller's main script): it loads only the PDF side of annotator.
        import queue
        import subprocess
        import threading

        self._process: subprocess.Popen[bytes] = subprocess.Popen(
            child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, close_fds=True,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # Windows: no console window of its own
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        if sys.platform == "win32":
            import msvcrt

            for pipe in (self._process.stdin, self._process.stdout):
                msvcrt.setmode(pipe.fileno(), os.O_BINARY)  # no newline translation in the pickles
        self._frames = Frames(self._process.stdout.fileno(), self._process.stdin.fileno())
        self._sending = True
        # The replies are read by a thread of their own, so that waiting for one can time out on every system
        # (Windows cannot wait on a pipe with select); the pickles are unpickled by the caller.
        self._replies: queue.SimpleQueue[bytearray | BaseException] = queue.SimpleQueue()
        self._reader: threading.Thread = threading.Thread(target=self._read_replies, name="pdf-process-replies",
                                                          daemon=True)
        self._reader.start()
        self._prefetched: tuple[str, tuple[object, ...]] | None = None

    def _read_replies(self) -> None:
        while True:
            try:
                self._replies.put(self._frames.recv_bytes())
            except (EOFError, OSError, ValueError) as error:  # the process ended, or its pipe was closed
                self._replies.put(error if isinstance(error, OSError) else EOFError(str(error)))
                return

    def _send(self, operation: str, arguments: tuple[object, ...]) -> None:
        if not self._sending:
            raise BrokenPipeError("the PDF process was closed")
        self._frames.send((operation, arguments))

    def _receive(self, timeout: float | None) -> Any:
        """The next reply; TimeoutError when none came within ``timeout`` seconds."""
        import queue

        try:
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError from None
        if isinstance(reply, BaseException):
            self._replies.put(reply)  # every later call fails the same way
            raise reply
        return pickle.loads(reply)

    def prefetch(self, operation: str, *arguments: object) -> None:
        """Send a request now and collect its answer with the matching :meth:`call` later (start-up overlap)."""
        self._send(operation, arguments)
        self._prefetched = (operation, arguments)

    def call(self, operation: str, *arguments: object, timeout: float | None = None) -> Any:
        """Run ``operation`` in the child and return its result.

        Raises the PdfOpenError the child raised, or PdfServiceError when MuPDF failed, the process died, or no
        answer came within ``timeout`` seconds (the process is then killed: it may be stuck in MuPDF).
        """
        try:
            if self._prefetched == (operation, arguments):
                self._prefetched = None  # already sent: only the answer is still to come
            else:
                self._drain_prefetched()
                self._send(operation, arguments)
            try:
                reply = self._receive(timeout)
            except TimeoutError:
                self.kill()
                self._stop_sending()
                raise PdfServiceError(f"no answer within {timeout:g} seconds") from None
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError) as error:
            raise PdfServiceError(f"the PDF process ended unexpectedly ({error})") from error
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "pdf-error":
            raise _rebuild_error(*reply[1:])
        raise PdfServiceError(reply[1])

    def _drain_prefetched(self) -> None:
        """Read and drop the answer to a prefetched request nobody asked for after all."""
        if self._prefetched is not None:
            self._prefetched = None
            self._receive(None)

    def _stop_sending(self) -> None:
        """Close the requests' pipe: the child's loop ends when it has read what was sent."""
        if self._sending:
            self._sending = False
            assert self._process.stdin is not None
            try:
                self._process.stdin.close()
            except OSError:
                pass  # the child has gone: its end is closed already

    def lower_priority(self) -> None:
        """Let the operating system favour the window and the page renderer over this process (background text)."""
        try:
            if sys.platform == "win32":
                import ctypes

                handle = int(getattr(self._process, "_handle"))
                ctypes.windll.kernel32.SetPriorityClass(handle, _BELOW_NORMAL_PRIORITY_CLASS)
            else:
                os.setpriority(os.PRIO_PROCESS, self._process.pid, 10)
        except (AttributeError, OSError, TypeError, ValueError):
            pass  # not supported here, or the process has already ended: it only costs some smoothness

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def close(self) -> None:
        """Let the child finish: closing the pipe ends its loop. Call it from the thread that makes the calls."""
        import subprocess

        self._stop_sending()
        try:
            self._process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.kill()
            self._process.wait()
        self._reader.join(timeout=2)  # the child has ended, so its end of the replies' pipe is closed
        if not self._reader.is_alive():
            assert self._process.stdout is not None
            self._process.stdout.close()

    def kill(self) -> None:
        """End the child at once. Safe from another thread: a call waiting for its answer then fails with
        PdfServiceError in its own thread (the pipes themselves are closed only by :meth:`close`)."""
        self._process.kill()  # does nothing once the child has been reaped


class ProcessPool:
    """Keeps PDF processes started ahead of need, so opening a document does not wait for Python to start."""

    def __init__(self, spares: int = 1) -> None:
        self._spares = spares
        self._ready: list[PdfProcess] = [PdfProcess() for _ in range(spares)]

    def take(self) -> PdfProcess:
        """A started process for one document (a spare if one is ready, else a new one)."""
        while self._ready:
            process = self._ready.pop(0)
            if process.alive:
                return process
        return PdfProcess()

    def replenish(self) -> None:
        """Start spares again, when a document is about to be opened (a file dialog or the recent files shown, a file
        dragged over): starting Python takes a moment, and a spare waiting idle takes memory."""
        while len(self._ready) < self._spares:
            self._ready.append(PdfProcess())

    def close(self) -> None:
        """End the spares (the processes handed out are ended by their users)."""
        for process in self._ready:
            process.close()
        self._ready = []
