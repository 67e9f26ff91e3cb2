"""Which schema a database has, whether we may open it, backing it up, and migrating it to the newest schema."""

from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from annotator.paths import migrations_dir
from annotator.store.errors import (
    CorruptDatabaseError,
    NewerSchemaError,
    OlderSchemaError,
    PermissionDeniedError,
    StoreError,
    admin_url,
    translate,
)

if TYPE_CHECKING:  # Alembic (17 MB, a tenth of a second) loads only to migrate: opening a current database reads
    # the revisions from the migrations' files (known_revisions)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

VERSION_TABLE = "alembic_version"
SQLITE_HEADER = b"SQLite format 3\x00"
# Any fixed number: PostgreSQL sessions that migrate at the same time take turns on this advisory lock.
_PG_MIGRATION_LOCK = 0x616E6E6F


@dataclass(frozen=True, slots=True)
class SchemaState:
    """What a database holds before we touch it."""

    revisions: tuple[str, ...]
    has_version_table: bool
    has_other_tables: bool


@dataclass(frozen=True, slots=True)
class Plan:
    """What opening the database must do first."""

    upgrade: bool
    backup: bool
    current: str | None


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for db/, using ``connection`` when given (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    """The migrations this version of the annotator knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


_REVISION = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=\n]*)?=\s*(.+)$", re.MULTILINE)


@functools.cache
def known_revisions() -> tuple[frozenset[str], str | None]:
    """The revisions of the migrations in db/versions/ and the newest of them (the one no other revises), read from
    the files' ``revision`` and ``down_revision`` lines as Alembic reads them, without loading Alembic; None for
    the head when there is not exactly one."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in sorted((migrations_dir() / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN_REVISION.search(source)
        if down is not None:
            revised.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    heads = revisions - revised
    return frozenset(revisions), next(iter(heads)) if len(heads) == 1 else None


def head_revision() -> str:
    """The newest schema revision this version of the annotator writes."""
    head = known_revisions()[1]
    if head is None:
        raise StoreError(f"No migrations were found in {migrations_dir()}; the installation is incomplete.")
    return head


def check_sqlite_header(path: Path) -> None:
    """Refuse, without touching it, a non-empty file that does not start like an SQLite database."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise CorruptDatabaseError(f"{path} is not an annotation database (it is not an SQLite file).")


def side_files(path: Path) -> tuple[Path, ...]:
    """The files SQLite keeps beside a database while it is open or after a crash: the WAL, its index, a journal."""
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))


def sqlite_state(path: Path, busy_timeout: float) -> SchemaState:
    """Read the schema revision of an SQLite file through a read-only connection, so a refusal changes nothing.

    A read-only connection to a WAL file still creates its ``-wal`` and ``-shm`` files, and cannot remove them
    again. So a WAL file with nothing beside it (a program that has a WAL file open keeps both) is read as
    immutable, which creates nothing; should another program open it meanwhile, it is read again the ordinary
    way. Any other file is read the ordinary way, which then honours another program's locks."""
    quiet = _is_wal(path) and not any(side.exists() for side in side_files(path))
    try:
        return _sqlite_state(path, busy_timeout, immutable=quiet)
    except (StoreError, sqlite3.Error):
        if not quiet or not any(side.exists() for side in side_files(path)):
            raise
    return _sqlite_state(path, busy_timeout, immutable=False)


def _is_wal(path: Path) -> bool:
    """Whether the file's header says it is in WAL mode (its read and write versions are 2)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return header[:16] == SQLITE_HEADER and header[18:20] == b"\x02\x02"


def _sqlite_state(path: Path, busy_timeout: float, *, immutable: bool) -> SchemaState:
    try:
        mode = "?mode=ro&immutable=1" if immutable else "?mode=ro"
        connection = sqlite3.connect(path.as_uri() + mode, uri=True, timeout=busy_timeout)
        try:
            # quick_check reads every page once (about 30 ms for 50,000 annotations): a damaged file is refused
            # before the reviewer types into it, not halfway through a session.
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise CorruptDatabaseError(
                    f"The annotation database {path} is damaged ({'; '.join(problems)}); restore a backup."
                )
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revisions: tuple[str, ...] = ()
            if VERSION_TABLE in tables:
                revisions = tuple(row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}"))
        finally:
            connection.close()
    except sqlite3.Error as error:
        store_error = translate(error, str(path))
        if store_error is None:
            raise
        raise store_error from error
    return SchemaState(revisions, VERSION_TABLE in tables, bool(tables - {VERSION_TABLE}))


def connection_state(connection: Connection) -> SchemaState:
    """Read the schema revision through an open SQLAlchemy connection (PostgreSQL, or under the migration lock)."""
    from alembic.runtime.migration import MigrationContext

    tables = set(inspect(connection).get_table_names())
    revisions = tuple(MigrationContext.configure(connection).get_current_heads())
    return SchemaState(revisions, VERSION_TABLE in tables, bool(tables - {VERSION_TABLE}))


def plan(state: SchemaState, where: str) -> Plan:
    """Decide: use as is, create, or back up and migrate; refuse a newer or a foreign database."""
    if not state.revisions:
        if state.has_other_tables and not state.has_version_table:
            raise StoreError(f"{where} holds another program's tables, not annotations; choose another database.")
        # An empty database is created from scratch; an annotator database at the base revision is kept first.
        return Plan(upgrade=True, backup=state.has_version_table, current=None)
    known, head = known_revisions()
    for revision in state.revisions:
        if revision not in known:
            raise NewerSchemaError(
                f"{where} was written by a newer version of the annotator (schema {revision}); "
                "update the annotator to open it. The database was not changed."
            )
    if state.revisions == (head,):
        return Plan(upgrade=False, backup=False, current=state.revisions[0])
    return Plan(upgrade=True, backup=True, current=state.revisions[0])


def copy_sqlite(path: Path, folder: Path, base: str, busy_timeout: float) -> Path:
    """Copy the SQLite file (committed WAL content included) to ``folder/base.sqlite`` (numbered if taken).

    Raises sqlite3.Error; a half-written copy is removed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix or ".sqlite"
    target = folder / f"{base}{suffix}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{base}-{counter}{suffix}"
    try:
        source = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=busy_timeout)
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
    except sqlite3.Error:
        target.unlink(missing_ok=True)
        raise
    return target


