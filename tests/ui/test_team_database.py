"""Working on the team's PostgreSQL server from the window: connect, annotate, and see a colleague's work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from annotator.domain.model import Judgment
from annotator.pdf.service import ProcessPool
from annotator.ui.app import database_opener, load_catalogue
from annotator.ui.cache import PageImageCache
from annotator.ui.database_dialog import DatabaseDialog, server_url
from annotator.ui.i18n import Translator
from annotator.ui.main_window import MainWindow
from annotator.paths import sample_agreement
from ui_support import server_script, drag, open_and_wait, open_review, phrase_points, press_key, settle, window  # noqa: F401 (fixture)

PG_URL = os.environ.get("ANNOTATOR_TEST_PG_URL", "")
needs_server = pytest.mark.skipif(not PG_URL, reason="set ANNOTATOR_TEST_PG_URL to test against PostgreSQL")


def _empty_server() -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def test_the_dialog_builds_the_server_address(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = DatabaseDialog(Translator("nl"), "sqlite:////home/fatima/annotations.sqlite",
                            "sqlite:////home/fatima/annotations.sqlite")
    qtbot.addWidget(dialog)
    assert dialog.local.isChecked() and dialog.url() == "sqlite:////home/fatima/annotations.sqlite"
    dialog.server.setChecked(True)
    dialog.host.setText("db.amnesty.example")
    dialog.user.setText("fatima")
    dialog.password.setText("g/e@heim")
    assert dialog.url() == server_url("db.amnesty.example", 5432, "annotator", "fatima", "g/e@heim")
    assert dialog.url() == "postgresql+psycopg://fatima:g%2Fe%40heim@db.amnesty.example:5432/annotator"


def test_a_wrong_server_says_so_and_changes_nothing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = DatabaseDialog(Translator("en"), "sqlite:///x", "sqlite:///x")
    qtbot.addWidget(dialog)
    dialog.server.setChecked(True)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(9)  # nothing listens there
    dialog.test()
    # What the reviewer reads when the attempt has ended (its thread may end before anyone listens for it).
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.status.text() or "cannot be used" in dialog.status.text(),
                    timeout=30000)


def _highlight(qtbot, window: MainWindow, phrase: str):  # type: ignore[no-untyped-def]
    """Drag over the phrase on the sample's fourth page and press H; returns the new annotation."""
    start, end = phrase_points(qtbot, window, 3, phrase)
    drag(window.view, start, end)
    press_key(qtbot, window, Qt.Key.Key_H)
    return window.editor.annotation


@pytest.mark.postgres
@needs_server
def test_two_reviewers_share_the_team_server(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    _empty_server()
    open_review(qtbot, window, sample_agreement())
    window.use_database(PG_URL)
    qtbot.waitUntil(lambda: window.review.review is not None, timeout=20000)
    assert window.settings.value("database_url") == PG_URL
    mine = _highlight(qtbot, window, "snellere beslissingen")
    settle(qtbot, window)

    settings = QSettings(str(tmp_path / "colleague.ini"), QSettings.Format.IniFormat)
    settings.setValue("reviewer_name", "Jan")
    processes = ProcessPool()
    colleague = MainWindow(Translator("nl"), settings, PageImageCache(2**26), processes, load_catalogue,
                           database_opener(PG_URL))
    qtbot.addWidget(colleague)
    colleague.show()
    open_and_wait(qtbot, colleague, sample_agreement())
    qtbot.waitUntil(lambda: colleague.review.review is not None and mine.id in colleague.review.review.annotations,
                    timeout=20000)
    # The colleague clicks my highlight and judges it with the key 5.
    colleague.view.go_to_page(3)
    quad = mine.anchor.quads[0]
    qtbot.waitUntil(lambda: colleague.view.highlight_at(colleague.view.view_rect(3, quad).center()) == mine.id,
                    timeout=10000)
    point = colleague.view.view_rect(3, quad).center().toPoint()
    qtbot.mouseClick(colleague.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: colleague.editor.annotation is not None and colleague.editor.annotation.id == mine.id,
                    timeout=5000)
    press_key(qtbot, colleague, Qt.Key.Key_5)
    # My window picks up the colleague's change without restarting.
    qtbot.waitUntil(lambda: window.review.review.annotations[mine.id].judgment is Judgment.VIOLATION, timeout=10000)
    colleague.close()
    processes.close()


@pytest.mark.postgres
@needs_server
def test_edits_made_while_the_server_is_away_are_saved_when_it_is_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import tempfile

    state = Path(tempfile.mkdtemp(prefix="annotator-pg-lost-"))
    if os.geteuid() == 0:
        shutil.chown(state, "postgres")  # the server runs as the postgres user, inside this folder
    port = 54341
    url = server_script("start", state=state / "pg", port=port)
    try:
        open_review(qtbot, window, sample_agreement())
        window.use_database(url)
        qtbot.waitUntil(lambda: window.review.review is not None, timeout=20000)
        annotation = _highlight(qtbot, window, "snellere beslissingen")
        settle(qtbot, window)
        server_script("pause", state=state / "pg", port=port)
        press_key(qtbot, window, Qt.Key.Key_5)
        qtbot.waitUntil(lambda: window.review.unsaved == 1, timeout=20000)
        assert "not saved yet" in window.message_bar.text
        press_key(qtbot, window, Qt.Key.Key_2)  # a second edit waits behind the first, in order
        qtbot.waitUntil(lambda: window.review.unsaved == 2, timeout=20000)
        assert window.editor.judgment_buttons.checkedId() == Judgment.NOTE.rank  # the window shows the latest
        server_script("resume", state=state / "pg", port=port)
        qtbot.waitUntil(lambda: window.review.retry_unsaved(), timeout=20000)
        settle(qtbot, window)
        from annotator.store.database import Database
        from annotator.store.repository import Repository

        check = Database.open(url)
        assert Repository(check).get(annotation.id).judgment is Judgment.NOTE
        check.close()
    finally:
        window.close()
        server_script("stop", state=state / "pg", port=port)
        shutil.rmtree(state, ignore_errors=True)


def test_the_servers_password_is_never_written_to_the_settings_file(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                     tmp_path: Path) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())  # as on a bare Linux: no Secret Service
    try:
        open_review(qtbot, window, sample_agreement())
        window.use_database("postgresql+psycopg://fatima:g%2Fe%40heim@127.0.0.1:9/annotator")
        window.settings.sync()
        assert window.settings.value("database_url") == "postgresql+psycopg://fatima@127.0.0.1:9/annotator"
        assert "heim" not in Path(window.settings.fileName()).read_text(encoding="utf-8")
        assert "keyring" in window.message_bar.text
    finally:
        keyring.set_keyring(previous)
