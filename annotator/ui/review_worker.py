"""The one thread that does the window's database work: opening the review, every command, the refresh poll.

The UI thread sends an operation and gets back what changed; it never waits on the database or the network (the
shape of Anki's CollectionOp). Operations run in the order they were sent. An operation that meets a database that
cannot be reached now (a team server gone, a file locked by a colleague for too long) is kept, with every later one,
and they are all tried again in order until they are saved: no edit is lost and none overtakes another.
"""

from __future__ import annotations

from collections.abc import Callable
import sys
from dataclasses import dataclass, field
from functools import partial
from itertools import count
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from annotator.services.commands import Changes, Command
from annotator.services.journal import Entry, Journal, JournalError, command as journal_command
from annotator.services.review import DocumentIdentity, Review

RETRY_MS = 5000  # how soon to try again to save changes when the database could not be reached
# While the worker runs Python (building a transaction of hundreds of rows), the UI thread gets the interpreter back
# at this interval at the latest; Python's default of 5 ms lets a long write stall the window's event loop.
SWITCH_INTERVAL_S = 0.0002
_tickets = count(1)


@dataclass(eq=False)
class Ticket:
    """One operation sent to the worker; ``generation`` tells which opened review it belongs to."""

    generation: int
    run: Callable[[Review], Any]
    number: int = field(default_factory=lambda: next(_tickets))
    # A change to the review (kept and retried when the database is away) rather than a read.
    writes: bool = True
    # The change as values, written to the journal when it has to wait (None: nothing to keep, such as a fold of
    # typing into the step before it).
    journal: Entry | None = None
    ids: tuple[str, ...] = ()  # the annotations it changes
    journaled: bool = False  # in the journal file now
    replay: bool = False  # read back from the journal of an earlier session


@dataclass(frozen=True)
class Unsaved:
    """Which annotations have changes waiting, and the file that keeps them (None: not all could be written)."""

    ids: frozenset[str]
    path: Path | None
    disk_error: BaseException | None = None


@dataclass(frozen=True)
class Opened:
    """What the UI needs of a freshly opened review (values, not the Review itself, which stays in the worker)."""

    generation: int
    document: DocumentIdentity
    author: str
    annotations: dict[str, Any]
    themes: list[Any]
    backup_path: object | None
    kept: int = 0  # changes kept from an earlier session, about to be saved


