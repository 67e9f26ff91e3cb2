"""Merging a colleague's annotation database into ours: what is added, updated, deleted, and what is a conflict.

Annotations match by id. One that only the other side has is added (a tombstone too, so a deletion travels).
When both sides hold an annotation with different content (everything but the revision number), the question is
which side changed it since the two last agreed. We keep one merge stamp per other database in the key/value
settings table, under ``merge:<identity of the other database>`` (the time of the last merge with it, our clock),
and our own identity under ``merge:self`` so that a colleague who merges our file back finds theirs:

- with a stamp: a side "changed" when its modified time is after the stamp. Only theirs changed: take theirs.
  Only ours changed, or neither (the outcome of an earlier merge): keep ours. Both changed: a conflict.
- without one (the first merge with that database): the side whose revision is higher and whose modified time is
  not earlier wins silently; when the revision and the time disagree, or the revisions are equal (both edited the
  same version), it is a conflict.

A conflict goes to ``resolve``; without one the newer modified time wins (ours on a tie). "Both" keeps ours and
adds theirs as a copy whose id is derived from theirs (uuid5), so merging again adds no second copy.
A value taken from the other side keeps its modified time; its revision becomes higher than ours, so that the
change tokens of open windows see it. Merging the same file again therefore finds nothing to do.
"""

from __future__ import annotations

import enum
import hashlib
import os
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.domain.model import Annotation, new_id, utcnow
from annotator.letter.arrangement import (
    ARRANGEMENT_KEY,
    ArrangementError,
    arrangement_json,
    combined,
    parse_arrangement,
    remapped,
)
from annotator.store.database import Database
from annotator.store.mapping import annotation_from, treaty_ref
from annotator.store.merge import MergeWriter, Refs, Row, backup_before_merge, merge_session, trial_session
from annotator.store.readonly import Limits, MergeRefused, Snapshot, checked_copy, read_annotations

__all__ = ["Conflict", "MergePlan", "MergeRefused", "MergeSummary", "Resolution", "apply_merge", "merge",
           "newer_wins", "plan_merge"]

SELF_KEY = "merge:self"
_STAMP_PREFIX = "merge:"
# Copies made by "keep both" get ids from this namespace, so the same conflict always yields the same copy.
_COPY_NAMESPACE = uuid.UUID("6f1c8a52-3c1e-4d0e-9a57-4b2d1e7f0c31")
# progress(done, total), called as annotations are compared; it may raise to cancel (nothing is then stored).
Progress = Callable[[int, int], None]


class Resolution(enum.StrEnum):
    """Which side of a conflict to keep."""

    OURS = "ours"
    THEIRS = "theirs"
    BOTH = "both"


@dataclass(frozen=True)
class Conflict:
    """An annotation both sides changed since they last agreed; ``kept`` is filled in once it is resolved."""

    ours: Annotation
    theirs: Annotation
    kept: Resolution | None = None


@dataclass(frozen=True)
class MergeSummary:
    """What merging one other database did."""

    source: Path
    added: int = 0
    updated: int = 0
    deleted: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    themes_added: tuple[str, ...] = ()
    reviewers_added: int = 0
    unchanged: int = 0
    copies: int = 0
    backup_path: Path | None = None

    @property
    def changed_anything(self) -> bool:
        """False when the merge found nothing to take from the other database."""
        kept_theirs = any(c.kept in (Resolution.THEIRS, Resolution.BOTH) for c in self.conflicts)
        return bool(self.added or self.updated or self.deleted or self.themes_added or self.reviewers_added
                    or self.copies or kept_theirs)


@dataclass(frozen=True)
class MergePlan:
    """What merging another database would do, before anything is changed: the annotations both sides changed
    (each with both versions, ``kept`` the newer one, which a merge keeps unless told otherwise), what comes in
    without a question (``added``, ``updated``, ``deleted``), and the summary of a merge that keeps the newer
    versions (``preview``)."""

    source: Path
    conflicts: list[Conflict]
    preview: MergeSummary
    added: int = 0
    updated: int = 0
    deleted: int = 0


