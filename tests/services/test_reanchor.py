"""Carrying a review over to the next version of the agreement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fitz
import pytest

from annotator.domain.model import AnchorStatus, Judgment, TreatyRef
from annotator.pdf.anchoring import Anchorer
from annotator.pdf.document import document_title, file_fingerprint
from annotator.pdf.labels import page_labels
from annotator.pdf.textmodel import extract_page_text
from annotator.services.commands import AddAnnotations
from annotator.services.reanchor import reanchor
from annotator.services.review import DocumentIdentity, Review
from annotator.store.database import Database
from annotator.store.repository import Repository

QUOTES = {
    "aandacht voor emotioneel herstel": Judgment.CONCERN,  # PDF page 6
    "In Nederland is er altijd ruimte om mensen op te vangen": Judgment.WELCOME,  # PDF page 44
    "Omzien naar elkaar": Judgment.NOTE,  # the cover, which the new version drops
}


@pytest.fixture
def versions(agreement_2021: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The agreement and a 'new version' without its first three pages."""
    new = tmp_path / "akkoord-v2.pdf"
    doc = fitz.open(agreement_2021)
    doc.delete_pages(0, 2)
    doc.save(new)
    return agreement_2021, new


def _review_of(db: Database, pdf: Path) -> Review:
    doc = fitz.open(pdf)
    texts = [extract_page_text(page) for page in doc]
    identity = DocumentIdentity(file_fingerprint(pdf), document_title(doc, pdf), doc.page_count, page_labels(doc),
                                pdf.name)
    review = Review.open(db, identity, "Fatima", ["Asiel en migratie"])
    anchorer = Anchorer(texts)
    items = []
    for quote, judgment in QUOTES.items():
        placement = anchorer.place(quote)
        assert placement.anchor is not None, quote
        items.append(review.new_annotation(placement.anchor, judgment=judgment, theme_id=review.themes[0].id,
                                           references=(TreatyRef.parse("echr:8"),), comment=f"over {quote[:10]}"))
    review.execute(AddAnnotations(items))
    return review


def test_annotations_follow_the_text_into_the_new_version(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = versions
    db = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    _review_of(db, old)
    report = reanchor(db, old, new)
    assert (report.anchored, report.ambiguous, report.orphaned) == (2, 0, 1)
    carried = {a.quote: a for a in Repository(db).annotations(file_fingerprint(new), include_deleted=False)}
    emotional = carried["aandacht voor emotioneel herstel"]
    assert emotional.anchor.page == 2 and emotional.anchor.quads  # page 6 moved up by three pages
    assert emotional.judgment is Judgment.CONCERN and emotional.references == (TreatyRef.parse("echr:8"),)
    assert emotional.comment.startswith("over ")
    lost = carried["Omzien naar elkaar"]
    assert lost.status is AnchorStatus.ORPHANED and not lost.anchor.quads
    assert Repository(db).document(file_fingerprint(new))["supersedes"] == file_fingerprint(old)
    # The old version keeps its own annotations, and doing it again adds nothing.
    assert len(Repository(db).annotations(file_fingerprint(old))) == 3
    again = reanchor(db, old, new)
    assert again.skipped_existing == 3 and again.anchored == 0
    db.close()


def test_a_carry_over_the_database_refuses_halfway_records_no_new_version(versions: tuple[Path, Path],
                                                                          tmp_path: Path) -> None:
    from sqlalchemy import text

    old, new = versions
    db = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    _review_of(db, old)
    with db.engine.begin() as connection:  # the database refuses one of the carried annotations
        connection.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON annotations WHEN NEW.document = "
                                f"'{file_fingerprint(new)}' AND NEW.exact = 'Omzien naar elkaar' "
                                "BEGIN SELECT RAISE(ABORT, 'refused by a rule'); END"))
    with pytest.raises(Exception):
        reanchor(db, old, new)
    repo = Repository(db)
    assert repo.document(file_fingerprint(new)) is None and repo.annotations(file_fingerprint(new)) == []
    db.close()


def test_the_command_reports_per_annotation(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = versions
    path = tmp_path / "review.sqlite"
    db = Database.open(f"sqlite:///{path}")
    _review_of(db, old)
    db.close()
    result = subprocess.run([sys.executable, "-m", "annotator", "reanchor", "--from", str(old), "--to", str(new),
                             "--json", "--db", str(path)], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["anchored"], data["orphaned"]) == (2, 1)
    pages = {item["quote"]: item["new_page"] for item in data["annotations"]}
    assert pages["In Nederland is er altijd ruimte om mensen op te vangen"] == 41
    bad = subprocess.run([sys.executable, "-m", "annotator", "reanchor", "--from", str(old), "--to",
                          str(tmp_path / "weg.pdf"), "--db", str(path)], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and bad.stderr.startswith("error: ")
