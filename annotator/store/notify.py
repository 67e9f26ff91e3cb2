"""Colleagues' windows hear of a change on the team's PostgreSQL server the moment it is committed (LISTEN/NOTIFY).

Writing: every write session of a PostgreSQL :class:`~annotator.store.database.Database` is watched by its
:class:`Announcer`, which notes the documents its statements change. Just before the commit it sends one
``NOTIFY annotator_changes`` in the same transaction, so the server delivers it exactly when the change commits, and
never for a transaction that rolls back or wrote nothing. The payload is ``"<token> <documents>"``: the token of the
database object that wrote (so a window can ignore its own changes; two windows in one program have two), and the
fingerprints of the documents whose annotations changed, or ``*`` when everyone should look (themes and letter
settings belong to every document, and rows written past SQLAlchemy, such as a bulk COPY, are not seen).

Listening: a :class:`Listener` keeps one connection of its own, outside the pool, in a thread of its own; it calls
``on_change`` (from that thread) when someone else changed the document it listens for. Every wait also watches a
wake-up socket, so :meth:`Listener.stop` returns at once, even while connecting to a server that does not answer.
A burst of notifications becomes one call, and at most one more per :data:`COALESCE_S`. When the server goes away the
listener connects again with growing pauses and then calls ``on_change`` once, for what it missed meanwhile; the
window's poll goes on all the while, so this only ever makes things faster.

Set ``ANNOTATOR_NOTIFY=off`` to send and listen for nothing (for a connection pooler that does not pass
notifications on, and to measure the poll alone).
"""

from __future__ import annotations

import logging
import os
import select
import socket
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any
from uuid import uuid4

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import ORMExecuteState, Session

__all__ = ["CHANNEL", "Announcer", "Listener", "enabled"]

CHANNEL = "annotator_changes"
EVERYONE = "*"
COALESCE_S = 0.05  # after a call, further notifications wait this long and then make one call together
CONNECT_TIMEOUT_S = 5.0
BACKOFF_S = (0.25, 0.5, 1.0, 2.0, 4.0)  # pauses between attempts to connect again; the last one repeats
APPLICATION_NAME = "annotator-listen"  # how the listening connections show in pg_stat_activity
THREAD_NAME = "annotator-listen"
_MAX_PAYLOAD = 7900  # PostgreSQL takes up to 8000 bytes
# These change with an annotation row (refs, what a carry-over knew of it), or change nothing shown.
_ROW_TABLES = {"annotation_refs", "carried", "documents", "reviewers"}
_info = logging.getLogger(__name__)


def enabled() -> bool:
    """False when ``ANNOTATOR_NOTIFY`` is ``off`` (or 0, no, false)."""
    return os.environ.get("ANNOTATOR_NOTIFY", "").strip().lower() not in {"off", "0", "no", "false"}


class Announcer:
    """Sends, inside each write transaction of one database object, what it changed; see the module's text."""

    def __init__(self) -> None:
        self.token = uuid4().hex[:16]

    def watch(self, session: Session) -> None:
        """Note what the session's statements change, for :meth:`send`."""
        session.info["annotator_changed"] = set()
        event.listen(session, "do_orm_execute", _note)

    def send(self, session: Session) -> None:
        """Queue the notification in the session's transaction (call it just before the commit)."""
        changed: set[str] = session.info.pop("annotator_changed", set())
        if not session.in_transaction() or not enabled():
            return
        documents = ",".join(sorted(changed)) if changed and EVERYONE not in changed else EVERYONE
        if len(documents) > _MAX_PAYLOAD:
            documents = EVERYONE
        # Only when the transaction wrote something (it has a transaction id), seen by SQLAlchemy or not.
        session.execute(
            text("SELECT pg_notify(:channel, :payload) WHERE txid_current_if_assigned() IS NOT NULL"),
            {"channel": CHANNEL, "payload": f"{self.token} {documents}"},
        )