class ReviewWorker(QObject):
    """Owns the database and the open review, in its own thread; talk to it only through its methods."""

    opened = Signal(object)  # Opened
    open_failed = Signal(int, object)  # generation, error
    done = Signal(object, object)  # Ticket, result (Changes for commands)
    refused = Signal(object, object, object)  # Ticket, error, Changes (everything reread: the window shows the truth)
    unsaved = Signal(int, object, object)  # how many wait, the error that made them wait (or None), Unsaved
    replayed = Signal(int, object)  # generation, Changes: what was saved of changes kept from an earlier session
    saved = Signal()  # every waiting operation is saved
    refreshed = Signal(int, object)  # generation, Changes made by others
    trouble = Signal(object)  # an error of the refresh poll (the database went away, ...)
    reachable = Signal()  # a look for colleagues' changes worked: the database can be reached

    _submit = Signal(object)
    _open = Signal(int, object, str, object)
    _refresh = Signal()
    _retry = Signal()
    _close = Signal()

    def __init__(self, open_database: Callable[[], object], journal_folder: Path | None = None) -> None:
        super().__init__()
        self._journal_folder = journal_folder
        self._journal: Journal | None = None
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._open_database = open_database
        self._database: Any = None
        self._review: Review | None = None
        self._generation = 0
        self._waiting: list[tuple[Ticket, Review]] = []
        self._listener: Any = None  # on a server: hears colleagues' commits at once and asks for a refresh
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_MS)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry_waiting)
        self._thread = QThread()
        self._thread.setObjectName("review-worker")
        self.moveToThread(self._thread)
        self._submit.connect(self._run)
        self._open.connect(self._do_open)
        self._refresh.connect(self._do_refresh)
        self._retry.connect(self._retry_waiting)
        self._close.connect(self._do_close)
        self._thread.start()

    # --- called from the UI thread ----------------------------------------------------------------

    def open(self, generation: int, identity: DocumentIdentity, author: str, themes: list[str]) -> None:
        self._open.emit(generation, identity, author, themes)

    def submit(self, ticket: Ticket) -> None:
        self._submit.emit(ticket)

    def refresh(self) -> None:
        self._refresh.emit()

    def retry(self) -> None:
        self._retry.emit()

    @property
    def database(self) -> object | None:
        """The open database (for background work that opens its own sessions, such as compiling the letter)."""
        return self._database

    def shutdown(self, timeout_ms: int = 15000) -> bool:
        """Finish what was sent, close the database and end the thread (the window is closing); False on time-out."""
        self._close.emit()
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    # --- in the worker thread ---------------------------------------------------------------------

    @Slot(int, object, str, object)
    def _do_open(self, generation: int, identity: DocumentIdentity, author: str, themes: object) -> None:
        self._generation = generation
        self._review = None
        self._stop_listening()
        try:
            if self._database is None:
                self._database = self._open_database()
            review = Review.open(self._database, identity, author, list(themes))  # type: ignore[call-overload]
        except Exception as error:  # noqa: BLE001 - reported in the window
            self.open_failed.emit(generation, error)
            return
        self._review = review
        listen = getattr(self._database, "listen", None)
        self._listener = listen(identity.fingerprint, self.refresh) if listen is not None else None
        kept = self._open_journal(identity)
        self.opened.emit(Opened(generation, identity, author, dict(review.annotations), list(review.themes),
                                getattr(self._database, "backup_path", None), kept))
        if self._waiting:  # changes kept from a session that ended before they could be saved: save them now
            self._retry_waiting()

    def _open_journal(self, identity: DocumentIdentity) -> int:
        """Read the changes an earlier session kept for this document and database; they wait to be saved first."""
        self._journal = None
        where = getattr(self._database, "where", None)
        if self._journal_folder is None or not isinstance(where, str) or self._review is None:
            return 0
        journal = Journal(self._journal_folder, where, identity.fingerprint)
        try:
            entries = journal.entries()
        except JournalError as error:
            aside = journal.set_aside()
            self.trouble.emit(JournalError(f"{error} It was moved to {aside}."))
            entries = []
        self._journal = journal
        for entry in entries:
            step = journal_command(entry)
            ids = tuple(pair[1]["id"] for pair in entry.data.get("pairs", ()))
            ticket = Ticket(self._generation, partial(_execute, step), journal=entry, ids=ids, journaled=True,
                            replay=True)
            self._waiting.append((ticket, self._review))
        return len(entries)

    def _keep(self, ticket: Ticket) -> BaseException | None:
        """Write a change that must wait to the journal; the error when the disk would not take it."""
        if ticket.journaled or ticket.journal is None or self._journal is None:
            return None
        try:
            self._journal.append(ticket.journal)
        except OSError as error:
            return error
        ticket.journaled = True
        return None

    def _tell_unsaved(self, error: BaseException | None, disk_error: BaseException | None = None) -> None:
        ids = frozenset(id for ticket, _review in self._waiting for id in ticket.ids)
        journaled = all(ticket.journaled or ticket.journal is None for ticket, _review in self._waiting)
        path = self._journal.path if self._journal is not None and journaled else None
        # Counted as the reviewer made them: folding more typing into a step waiting already is no change more.
        changes = sum(1 for ticket, _review in self._waiting if ticket.journal is not None or ticket.replay)
        self.unsaved.emit(max(changes, 1), error, Unsaved(ids, path, disk_error))

    @Slot(object)
    def _run(self, ticket: Ticket) -> None:
        review = self._review
        if review is None or ticket.generation != self._generation:
            return
        if ticket.writes and self._waiting:
            self._waiting.append((ticket, review))  # keeps the order of the reviewer's changes
            self._tell_unsaved(None, self._keep(ticket))
            return
        self._attempt(ticket, review)

    def _attempt(self, ticket: Ticket, review: Review) -> bool:
        """Run one operation; False when it must wait for the database to come back."""
        from annotator.services.errors import ConnectionLostError, DatabaseLockedError

        try:
            result = ticket.run(review)
        except (ConnectionLostError, DatabaseLockedError) as error:
            if not ticket.writes:
                self.refused.emit(ticket, error, Changes())
                return True
            if not self._waiting or self._waiting[0][0] is not ticket:
                self._waiting.append((ticket, review))
            self._tell_unsaved(error, self._keep(ticket))
            self._retry_timer.start()
            return False
        except Exception as error:  # noqa: BLE001 - the transaction rolled back; the window tells it and rereads
            self.refused.emit(ticket, error, self._reread(review))
            return True
        if ticket.journaled and self._journal is not None:
            try:
                self._journal.drop_first()
            except OSError:  # noqa: S110 - saving it again later changes nothing: the values are the same
                pass
            ticket.journaled = False
        if ticket.replay:
            self.replayed.emit(ticket.generation, result)
        else:
            self.done.emit(ticket, result)
        return True

    def _reread(self, review: Review) -> Changes:
        try:
            return review.reread()
        except Exception:  # noqa: BLE001 - the next refresh tries again
            return Changes()

    @Slot()
    def _retry_waiting(self) -> None:
        while self._waiting:
            ticket, review = self._waiting[0]
            if not self._attempt(ticket, review):
                return
            self._waiting.pop(0)
        self._retry_timer.stop()
        self.saved.emit()

    @Slot()
    def _do_refresh(self) -> None:
        review = self._review
        if review is None or self._waiting:
            return  # our own unsaved changes go first
        try:
            changes = review.refresh()
        except Exception as error:  # noqa: BLE001 - shown in the window; the next poll tries again
            self.trouble.emit(error)
            return
        self.reachable.emit()
        if changes is not None:
            self.refreshed.emit(self._generation, changes)

    @Slot()
    def _do_close(self) -> None:
        self._retry_timer.stop()
        if self._waiting and not all(ticket.journaled for ticket, _review in self._waiting):
            self._retry_waiting()  # (what is in the journal is saved at the next start; no need to wait for it)
        self._waiting.clear()
        self._review = None
        self._stop_listening()
        if self._database is not None:
            try:
                self._database.close()
            finally:
                self._database = None

    def _stop_listening(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None


def _execute(command: Command, review: Review) -> Changes:
    return review.execute(command)
