"""The letter's annex opens with the overview chart as a figure when asked: in Word a picture with its caption, in
HTML an image; without the setting there is none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import fitz
import pytest
from PySide6.QtGui import QImage

from annotator.domain.model import Judgment
from annotator.pdf.anchoring import Anchorer
from annotator.pdf.document import file_fingerprint
from annotator.pdf.labels import page_labels
from annotator.pdf.textmodel import extract_page_text
from annotator.services.commands import AddAnnotations
from annotator.services.review import DocumentIdentity, Review
from annotator.store.database import Database

QUOTES = {"aandacht voor emotioneel herstel": Judgment.CONCERN,
          "In Nederland is er altijd ruimte om mensen op te vangen": Judgment.WELCOME}


@pytest.fixture
def review(agreement_2021: Path, tmp_path: Path) -> Path:
    path = tmp_path / "review.sqlite"
    db = Database.open(f"sqlite:///{path}")
    doc = fitz.open(agreement_2021)
    review = Review.open(db, DocumentIdentity(file_fingerprint(agreement_2021), "Akkoord", doc.page_count,
                                              page_labels(doc), agreement_2021.name), "Fatima", ["Asiel en migratie"])
    anchorer = Anchorer([extract_page_text(page) for page in doc])
    review.execute(AddAnnotations([
        review.new_annotation(anchorer.place(quote).anchor, judgment=judgment,  # type: ignore[arg-type]
                              theme_id=review.themes[0].id) for quote, judgment in QUOTES.items()]))
    db.close()
    return path


def _compile(agreement: Path, database: Path, out: Path, *flags: str) -> None:
    result = subprocess.run([sys.executable, "-m", "annotator", "compile", "--pdf", str(agreement), "--out", str(out),
                             "--db", str(database), *flags], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr


def test_the_annex_opens_with_the_chart_in_word_and_html(agreement_2021: Path, review: Path, tmp_path: Path) -> None:
    letter = tmp_path / "brief.docx"
    _compile(agreement_2021, review, letter, "--chart")
    word = docx.Document(str(letter))
    assert len(word.inline_shapes) == 1
    texts = [p.text for p in word.paragraphs]
    caption = "Figuur 1. De beoordeelde passages per thema, naar oordeel."
    assert caption in texts and texts.index(caption) > texts.index("Bijlage: overzicht van de beoordeelde passages")
    picture = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = QImage.fromData(word.part.related_parts[picture].blob)
    assert not image.isNull() and image.width() > image.height() > 50
    # The chart's bars are in the judgment colours: welcome green and concern yellow are both in the picture.
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    from annotator.domain.model import JUDGMENT_COLOURS

    assert JUDGMENT_COLOURS[Judgment.WELCOME].lower() in colours and JUDGMENT_COLOURS[Judgment.CONCERN].lower() in colours

    page = tmp_path / "brief.html"
    _compile(agreement_2021, review, page, "--chart", "--lang", "en")
    html = page.read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in html and "Figure 1. The assessed passages per theme" in html


def test_without_the_setting_the_annex_has_no_figure(agreement_2021: Path, review: Path, tmp_path: Path) -> None:
    letter = tmp_path / "brief.docx"
    _compile(agreement_2021, review, letter, "--annex")
    word = docx.Document(str(letter))
    assert len(word.inline_shapes) == 0 and word.tables


def test_the_figure_shows_the_themes_that_have_passages(review: Path, agreement_2021: Path) -> None:
    from annotator.services.letter import compile_letter
    from annotator.store.repository import Repository

    db = Database.open(f"sqlite:///{review}")
    try:
        repo = Repository(db)
        repo.add_theme("Klimaat en mensenrechten")  # nothing judged under it yet
        repo.set_letter_setting("annex", "1")
        repo.set_letter_setting("chart", "1")
        drawn = []
        letter, _checks = compile_letter(db, file_fingerprint(agreement_2021),
                                         chart=lambda overview: drawn.append(overview) or b"png")
    finally:
        db.close()
    assert letter.figure == b"png"
    assert [group.title for group in drawn[0].groups] == ["Asiel en migratie"]
    assert drawn[0].groups[0].total == len(QUOTES)