def _note(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    changed = state.session.info.get("annotator_changed")
    if changed is None:
        return
    table = getattr(getattr(state.statement, "table", None), "name", "")
    if table in _ROW_TABLES:
        return
    if table != "annotations":
        changed.add(EVERYONE)  # themes, letter settings: every document's window shows them
        return
    parameters: Any = state.parameters
    rows: list[Any] = [parameters] if isinstance(parameters, Mapping) else list(parameters or [])
    documents = {row.get("document") if isinstance(row, Mapping) else None for row in rows} or {None}
    # An UPDATE with its values in the statement (not in the parameters) names no document: everyone looks.
    changed.update(EVERYONE if document is None else str(document) for document in documents)


def conninfo(engine: Engine) -> str:
    """A libpq connection string for the engine's server, for a connection of our own outside the pool."""
    from psycopg.conninfo import make_conninfo

    _args, params = engine.dialect.create_connect_args(engine.url)
    plain = {key: value for key, value in params.items() if isinstance(value, (str, int)) and value != ""}
    plain.update(connect_timeout=int(CONNECT_TIMEOUT_S), application_name=APPLICATION_NAME,
                 # A server that vanished without closing the connection (a laptop lid, a VPN) is noticed.
                 keepalives=1, keepalives_idle=30, keepalives_interval=10, keepalives_count=3)
    return make_conninfo("", **plain)


class _Stopped(Exception):
    """stop() was called while waiting."""


class _Lost(Exception):
    """The connection to the server is gone (or was never made)."""


class Listener:
    """Calls ``on_change`` from its own thread soon after someone else commits a change to ``document``."""

    def __init__(self, engine: Engine, document: str, token: str, on_change: Callable[[], object]) -> None:
        self.document = document
        self._token = token
        self._on_change = on_change
        self._conninfo = conninfo(engine)
        self._stopping = threading.Event()
        self._listening = threading.Event()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()

    @property
    def listening(self) -> bool:
        """Connected and listening now (False while the server is away)."""
        return self._listening.is_set()

    def stop(self, timeout: float = 5.0) -> bool:
        """End the thread and close its connection; False if it did not end within ``timeout`` seconds."""
        self._stopping.set()
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass
        self._thread.join(timeout)
        if self._thread.is_alive():
            return False
        self._wake_r.close()
        self._wake_w.close()
        return True

    # --- in the listener's thread -----------------------------------------------------------------

    def _run(self) -> None:
        attempt = 0
        while not self._stopping.is_set():
            pgconn: Any = None
            try:
                pgconn = self._connect()
                self._execute(pgconn, f'LISTEN "{CHANNEL}"')
                self._listening.set()
                attempt = 0
                self._call()  # what was committed before the LISTEN took effect (or while the server was away)
                self._receive(pgconn)
            except _Stopped:
                return
            except _Lost as error:
                _info.info("not listening for colleagues' changes: %s", error)
            except Exception:  # noqa: BLE001 - the poll still finds the changes; try again later
                _info.exception("listening for colleagues' changes failed")
            finally:
                self._listening.clear()
                if pgconn is not None:
                    pgconn.finish()
            try:
                self._wait(None, False, time.monotonic() + BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
            except _Stopped:
                return
            except TimeoutError:
                pass
            attempt += 1

    def _call(self) -> None:
        try:
            self._on_change()
        except Exception:  # noqa: BLE001 - the receiver's trouble must not end the listening
            _info.exception("a listener of colleagues' changes failed")

    def _wait(self, fd: int | None, write: bool, deadline: float | None) -> bool:
        """Wait until ``fd`` is ready (True), the deadline passes (TimeoutError), or stop() (_Stopped)."""
        readers: list[Any] = [self._wake_r]
        writers: list[Any] = []
        if fd is not None:
            (writers if write else readers).append(fd)
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready_r, ready_w, _ = select.select(readers, writers, [], timeout)
        if self._stopping.is_set():
            raise _Stopped
        if not ready_r and not ready_w:
            raise TimeoutError
        return True

    def _connect(self) -> Any:
        from psycopg import pq

        pgconn = pq.PGconn.connect_start(self._conninfo.encode())
        try:
            deadline = time.monotonic() + CONNECT_TIMEOUT_S
            status: int = pq.PollingStatus.WRITING
            while status != pq.PollingStatus.OK:
                if status == pq.PollingStatus.FAILED or pgconn.status == pq.ConnStatus.BAD:
                    raise _Lost(pgconn.get_error_message() or "the server cannot be reached")
                try:
                    self._wait(pgconn.socket, status == pq.PollingStatus.WRITING, deadline)
                except TimeoutError:
                    raise _Lost("the server does not answer") from None
                status = pgconn.connect_poll()
            pgconn.nonblocking = 1
        except BaseException:
            pgconn.finish()
            raise
        return pgconn

    def _execute(self, pgconn: Any, sql: str) -> None:
        from psycopg import OperationalError, pq

        deadline = time.monotonic() + CONNECT_TIMEOUT_S
        try:
            pgconn.send_query(sql.encode())
            while pgconn.flush():
                self._timed_wait(pgconn.socket, True, deadline)
            while True:
                while pgconn.is_busy():
                    self._timed_wait(pgconn.socket, False, deadline)
                    pgconn.consume_input()
                result = pgconn.get_result()
                if result is None:
                    return
                if result.status != pq.ExecStatus.COMMAND_OK:
                    raise _Lost(result.get_error_message() or f"{sql} failed")
        except OperationalError as error:
            raise _Lost(str(error).strip() or "the server closed the connection") from None

    def _timed_wait(self, fd: int, write: bool, deadline: float) -> None:
        try:
            self._wait(fd, write, deadline)
        except TimeoutError:
            raise _Lost("the server does not answer") from None

    def _receive(self, pgconn: Any) -> None:
        """Hand on notifications until the connection is lost (_Lost) or stop() is called (_Stopped)."""
        from psycopg import pq

        quiet_until = 0.0  # notifications that come before this wait for it
        pending = False
        while True:
            try:
                self._wait(pgconn.socket, False, quiet_until if pending else None)
                try:
                    pgconn.consume_input()
                except Exception as error:  # psycopg.OperationalError: the server closed the connection
                    raise _Lost(str(error).strip() or "the server closed the connection") from None
                if pgconn.status == pq.ConnStatus.BAD:
                    raise _Lost("the server closed the connection")
                while (notification := pgconn.notifies()) is not None:
                    pending = pending or self._relevant(notification.extra.decode("utf-8", "replace"))
            except TimeoutError:
                pass
            if pending and time.monotonic() >= quiet_until:
                pending = False
                quiet_until = time.monotonic() + COALESCE_S
                self._call()

    def _relevant(self, payload: str) -> bool:
        token, _, documents = payload.partition(" ")
        if token == self._token:
            return False  # our own change: the window already shows it
        return documents == EVERYONE or self.document in documents.split(",")
