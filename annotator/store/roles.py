"""The team server's roles: the tables' owner, the reviewers' group, the readers' group and the reviewers' logins.

Three roles, none of which logs in: the owner owns every table and runs the migrations; the reviewers' group may
read, add, change and delete rows (not create, alter or drop tables); the readers' group may only read. Keeping the
owner apart from the reviewers means no reviewer can drop or alter the review's tables, and a reviewer's program
never migrates the schema by itself. Whoever administers the server runs :func:`init_server` (as a role that may
create roles) and :func:`add_reviewer` per colleague.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from annotator.paths import database_url
from annotator.store import schema
from annotator.store.errors import StoreError, translate

DEFAULT_OWNER = "annotator_owner"
DEFAULT_GROUP = "annotator_reviewers"
DEFAULT_READERS = "annotator_readers"
_SCRAM_ITERATIONS = 4096
_REVIEWER_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"


@dataclass
class InitReport:
    """What ``server init`` found and did."""

    where: str
    schema: str
    owner: str
    group: str
    readers: str | None
    revision_before: str | None
    revision: str
    roles_created: list[str] = field(default_factory=list)
    tables_given: list[str] = field(default_factory=list)  # tables whose ownership moved to the owner role


@dataclass
class ReviewerReport:
    """What ``server add-reviewer`` did, and the URL the reviewer connects with."""

    name: str
    group: str
    created: bool
    already_member: bool
    password_set: bool
    left_group: str | None
    url: str


def _server(url: str) -> tuple[URL, str]:
    try:
        parsed = make_url(database_url(url))
    except ArgumentError as error:
        raise StoreError(f"{url!r} is not a database URL.") from error
    where = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(f"{where} is not a PostgreSQL server: only a team server has roles to set up "
                         "(an SQLite file needs none).")
    return parsed, where


def _run(url: str, work: Any) -> Any:
    """``work(connection, where)`` in one transaction on the server at ``url``; driver errors said plainly."""
    parsed, where = _server(url)
    engine = create_engine(parsed, connect_args={"connect_timeout": 10})
    try:
        with engine.connect() as connection, connection.begin():
            return work(connection, where)
    except DBAPIError as error:
        store_error = translate(error, where)
        if store_error is None:
            raise
        raise store_error from error
    finally:
        engine.dispose()


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _role_exists(connection: Connection, name: str) -> bool:
    return connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is not None


def _member(connection: Connection, name: str, group: str) -> bool:
    """Whether ``name`` was granted ``group`` itself (not through another role)."""
    return connection.execute(text(
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = :g AND u.rolname = :n"),
        {"n": name, "g": group}).first() is not None


def _check_name(name: str, what: str) -> None:
    if not name or len(name) > 63 or name.lower().startswith("pg_") or "\0" in name:
        raise StoreError(f"{name!r} cannot be the name of {what} (1 to 63 characters, not starting with pg_).")


def init_server(url: str, *, owner: str = DEFAULT_OWNER, group: str = DEFAULT_GROUP,
                readers: str | None = DEFAULT_READERS) -> InitReport:
    """Set up the team database at ``url``: the roles (created if missing), the schema at the newest revision owned
    by ``owner``, the grants for ``group`` (and ``readers``) and default privileges for tables made later. Running it
    again changes nothing that is right already, and upgrades an older schema. All of it, or nothing."""
    for name, what in ((owner, "the owner role"), (group, "the reviewers' group"), (readers, "the readers' group")):
        if name is not None:
            _check_name(name, what)
    names = [name for name in (owner, group, readers) if name is not None]
    if len(set(names)) != len(names):
        raise StoreError("The owner role, the reviewers' group and the readers' group need three different names.")

    def work(connection: Connection, where: str) -> InitReport:
        def q(name: str) -> str:
            return _quote(connection, name)

        name_of_schema = connection.execute(text("SELECT current_schema()")).scalar()
        if name_of_schema is None:
            raise StoreError(f"{where} has no schema to keep the tables in (check the search_path).")
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        created = []
        for role in (owner, group, readers):
            if role is not None and not _role_exists(connection, role):
                connection.exec_driver_sql(f"CREATE ROLE {q(role)} NOLOGIN")
                created.append(role)
        # The administrator acts as the owner below (SET ROLE), so needs to be a member of it.
        if not connection.execute(text("SELECT pg_has_role(current_user, :r, 'MEMBER')"), {"r": owner}).scalar():
            connection.exec_driver_sql(f"GRANT {q(owner)} TO CURRENT_USER")
        schema_q = q(name_of_schema)
        connection.exec_driver_sql(f"GRANT USAGE, CREATE ON SCHEMA {schema_q} TO {q(owner)}")
        users = ", ".join(q(role) for role in (group, readers) if role is not None)
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema_q} TO {users}")
        connection.exec_driver_sql(f"GRANT CONNECT ON DATABASE {q(database)} TO {q(owner)}, {users}")
        # Tables made before (by whoever opened the database first) now belong to the owner.
        given = list(connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = :s AND tablename = ANY(:names) "
            "AND tableowner <> :owner ORDER BY tablename"),
            {"s": name_of_schema, "names": schema.table_names(), "owner": owner}).scalars())
        for table in given:
            connection.exec_driver_sql(f"ALTER TABLE {schema_q}.{q(table)} OWNER TO {q(owner)}")
        connection.exec_driver_sql(f"SET LOCAL ROLE {q(owner)}")
        before = tuple(schema.connection_state(connection).revisions)
        schema.migrate(connection, where)
        # Rights on what is there now, and on whatever the owner creates in this schema later.
        tables = ", ".join(f"{schema_q}.{q(table)}" for table in schema.table_names())
        connection.exec_driver_sql(f"GRANT {_REVIEWER_RIGHTS} ON {tables} TO {q(group)}")
        # The version table is the owner's alone to change: reviewers read it to know the schema.
        connection.exec_driver_sql(
            f"REVOKE INSERT, UPDATE, DELETE ON {schema_q}.{q(schema.VERSION_TABLE)} FROM {q(group)}")
        default = f"ALTER DEFAULT PRIVILEGES FOR ROLE {q(owner)} IN SCHEMA {schema_q}"
        connection.exec_driver_sql(f"{default} GRANT {_REVIEWER_RIGHTS} ON TABLES TO {q(group)}")
        connection.exec_driver_sql(f"{default} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {q(group)}")
        sequences = list(connection.execute(text(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = :s AND sequenceowner = :owner"),
            {"s": name_of_schema, "owner": owner}).scalars())
        for sequence in sequences:
            connection.exec_driver_sql(f"GRANT USAGE, SELECT, UPDATE ON SEQUENCE {schema_q}.{q(sequence)} "
                                       f"TO {q(group)}")
        if readers is not None:
            connection.exec_driver_sql(f"GRANT SELECT ON {tables} TO {q(readers)}")
            connection.exec_driver_sql(f"{default} GRANT SELECT ON TABLES TO {q(readers)}")
            connection.exec_driver_sql(f"{default} GRANT SELECT ON SEQUENCES TO {q(readers)}")
            for sequence in sequences:
                connection.exec_driver_sql(f"GRANT SELECT ON SEQUENCE {schema_q}.{q(sequence)} TO {q(readers)}")
        connection.exec_driver_sql("RESET ROLE")
        return InitReport(where=where, schema=name_of_schema, owner=owner, group=group, readers=readers,
                          revision_before=before[0] if before else None, revision=schema.head_revision(),
                          roles_created=created, tables_given=given)

    report: InitReport = _run(url, work)
    return report


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = _SCRAM_ITERATIONS) -> str:
    """The SCRAM-SHA-256 secret PostgreSQL stores for ``password`` (RFC 5802/7677, as libpq's
    PQencryptPasswordConn makes it), so that the password itself never reaches the server or its log."""
    # SASLprep, as far as it matters for passwords people type: compatibility forms and odd spaces normalised.
    prepared = unicodedata.normalize("NFKC", "".join(" " if ch.isspace() else ch for ch in password))
    salt = salt if salt is not None else os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", prepared.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def add_reviewer(url: str, name: str, *, password: str | None, read_only: bool = False,
                 group: str = DEFAULT_GROUP, readers: str = DEFAULT_READERS) -> ReviewerReport:
    """A login role ``name`` in the reviewers' group (or, ``read_only``, the readers'); an existing role is moved
    into it. ``password`` None leaves the role without one (certificate or peer authentication) or as it was."""
    _check_name(name, "a reviewer's role")
    joins, leaves = (readers, group) if read_only else (group, readers)
    if name in (group, readers):
        raise StoreError(f"{name} is the name of a group; choose the reviewer's own name.")

    def work(connection: Connection, where: str) -> ReviewerReport:
        def q(role: str) -> str:
            return _quote(connection, role)

        if not _role_exists(connection, joins):
            raise StoreError(f"The group {joins} does not exist on {where}; run `annotator server init --db "
                             f"{where}` first.")
        existed = _role_exists(connection, name)
        if not existed:
            connection.exec_driver_sql(f"CREATE ROLE {q(name)} LOGIN")
        else:
            connection.exec_driver_sql(f"ALTER ROLE {q(name)} LOGIN")
        if password is not None:
            literal = scram_verifier(password).replace("'", "''")  # base64 and '$:' only; quoted all the same
            connection.exec_driver_sql(f"ALTER ROLE {q(name)} PASSWORD '{literal}'")
        already = existed and _member(connection, name, joins)
        connection.exec_driver_sql(f"GRANT {q(joins)} TO {q(name)}")
        left = None
        if _member(connection, name, leaves):
            connection.exec_driver_sql(f"REVOKE {q(leaves)} FROM {q(name)}")
            left = leaves
        parsed = make_url(database_url(url))
        reviewer_url = parsed.set(username=name, password=None).render_as_string(hide_password=False)
        return ReviewerReport(name=name, group=joins, created=not existed, already_member=already,
                              password_set=password is not None,
                              left_group=left, url=reviewer_url)

    report: ReviewerReport = _run(url, work)
    return report
