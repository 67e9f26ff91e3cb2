"""Reading a colleague's annotation database without trusting it: opened read-only, checked, then read as rows.

Nothing in the other file runs: it is opened with ``immutable=1`` and ``query_only``, ``trusted_schema`` is off,
and the schema is compared with ours before any row is read, so a view or a trigger put in place of a table is
refused instead of queried. Every check runs under a deadline (an SQLite progress handler interrupts a query that
takes too long), so a crafted file is refused within seconds. What is checked is a private copy of the file, made
from the descriptor that was found to be a regular file: what is read or merged afterwards is what was checked,
whatever happens to the colleague's file meanwhile.
"""

from __future__ import annotations

import json
import json.scanner
import os
import sqlite3
import stat
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Float, Integer, String, Table
from sqlalchemy.dialects import sqlite as sqlite_dialect

from annotator.domain.model import MAX_REFERENCE_LENGTH, AnchorStatus, AnnotationKind, Judgment
from annotator.domain.text import TextError, check_text, storable
from annotator.store import schema
from annotator.store.errors import StoreError
from annotator.store.mapping import candidates_from
from annotator.store.models import Base, UtcTimestamp

__all__ = ["Limits", "MergeRefused", "Snapshot", "checked_copy", "read_annotations", "read_other"]

# The exact text UtcTimestamp writes: YYYY-MM-DDTHH:MM:SS.ffffff+00:00.
_TIMESTAMP_GLOB = (
    "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]+00:00"
)
# Columns holding JSON, and the longer texts they may reach (many quads, many page labels).
_JSON_COLUMNS = {("annotations", "quads"), ("annotations", "sources"), ("documents", "page_labels"),
                 ("carried", "candidates")}
# What the mapping reads from JSON columns, checked in SQL where SQL is quick at it (SQLite's JSON is RFC 8259: no
# NaN or Infinity): quads hold only numbers and brackets (their nesting and bounds are checked as they are read,
# _check_json_shapes), sources and page labels are lists of texts.
_SHAPES = {
    ("annotations", "quads"): "json_type({column}) = 'array' AND {column} NOT GLOB '*[^][0-9.eE+, -]*'",
    ("annotations", "sources"): (
        "json_type({column}) = 'array' AND NOT EXISTS (SELECT 1 FROM json_each({column}) WHERE type != 'text')"
    ),
    ("documents", "page_labels"): (
        "json_type({column}) = 'array' AND NOT EXISTS (SELECT 1 FROM json_each({column}) WHERE type != 'text')"
    ),
    # Candidate places: a list of objects (their fields are checked as they are read, mapping.candidates_from).
    ("carried", "candidates"): (
        "json_type({column}) = 'array' AND NOT EXISTS (SELECT 1 FROM json_each({column}) WHERE type != 'object')"
    ),
}
_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("annotations", "status"): tuple(status.value for status in AnchorStatus),
    ("annotations", "kind"): tuple(kind.value for kind in AnnotationKind),
    ("annotations", "judgment"): tuple(judgment.value for judgment in Judgment),
    ("carried", "outcome"): tuple(status.value for status in AnchorStatus),
}
_INTERNAL_TABLES = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}


class MergeRefused(StoreError):
    """Another database cannot be merged: it is not ours, it is newer, or its contents are not what they claim."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Sizes beyond which another database is refused rather than read (a reviewer never gets near them)."""

    max_rows: int = 5_000_000
    # Themes are the letter's headings and reviewers the people of a team: a few dozen; tens of thousands is no
    # review (an import of ten thousand new themes is the most a file may bring).
    max_themes: int = 20_000
    max_reviewers: int = 20_000
    max_text: int = 100_000
    max_short_text: int = 1_000
    max_json: int = 2_000_000
    max_file_bytes: int = 4 << 30
    seconds: float = 20.0


