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
    assert (data["exact"], data["fuzzy"], data["ambiguous"], data["orphaned"]) == (2, 0, 0, 1)
    assert data["aligned"] is True
    pages = {item["quote"]: item["new_page"] for item in data["annotations"]}
    assert pages["In Nederland is er altijd ruimte om mensen op te vangen"] == 41
    bad = subprocess.run([sys.executable, "-m", "annotator", "reanchor", "--from", str(old), "--to",
                          str(tmp_path / "weg.pdf"), "--db", str(path)], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and bad.stderr.startswith("error: ")


def test_a_changed_passage_comes_over_fuzzy_with_what_the_review_needs(agreement_2021: Path, tmp_path: Path) -> None:
    """The issue's example: "de meldplicht aan te scherpen" becoming "de meldplicht verder aan te scherpen"."""
    new = tmp_path / "akkoord-v2.pdf"
    doc = fitz.open(agreement_2021)
    page = doc[10]
    page.insert_textbox(fitz.Rect(72, 760, 523, 800), "Wij stellen voor de meldplicht verder aan te scherpen.",
                        fontsize=9)
    doc.save(new)
    doc.close()
    old_doc = tmp_path / "akkoord-v1.pdf"
    doc = fitz.open(agreement_2021)
    doc[10].insert_textbox(fitz.Rect(72, 760, 523, 800), "Wij stellen voor de meldplicht aan te scherpen.",
                           fontsize=9)
    doc.save(old_doc)
    doc.close()
    db = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    texts = [extract_page_text(p) for p in fitz.open(old_doc)]
    identity = DocumentIdentity(file_fingerprint(old_doc), "Akkoord", len(texts), [], old_doc.name)
    review = Review.open(db, identity, "Fatima", ["Arbeid"])
    anchorer = Anchorer(texts)
    made = [anchorer.place(q).anchor for q in ("de meldplicht aan te scherpen", "aandacht voor emotioneel herstel")]
    items = [review.new_annotation(anchor, judgment=Judgment.CONCERN) for anchor in made if anchor is not None]
    review.execute(AddAnnotations(items))
    report = reanchor(db, old_doc, new)
    assert report.aligned and (report.exact, report.fuzzy, report.ambiguous, report.orphaned) == (1, 1, 0, 0)
    fuzzy = next(item for item in report.items if item.status is AnchorStatus.FUZZY)
    assert fuzzy.new_quote == "de meldplicht verder aan te scherpen" and fuzzy.new_page == 10
    repo = Repository(db)
    carried = repo.carried([fuzzy.carried])[fuzzy.carried]
    assert (carried.original_id, carried.old_document, carried.old_quote, carried.old_page) == (
        fuzzy.original, file_fingerprint(old_doc), "de meldplicht aan te scherpen", 10)
    assert carried.outcome is AnchorStatus.FUZZY and carried.score == fuzzy.score
    assert repo.get(fuzzy.carried).status is AnchorStatus.FUZZY  # type: ignore[union-attr]
    assert len(repo.carried_into(file_fingerprint(new))) == 2
    again = reanchor(db, old_doc, new)
    assert again.skipped_existing == 2 and not again.items
    assert len(repo.carried_into(file_fingerprint(new))) == 2
    db.close()


def test_the_command_carries_over_from_a_fingerprint_by_searching(versions: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    old, new = versions
    path = tmp_path / "review.sqlite"
    db = Database.open(f"sqlite:///{path}")
    _review_of(db, old)
    db.close()
    result = subprocess.run([sys.executable, "-m", "annotator", "reanchor", "--from", file_fingerprint(old), "--to",
                             str(new), "--json", "--db", str(path)], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["aligned"] is False and (data["exact"], data["orphaned"]) == (2, 1)
    item = next(item for item in data["annotations"] if item["status"] == "exact")
    assert set(item) == {"id", "new_id", "status", "old_page", "new_page", "quote", "new_quote", "score"}
    plain = subprocess.run([sys.executable, "-m", "annotator", "reanchor", "--from", str(old), "--to", str(new),
                            "--db", str(path)], capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert plain.returncode == 0 and "skipped (carried over before): 3" in plain.stdout

