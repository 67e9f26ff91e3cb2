"""What a reviewer stores comes back exactly, in reading order, after the program is closed and opened again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from annotator.domain.model import (
    Anchor,
    AnchorStatus,
    Annotation,
    AnnotationKind,
    Judgment,
    Rect,
    Theme,
    TreatyRef,
    new_id,
)
from annotator.store.database import Database
from annotator.store.repository import ConflictError, DuplicateError, NotFoundError, Repository, StoreError
from store_support import FINGERPRINT

Make = Callable[..., Annotation]
AMSTERDAM_SUMMER = timezone(timedelta(hours=2))


def full_annotation(theme_id: str) -> Annotation:
    """An annotation with every field away from its default, and values that are easy to get subtly wrong."""
    return Annotation(
        id=new_id(),
        document=FINGERPRINT,
        author="Fatima el Amrani",
        anchor=Anchor(
            page=17,
            quads=(
                Rect(72.00000000000001, 0.1 + 0.2, 523.2755905511812, 101.5),
                Rect(1e-7, 113.25, 210.0, 125.75),
            ),
            exact="De regering beperkt\nhet recht op gezinshereniging – ‘tijdelijk’.",
            prefix="Asiel en migratie. ",
            suffix=" Dit geldt voor",
            start=1234,
            end=1301,
        ),
        status=AnchorStatus.AMBIGUOUS,
        kind=AnnotationKind.TEXT,
        judgment=Judgment.SERIOUS_CONCERN,
        theme_id=theme_id,
        references=(
            TreatyRef.parse("echr:8"),
            TreatyRef.parse("echr:P4-4"),
            TreatyRef.parse("Art. 3 lid 1 IVRK"),
            TreatyRef(instrument="", article="", custom="kinderrechten:gezinsleven"),
        ),
        comment="Raakt ook art. 10 IVRK.\nZie de brief van 2021.",
        sources=("https://www.coe.int/en/web/echr", "urn:sha256:abc"),
        include_in_letter=False,
        created=datetime(2024, 3, 31, 23, 59, 59, 999999, tzinfo=AMSTERDAM_SUMMER),
        modified=datetime(2024, 4, 1, 8, 0, 0, 1, tzinfo=timezone.utc),
        revision=7,
    )


def test_every_field_survives_closing_and_reopening(db_url: str, repo: Repository, db: Database) -> None:
    theme = repo.add_theme("Asiel en migratie")
    original = full_annotation(theme.id)
    stored = repo.add(original)
    db.close()

    reopened = Repository(Database.open(db_url))
    back = reopened.get(original.id)

    assert stored == original.changed(revision=1)
    assert back == stored
    assert back is not None and back.anchor is not None
    assert back.anchor.quads == original.anchor.quads  # type: ignore[union-attr]
    assert back.references[3].is_custom and str(back.references[3]) == "kinderrechten:gezinsleven"
    assert back.references[2].custom == "Art. 3 lid 1 IVRK"
    assert back.created.microsecond == 999999 and back.modified.microsecond == 1
    assert back.created.utcoffset() == timedelta(0)


def test_an_annotation_without_a_place_is_kept(repo: Repository) -> None:
    orphan = Annotation(
        id=new_id(),
        document=FINGERPRINT,
        author="Joost",
        anchor=None,
        status=AnchorStatus.ORPHANED,
        kind=AnnotationKind.AREA,
        judgment=Judgment.NOTE,
    )
    repo.add(orphan)
    back = repo.get(orphan.id)
    assert back == orphan
    assert back is not None and back.anchor is None and back.quote == ""


def test_a_passage_over_a_page_break_keeps_the_page_of_each_quad(repo: Repository, make_annotation: Make) -> None:
    anchor = Anchor(page=5, quads=(Rect(70.5, 780.0, 500.0, 792.0), Rect(70.5, 60.0, 320.25, 72.0)),
                    exact="één alinea over de paginagrens", start=2100, end=48, quad_pages=(5, 6))
    spanning = make_annotation().changed(anchor=anchor)
    repo.add(spanning)
    back = repo.get(spanning.id)
    assert back is not None and back.anchor == anchor
    assert back.anchor.quads_on(6) == (Rect(70.5, 60.0, 320.25, 72.0),)
    assert [a.id for a in repo.annotations(FINGERPRINT, page=5)] == [spanning.id]


def test_annotations_come_in_reading_order(repo: Repository, make_annotation: Make) -> None:
    lower = repo.add(make_annotation(page=2, top=500.0))
    right = repo.add(make_annotation(page=2, top=100.0, left=300.0))
    left = repo.add(make_annotation(page=2, top=100.0, left=72.0))
    first_page = repo.add(make_annotation(page=0, top=700.0))
    orphan = repo.add(make_annotation(anchor=None, status=AnchorStatus.ORPHANED))

    order = [a.id for a in repo.annotations(FINGERPRINT)]

    assert order == [first_page.id, left.id, right.id, lower.id, orphan.id]
    assert [a.id for a in repo.annotations(FINGERPRINT, page=2)] == [left.id, right.id, lower.id]


def test_filter_by_treaty_reference_including_custom_ones(repo: Repository, make_annotation: Make) -> None:
    torture = repo.add(make_annotation(references=(TreatyRef.parse("echr:3"),)))
    family = repo.add(make_annotation(references=(TreatyRef.parse("echr:8"), TreatyRef.parse("crc:10"))))
    custom = repo.add(make_annotation(references=(TreatyRef.parse("Handvest art. 7"),)))

    assert [a.id for a in repo.annotations(FINGERPRINT, reference="echr:8")] == [family.id]
    assert [a.id for a in repo.annotations(FINGERPRINT, reference=TreatyRef.parse("echr:3"))] == [torture.id]
    assert [a.id for a in repo.annotations(FINGERPRINT, reference="Handvest art. 7")] == [custom.id]


def test_edit_then_undo_puts_back_the_exact_earlier_value(repo: Repository, make_annotation: Make) -> None:
    before = repo.add(make_annotation(judgment=Judgment.CONCERN, comment="eerste versie"))
    after = repo.save(before.changed(judgment=Judgment.VIOLATION, comment="", references=()))

    undone = repo.restore(before, expected_revision=after.revision)

    assert after.revision == 2 and after.modified > before.modified
    assert undone.revision == 3
    assert undone.changed(revision=before.revision, modified=before.modified) == before
    assert repo.get(before.id) == undone


def test_delete_leaves_a_tombstone_and_undo_brings_it_back(repo: Repository, make_annotation: Make) -> None:
    kept = repo.add(make_annotation())
    gone = repo.add(make_annotation(page=3))

    tombstone = repo.delete(gone.id, expected_revision=1)

    assert tombstone.deleted and tombstone.revision == 2
    assert repo.get(gone.id) is None
    assert repo.get(gone.id, include_deleted=True) == tombstone
    assert [a.id for a in repo.annotations(FINGERPRINT)] == [kept.id]
    assert len(repo.annotations(FINGERPRINT, include_deleted=True)) == 2

    back = repo.restore(gone, expected_revision=tombstone.revision)
    assert not back.deleted and back.revision == 3
    assert [a.id for a in repo.annotations(FINGERPRINT)] == [kept.id, gone.id]


def test_mistakes_are_refused_with_a_plain_reason(repo: Repository, make_annotation: Make) -> None:
    existing = repo.add(make_annotation())
    with pytest.raises(DuplicateError, match=existing.id):
        repo.add(existing)
    with pytest.raises(NotFoundError, match="not recorded"):
        repo.add(make_annotation(document="0" * 64))
    with pytest.raises(NotFoundError, match="theme"):
        repo.add(make_annotation(theme_id=new_id()))
    missing = make_annotation()
    with pytest.raises(NotFoundError, match=missing.id):
        repo.save(missing)
    with pytest.raises(NotFoundError):
        repo.delete(missing.id, expected_revision=1)
    assert [a.id for a in repo.annotations(FINGERPRINT)] == [existing.id]


def test_documents_remember_their_last_file_name_and_predecessor(repo: Repository) -> None:
    first = repo.document(FINGERPRINT)
    newer = "f" * 64
    repo.ensure_document(
        newer, "Omzien naar elkaar (herzien)", 52, ["i", "ii", "1"], "akkoord-v2.pdf", supersedes=FINGERPRINT
    )
    repo.ensure_document(FINGERPRINT, "Omzien naar elkaar", 50, ["1", "2", "3"], "hernoemd.pdf")

    again = repo.document(FINGERPRINT)
    second = repo.document(newer)

    assert first is not None and again is not None and second is not None
    assert again["file_name"] == "hernoemd.pdf" and again["added"] == first["added"]
    assert second["supersedes"] == FINGERPRINT and second["page_labels"] == ["i", "ii", "1"]
    assert repo.document("0" * 64) is None
    assert [d["fingerprint"] for d in repo.documents()] == [FINGERPRINT, newer]


def test_themes_keep_their_order_and_unique_titles(repo: Repository) -> None:
    repo.seed_default_themes(["Asiel en migratie", "Klimaat", "Privacy"])
    migration, climate, privacy = repo.themes()
    housing = repo.add_theme("Wonen", position=1)

    assert [t.title for t in repo.themes()] == ["Asiel en migratie", "Wonen", "Klimaat", "Privacy"]
    with pytest.raises(DuplicateError, match="Klimaat"):
        repo.add_theme("  klimaat ")
    with pytest.raises(StoreError, match="title"):
        repo.add_theme("   ")

    repo.move_theme(privacy.id, 0)
    repo.rename_theme(housing.id, "Wonen en bestaanszekerheid")
    assert [(t.title, t.position) for t in repo.themes()] == [
        ("Privacy", 0),
        ("Asiel en migratie", 1),
        ("Wonen en bestaanszekerheid", 2),
        ("Klimaat", 3),
    ]

    removed = repo.delete_theme(migration.id)
    assert [t.title for t in repo.themes()] == ["Privacy", "Wonen en bestaanszekerheid", "Klimaat"]
    assert repo.theme(migration.id) == Theme(migration.id, "Asiel en migratie", 1)
    repo.add_theme("Asiel en migratie")  # the title is free again once the theme is deleted
    with pytest.raises(DuplicateError):
        repo.restore_theme(removed)
    repo.delete_theme(repo.themes()[-1].id)
    assert repo.restore_theme(removed) == removed
    assert [t.title for t in repo.themes()][:2] == ["Privacy", "Asiel en migratie"]

    for theme in repo.themes():
        repo.delete_theme(theme.id)
    repo.seed_default_themes(["Klimaat"])
    assert repo.themes() == []  # the reviewer deleted them; seeding is for a new database only
    assert climate.title == "Klimaat"


def test_reviewers_and_letter_settings(repo: Repository) -> None:
    fatima = repo.reviewer("Fatima el Amrani")
    assert repo.reviewer("Fatima el Amrani") == fatima
    joost = repo.reviewer("Joost")
    assert repo.reviewers() == {"Fatima el Amrani": fatima, "Joost": joost}

    repo.set_letter_setting("addressee", "Aan de leden van de Tweede Kamer")
    repo.set_letter_setting("language", "nl")
    repo.set_letter_setting("language", "en")
    assert repo.letter_settings() == {"addressee": "Aan de leden van de Tweede Kamer", "language": "en"}


def test_timestamps_without_timezone_are_refused(repo: Repository, make_annotation: Make) -> None:
    naive = make_annotation(created=datetime(2024, 1, 1, 12, 0))
    with pytest.raises(ValueError, match="timezone"):
        repo.add(naive)
    assert repo.annotations(FINGERPRINT) == []


def test_conflict_error_keeps_both_revisions_and_says_it_plainly(repo: Repository, make_annotation: Make) -> None:
    stored = repo.add(make_annotation())
    repo.save(stored.changed(comment="eerst"))
    with pytest.raises(ConflictError) as raised:
        repo.save(stored.changed(comment="daarna"))
    assert (raised.value.expected_revision, raised.value.stored_revision) == (1, 2)
    message = str(raised.value)  # what a reviewer reads: no ids, no revision numbers
    assert stored.id not in message and "revision" not in message and "not saved" in message
