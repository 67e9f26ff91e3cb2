"""Reading and writing annotations, documents, themes, reviewers and letter settings.

Every call commits on its own, unless it runs inside :meth:`Repository.transaction`: then all calls of the block share
one transaction, which commits when the block ends and rolls back whole when it raises.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from annotator.domain.model import Annotation, CarriedFrom, Theme, TreatyRef, new_id, utcnow
from annotator.store import themes as theme_ops
from annotator.store.database import Database
from annotator.store.errors import ConflictError, DuplicateError, NotFoundError, StoreError, translate
from annotator.store.mapping import (
    annotation_from,
    annotation_values,
    carried_from,
    carried_values,
    ref_values,
    sort_key,
    treaty_ref,
)
from annotator.store.models import (
    AnnotationRefRow,
    AnnotationRow,
    CarriedRow,
    DocumentRow,
    LetterSettingRow,
    ReviewerRow,
    ThemeRow,
)

__all__ = ["ChangeToken", "ConflictError", "DuplicateError", "NotFoundError", "Repository", "StoreError"]

ANNOTATIONS = cast(Table, AnnotationRow.__table__)
REFS = cast(Table, AnnotationRefRow.__table__)
CARRIED = cast(Table, CarriedRow.__table__)
# Rows per INSERT batch in bulk_add: large enough to be fast, small enough for SQLite's variable limit.
_BATCH = 2000


@dataclass(frozen=True, slots=True)
class ChangeToken:
    """A cheap summary of a document's annotations that changes with every add, edit, delete or restore.

    Rows are never removed and every change raises some revision, so (row count, sum of revisions) only grows.
    """

    count: int
    revisions: int


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _batches(items: Iterable[Annotation], size: int) -> Iterator[list[Annotation]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Repository:
    """The review's data in one database; takes and returns domain values, never ORM rows."""

    def __init__(self, db: Database, author: str = "") -> None:
        self._db = db
        self._transaction: Session | None = None
        # Who writes through this repository: write() records it in each row's modified_by.
        self.author = author

    @property
    def where(self) -> str:
        """The database, as a reviewer would name it (a file path, or the server URL without its password)."""
        return self._db.where

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block's repository calls as one transaction: all of it is committed, or none of it.

        A repository is used by one thread at a time; nested blocks join the outer transaction.
        """
        if self._transaction is not None:
            yield
            return
        with self._session() as session:
            self._transaction = session
            try:
                yield
            finally:
                self._transaction = None

    @contextmanager
    def _session(self, *, write: bool = True) -> Iterator[Session]:
        if self._transaction is not None:
            yield self._transaction
            return
        with self._db.session(write=write) as session:
            yield session

    # documents ------------------------------------------------------------------------------------------------

    def ensure_document(
        self,
        fingerprint: str,
        title: str,
        page_count: int,
        page_labels: list[str],
        file_name: str,
        *,
        supersedes: str | None = None,
    ) -> None:
        """Record a document version, or update the name it was last seen under (and its supersedes link)."""
        values: dict[str, Any] = {
            "fingerprint": fingerprint,
            "title": title,
            "page_count": page_count,
            "page_labels": json.dumps(list(page_labels), ensure_ascii=False),
            "file_name": file_name,
            "supersedes": supersedes,
            "added": utcnow(),
        }
        changing = ["title", "page_count", "page_labels", "file_name"] + (["supersedes"] if supersedes else [])
        with self._session() as session:
            statement = _dialect_insert(session, DocumentRow).values(**values)
            session.execute(
                statement.on_conflict_do_update(
                    index_elements=["fingerprint"], set_={name: statement.excluded[name] for name in changing}
                )
            )

    def document(self, fingerprint: str) -> dict[str, Any] | None:
        """The stored facts of a document version, or None if it was never opened."""
        with self._session(write=False) as session:
            row = session.get(DocumentRow, fingerprint)
            return _document_dict(row) if row is not None else None

    def documents(self) -> list[dict[str, Any]]:
        """Every document version in the database, oldest first."""
        with self._session(write=False) as session:
            rows = session.scalars(select(DocumentRow).order_by(DocumentRow.added, DocumentRow.fingerprint))
            return [_document_dict(row) for row in rows]

    # annotations ----------------------------------------------------------------------------------------------

    def add(self, a: Annotation) -> Annotation:
        """Store a new annotation as revision 1 and return the stored value."""
        stored = a.changed(revision=1)
        with self._session() as session:
            self._require_targets(session, [stored])
            if session.scalar(select(AnnotationRow.id).where(AnnotationRow.id == a.id)) is not None:
                raise DuplicateError(f"An annotation with id {a.id} is already in {self._db.where}.")
            session.execute(insert(ANNOTATIONS), [annotation_values(stored)])
            self._insert_refs(session, [stored])
        return stored

    def save(self, a: Annotation) -> Annotation:
        """Store an edit of ``a``; its revision must be the stored one, else ConflictError and nothing changes."""
        stored = a.changed(revision=a.revision + 1, modified=utcnow())
        with self._session() as session:
            self._require_targets(session, [stored])
            self._replace(session, stored, expected_revision=a.revision)
        return stored

    def delete(self, id: str, expected_revision: int) -> Annotation:
        """Mark the annotation deleted (a tombstone, so undo and merge still know it) and return that value."""
        with self._session() as session:
            current = self._load(session, id)
            if current is None:
                raise NotFoundError(f"There is no annotation {id} in {self._db.where}.")
            if current.revision != expected_revision:
                raise ConflictError(id, expected_revision, current.revision)
            stored = current.changed(deleted=True, revision=current.revision + 1, modified=utcnow())
            self._replace(session, stored, expected_revision=current.revision)
        return stored

    def restore(self, a: Annotation, *, expected_revision: int | None = None) -> Annotation:
        """Put back exactly the value ``a`` (undo, redo, undelete) as the next revision.

        Pass ``expected_revision`` (the revision this program last wrote) to refuse with ConflictError when someone
        else changed the annotation since; without it the restore wins.
        """
        with self._session() as session:
            self._require_targets(session, [a])
            current = session.scalar(select(AnnotationRow.revision).where(AnnotationRow.id == a.id))
            if current is None:
                stored = a.changed(revision=a.revision + 1, modified=utcnow())
                session.execute(insert(ANNOTATIONS), [annotation_values(stored)])
                self._insert_refs(session, [stored])
                return stored
            if expected_revision is not None and current != expected_revision:
                raise ConflictError(a.id, expected_revision, current)
            stored = a.changed(revision=current + 1, modified=utcnow())
            self._replace(session, stored, expected_revision=current)
        return stored

    def get(self, id: str, include_deleted: bool = False) -> Annotation | None:
        """The stored annotation ``id``, or None (also when it is deleted, unless ``include_deleted``)."""
        with self._session(write=False) as session:
            found = self._load(session, id)
        if found is None or (found.deleted and not include_deleted):
            return None
        return found

    def annotations(
        self,
        document: str,
        include_deleted: bool = False,
        *,
        page: int | None = None,
        reference: TreatyRef | str | None = None,
    ) -> list[Annotation]:
        """A document's annotations in reading order, optionally only one page or only those citing ``reference``."""
        conditions: list[ColumnElement[bool]] = [ANNOTATIONS.c.document == document]
        if not include_deleted:
            conditions.append(ANNOTATIONS.c.deleted.is_(False))
        if page is not None:
            conditions.append(ANNOTATIONS.c.page == page)
        if reference is not None:
            # An uncorrelated IN: SQLite reads the ref index once (a correlated EXISTS made it rescan per row).
            wanted = REFS.alias("wanted")
            conditions.append(
                ANNOTATIONS.c.id.in_(select(wanted.c.annotation_id).where(wanted.c.ref == str(reference)))
            )
        refs_query = (
            select(REFS.c.annotation_id, REFS.c.ref, REFS.c.custom)
            .join(ANNOTATIONS, REFS.c.annotation_id == ANNOTATIONS.c.id)
            .where(*conditions)
            .order_by(REFS.c.annotation_id, REFS.c.position)
        )
        with self._session(write=False) as session:
            rows = session.execute(select(ANNOTATIONS).where(*conditions)).mappings().all()
            refs: dict[str, list[TreatyRef]] = defaultdict(list)
            for annotation_id, ref, custom in session.execute(refs_query):
                refs[annotation_id].append(treaty_ref(ref, custom))
        found = [annotation_from(row, refs.get(row["id"], ()), self._db.where) for row in rows]
        return sorted(found, key=sort_key)

    def current(self, ids: Sequence[str]) -> dict[str, Annotation]:
        """The stored values of these annotations, deleted ones included, read in one query.

        Inside :meth:`transaction` the rows are locked until it ends (``FOR UPDATE`` on PostgreSQL; SQLite's write
        transaction holds the whole file), so what is read is still what is there when the block writes.
        """
        found: dict[str, Annotation] = {}
        with self._session() as session:
            for chunk in _chunks(list(dict.fromkeys(ids)), _BATCH):
                query = select(ANNOTATIONS).where(ANNOTATIONS.c.id.in_(chunk))
                if self._transaction is not None:
                    query = query.with_for_update()
                rows = session.execute(query).mappings().all()
                refs: dict[str, list[TreatyRef]] = defaultdict(list)
                for annotation_id, ref, custom in session.execute(
                    select(REFS.c.annotation_id, REFS.c.ref, REFS.c.custom)
                    .where(REFS.c.annotation_id.in_(chunk))
                    .order_by(REFS.c.annotation_id, REFS.c.position)
                ):
                    refs[annotation_id].append(treaty_ref(ref, custom))
                for row in rows:
                    found[row["id"]] = annotation_from(row, refs.get(row["id"], ()), self._db.where)
        return found

    def write(self, values: Sequence[Annotation], current: dict[str, Annotation]) -> list[Annotation]:
        """Store these values as the next revision of each annotation, set-based: one UPDATE for all rows that exist
        (only where the revision is still the one in ``current``, else ConflictError and nothing is kept), one
        INSERT for the new ones, one DELETE and one INSERT for their references. Returns the stored values."""
        now = utcnow()
        stored: list[Annotation] = []
        updates: list[dict[str, Any]] = []
        inserts: list[dict[str, Any]] = []
        for value in values:
            before = current.get(value.id)
            revision = before.revision + 1 if before is not None else max(value.revision, 1)
            fresh = value.changed(revision=revision, modified=now, modified_by=self.author or value.modified_by)
            stored.append(fresh)
            row = annotation_values(fresh)
            if before is None:
                inserts.append(row)
            else:
                row["_id"] = row.pop("id")
                row["_expected"] = before.revision
                updates.append(row)
        with self._session() as session:
            self._require_targets(session, stored)
            if inserts:
                ids = [row["id"] for row in inserts]
                taken = session.scalars(select(AnnotationRow.id).where(AnnotationRow.id.in_(ids))).first()
                if taken is not None:
                    raise DuplicateError(f"An annotation with id {taken} is already in {self._db.where}.")
                session.execute(insert(ANNOTATIONS), inserts)
            if updates:
                statement = update(ANNOTATIONS).where(
                    ANNOTATIONS.c.id == bindparam("_id"), ANNOTATIONS.c.revision == bindparam("_expected")
                )
                result = session.execute(statement, updates, execution_options={"synchronize_session": False})
                changed = cast(Any, result).rowcount
                if changed is not None and 0 <= changed < len(updates):
                    for row in updates:
                        now_stored = session.scalar(select(AnnotationRow.revision).where(AnnotationRow.id == row["_id"]))
                        if now_stored != row["revision"]:
                            raise ConflictError(row["_id"], row["_expected"], int(now_stored or 0))
                for chunk in _chunks([row["_id"] for row in updates], _BATCH):
                    session.execute(delete(REFS).where(REFS.c.annotation_id.in_(chunk)))
            self._insert_refs(session, stored)
        return stored

    def change_token(self, document: str) -> ChangeToken:
        """The current change token of a document's annotations (deleted ones included)."""
        with self._session(write=False) as session:
            count, total = session.execute(
                select(func.count(), func.coalesce(func.sum(AnnotationRow.revision), 0)).where(
                    AnnotationRow.document == document
                )
            ).one()
        return ChangeToken(int(count), int(total))

    def changed_since(self, document: str, token: ChangeToken) -> ChangeToken | None:
        """The new token if anyone (this or another program) changed the document's annotations since ``token``."""
        current = self.change_token(document)
        return None if current == token else current

    def bulk_add(self, items: Iterable[Annotation]) -> int:
        """Insert many new annotations in one transaction, exactly as given (revision included); returns the count."""
        count = 0
        with self._session() as session:
            for batch in _batches(items, _BATCH):
                self._require_targets(session, batch)
                ids = [a.id for a in batch]
                if len(set(ids)) != len(ids):
                    raise DuplicateError(
                        f"The same annotation id occurs twice among the annotations to add to {self._db.where}."
                    )
                taken = session.scalars(select(AnnotationRow.id).where(AnnotationRow.id.in_(ids))).first()
                if taken is not None:
                    raise DuplicateError(f"An annotation with id {taken} is already in {self._db.where}.")
                try:
                    _insert_many(session, ANNOTATIONS, [annotation_values(a) for a in batch])
                    _insert_many(session, REFS, [row for a in batch for row in ref_values(a)])
                except Exception as error:
                    # PostgreSQL's COPY raises the driver's own errors, outside SQLAlchemy's: the same words here.
                    if isinstance(error, IntegrityError) or getattr(error, "sqlstate", None) == "23505":
                        raise DuplicateError(f"Some of these annotations were added to {self._db.where} by "
                                             "another program at the same moment.") from error
                    translated = translate(error, self._db.where)
                    if translated is None:
                        raise
                    raise translated from error
                count += len(batch)
        return count

    # carried over -------------------------------------------------------------------------------------------

    def add_carried(self, records: Iterable[CarriedFrom]) -> int:
        """Record how annotations came to a new version (their annotations are stored first, in the same
        transaction); a record that is there already is left as it is. Returns how many were added."""
        rows = [carried_values(record) for record in records]
        if not rows:
            return 0
        with self._session() as session:
            present: set[str] = set()
            for chunk in _chunks([row["annotation_id"] for row in rows], _BATCH):
                present.update(session.scalars(select(CARRIED.c.annotation_id)
                                               .where(CARRIED.c.annotation_id.in_(chunk))))
            fresh = [row for row in rows if row["annotation_id"] not in present]
            for start in range(0, len(fresh), _BATCH):
                _insert_many(session, CARRIED, fresh[start:start + _BATCH])
        return len(fresh)

    def carried(self, ids: Sequence[str]) -> dict[str, CarriedFrom]:
        """What is recorded of how these annotations were carried over, for those that were."""
        found: dict[str, CarriedFrom] = {}
        with self._session(write=False) as session:
            for chunk in _chunks(list(ids), _BATCH):
                for row in session.execute(select(CARRIED).where(CARRIED.c.annotation_id.in_(chunk))).mappings():
                    found[row["annotation_id"]] = carried_from(row, self._db.where)
        return found

    def set_kept(self, ids: Sequence[str], kept: bool) -> list[str]:
        """Record that the reviewer kept these carried-over annotations as not found (or no longer); returns the
        ids whose record changed (an annotation without a record has nothing to keep)."""
        changed: list[str] = []
        with self._session() as session:
            for chunk in _chunks(list(dict.fromkeys(ids)), _BATCH):
                rows = session.execute(select(CARRIED.c.annotation_id)
                                       .where(CARRIED.c.annotation_id.in_(chunk), CARRIED.c.kept.is_not(kept)))
                found = [row[0] for row in rows]
                if found:
                    session.execute(update(CARRIED).where(CARRIED.c.annotation_id.in_(found)).values(kept=kept))
                    changed.extend(found)
        return changed

    def carried_into(self, document: str, *, include_deleted: bool = False) -> list[CarriedFrom]:
        """How the annotations of ``document`` that were carried over came to it (the review queue's list),
        in the reading order of the annotations."""
        with self._session(write=False) as session:
            query = (select(CARRIED, ANNOTATIONS.c.page, ANNOTATIONS.c.start)
                     .join(ANNOTATIONS, ANNOTATIONS.c.id == CARRIED.c.annotation_id)
                     .where(ANNOTATIONS.c.document == document))
            if not include_deleted:
                query = query.where(ANNOTATIONS.c.deleted.is_(False))
            rows = list(session.execute(query).mappings())
        rows.sort(key=lambda row: (row["page"] is None, row["page"] or 0, row["start"] or 0, row["annotation_id"]))
        return [carried_from(row, self._db.where) for row in rows]

    # themes ---------------------------------------------------------------------------------------------------

    def themes(self) -> list[Theme]:
        """The live themes in letter order."""
        with self._session(write=False) as session:
            return [theme_ops.to_theme(row) for row in theme_ops.live(session)]

    def theme(self, id: str) -> Theme | None:
        """A theme by id, deleted ones included (old annotations still name them)."""
        with self._session(write=False) as session:
            row = session.get(ThemeRow, id)
            return theme_ops.to_theme(row) if row is not None else None

    def add_theme(self, title: str, position: int | None = None) -> Theme:
        """A new theme at ``position`` (default: last); titles are unique among live themes."""
        with self._session() as session:
            return theme_ops.add(session, title, position, self._db.where)

    def add_themes(self, titles: Sequence[str]) -> list[Theme]:
        """New themes after the existing ones, in this order, at once (an import's); titles must be free."""
        with self._session() as session:
            return theme_ops.add_many(session, list(titles), self._db.where)

    def rename_theme(self, id: str, title: str) -> Theme:
        """Give a theme a new title."""
        with self._session() as session:
            return theme_ops.rename(session, id, title, self._db.where)

    def move_theme(self, id: str, position: int) -> Theme:
        """Move a theme to ``position`` among the live themes (0 is first)."""
        with self._session() as session:
            return theme_ops.move(session, id, position, self._db.where)

    def delete_theme(self, id: str) -> Theme:
        """Retire a theme; its annotations keep pointing at it, so undo can bring it back."""
        with self._session() as session:
            return theme_ops.delete(session, id, self._db.where)

    def restore_theme(self, theme: Theme) -> Theme:
        """Bring back a theme (undo of delete, rename or move) with its title at its position."""
        with self._session() as session:
            return theme_ops.restore(session, theme, self._db.where)

    def arrange_themes(self, wanted: Sequence[Theme], retire: Iterable[str] = ()) -> None:
        """In one transaction: make ``wanted`` live with their titles at their positions and retire the themes
        ``retire`` names; other live themes stay (undo and redo of a change to the theme list)."""
        with self._session() as session:
            theme_ops.arrange(session, list(wanted), set(retire), self._db.where)

    def seed_default_themes(self, titles: Sequence[str]) -> None:
        """Create the given themes when the database has never had any (not after the reviewer deleted them)."""
        with self._session() as session:
            if session.scalar(select(func.count()).select_from(ThemeRow)):
                return
            for title in titles:
                theme_ops.add(session, title, None, self._db.where)

    # reviewers and letter settings ----------------------------------------------------------------------------

    def reviewer(self, name: str) -> str:
        """The id of the reviewer called ``name``, created on first use."""
        with self._session() as session:
            session.execute(
                _dialect_insert(session, ReviewerRow)
                .values(id=new_id(), name=name)
                .on_conflict_do_nothing(index_elements=["name"])
            )
            return session.scalars(select(ReviewerRow.id).where(ReviewerRow.name == name)).one()

    def reviewers(self) -> dict[str, str]:
        """Every reviewer, name to id."""
        with self._session(write=False) as session:
            return {row.name: row.id for row in session.scalars(select(ReviewerRow).order_by(ReviewerRow.name))}

    def letter_settings(self) -> dict[str, str]:
        """The letter's settings (sender, addressee, salutation, ...) as stored."""
        with self._session(write=False) as session:
            return {row.key: row.value for row in session.scalars(select(LetterSettingRow))}

    def set_letter_setting(self, key: str, value: str) -> None:
        """Store one letter setting."""
        with self._session() as session:
            statement = _dialect_insert(session, LetterSettingRow).values(key=key, value=value)
            session.execute(
                statement.on_conflict_do_update(index_elements=["key"], set_={"value": statement.excluded.value})
            )

    # internals ------------------------------------------------------------------------------------------------

    def _load(self, session: Session, id: str) -> Annotation | None:
        row = session.execute(select(ANNOTATIONS).where(ANNOTATIONS.c.id == id)).mappings().first()
        if row is None:
            return None
        refs = [
            treaty_ref(ref, custom)
            for ref, custom in session.execute(
                select(REFS.c.ref, REFS.c.custom).where(REFS.c.annotation_id == id).order_by(REFS.c.position)
            )
        ]
        return annotation_from(row, refs, self._db.where)

    def _replace(self, session: Session, stored: Annotation, expected_revision: int) -> None:
        """Overwrite the row only if it still has ``expected_revision`` (one atomic UPDATE), then its references."""
        values = annotation_values(stored)
        del values["id"]
        result = session.execute(
            update(ANNOTATIONS)
            .where(ANNOTATIONS.c.id == stored.id, ANNOTATIONS.c.revision == expected_revision)
            .values(**values)
        )
        if cast(Any, result).rowcount != 1:
            current = session.scalar(select(AnnotationRow.revision).where(AnnotationRow.id == stored.id))
            if current is None:
                raise NotFoundError(f"There is no annotation {stored.id} in {self._db.where}.")
            raise ConflictError(stored.id, expected_revision, current)
        session.execute(delete(REFS).where(REFS.c.annotation_id == stored.id))
        self._insert_refs(session, [stored])

    def _insert_refs(self, session: Session, annotations: Sequence[Annotation]) -> None:
        rows = [row for a in annotations for row in ref_values(a)]
        if rows:
            session.execute(insert(REFS), rows)

    def _require_targets(self, session: Session, annotations: Sequence[Annotation]) -> None:
        """Name the missing document or theme plainly instead of failing on a foreign key."""
        documents = {a.document for a in annotations}
        known = set(session.scalars(select(DocumentRow.fingerprint).where(DocumentRow.fingerprint.in_(documents))))
        for missing in sorted(documents - known):
            raise NotFoundError(
                f"The document {missing} is not recorded in {self._db.where}; open the PDF before annotating it."
            )
        themes = {a.theme_id for a in annotations if a.theme_id is not None}
        if themes:
            known = set(session.scalars(select(ThemeRow.id).where(ThemeRow.id.in_(themes))))
            for missing in sorted(themes - known):
                raise NotFoundError(f"The theme {missing} is not in {self._db.where}.")


def _insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows fast: executemany on SQLite; COPY on PostgreSQL, where executemany sends one row at a time."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    names = list(rows[0])
    # The same conversions an INSERT would apply (timestamps to their fixed-width UTC text).
    processors = [table.c[name].type.bind_processor(dialect) for name in names]
    columns = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    driver: Any = connection.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [value if process is None else process(value) for process, value in zip(processors, row.values())]
            )


def _dialect_insert(session: Session, model: type[Any]) -> Any:
    """INSERT with ON CONFLICT for the session's database (SQLite and PostgreSQL spell it the same)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def _document_dict(row: DocumentRow) -> dict[str, Any]:
    return {
        "fingerprint": row.fingerprint,
        "title": row.title,
        "page_count": row.page_count,
        "page_labels": json.loads(row.page_labels),
        "file_name": row.file_name,
        "supersedes": row.supersedes,
        "added": row.added,
    }
