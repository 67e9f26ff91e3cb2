"""Planning a merge (what both sides changed, with both versions) leaves our database as it was; applying it keeps
what the reviewer chose. On an SQLite file and on the team's PostgreSQL server alike."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.domain.model import Anchor, Annotation, Judgment, Rect, new_id
from annotator.services.database import Database, open_database
from annotator.services.merge import MergeRefused, Resolution, apply_merge, plan_merge
from annotator.store.repository import Repository

FINGERPRINT = hashlib.sha256(b"regeerakkoord-voorbeeld.pdf").hexdigest()
PG_URL = os.environ.get("ANNOTATOR_TEST_PG_URL", "")
_TABLES = "carried, annotation_refs, annotations, themes, reviewers, documents, letter_settings, alembic_version"


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP TABLE IF EXISTS {_TABLES} CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def ours(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """Our database: an SQLite file, and the PostgreSQL server when ANNOTATOR_TEST_PG_URL is set."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ours.sqlite'}"
    else:
        if not PG_URL:
            pytest.skip("set ANNOTATOR_TEST_PG_URL to run the merge tests against PostgreSQL")
        _reset_postgres(PG_URL)
        url = PG_URL
    db = open_database(url)
    yield db
    db.close()


def _annotation(quote: str, **changes: object) -> Annotation:
    return Annotation(id=new_id(), document=FINGERPRINT, author="Fatima",
                      anchor=Anchor(page=3, quads=(Rect(72, 100, 272, 112),), exact=quote)).changed(**changes)


def _record(db: Database, *annotations: Annotation) -> Repository:
    repo = Repository(db)
    repo.ensure_document(FINGERPRINT, "Samen verder, met open blik", 16, [], "regeerakkoord-voorbeeld.pdf")
    for annotation in annotations:
        repo.add(annotation)
    return repo


@pytest.fixture
def both_changed(ours: Database, tmp_path: Path) -> tuple[Database, Path, Annotation, Annotation]:
    """Both sides hold the same annotation and changed it; the colleague also added one and changed it later."""
    shared = _annotation("vreemdelingenbewaring van gezinnen met minderjarige kinderen")
    repo = _record(ours, shared)
    repo.save(repo.get(shared.id).changed(comment="mijn toelichting", judgment=Judgment.VIOLATION))  # type: ignore[union-attr]
    theirs = tmp_path / "jan.sqlite"
    with open_database(str(theirs)) as colleague:
        their_repo = _record(colleague, shared)
        their_repo.save(their_repo.get(shared.id).changed(comment="Jan: art. 37 IVRK", author="Jan"))  # type: ignore[union-attr]
        theme = their_repo.add_theme("Kinderen")
        their_repo.reviewer("Jan")
        added = their_repo.add(_annotation("grootschalige opvang van minderjarigen", author="Jan", theme_id=theme.id))
    return ours, theirs, shared, added


def _state(db: Database) -> tuple[object, ...]:
    repo = Repository(db)
    return (repo.change_token(FINGERPRINT),
            sorted((a.id, a.comment, a.revision) for a in repo.annotations(FINGERPRINT, include_deleted=True)),
            [theme.title for theme in repo.themes()], repo.reviewers())


def test_the_plan_lists_both_versions_and_changes_nothing(both_changed: tuple[Database, Path, Annotation,
                                                                               Annotation]) -> None:
    ours, theirs, shared, added = both_changed
    before = _state(ours)
    plan = plan_merge(ours, theirs)
    assert plan.source == theirs.resolve()
    assert (plan.added, plan.updated, plan.deleted) == (1, 0, 0)
    (conflict,) = plan.conflicts
    assert conflict.ours.id == conflict.theirs.id == shared.id
    assert (conflict.ours.comment, conflict.theirs.comment) == ("mijn toelichting", "Jan: art. 37 IVRK")
    assert conflict.ours.judgment is Judgment.VIOLATION and conflict.theirs.author == "Jan"
    assert conflict.kept is Resolution.THEIRS  # theirs is newer: what a merge keeps unless told otherwise
    assert _state(ours) == before
    assert plan_merge(ours, theirs).conflicts[0].theirs == conflict.theirs  # planning again finds the same


def test_applying_keeps_what_the_reviewer_chose(both_changed: tuple[Database, Path, Annotation, Annotation]) -> None:
    ours, theirs, shared, added = both_changed
    plan = plan_merge(ours, theirs)
    summary = apply_merge(ours, theirs, {plan.conflicts[0].ours.id: "ours"})
    assert summary.added == 1 and [c.kept for c in summary.conflicts] == [Resolution.OURS]
    repo = Repository(ours)
    assert repo.get(shared.id).comment == "mijn toelichting"  # type: ignore[union-attr]
    assert repo.get(added.id).author == "Jan"  # type: ignore[union-attr]
    assert [theme.title for theme in repo.themes()] == ["Kinderen"] and "Jan" in repo.reviewers()
    assert (summary.backup_path is not None) == (ours.path is not None)  # a file is backed up; the server is not
    # Decided once: the next plan has nothing to ask.
    again = plan_merge(ours, theirs)
    assert again.conflicts == [] and again.added == 0


def test_keep_both_adds_theirs_as_a_copy(both_changed: tuple[Database, Path, Annotation, Annotation]) -> None:
    ours, theirs, shared, _added = both_changed
    summary = apply_merge(ours, theirs, {shared.id: Resolution.BOTH})
    assert summary.copies == 1
    comments = sorted(a.comment for a in Repository(ours).annotations(FINGERPRINT))
    assert comments == ["", "Jan: art. 37 IVRK", "mijn toelichting"]


def test_a_conflict_the_plan_did_not_show_keeps_the_newer(both_changed: tuple[Database, Path, Annotation,
                                                                               Annotation]) -> None:
    ours, theirs, shared, _added = both_changed
    summary = apply_merge(ours, theirs, {})
    assert [c.kept for c in summary.conflicts] == [Resolution.THEIRS]
    assert Repository(ours).get(shared.id).comment == "Jan: art. 37 IVRK"  # type: ignore[union-attr]


def test_a_crafted_file_and_our_own_file_are_refused(ours: Database, tmp_path: Path) -> None:
    _record(ours, _annotation("Kleinschalige woonvormen"))
    before = _state(ours)
    crafted = tmp_path / "crafted.sqlite"
    crafted.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(MergeRefused, match="crafted.sqlite"):
        plan_merge(ours, crafted)
    with pytest.raises(MergeRefused, match="crafted.sqlite"):
        apply_merge(ours, crafted, {})
    if ours.path is not None:
        with pytest.raises(MergeRefused, match="your own database"):
            plan_merge(ours, ours.path)
    assert _state(ours) == before
