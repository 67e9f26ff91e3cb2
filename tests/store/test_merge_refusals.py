"""A colleague's database is checked before anything is read from it: crafted files are refused, quickly."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest

from annotator.domain.model import Anchor, Annotation, Rect, TreatyRef, new_id
from annotator.services.merge import merge
from annotator.store.database import Database
from annotator.store.readonly import Limits, MergeRefused, checked_copy, read_other
from annotator.store.repository import Repository
from store_support import FINGERPRINT, record_agreement


def _make(path: Path, count: int = 3) -> None:
    with Database.open(str(path)) as db:
        repo = Repository(db)
        record_agreement(repo)
        theme = repo.add_theme("Migratie")
        for index in range(count):
            repo.add(Annotation(
                id=new_id(), document=FINGERPRINT, author="Fatima", theme_id=theme.id,
                anchor=Anchor(page=index, quads=(Rect(72, 100, 272, 112),), exact=f"asielzoekers {index}"),
                references=(TreatyRef.parse("echr:3"),),
            ))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    path = tmp_path / "mine.sqlite"
    _make(path)
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "colleague.sqlite"
    _make(path)
    return path


def _craft(good: Path, *statements: str) -> Path:
    crafted = good.with_name("crafted.sqlite")
    shutil.copy(good, crafted)
    connection = sqlite3.connect(crafted)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()
    return crafted


CRAFTS: dict[str, tuple[tuple[str, ...], str]] = {
    "view instead of the annotations table": (
        ("PRAGMA foreign_keys = OFF", "ALTER TABLE annotations RENAME TO hidden",
         "CREATE VIEW annotations AS SELECT * FROM hidden"),
        "view",
    ),
    "trigger": (("CREATE TRIGGER wipe AFTER INSERT ON themes BEGIN DELETE FROM themes; END",), "trigger"),
    "text where an integer belongs": (("UPDATE annotations SET revision = 'twee'",), "column 'revision'"),
    "ten megabyte quote": (("UPDATE annotations SET exact = printf('%.*c', 10000000, 'x')",), "10,000,000 characters"),
    "unknown judgment": (("UPDATE annotations SET judgment = 'fine'",), "column 'judgment'"),
    "timestamp that is no time": (("UPDATE annotations SET modified = 'yesterday'",), "column 'modified'"),
    "malformed quads": (("UPDATE annotations SET quads = '[[1,2'",), "column 'quads'"),
    "newer schema": (("UPDATE alembic_version SET version_num = '9999_future'",), "newer version"),
    "a control character in a comment": (("UPDATE annotations SET comment = 'zorg' || char(0) || 'elijk'",),
                                         "U+0000"),
    "a bell in a theme's title": (("UPDATE themes SET title = title || char(7)",), "U+0007"),
    "an infinite quad": (("UPDATE annotations SET quads = '[[72, 100, 1e999, 112]]'",), "finite numbers"),
    "a word among a quad's numbers": (("UPDATE annotations SET quads = '[[72, 100, \"x\", 112]]'",),
                                       "column 'quads'"),
    "a quad of three numbers": (("UPDATE annotations SET quads = '[[72, 100, 112]]'",), "finite numbers"),
    "a quad inside a quad": (("UPDATE annotations SET quads = '[[[72, 100, 300, 112]]]'",), "finite numbers"),
    "a quad far off the page": (("UPDATE annotations SET quads = '[[72, 100, 3e9, 112]]'",), "finite numbers"),
    "a number among the sources": (("UPDATE annotations SET sources = '[\"kamerbrief\", 7]'",),
                                   "column 'sources'"),
    "a page label with a control character": (
        ("UPDATE documents SET page_labels = json_array('1', '2' || char(27))",), "U+001B"),
    "bytes that are no UTF-8 in a comment": (("UPDATE annotations SET comment = CAST(X'7A6F7267920A' AS TEXT)",),
                                             "not valid UTF-8"),
    "a negative page": (("UPDATE annotations SET page = -3",), "column 'page'"),
    "a reference of 5,000 nines": (("UPDATE annotation_refs SET ref = 'echr:P' || printf('%.*c', 5000, '9') || '-1'",),
                                   "column 'ref'"),
    "a million themes": (("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
                          "INSERT INTO themes (id, title, position, deleted) SELECT 'x' || i, 'Thema ' || i, i, 0 FROM n",),
                         "more than 20,000 rows"),
    "extra table": (("CREATE TABLE payload (x)",), "payload"),
    "dropped column": (("ALTER TABLE annotations DROP COLUMN sources",), "columns"),
}


@pytest.mark.parametrize("name", sorted(CRAFTS))
def test_crafted_database_is_refused_and_ours_is_left_as_it_was(name: str, ours: Path, good: Path) -> None:
    statements, expected = CRAFTS[name]
    crafted = _craft(good, *statements)
    before = _sha(ours)
    started = time.monotonic()
    with Database.open(str(ours)) as db, pytest.raises(MergeRefused) as refused:
        merge(db, crafted)
    assert time.monotonic() - started < 5
    message = str(refused.value)
    assert str(crafted) in message and expected in message
    assert _sha(ours) == before
    assert not list(ours.parent.glob("*.before-merge-*")), "no backup is made for a refused file"


@pytest.mark.parametrize("kind", ["random bytes", "pdf renamed", "empty", "missing"])
def test_files_that_are_no_database_are_refused(kind: str, tmp_path: Path, commented_pdf: Path) -> None:
    other = tmp_path / "other.sqlite"
    if kind == "random bytes":
        other.write_bytes(os.urandom(64 * 1024))
    elif kind == "pdf renamed":
        shutil.copy(commented_pdf, other)
    elif kind == "empty":
        other.write_bytes(b"")
    with pytest.raises(MergeRefused, match="cannot be merged"):
        read_other(other)


def test_damaged_pages_after_a_valid_header_are_refused(good: Path) -> None:
    data = bytearray(good.read_bytes())
    data[4096:8192] = os.urandom(4096)
    good.write_bytes(bytes(data))
    with pytest.raises(MergeRefused, match="cannot be merged"):
        read_other(good)


def test_too_many_rows_is_refused(good: Path) -> None:
    with pytest.raises(MergeRefused, match="more than 2 rows"):
        read_other(good, Limits(max_rows=2))


def test_a_file_still_open_elsewhere_is_refused(good: Path) -> None:
    with Database.open(str(good)) as db:
        Repository(db).add_theme("Wonen")  # leaves a write-ahead log beside the file while it is open
        with pytest.raises(MergeRefused, match="still open"):
            read_other(good)


def test_a_sound_file_is_read(good: Path) -> None:
    snapshot = read_other(good)
    assert len(snapshot.annotations) == 3
    assert [theme["title"] for theme in snapshot.themes] == ["Migratie"]
    assert all(refs == ((0, "echr:3", False),) for refs in snapshot.refs.values())


# What the checks of a merge in SQL (checked_copy with rows=False: whole columns at once, the rows left in the file)
# must find as reading every row finds it.
CHECKED_A_COLUMN_AT_A_TIME: dict[str, tuple[str, ...]] = {
    "half a surrogate pair in a quote": ("UPDATE annotations SET exact = CAST(x'eda080' AS TEXT) WHERE rowid = 2",),
    "bytes that are no UTF-8 in a reference": ("UPDATE annotation_refs SET ref = CAST(x'65ff' AS TEXT)",),
    "bytes that are no UTF-8 in an id": ("DELETE FROM annotation_refs",
                                         "UPDATE annotations SET id = CAST(x'41ff' AS TEXT) WHERE rowid = 3"),
    "an escaped bell in a source": ("UPDATE annotations SET sources = '[\"kamer\\u0007brief\"]' WHERE rowid = 2",),
    "a day that is not in the calendar": (
        "UPDATE annotations SET created = '2021-02-30T10:00:00.000000+00:00' WHERE rowid = 3",),
    "quads nested deeper than the parser goes": (
        f"UPDATE annotations SET quads = '{'[' * 1500}{']' * 1500}' WHERE rowid = 1",),
    "a quad of six numbers in the last row": (
        "UPDATE annotations SET quads = '[[1, 2, 3, 4], [1, 2, 3, 4, 5, 6]]' WHERE rowid = 3",),
    "a bell in the comment of the second row": ("UPDATE annotations SET comment = 'a' || char(7) WHERE rowid = 2",),
    "a tab and a line break, which are fine": ("UPDATE annotations SET comment = 'a' || char(9) || char(10) || 'b'",),
}


def _twice(good: Path) -> Path:
    """The annotations table without its key, holding one annotation twice (quick_check does not see it)."""
    crafted = good.with_name("twice.sqlite")
    shutil.copy(good, crafted)
    connection = sqlite3.connect(crafted)
    try:
        (ddl,) = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'annotations'").fetchone()
        for statement in ("PRAGMA foreign_keys = OFF", "PRAGMA legacy_alter_table = ON",
                          ddl.replace("CREATE TABLE annotations", "CREATE TABLE keyless")
                             .replace("CONSTRAINT pk_annotations PRIMARY KEY (id), ", ""),
                          "INSERT INTO keyless SELECT * FROM annotations",
                          "INSERT INTO keyless SELECT * FROM annotations WHERE rowid = 1",
                          "DROP TABLE annotations", "ALTER TABLE keyless RENAME TO annotations"):
            connection.execute(statement)
        for index in ("ix_annotations_document_page", "ix_annotations_document_deleted"):
            connection.execute(f"CREATE INDEX {index} ON annotations (document, "
                               f"{'page' if index.endswith('page') else 'deleted'})")
        connection.commit()
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()
    return crafted


def _refusal(other: Path, *, rows: bool) -> str | None:
    try:
        with checked_copy(other, rows=rows):
            return None
    except MergeRefused as refused:
        return str(refused)


@pytest.mark.parametrize("name", sorted(CRAFTS) + sorted(CHECKED_A_COLUMN_AT_A_TIME) + ["one annotation twice"])
def test_checks_for_a_merge_in_sql_refuse_as_reading_every_row_does(
    name: str, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if name == "one annotation twice":
        crafted = _twice(good)
    else:
        crafted = _craft(good, *(CRAFTS[name][0] if name in CRAFTS else CHECKED_A_COLUMN_AT_A_TIME[name]))
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    read = _refusal(crafted, rows=True)
    assert _refusal(crafted, rows=False) == read
    if name == "a tab and a line break, which are fine":
        assert read is None
    else:
        assert read is not None and str(crafted) in read
    if name in CRAFTS:
        assert CRAFTS[name][1] in (read or "")
    if name == "one annotation twice":
        assert "twice" in (read or "")
    assert not list(private.iterdir()), "the private copy is removed"


def test_a_deep_list_of_quads_is_refused_when_merging(ours: Path, good: Path) -> None:
    crafted = _craft(good, *CHECKED_A_COLUMN_AT_A_TIME["quads nested deeper than the parser goes"])
    with Database.open(str(ours)) as db, pytest.raises(MergeRefused, match="nested too deeply"):
        merge(db, crafted)