def backup_sqlite(path: Path, backup_dir: Path | None, revision: str | None, busy_timeout: float) -> Path:
    """Copy the SQLite file (with any committed WAL content) to a timestamped file before migrating it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        return copy_sqlite(path, backup_dir if backup_dir is not None else path.parent,
                           f"{path.stem}.backup-{revision or 'base'}-{stamp}", busy_timeout)
    except sqlite3.Error as error:
        store_error = translate(error, str(path))
        if store_error is None:
            raise
        raise StoreError(f"{path} was not migrated because the backup failed: {store_error}") from error


def upgrade(engine: Engine, where: str) -> None:
    """Migrate to the newest schema in one transaction that holds the write lock, re-checking the version under it."""
    # BEGIN IMMEDIATE on SQLite and an advisory lock on PostgreSQL: two programs opening one new database take turns.
    with engine.connect().execution_options(annotator_begin="BEGIN IMMEDIATE") as connection:
        with connection.begin():
            migrate(connection, where)


def migrate(connection: Connection, where: str) -> bool:
    """Migrate to the newest schema inside the connection's transaction (which then holds the migration lock);
    False when it already was. On a server only the tables' owner migrates: a member of the owner role does so as
    that role, anyone else gets OlderSchemaError (or PermissionDeniedError on an empty database) and nothing changes."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
    state = connection_state(connection)
    planned = plan(state, where)
    if not planned.upgrade:
        return False
    if connection.dialect.name == "postgresql":
        _become_owner(connection, state, planned, where)
    from alembic import command

    command.upgrade(alembic_config(connection), "head")
    return True


def table_names() -> list[str]:
    """Every table of the newest schema, the version table included."""
    from annotator.store.models import Base

    return [*Base.metadata.tables, VERSION_TABLE]


def _become_owner(connection: Connection, state: SchemaState, planned: Plan, where: str) -> None:
    """Run the migration as the role that owns the tables (SET LOCAL ROLE, for this transaction), so that what it
    creates is owned, and granted, like the rest; refuse plainly when this role may not."""
    fix = f"ask whoever administers the server to run `annotator server init --db {admin_url(where)}`"
    if not (state.has_version_table or state.has_other_tables):
        if not connection.execute(text("SELECT has_schema_privilege(current_schema(), 'CREATE')")).scalar():
            user = connection.execute(text("SELECT current_user")).scalar()
            raise PermissionDeniedError(
                f"The team database {where} holds no annotation tables yet, and the role {user} may not create "
                f"them; {fix}. The database was not changed."
            )
        return  # a new database: whoever creates it owns it
    owners = set(connection.execute(
        text("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = current_schema() "
             "AND tablename = ANY(:names)"), {"names": table_names()}).scalars())
    user = connection.execute(text("SELECT current_user")).scalar()
    if owners <= {user}:
        return
    if len(owners) == 1:
        owner = next(iter(owners))
        member = connection.execute(text("SELECT pg_has_role(current_user, :owner, 'MEMBER')"),
                                    {"owner": owner}).scalar()
        if member:
            quoted = connection.dialect.identifier_preparer.quote(owner)
            connection.exec_driver_sql(f"SET LOCAL ROLE {quoted}")
            return
    raise OlderSchemaError(
        f"The team database {where} has an older layout (schema {planned.current or 'base'}) than this version of "
        f"annotator ({head_revision()}); {fix}. The database was not changed."
    )
