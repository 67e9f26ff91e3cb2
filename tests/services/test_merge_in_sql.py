"""A merge into an SQLite file compares and copies the colleague's annotations in SQL (their checked copy attached to
our connection); the database it leaves is exactly the one the merge that reads every row in Python leaves, on a
case that holds every kind of annotation a merge meets, and it is the one built here by hand."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from annotator.domain.model import (
    Anchor,
    Annotation,
    AnchorStatus,
    CarriedFrom,
    Judgment,
    Rect,
    TreatyRef,
    new_id,
)
from annotator.services.merge import Conflict, MergeSummary, Resolution, merge, plan_merge
from annotator.store.database import Database
from annotator.store.merge import MergeWriter
from annotator.store.repository import Repository

FINGERPRINT = hashlib.sha256(b"coalitieakkoord-2021-2025.pdf").hexdigest()
_COPY_NAMESPACE = uuid.UUID("6f1c8a52-3c1e-4d0e-9a57-4b2d1e7f0c31")  # as annotator.services.merge


def _annotation(name: str, **changes: object) -> Annotation:
    return Annotation(
        id=new_id(), document=FINGERPRINT, author="Fatima",
        anchor=Anchor(page=3, quads=(Rect(72, 100, 272, 112),), exact=f"passage {name}", prefix="voor", suffix="na"),
        references=(TreatyRef.parse("echr:3"), TreatyRef.parse("Kinderpardon-motie")),
    ).changed(**changes)


def _raw(path: Path, *statements: tuple[str, tuple[Any, ...]]) -> None:
    """Change a closed database file directly (what no window does: only references, or only the revision)."""
    connection = sqlite3.connect(path)
    try:
        for sql, parameters in statements:
            connection.execute(sql, parameters)
        connection.commit()
    finally:
        connection.close()


@pytest.fixture
def mixed(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Our file and a colleague's that began as a copy of it, and then both went their way. Returns the files and
    the ids of the annotations by what happens to them."""
    mine, theirs = tmp_path / "mine.sqlite", tmp_path / "jan.sqlite"
    ids: dict[str, str] = {}
    with Database.open(str(mine)) as db:
        repo = Repository(db)
        repo.ensure_document(FINGERPRINT, "Omzien naar elkaar", 50, ["i", "ii", "1", "2"], "coalitieakkoord.pdf")
        repo.reviewer("Fatima")
        migratie = repo.add_theme("Migratie")
        for name in ("alike", "theirs newer", "ours newer", "conflict theirs", "conflict both", "conflict ours",
                     "deleted by them", "deleted by both", "references only", "references and revision",
                     "revision only", "deleted by us"):
            ids[name] = repo.add(_annotation(name, theme_id=migratie.id, judgment=Judgment.CONCERN)).id
    shutil.copy(mine, theirs)

    with Database.open(str(theirs)) as db:
        repo = Repository(db)
        repo.reviewer("Jan")
        wonen = repo.add_theme("Wonen")  # we make a "wonen" of our own: theirs becomes ours by its title
        kinderen = repo.add_theme("Kinderen")  # new to us
        ids["new"] = repo.add(_annotation("new", author="Jan", theme_id=kinderen.id, comment="art. 37 IVRK",
                                          references=(TreatyRef.parse("crc:37"),
                                                      TreatyRef.parse("Grondwet art. 137")),
                                          sources=("Kamerbrief 2022",))).id
        ids["new in wonen"] = repo.add(_annotation("new in wonen", author="Jan", theme_id=wonen.id)).id
        tombstone = repo.add(_annotation("new tombstone", author="Jan"))
        ids["new tombstone"] = repo.delete(tombstone.id, tombstone.revision).id
        ids["new without references"] = repo.add(_annotation("bare", author="Jan", references=(), anchor=None,
                                                             status=AnchorStatus.ORPHANED)).id
        for name, change in (("theirs newer", {"comment": "Jan: zie art. 8", "theme_id": wonen.id,
                                               "references": (TreatyRef.parse("echr:8"),)}),
                             ("conflict theirs", {"comment": "Jan wint"}),
                             ("conflict both", {"comment": "Jan's versie", "judgment": Judgment.VIOLATION}),
                             ("conflict ours", {"comment": "Jan verliest"})):
            repo.save(repo.get(ids[name]).changed(**change))  # type: ignore[union-attr]
        for name in ("deleted by them", "deleted by both"):
            repo.delete(ids[name], 1)
        repo.add_carried([CarriedFrom(annotation_id=ids["new"], original_id=new_id(), old_document="a" * 64,
                                      outcome=AnchorStatus.FUZZY, old_quote="passage nieuw", old_page=2,
                                      score=0.8)])
    _raw(theirs,
         ("UPDATE annotation_refs SET ref = 'echr:14' WHERE annotation_id = ? AND position = 0",
          (ids["references only"],)),
         ("UPDATE annotation_refs SET ref = 'echr:13' WHERE annotation_id = ? AND position = 0",
          (ids["references and revision"],)),
         ("UPDATE annotations SET revision = 5 WHERE id IN (?, ?)",
          (ids["references and revision"], ids["revision only"])))

    with Database.open(str(mine)) as db:
        repo = Repository(db)
        repo.add_theme("wonen ")
        for name, change in (("ours newer", {"comment": "mijn aanvulling"}),
                             ("conflict theirs", {"comment": "ik verlies"}),
                             ("conflict both", {"comment": "mijn versie"}),
                             ("conflict ours", {"comment": "ik win"})):
            repo.save(repo.get(ids[name]).changed(**change))  # type: ignore[union-attr]
        for name in ("deleted by both", "deleted by us"):
            repo.delete(ids[name], 1)
    return mine, theirs, ids