def newer_wins(conflict: Conflict) -> Resolution:
    """The command line's rule: keep the side modified last; ours when both carry the same time."""
    return Resolution.THEIRS if conflict.theirs.modified > conflict.ours.modified else Resolution.OURS


def _other_file(db: Database, other_path: Path) -> Path:
    """The other database's file; our own file is refused (merging it into itself would only confuse the stamps)."""
    other = Path(other_path).expanduser().resolve()
    if db.path is not None and (other == db.path or _same_file(other, db.path)):
        # A symlink resolves to our path; a hard link or a bind mount is the same inode under another name.
        raise MergeRefused(f"{other_path} is your own database; choose a colleague's file to merge")
    return other


def _same_file(one: Path, other: Path) -> bool:
    """Whether the two paths name one file on disk (False when either cannot be looked at)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def merge(
    db: Database,
    other_path: Path,
    *,
    resolve: Callable[[Conflict], Resolution] | None = None,
    limits: Limits = Limits(),
    progress: Progress | None = None,
) -> MergeSummary:
    """Merge the database file at ``other_path`` into ``db`` in one transaction, after backing ``db`` up.

    ``progress(done, total)`` follows the annotations compared; when it raises (the reviewer cancelled), the
    transaction is rolled back. Raises MergeRefused (the other file is not a sound annotation database, or it is
    ``db``'s own file; ``db`` is untouched) or StoreError.
    """
    with checked_copy(_other_file(db, other_path), limits, rows=not _in_sql(db)) as snapshot:
        if progress is not None:
            progress(0, snapshot.count)
        backup = backup_before_merge(db, datetime.now())
        with merge_session(db) as writer:
            summary = _merge(writer, snapshot, resolve or newer_wins, progress)
    return replace(summary, backup_path=backup)


def plan_merge(db: Database, other_path: Path, *, limits: Limits = Limits(),
               progress: Progress | None = None) -> MergePlan:
    """What merging the database file at ``other_path`` into ``db`` would do, found by merging in one transaction
    that is rolled back: ``db`` is left exactly as it was (SQLite file or server). Raises MergeRefused or
    StoreError, as :func:`merge` does."""
    with checked_copy(_other_file(db, other_path), limits, rows=not _in_sql(db)) as snapshot:
        with trial_session(db) as writer:
            summary = _merge(writer, snapshot, newer_wins, progress)
    taken = [c for c in summary.conflicts if c.kept is Resolution.THEIRS]
    deletions = sum(1 for c in taken if c.theirs.deleted and not c.ours.deleted)
    return MergePlan(source=summary.source, conflicts=list(summary.conflicts), preview=summary,
                     added=summary.added, updated=summary.updated - (len(taken) - deletions),
                     deleted=summary.deleted - deletions)


def apply_merge(db: Database, other_path: Path, choices: Mapping[str, Resolution | str], *,
                limits: Limits = Limits(), progress: Progress | None = None) -> MergeSummary:
    """Merge the database file at ``other_path`` into ``db`` (one transaction, after a backup), keeping for each
    conflict what ``choices`` says by annotation id ("ours", "theirs" or "both"); a conflict not in ``choices``
    (one that arose since the plan) keeps the newer version."""
    def resolve(conflict: Conflict) -> Resolution:
        choice = choices.get(conflict.ours.id)
        return Resolution(choice) if choice is not None else newer_wins(conflict)

    return merge(db, other_path, resolve=resolve, limits=limits, progress=progress)


def _in_sql(db: Database) -> bool:
    """Whether their annotations are compared with ours and copied in SQL (MergeWriter.attach): on SQLite. The
    rules are the same either way; a merge whose writer cannot attach the file reads the rows after all."""
    return db.engine.dialect.name == "sqlite"


def _identity(snapshot: Snapshot, ours: str) -> str:
    """How we recognise the other database next time: its own merge identity, else its file's location.

    A database that began as a copy of ours carries our identity; that one is no use to tell it apart.
    """
    own = snapshot.settings.get(SELF_KEY)
    if own and own != ours:
        return own[:36]
    return "file-" + hashlib.sha256(str(snapshot.path).encode()).hexdigest()[:24]


@dataclass
class _Tally:
    inserts: list[tuple[Row, Refs]] = field(default_factory=list)
    replaces: list[tuple[Row, Refs]] = field(default_factory=list)
    replaced: dict[str, tuple[Row, Refs]] = field(default_factory=dict)  # what we hold of those, by id
    conflicts: list[Conflict] = field(default_factory=list)
    copies: list[tuple[Row, Refs]] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def _merge(writer: MergeWriter, snapshot: Snapshot, resolve: Callable[[Conflict], Resolution],
           progress: Progress | None = None) -> MergeSummary:
    own = writer.setting(SELF_KEY)
    if own is None:
        own = new_id()
        writer.set_setting(SELF_KEY, own)
    stamp_key = _STAMP_PREFIX + _identity(snapshot, own)
    stamp_text = writer.setting(stamp_key)
    stamp = datetime.fromisoformat(stamp_text) if stamp_text else None

    in_sql = snapshot.rows_in_file and snapshot.file is not None and writer.attach(snapshot.file)
    if snapshot.rows_in_file and not in_sql:
        snapshot = read_annotations(snapshot)
    if in_sql:
        wanted_themes = writer.their_theme_ids()
    else:
        wanted_themes = {row["theme_id"] for row in snapshot.annotations.values() if row["theme_id"]}
    themes = writer.map_themes(snapshot.themes, wanted_themes)
    reviewers_added = writer.ensure_reviewers(snapshot.reviewers)

    tally = _Tally()
    if in_sql:
        _decide_in_sql(writer, tally, themes.ids, stamp, resolve, progress, snapshot.count)
    else:
        _decide(writer, tally, snapshot, themes.ids, stamp, resolve, progress)

    copies = _fresh_copies(writer, tally.copies)
    needed = {row["document"] for row, _refs in tally.inserts + tally.replaces + copies}
    if in_sql:
        needed |= writer.their_new_documents()
    writer.ensure_documents(snapshot.documents, needed)
    if in_sql:
        writer.copy_their_new()  # tally.inserts is empty: the new annotations go before the copies, as there
    writer.insert(tally.inserts + copies)
    writer.replace(tally.replaces, tally.replaced)
    writer.add_carried(snapshot.carried)  # what a carry-over knew of an annotation travels with it
    _take_arrangement(writer, snapshot.settings.get(ARRANGEMENT_KEY, ""), themes.ids)
    writer.set_setting(stamp_key, utcnow().isoformat(timespec="microseconds"))
    return MergeSummary(
        source=snapshot.path,
        added=tally.added,
        updated=tally.updated,
        deleted=tally.deleted,
        conflicts=tally.conflicts,
        themes_added=themes.added,
        reviewers_added=reviewers_added,
        unchanged=tally.unchanged,
        copies=len(copies),
    )


def _take_arrangement(writer: MergeWriter, theirs_text: str, theme_ids: Mapping[str, str]) -> None:
    """The letter's arrangement (the order of each section's passages and which are argued together) travels with
    a merge: per section, the side that arranged it later (annotator.letter.arrangement.combined). An arrangement
    that cannot be read is not taken; ours stays as it is then."""
    if not theirs_text:
        return
    try:
        theirs = remapped(parse_arrangement(theirs_text), theme_ids)
        ours = parse_arrangement(writer.setting(ARRANGEMENT_KEY) or "")
    except ArrangementError:
        return
    merged = combined(ours, theirs)
    if merged != ours:
        writer.set_setting(ARRANGEMENT_KEY, arrangement_json(merged))


def _decide(writer: MergeWriter, tally: _Tally, snapshot: Snapshot, theme_ids: Mapping[str, str],
            stamp: datetime | None, resolve: Callable[[Conflict], Resolution], progress: Progress | None) -> None:
    """Decide every annotation of ``snapshot`` (its rows read), in its order, recording the outcomes in ``tally``."""
    theirs_rows = snapshot.annotations
    ours = writer.annotations(list(theirs_rows))
    total = len(theirs_rows)
    for done, (id, theirs) in enumerate(theirs_rows.items(), start=1):
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total)
        if theirs["theme_id"]:
            theirs = {**theirs, "theme_id": theme_ids.get(theirs["theme_id"], theirs["theme_id"])}
        their_refs = snapshot.refs.get(id, ())
        mine = ours.get(id)
        if mine is None:
            tally.inserts.append((theirs, their_refs))
            tally.added += not theirs["deleted"]
            continue
        _compare(tally, mine, (theirs, their_refs), stamp, resolve, writer.where)


def _decide_in_sql(writer: MergeWriter, tally: _Tally, theme_ids: Mapping[str, str], stamp: datetime | None,
                   resolve: Callable[[Conflict], Resolution], progress: Progress | None, total: int) -> None:
    """Decide every annotation of the attached other database as :func:`_decide` does: those new to us are
    counted (MergeWriter.copy_their_new adds them), and those we hold alike (the first rule of :func:`_compare`)
    are found in SQL; only the others are compared here, in their order."""
    found = writer.their_annotations(theme_ids)
    tally.added += found.new_live
    tally.unchanged += found.alike
    done = found.new + found.alike
    if progress is not None:
        progress(done, total)
    for (theirs, their_refs), mine in found.differing:
        done += 1
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total)
        if theirs["theme_id"]:
            theirs = {**theirs, "theme_id": theme_ids.get(theirs["theme_id"], theirs["theme_id"])}
        _compare(tally, mine, (theirs, their_refs), stamp, resolve, writer.where)


def _same_content(one: Row, other: Row) -> bool:
    """Whether a reviewer could see no difference: all columns equal but the revision number."""
    return one | _NO_REVISION == other | _NO_REVISION


_NO_REVISION = {"revision": None}


def _compare(
    tally: _Tally,
    ours: tuple[Row, Refs],
    theirs: tuple[Row, Refs],
    stamp: datetime | None,
    resolve: Callable[[Conflict], Resolution],
    where: str,
) -> None:
    """Decide one annotation both sides hold, recording the outcome in ``tally``."""
    mine, my_refs = ours
    other, other_refs = theirs
    if (mine["deleted"] and other["deleted"]) or (my_refs == other_refs and _same_content(mine, other)):
        tally.unchanged += 1
        return
    if stamp is not None:
        mine_changed, theirs_changed = mine["modified"] > stamp, other["modified"] > stamp
        choice = (Resolution.THEIRS if theirs_changed and not mine_changed
                  else None if theirs_changed else Resolution.OURS)
    else:
        if other["revision"] > mine["revision"] and other["modified"] >= mine["modified"]:
            choice = Resolution.THEIRS
        elif mine["revision"] > other["revision"] and mine["modified"] >= other["modified"]:
            choice = Resolution.OURS
        else:
            # Equal revisions with different content: both edited the same version.
            choice = None
    if choice is None:
        conflict = Conflict(_annotation(mine, my_refs, where), _annotation(other, other_refs, where))
        choice = resolve(conflict)
        tally.conflicts.append(replace(conflict, kept=choice))
    if choice is Resolution.OURS:
        tally.unchanged += 1
        return
    if choice is Resolution.BOTH:
        tally.copies.append(theirs)
        return
    taken = {**other, "revision": max(other["revision"], mine["revision"] + 1)}
    tally.replaces.append((taken, other_refs))
    tally.replaced[mine["id"]] = ours
    if other["deleted"] and not mine["deleted"]:
        tally.deleted += 1
    else:
        tally.updated += 1


def _fresh_copies(writer: MergeWriter, theirs: list[tuple[Row, Refs]]) -> list[tuple[Row, Refs]]:
    """Their side of conflicts kept as "both", under ids derived from theirs; copies made by an earlier merge of
    the same conflict are not made again."""
    copies: list[tuple[Row, Refs]] = []
    for row, refs in theirs:
        copy_id = str(uuid.uuid5(_COPY_NAMESPACE, f"{row['id']}/{row['revision']}/{row['modified'].isoformat()}"))
        copies.append(({**row, "id": copy_id, "revision": 1}, refs))
    present = writer.existing_ids([row["id"] for row, _refs in copies])
    return [(row, refs) for row, refs in copies if row["id"] not in present]


def _annotation(row: Row, refs: Refs, where: str) -> Annotation:
    return annotation_from(row, [treaty_ref(ref, custom) for _position, ref, custom in refs], where)
