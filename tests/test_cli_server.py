"""`annotator server init` and `add-reviewer` on a real PostgreSQL server, and what each kind of role then meets.

Every test gets a database and role names of its own (roles are shared by the whole server) and removes them after.
The server of scripts/test.sh runs as the superuser postgres with trust authentication, so logins need no password.
"""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from annotator.cli import main
from annotator.domain.model import Anchor, Judgment, Rect
from annotator.services.commands import AddAnnotations, EditAnnotations
from annotator.services.database import open_database
from annotator.services.errors import OlderSchemaError, PermissionDeniedError
from annotator.services.review import DocumentIdentity, Review
from annotator.services.server import server_user_name
from annotator.store.schema import head_revision

PG_URL = os.environ.get("ANNOTATOR_TEST_PG_URL", "")
DOCUMENT = DocumentIdentity(hashlib.sha256(b"coalitieakkoord").hexdigest(), "Omzien naar elkaar", 50,
                            ["1", "2", "3"], "coalitieakkoord.pdf")
ANCHOR = Anchor(page=11, quads=(Rect(72, 100, 272, 112),), exact="Wij nemen maatregelen")


@dataclass
class Team:
    """A database of its own on the test server, the admin's URL for it and role names unique to the test."""

    admin: str
    suffix: str

    def role(self, name: str) -> str:
        return f"{name}_{self.suffix}"

    def url(self, user: str) -> str:
        return make_url(self.admin).set(username=user).render_as_string(hide_password=False)

    def init(self, *extra: str) -> int:
        return main(["server", "init", "--db", self.admin, "--owner", self.role("owner"),
                     "--group", self.role("reviewers"), "--read-only-group", self.role("readers"), *extra])

    def add(self, name: str, *extra: str) -> int:
        return main(["server", "add-reviewer", self.role(name), "--db", self.admin, "--no-password",
                     "--group", self.role("reviewers"), "--read-only-group", self.role("readers"), *extra])

    def sql(self, statement: str, user: str | None = None) -> list[tuple[object, ...]]:
        engine = create_engine(self.url(user) if user else self.admin)
        try:
            with engine.begin() as connection:
                result = connection.execute(text(statement))
                return [tuple(row) for row in result] if result.returns_rows else []
        finally:
            engine.dispose()


@pytest.fixture
def team() -> Iterator[Team]:
    if not PG_URL:
        pytest.skip("set ANNOTATOR_TEST_PG_URL to run the team server tests against PostgreSQL")
    suffix = uuid.uuid4().hex[:8]
    name = f"annotator_team_{suffix}"
    server = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield Team(admin, suffix)
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            roles = connection.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                                       {"p": f"%\\_{suffix}"}).scalars().all()
            # Members first, then the groups they are in.
            for role in sorted(roles, key=lambda r: r.startswith(("owner_", "reviewers_", "readers_"))):
                connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        server.dispose()


def _open_review(url: str, author: str) -> Review:
    return Review.open(open_database(url), DOCUMENT, author, ["Asiel en migratie"])


@pytest.mark.postgres
def test_a_reviewer_added_after_init_annotates_and_the_row_says_who(team: Team, capsys: pytest.CaptureFixture[str]
                                                                    ) -> None:
    assert team.init() == 0
    out = capsys.readouterr().out
    assert f"schema {head_revision()} (created)" in out and team.role("owner") in out
    assert team.add("bert") == 0
    out = capsys.readouterr().out
    assert f"created the login role {team.role('bert')} in {team.role('reviewers')}" in out
    assert f"connects with: {team.url(team.role('bert'))}" in out
    bert = _open_review(team.url(team.role("bert")), "Bert")
    highlight = bert.new_annotation(ANCHOR, judgment=Judgment.CONCERN)
    bert.execute(AddAnnotations([highlight]))
    anna_role = team.role("anna")
    assert team.add("anna") == 0
    anna = _open_review(team.url(anna_role), server_user_name(team.url(anna_role)))
    theirs = anna.annotations[highlight.id]
    anna.execute(EditAnnotations([theirs], [theirs.changed(comment="ook art. 5 EVRM")]))
    assert team.sql(f"SELECT author, modified_by, comment FROM annotations WHERE id = '{highlight.id}'") == [
        ("Bert", anna_role, "ook art. 5 EVRM")]
    # Reviewers change rows, never the tables or the schema's version.
    with pytest.raises(Exception, match="must be owner|permission denied"):
        team.sql("DROP TABLE annotation_refs", user=team.role("bert"))
    with pytest.raises(Exception, match="permission denied"):
        team.sql("UPDATE alembic_version SET version_num = '0001'", user=team.role("bert"))
    assert team.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'annotations'") == [(team.role("owner"),)]


