"""The overview counts each judgment per theme and per chapter of the agreement, from the live annotations."""

from __future__ import annotations

from pathlib import Path

import fitz
import pytest

from annotator.domain.model import Anchor, AnchorStatus, Judgment, Rect
from annotator.pdf.facts import file_fingerprint
from annotator.pdf.render import OutlineEntry
from annotator.services.commands import AddAnnotations, DeleteAnnotations
from annotator.services.overview import (
    COLUMNS,
    Chapter,
    OverviewError,
    by_chapter,
    chapters_from_outline,
    document_overview,
    read_document,
    review_overview,
)
from annotator.services.review import DocumentIdentity, Review
from annotator.store.database import Database

# Chapters of the test copy: PDF pages (1-based, as a TOC has them) where each begins.
TOC = [[1, "1. Asiel en migratie", 3], [2, "1.1 Opvang", 4], [1, "2. Rechtsstaat", 10], [1, "3. Klimaat", 30]]


@pytest.fixture
def agreement_with_outline(agreement_2021: Path, tmp_path: Path) -> Path:
    """The 2021 agreement with an outline of three chapters (the original has none)."""
    path = tmp_path / "akkoord-met-hoofdstukken.pdf"
    doc = fitz.open(agreement_2021)
    doc.set_toc(TOC)
    doc.save(path)
    doc.close()
    return path


def _anchor(page: int, y: float = 100.0) -> Anchor:
    return Anchor(page=page, quads=(Rect(72.0, y, 300.0, y + 10.0),), exact=f"passage op pagina {page + 1}")


def _review(db: Database, pdf: Path) -> Review:
    """A review with, per theme: asylum 2 concerns, a violation and an unjudged one (one of the concerns deleted
    again, one an orphan); rule of law a welcome; no theme a note and a serious concern."""
    doc = fitz.open(pdf)
    identity = DocumentIdentity(file_fingerprint(pdf), "Akkoord", doc.page_count, [""] * doc.page_count, pdf.name)
    doc.close()
    review = Review.open(db, identity, "Fatima", ["Asiel en migratie", "Democratische rechtsstaat", "Klimaat"])
    asylum, law, _climate = (theme.id for theme in review.themes)
    items = [
        review.new_annotation(_anchor(3), judgment=Judgment.CONCERN, theme_id=asylum),  # chapter 1
        review.new_annotation(_anchor(5), judgment=Judgment.CONCERN, theme_id=asylum),  # chapter 1, deleted below
        review.new_annotation(None, judgment=Judgment.CONCERN, theme_id=asylum, status=AnchorStatus.ORPHANED),
        review.new_annotation(_anchor(12), judgment=Judgment.VIOLATION, theme_id=asylum),  # chapter 2
        review.new_annotation(_anchor(40), theme_id=asylum),  # chapter 3, not judged
        review.new_annotation(_anchor(8, 700.0), judgment=Judgment.WELCOME, theme_id=law),  # chapter 1, last page
        review.new_annotation(_anchor(0), judgment=Judgment.NOTE),  # the cover: before the first chapter
        review.new_annotation(_anchor(29), judgment=Judgment.SERIOUS_CONCERN),  # chapter 3, its first page
    ]
    review.execute(AddAnnotations(items))
    review.execute(DeleteAnnotations([review.annotations[items[1].id]]))
    return review


def _counts(**named: int) -> tuple[int, ...]:
    names = {judgment.name.lower() if judgment else "none": judgment for judgment in COLUMNS}
    counts = [0] * len(COLUMNS)
    for name, count in named.items():
        counts[COLUMNS.index(names[name])] = count
    return tuple(counts)


def test_counts_per_theme_in_the_themes_order_with_the_points_without_a_theme_last(
        agreement_with_outline: Path, tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    review = _review(db, agreement_with_outline)
    overview = review_overview(review.annotations, review.themes, "theme", [], "nl", "Akkoord")
    assert [group.title for group in overview.groups] == ["Asiel en migratie", "Democratische rechtsstaat", "Klimaat",
                                                         "Overige punten"]
    asylum, law, climate, other = overview.groups
    assert asylum.counts == _counts(concern=2, violation=1, none=1)  # the deleted concern is gone, the orphan counts
    assert law.counts == _counts(welcome=1)
    assert climate.counts == _counts() and climate.total == 0  # an empty theme keeps its bar
    assert other.counts == _counts(note=1, serious_concern=1) and other.other and other.theme_id is None
    assert asylum.theme_id == review.themes[0].id
    assert overview.total == 7 and overview.totals() == _counts(welcome=1, note=1, concern=2, serious_concern=1,
                                                                 violation=1, none=1)
    english = review_overview(review.annotations, review.themes, "theme", [], "en")
    assert english.groups[-1].title == "Other points"
    db.close()


def test_counts_per_chapter_of_the_outline_read_in_a_pdf_process(agreement_with_outline: Path,
                                                                  tmp_path: Path) -> None:
    document = read_document(agreement_with_outline)
    assert document.fingerprint == file_fingerprint(agreement_with_outline)
    assert document.page_count == 50
    assert document.chapters == (Chapter("1. Asiel en migratie", 2), Chapter("2. Rechtsstaat", 9),
                                 Chapter("3. Klimaat", 29))
    db = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    _review(db, agreement_with_outline)
    overview = document_overview(db, document, "chapter", "nl")
    assert [group.title for group in overview.groups] == ["Vóór het eerste hoofdstuk", "1. Asiel en migratie",
                                                         "2. Rechtsstaat", "3. Klimaat"]
    front, asylum, law, climate = overview.groups
    assert front.counts == _counts(note=1) and front.pages == (0, 1)
    assert asylum.counts == _counts(concern=1, welcome=1) and asylum.pages == (2, 8)
    assert law.counts == _counts(violation=1) and law.pages == (9, 28)
    assert climate.counts == _counts(serious_concern=1, none=1) and climate.pages == (29, 49)
    assert overview.total == 6  # the orphan has no page, the deleted one is gone
    by_theme = document_overview(db, document, "theme", "en")
    assert by_theme.groups[-1].title == "Other points" and by_theme.total == 7
    db.close()


def test_a_document_without_an_outline_has_no_chapters(agreement_2021: Path, tmp_path: Path) -> None:
    document = read_document(agreement_2021)
    assert document.chapters == ()
    overview = by_chapter([], document.chapters, "en")
    assert overview.groups == () and not overview.has_outline


def test_a_document_the_database_does_not_hold_is_refused(agreement_with_outline: Path, tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with pytest.raises(OverviewError, match="holds no annotations of this document"):
        document_overview(db, read_document(agreement_with_outline), "theme")
    db.close()


def test_chapters_are_the_top_level_entries_or_the_level_under_a_single_title() -> None:
    flat = [OutlineEntry(1, "Inleiding", 2), OutlineEntry(2, "1.1", 3), OutlineEntry(1, "Bijlage", 14),
            OutlineEntry(1, "Nergens", -1)]
    assert chapters_from_outline(flat) == [Chapter("Inleiding", 2), Chapter("Bijlage", 14)]
    titled = [OutlineEntry(1, "Coalitieakkoord", 0), OutlineEntry(2, "Migratie", 3), OutlineEntry(3, "a", 4),
              OutlineEntry(2, "Klimaat", 9)]
    assert chapters_from_outline(titled) == [Chapter("Migratie", 3), Chapter("Klimaat", 9)]
    assert chapters_from_outline([]) == []