@dataclass
class Snapshot:
    """The rows of another database, as column dicts; timestamps already parsed into aware datetimes.

    From :func:`checked_copy` with ``rows=False``, ``annotations`` and ``refs`` are empty: the rows, checked, stay
    in ``file`` (the private copy of the other database that was checked) for as long as the ``with`` block runs.
    ``count`` is the number of annotations either way.
    """

    path: Path
    annotations: dict[str, dict[str, Any]]
    refs: dict[str, tuple[tuple[int, str, bool], ...]]
    themes: list[dict[str, Any]]
    reviewers: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    settings: dict[str, str] = field(default_factory=dict)
    carried: dict[str, dict[str, Any]] = field(default_factory=dict)  # by annotation id, as column dicts
    file: Path | None = None
    count: int = 0

    @property
    def rows_in_file(self) -> bool:
        """Whether the annotations and references were left in ``file`` rather than read."""
        return self.file is not None and len(self.annotations) < self.count


def _tables() -> dict[str, Table]:
    return {table.name: table for table in Base.metadata.sorted_tables}


def _declared(table: Table) -> list[tuple[str, str]]:
    """Our columns and their declared types as SQLite records them for a table made by our migrations."""
    dialect = sqlite_dialect.dialect()
    return [(column.name, column.type.compile(dialect=dialect).upper()) for column in table.columns]


