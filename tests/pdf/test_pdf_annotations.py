"""The review inside the PDF: an annotated copy readable by other readers, and highlights of other readers read in."""

from __future__ import annotations

import shutil
from pathlib import Path

import fitz
import pytest

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import Anchor, AnchorStatus, Annotation, AnnotationKind, Judgment, Rect, TreatyRef
from annotator.domain.model import new_id
from annotator.paths import resources_dir
from annotator.pdf.anchoring import Anchorer
from annotator.domain.model import JUDGMENT_COLOURS
from annotator.pdf.annotations import nearest_judgment, read_pdf_highlights, rgb
from annotator.pdf.document import file_fingerprint, open_pdf
from annotator.pdf.textmodel import extract_page_text
from annotator.services.pdf_export import export_pdf, import_pdf_highlights
from annotator.store.database import Database
from annotator.store.repository import Repository
from corpus import corpus_file
from pdf_builders import COMMENTED_HIGHLIGHTS, COMMENTED_INK_NOTE, COMMENTED_STICKY_NOTE

QUOTES = {
    "We intensiveren de ingezette omslag naar geïntegreerde gewasbescherming": Judgment.WELCOME,
    "Onze economie draait op bedrijven en ondernemers.": Judgment.SERIOUS_CONCERN,
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(resources_dir() / "treaties.json")


@pytest.fixture
def review(tmp_path: Path, agreement_2021: Path) -> tuple[Database, list[Annotation]]:
    """A database with two placed annotations, an area, and an orphan on the 2021 agreement."""
    doc = open_pdf(agreement_2021)
    try:
        texts = [extract_page_text(page) for page in doc]
    finally:
        doc.close()
    anchorer = Anchorer(texts)
    db = Database.open(str(tmp_path / "review.sqlite"))
    repo = Repository(db)
    fingerprint = file_fingerprint(agreement_2021)
    repo.ensure_document(fingerprint, "Omzien naar elkaar", len(texts), [], agreement_2021.name)
    theme = repo.add_theme("Landbouw")
    stored = []
    for quote, judgment in QUOTES.items():
        placement = anchorer.place(quote)
        assert placement.anchor is not None
        stored.append(repo.add(Annotation(
            id=new_id(), document=fingerprint, author="Fatima", anchor=placement.anchor, judgment=judgment,
            theme_id=theme.id, references=(TreatyRef.parse("echr:8"),), comment="Let op de privacy.",
        )))
    stored.append(repo.add(Annotation(
        id=new_id(), document=fingerprint, author="Joost", kind=AnnotationKind.AREA, judgment=Judgment.NOTE,
        anchor=Anchor(page=3, quads=(Rect(100, 200, 300, 260),), exact=""),
    )))
    stored.append(repo.add(Annotation(
        id=new_id(), document=fingerprint, author="Joost", status=AnchorStatus.ORPHANED, judgment=Judgment.CONCERN,
        anchor=Anchor(page=0, quads=(), exact="een zin die er niet meer staat"),
    )))
    yield db, stored
    db.close()


def _annots(path: Path) -> list[tuple[int, str, dict, dict]]:
    doc = fitz.open(path)
    try:
        return [(page.number, annot.type[1], annot.info, annot.colors) for page in doc for annot in page.annots()]
    finally:
        doc.close()


def test_export_writes_one_highlight_per_placed_annotation(review: tuple[Database, list[Annotation]],
                                                           agreement_2021: Path, tmp_path: Path,
                                                           catalogue: Catalogue) -> None:
    db, stored = review
    out = tmp_path / "annotated.pdf"
    report = export_pdf(db, agreement_2021, out, catalogue=catalogue)
    assert (report.written, report.orphans) == (3, 1)
    found = _annots(out)
    assert len(found) == 3
    by_page = {page: (kind, info, colors) for page, kind, info, colors in found}
    assert set(by_page) == {stored[0].anchor.page, stored[1].anchor.page, 3}  # type: ignore[union-attr]
    kind, info, colors = by_page[stored[1].anchor.page]  # type: ignore[union-attr]
    assert kind == "Highlight"
    assert info["title"] == "Fatima" and info["subject"] == "serious-concern"
    assert "ernstige zorg" in info["content"] and "Landbouw" in info["content"]
    assert catalogue.cite(TreatyRef.parse("echr:8")) in info["content"] and "Let op de privacy." in info["content"]
    assert all(abs(a - b) < 0.01 for a, b in zip(colors["stroke"], rgb(JUDGMENT_COLOURS[Judgment.SERIOUS_CONCERN])))
    assert by_page[3][0] == "Square"
    # The highlight covers the quote: the text under it reads back as the passage.
    back = {h.page: h for h in read_pdf_highlights(out)}
    assert back[stored[0].anchor.page].text.startswith("We intensiveren de ingezette omslag")  # type: ignore
    assert back[stored[0].anchor.page].judgment is Judgment.WELCOME  # type: ignore[union-attr]


def test_export_of_a_repaired_pdf_writes_a_new_file(tmp_path: Path, catalogue: Catalogue) -> None:
    source = tmp_path / "repaired.pdf"
    shutil.copy(corpus_file("qpdf-issue-202.pdf"), source)
    before = source.read_bytes()
    with Database.open(str(tmp_path / "review.sqlite")) as db:
        repo = Repository(db)
        fingerprint = file_fingerprint(source)
        repo.ensure_document(fingerprint, "repaired", 1, [], source.name)
        repo.add(Annotation(id=new_id(), document=fingerprint, author="Fatima", kind=AnnotationKind.AREA,
                            anchor=Anchor(page=0, quads=(Rect(50, 50, 150, 100),), exact=""),
                            judgment=Judgment.VIOLATION))
        out = tmp_path / "repaired-annotated.pdf"
        assert export_pdf(db, source, out, catalogue=catalogue).written == 1
    assert source.read_bytes() == before
    reopened = fitz.open(out)
    try:
        assert not reopened.is_repaired
        assert [annot.type[1] for annot in reopened[0].annots()] == ["Square"]
    finally:
        reopened.close()


def test_highlights_of_another_reader_are_read_with_text_and_notes(commented_pdf: Path) -> None:
    highlights = read_pdf_highlights(commented_pdf)
    # Every highlight, and nothing else: the sticky note and the ink mark are no highlights.
    assert len(highlights) == len(COMMENTED_HIGHLIGHTS)
    by_note = {h.comment: h for h in highlights}
    assert COMMENTED_STICKY_NOTE not in by_note and COMMENTED_INK_NOTE not in by_note
    assert by_note["A note on page 7"].page == 6
    assert by_note["A note on page 7"].text == "a national human rights plan"
    assert by_note["F"].author == "Ingrid Bakker" and by_note["F"].text == "the right to a fair trial"
    assert by_note["D"].author == ""
    assert all(h.text for h in highlights if not h.area)
    over_two_lines = by_note["Two lines"]
    assert len(over_two_lines.rects) == 2
    assert over_two_lines.text == ("the municipal registration of residents and the exchange of their data with "
                                   "other agencies")
    assert by_note["C"].judgment is Judgment.VIOLATION  # pure red is closest to the violation colour
    assert by_note["aa"].judgment is None  # the reader's pale yellow is no judgment
    assert len({h.name for h in highlights}) == len(highlights)  # each keeps the name the reader gave it


def test_import_adds_highlights_once(tmp_path: Path, commented_pdf: Path) -> None:
    pdf = commented_pdf
    with Database.open(str(tmp_path / "review.sqlite")) as db:
        first = import_pdf_highlights(db, pdf, author_fallback="Fatima")
        assert first.added == len(COMMENTED_HIGHLIGHTS) and first.skipped_existing == 0
        again = import_pdf_highlights(db, pdf, author_fallback="Fatima")
        assert (again.added, again.skipped_existing) == (0, first.added)
        imported = Repository(db).annotations(file_fingerprint(pdf))
        assert len(imported) == first.added
        noted = next(a for a in imported if a.comment == "A note on page 7")
        assert noted.anchor is not None and noted.anchor.page == 6 and noted.quote == "a national human rights plan"
        assert {a.author for a in imported} == {"Ingrid Bakker", "mozilla", "Kees", "Fatima"}
        assert next(a for a in imported if a.comment == "C").judgment is Judgment.VIOLATION


def test_nearest_judgment_of_our_own_colours() -> None:
    for judgment, colour in JUDGMENT_COLOURS.items():
        assert nearest_judgment(rgb(colour)) is judgment
    assert nearest_judgment((1.0, 1.0, 0.0)) is None


def test_highlights_named_alike_on_different_pages_are_all_imported_once(tmp_path: Path) -> None:
    """PDF names an annotation uniquely on its page only: many readers (MuPDF among them) call the first one of
    every page the same. Each is imported, and importing the file again adds nothing."""
    pdf = tmp_path / "gelijke-namen.pdf"
    with fitz.open() as doc:
        for number in range(3):
            page = doc.new_page()
            page.insert_text((72, 100), f"Passage {number + 1} over de rechten van het kind.", fontsize=12)
            annot = page.add_highlight_annot(page.search_for(f"Passage {number + 1}")[0])
            annot.set_info(content=f"Notitie {number + 1}", title="Sanne")
            annot.update()  # MuPDF names the first annotation of every page fitz-A0
            second = page.add_highlight_annot(page.search_for("rechten")[0])
            second.update()
            doc.xref_set_key(second.xref, "NM", "(fitz-A0)")  # a reader that names two alike on one page
        doc.save(pdf)
    with fitz.open(pdf) as doc:
        assert {annot.info["id"] for page in doc for annot in page.annots()} == {"fitz-A0"}
    with Database.open(str(tmp_path / "review.sqlite")) as db:
        first = import_pdf_highlights(db, pdf, author_fallback="Fatima")
        assert (first.added, first.skipped_existing) == (6, 0)
        comments = sorted(a.comment for a in Repository(db).annotations(file_fingerprint(pdf)))
        assert comments == ["", "", "", "Notitie 1", "Notitie 2", "Notitie 3"]
        again = import_pdf_highlights(db, pdf, author_fallback="Fatima")
        assert (again.added, again.skipped_existing) == (0, 6)