def _choices(ids: dict[str, str]) -> dict[str, Resolution]:
    return {ids["conflict theirs"]: Resolution.THEIRS, ids["conflict both"]: Resolution.BOTH,
            ids["conflict ours"]: Resolution.OURS, ids["references only"]: Resolution.THEIRS}


def _merge(path: Path, theirs: Path, ids: dict[str, str]) -> MergeSummary:
    choices = _choices(ids)

    def resolve(conflict: Conflict) -> Resolution:
        return choices[conflict.ours.id]

    with Database.open(str(path)) as db:
        return merge(db, theirs, resolve=resolve)


def _content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted; the merge stamps' values (times, and our new identity) left out."""
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        content = {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
                   for table in tables}
        content["letter_settings"] = [(key, None if key.startswith("merge:") else value)
                                      for key, value in content["letter_settings"]]
        content["annotations in order"] = connection.execute("SELECT id FROM annotations ORDER BY rowid").fetchall()
        return content
    finally:
        connection.close()


def _row(content: dict[str, list[tuple[Any, ...]]], path: Path, id: str) -> dict[str, Any]:
    connection = sqlite3.connect(path)
    try:
        names = [row[1] for row in connection.execute("PRAGMA table_info(annotations)")]
    finally:
        connection.close()
    (row,) = [row for row in content["annotations"] if row[0] == id]
    return dict(zip(names, row))


