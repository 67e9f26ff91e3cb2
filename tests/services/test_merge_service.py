"""Merging a colleague's database: additions, edits, deletions, themes made twice, conflicts, and merging again."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from annotator.domain.model import Anchor, Annotation, Judgment, Rect, TreatyRef, new_id
from annotator.services.merge import Conflict, Resolution, merge
from annotator.store.database import Database
from annotator.store.repository import Repository

FINGERPRINT = hashlib.sha256(b"coalitieakkoord-2021-2025.pdf").hexdigest()


def _annotation(page: int, quote: str, author: str = "Fatima", **changes: object) -> Annotation:
    return Annotation(
        id=new_id(), document=FINGERPRINT, author=author,
        anchor=Anchor(page=page, quads=(Rect(72, 100, 272, 112),), exact=quote),
        references=(TreatyRef.parse("echr:3"), TreatyRef.parse("Kinderpardon-motie")),
    ).changed(**changes)


@pytest.fixture
def shared(tmp_path: Path) -> tuple[Path, Path, list[Annotation]]:
    """Our database with three annotations, and a colleague's copy of it (as when the review is shared)."""
    mine = tmp_path / "mine.sqlite"
    with Database.open(str(mine)) as db:
        repo = Repository(db)
        repo.ensure_document(FINGERPRINT, "Omzien naar elkaar", 50, [], "coalitieakkoord.pdf")
        repo.reviewer("Fatima")
        theme = repo.add_theme("Migratie")
        stored = [repo.add(_annotation(page, f"passage {page}", theme_id=theme.id)) for page in range(3)]
    theirs = tmp_path / "colleague.sqlite"
    shutil.copy(mine, theirs)
    return mine, theirs, stored


def test_colleague_adds_edits_and_deletes(shared: tuple[Path, Path, list[Annotation]]) -> None:
    mine, theirs, stored = shared
    with Database.open(str(theirs)) as db:
        repo = Repository(db)
        repo.reviewer("Joost")
        wonen = repo.add_theme("Wonen")
        added = repo.add(_annotation(7, "huurwoningen", author="Joost", theme_id=wonen.id,
                                     judgment=Judgment.CONCERN))
        repo.save(stored[0].changed(comment="Zie ook art. 8 EVRM", judgment=Judgment.VIOLATION))
        repo.delete(stored[1].id, stored[1].revision)
    with Database.open(str(mine)) as db:
        summary = merge(db, theirs)
        assert (summary.added, summary.updated, summary.deleted, len(summary.conflicts)) == (1, 1, 1, 0)
        assert summary.themes_added == ("Wonen",)
        assert summary.backup_path is not None and summary.backup_path.exists()
        repo = Repository(db)
        live = {a.id: a for a in repo.annotations(FINGERPRINT)}
        assert set(live) == {stored[0].id, stored[2].id, added.id}
        assert live[stored[0].id].judgment is Judgment.VIOLATION
        assert live[stored[0].id].comment == "Zie ook art. 8 EVRM"
        assert live[added.id].references == added.references  # custom reference kept verbatim
        assert repo.theme(live[added.id].theme_id or "").title == "Wonen"  # type: ignore[union-attr]
        assert repo.get(stored[1].id, include_deleted=True).deleted  # type: ignore[union-attr]
        assert "Joost" in repo.reviewers()
        # Merging the same file again changes nothing.
        again = merge(db, theirs)
        assert not again.changed_anything and again.unchanged == 3 + 1
        token = repo.change_token(FINGERPRINT)
        merge(db, theirs)
        assert repo.change_token(FINGERPRINT) == token


def test_merging_both_ways_agrees(shared: tuple[Path, Path, list[Annotation]]) -> None:
    mine, theirs, stored = shared
    with Database.open(str(mine)) as db:
        Repository(db).save(stored[2].changed(comment="mijn opmerking"))
    with Database.open(str(theirs)) as db:
        Repository(db).save(stored[0].changed(comment="hun opmerking"))
    with Database.open(str(mine)) as db:
        assert merge(db, theirs).updated == 1
    with Database.open(str(theirs)) as db:
        assert merge(db, mine).updated == 1
    contents = []
    for path in (mine, theirs):
        with Database.open(str(path)) as db:
            contents.append({a.id: (a.comment, a.modified) for a in Repository(db).annotations(FINGERPRINT)})
    assert contents[0] == contents[1]
    assert contents[0][stored[0].id][0] == "hun opmerking" and contents[0][stored[2].id][0] == "mijn opmerking"


