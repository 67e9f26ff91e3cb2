"""Where the window's annotation database is, and how it is opened (in the background, on first need)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DatabaseOpener:
    """Opens (and migrates) the database at ``url``; SQLAlchemy is imported only when it is called."""

    url: str
    backup_dir: Path | None = None
    # Short: edits are saved from the window, which must not wait long for a colleague's lock; what cannot be
    # saved in time is kept and saved later (the review's worker retries it).
    busy_timeout: float = 1.0

    @property
    def shown(self) -> str:
        """The URL fit to show: a password replaced by stars."""
        head, at, tail = self.url.rpartition("@")
        if not at or ":" not in head.split("//", 1)[-1]:
            return self.url
        scheme, _, credentials = head.partition("//")
        return f"{scheme}//{credentials.split(':', 1)[0]}:***@{tail}"

    def __call__(self) -> object:
        from annotator.services.database import open_database

        return open_database(self.url, backup_dir=self.backup_dir, busy_timeout=self.busy_timeout)