def test_merging_in_sql_leaves_what_reading_every_row_leaves(
    mixed: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs, ids = mixed
    in_sql, in_python = mine.with_name("in-sql.sqlite"), mine.with_name("in-python.sqlite")
    shutil.copy(mine, in_sql)
    shutil.copy(mine, in_python)
    attached: list[bool] = []
    attach = MergeWriter.attach

    def watched(writer: MergeWriter, file: Path) -> bool:
        attached.append(attach(writer, file))
        return attached[-1]

    left_in_python: list[int] = []
    replace_with_theirs = MergeWriter._replace_with_theirs

    def counted(writer: MergeWriter, groups: Any, changed_refs: set[str]) -> Any:
        left = replace_with_theirs(writer, groups, changed_refs)
        left_in_python.append(sum(len(group) for group in left.values()))
        return left

    monkeypatch.setattr(MergeWriter, "attach", watched)
    monkeypatch.setattr(MergeWriter, "_replace_with_theirs", counted)
    summary = _merge(in_sql, theirs, ids)
    assert attached == [True]
    assert left_in_python == [0], "every annotation taken from them is copied from their file in SQL"
    monkeypatch.setattr(MergeWriter, "attach", lambda writer, file: False)  # the rows are read in Python
    read_summary = _merge(in_python, theirs, ids)

    assert _content(in_sql) == _content(in_python)
    assert (summary.added, summary.updated, summary.deleted, summary.unchanged, summary.copies) == (
        read_summary.added, read_summary.updated, read_summary.deleted, read_summary.unchanged,
        read_summary.copies)
    assert [(c.ours.id, c.kept) for c in summary.conflicts] == [(c.ours.id, c.kept) for c in read_summary.conflicts]
    assert summary.themes_added == read_summary.themes_added == ("Kinderen",)


def test_what_a_merge_in_sql_leaves_row_by_row(mixed: tuple[Path, Path, dict[str, str]]) -> None:
    mine, theirs, ids = mixed
    before, their_content = _content(mine), _content(theirs)
    summary = _merge(mine, theirs, ids)
    after = _content(mine)

    # Counted: three new live annotations (the tombstone comes in too), one taken because it is newer, one taken
    # in a conflict, one with other references taken for its higher revision and one in a conflict; one deletion.
    assert (summary.added, summary.updated, summary.deleted, summary.copies) == (3, 4, 1, 1)
    assert [c.ours.id for c in summary.conflicts] == [ids[name] for name in (
        "conflict theirs", "conflict both", "conflict ours", "references only")]
    # Alike, ours newer, conflict ours, deleted by both, revision only, deleted by us.
    assert summary.unchanged == 6
    assert summary.reviewers_added == 1

    themes = {title: id for id, title, _position, _deleted in after["themes"]}
    their_themes = {title: id for id, title, _position, _deleted in their_content["themes"]}
    assert set(themes) == {"Migratie", "wonen", "Kinderen"}
    assert themes["Kinderen"] == their_themes["Kinderen"] and themes["wonen"] != their_themes["Wonen"]

    def ours_before(name: str) -> dict[str, Any]:
        return _row(before, mine, ids[name])

    def theirs_(name: str) -> dict[str, Any]:
        return _row(their_content, theirs, ids[name])

    def now(name: str) -> dict[str, Any]:
        return _row(after, mine, ids[name])

    # New to us: their rows exactly, but for the theme ids, which are ours.
    for name, theme in (("new", "Kinderen"), ("new in wonen", "wonen"), ("new tombstone", None),
                        ("new without references", None)):
        assert now(name) == {**theirs_(name), "theme_id": themes.get(theme or "")}, name
    assert now("new tombstone")["deleted"] == 1
    # Taken from them: their row, with a revision above both, and our theme for theirs.
    for name in ("theirs newer", "conflict theirs", "references and revision", "references only", "deleted by them"):
        expected = {**theirs_(name), "revision": max(theirs_(name)["revision"], ours_before(name)["revision"] + 1)}
        if name == "theirs newer":
            expected["theme_id"] = themes["wonen"]
        assert now(name) == expected, name
    # Kept: our row as it was.
    for name in ("alike", "ours newer", "conflict both", "conflict ours", "deleted by both", "revision only",
                 "deleted by us"):
        assert now(name) == ours_before(name), name
    # Kept both: their version as a copy under an id derived from theirs.
    their_both = theirs_("conflict both")
    modified = datetime.fromisoformat(their_both["modified"]).isoformat()
    copy_id = str(uuid.uuid5(_COPY_NAMESPACE, f"{their_both['id']}/{their_both['revision']}/{modified}"))
    assert now("conflict both")["comment"] == "mijn versie"
    copy = _row(after, mine, copy_id)
    assert copy == {**their_both, "id": copy_id, "revision": 1}

    def refs(content: dict[str, list[tuple[Any, ...]]], id: str) -> list[tuple[Any, ...]]:
        return sorted(row[1:] for row in content["annotation_refs"] if row[0] == id)

    for name in ("new", "new in wonen", "theirs newer", "references only", "references and revision"):
        assert refs(after, ids[name]) == refs(their_content, ids[name]), name
    assert refs(after, ids["new"]) == [(0, "crc:37", 0), (1, "Grondwet art. 137", 1)]
    assert refs(after, ids["references only"])[0] == (0, "echr:14", 0)
    for name in ("alike", "ours newer", "conflict ours", "revision only"):
        assert refs(after, ids[name]) == refs(before, ids[name]), name
    assert refs(after, copy_id) == refs(their_content, ids["conflict both"])
    assert refs(after, ids["new without references"]) == []
    assert [row[0] for row in after["carried"]] == [ids["new"]]
    assert after["carried"] == their_content["carried"]

    # Every annotation of ours is still there, and every one of theirs; nothing else but the copy.
    assert {row[0] for row in after["annotations"]} == (
        {row[0] for row in before["annotations"]} | {row[0] for row in their_content["annotations"]} | {copy_id})
    # The new annotations come in their order, after ours; the copy last.
    order = [id for (id,) in after["annotations in order"]]
    their_order = [id for (id,) in their_content["annotations in order"]]
    assert order[len(before["annotations"]):] == [id for id in their_order if id not in set(ids[name] for name in (
        "alike", "theirs newer", "ours newer", "conflict theirs", "conflict both", "conflict ours",
        "deleted by them", "deleted by both", "references only", "references and revision", "revision only",
        "deleted by us"))] + [copy_id]

    # Merging again finds nothing to do, and leaves the file as it is.
    again = _merge(mine, theirs, ids)
    assert not again.changed_anything
    assert _content(mine) == after


def test_planning_in_sql_changes_nothing(mixed: tuple[Path, Path, dict[str, str]]) -> None:
    mine, theirs, ids = mixed
    before = mine.read_bytes()
    with Database.open(str(mine)) as db:
        plan = plan_merge(db, theirs)
    assert (plan.added, len(plan.conflicts)) == (3, 4)
    assert _content(mine) == _content(mine)  # the file still opens as a database
    assert hashlib.sha256(mine.read_bytes()).digest() == hashlib.sha256(before).digest()


def test_the_connection_lets_go_of_their_file(
    mixed: tuple[Path, Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a plan, a merge and a cancelled merge, our connection holds no other database and no table is left
    in its temporary schema; the private copies are gone."""
    mine, theirs, _ids = mixed
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    with Database.open(str(mine)) as db:
        plan_merge(db, theirs)
        merge(db, theirs, resolve=lambda conflict: Resolution.OURS)

        def cancel(done: int, total: int) -> None:
            if done:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            merge(db, theirs, progress=cancel)
        with db.engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            assert [row[1] for row in raw.execute("PRAGMA database_list")] in (["main"], ["main", "temp"])
            assert raw.execute("SELECT count(*) FROM temp.sqlite_master").fetchone() == (0,)
            assert raw.execute("PRAGMA trusted_schema").fetchone() == (1,)
    assert not list(private.iterdir())
