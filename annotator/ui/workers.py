"""Background threads that own a PyMuPDF document each: one renders pages, one reads text and searches.

PyMuPDF is not thread-safe, so each worker opens its own ``Document`` and the UI thread only receives results
(``QImage``s, page texts, search hits) through queued signals.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage

from annotator.pdf.document import document_title, file_fingerprint, open_pdf
from annotator.pdf.errors import PdfOpenError
from annotator.pdf.labels import page_labels
from annotator.pdf.render import OutlineEntry, outline, page_sizes, render
from annotator.pdf.search import find_in_page
from annotator.pdf.textmodel import PageText, extract_page_text

# MuPDF reports rendering problems of damaged content as RuntimeError (FzError subclasses) or ValueError.
_MUPDF_ERRORS = (RuntimeError, ValueError)


@dataclass(frozen=True)
class OpenedDocument:
    """What the viewer needs to lay out a freshly opened document."""

    path: Path
    title: str
    page_count: int
    sizes: list[tuple[float, float]]
    outline: list[OutlineEntry]
    repaired: bool
    encrypted: bool
    password: str | None


@dataclass(frozen=True)
class DocumentFacts:
    """What the text worker learns after opening: identity, printed page labels, pages without text."""

    fingerprint: str
    labels: list[str]
    pages_without_text: frozenset[int] = field(default_factory=frozenset)


class RenderWorker(QThread):
    """Opens the document and renders the pages the view asks for, newest request first."""

    opened = Signal(object)  # OpenedDocument
    failed = Signal(object)  # PdfOpenError
    rendered = Signal(str, int, float, QImage)  # kind ("page" or "thumb"), page, scale, image
    render_failed = Signal(int, str)  # page, message

    def __init__(self, path: Path, password: str | None = None) -> None:
        super().__init__()
        self.setObjectName("render-worker")
        self.path = path
        self.password = password
        self._wake = threading.Condition()
        # Pages for the view come before thumbnails for the sidebar.
        self._pending: dict[str, list[tuple[int, float]]] = {"page": [], "thumb": []}
        self._stopping = False

    def request(self, kind: str, pages: list[tuple[int, float]]) -> None:
        """Replace what is still pending of this kind: requests for pages that scrolled away are dropped."""
        with self._wake:
            self._pending[kind] = list(pages)
            self._wake.notify()

    def stop(self) -> None:
        """Ask the thread to finish after the page it is rendering; returns at once."""
        with self._wake:
            self._stopping = True
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
            doc = open_pdf(self.path, self.password)
            info = OpenedDocument(
                path=self.path,
                title=document_title(doc, self.path),
                page_count=doc.page_count,
                sizes=page_sizes(doc),
                outline=outline(doc),
                repaired=bool(doc.is_repaired),
                encrypted=bool(self.password) or bool(doc.is_encrypted),
                password=self.password,
            )
        except PdfOpenError as error:
            self.failed.emit(error)
            return
        self.opened.emit(info)
        try:
            while (job := self._next()) is not None:
                kind, page, scale = job
                try:
                    raster = render(doc, page, scale)
                except _MUPDF_ERRORS as error:
                    self.render_failed.emit(page, str(error))
                    continue
                image = QImage(raster.samples, raster.width, raster.height, raster.stride, QImage.Format.Format_RGB888)
                self.rendered.emit(kind, page, scale, image.copy())
        finally:
            doc.close()


class _Cancelled(Exception):
    """Raised inside a text job when a newer job replaced it."""


class TextWorker(QThread):
    """Reads page texts (for search, selection and labels) on its own copy of the document."""

    facts_ready = Signal(object)  # DocumentFacts
    text_layers_checked = Signal(object)  # frozenset of pages without a text layer, once all pages were read
    page_text_ready = Signal(int, object)  # page, PageText
    hits_found = Signal(int, object)  # search generation, list[SearchHit]
    search_finished = Signal(int, int)  # search generation, total hits
    failed = Signal(object)  # PdfOpenError

    def __init__(self, path: Path, password: str | None = None) -> None:
        super().__init__()
        self.setObjectName("text-worker")
        self.path = path
        self.password = password
        self._wake = threading.Condition()
        self._search: tuple[int, str] | None = None
        self._search_generation = 0
        self._wanted_texts: list[int] = []
        self._stopping = False
        self._texts: dict[int, PageText] = {}

    def search(self, query: str) -> int:
        """Start searching ``query``, cancelling a running search; returns the generation its hits carry."""
        with self._wake:
            self._search_generation += 1
            self._search = (self._search_generation, query) if query.strip() else None
            self._wake.notify()
            return self._search_generation

    def want_page_texts(self, pages: list[int]) -> None:
        """Ask for the text models of these pages (for selecting text), replacing an earlier wish."""
        with self._wake:
            self._wanted_texts = [page for page in pages if page not in self._texts]
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._search = None
            self._wake.notify()

    def _check(self, generation: int | None = None) -> None:
        with self._wake:
            if self._stopping or (generation is not None and generation != self._search_generation):
                raise _Cancelled

    def run(self) -> None:
        try:
            doc = open_pdf(self.path, self.password)
        except PdfOpenError as error:
            self.failed.emit(error)
            return
        try:
            self.facts_ready.emit(
                DocumentFacts(fingerprint=file_fingerprint(self.path), labels=page_labels(doc))
            )
            self._serve(doc)
        except _Cancelled:
            pass
        finally:
            doc.close()

    def _serve(self, doc: object) -> None:
        indexed = 0
        empty: set[int] = set()
        while True:
            with self._wake:
                if self._stopping:
                    return
                search, self._search = self._search, None
                wanted = self._wanted_texts[:1]
                del self._wanted_texts[:1]
                idle = search is None and not wanted and indexed >= doc.page_count  # type: ignore[attr-defined]
                if idle:
                    self._wake.wait()
                    continue
            if search is not None:
                self._run_search(doc, *search)
            elif wanted:
                self.page_text_ready.emit(wanted[0], self._text(doc, wanted[0]))
            else:
                # Idle time indexes the rest of the document, so later searches are instant and pages
                # without a text layer are known.
                if not self._text(doc, indexed).has_text_layer:
                    empty.add(indexed)
                indexed += 1
                if indexed == doc.page_count:  # type: ignore[attr-defined]
                    self.text_layers_checked.emit(frozenset(empty))

    def _text(self, doc: object, page: int) -> PageText:
        text = self._texts.get(page)
        if text is None:
            text = extract_page_text(doc.load_page(page))  # type: ignore[attr-defined]
            self._texts[page] = text
        return text

    def _run_search(self, doc: object, generation: int, query: str) -> None:
        total = 0
        try:
            for page in range(doc.page_count):  # type: ignore[attr-defined]
                self._check(generation)
                hits = find_in_page(self._text(doc, page), query)
                if hits:
                    total += len(hits)
                    self.hits_found.emit(generation, hits)
        except _Cancelled:
            if self._stopping:
                raise
            return
        self.search_finished.emit(generation, total)


def retire(worker: QThread | None, keep: set[QThread]) -> None:
    """Stop a worker without blocking the UI; ``keep`` holds it until its thread has ended, then it is deleted."""
    if worker is None:
        return
    worker.stop()  # type: ignore[attr-defined]
    keep.add(worker)

    def finished() -> None:
        keep.discard(worker)
        worker.deleteLater()

    worker.finished.connect(finished)
    if worker.isFinished() or not worker.isRunning():
        finished()
