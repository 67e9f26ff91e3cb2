"""The use cases' PDF work -- import, export, carrying over, other readers' highlights -- in a PDF process.

MuPDF runs only in a PDF process (annotator.pdf.service), under that process's memory ceiling, and every request
has a time limit: a file that makes MuPDF fail, allocate without end or loop is given up on with a
:class:`~annotator.pdf.errors.PdfOpenError` naming the file, and the caller's process never loads MuPDF.

The parent opens a :class:`PdfJob` for one PDF and asks for small results: the document's facts when it opens, one
request per page to read its text (so progress is reported and the time limit holds per page, and a cancelled job
stops between pages), then quotes placed in chunks, or offsets looked up, or highlights read, or an annotated copy
written. The page texts (about half a megabyte a page) and the Anchorer built from them stay in the child.

Carrying annotations over to a new version reads the earlier version's pages into the same child
(:meth:`PdfJob.read_previous`), which aligns both texts there and carries the passages in chunks
(:meth:`PdfJob.carry`): neither version's text leaves the PDF process.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.domain.model import Anchor, AnchorStatus, Judgment, Rect
from annotator.pdf.errors import DamagedPdfError, PasswordRequiredError
from annotator.pdf.facts import file_fingerprint
from annotator.pdf.service import PdfProcess, PdfServiceError

if TYPE_CHECKING:
    from annotator.pdf.anchoring import Carry, Passage

__all__ = ["Area", "Highlight", "Mark", "PdfFacts", "PdfJob", "Quote", "check_pdf", "file_fingerprint"]

# Time limits, in seconds: generous for a real agreement, finite for a hostile file.
OPEN_SECONDS = 60.0  # start the process, open the file, check its page tree, read its title and page labels
PAGE_SECONDS_DEFAULT = 30.0  # the text of one page (ANNOTATOR_PDF_PAGE_SECONDS); a real page takes milliseconds
PER_PAGE_SECONDS = 0.5  # what whole-document steps (indexing, reading highlights, saving) add for each page
PER_QUOTE_SECONDS = 10.0  # placing one quote (a fuzzy search through the whole text, at worst)
PER_PASSAGE_SECONDS = 1.0  # carrying one passage over (the alignment is made once, before)
QUOTE_CHUNK = 50  # quotes placed per request (progress is reported after each)
OFFSET_CHUNK = 2000  # offsets looked up per request

Progress = Callable[[int, int], None]



def page_seconds() -> float:
    """The time limit for one page's text: ANNOTATOR_PDF_PAGE_SECONDS, else 30 s."""
    try:
        value = float(os.environ.get("ANNOTATOR_PDF_PAGE_SECONDS", "") or PAGE_SECONDS_DEFAULT)
    except ValueError:
        return PAGE_SECONDS_DEFAULT
    return value if value > 0 else PAGE_SECONDS_DEFAULT


@dataclass(frozen=True)
class PdfFacts:
    """What is known of a PDF once it is open: fingerprint, title, page count and printed page labels."""

    fingerprint: str
    title: str
    page_count: int
    labels: list[str]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote to place: its text, context, and the page (0-based) and document offset that break ties."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    page: int | None = None
    position: int | None = None


