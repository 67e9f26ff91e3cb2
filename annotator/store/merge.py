"""Writing a merge into our database: one write transaction that reads our rows and stores the merged ones.

The rules (what to take from the other side) live in annotator.services.merge; this module only knows rows:
annotation rows are dicts of column values (timestamps as aware datetimes), references tuples of
(position, ref, custom).

On SQLite the checked copy of the other database can be attached to our connection (:meth:`MergeWriter.attach`):
their annotations are then compared with ours in SQL, and those new to us copied with ``INSERT ... SELECT``, so
that only the shared annotations that differ become Python rows.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, event, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from annotator.store.database import Database
from annotator.store.errors import StoreError, translate
from annotator.store.models import (
    AnnotationRefRow,
    AnnotationRow,
    CarriedRow,
    DocumentRow,
    LetterSettingRow,
    ReviewerRow,
    ThemeRow,
)
from annotator.store.schema import copy_sqlite

__all__ = ["MergeWriter", "Refs", "Row", "TheirAnnotations", "backup_before_merge", "merge_session",
           "trial_session"]

ANNOTATIONS = cast(Table, AnnotationRow.__table__)
REFS = cast(Table, AnnotationRefRow.__table__)
THEMES = cast(Table, ThemeRow.__table__)
CARRIED = cast(Table, CarriedRow.__table__)
COLUMNS = [column.name for column in ANNOTATIONS.columns]
# Ids per IN (...) query: well under SQLite's limit on bound variables.
_CHUNK = 5000
# Annotation columns an UPDATE that sets them pays for even when the value stays: index entries rewritten, a
# foreign key looked up.
_KEYED = tuple(name for name in COLUMNS if name in (
    {column.name for index in ANNOTATIONS.indexes for column in index.columns}
    | {key.parent.name for key in ANNOTATIONS.foreign_keys}))

Row = dict[str, Any]
Refs = tuple[tuple[int, str, bool], ...]


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _fold(title: str) -> str:
    """Titles that differ only in case or spacing name the same theme (as the import and the theme list see it)."""
    return " ".join(title.split()).casefold()


@dataclass(frozen=True, slots=True)
class ThemeMapping:
    """Their theme ids to ours, and the titles of themes that were added to our database."""

    ids: dict[str, str]
    added: tuple[str, ...]


@dataclass(frozen=True)
class TheirAnnotations:
    """Their annotations (in the attached other database) against ours: how many are new to us (``new``, of which
    ``new_live`` are no tombstones), how many we hold alike (``alike``: deleted on both sides, or equal in every
    column but the revision, with the same references), and the others we hold, as (theirs, ours), in their order.
    Their rows carry their own theme ids."""

    new: int
    new_live: int
    alike: int
    differing: list[tuple[tuple[Row, Refs], tuple[Row, Refs]]]


# How their_annotations finds each of their annotations: new to us, deleted on both sides, equal to ours in every
# column but the revision (the references still to compare), or otherwise.
_NEW, _GONE, _EQUAL, _OTHER = range(4)

# The pool connection's info key for the databases a merge attached: detached when the connection goes back to the
# pool (SQLite refuses to inside the merge's transaction), and the merge's temporary tables dropped (a rollback
# drops them, a commit keeps them).
_ATTACHED = "annotator.merge.attached"
# The merge's temporary tables, each named after the attached database: their theme ids to ours, the ids of their
# annotations that are new to us, of those that differ from ours, and of those whose columns are taken from theirs
# (with the revision, which group of columns, and whether the references are taken too).
_TEMPORARY = {
    "themes": "theirs TEXT PRIMARY KEY, ours TEXT NOT NULL",
    "new": "id TEXT PRIMARY KEY",
    "differing": "id TEXT PRIMARY KEY",
    "taken": "id TEXT PRIMARY KEY, revision INTEGER NOT NULL, columns INTEGER NOT NULL, refs INTEGER NOT NULL",
}


def _detach(dbapi_connection: Any, record: Any) -> None:
    attached = record.info.pop(_ATTACHED, None)
    if not attached or dbapi_connection is None:
        return
    try:
        for name, _trusted in attached:
            for table in _TEMPORARY:
                dbapi_connection.execute(f"DROP TABLE IF EXISTS temp.{name}_{table}")
            dbapi_connection.execute(f"DETACH DATABASE {name}")
        dbapi_connection.execute(f"PRAGMA trusted_schema = {int(attached[0][1])}")
    except sqlite3.Error:
        pass  # what is left goes with the connection; a next merge attaches under a name of its own


def _grouped(rows: Iterable[Any]) -> dict[str, Refs]:
    """(annotation id, position, ref, custom) rows, in order, as references by annotation id."""
    grouped: dict[str, list[tuple[int, str, bool]]] = {}
    for annotation_id, position, ref, custom in rows:
        grouped.setdefault(annotation_id, []).append((position, ref, bool(custom)))
    return {key: tuple(value) for key, value in grouped.items()}


class MergeWriter:
    """Our side of a merge inside one write transaction; nothing is stored unless the whole block succeeds."""

    def __init__(self, session: Session, where: str) -> None:
        self._session = session
        self.where = where
        self._other: str | None = None  # the schema name of the attached other database
        # Of the attached database, for replace: their theme ids to ours, and the rows that differ from ours.
        self._their_themes: Mapping[str, str] = {}
        self._their_rows: dict[str, tuple[Row, Refs]] = {}

    # reading ours -------------------------------------------------------------------------------------------

    def annotations(self, ids: Sequence[str]) -> dict[str, tuple[Row, Refs]]:
        """Our rows (tombstones included) and references for those of ``ids`` we hold."""
        found: dict[str, tuple[Row, Refs]] = {}
        refs: dict[str, list[tuple[int, str, bool]]] = {}
        for chunk in _chunks(list(ids)):
            for values in self._rows(chunk):
                values["deleted"] = bool(values["deleted"])
                values["include_in_letter"] = bool(values["include_in_letter"])
                found[values["id"]] = (values, ())
            for annotation_id, position, ref, custom in self._refs(chunk):
                refs.setdefault(annotation_id, []).append((position, ref, bool(custom)))
        return {key: (row, tuple(refs.get(key, ()))) for key, (row, _none) in found.items()}

    def _rows(self, ids: Sequence[str]) -> Iterator[Row]:
        """Our annotation rows with these ids, as column dicts. On SQLite straight from the driver, each value
        converted by its column type's own result processor (timestamps parsed once per distinct text): what
        SQLAlchemy would do, without its per-row bookkeeping, which took a third of a large merge's time."""
        connection = self._session.connection()
        dialect = connection.dialect
        if dialect.name != "sqlite":
            for mapping in self._session.execute(select(ANNOTATIONS).where(ANNOTATIONS.c.id.in_(ids))).mappings():
                yield dict(mapping)
            return
        quote = dialect.identifier_preparer.quote
        yield from self._converted(
            f"SELECT {', '.join(quote(name) for name in COLUMNS)} FROM {quote(ANNOTATIONS.name)} "
            f"WHERE {quote('id')} IN ({', '.join('?' for _ in ids)})", tuple(ids))

    def _converted(self, sql: str, parameters: tuple[Any, ...] = ()) -> Iterator[Row]:
        """The annotation rows (all of COLUMNS, in order) an SQLite query returns, converted as :meth:`_rows` says."""
        connection = self._session.connection()
        dialect = connection.dialect
        converters: list[tuple[int, Any, dict[Any, Any]]] = []
        for position, column in enumerate(ANNOTATIONS.columns):
            process = column.type.result_processor(dialect, None)
            if process is not None:
                converters.append((position, process, {}))
        for raw in self._fetch(sql, parameters):
            row = list(raw)
            for position, process, seen in converters:
                value = row[position]
                try:
                    row[position] = seen[value]
                except KeyError:
                    row[position] = seen[value] = process(value)
                except TypeError:  # an unhashable value: convert it on its own
                    row[position] = process(value)
            yield dict(zip(COLUMNS, row))

    def _refs(self, ids: Sequence[str]) -> Sequence[Any]:
        """(annotation id, position, ref, custom) of these annotations, in order; on SQLite without compiling
        a statement of thousands of parameters each time."""
        connection = self._session.connection()
        if connection.dialect.name == "sqlite":
            return connection.exec_driver_sql(
                "SELECT annotation_id, position, ref, custom FROM annotation_refs WHERE annotation_id IN "
                f"({', '.join('?' for _ in ids)}) ORDER BY annotation_id, position", tuple(ids)).fetchall()
        query = (
            select(REFS.c.annotation_id, REFS.c.position, REFS.c.ref, REFS.c.custom)
            .where(REFS.c.annotation_id.in_(ids))
            .order_by(REFS.c.annotation_id, REFS.c.position)
        )
        return self._session.execute(query).all()

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are annotation ids in our database."""
        present: set[str] = set()
        for chunk in _chunks(list(ids)):
            present.update(self._session.scalars(select(ANNOTATIONS.c.id).where(ANNOTATIONS.c.id.in_(chunk))))
        return present

    def setting(self, key: str) -> str | None:
        """One value of the key/value settings table (merge stamps live there under ``merge:`` keys)."""
        return self._session.scalar(select(LetterSettingRow.value).where(LetterSettingRow.key == key))

    # the other database, attached (SQLite) ------------------------------------------------------------------

    def attach(self, file: Path) -> bool:
        """Attach the checked copy of the other database (``file``, a private copy nobody else writes) to our
        connection, read-only and immutable, for :meth:`their_annotations` and :meth:`copy_their_new`. False where
        that cannot be done: not on SQLite, an SQLite that reads no URI file names, or a file in another text
        encoding than ours; their rows are then to be read in Python.

        Nothing in the attached file's schema is trusted (``trusted_schema`` is off while it is attached), and its
        tables are always read whole (``NOT INDEXED``): the checks did not compare its indexes with its tables.
        """
        connection = self._session.connection()
        if connection.dialect.name != "sqlite":
            return False
        proxy = connection.connection
        raw = cast(sqlite3.Connection, proxy.dbapi_connection)
        if not raw.execute("SELECT sqlite_compileoption_used('USE_URI')").fetchone()[0]:
            return False  # "?mode=ro&immutable=1" would be taken as part of the file's name
        pool = connection.engine.pool
        if not event.contains(pool, "checkin", _detach):
            event.listen(pool, "checkin", _detach)
        name = f"other_{uuid.uuid4().hex}"
        ((trusted,),) = raw.execute("PRAGMA trusted_schema").fetchall()
        try:
            raw.execute(f"ATTACH DATABASE ? AS {name}", (f"{file.as_uri()}?mode=ro&immutable=1",))
        except sqlite3.Error:
            return False  # another text encoding; too many attached databases
        proxy.info.setdefault(_ATTACHED, []).append((name, trusted))
        raw.execute("PRAGMA trusted_schema = OFF")
        files = {row[1]: row[2] for row in raw.execute("PRAGMA database_list")}
        if not (files.get(name) and os.path.samefile(files[name], file)):
            return False
        for table, columns in _TEMPORARY.items():
            raw.execute(f"CREATE TEMP TABLE {name}_{table} ({columns})")
        self._other = name
        return True

    def _sql(self, sql: str, parameters: Any = ()) -> None:
        """Run a statement (or one for each of a list of parameter tuples) on our connection."""
        self._session.connection().exec_driver_sql(sql, parameters)

    def _fetch(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """The rows of an SQLite query on our connection, as the driver's tuples: SQLAlchemy's row objects cost
        as much as the query for the many small rows a merge reads. Driver errors become StoreErrors as
        Database.session makes them."""
        raw = cast(sqlite3.Connection, self._session.connection().connection.dbapi_connection)
        try:
            return raw.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            store_error = translate(error, self.where)
            if store_error is None:
                raise
            raise store_error from error

    def _attached(self) -> str:
        if self._other is None:
            raise RuntimeError("no other database is attached")
        return self._other

    def _their_theme(self) -> str:
        """Their annotation ``t``'s theme id in our database: read through the theme mapping (their_annotations)
        where it names a theme, kept where it is not in the mapping, NULL or empty."""
        return (f"CASE WHEN t.theme_id IS NULL OR t.theme_id = '' THEN t.theme_id ELSE coalesce("
                f"(SELECT ours FROM temp.{self._attached()}_themes WHERE theirs = t.theme_id), t.theme_id) END")

    def their_theme_ids(self) -> set[str]:
        """The theme ids their annotations name."""
        return {id for (id,) in self._fetch(f"SELECT DISTINCT theme_id FROM {self._attached()}.annotations "
                                            "NOT INDEXED WHERE theme_id != ''")}

    def their_annotations(self, theme_ids: Mapping[str, str]) -> TheirAnnotations:
        """Sort their annotations against ours, reading their theme ids through ``theme_ids`` (their id to ours);
        see TheirAnnotations. Remembers which are new to us, for :meth:`copy_their_new`, and their rows that
        differ, for :meth:`replace`."""
        other = self._attached()
        self._their_themes = theme_ids
        mapped = [(theirs, ours) for theirs, ours in theme_ids.items() if theirs != ours]
        if mapped:
            self._sql(f"INSERT INTO temp.{other}_themes VALUES (?, ?)", mapped)
        theme = self._their_theme()
        alike = " AND ".join(f'm."{name}" IS ' + (theme if name == "theme_id" else f't."{name}"')
                             for name in COLUMNS if name not in ("id", "revision"))
        new: list[tuple[str]] = []
        new_live = both_deleted = 0
        shared: list[str] = []
        equal: set[str] = set()
        # (A CASE, not a column per test: SQLite stops at the first column that differs only in a condition.)
        for id, deleted, state in self._fetch(
            f"SELECT t.id, t.deleted, CASE WHEN m.id IS NULL THEN {_NEW} WHEN m.deleted AND t.deleted THEN {_GONE} "
            f"WHEN {alike} THEN {_EQUAL} ELSE {_OTHER} END "
            f"FROM {other}.annotations AS t NOT INDEXED LEFT JOIN main.annotations AS m ON m.id = t.id "
            "ORDER BY t.rowid"
        ):
            if state == _NEW:
                new.append((id,))
                new_live += not deleted
            elif state == _GONE:
                both_deleted += 1
            else:
                shared.append(id)
                if state == _EQUAL:
                    equal.add(id)
        if new:
            self._sql(f"INSERT INTO temp.{other}_new VALUES (?)", new)
        if not shared:
            return TheirAnnotations(len(new), new_live, both_deleted, [])
        # The references of the annotations both hold (and, unasked, of those deleted on both sides).
        their_refs = _grouped(self._fetch(
            f"SELECT annotation_id, position, ref, custom FROM {other}.annotation_refs NOT INDEXED "
            "WHERE annotation_id IN (SELECT id FROM main.annotations) ORDER BY annotation_id, position"))
        our_refs = _grouped(self._fetch(
            "SELECT annotation_id, position, ref, custom FROM main.annotation_refs "
            f"WHERE annotation_id IN (SELECT id FROM {other}.annotations NOT INDEXED) "
            "ORDER BY annotation_id, position"))
        differing = [id for id in shared if id not in equal or their_refs.get(id, ()) != our_refs.get(id, ())]
        if differing:
            self._sql(f"INSERT INTO temp.{other}_differing VALUES (?)", [(id,) for id in differing])
        listed = ", ".join(f'"{name}"' for name in COLUMNS)
        theirs = {row["id"]: row for row in self._converted(
            f"SELECT {listed} FROM {other}.annotations NOT INDEXED "
            f"WHERE id IN (SELECT id FROM temp.{other}_differing)")}
        ours = {row["id"]: row for row in self._converted(
            f"SELECT {listed} FROM main.annotations WHERE id IN (SELECT id FROM temp.{other}_differing)")}
        self._their_rows = {id: (theirs[id], their_refs.get(id, ())) for id in differing}
        return TheirAnnotations(
            len(new), new_live, both_deleted + len(shared) - len(differing),
            [(self._their_rows[id], (ours[id], our_refs.get(id, ()))) for id in differing],
        )

    def their_new_documents(self) -> set[str]:
        """The documents of their annotations that are new to us (their_annotations)."""
        other = self._attached()
        return {document for (document,) in self._fetch(
            f"SELECT DISTINCT document FROM {other}.annotations NOT INDEXED "
            f"WHERE id IN (SELECT id FROM temp.{other}_new)")}

    def copy_their_new(self) -> None:
        """Add their annotations that are new to us (their_annotations) with their references, as they are in
        their file but for the theme ids, in their order."""
        other = self._attached()
        listed = ", ".join(f'"{name}"' for name in COLUMNS)
        values = ", ".join(self._their_theme() if name == "theme_id" else f't."{name}"' for name in COLUMNS)
        # Timestamps as their text: the checks found it to be the very text UtcTimestamp writes. Booleans are 0 or 1.
        self._sql(f"INSERT INTO main.annotations ({listed}) SELECT {values} FROM {other}.annotations AS t NOT INDEXED "
                  f"WHERE t.id IN (SELECT id FROM temp.{other}_new) ORDER BY t.rowid")
        # In the order of their key, which keeps writing its index quick.
        self._sql(f"INSERT INTO main.annotation_refs (annotation_id, position, ref, custom) "
                  f"SELECT r.annotation_id, r.position, r.ref, r.custom FROM {other}.annotation_refs AS r NOT INDEXED "
                  f"WHERE r.annotation_id IN (SELECT id FROM temp.{other}_new) ORDER BY r.annotation_id, r.position")

    # what annotations need first ----------------------------------------------------------------------------

    def map_themes(self, theirs: Sequence[Row], wanted: set[str]) -> ThemeMapping:
        """Match their themes to ours by id, then by title; add the live ones we lack and any deleted one in
        ``wanted`` (an annotation we take still names it)."""
        ours = list(self._session.execute(select(THEMES.c.id, THEMES.c.title, THEMES.c.deleted)))
        by_id = {row.id for row in ours}
        live_by_title = {_fold(row.title): row.id for row in ours if not row.deleted}
        next_position = int(self._session.scalar(
            select(func.count()).select_from(THEMES).where(THEMES.c.deleted.is_(False))
        ) or 0)
        ids: dict[str, str] = {}
        added: list[str] = []
        for theme in sorted(theirs, key=lambda row: (row["deleted"], row["position"], row["title"])):
            if theme["id"] in by_id:
                ids[theme["id"]] = theme["id"]
                continue
            folded = _fold(theme["title"])
            if folded in live_by_title:
                ids[theme["id"]] = live_by_title[folded]
                continue
            if theme["deleted"] and theme["id"] not in wanted:
                continue
            deleted = bool(theme["deleted"])
            self._session.execute(insert(THEMES).values(
                id=theme["id"], title=" ".join(theme["title"].split()), position=next_position, deleted=deleted
            ))
            by_id.add(theme["id"])
            ids[theme["id"]] = theme["id"]
            if not deleted:
                live_by_title[folded] = theme["id"]
                next_position += 1
                added.append(theme["title"])
        return ThemeMapping(ids, tuple(added))

    def ensure_reviewers(self, theirs: Sequence[Row]) -> int:
        """Add their reviewers that we know neither by id nor by name; returns how many were added."""
        ours = list(self._session.execute(select(ReviewerRow.id, ReviewerRow.name)))
        ids = {row.id for row in ours}
        names = {row.name for row in ours}
        fresh = [r for r in theirs if r["id"] not in ids and r["name"] not in names]
        if fresh:
            self._session.execute(insert(ReviewerRow), fresh)
        return len(fresh)

    def ensure_documents(self, theirs: Sequence[Row], needed: set[str]) -> int:
        """Record the documents that annotations we take belong to, when we have not seen them yet."""
        known = set(self._session.scalars(select(DocumentRow.fingerprint)))
        fresh = [dict(d) for d in theirs if d["fingerprint"] in needed and d["fingerprint"] not in known]
        if fresh:
            self._session.execute(insert(DocumentRow), fresh)
        return len(fresh)

    # writing ------------------------------------------------------------------------------------------------

    def _bulk(self, statement: Any, table: Table, names: Sequence[str], rows: Sequence[Row]) -> None:
        """Run ``statement`` for many rows. On SQLite the rows go straight to the driver, each value converted
        by its column type's own bind processor: what SQLAlchemy would do, without its per-row bookkeeping,
        which took most of a large merge's time."""
        connection = self._session.connection()
        dialect = connection.dialect
        if dialect.name != "sqlite":
            connection.execute(statement, list(rows))
            return
        quote = dialect.identifier_preparer.quote
        processors = [(name, table.c[name.lstrip("_")].type.bind_processor(dialect)) for name in names]
        if statement.is_insert:
            sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
                   f"VALUES ({', '.join('?' for _ in names)})")
        else:
            assignments = ", ".join(f"{quote(name)} = ?" for name in names if name != "_id")
            sql = f"UPDATE {quote(table.name)} SET {assignments} WHERE {quote('id')} = ?"
            processors = [item for item in processors if item[0] != "_id"] + [("_id", None)]
        pick = itemgetter(*(name for name, _process in processors))
        converted = [(position, process) for position, (_name, process) in enumerate(processors) if process]
        values = []
        for row in rows:
            picked = list(pick(row)) if len(processors) > 1 else [pick(row)]
            for position, process in converted:
                picked[position] = process(picked[position])
            values.append(tuple(picked))
        connection.exec_driver_sql(sql, values)

    def insert(self, rows: Sequence[tuple[Row, Refs]]) -> None:
        """Add annotations that are new to our database, exactly as given."""
        if not rows:
            return
        for chunk in _chunks(list(rows)):
            self._bulk(insert(ANNOTATIONS), ANNOTATIONS, COLUMNS, [row for row, _refs in chunk])
            self._insert_refs(chunk)

    def replace(self, rows: Sequence[tuple[Row, Refs]], held: Mapping[str, tuple[Row, Refs]] | None = None) -> None:
        """Overwrite annotations we hold with the given values, and their references. ``held`` is what we hold of
        them (as :meth:`annotations` reads it; read here when not given): the columns with an index or a foreign
        key are set only where they change, and the references only where they differ, which spares rewriting
        index entries and looking up keys to store what is there already. Rows that are their rows in the attached
        database (their_annotations) but for the revision are copied from there in SQL."""
        if not rows:
            return
        if held is None:
            held = self.annotations([row["id"] for row, _refs in rows])
        by_keys: dict[tuple[str, ...], list[tuple[Row, Refs]]] = {}
        for row, refs in rows:
            mine = held[row["id"]][0]
            by_keys.setdefault(tuple(name for name in _KEYED if row[name] != mine[name]), []).append((row, refs))
        groups = {tuple(name for name in COLUMNS if name != "id" and (name not in _KEYED or name in keys)): group
                  for keys, group in by_keys.items()}
        changed_refs = {row["id"] for row, refs in rows if refs != held[row["id"]][1]}
        if self._other is not None and sqlite3.sqlite_version_info >= (3, 33):  # UPDATE ... FROM
            groups = self._replace_with_theirs(groups, changed_refs)
        for names, group in groups.items():
            statement = (
                update(ANNOTATIONS)
                .where(ANNOTATIONS.c.id == bindparam("_id"))
                .values({name: bindparam(name) for name in names})
            )
            for chunk in _chunks(group):
                values = []
                for row, _refs in chunk:
                    item = {name: row[name] for name in names}
                    item["_id"] = row["id"]
                    values.append(item)
                self._bulk(statement, ANNOTATIONS, [*names, "_id"], values)
            changed = [(row, refs) for row, refs in group if row["id"] in changed_refs]
            for chunk in _chunks(changed):
                ids = [row["id"] for row, _refs in chunk]
                connection = self._session.connection()
                if connection.dialect.name == "sqlite":
                    connection.exec_driver_sql(
                        f"DELETE FROM annotation_refs WHERE annotation_id IN ({', '.join('?' for _ in ids)})",
                        tuple(ids))
                else:
                    self._session.execute(delete(REFS).where(REFS.c.annotation_id.in_(ids)))
                self._insert_refs(chunk)

    def _replace_with_theirs(
        self, groups: dict[tuple[str, ...], list[tuple[Row, Refs]]], changed_refs: set[str]
    ) -> dict[tuple[str, ...], list[tuple[Row, Refs]]]:
        """Replace the rows of ``groups`` (by the columns to set) that are their rows in the attached database,
        with their references, but for the revision (and their theme id read as ours): columns and references are
        copied from their file with UPDATE ... FROM and INSERT ... SELECT, without converting a value in Python.
        Returns the groups of the other rows."""
        other = self._attached()
        taken: list[tuple[str, int, int, bool]] = []
        left: dict[tuple[str, ...], list[tuple[Row, Refs]]] = {}
        for index, (names, group) in enumerate(groups.items()):
            for row, refs in group:
                found = self._their_rows.get(row["id"])
                if found is not None and refs == found[1] and row == {
                    **found[0], "revision": row["revision"], "theme_id": self._their_theme_id(found[0]["theme_id"])
                }:
                    taken.append((row["id"], row["revision"], index, row["id"] in changed_refs))
                else:
                    left.setdefault(names, []).append((row, refs))
        if not taken:
            return left
        self._sql(f"INSERT INTO temp.{other}_taken VALUES (?, ?, ?, ?)", taken)
        for index, names in enumerate(groups):
            values = ", ".join(
                f'"{name}" = ' + ("k.revision" if name == "revision" else self._their_theme() if name == "theme_id"
                                  else f't."{name}"') for name in names)
            # Their table is scanned once (never looked up by an index of theirs); ours and the list by key.
            self._sql(f"UPDATE main.annotations AS m SET {values} FROM {other}.annotations AS t NOT INDEXED "
                      f"CROSS JOIN temp.{other}_taken AS k WHERE k.id = t.id AND k.columns = ? AND m.id = t.id",
                      (index,))
        self._sql(f"DELETE FROM main.annotation_refs WHERE annotation_id IN "
                  f"(SELECT id FROM temp.{other}_taken WHERE refs)")
        self._sql(f"INSERT INTO main.annotation_refs (annotation_id, position, ref, custom) "
                  f"SELECT r.annotation_id, r.position, r.ref, r.custom FROM {other}.annotation_refs AS r NOT INDEXED "
                  f"WHERE r.annotation_id IN (SELECT id FROM temp.{other}_taken WHERE refs) "
                  "ORDER BY r.annotation_id, r.position")
        return left

    def _their_theme_id(self, theme_id: str | None) -> str | None:
        """Their theme id as ours, as _their_theme reads it in SQL."""
        return self._their_themes.get(theme_id, theme_id) if theme_id else theme_id

    def _insert_refs(self, rows: Iterable[tuple[Row, Refs]]) -> None:
        refs = [
            (row["id"], position, ref, bool(custom))
            for row, row_refs in rows
            for position, ref, custom in row_refs
        ]
        if not refs:
            return
        refs.sort(key=itemgetter(0, 1))  # in the order of their key, which keeps writing its index quick
        connection = self._session.connection()
        if connection.dialect.name == "sqlite":  # integers, texts and a 0/1 flag: nothing to convert
            connection.exec_driver_sql(
                "INSERT INTO annotation_refs (annotation_id, position, ref, custom) VALUES (?, ?, ?, ?)",
                [(id, position, ref, int(custom)) for id, position, ref, custom in refs])
        else:
            connection.execute(insert(REFS), [
                {"annotation_id": id, "position": position, "ref": ref, "custom": custom}
                for id, position, ref, custom in refs])

    def add_carried(self, theirs: Mapping[str, Row]) -> int:
        """Record how their carried-over annotations came to the new version (the carried table's rows, by
        annotation id), for those annotations that our database now holds and that it has no record of; a record
        travels with its annotation and is never changed afterwards. Returns how many were added."""
        if not theirs:
            return 0
        ids = list(theirs)
        present = self.existing_ids(ids)
        known: set[str] = set()
        for chunk in _chunks(ids):
            known.update(self._session.scalars(select(CARRIED.c.annotation_id)
                                               .where(CARRIED.c.annotation_id.in_(chunk))))
        names = [column.name for column in CARRIED.columns]
        fresh = [{name: theirs[id][name] for name in names} for id in ids if id in present and id not in known]
        for chunk in _chunks(fresh):
            self._session.execute(insert(CARRIED), list(chunk))
        return len(fresh)

    def set_setting(self, key: str, value: str) -> None:
        """Store one key/value setting (merge stamps)."""
        dialect = postgresql if self._session.get_bind().dialect.name == "postgresql" else sqlite
        statement = dialect.insert(LetterSettingRow).values(key=key, value=value)
        self._session.execute(
            statement.on_conflict_do_update(index_elements=["key"], set_={"value": statement.excluded.value})
        )


