"""Open a PDF safely and describe it: fingerprint, title, pages, encryption, repair, pages without text."""

from __future__ import annotations

import re
from pathlib import Path

import fitz

from annotator.pdf.errors import (
    DamagedPdfError,
    EmptyPdfError,
    NotAPdfError,
    PasswordRequiredError,
    PdfOpenError,
    require_file,
)
from annotator.pdf.facts import PdfInfo, file_fingerprint
from annotator.pdf.labels import page_labels

# The PDF header may legally be preceded by up to 1024 bytes of junk.
_HEADER_WINDOW = 1024
_REFERENCE = re.compile(r"\b(\d+) 0 R\b")
# How deep to follow references from a page's contents and resources when checking that they survived repair:
# resources -> font dictionary -> font -> descriptor is deep enough to catch a truncated file.
_REFERENCE_DEPTH = 3
# What MuPDF raises for a broken file: RuntimeError and ValueError from PyMuPDF's own checks, and (in 1.2x) the
# FzError* classes of its bindings for errors deep in MuPDF ("cycle in page tree", "exception stack overflow").
MUPDF_ERRORS: tuple[type[BaseException], ...] = (RuntimeError, ValueError, MemoryError, RecursionError) + tuple(
    cls for cls in (getattr(getattr(fitz, "mupdf", None), "FzErrorBase", None),) if isinstance(cls, type))
# A page tree larger than this is refused rather than walked (a real agreement has a few hundred pages).
MAX_PAGES = 20000


def _quiet_mupdf() -> None:
    """Keep MuPDF's warnings off stderr; they are read back with fitz.TOOLS.mupdf_warnings() where useful."""
    fitz.TOOLS.mupdf_display_errors(False)


def _read_head(path: Path) -> bytes:
    """The first bytes of the file, enough to see a PDF header; raises PdfOpenError when unreadable."""
    require_file(path)
    try:
        with open(path, "rb") as stream:
            return stream.read(_HEADER_WINDOW)
    except FileNotFoundError as error:
        raise PdfOpenError(path, f"{path.name} does not exist ({path}).") from error
    except IsADirectoryError as error:
        raise PdfOpenError(path, f"{path} is a folder, not a PDF file.") from error
    except OSError as error:
        raise PdfOpenError(path, f"{path.name} cannot be read: {error.strerror or error}.") from error


def open_pdf(path: Path, password: str | None = None) -> fitz.Document:
    """Open ``path`` as a PDF, refusing anything that is not a usable PDF with one of the errors in errors.py."""
    path = Path(path)
    _quiet_mupdf()
    head = _read_head(path)
    if not head:
        raise NotAPdfError(path, f"{path.name} is empty (0 bytes), so it is not a PDF.")
    if b"%PDF-" not in head:
        raise NotAPdfError(path, f"{path.name} is not a PDF: it does not start with a PDF header.")
    try:
        doc = fitz.open(path, filetype="pdf")
    except (fitz.FileDataError, fitz.EmptyFileError, *MUPDF_ERRORS) as error:
        raise DamagedPdfError(path, f"{path.name} is a damaged PDF that cannot be repaired ({error}).") from error
    try:
        _check_opened(doc, path, password)
    except PdfOpenError:
        doc.close()
        raise
    except MUPDF_ERRORS as error:
        doc.close()
        raise DamagedPdfError(path, f"{path.name} is a damaged PDF that cannot be read ({_reason(error)}).") \
            from error
    return doc


def _reason(error: BaseException) -> str:
    text = str(error).strip()
    text = re.sub(r"^code=\d+:\s*", "", text)
    return text or type(error).__name__


