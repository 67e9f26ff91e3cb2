"""What ``annotator info`` tells about a PDF, as a plain value: made in a PDF process, read where MuPDF is not
loaded (the command line's own process)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["PdfInfo"]


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
