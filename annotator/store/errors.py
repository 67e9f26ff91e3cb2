"""What can go wrong with the annotation database, as errors a reviewer can read; no SQLAlchemy needed to catch them."""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qs, unquote, urlsplit

# Primary SQLite result codes (https://www.sqlite.org/rescode.html); extended codes keep these in the low byte.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_FULL = 13
_SQLITE_READONLY = 8
_SQLITE_CANTOPEN = 14
_SQLITE_IOERR = 10


class StoreError(Exception):
    """The annotation database cannot do what was asked; ``str(e)`` is one sentence naming the database."""


class NewerSchemaError(StoreError):
    """The database was written by a newer version of the annotator; it is left untouched."""


class OlderSchemaError(StoreError):
    """The team database has an older schema, and this role may not migrate it (only the tables' owner may)."""


class PermissionDeniedError(StoreError):
    """The server does not let this role read, change or set up the annotation tables."""


class CorruptDatabaseError(StoreError):
    """The file is not an SQLite database, or it is damaged."""


class DatabaseLockedError(StoreError):
    """Another program held the database longer than the busy timeout."""


class ConnectionLostError(StoreError):
    """The database server cannot be reached right now; the same request may work again later."""


class ConflictError(StoreError):
    """Someone else changed the annotation since it was read; carries the revision each side has."""

    def __init__(self, annotation_id: str, expected_revision: int, stored_revision: int) -> None:
        self.annotation_id = annotation_id
        self.expected_revision = expected_revision
        self.stored_revision = stored_revision
        # Said without ids or revision numbers, which mean nothing to a reviewer (they stay on the error).
        super().__init__(
            "Someone else changed this annotation at the same moment, so this change was not saved; "
            "look at it again and repeat the change if it is still needed."
        )


class DuplicateError(StoreError):
    """An annotation id, or a live theme title, that is already taken."""


class NotFoundError(StoreError):
    """The annotation, theme or document asked for is not in the database."""


def server_role(where: str) -> str:
    """The role a server URL (as shown, password hidden) logs in as: its user, else ``user=``; "" when not named."""
    try:
        parts = urlsplit(where)
    except ValueError:
        return ""
    if parts.username:
        return unquote(parts.username)
    return parse_qs(parts.query).get("user", [""])[0]


def admin_url(where: str) -> str:
    """The server URL without the reviewer's user name: what the administrator runs ``annotator server`` on."""
    try:
        parts = urlsplit(where)
    except ValueError:
        return where
    host = parts.netloc.rpartition("@")[2]
    query = "&".join(item for item in parts.query.split("&") if item and not item.startswith(("user=", "password=")))
    return parts._replace(netloc=host, query=query).geturl()


def permission_denied(error: BaseException, where: str) -> PermissionDeniedError:
    """A refusal by the server's privileges, naming the role and what the administrator can do about it."""
    original = getattr(error, "orig", None) or error
    detail = str(original).strip().splitlines()[0] if str(original).strip() else "permission denied"
    role = server_role(where)
    named = f"The role {role}" if role else "Your role"
    fix = f"`annotator server add-reviewer {role or 'NAME'} --db {admin_url(where)}`"
    statement = str(getattr(error, "statement", "") or "").lstrip().upper()
    if statement.startswith(("INSERT", "UPDATE", "DELETE")) or "FOR UPDATE" in statement:
        return PermissionDeniedError(
            f"{named} may read the annotation database {where} but not change it ({detail}). Ask whoever "
            f"administers the server to make {role or 'you'} a reviewer: {fix}."
        )
    return PermissionDeniedError(
        f"{named} has no access to the annotation database {where} ({detail}). Ask whoever administers the "
        f"server to add {role or 'you'} as a reviewer: {fix}."
    )


def sqlite_error_code(error: BaseException) -> int | None:
    """The primary SQLite result code of ``error`` (or of the driver error it wraps), if it has one."""
    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def translate(error: BaseException, where: str) -> StoreError | None:
    """The StoreError a reviewer should see for a driver error on the database ``where``; None for a bug."""
    original = getattr(error, "orig", None) or error
    message = str(original)
    lowered = message.lower()
    code = sqlite_error_code(error)
    if code == _SQLITE_NOTADB or "file is not a database" in lowered:
        return CorruptDatabaseError(f"{where} is not an annotation database (it is not an SQLite file).")
    if code == _SQLITE_CORRUPT or "malformed" in lowered:
        return CorruptDatabaseError(f"The annotation database {where} is damaged ({message}); restore a backup.")
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in lowered:
        return DatabaseLockedError(
            f"The annotation database {where} is in use by another program that does not let go; "
            "try again in a moment."
        )
    if code == _SQLITE_FULL or "database or disk is full" in lowered:
        return StoreError(f"The disk holding {where} is full; free some space and try again (nothing was lost).")
    if code == _SQLITE_READONLY:
        return StoreError(f"The annotation database {where} cannot be written (it is read-only).")
    if code == _SQLITE_CANTOPEN:
        return StoreError(f"The annotation database {where} cannot be opened (check that the folder exists).")
    if code == _SQLITE_IOERR:
        return StoreError(f"Reading or writing {where} failed ({message}).")
    if isinstance(original, sqlite3.Error):
        return None
    # PostgreSQL: the server went away, refused the login, or a lock wait timed out.
    sqlstate = getattr(original, "sqlstate", None)
    if isinstance(sqlstate, str):
        if sqlstate == "42501":
            return permission_denied(error, where)
        if sqlstate in ("55P03", "40P01"):
            return DatabaseLockedError(f"The annotation database {where} is busy; try again in a moment.")
        if sqlstate.startswith(("08", "28", "3D", "57")):
            first_line = message.strip().splitlines()[0] if message.strip() else sqlstate
            return ConnectionLostError(f"The annotation database server {where} cannot be reached ({first_line}).")
    if type(original).__name__ == "OperationalError":
        first_line = message.strip().splitlines()[0] if message.strip() else type(original).__name__
        return ConnectionLostError(f"The annotation database {where} cannot be used ({first_line}).")
    return None
