"""Opening a database: newer ones refused untouched, older ones backed up then migrated, bad files named plainly."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, event

from annotator.domain.model import Annotation
from annotator.store.database import (
    CorruptDatabaseError,
    Database,
    DatabaseLockedError,
    NewerSchemaError,
    StoreError,
)
from annotator.store.models import Base
from annotator.store.repository import Repository
from annotator.store.schema import alembic_config, head_revision
from store_support import FINGERPRINT, child_env, record_agreement

Make = Callable[..., Annotation]


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _sqlite_journal_mode(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        connection.close()


def test_a_new_file_is_created_at_the_newest_schema_in_wal_mode(sqlite_url: str) -> None:
    with Database.open(sqlite_url) as db:
        assert db.backup_path is None
        assert db.integrity_check() == ["ok"]
    path = _path(sqlite_url)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
    finally:
        connection.close()
    assert _sqlite_journal_mode(path) == "wal"


def test_migrations_and_models_agree(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_a_database_from_a_newer_annotator_is_refused_and_left_alone(sqlite_url: str) -> None:
    path = _path(sqlite_url)
    Database.open(sqlite_url).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00d2031'")
    connection.close()
    before = path.read_bytes()

    with pytest.raises(NewerSchemaError) as raised:
        Database.open(sqlite_url)

    assert str(path) in str(raised.value) and "newer version" in str(raised.value)
    assert path.read_bytes() == before


def test_an_older_database_is_backed_up_then_migrated(sqlite_url: str, tmp_path: Path) -> None:
    path = _path(sqlite_url)
    with Database.open(sqlite_url) as db, db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    older = path.read_bytes()

    backups = tmp_path / "backups"
    db = Database.open(sqlite_url, backup_dir=backups)
    try:
        assert db.backup_path is not None and db.backup_path.parent == backups
        assert "backup" in db.backup_path.name and db.backup_path.suffix == ".sqlite"
        saved = sqlite3.connect(db.backup_path)
        try:
            tables = {row[0] for row in saved.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            saved.close()
        assert tables == {"alembic_version"}  # the copy is the database as it was before migrating
        repo = Repository(db)
        record_agreement(repo)
        assert repo.document(FINGERPRINT) is not None
    finally:
        db.close()
    assert older != path.read_bytes()


def test_the_backup_lands_next_to_the_file_by_default(sqlite_url: str) -> None:
    path = _path(sqlite_url)
    with Database.open(sqlite_url) as db, db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    with Database.open(sqlite_url) as db:
        assert db.backup_path is not None and db.backup_path.parent == path.parent
    with Database.open(sqlite_url) as db:
        assert db.backup_path is None  # already at the newest schema: nothing to back up


@pytest.mark.parametrize("content", ["random", "pdf", "damaged"])
def test_a_file_that_is_not_a_sound_database_is_refused(
    content: str, sqlite_url: str, make_annotation: Make, request: pytest.FixtureRequest
) -> None:
    path = _path(sqlite_url)
    if content == "random":
        path.write_bytes(os.urandom(8192))
    elif content == "pdf":
        shutil.copyfile(request.getfixturevalue("agreement_2021"), path)
    else:
        with Database.open(sqlite_url) as db:
            repo = Repository(db)
            record_agreement(repo)
            repo.bulk_add(make_annotation(page=n % 50, comment="x" * 200) for n in range(3000))
        data = bytearray(path.read_bytes())
        data[40_960:57_344] = b"\xa5" * 16_384  # four pages in the middle of the annotations table
        path.write_bytes(bytes(data))
    before = path.read_bytes()

    with pytest.raises(CorruptDatabaseError) as raised:
        Database.open(sqlite_url)

    assert str(path) in str(raised.value)
    assert path.read_bytes() == before


def test_a_file_of_another_program_is_refused(sqlite_url: str) -> None:
    path = _path(sqlite_url)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()
    with pytest.raises(StoreError, match="another program"):
        Database.open(sqlite_url)


def test_an_edit_while_another_program_holds_the_lock_fails_within_the_timeout(
    sqlite_url: str, make_annotation: Make
) -> None:
    db = Database.open(sqlite_url, busy_timeout=0.3)
    repo = Repository(db)
    record_agreement(repo)
    holder = sqlite3.connect(_path(sqlite_url), isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError) as raised:
            repo.add(make_annotation())
        waited = time.monotonic() - started
        assert str(_path(sqlite_url)) in str(raised.value)
        assert 0.25 <= waited < 3.0
        holder.execute("ROLLBACK")
        repo.add(make_annotation())  # once the other program lets go, editing works again
    finally:
        holder.close()
        db.close()
    assert len(Repository(Database.open(sqlite_url)).annotations(FINGERPRINT)) == 1


def test_opening_a_database_locked_by_another_program_fails_within_the_timeout(sqlite_url: str) -> None:
    path = _path(sqlite_url)
    holder = sqlite3.connect(path, isolation_level=None)  # a plain rollback-journal database, as other tools make
    try:
        holder.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError, match="in use by another program"):
            Database.open(sqlite_url, busy_timeout=0.3)
        assert time.monotonic() - started < 3.0
    finally:
        holder.close()


def test_a_full_disk_is_reported_and_earlier_work_is_kept(sqlite_url: str, make_annotation: Make) -> None:
    db = Database.open(sqlite_url)
    repo = Repository(db)
    record_agreement(repo)
    kept = repo.add(make_annotation())
    db.engine.dispose()
    # SQLite reports a database that may not grow exactly as it reports a full disk (SQLITE_FULL).
    event.listen(db.engine, "connect", lambda connection, _: connection.execute("PRAGMA max_page_count = 60"))
    try:
        with pytest.raises(StoreError, match="full") as raised:
            repo.bulk_add(make_annotation(comment="x" * 500) for _ in range(2000))
        assert str(_path(sqlite_url)) in str(raised.value)
    finally:
        db.close()
    assert [a.id for a in Repository(Database.open(sqlite_url)).annotations(FINGERPRINT)] == [kept.id]


def test_importing_the_package_does_not_load_the_database_libraries() -> None:
    probe = (
        "import sys, annotator, annotator.paths, annotator.domain.model, annotator.store.errors;"
        "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=child_env(), check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_a_newer_schema_is_refused_on_every_kind_of_database(db_url: str) -> None:
    with Database.open(db_url) as db, db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00d2031'")
    with pytest.raises(NewerSchemaError, match="f00d2031"):
        Database.open(db_url)
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "f00d2031"
    finally:
        engine.dispose()


def test_an_in_memory_database_works_for_throwaway_use(make_annotation: Make) -> None:
    with Database.open("sqlite://") as db:
        repo = Repository(db)
        record_agreement(repo)
        added = repo.add(make_annotation())
        assert repo.get(added.id) == added


def test_a_plain_file_path_is_accepted(tmp_path: Path) -> None:
    with Database.open(str(tmp_path / "sub" / "review.sqlite")) as db:
        assert db.path == (tmp_path / "sub" / "review.sqlite").resolve()
