"""The changes report of a carry-over: per theme, the judged passages removed, changed or kept."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import fitz
import pytest

from annotator.domain.model import Judgment
from annotator.pdf.anchoring import Anchorer
from annotator.pdf.document import file_fingerprint
from annotator.pdf.labels import page_labels
from annotator.pdf.textmodel import extract_page_text
from annotator.services.changes import changes_report, render_html, render_markdown
from annotator.services.commands import AddAnnotations
from annotator.services.review import DocumentIdentity, Review
from annotator.store.database import Database

CHANGED_OLD = "Wij stellen voor de meldplicht aan te scherpen."
CHANGED_NEW = "Wij stellen voor de meldplicht verder aan te scherpen."


@pytest.fixture
def versions(agreement_2021: Path, tmp_path: Path) -> tuple[Path, Path]:
    """An old version with a sentence on PDF page 11 and its cover; a new one without the cover, the sentence with
    a word inserted."""
    old, new = tmp_path / "akkoord-concept.pdf", tmp_path / "akkoord-definitief.pdf"
    for path, sentence, drop_cover in ((old, CHANGED_OLD, False), (new, CHANGED_NEW, True)):
        doc = fitz.open(agreement_2021)
        doc[10].insert_textbox(fitz.Rect(72, 760, 523, 800), sentence, fontsize=9)
        if drop_cover:
            doc.delete_page(0)
        doc.save(path)
        doc.close()
    return old, new


def _review(db: Database, pdf: Path) -> None:
    doc = fitz.open(pdf)
    texts = [extract_page_text(page) for page in doc]
    identity = DocumentIdentity(file_fingerprint(pdf), "Akkoord", doc.page_count, page_labels(doc), pdf.name)
    review = Review.open(db, identity, "Fatima", ["Asiel en migratie", "Arbeid"])
    asylum, work = review.themes[0].id, review.themes[1].id
    anchorer = Anchorer(texts)
    wanted = (("de meldplicht aan te scherpen", Judgment.CONCERN, work, "Te <b>ruim</b> *geformuleerd*"),
              ("Omzien naar elkaar", Judgment.WELCOME, asylum, ""),
              ("In Nederland is er altijd ruimte om mensen op te vangen", Judgment.WELCOME, asylum, ""),
              ("aandacht voor emotioneel herstel", Judgment.NOTE, None, ""))
    items = []
    for quote, judgment, theme, comment in wanted:
        anchor = anchorer.place(quote).anchor
        assert anchor is not None, quote
        items.append(review.new_annotation(anchor, judgment=judgment, theme_id=theme, comment=comment))
    review.execute(AddAnnotations(items))


def _reanchor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotator", "reanchor", *args], capture_output=True, text=True,
                          timeout=180, env=dict(os.environ))


def test_the_report_says_per_theme_what_was_removed_changed_and_kept(versions: tuple[Path, Path],
                                                                    tmp_path: Path) -> None:
    old, new = versions
    path = tmp_path / "review.sqlite"
    db = Database.open(f"sqlite:///{path}")
    _review(db, old)
    db.close()
    markdown, page = tmp_path / "wijzigingen.md", tmp_path / "changes.html"
    result = _reanchor("--from", str(old), "--to", str(new), "--db", str(path), "--report", str(markdown))
    assert result.returncode == 0, result.stderr
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("# Wijzigingen tussen akkoord-concept.pdf en akkoord-definitief.pdf")
    assert "1 verwijderd, 1 gewijzigd, 0 nog niet geplaatst, 2 ongewijzigd." in text
    # The themes in their order, the passages without a theme last.
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings == ["Asiel en migratie", "Arbeid", "Overige punten"]
    asylum = text.split("## Asiel en migratie")[1].split("## Arbeid")[0]
    assert "### Verwijderd (1)" in asylum and "“Omzien naar elkaar”" in asylum
    assert "### Ongewijzigd (1)" in asylum and "“In Nederland is er altijd ruimte om mensen op te vangen”" in asylum
    work = text.split("## Arbeid")[1].split("## Overige punten")[0]
    assert "### Gewijzigd (1)" in work
    assert "was: “de meldplicht aan te scherpen”; nu: “de meldplicht verder aan te scherpen”" in work
    assert "de meldplicht **verder** aan te scherpen" in work
    assert "**zorg**" in work  # the judgment, named as in the letter
    # Printed pages of each version (the new one lost its cover: one page earlier); markup in a comment is literal.
    old_label = page_labels(fitz.open(old))[10]
    new_label = page_labels(fitz.open(new))[9]
    assert f"p. {old_label} → p. {new_label}" in work
    assert r"Te \<b\>ruim\</b\> \*geformuleerd\*" in work

    # Again, to HTML in English: the carry-over adds nothing, the report still says it all.
    result = _reanchor("--from", str(old), "--to", str(new), "--db", str(path), "--report", str(page), "--lang", "en")
    assert result.returncode == 0, result.stderr
    document = page.read_text(encoding="utf-8")
    assert "<h2>Asiel en migratie</h2>" in document and "<h3>Removed (1)</h3>" in document
    assert "de meldplicht <ins>verder</ins> aan te scherpen" in document
    assert "<script" not in document and "&lt;b&gt;ruim&lt;/b&gt;" in document
    assert html.unescape(document).count("Omzien naar elkaar") == 1


def test_the_report_follows_the_reviewers_decisions(versions: tuple[Path, Path], tmp_path: Path) -> None:
    """Read from the database as the annotations stand: a dropped one says so, and the report is the same in both
    renderings."""
    old, new = versions
    db = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    _review(db, old)
    from annotator.services.reanchor import reanchor

    reanchor(db, old, new)
    from annotator.store.repository import Repository

    repo = Repository(db)
    removed = next(a for a in repo.annotations(file_fingerprint(new)) if a.quote == "Omzien naar elkaar")
    repo.delete(removed.id, removed.revision)
    report = changes_report(db, file_fingerprint(new), "en")
    assert [theme.title for theme in report.themes] == ["Asiel en migratie", "Arbeid", "Other points"]
    gone = report.themes[0].of("removed")
    assert len(gone) == 1 and gone[0].dropped and gone[0].old_quote == "Omzien naar elkaar"
    assert "(annotation dropped)" in render_markdown(report) and "(annotation dropped)" in render_html(report)
    db.close()


def test_a_report_on_a_version_nothing_was_carried_into(agreement_2021: Path, tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    report = changes_report(db, file_fingerprint(agreement_2021), "nl")
    assert report.themes == [] and "Geen overgenomen annotaties." in render_markdown(report)
    db.close()


def test_a_report_that_cannot_be_written_is_one_error_line(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = versions
    path = tmp_path / "review.sqlite"
    db = Database.open(f"sqlite:///{path}")
    _review(db, old)
    db.close()
    result = _reanchor("--from", str(old), "--to", str(new), "--db", str(path), "--report",
                       str(tmp_path / "nowhere" / "report.md"))
    assert result.returncode == 1 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def _numbered(path: Path, pages: list[str], first: int) -> Path:
    """A PDF whose pages carry the labels first, first + 1, ... and one paragraph each."""
    doc = fitz.open()
    for text in pages:
        page = doc.new_page()
        page.insert_textbox(fitz.Rect(72, 100, 523, 300), text, fontsize=11)
    doc.set_page_labels([{"startpage": 0, "prefix": "", "style": "D", "firstpagenum": first}])
    doc.save(path)
    doc.close()
    return path


def test_the_letter_of_the_new_version_cites_its_printed_pages(tmp_path: Path) -> None:
    """The passage moves from printed page 12 to 14 (two pages put in before it): the letter of the new version
    cites p. 14; a passage with changed words stays out of it until the reviewer accepts it."""
    kept = "Kinderen worden nooit in vreemdelingenbewaring gesteld, ook niet voor korte tijd."
    changed = "De regering beperkt het recht op gezinshereniging voor nareizigers tot het kerngezin."
    filler = ["Het kabinet investeert in de regio.", "De woningbouw gaat omhoog."]
    old = _numbered(tmp_path / "concept.pdf", [filler[0], filler[1], kept, changed], 10)
    new = _numbered(tmp_path / "definitief.pdf",
                    [filler[0], "Een nieuwe inleiding van het akkoord.", "Nog een nieuw hoofdstuk over wonen.",
                     filler[1], kept, changed.replace("beperkt", "beperkt voortaan")], 10)
    path = tmp_path / "review.sqlite"
    db = Database.open(f"sqlite:///{path}")
    doc = fitz.open(old)
    texts = [extract_page_text(page) for page in doc]
    review = Review.open(db, DocumentIdentity(file_fingerprint(old), "Akkoord", doc.page_count, page_labels(doc),
                                              old.name), "Fatima", ["Asiel en migratie"])
    anchorer = Anchorer(texts)
    review.execute(AddAnnotations([
        review.new_annotation(anchorer.place(quote).anchor, judgment=Judgment.SERIOUS_CONCERN,  # type: ignore[arg-type]
                              theme_id=review.themes[0].id) for quote in (kept, changed)]))
    db.close()
    assert page_labels(fitz.open(new))[4] == "14"
    assert _reanchor("--from", str(old), "--to", str(new), "--db", str(path)).returncode == 0

    letter = tmp_path / "brief.md"
    compiled = subprocess.run([sys.executable, "-m", "annotator", "compile", "--pdf", str(new), "--out", str(letter),
                               "--db", str(path)], capture_output=True, text=True, timeout=120)
    assert compiled.returncode == 0, compiled.stderr
    text = letter.read_text(encoding="utf-8")
    assert "vreemdelingenbewaring" in text and re.search(r"p\.\s14\b", text) and not re.search(r"p\.\s12\b", text)
    assert "nareizigers" not in text, "the changed passage waits for the reviewer"
    assert "nareizigers" in compiled.stderr or "changed" in compiled.stderr.lower() or "gewijzigd" in compiled.stderr


def test_the_annex_of_the_new_version_lists_what_changed(tmp_path: Path) -> None:
    """With the annex, the letter of the new version has a table of the judged passages the new version removed or
    changed (once accepted), read back from the Word file."""
    import docx

    from annotator.domain.model import AnchorStatus
    from annotator.services.reanchor import reanchor
    from annotator.store.repository import Repository

    gone = "De vreemdelingenbewaring van kinderen wordt volledig afgeschaft in de hele keten."
    changed = "De regering beperkt het recht op gezinshereniging voor nareizigers tot het kerngezin."
    kept = "Het kabinet investeert in de regio en in goede verbindingen tussen stad en land."
    old = _numbered(tmp_path / "concept.pdf", [kept, gone, changed], 1)
    new = _numbered(tmp_path / "definitief.pdf", [kept, "Een heel ander onderwerp dan eerst in dit akkoord.",
                                                  changed.replace("beperkt", "beperkt voortaan")], 1)
    db = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    doc = fitz.open(old)
    review = Review.open(db, DocumentIdentity(file_fingerprint(old), "Akkoord", doc.page_count, page_labels(doc),
                                              old.name), "Fatima", ["Asiel en migratie"])
    anchorer = Anchorer([extract_page_text(page) for page in doc])
    review.execute(AddAnnotations([
        review.new_annotation(anchorer.place(quote).anchor, judgment=Judgment.CONCERN,  # type: ignore[arg-type]
                              theme_id=review.themes[0].id) for quote in (kept, gone, changed)]))
    reanchor(db, old, new)
    repo = Repository(db)
    fuzzy = next(a for a in repo.annotations(file_fingerprint(new)) if a.status is AnchorStatus.FUZZY)
    repo.save(fuzzy.changed(status=AnchorStatus.ANCHORED))  # the reviewer accepts the new wording
    repo.set_letter_setting("annex", "1")
    db.close()
    letter = tmp_path / "brief.docx"
    compiled = subprocess.run([sys.executable, "-m", "annotator", "compile", "--pdf", str(new), "--out", str(letter),
                               "--db", str(tmp_path / "review.sqlite")], capture_output=True, text=True, timeout=120)
    assert compiled.returncode == 0, compiled.stderr
    word = docx.Document(str(letter))
    headings = [p.text for p in word.paragraphs]
    assert "Gewijzigd ten opzichte van concept.pdf" in headings
    table = word.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Passage in de vorige versie", "Nu", "Pagina", "Oordeel", "Thema"]
    assert rows[1:] == [
        [gone, "passage verwijderd", "p.\u00a02", "zorg", "Asiel en migratie"],
        [changed, f"passage gewijzigd: “{changed.replace('beperkt', 'beperkt voortaan')}”", "p.\u00a03", "zorg",
         "Asiel en migratie"],
    ]