@contextmanager
def merge_session(db: Database) -> Iterator[MergeWriter]:
    """A MergeWriter in one write transaction: committed when the block ends, rolled back if it raises."""
    with db.session() as session:
        yield MergeWriter(session, db.where)


@contextmanager
def trial_session(db: Database) -> Iterator[MergeWriter]:
    """A MergeWriter whose writes are all rolled back when the block ends: what a merge would do, on SQLite and
    PostgreSQL alike, leaving the database as it was. It holds the write lock while it runs, as a merge does."""
    with db.session() as session:
        try:
            yield MergeWriter(session, db.where)
        finally:
            session.rollback()


def backup_before_merge(db: Database, now: datetime) -> Path | None:
    """Copy our SQLite file (committed WAL content included) to ``<name>.before-merge-<time>.sqlite`` beside it.

    Returns None for a database that is not a file (PostgreSQL, in memory): the server's own backups apply there.
    """
    if db.path is None:
        return None
    stamp = now.strftime("%Y%m%d-%H%M%S")
    try:
        return copy_sqlite(db.path, db.path.parent, f"{db.path.stem}.before-merge-{stamp}", 5.0)
    except sqlite3.Error as error:
        store_error = translate(error, str(db.path))
        raise StoreError(
            f"Nothing was merged into {db.where} because its backup failed: {store_error or error}"
        ) from error
