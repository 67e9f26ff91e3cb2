"""Opening the annotation database (SQLite file or PostgreSQL server): pragmas, schema checks, migration, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from annotator.paths import database_url
from annotator.store import notify, schema
from annotator.store.errors import (
    ConflictError,
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerSchemaError,
    NotFoundError,
    StoreError,
    translate,
)

__all__ = [
    "ConflictError",
    "CorruptDatabaseError",
    "Database",
    "DatabaseLockedError",
    "NewerSchemaError",
    "NotFoundError",
    "StoreError",
]

DEFAULT_BUSY_TIMEOUT = 5.0
# A team server that does not answer is reported (and edits kept for later) instead of hanging the worker.
SERVER_CONNECT_TIMEOUT_S = 5
SERVER_STATEMENT_TIMEOUT_MS = 30_000


def _sqlite_file(url: URL) -> Path | None:
    """The file of an SQLite URL, or None for an in-memory database."""
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        return None
    return Path(url.database)


def _configure_sqlite(engine: Engine, busy_timeout: float) -> None:
    """Set the pragmas on every new connection and let sessions choose BEGIN or BEGIN IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # We emit BEGIN ourselves (below): the driver's own transaction handling skips it before SELECTs, which
        # would let a read see half of another program's commit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            # WAL: readers never block the writer, and a commit is an append to the log.
            cursor.execute("PRAGMA journal_mode = WAL")
            # FULL rather than NORMAL: both keep every commit when the program is killed, but only FULL also keeps
            # the last commits when the laptop loses power or the OS crashes. Edits come at human pace, so the one
            # fsync per commit costs nothing anyone notices; bulk imports are a single transaction.
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A session that will write takes the write lock at once (waiting up to the busy timeout); a deferred
        # transaction that reads first and writes later could fail at once with SQLITE_BUSY in WAL mode.
        connection.exec_driver_sql(connection.get_execution_options().get("annotator_begin", "BEGIN"))


class Database:
    """An open annotation database at the newest schema; hands out sessions that commit or roll back as a unit."""

    def __init__(self, engine: Engine, where: str, path: Path | None, backup_path: Path | None) -> None:
        self.engine = engine
        self.where = where
        self.path = path
        self.backup_path = backup_path
        self._write_engine = engine.execution_options(annotator_begin="BEGIN IMMEDIATE")
        # On a server, every committed change is announced to the colleagues' windows (annotator.store.notify).
        self.announcer = notify.Announcer() if engine.dialect.name == "postgresql" else None

    @classmethod
    def open(
        cls, url: str, *, backup_dir: Path | None = None, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
    ) -> Database:
        """Open (creating if missing) the database at ``url`` (or a file path) and migrate it; an older schema is
        backed up first. Raises NewerSchemaError, CorruptDatabaseError, DatabaseLockedError or StoreError."""
        try:
            parsed = make_url(database_url(url))
        except ArgumentError as error:
            raise StoreError(f"{url!r} is neither a file path nor a database URL.") from error
        if parsed.get_backend_name() == "sqlite":
            return cls._open_sqlite(parsed, backup_dir, busy_timeout)
        where = parsed.render_as_string(hide_password=True)
        connect_args: dict[str, Any] = {}
        if parsed.get_backend_name() == "postgresql":
            connect_args = {
                "connect_timeout": SERVER_CONNECT_TIMEOUT_S,
                # A statement, or a wait for a colleague's row lock, that takes longer is given up on.
                "options": f"-c statement_timeout={SERVER_STATEMENT_TIMEOUT_MS} "
                           f"-c lock_timeout={SERVER_STATEMENT_TIMEOUT_MS}",
            }
        engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
        try:
            with engine.connect() as connection:
                planned = schema.plan(schema.connection_state(connection), where)
            if planned.upgrade:
                schema.upgrade(engine, where)
        except DBAPIError as error:
            engine.dispose()
            _raise_translated(error, where)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, where, None, None)

    @classmethod
    def _open_sqlite(cls, url: URL, backup_dir: Path | None, busy_timeout: float) -> Database:
        """Check the file with a read-only connection first, so that a refused file is left byte for byte."""
        path = _sqlite_file(url)
        where = str(path) if path is not None else "the in-memory database"
        backup_path = None
        needs_upgrade = True
        fresh: tuple[Path, ...] = ()  # the files this open creates, removed again if it fails
        if path is not None:
            path = path.expanduser().resolve()
            where = str(path)
            try:
                if not path.exists() or path.stat().st_size == 0:
                    fresh = tuple(p for p in (path, *schema.side_files(path)) if not p.exists())
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.exists() and path.stat().st_size > 0:
                    schema.check_sqlite_header(path)
            except OSError as error:
                raise StoreError(f"The annotation database {path} cannot be opened ({error.strerror}).") from error
            if path.exists() and path.stat().st_size > 0:
                planned = schema.plan(schema.sqlite_state(path, busy_timeout), where)
                needs_upgrade = planned.upgrade
                if planned.backup:
                    backup_path = schema.backup_sqlite(path, backup_dir, planned.current, busy_timeout)
            url = url.set(database=str(path))
        options: dict[str, Any] = {"connect_args": {"timeout": busy_timeout, "check_same_thread": False}}
        if path is None:
            options["poolclass"] = StaticPool  # an in-memory database lives as long as its one connection
        engine = create_engine(url, **options)
        _configure_sqlite(engine, busy_timeout)
        try:
            if needs_upgrade:
                schema.upgrade(engine, where)
            else:
                # Connect once now, so that a locked or unreadable file is reported on open, not on the first edit.
                with engine.connect():
                    pass
        except (DBAPIError, sqlite3.Error) as error:
            engine.dispose()
            if not isinstance(translate(error, where), DatabaseLockedError):  # locked: another program made it
                _remove(fresh)
            _raise_translated(error, where)
        except BaseException:
            engine.dispose()
            _remove(fresh)
            raise
        return cls(engine, where, path, backup_path)

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """A session that commits when the block ends and rolls back if it raises; ``write=False`` for reads."""
        session = Session(bind=self._write_engine if write else self.engine, expire_on_commit=False)
        announcer = self.announcer if write else None
        if announcer is not None:
            announcer.watch(session)
        try:
            yield session
            if announcer is not None:
                announcer.send(session)  # in the transaction: delivered when it commits, never on a rollback
            session.commit()
        except DBAPIError as error:
            session.rollback()
            _raise_translated(error, self.where)
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def listen(self, document: str, on_change: Callable[[], object]) -> notify.Listener | None:
        """On a server, call ``on_change`` (from a thread of its own) soon after another program or window commits a
        change to ``document``'s annotations, the themes or the letter settings; None on SQLite (or notifications
        off). ``stop()`` the listener when done."""
        if self.announcer is None or not notify.enabled():
            return None
        return notify.Listener(self.engine, document, self.announcer.token, on_change)

    def integrity_check(self) -> list[str]:
        """SQLite's full integrity check: ``["ok"]`` for a sound file; empty for other databases."""
        if self.engine.dialect.name != "sqlite":
            return []
        with self.engine.connect() as connection:
            return [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]

    def close(self) -> None:
        """Close every connection; on SQLite the last one folds the WAL back into the file."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.where!r})"


def _remove(paths: tuple[Path, ...]) -> None:
    """Remove what a failed creation of a new database left (a full disk leaves a -wal of megabytes)."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def _raise_translated(error: BaseException, where: str) -> NoReturn:
    """Raise the StoreError for a driver error, or the error itself when it is a bug rather than the environment."""
    store_error = translate(error, where)
    if store_error is None:
        raise error
    raise store_error from error
