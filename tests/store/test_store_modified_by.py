"""Every change records who made it (annotations.modified_by, migration 0002), on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from annotator.domain.model import Annotation
from annotator.services.commands import AddAnnotations, EditAnnotations
from annotator.services.review import DocumentIdentity, Review
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.store.schema import alembic_config, head_revision
from store_support import FINGERPRINT

Make = Callable[..., Annotation]
DOCUMENT = DocumentIdentity(FINGERPRINT, "Omzien naar elkaar", 50, ["1", "2", "3"], "coalitieakkoord.pdf")


def _at_revision(url: str, revision: str) -> None:
    """Create the schema of an older release, as that release would have."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()


def _rows_written_by_0001(url: str) -> None:
    """Two annotations (one with a reference) written as the first release wrote them, without modified_by."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO documents (fingerprint, title, page_count, page_labels, file_name, added) "
                "VALUES (:f, 'Omzien naar elkaar', 50, '[]', 'ca.pdf', '2021-12-15T10:00:00.000000+00:00')"),
                {"f": FINGERPRINT})
            for number in (1, 2):
                connection.execute(text(
                    "INSERT INTO annotations (id, document, author, created, modified, revision, deleted, status, "
                    "kind, page, quads, exact, prefix, suffix, judgment, comment, include_in_letter, sources) "
                    "VALUES (:id, :f, 'Fatima', '2021-12-16T09:00:00.000000+00:00', "
                    "'2021-12-16T09:30:00.000000+00:00', 3, false, 'anchored', 'text', :page, "
                    "'[[72.0,100.0,272.0,112.0]]', 'asielzoekers', 'de ', ' worden', 'concern', :comment, true, "
                    "'[]')"),
                    {"id": f"a000{number}", "f": FINGERPRINT, "page": number, "comment": f"opmerking {number}"})
            connection.execute(text("INSERT INTO annotation_refs (annotation_id, position, ref, custom) "
                                    "VALUES ('a0001', 0, 'echr:3', false)"))
    finally:
        engine.dispose()


def test_the_newest_schema_is_0004(db: Database) -> None:
    assert head_revision() == "0004"  # 0003: the carried table; 0004: carried.kept


def test_0002_upgrades_an_older_database_with_its_rows_intact(db_url: str) -> None:
    _at_revision(db_url, "0001")
    _rows_written_by_0001(db_url)
    with Database.open(db_url) as db:
        stored = Repository(db).annotations(FINGERPRINT)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
                head_revision()]
    assert [(a.id, a.comment, a.revision, a.modified_by) for a in stored] == [
        ("a0001", "opmerking 1", 3, ""), ("a0002", "opmerking 2", 3, "")]
    assert [str(ref) for ref in stored[0].references] == ["echr:3"]
    assert stored[0].author == "Fatima" and stored[0].modified.isoformat() == "2021-12-16T09:30:00+00:00"


def test_0002_on_an_sqlite_file_keeps_a_backup_of_the_0001_file(sqlite_url: str) -> None:
    _at_revision(sqlite_url, "0001")
    _rows_written_by_0001(sqlite_url)
    with Database.open(sqlite_url) as db:
        assert db.backup_path is not None
        backup = sqlite3.connect(db.backup_path)
        try:
            assert backup.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
            assert backup.execute("SELECT count(*) FROM annotations").fetchone() == (2,)
        finally:
            backup.close()


def test_a_write_records_the_reviewer_who_made_it(repo: Repository, make_annotation: Make) -> None:
    first = make_annotation()
    repo.author = "Anna"
    [stored] = repo.write([first], {})
    assert stored.modified_by == "Anna" and repo.get(first.id).modified_by == "Anna"  # type: ignore[union-attr]
    repo.author = "Bert"
    [edited] = repo.write([stored.changed(comment="ook art. 8")], repo.current([first.id]))
    assert edited.modified_by == "Bert"
    again = repo.get(first.id)
    assert again is not None and again.modified_by == "Bert" and again.author == "Fatima"


def test_a_review_signs_its_changes_with_its_reviewer(db: Database, make_annotation: Make) -> None:
    anna = Review.open(db, DOCUMENT, "Anna", ["Asiel"])
    bert = Review.open(db, DOCUMENT, "Bert", ["Asiel"])
    highlight = anna.new_annotation(make_annotation().anchor)
    anna.execute(AddAnnotations([highlight]))
    bert.refresh()
    theirs = bert.annotations[highlight.id]
    assert (theirs.author, theirs.modified_by) == ("Anna", "Anna")
    bert.execute(EditAnnotations([theirs], [theirs.changed(comment="Bert was here")]))
    stored = Repository(db).get(highlight.id)
    assert stored is not None and (stored.author, stored.modified_by, stored.comment) == (
        "Anna", "Bert", "Bert was here")
    bert.sign_as("Bert de Vries")
    bert.execute(EditAnnotations([stored], [stored.changed(comment="signed anew")]))
    assert Repository(db).get(highlight.id).modified_by == "Bert de Vries"  # type: ignore[union-attr]


def test_modified_by_is_bookkeeping_not_content() -> None:
    """Who changed it last is no change of its own: undo and the merge of colleagues' edits leave it aside."""
    from annotator.services.commands import CONTENT

    assert "modified_by" not in CONTENT