@pytest.mark.postgres
def test_a_role_outside_the_group_is_told_plainly(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    assert team.init() == 0
    stranger = team.role("carla")
    team.sql(f'CREATE ROLE "{stranger}" LOGIN')
    with pytest.raises(PermissionDeniedError) as refused:
        open_database(team.url(stranger))
    message = str(refused.value)
    assert f"The role {stranger} has no access" in message and "add-reviewer" in message
    assert "InsufficientPrivilege" not in message and "alembic_version" in message
    capsys.readouterr()
    assert main(["export", "--db", team.url(stranger), "--pdf", str(Path(__file__).parent / "data" /
                 "coalitieakkoord-2021-2025.pdf"), "--format", "csv", "--out", os.devnull]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: The role {stranger} has no access") and "Traceback" not in err


@pytest.mark.postgres
def test_a_read_only_reviewer_reads_and_an_edit_is_refused_plainly(team: Team,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert team.init() == 0 and team.add("bert") == 0
    bert = _open_review(team.url(team.role("bert")), "Bert")
    highlight = bert.new_annotation(ANCHOR, judgment=Judgment.VIOLATION, comment="art. 3 EVRM")
    bert.execute(AddAnnotations([highlight]))
    assert team.add("dirk", "--read-only") == 0
    assert "(read-only reviewer)" in capsys.readouterr().out
    dirk = _open_review(team.url(team.role("dirk")), "Dirk")
    assert [a.comment for a in dirk.annotations.values()] == ["art. 3 EVRM"]
    stored = dirk.annotations[highlight.id]
    with pytest.raises(PermissionDeniedError) as refused:
        dirk.execute(EditAnnotations([stored], [stored.changed(comment="weg ermee")]))
    assert f"The role {team.role('dirk')} may read the annotation database" in str(refused.value)
    assert "but not change it (permission denied for table annotations)" in str(refused.value)
    with pytest.raises(PermissionDeniedError):
        dirk.execute(AddAnnotations([dirk.new_annotation(ANCHOR)]))
    assert team.sql("SELECT comment FROM annotations") == [("art. 3 EVRM",)]
    # Made a full reviewer later: the same role now leaves the readers' group and may edit.
    assert team.add("dirk") == 0
    assert f"left {team.role('readers')}" in capsys.readouterr().out
    dirk = _open_review(team.url(team.role("dirk")), "Dirk")
    dirk.execute(EditAnnotations([stored], [stored.changed(comment="aangescherpt")]))
    assert team.sql("SELECT comment, modified_by FROM annotations") == [("aangescherpt", "Dirk")]


@pytest.mark.postgres
def test_an_older_schema_opened_by_a_reviewer_is_told_and_left_alone_until_init(
        team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    assert team.init() == 0 and team.add("bert") == 0
    bert = _open_review(team.url(team.role("bert")), "Bert")
    bert.execute(AddAnnotations([bert.new_annotation(ANCHOR, comment="voor de upgrade")]))
    bert.repo._db.close()  # type: ignore[attr-defined]
    # The database as the previous release left it: schema 0001, owned by the owner role.
    from alembic import command

    from annotator.store.schema import alembic_config

    engine = create_engine(team.admin)
    with engine.begin() as connection:
        connection.exec_driver_sql(f'SET LOCAL ROLE "{team.role("owner")}"')
        command.downgrade(alembic_config(connection), "0001")
    engine.dispose()
    columns = "SELECT column_name FROM information_schema.columns WHERE table_name = 'annotations' ORDER BY 1"
    before = team.sql(columns)
    with pytest.raises(OlderSchemaError) as refused:
        open_database(team.url(team.role("bert")))
    message = str(refused.value)
    assert message.startswith(f"The team database {team.url(team.role('bert'))} has an older layout")
    server = make_url(team.admin)
    assert f"`annotator server init --db postgresql+psycopg://{server.host}:{server.port}/{server.database}`" in message
    assert "InsufficientPrivilege" not in message
    assert team.sql(columns) == before and team.sql("SELECT version_num FROM alembic_version") == [("0001",)]
    capsys.readouterr()
    assert team.init() == 0
    assert f"schema {head_revision()} (upgraded from 0001)" in capsys.readouterr().out
    bert = _open_review(team.url(team.role("bert")), "Bert")
    assert [a.comment for a in bert.annotations.values()] == ["voor de upgrade"]


@pytest.mark.postgres
def test_init_twice_is_harmless_and_takes_over_tables_made_before(team: Team, capsys: pytest.CaptureFixture[str]
                                                                  ) -> None:
    # Someone opened the database before there was a team set-up: the tables are theirs.
    anna = _open_review(team.admin, "Anna")
    anna.execute(AddAnnotations([anna.new_annotation(ANCHOR, comment="van voor init")]))
    anna.repo._db.close()  # type: ignore[attr-defined]
    assert team.init() == 0
    first = capsys.readouterr().out
    assert "tables given to" in first and f"schema {head_revision()} (already the newest)" in first
    grants = ("SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants "
              "WHERE grantee LIKE '%\\_" + team.suffix + "' ORDER BY 1, 2, 3")
    granted = team.sql(grants)
    assert team.init() == 0
    second = capsys.readouterr().out
    assert "roles created: none" in second and "tables given" not in second
    assert team.sql(grants) == granted
    assert (team.role("readers"), "annotations", "SELECT") in granted
    assert (team.role("readers"), "annotations", "UPDATE") not in granted
    assert (team.role("reviewers"), "alembic_version", "SELECT") in granted
    assert (team.role("reviewers"), "alembic_version", "UPDATE") not in granted
    # A table the owner makes later is granted to the groups by default.
    team.sql(f'SET ROLE "{team.role("owner")}"; CREATE TABLE later_table (x int)')
    assert (team.role("reviewers"), "later_table", "DELETE") in team.sql(grants)
    assert team.add("bert") == 0
    bert = _open_review(team.url(team.role("bert")), "Bert")
    assert [a.comment for a in bert.annotations.values()] == ["van voor init"]


@pytest.mark.postgres
def test_add_reviewer_asks_the_password_twice(team: Team, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert team.init() == 0
    answers = iter(["geheim-1", "geheim-2"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(answers))
    capsys.readouterr()
    assert main(["server", "add-reviewer", team.role("erik"), "--db", team.admin,
                 "--group", team.role("reviewers")]) == 1
    assert "the two passwords differ; nothing was changed" in capsys.readouterr().err
    assert team.sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{team.role('erik')}'") == []
    answers = iter(["geheim", "geheim"])
    assert main(["server", "add-reviewer", team.role("erik"), "--db", team.admin,
                 "--group", team.role("reviewers")]) == 0
    assert "with the password given" in capsys.readouterr().out
    stored = team.sql(f"SELECT rolpassword FROM pg_authid WHERE rolname = '{team.role('erik')}'")
    assert str(stored[0][0]).startswith("SCRAM-SHA-256$4096:")  # the server never saw the password itself
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert main(["server", "add-reviewer", team.role("fien"), "--db", team.admin, "--password-stdin",
                 "--group", team.role("reviewers")]) == 1
    assert "--no-password" in capsys.readouterr().err


def test_server_commands_refuse_an_sqlite_file_and_wrong_usage(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server", "init", "--db", str(tmp_path / "review.sqlite")]) == 1
    assert "is not a PostgreSQL server" in capsys.readouterr().err
    assert not (tmp_path / "review.sqlite").exists()
    with pytest.raises(SystemExit) as usage:
        main(["server", "add-reviewer", "bert"])
    assert usage.value.code == 2


@pytest.mark.postgres
@pytest.mark.parametrize("password", ["pencil", "pässwörd met spatie"])
def test_the_scram_secret_is_the_one_libpq_computes(password: str) -> None:
    """The secret add-reviewer sends is what libpq (psql's \\password) would send for the same salt."""
    import base64

    import psycopg

    from annotator.store.roles import scram_verifier

    if not PG_URL:
        pytest.skip("set ANNOTATOR_TEST_PG_URL to compare with libpq")
    url = make_url(PG_URL)
    with psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=url.username) as connection:
        theirs = connection.pgconn.encrypt_password(password.encode(), b"bert", b"scram-sha-256").decode()
    salt = base64.b64decode(theirs.split("$")[1].split(":")[1])
    assert scram_verifier(password, salt=salt) == theirs


def test_the_server_user_name_is_the_role_in_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGUSER", raising=False)
    assert server_user_name("postgresql+psycopg://bert:geheim@db.example/annotator") == "bert"
    assert server_user_name("postgresql+psycopg://db.example/annotator?user=anna&sslmode=verify-full") == "anna"
    monkeypatch.setenv("PGUSER", "carla")
    assert server_user_name("postgresql+psycopg://db.example/annotator") == "carla"
    assert server_user_name("sqlite:////home/anna/annotations.sqlite") == ""
