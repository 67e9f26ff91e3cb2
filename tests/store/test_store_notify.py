"""A committed change on the PostgreSQL server is announced at once (NOTIFY) and heard by the colleagues' listeners."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.domain.model import Anchor, Annotation, Rect, new_id
from annotator.store import notify
from annotator.store.database import Database
from annotator.store.repository import Repository
from conftest import PG_URL
from store_support import FINGERPRINT, record_agreement, reset_postgres

needs_server = pytest.mark.skipif(not PG_URL, reason="set ANNOTATOR_TEST_PG_URL to test against PostgreSQL")
OTHER = "f" * 64


@pytest.fixture
def server() -> Iterator[Callable[[], Database]]:
    """Opens databases (each as one window would) on an empty server; closes them at the end."""
    reset_postgres(PG_URL)
    opened: list[Database] = []

    def open_one() -> Database:
        database = Database.open(PG_URL)
        opened.append(database)
        return database

    yield open_one
    for database in opened:
        database.close()


@pytest.fixture
def raw_listen() -> Iterator[Any]:
    """A plain psycopg connection listening on the channel."""
    import psycopg
    from sqlalchemy import create_engine

    engine = create_engine(PG_URL)
    connection = psycopg.connect(notify.conninfo(engine), autocommit=True)
    engine.dispose()
    connection.execute(f"LISTEN {notify.CHANNEL}")
    yield connection
    connection.close()


def _heard(connection: Any, wait: float = 1.0) -> list[str]:
    return [n.payload for n in connection.notifies(timeout=wait, stop_after=10)]


def _annotation(document: str = FINGERPRINT) -> Annotation:
    return Annotation(id=new_id(), document=document, author="Anna",
                      anchor=Anchor(page=0, quads=(Rect(72.0, 100.0, 272.0, 112.0),), exact="asielzoekers"))


def _edit(repo: Repository, annotation: Annotation, **changes: object) -> None:
    with repo.transaction():
        current = repo.current([annotation.id])
        repo.write([current[annotation.id].changed(**changes)], current)


@pytest.mark.postgres
@needs_server
def test_a_commit_announces_its_document_once_and_a_rollback_nothing(server, raw_listen) -> None:  # type: ignore[no-untyped-def]
    database = server()
    repo = Repository(database)
    record_agreement(repo)
    _heard(raw_listen, 0.3)  # recording the document is announced too
    token = database.announcer.token
    annotation = _annotation()
    with repo.transaction():
        repo.write([annotation], {})
        assert not _heard(raw_listen, 0.2), "announced before the commit"
    assert _heard(raw_listen) == [f"{token} {FINGERPRINT}"]

    with pytest.raises(RuntimeError), repo.transaction():
        current = repo.current([annotation.id])
        repo.write([current[annotation.id].changed(comment="never kept")], current)
        raise RuntimeError("the reviewer's step fails half-way")
    assert repo.get(annotation.id).comment == ""
    assert not _heard(raw_listen, 0.5)

    repo.annotations(FINGERPRINT)
    repo.themes()
    assert not _heard(raw_listen, 0.3), "reading announced a change"

    repo.add_theme("Migratie")  # themes belong to every document
    assert _heard(raw_listen) == [f"{token} *"]
    repo.set_letter_setting("sender", "Amnesty")
    assert _heard(raw_listen) == [f"{token} *"]


@pytest.mark.postgres
@needs_server
def test_notifications_off_sends_nothing(server, raw_listen, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ANNOTATOR_NOTIFY", "off")
    database = server()
    repo = Repository(database)
    record_agreement(repo)
    repo.write([_annotation()], {})
    assert not _heard(raw_listen, 0.5)
    assert database.listen(FINGERPRINT, lambda: None) is None


class Calls:
    def __init__(self) -> None:
        self.times: list[float] = []

    def __call__(self) -> None:
        self.times.append(time.monotonic())

    def after(self, moment: float) -> int:
        return sum(1 for t in self.times if t >= moment)


def _until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.mark.postgres
@needs_server
def test_a_listener_hears_colleagues_but_not_itself_nor_other_documents(server) -> None:  # type: ignore[no-untyped-def]
    anna_db, bert_db = server(), server()
    anna, bert = Repository(anna_db), Repository(bert_db)
    record_agreement(anna)
    anna.ensure_document(OTHER, "Another agreement", 3, ["1", "2", "3"], "other.pdf")
    heard = Calls()
    listener = bert_db.listen(FINGERPRINT, heard)
    assert listener is not None
    try:
        assert _until(lambda: listener.listening and len(heard.times) == 1)  # one look for what came before
        shared = _annotation()
        started = time.monotonic()
        anna.write([shared], {})
        assert _until(lambda: heard.after(started) == 1, 2.0)
        assert heard.times[-1] - started < 0.5

        started = time.monotonic()
        bert.write([_annotation()], {})  # Bert's own change: his window shows it already
        anna.write([_annotation(OTHER)], {})  # another document
        time.sleep(0.5)
        assert heard.after(started) == 0

        started = time.monotonic()
        for n in range(30):  # a burst of changes becomes a few calls, not thirty
            _edit(anna, shared, comment=f"take {n}")
        burst = time.monotonic() - started
        time.sleep(0.3)
        # One call, and at most one more per COALESCE_S while the burst lasts (on a loaded machine the thirty
        # edits take longer, and so may make more calls, but never more than that).
        assert 1 <= heard.after(started) <= 2 + burst / notify.COALESCE_S
    finally:
        assert listener.stop(timeout=2.0)
    assert not [t for t in threading.enumerate() if t.name == notify.THREAD_NAME]


@pytest.mark.postgres
@needs_server
def test_a_listener_connects_again_when_the_server_drops_it(server) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    anna_db, bert_db = server(), server()
    anna = Repository(anna_db)
    record_agreement(anna)
    heard = Calls()
    listener = bert_db.listen(FINGERPRINT, heard)
    assert listener is not None
    try:
        assert _until(lambda: listener.listening)
        with anna_db.engine.begin() as connection:  # what a server restart does to the connection
            dropped = connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"),
                {"name": notify.APPLICATION_NAME}).scalars().all()
        assert dropped == [True]
        assert _until(lambda: not listener.listening, 2.0)
        dropped_at = time.monotonic()
        assert _until(lambda: listener.listening, 5.0), "the listener did not connect again"
        assert _until(lambda: heard.after(dropped_at) == 1, 2.0)  # it looks once for what it missed
        started = time.monotonic()
        anna.write([_annotation()], {})
        assert _until(lambda: heard.after(started) == 1, 2.0)
    finally:
        assert listener.stop(timeout=2.0)


def test_stop_is_at_once_even_while_the_server_does_not_answer(tmp_path: Path) -> None:
    import socket

    from sqlalchemy import create_engine

    silent = socket.socket()  # accepts connections and never answers, like a paused server
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    port = silent.getsockname()[1]
    engine = create_engine(f"postgresql+psycopg://nobody@127.0.0.1:{port}/annotator")
    try:
        listener = notify.Listener(engine, FINGERPRINT, "token", lambda: None)
        time.sleep(0.3)
        assert not listener.listening
        started = time.monotonic()
        assert listener.stop(timeout=2.0)
        assert time.monotonic() - started < 0.5
    finally:
        silent.close()
        engine.dispose()


def test_sqlite_has_no_listener(tmp_path: Path) -> None:
    database = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    try:
        assert database.announcer is None
        assert database.listen(FINGERPRINT, lambda: None) is None
        repo = Repository(database)
        record_agreement(repo)
        repo.write([_annotation()], {})
        assert len(repo.annotations(FINGERPRINT)) == 1
    finally:
        database.close()
