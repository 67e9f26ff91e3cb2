"""Opening the annotation database for a use case (a file path or an SQLAlchemy URL), for the command line and the
window's workers alike."""

from __future__ import annotations

from pathlib import Path

from annotator.paths import database_url
from annotator.store.database import DEFAULT_BUSY_TIMEOUT, Database
from annotator.store.errors import StoreError

__all__ = ["Database", "open_database"]


def open_database(url: str, *, must_exist: bool = False, backup_dir: Path | None = None,
                  busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Database:
    """Open (and migrate) the database at ``url``; ``must_exist`` refuses to create a missing SQLite file, so that
    reading from a mistyped path does not leave an empty database there. Raises StoreError."""
    resolved = database_url(url)
    if must_exist and resolved.startswith("sqlite:///"):
        path = Path(resolved[len("sqlite:///"):])
        if not path.exists():
            raise StoreError(f"{path}: there is no annotation database here")
    return Database.open(resolved, backup_dir=backup_dir, busy_timeout=busy_timeout)