def test_the_same_theme_made_twice_becomes_one(tmp_path: Path) -> None:
    paths = []
    for name in ("mine", "theirs"):
        path = tmp_path / f"{name}.sqlite"
        with Database.open(str(path)) as db:
            repo = Repository(db)
            repo.ensure_document(FINGERPRINT, "Omzien naar elkaar", 50, [], "coalitieakkoord.pdf")
            theme = repo.add_theme("Migratie" if name == "mine" else "  migratie ")
            repo.add(_annotation(1, f"quote of {name}", theme_id=theme.id))
        paths.append(path)
    with Database.open(str(paths[0])) as db:
        summary = merge(db, paths[1])
        repo = Repository(db)
        assert summary.added == 1 and summary.themes_added == ()
        assert [theme.title for theme in repo.themes()] == ["Migratie"]
        assert {a.theme_id for a in repo.annotations(FINGERPRINT)} == {repo.themes()[0].id}


def _conflicting(shared: tuple[Path, Path, list[Annotation]]) -> tuple[Path, Path, Annotation]:
    """Both edit the first annotation: ours first, theirs a moment later."""
    mine, theirs, stored = shared
    with Database.open(str(mine)) as db:
        Repository(db).save(stored[0].changed(comment="ours"))
    with Database.open(str(theirs)) as db:
        Repository(db).save(stored[0].changed(comment="theirs"))
    return mine, theirs, stored[0]


def test_conflict_keeps_the_newer_and_is_listed(shared: tuple[Path, Path, list[Annotation]]) -> None:
    mine, theirs, first = _conflicting(shared)
    with Database.open(str(mine)) as db:
        summary = merge(db, theirs)
        assert len(summary.conflicts) == 1
        conflict = summary.conflicts[0]
        assert (conflict.ours.comment, conflict.theirs.comment, conflict.kept) == ("ours", "theirs", "theirs")
        assert Repository(db).get(first.id).comment == "theirs"  # type: ignore[union-attr]
        again = merge(db, theirs)
        assert not again.changed_anything and not again.conflicts


def test_conflict_kept_ours_stays_ours_on_the_next_merge(shared: tuple[Path, Path, list[Annotation]]) -> None:
    mine, theirs, first = _conflicting(shared)
    with Database.open(str(mine)) as db:
        summary = merge(db, theirs, resolve=lambda conflict: Resolution.OURS)
        assert summary.conflicts[0].kept == Resolution.OURS
        assert Repository(db).get(first.id).comment == "ours"  # type: ignore[union-attr]
        assert not merge(db, theirs).conflicts  # resolved once; the stamp remembers it


def test_keep_both_adds_their_version_as_a_copy_once(shared: tuple[Path, Path, list[Annotation]]) -> None:
    mine, theirs, first = _conflicting(shared)
    seen: list[Conflict] = []

    def both(conflict: Conflict) -> Resolution:
        seen.append(conflict)
        return Resolution.BOTH

    with Database.open(str(mine)) as db:
        summary = merge(db, theirs, resolve=both)
        assert summary.copies == 1 and len(seen) == 1
        comments = sorted(a.comment for a in Repository(db).annotations(FINGERPRINT) if a.anchor.page == 0)
        assert comments == ["ours", "theirs"]
        merge(db, theirs, resolve=both)
        assert len(Repository(db).annotations(FINGERPRINT)) == 4


def test_first_merge_without_history_decides_by_revision_and_time(shared: tuple[Path, Path, list[Annotation]]) -> None:
    mine, theirs, stored = shared
    # They edited twice; we did nothing: theirs has the higher revision and the later time, so it wins silently.
    with Database.open(str(theirs)) as db:
        repo = Repository(db)
        once = repo.save(stored[1].changed(comment="een"))
        repo.save(once.changed(comment="twee"))
    # Two edits of ours, older than their one edit: our revision is higher, their time later: a conflict.
    with Database.open(str(mine)) as db:
        repo = Repository(db)
        edited = repo.save(stored[2].changed(comment="a"))
        repo.save(edited.changed(comment="b"))
    with Database.open(str(theirs)) as db:
        Repository(db).save(stored[2].changed(comment="hun versie"))
    with Database.open(str(mine)) as db:
        summary = merge(db, theirs)
        assert summary.updated == 2  # theirs silently, and the conflict kept theirs (newer)
        assert Repository(db).get(stored[1].id).comment == "twee"  # type: ignore[union-attr]
        assert [c.theirs.comment for c in summary.conflicts] == ["hun versie"]
