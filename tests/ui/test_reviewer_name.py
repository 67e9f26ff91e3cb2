"""The name a reviewer's annotations and changes carry: asked once on the first start, else the server's user name
on a team server, and the computer login only for a local file."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from annotator.paths import sample_agreement
from annotator.services.server import login_name
from annotator.ui.app import _ask_name_on_first_start
from annotator.ui.main_window import MainWindow
from annotator.ui.review_actions import reviewer_name
from annotator.ui.welcome import WelcomeDialog
from ui_support import highlight_phrase, open_review, settle, shown_window, window  # noqa: F401 (fixture)

PG_URL = os.environ.get("ANNOTATOR_TEST_PG_URL", "")


def _name_dialog(qtbot) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    """The welcome of the first start, which asks the name."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), WelcomeDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, WelcomeDialog) and dialog.objectName() == "welcome-dialog"
    return dialog


def test_the_first_start_asks_the_name_once_and_signs_with_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, tmp_path, language="nl") as window:
        open_review(qtbot, window, sample_agreement())
        _ask_name_on_first_start(window)  # as the program does once its window is up
        dialog = _name_dialog(qtbot)
        assert dialog.windowTitle() == "Welkom bij annotator"
        assert any("collega’s" in label.text() for label in dialog.findChildren(QLabel))
        field = dialog.findChild(QLineEdit)
        assert field is not None and field.text()  # a suggestion, ready to take or to type over
        QTest.keySequence(field, "Ctrl+A")
        QTest.keyClicks(field, "Fatima El Amrani")
        QTest.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        assert window.settings.value("reviewer_name") == "Fatima El Amrani"
        qtbot.waitUntil(lambda: window.review.review.author == "Fatima El Amrani", timeout=5000)
        mine = highlight_phrase(qtbot, window, 3, "snellere beslissingen")
        settle(qtbot, window)
        assert mine.author == "Fatima El Amrani"
        # Not asked again, in this session or the next.
        _ask_name_on_first_start(window)
        QTest.qWait(100)
        assert not isinstance(QApplication.activeModalWidget(), WelcomeDialog)


def test_skipping_the_question_keeps_the_fallback_and_is_not_asked_again(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, tmp_path) as window:
        qtbot.waitUntil(lambda: window.workspace is not None, timeout=5000)  # the window is up, without a document
        _ask_name_on_first_start(window)
        dialog = _name_dialog(qtbot)
        assert dialog.windowTitle() == "Welcome to annotator"
        QTest.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        assert not window.settings.value("reviewer_name")
        assert reviewer_name(window.settings, window.database_url) == login_name()  # a local file
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("reviewer_name_asked", False, type=bool)


def test_windows_built_by_the_tests_are_not_asked(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_review(qtbot, window, sample_agreement())
    QTest.qWait(200)
    assert QApplication.activeModalWidget() is None


def test_without_a_name_a_server_signs_with_its_user_name_never_the_login(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert reviewer_name(settings, "postgresql+psycopg://bert:geheim@db.example:5432/annotator") == "bert"
    assert reviewer_name(settings, f"sqlite:///{tmp_path / 'review.sqlite'}") == login_name()
    settings.setValue("reviewer_name", "Bert de Vries")
    assert reviewer_name(settings, "postgresql+psycopg://bert@db.example/annotator") == "Bert de Vries"


@pytest.mark.postgres
def test_a_reviewer_added_on_the_server_highlights_under_the_servers_name(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not PG_URL:
        pytest.skip("set ANNOTATOR_TEST_PG_URL to run the team server tests against PostgreSQL")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from annotator.cli import main

    suffix = uuid.uuid4().hex[:8]
    name, bert = f"annotator_window_{suffix}", f"bert_{suffix}"
    server = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin = make_url(PG_URL).set(database=name)
    groups = ["--group", f"reviewers_{suffix}", "--read-only-group", f"readers_{suffix}"]
    try:
        admin_url = admin.render_as_string(hide_password=False)
        assert main(["server", "init", "--db", admin_url, "--owner", f"owner_{suffix}", *groups]) == 0
        assert main(["server", "add-reviewer", bert, "--db", admin_url, "--no-password", *groups]) == 0
        bert_url = admin.set(username=bert).render_as_string(hide_password=False)
        with shown_window(qtbot, tmp_path, database_url=bert_url) as window:
            open_review(qtbot, window, sample_agreement())
            mine = highlight_phrase(qtbot, window, 3, "snellere beslissingen")
            settle(qtbot, window)
            assert mine.author == bert
            # The Author column of the list shows the server's name for the reviewer, not the computer login.
            proxy = window.annotation_list.proxy
            column = next(c for c in range(proxy.columnCount())
                          if proxy.headerData(c, Qt.Orientation.Horizontal) == "Author")
            qtbot.waitUntil(lambda: proxy.rowCount() == 1, timeout=5000)
            assert proxy.index(0, column).data() == bert
        engine = create_engine(admin_url)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT author, modified_by FROM annotations")).all() == [(bert, bert)]
        engine.dispose()
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in (bert, f"owner_{suffix}", f"reviewers_{suffix}", f"readers_{suffix}"):
                connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        server.dispose()