def _check_page_tree(doc: fitz.Document, path: Path) -> None:
    """Walk the page tree without loading a page: it must end in as many distinct pages as it claims, without
    cycles, so that a file lying about its size (a /Count of two billion, a /Kids loop, one page listed 100,000
    times) is refused at once instead of filling the memory or the afternoon."""
    declared = doc.page_count
    if declared > MAX_PAGES:
        raise DamagedPdfError(path, f"{path.name} claims {declared:,} pages; more than {MAX_PAGES:,} are not "
                                    "opened (the file is damaged, or not an agreement).")
    kind, root = doc.xref_get_key(doc.pdf_catalog(), "Pages")
    match = _REFERENCE.fullmatch(root.strip()) if kind == "xref" else None
    if match is None:
        return  # MuPDF found the pages some other way (a repaired file): page_count is what it could read
    seen: set[int] = set()
    leaves = 0
    stack = [int(match.group(1))]
    size = doc.xref_length()
    while stack:
        xref = stack.pop()
        if xref in seen:
            raise DamagedPdfError(path, f"{path.name} is damaged: its page tree refers to the same object twice "
                                        f"(object {xref}).")
        seen.add(xref)
        if not 0 < xref < size or len(seen) > 4 * MAX_PAGES:
            raise DamagedPdfError(path, f"{path.name} is damaged: its page tree is broken.")
        kind, kids = doc.xref_get_key(xref, "Kids")
        if kind == "array":
            stack.extend(int(ref) for ref in _REFERENCE.findall(kids))
        else:
            leaves += 1
    if leaves != declared:
        raise DamagedPdfError(path, f"{path.name} is damaged: it says it has {declared:,} pages, but its page tree "
                                    f"holds {leaves:,}.")


def _check_opened(doc: fitz.Document, path: Path, password: str | None) -> None:
    """Raise the fitting PdfOpenError when the opened document cannot be used."""
    if not doc.is_pdf:
        # MuPDF sniffs the content and happily opens an image renamed to .pdf as a one-page image document.
        raise NotAPdfError(path, f"{path.name} is not a PDF but another kind of file with a .pdf name.")
    if doc.needs_pass:
        if password is None:
            raise PasswordRequiredError(
                path, f"{path.name} is protected with a password; enter it to open the file.", wrong_password=False
            )
        # authenticate() returns 0 for a wrong password; check is_encrypted rather than needs_pass afterwards.
        if not doc.authenticate(password) or doc.is_encrypted:
            raise PasswordRequiredError(
                path, f"The password given for {path.name} is not correct.", wrong_password=True
            )
    if doc.page_count == 0:
        raise EmptyPdfError(path, f"{path.name} is a PDF without any pages.")
    _check_page_tree(doc, path)
    if doc.is_repaired:
        if _contents_unreadable(doc):
            raise DamagedPdfError(
                path,
                f"{path.name} is damaged: the text of its pages cannot be read. It may be a protected PDF whose "
                "protection record was cut off (then not even its password opens it); ask for a new copy.",
            )
        lost = _pages_with_lost_objects(doc)
        if lost:
            listed = ", ".join(str(index + 1) for index in lost[:8]) + (" ..." if len(lost) > 8 else "")
            raise DamagedPdfError(
                path,
                f"{path.name} is damaged or truncated: {len(lost)} of its {doc.page_count} pages "
                f"lost their content (pages {listed}).",
            )


def _contents_unreadable(doc: fitz.Document, sample: int = 3) -> bool:
    """Whether none of the first pages' content streams decodes: what a repaired file shows when it was encrypted
    and lost the dictionary that says so (MuPDF then reads the ciphertext as if it were plain)."""
    tried = failed = 0
    for index in range(min(doc.page_count, sample)):
        try:
            kind, value = doc.xref_get_key(doc.page_xref(index), "Contents")
        except MUPDF_ERRORS:
            continue
        for ref in _REFERENCE.findall(value) if kind in ("xref", "array") else ():
            tried += 1
            try:
                # MuPDF gives an empty stream (and a warning) for bytes that do not decode.
                if doc.xref_stream_raw(int(ref)) and not doc.xref_stream(int(ref)):
                    failed += 1
            except MUPDF_ERRORS:
                failed += 1
    return tried > 0 and failed == tried


