"""Two reviewers on the team's PostgreSQL server: a change in one window shows in the other within a moment.

The windows' poll for colleagues' changes is set to ten minutes here, so only the server's notification (LISTEN/NOTIFY)
can bring a change over in the time the tests allow.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from annotator.domain.model import Judgment
from annotator.paths import sample_agreement
from annotator.ui import review_controller
from annotator.ui.annotation_table import Column
from annotator.ui.main_window import MainWindow
from ui_support import click, highlight_phrase, open_review, press_key, settle, shown_window

PG_URL = os.environ.get("ANNOTATOR_TEST_PG_URL", "")
needs_server = pytest.mark.skipif(not PG_URL, reason="set ANNOTATOR_TEST_PG_URL to test against PostgreSQL")
QUICKLY_MS = 1500  # a notification takes well under 500 ms; the poll would take ten minutes
# Starting (or ending) a listener is a connection to the server: quick, but a loaded machine may take seconds.
STARTS_MS = 15000
LISTENER = "annotator-listen"  # the listener's thread, and its connection's application_name on the server


@pytest.fixture
def long_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_controller, "REFRESH_MS", 600_000)


def _empty(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def _listening_on_server(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name"), {"name": LISTENER}
            ).scalar_one())
    finally:
        engine.dispose()


# Listener threads alive before the test began (a window another test left open): not this test's to end.
_EARLIER: set[threading.Thread] = set()


@pytest.fixture(autouse=True)
def _earlier_listeners() -> Iterator[None]:
    _EARLIER.clear()
    _EARLIER.update(thread for thread in threading.enumerate() if thread.name == LISTENER)
    yield
    _EARLIER.clear()


def _listener_threads() -> list[threading.Thread]:
    """The listener threads this test's windows started that are still running."""
    return [thread for thread in threading.enumerate() if thread.name == LISTENER and thread not in _EARLIER]


@contextmanager
def _reviewer(qtbot, tmp_path: Path, name: str, url: str) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    settings.setValue("reviewer_name", name)
    settings.sync()
    with shown_window(qtbot, tmp_path, database_url=url, settings_name=f"{name}.ini") as window:
        open_review(qtbot, window, sample_agreement())
        yield window


def _shows(window: MainWindow, id: str, judgment: Judgment | None) -> bool:
    """The window's review and its Annotations list hold the annotation with this judgment."""
    review = window.review.review
    if review is None or id not in review.annotations or review.annotations[id].judgment is not judgment:
        return False
    model = window.annotation_list.model
    row = model.row_of(id)
    if row is None:
        return False
    shown = model.data(model.index(row, Column.JUDGMENT))
    return model.annotation(row).judgment is judgment and (judgment is None or bool(shown))


def _judge(qtbot, window: MainWindow, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    press_key(qtbot, window, key)
    settle(qtbot, window)


@pytest.mark.postgres
@needs_server
def test_a_colleagues_highlight_and_judgment_show_at_once(qtbot, tmp_path: Path, long_poll) -> None:  # type: ignore[no-untyped-def]
    _empty(PG_URL)
    with _reviewer(qtbot, tmp_path, "Anna", PG_URL) as anna, _reviewer(qtbot, tmp_path, "Bert", PG_URL) as bert:
        qtbot.waitUntil(lambda: len(_listener_threads()) == 2, timeout=STARTS_MS)
        # Both listen on the server (a connection another test's window ended may still be going away there).
        qtbot.waitUntil(lambda: _listening_on_server(PG_URL) >= 2, timeout=2 * STARTS_MS)
        mine = highlight_phrase(qtbot, anna, 3, "snellere beslissingen")
        settle(qtbot, anna)
        qtbot.waitUntil(lambda: _shows(bert, mine.id, None), timeout=QUICKLY_MS)
        _judge(qtbot, anna, Qt.Key.Key_4)
        qtbot.waitUntil(lambda: _shows(bert, mine.id, Judgment.SERIOUS_CONCERN), timeout=QUICKLY_MS)
        _judge(qtbot, anna, Qt.Key.Key_1)
        qtbot.waitUntil(lambda: _shows(bert, mine.id, Judgment.WELCOME), timeout=QUICKLY_MS)
        # Bert's own judgment is in Anna's window just as soon.
        bert.view.go_to_page(3)
        quad = mine.anchor.quads[0]
        qtbot.waitUntil(lambda: bert.view.highlight_at(bert.view.view_rect(3, quad).center()) == mine.id,
                        timeout=10000)
        click(bert.view, bert.view.view_rect(3, quad).center())
        qtbot.waitUntil(lambda: bert.editor.annotation is not None and bert.editor.annotation.id == mine.id,
                        timeout=5000)
        _judge(qtbot, bert, Qt.Key.Key_5)
        qtbot.waitUntil(lambda: _shows(anna, mine.id, Judgment.VIOLATION), timeout=QUICKLY_MS)
    # Closing the windows ends their listeners and their connections.
    qtbot.waitUntil(lambda: not _listener_threads(), timeout=STARTS_MS)
    qtbot.waitUntil(lambda: _listening_on_server(PG_URL) == 0, timeout=STARTS_MS)


def _server(*args: str, state: Path, port: int) -> str:
    env = dict(os.environ, ANNOTATOR_TEST_PG_STATE=str(state), ANNOTATOR_TEST_PG_PORT=str(port))
    script = Path(__file__).resolve().parents[2] / "scripts" / "pg-temp.sh"
    return subprocess.run(["bash", str(script), *args], env=env, check=True, capture_output=True,
                          text=True, timeout=120).stdout.strip()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.postgres
@needs_server
def test_notifications_come_again_after_the_server_was_away(qtbot, tmp_path: Path, long_poll) -> None:  # type: ignore[no-untyped-def]
    folder = Path(tempfile.mkdtemp(prefix="annotator-pg-notify-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")  # the server runs as the postgres user, inside this folder
    state, port = folder / "pg", _free_port()
    url = _server("start", state=state, port=port)
    try:
        with _reviewer(qtbot, tmp_path, "Anna", url) as anna, _reviewer(qtbot, tmp_path, "Bert", url) as bert:
            qtbot.waitUntil(lambda: _listening_on_server(url) == 2, timeout=STARTS_MS)
            mine = highlight_phrase(qtbot, anna, 3, "snellere beslissingen")
            settle(qtbot, anna)
            qtbot.waitUntil(lambda: _shows(bert, mine.id, None), timeout=QUICKLY_MS)

            _server("pause", state=state, port=port)
            _server("resume", state=state, port=port)
            # Both listeners find the server again by themselves (nothing else touched it meanwhile).
            qtbot.waitUntil(lambda: _listening_on_server(url) == 2, timeout=15000)
            _judge(qtbot, anna, Qt.Key.Key_3)
            qtbot.waitUntil(lambda: _shows(bert, mine.id, Judgment.CONCERN), timeout=QUICKLY_MS)
        qtbot.waitUntil(lambda: not _listener_threads(), timeout=STARTS_MS)
    finally:
        _server("stop", state=state, port=port)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_review_in_an_sqlite_file_starts_no_listener(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, tmp_path) as window:
        open_review(qtbot, window, sample_agreement())
        settle(qtbot, window)
        assert not _listener_threads()
