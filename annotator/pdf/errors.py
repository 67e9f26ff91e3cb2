"""Why a file could not be opened as a PDF, as exceptions that carry the file and a sentence for the reviewer."""

from __future__ import annotations

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