class _Checker:
    """One read-only connection to the other file (``file``, its private copy), with a deadline on every
    statement; refusals name ``path``, the file the reviewer chose."""

    def __init__(self, path: Path, limits: Limits, file: Path | None = None) -> None:
        self.path = path
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        opened = file or path
        self.connection = sqlite3.connect(f"{opened.as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)
        self.connection.set_progress_handler(self._interrupt, 10_000)
        for pragma in ("trusted_schema = OFF", "query_only = ON", "cell_size_check = ON", "foreign_keys = OFF"):
            self.connection.execute(f"PRAGMA {pragma}")

    def _interrupt(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0

    def refuse(self, problem: str) -> MergeRefused:
        return MergeRefused(f"{self.path} cannot be merged: {problem}. Nothing was changed.")

    def rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.connection.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError as error:
            if "interrupted" in str(error):
                raise self.refuse(f"checking it took longer than {self.limits.seconds:.0f} seconds") from error
            if "decode to UTF-8" in str(error):
                raise self.refuse(f"it is damaged: it holds text that is not valid UTF-8 ({error})") from error
            raise self.refuse(f"reading it failed ({error})") from error
        except sqlite3.DatabaseError as error:
            raise self.refuse(f"it is damaged or not an SQLite database ({error})") from error
        except UnicodeDecodeError as error:  # text SQLite holds as UTF-8 that is none: damaged bytes
            raise self.refuse(f"it is damaged: it holds text that is not valid UTF-8 ({error.reason} at byte "
                              f"{error.start})") from error

    def close(self) -> None:
        self.connection.close()


def read_other(path: Path, limits: Limits = Limits()) -> Snapshot:
    """Check the database file at ``path`` and read it; raises MergeRefused, naming the file and the problem."""
    with checked_copy(path, limits) as snapshot:
        return replace(snapshot, file=None)


@contextmanager
def checked_copy(path: Path, limits: Limits = Limits(), *, rows: bool = True) -> Iterator[Snapshot]:
    """Copy the database file at ``path`` into a private folder, check the copy and read it: the checks and
    whatever reads the rows afterwards see the same bytes, whatever happens to the file meanwhile. Yields the
    Snapshot, whose ``file`` (the copy) is removed when the block ends.

    With ``rows=False`` every annotation and reference is checked as it would be read (:func:`_check_annotations`),
    but left in the copy, for a merge that compares and copies them in SQL; :func:`read_annotations` reads them.
    Raises MergeRefused, naming the file and the problem.
    """
    path = Path(path).expanduser().resolve()
    with tempfile.TemporaryDirectory(prefix="annotator-merge-", ignore_cleanup_errors=True) as folder:
        copy = Path(folder) / "other.sqlite"
        _check_file(path, limits, copy)
        checker = _open_checker(path, limits, copy)
        try:
            _check_integrity(checker)
            _check_schema(checker)
            _check_revision(checker)
            _check_values(checker)
            snapshot = _read(checker, annotations=rows)
        finally:
            checker.close()
        snapshot.file = copy
        yield snapshot


def read_annotations(snapshot: Snapshot, limits: Limits = Limits()) -> Snapshot:
    """``snapshot`` (from :func:`checked_copy` with ``rows=False``, inside its block) with its annotations and
    references read from its file."""
    if snapshot.file is None:
        raise ValueError("the snapshot has no file to read its annotations from")
    checker = _open_checker(snapshot.path, limits, snapshot.file)
    try:
        annotations, refs = _read_annotations(checker)
    finally:
        checker.close()
    return replace(snapshot, annotations=annotations, refs=refs, count=len(annotations))


def _open_checker(path: Path, limits: Limits, file: Path) -> _Checker:
    try:
        return _Checker(path, limits, file)
    except sqlite3.Error as error:
        raise MergeRefused(f"{path} cannot be merged: it cannot be opened ({error}). Nothing was changed.") from error


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, for the refusal; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _check_file(path: Path, limits: Limits, copy: Path) -> None:
    """A regular SQLite file of a sensible size that no program holds open for writing, copied to ``copy`` from the
    descriptor that was checked."""
    try:
        kind = _kind(os.stat(path).st_mode)
        if kind is not None:
            raise MergeRefused(f"{path} cannot be merged: it is {kind}, not an annotation database file.")
        # Opened without blocking and checked again on the open file: a pipe put in its place meanwhile would
        # otherwise wait for a writer forever.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            kind = _kind(status.st_mode)
            if kind is not None:
                raise MergeRefused(f"{path} cannot be merged: it is {kind}, not an annotation database file.")
            size = status.st_size
            header = handle.read(len(schema.SQLITE_HEADER))
            if header != schema.SQLITE_HEADER:
                raise MergeRefused(
                    f"{path} cannot be merged: it is not an annotation database (not an SQLite file).")
            if size > limits.max_file_bytes:
                raise MergeRefused(f"{path} cannot be merged: at {size:,} bytes it is far larger than any review.")
            wal = path.with_name(path.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                # Read as immutable, the file would miss the changes still in its write-ahead log.
                raise MergeRefused(
                    f"{path} cannot be merged: it is still open in another annotator (it has a {wal.name} file); "
                    "close it there first, or merge a copy made with the program closed."
                )
            handle.seek(0)
            _copy(path, handle, copy, limits)
    except FileNotFoundError as error:
        raise MergeRefused(f"{path} cannot be merged: there is no such file.") from error
    except OSError as error:
        raise MergeRefused(f"{path} cannot be merged: it cannot be read ({error.strerror}).") from error


def _copy(path: Path, source: Any, copy: Path, limits: Limits) -> None:
    """Copy the open file ``source`` to ``copy``; a file that grows past the size limit meanwhile is refused.
    Errors reading ``source`` are left to the caller; errors writing the copy are refusals of their own."""
    def refused(error: OSError) -> MergeRefused:
        return MergeRefused(f"{path} cannot be merged: it cannot be copied to be checked "
                            f"({error.strerror}, in {copy.parent}). Nothing was changed.")

    try:
        target = open(copy, "xb")
    except OSError as error:
        raise refused(error) from error
    try:
        copied = 0
        while chunk := source.read(1 << 20):
            copied += len(chunk)
            if copied > limits.max_file_bytes:
                raise MergeRefused(f"{path} cannot be merged: at over {limits.max_file_bytes:,} bytes it is far "
                                   "larger than any review.")
            try:
                target.write(chunk)
            except OSError as error:
                raise refused(error) from error
    finally:
        try:
            target.close()
        except OSError as error:
            raise refused(error) from error


def _check_integrity(checker: _Checker) -> None:
    problems = [row[0] for row in checker.rows("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise checker.refuse(f"it is damaged ({'; '.join(map(str, problems))})")


def _check_schema(checker: _Checker) -> None:
    """Exactly our tables, as real tables, with our columns and types; our indexes only; no views or triggers."""
    ours = _tables()
    expected_tables = set(ours) | {schema.VERSION_TABLE}
    expected_indexes: set[str | None] = {index.name for table in ours.values() for index in table.indexes}
    expected_indexes |= {"uq_reviewers_name"}
    seen: set[str] = set()
    entries = checker.rows("SELECT type, name, tbl_name FROM sqlite_master")
    # Views and triggers first: they are the way a crafted file would run or disguise something.
    for kind, name, _table in entries:
        if kind in ("view", "trigger"):
            raise checker.refuse(f"it contains a {kind} {name!r}, which an annotation database never has")
    for kind, name, table_name in entries:
        if kind == "table":
            if name in _INTERNAL_TABLES:
                continue
            if name not in expected_tables:
                raise checker.refuse(f"it has a table {name!r} that an annotation database does not have")
            seen.add(name)
        elif kind == "index":
            if not (name in expected_indexes or str(name).startswith("sqlite_autoindex_")):
                raise checker.refuse(f"it has an index {name!r} on {table_name!r} that our schema does not have")
        else:
            raise checker.refuse(f"it has a schema entry of kind {kind!r} ({name!r})")
    missing = sorted(expected_tables - seen)
    if missing:
        raise checker.refuse(f"the table {missing[0]!r} is missing, so it is not an annotation database")
    for name, table in ours.items():
        found = [(row[1], str(row[2]).upper()) for row in checker.rows(f'PRAGMA table_info("{name}")')]
        if found != _declared(table):
            raise checker.refuse(f"the columns of its table {name!r} are not those of our schema ({found})")


def _check_revision(checker: _Checker) -> None:
    revisions = [row[0] for row in checker.rows(f"SELECT version_num FROM {schema.VERSION_TABLE} LIMIT 3")]
    head = schema.head_revision()
    if revisions == [head]:
        return
    known = {script.revision for script in schema.script_directory().walk_revisions()}
    if len(revisions) != 1 or not isinstance(revisions[0], str):
        raise checker.refuse(f"its schema version is unclear ({revisions!r})")
    if revisions[0] not in known:
        raise checker.refuse(
            f"it was written by a newer version of the annotator (schema {revisions[0]}); update the annotator"
        )
    raise checker.refuse(f"it has an older schema ({revisions[0]}); open it once in the annotator to upgrade it")


def _column_problem(table: Table, column: Any, limits: Limits) -> str:
    """An SQL condition that is true for a row whose value in ``column`` is not what our model allows."""
    quoted = f'"{column.name}"'
    allowed_null = " OR " + quoted + " IS NULL" if column.nullable else ""
    key = (table.name, column.name)
    if isinstance(column.type, Boolean):
        ok = f"(typeof({quoted}) = 'integer' AND {quoted} IN (0, 1))"
    elif isinstance(column.type, Integer):
        # Pages, offsets, positions, counts and revisions: none is below zero (or below one, for a revision).
        lowest = 1 if column.name == "revision" else 0
        ok = f"(typeof({quoted}) = 'integer' AND {quoted} >= {lowest} AND {quoted} < 1000000000)"
    elif isinstance(column.type, Float):  # a score: from 0 to 1
        ok = f"(typeof({quoted}) IN ('real', 'integer') AND {quoted} >= 0 AND {quoted} <= 1)"
    elif isinstance(column.type, UtcTimestamp):
        ok = f"(typeof({quoted}) = 'text' AND {quoted} GLOB '{_TIMESTAMP_GLOB}')"
    else:
        if key in _JSON_COLUMNS:
            longest = limits.max_json
        elif key == ("annotation_refs", "ref"):
            longest = MAX_REFERENCE_LENGTH  # as a reference read from a file may be (TreatyRef.checked)
        elif isinstance(column.type, String) and column.type.length:
            longest = limits.max_short_text
        else:
            longest = limits.max_text
        if key in _ENUMS:  # one of a few short words, which says its type and its size too
            listed = ", ".join(f"'{value}'" for value in _ENUMS[key])
            ok = f"(typeof({quoted}) = 'text' AND {quoted} IN ({listed}))"
        else:
            ok = f"(typeof({quoted}) = 'text' AND length({quoted}) <= {longest})"
        if key in _JSON_COLUMNS:
            ok = f"({ok} AND json_valid({quoted}))"
        if key in _SHAPES:
            # Every shape is a list, and the empty list (no sources, no labels: most rows) passes at a glance.
            ok = f"({quoted} = '[]' OR ({ok} AND {_SHAPES[key].format(column=quoted)}))"
    return f"NOT ({ok}{allowed_null})"


def _check_values(checker: _Checker) -> None:
    """Row counts, then every column of every row against its type, size and allowed values, in SQL."""
    limits = checker.limits
    for name, table in _tables().items():
        most = {"themes": limits.max_themes, "reviewers": limits.max_reviewers}.get(name, limits.max_rows)
        (count,) = checker.rows(f'SELECT count(*) FROM (SELECT 1 FROM "{name}" LIMIT {most + 1})')[0]
        if count > most:
            raise checker.refuse(f"its table {name!r} has more than {most:,} rows")
        # One pass over the table for all its columns; the first column found wrong is named.
        columns = list(table.columns)
        problems = [_column_problem(table, column, limits) for column in columns]
        which = " ".join(f"WHEN {problem} THEN {index}" for index, problem in enumerate(problems))
        bad_row = checker.rows(
            f'SELECT rowid, CASE {which} END FROM "{name}" WHERE {" OR ".join(problems)} LIMIT 1'
        )
        if bad_row:
            rowid, index = bad_row[0]
            column = columns[index]
            bad = checker.rows(f'SELECT rowid, "{column.name}" FROM "{name}" WHERE rowid = ?', (rowid,))
            if bad:
                value = bad[0][1]
                shown = f"{len(value):,} characters" if isinstance(value, str) and len(value) > 80 else repr(value)
                raise checker.refuse(
                    f"its table {name!r} holds a value our schema does not allow in column {column.name!r} "
                    f"(row {bad[0][0]}: {shown})"
                )
    dangling = checker.rows(
        "SELECT id FROM annotations WHERE document NOT IN (SELECT fingerprint FROM documents) "
        "OR (theme_id IS NOT NULL AND theme_id NOT IN (SELECT id FROM themes)) LIMIT 1"
    )
    if dangling:
        raise checker.refuse(f"the annotation {dangling[0][0]} points to a document or theme it does not hold")
    orphans = checker.rows("SELECT annotation_id FROM annotation_refs "
                           "WHERE annotation_id NOT IN (SELECT id FROM annotations) LIMIT 1")
    if orphans:
        raise checker.refuse(f"it has treaty references of an annotation it does not hold ({orphans[0][0]})")
    strays = checker.rows("SELECT annotation_id FROM carried WHERE annotation_id NOT IN (SELECT id FROM annotations) "
                          "LIMIT 1")
    if strays:
        raise checker.refuse(f"it records the carrying over of an annotation it does not hold ({strays[0][0]})")
    # From the table itself, not from the index of its key (quick_check does not compare the two).
    twice = checker.rows("SELECT id FROM annotations NOT INDEXED GROUP BY id HAVING count(*) > 1 LIMIT 1")
    if twice:
        raise checker.refuse(f"it is damaged (it holds the annotation {twice[0][0]} twice)")


def _timestamp(value: str, checker: _Checker) -> datetime:
    try:
        return datetime.fromisoformat(value).astimezone(timezone.utc)
    except ValueError as error:
        raise checker.refuse(f"it holds a time that is no valid date ({value!r})") from error


def _read(checker: _Checker, *, annotations: bool = True) -> Snapshot:
    """Every row, with timestamps parsed (which checks their dates too) and the JSON columns parsed once; with
    ``annotations=False`` the annotations and their references only checked, and counted."""
    tables = _tables()
    if annotations:
        rows, refs = _read_annotations(checker)
        count = len(rows)
    else:
        rows, refs = {}, {}
        count = _check_annotations(checker)
    themes = [
        {"id": id, "title": title, "position": position, "deleted": bool(deleted)}
        for id, title, position, deleted in checker.rows("SELECT id, title, position, deleted FROM themes")
    ]
    for theme in themes:
        _check_text(theme["title"], f"the theme {theme['id']}", checker)
    reviewers = [{"id": id, "name": name} for id, name in checker.rows("SELECT id, name FROM reviewers")]
    for reviewer in reviewers:
        _check_text(reviewer["name"], f"the reviewer {reviewer['id']}", checker)
    documents = []
    for row in checker.rows(
        "SELECT fingerprint, title, page_count, page_labels, file_name, supersedes, added FROM documents"
    ):
        fingerprint, title, page_count, labels, file_name, supersedes, added = row
        documents.append({
            "fingerprint": fingerprint, "title": title, "page_count": page_count, "page_labels": labels,
            "file_name": file_name, "supersedes": supersedes, "added": _timestamp(added, checker),
        })
    carried = _read_carried(checker, tables["carried"])
    settings = {key: value for key, value in checker.rows("SELECT key, value FROM letter_settings")}
    for key, value in settings.items():
        _check_text(value, f"the letter setting {key!r}", checker)
    for document in documents:
        _check_text(document["title"], f"the document {document['fingerprint']}", checker)
        for label in json.loads(document["page_labels"]):  # a list of texts (_SHAPES)
            _check_text(label, f"the document {document['fingerprint']} (a page label)", checker)
    return Snapshot(
        path=checker.path,
        annotations=rows,
        refs=refs,
        themes=themes,
        reviewers=reviewers,
        documents=documents,
        settings=settings,
        carried=carried,
        count=count,
    )


def _read_annotations(
    checker: _Checker,
) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[tuple[int, str, bool], ...]]]:
    """Every annotation (as a column dict, by id) and its references (by annotation id), each row checked."""
    annotations: dict[str, dict[str, Any]] = {}
    names = [column.name for column in _tables()["annotations"].columns]
    selected = ", ".join(f'"{name}"' for name in names)
    parsed_times: dict[str, datetime] = {}
    for row in checker.rows(f"SELECT {selected} FROM annotations"):
        values = dict(zip(names, row))
        for key in ("created", "modified"):
            text = values[key]
            moment = parsed_times.get(text)
            if moment is None:
                moment = parsed_times[text] = _timestamp(text, checker)
            values[key] = moment
        values["deleted"] = bool(values["deleted"])
        values["include_in_letter"] = bool(values["include_in_letter"])
        sources = _check_json_shapes(values, checker)
        if not storable(*(values[key] for key in _ANNOTATION_TEXTS), *sources):  # texts all (_check_values)
            for key in _ANNOTATION_TEXTS:  # one scan for all of them; one by one only to say which
                _check_text(values[key], f"the annotation {values['id']} ({key})", checker)
            for source in sources:
                _check_text(source, f"the annotation {values['id']} (a source)", checker)
        annotations[values["id"]] = values
    refs: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)
    for annotation_id, position, ref, custom in checker.rows(
        "SELECT annotation_id, position, ref, custom FROM annotation_refs ORDER BY annotation_id, position"
    ):
        refs[annotation_id].append((position, ref, bool(custom)))
    return annotations, {key: tuple(value) for key, value in refs.items()}


def _check_annotations(checker: _Checker) -> int:
    """What :func:`_read_annotations` checks of every annotation and reference, checked a column at a time (the
    distinct times parsed, each JSON column parsed as one list of all its values, the texts scanned as one and
    every text decoded, as reading the rows would) without a Python object per value; returns how many annotations
    there are. When a check fails, the rows are read one by one, which refuses the file naming the first problem
    exactly as reading it does."""
    if not _annotations_sound(checker):
        _read_annotations(checker)  # raises MergeRefused; if it does not, the rows are sound after all
    ((count,),) = checker.rows("SELECT count(*) FROM annotations NOT INDEXED")
    return int(count)


def _annotations_sound(checker: _Checker) -> bool:
    """Whether every annotation row and reference passes the checks of :func:`_read_annotations`; False also when
    reading fails in any way (a text that is no UTF-8, the deadline), which reading the rows then reports."""
    columns = _tables()["annotations"].columns
    # Every text but the times, the JSON (read below) and the few words of _ENUMS (equal to ours byte for byte).
    texts = [column.name for column in columns if isinstance(column.type, String)
             and not isinstance(column.type, UtcTimestamp) and column.name not in ("quads", "sources")
             and ("annotations", column.name) not in _ENUMS]
    scanned = [texts.index(key) for key in _ANNOTATION_TEXTS]
    execute = checker.connection.execute
    try:
        # NOT INDEXED: the values come from the table, where reading the rows takes them from.
        times = execute("SELECT created FROM annotations NOT INDEXED UNION "
                        "SELECT modified FROM annotations NOT INDEXED").fetchall()
        ((quads, sources),) = execute(
            "SELECT (SELECT '[' || group_concat(quads) || ']' FROM annotations NOT INDEXED WHERE quads IS NOT NULL), "
            "(SELECT '[' || group_concat(sources) || ']' FROM annotations NOT INDEXED WHERE sources != '[]')"
        ).fetchall()
        (joined,) = execute("SELECT " + ", ".join(f'group_concat("{name}", char(10))' for name in texts)
                            + " FROM annotations NOT INDEXED").fetchall()
        execute("SELECT group_concat(annotation_id, char(10)), group_concat(ref, char(10)) "
                "FROM annotation_refs NOT INDEXED").fetchall()  # decoded, as reading them would
    except sqlite3.Error:
        return False
    try:
        for (text,) in times:
            datetime.fromisoformat(text).astimezone(timezone.utc)  # as _timestamp
        # Each row's quads are a list (_SHAPES) whose items are its quads, checked as _check_json_shapes does.
        every_quad = list(chain.from_iterable(_json_value(quads))) if quads is not None else []
        if not (all([len(quad) in (4, 5) for quad in every_quad])
                and (not every_quad or max(map(abs, chain.from_iterable(every_quad))) <= 1_000_000)):
            return False
        every_source = list(chain.from_iterable(_json_value(sources))) if sources is not None else []
    except (ValueError, TypeError, OverflowError):
        return False
    return storable(*(joined[index] or "" for index in scanned), *every_source)


def _read_carried(checker: _Checker, table: Table) -> dict[str, dict[str, Any]]:
    """The carried table's rows (types, sizes and outcomes checked in SQL), their candidates parsed and checked
    (mapping.candidates_from), and their texts checked."""
    names = [column.name for column in table.columns]
    carried: dict[str, dict[str, Any]] = {}
    for row in checker.rows(f"SELECT {', '.join(names)} FROM carried"):
        values = dict(zip(names, row))
        what = f"the carrying over of the annotation {values['annotation_id']}"
        try:
            candidates = candidates_from(_json_value(values["candidates"]))
        except ValueError as error:
            raise checker.refuse(f"{what} holds malformed data ({error})") from error
        _check_text(values["old_quote"], what, checker)
        for candidate in candidates:
            for text in (candidate.anchor.exact, candidate.anchor.prefix, candidate.anchor.suffix):
                _check_text(text, f"{what} (a candidate)", checker)
        values["score"] = float(values["score"])
        carried[values["annotation_id"]] = values
    return carried


_ANNOTATION_TEXTS = ("comment", "exact", "prefix", "suffix", "author", "modified_by")


def _check_text(value: object, what: str, checker: _Checker) -> None:
    """Text our database and the letter can hold: no control characters, no lone surrogates (annotator.domain.text)."""
    if isinstance(value, str):
        try:
            check_text(value)
        except TextError as error:
            raise checker.refuse(f"{what} holds text that cannot be stored ({error})") from error


def _check_json_shapes(values: dict[str, Any], checker: _Checker) -> list[str]:
    """Quads are lists of four or five numbers within a page's reach (SQL made sure they hold nothing but numbers
    and brackets, _SHAPES); returns the sources (a list of texts, _SHAPES)."""
    try:
        quads = _json_value(values["quads"]) if values["quads"] is not None else None
        text = values["sources"]
        sources: list[str] = [] if text == "[]" else _json_value(text)
    except ValueError as error:
        raise checker.refuse(f"the annotation {values['id']} holds malformed data ({error})") from error
    if quads is not None:
        try:
            # An infinity (1e999) is out of bounds; a number where a quad should be, or a list inside a quad,
            # makes len() or abs() raise.
            sound = all([len(quad) in (4, 5) for quad in quads]) and (
                not quads or max(map(abs, chain.from_iterable(quads))) <= 1_000_000)
        except TypeError:
            sound = False
        if not sound:
            raise checker.refuse(f"the annotation {values['id']} holds malformed data "
                                 "(quads must be lists of four or five finite numbers)")
    return sources


# JSON that SQL found valid (json_valid), parsed by the json module's C scanner without the module's per-call
# wrapping, which cost as much as the parsing for the short lists of an annotation row.
_SCAN = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # the stubs name the class


def _json_value(text: str) -> Any:
    """The value of a JSON text; ValueError when it is none, or nested deeper than the parser goes."""
    try:
        try:
            value, end = _SCAN(text, 0)
        except StopIteration:  # leading white space, or no JSON at all: json.loads tells which
            return json.loads(text)
        if end != len(text):
            return json.loads(text)
        return value
    except RecursionError as error:  # SQLite's json_valid accepts lists nested 2,000 deep, Python's parser not
        raise ValueError("lists nested too deeply") from error