@dataclass(frozen=True, slots=True)
class Area:
    """A drawn area to place on its page (0-based): clipped to the page, with the text inside it."""

    page: int
    rect: Rect


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation to write into the annotated copy (as annotator.pdf.annotations.PdfMark)."""

    page: int
    rects: tuple[Rect, ...]
    area: bool
    colour: str
    author: str
    subject: str
    content: str


@dataclass(frozen=True, slots=True)
class Highlight:
    """A highlight or square found in a PDF made with another reader (as annotations.PdfHighlight)."""

    page: int
    rects: tuple[Rect, ...]
    area: bool
    text: str
    comment: str
    author: str
    colour: tuple[float, ...] | None
    judgment: Judgment | None
    name: str
    xref: int


# --- the parent's side ------------------------------------------------------------------------------------------


class PdfJob:
    """One PDF opened for one use case in a PDF process of its own. Use it in a ``with`` block (the process ends
    when it closes); not thread-safe: the thread that opened it makes the calls.

    Opening raises the PdfOpenError of a file that is no usable PDF, or DamagedPdfError when MuPDF failed, ran out
    of the process's memory or gave no answer in time; so does every later call, naming the file and the step.
    """

    def __init__(self, path: Path, password: str | None = None) -> None:
        self.path = Path(path)
        self._process = PdfProcess()
        self._read = False
        try:
            self.facts: PdfFacts = self._call(OPEN_SECONDS, "opening it", "open", self.path.absolute(), password)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> PdfJob:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the PDF process (a process given up on has been killed already)."""
        self._process.close()

    @property
    def page_count(self) -> int:
        return self.facts.page_count

    def read_text(self, progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Read every page's text into the process and index it for placing quotes; False when ``cancelled()``
        said so between two pages. ``progress(done, total)`` is called after each page; when it raises (the
        reviewer cancelled) the reading stops there."""
        count = self.facts.page_count
        limit = page_seconds()
        for index in range(count):
            if cancelled():
                return False
            self._call(limit, f"reading the text of page {index + 1}", "read_page", index)
            if progress is not None:
                progress(index + 1, count)
        self._call(OPEN_SECONDS + PER_PAGE_SECONDS * count, "indexing its text", "index")
        self._read = True
        return True

    def place(self, requests: Sequence[Quote | Area], progress: Progress | None = None,
              cancelled: Callable[[], bool] = lambda: False) -> list[tuple[AnchorStatus, Anchor | None]] | None:
        """Where each quote or area lands (status, anchor; None for an orphan), in chunks of QUOTE_CHUNK with
        ``progress(done, total)`` after each; None when ``cancelled()`` said so between two chunks."""
        assert self._read, "read_text() first"
        placed: list[tuple[AnchorStatus, Anchor | None]] = []
        for start in range(0, len(requests), QUOTE_CHUNK):
            if cancelled():
                return None
            chunk = list(requests[start:start + QUOTE_CHUNK])
            placed.extend(self._call(OPEN_SECONDS + PER_QUOTE_SECONDS * len(chunk), "placing the quotes in it",
                                     "place", chunk))
            if progress is not None:
                progress(len(placed), len(requests))
        return placed

    def read_previous(self, path: Path, password: str | None = None, progress: Progress | None = None,
                      cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Read the text of an earlier version of this PDF into the same process, to carry passages over from it
        by aligning both texts (:meth:`carry`). False when it cannot be opened without another password (the
        passages are then searched for), or when ``cancelled()`` said so between two pages; a damaged file
        raises as opening one does. ``progress(done, total)`` follows its pages."""
        try:
            count: int = self._call(OPEN_SECONDS, f"opening {Path(path).name}", "open_previous",
                                    Path(path).absolute(), password)
        except PasswordRequiredError:
            return False
        limit = page_seconds()
        for index in range(count):
            if cancelled():
                self._call(OPEN_SECONDS, "closing the earlier version", "drop_previous")
                return False
            self._call(limit, f"reading the text of page {index + 1} of {Path(path).name}", "read_previous_page",
                       index)
            if progress is not None:
                progress(index + 1, count)
        return True

    def carry(self, passages: Sequence[Passage], progress: Progress | None = None,
              cancelled: Callable[[], bool] = lambda: False,
              old_pages: int | None = None) -> tuple[bool, list[Carry]] | None:
        """Where each passage of the earlier version goes in this one (see anchoring.Carrier), in chunks of
        QUOTE_CHUNK with ``progress(done, total)`` after each, and whether the earlier version's text was at hand
        to align with (else the passages were searched for, its page count ``old_pages`` giving page hints);
        None when ``cancelled()`` said so between chunks."""
        assert self._read, "read_text() first"
        pages = self.facts.page_count
        aligned: bool = self._call(OPEN_SECONDS + 2 * PER_PAGE_SECONDS * pages, "aligning it with the earlier "
                                   "version", "align", old_pages)
        carried: list[Carry] = []
        for start in range(0, len(passages), QUOTE_CHUNK):
            if cancelled():
                return None
            chunk = list(passages[start:start + QUOTE_CHUNK])
            carried.extend(self._call(OPEN_SECONDS + PER_PASSAGE_SECONDS * len(chunk), "carrying the annotations "
                                      "over to it", "carry", chunk))
            if progress is not None:
                progress(len(carried), len(passages))
        return aligned, carried

    def document_offsets(self, positions: Sequence[tuple[int, int]]) -> list[int | None]:
        """For (page, offset in its page text) pairs, the offsets in the document's joined text (None: not in it)."""
        assert self._read, "read_text() first"
        found: list[int | None] = []
        for start in range(0, len(positions), OFFSET_CHUNK):
            found.extend(self._call(OPEN_SECONDS, "looking up the quotes' positions", "offsets",
                                    list(positions[start:start + OFFSET_CHUNK])))
        return found

    def highlights(self) -> list[Highlight]:
        """Every highlight and square annotation in the PDF, with its text, note, author and nearest judgment."""
        found: list[Highlight] = self._call(OPEN_SECONDS + PER_PAGE_SECONDS * self.facts.page_count,
                                            "reading its highlights", "highlights")
        return found

    def write_marks(self, target: Path, marks: Sequence[Mark]) -> int:
        """Write a copy of the PDF with ``marks`` at ``target`` (written directly: see annotations.write_marks);
        returns the number written. MuPDF failing to save it is an OSError naming ``target``."""
        limit = 2 * OPEN_SECONDS + PER_PAGE_SECONDS * self.facts.page_count + 0.05 * len(marks)
        written: int = self._call(limit, "writing the annotated copy", "write", Path(target).absolute(), list(marks))
        return written

    def _call(self, timeout: float, doing: str, operation: str, *arguments: object) -> Any:
        try:
            reply = self._process.call("job", operation, *arguments, timeout=timeout)
        except PdfServiceError as error:
            raise DamagedPdfError(self.path, f"{self.path.name}: gave up {doing} ({error}).") from error
        if reply[0] == "os-error":
            _kind, number, message, filename = reply
            raise OSError(number or errno.EIO, message, filename)
        return reply[1]


def check_pdf(path: Path, password: str | None = None) -> PdfFacts:
    """Open ``path`` in a PDF process and close it again: its facts, or the PdfOpenError that says what is wrong."""
    with PdfJob(path, password) as job:
        return job.facts


# --- the PDF process's side -------------------------------------------------------------------------------------


class _Work:
    """The child's one document for a job, its page texts and the Anchorer made from them."""

    def __init__(self) -> None:
        self.doc: Any = None
        self.path: Path | None = None
        self.password: str | None = None
        self.texts: list[Any] = []  # list[PageText]
        self.anchorer: Any = None
        self.previous: Any = None  # the earlier version's Document, while its pages are read
        self.previous_texts: list[Any] | None = None  # list[PageText] of the earlier version
        self.carrier: Any = None

    def _damaged(self, what: str, error: BaseException) -> DamagedPdfError:
        """MuPDF's error as a DamagedPdfError naming the file (running out of memory stays a MemoryError: the PDF
        process says what that means)."""
        assert self.path is not None
        reason = str(error).strip() or type(error).__name__
        return DamagedPdfError(self.path, f"{self.path.name} is damaged: {what} cannot be read ({reason}).")

    def open(self, path: Path, password: str | None) -> PdfFacts:
        from annotator.pdf.document import MUPDF_ERRORS, document_title, open_pdf
        from annotator.pdf.labels import page_labels

        self.close()
        self.doc = open_pdf(path, password)
        self.path, self.password = path, password
        try:
            return PdfFacts(file_fingerprint(path), document_title(self.doc, path), self.doc.page_count,
                            page_labels(self.doc))
        except MemoryError:
            raise
        except MUPDF_ERRORS as error:
            raise self._damaged("its first page or its page labels", error) from error

    def read_page(self, index: int) -> None:
        from annotator.pdf.document import MUPDF_ERRORS
        from annotator.pdf.textmodel import extract_page_text

        if index != len(self.texts):
            raise ValueError(f"pages are read in order: page {len(self.texts)} is next, not {index}")
        try:
            self.texts.append(extract_page_text(self.doc.load_page(index)))
        except MemoryError:
            raise
        except MUPDF_ERRORS as error:
            raise self._damaged(f"page {index + 1}", error) from error

    def index(self) -> None:
        from annotator.pdf.anchoring import Anchorer

        self.anchorer = Anchorer(self.texts)

    def place(self, requests: list[Quote | Area]) -> list[tuple[AnchorStatus, Anchor | None]]:
        from annotator.pdf.selection import area_anchor

        placed: list[tuple[AnchorStatus, Anchor | None]] = []
        for request in requests:
            if isinstance(request, Area):
                text = self.texts[request.page] if 0 <= request.page < len(self.texts) else None
                clipped = _on_page(request.rect, text) if text is not None else None
                if clipped is None:
                    placed.append((AnchorStatus.ORPHANED, None))  # a page it does not have, or wholly off it
                else:
                    placed.append((AnchorStatus.ANCHORED, area_anchor(text, request.page, clipped)))
                continue
            placement = self.anchorer.place(request.exact, request.prefix, request.suffix, request.page,
                                            position=request.position)
            placed.append((placement.status, placement.anchor))
        return placed

    def open_previous(self, path: Path, password: str | None) -> int:
        from annotator.pdf.document import open_pdf

        self.drop_previous()
        try:
            self.previous = open_pdf(path, password)
        except PasswordRequiredError:
            if password is None:
                raise
            self.previous = open_pdf(path, None)  # the earlier version may have no password at all
        self.previous_texts = []
        self.carrier = None
        return int(self.previous.page_count)

    def read_previous_page(self, index: int) -> None:
        from annotator.pdf.document import MUPDF_ERRORS
        from annotator.pdf.textmodel import extract_page_text

        assert self.previous is not None and self.previous_texts is not None
        if index != len(self.previous_texts):
            raise ValueError(f"pages are read in order: page {len(self.previous_texts)} is next, not {index}")
        try:
            self.previous_texts.append(extract_page_text(self.previous.load_page(index)))
        except MemoryError:
            raise
        except MUPDF_ERRORS as error:
            name = Path(self.previous.name).name
            raise DamagedPdfError(Path(self.previous.name), f"{name} is damaged: page {index + 1} cannot be "
                                  f"read ({str(error).strip() or type(error).__name__}).") from error
        if len(self.previous_texts) == self.previous.page_count:
            self.previous.close()
            self.previous = None

    def drop_previous(self) -> None:
        if self.previous is not None:
            self.previous.close()
        self.previous, self.previous_texts, self.carrier = None, None, None

    def align(self, old_pages: int | None = None) -> bool:
        from annotator.pdf.anchoring import Carrier

        if self.carrier is None:
            texts = self.previous_texts if self.previous is None else None  # all of its pages, or none
            self.carrier = Carrier(self.anchorer, texts)
            self.previous_texts = None  # the Carrier keeps what it needs of them
        if not self.carrier.aligned and old_pages:
            self.carrier.old_pages = old_pages
        return bool(self.carrier.aligned)

    def carry(self, passages: list[Passage]) -> list[Carry]:
        return list(self.carrier.carry(passages))

    def offsets(self, positions: list[tuple[int, int]]) -> list[int | None]:
        return [self.anchorer.document_offset(page, offset) for page, offset in positions]

    def highlights(self) -> list[Highlight]:
        from annotator.pdf.annotations import read_pdf_highlights

        assert self.path is not None
        return [Highlight(h.page, h.rects, h.area, h.text, h.comment, h.author, h.colour, h.judgment, h.name, h.xref)
                for h in read_pdf_highlights(self.path, self.password)]

    def write(self, target: Path, marks: list[Mark]) -> int:
        from annotator.pdf.annotations import PdfMark, write_marks
        from annotator.pdf.document import MUPDF_ERRORS

        assert self.path is not None
        self.close_document()  # write_marks opens its own copy
        try:
            return write_marks(self.path, target, [
                PdfMark(m.page, m.rects, m.area, m.colour, m.author, m.subject, m.content) for m in marks
            ], self.password)
        except MemoryError:
            raise
        except MUPDF_ERRORS as error:
            raise self._damaged("a page to annotate", error) from error

    def close_document(self) -> None:
        if self.doc is not None:
            self.doc.close()
        self.doc = None

    def close(self) -> None:
        self.close_document()
        self.drop_previous()
        self.path, self.password, self.texts, self.anchorer = None, None, [], None


def _on_page(area: Rect, text: Any) -> Rect | None:
    """The part of ``area`` (finite, checked by the reader) that lies on the page; None when none of it does."""
    clipped = Rect(max(area.x0, 0.0), max(area.y0, 0.0), min(area.x1, text.width), min(area.y1, text.height))
    return clipped if clipped.width > 0 and clipped.height > 0 else None


_work = _Work()


def serve_job(operation: str, arguments: Sequence[object]) -> tuple[object, ...]:
    """Run one job request in the PDF process (called by service._Handler.job). An OSError (a full disk, a file
    that cannot be read) comes back as such, with its file name; other errors go the service's way."""
    if operation.startswith("_") or not hasattr(_work, operation):
        raise ValueError(f"no PDF job {operation!r}")
    try:
        return ("ok", getattr(_work, operation)(*arguments))
    except OSError as error:
        return ("os-error", error.errno, error.strerror or str(error), error.filename)
