"""Why a file could not be opened as a PDF, as exceptions that carry the file and a sentence for the reviewer."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class PdfOpenError(Exception):
    """A file that cannot be opened as a review document; ``str(e)`` names the file and what is wrong."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)


class NotAPdfError(PdfOpenError):
    """The file is not a PDF at all (an image, a text file, an empty file)."""


class EmptyPdfError(PdfOpenError):
    """The file is a PDF without a single page."""


class DamagedPdfError(PdfOpenError):
    """The PDF is broken beyond repair, or so truncated that pages are lost."""


class PasswordRequiredError(PdfOpenError):
    """The PDF is encrypted and no password, or a wrong one, was given."""

    def __init__(self, path: Path, message: str, *, wrong_password: bool) -> None:
        super().__init__(path, message)
        self.wrong_password = wrong_password


def require_file(path: Path) -> None:
    """Refuse, before anything reads it, a path that is a named pipe, a device or a socket (reading one would wait,
    or read, without end) or a folder; a missing or unreadable path is left to the reader to report."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        raise PdfOpenError(path, f"{path} is a folder, not a PDF file.")
    if not stat.S_ISREG(mode):
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) \
            else "no regular file"
        raise NotAPdfError(path, f"{Path(path).name} is {kind}, not a PDF file; choose the PDF itself.")