def _pages_with_lost_objects(doc: fitz.Document) -> list[int]:
    """Indexes of pages whose page object, contents or resources did not survive MuPDF's repair.

    A truncated file opens "repaired" with every page present, but pages past the cut refer to objects that no
    longer exist, and would show blank. Following the references is cheap: no content stream is parsed.
    """
    size = doc.xref_length()
    known: dict[int, bool] = {}

    def intact(xref: int, depth: int) -> bool:
        if xref in known:
            return known[xref]
        if xref <= 0 or xref >= size:
            known[xref] = False
            return False
        known[xref] = True  # provisional, so reference cycles end
        try:
            source: str = doc.xref_object(xref, compressed=True)
        except MUPDF_ERRORS:
            known[xref] = False
            return False
        ok = source != "null"
        if ok and depth > 0:
            ok = all(intact(int(ref), depth - 1) for ref in _REFERENCE.findall(source))
        known[xref] = ok
        return ok

    lost = []
    for index in range(doc.page_count):
        try:
            page_xref = doc.page_xref(index)
            refs: list[int] = []
            for key in ("Contents", "Resources"):
                kind, value = doc.xref_get_key(page_xref, key)
                if kind != "null":
                    refs.extend(int(ref) for ref in _REFERENCE.findall(value))
        except MUPDF_ERRORS:
            lost.append(index)
            continue
        if not intact(page_xref, 0) or not all(intact(ref, _REFERENCE_DEPTH) for ref in refs):
            lost.append(index)
    return lost


# Operators that show text in a content stream. A page whose own stream has them has a text layer; only the
# others (scans, pictures, text inside form objects) are asked the slow way, by extracting their text.
_SHOWS_TEXT = re.compile(rb"(?:^|[\s\]\)>])(?:Tj|TJ|'|\")(?:$|[\s\[(<])")


def pages_without_text(doc: fitz.Document) -> tuple[int, ...]:
    """0-based indexes of pages that have no text layer (scans, pictures)."""
    empty = []
    for index in range(doc.page_count):
        page = doc.load_page(index)
        contents = page.read_contents()
        if b"BT" in contents and _SHOWS_TEXT.search(contents):
            continue
        if not page.get_text("text", flags=0).strip():
            empty.append(index)
    return tuple(empty)


def read_info(path: Path, password: str | None = None) -> PdfInfo:
    """Open ``path`` and describe it; raises the errors of errors.py for files that cannot be used."""
    path = Path(path)
    doc = open_pdf(path, password)
    try:
        return PdfInfo(
            path=path,
            fingerprint=file_fingerprint(path),
            title=document_title(doc, path),
            page_count=doc.page_count,
            encrypted=bool((doc.metadata or {}).get("encryption")),
            repaired=bool(doc.is_repaired),
            pages_without_text=pages_without_text(doc),
            page_labels=tuple(page_labels(doc)),
        )
    finally:
        doc.close()


def document_title(doc: fitz.Document, path: Path) -> str:
    """The metadata title, else the first line of the largest text on page 1, else the file name without suffix."""
    title = ((doc.metadata or {}).get("title") or "").strip()
    if title and not _looks_generated(title):
        return title
    if doc.page_count:
        heading = _largest_text_line(doc.load_page(0))
        if heading:
            return heading
    return Path(path).stem


def _looks_generated(title: str) -> bool:
    """Titles that word processors fill in by themselves say nothing about the document."""
    lowered = title.lower()
    return lowered in {"untitled", "document", "microsoft word"} or lowered.endswith((".doc", ".docx", ".pdf"))


def _largest_text_line(page: fitz.Page) -> str:
    """The first run of lines set in the largest font on the page (a title may wrap over two lines)."""
    lines: list[tuple[int, float, str]] = []
    for number, block in enumerate(page.get_text("dict", flags=0)["blocks"]):
        for line in block.get("lines", ()):
            text = " ".join("".join(span["text"] for span in line["spans"]).split())
            if text:
                lines.append((number, max(span["size"] for span in line["spans"]), text))
    sizes = [size for _block, size, text in lines if len(text) >= 3 and any(ch.isalpha() for ch in text)]
    if not sizes:
        return ""
    largest = max(sizes)
    title: list[str] = []
    title_block = -1
    for block, size, text in lines:
        if abs(size - largest) <= 0.5 and (not title or block == title_block):
            title.append(text)
            title_block = block
        elif title:
            break
    return " ".join(title)[:200]
