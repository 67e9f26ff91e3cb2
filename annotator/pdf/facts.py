"""What is known of a PDF without MuPDF: its fingerprint, and what ``annotator info`` tells about it as a plain value
(made in a PDF process, read where MuPDF is not loaded: the command line's own process)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.pdf.errors import require_file

__all__ = ["PdfInfo", "file_fingerprint"]

_CHUNK = 1 << 20


def file_fingerprint(path: Path) -> str:
    """The sha256 of the file's bytes as hex, read in chunks so large files need little memory; a pipe or a device
    is refused before it is read (errors.require_file)."""
    require_file(Path(path))
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class PdfInfo:
    """What the info command and the open dialog show about a document."""

    path: Path
    fingerprint: str
    title: str
    page_count: int
    encrypted: bool
    repaired: bool
    pages_without_text: tuple[int, ...]
    page_labels: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; pages_without_text is 1-based there, as a reader counts pages."""
        return {
            "path": str(self.path),
            "title": self.title,
            "pages": self.page_count,
            "fingerprint": self.fingerprint,
            "encrypted": self.encrypted,
            "repaired": self.repaired,
            "pages_without_text": [index + 1 for index in self.pages_without_text],
            "page_labels": list(self.page_labels),
        }
