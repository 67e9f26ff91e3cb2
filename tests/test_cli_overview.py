"""``annotator overview`` as a reviewer runs it: the chart as PNG or SVG, clear errors, no Qt on import."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import fitz
import pytest

from annotator.domain.model import Judgment
from annotator.services.commands import AddAnnotations
from annotator.services.overview import document_overview, read_document
from annotator.store.database import Database

REPO = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def _run(*args: str | Path, display: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if not display:  # as on a server: no display and no platform chosen
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=120)


# (PDF page, 0-based; judgment; theme) of the review on the sample agreement, whose outline has four chapters
# (on PDF pages 4, 8, 11 and 13).
PASSAGES = ((3, Judgment.CONCERN, "Asiel en migratie"), (4, Judgment.SERIOUS_CONCERN, "Asiel en migratie"),
            (8, Judgment.WELCOME, "Vrijheid van meningsuiting, vergadering en godsdienst"), (11, Judgment.NOTE, None),
            (12, None, "Koninkrijk en buitenlands beleid"), (13, Judgment.VIOLATION, "Koninkrijk en buitenlands beleid"))


def _review(db: Database, pdf: Path, passages: tuple[tuple[int, Judgment | None, str | None], ...],
            themes: list[str]) -> None:
    from annotator.domain.model import Anchor, Rect
    from annotator.pdf.facts import file_fingerprint
    from annotator.services.review import DocumentIdentity, Review

    doc = fitz.open(pdf)
    identity = DocumentIdentity(file_fingerprint(pdf), "Akkoord", doc.page_count, [""] * doc.page_count, pdf.name)
    doc.close()
    review = Review.open(db, identity, "Fatima", themes)
    ids = {theme.title: theme.id for theme in review.themes}
    review.execute(AddAnnotations([
        review.new_annotation(Anchor(page=page, quads=(Rect(72, 100, 300, 110),), exact=f"passage {page}"),
                              judgment=judgment, theme_id=ids[theme] if theme else None)
        for page, judgment, theme in passages]))


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample agreement and a database with the review of PASSAGES."""
    from annotator.domain.themes import default_themes
    from annotator.paths import sample_agreement

    path = tmp_path_factory.mktemp("overview") / "review.sqlite"
    db = Database.open(f"sqlite:///{path}")
    _review(db, sample_agreement(), PASSAGES, list(default_themes("nl")))
    db.close()
    return path, sample_agreement()


def test_importing_the_command_line_loads_no_qt() -> None:
    code = "import sys, annotator.cli; print('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=REPO).stdout.strip() == "False"


def test_the_png_has_the_judgment_colours_at_the_bars(reviewed: tuple[Path, Path], tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage
    from PySide6.QtWidgets import QApplication

    from annotator.ui.overview_chart import Colours, _chart_font, lay_out
    from annotator.ui.palette import JUDGMENT_COLOURS

    db, pdf = reviewed
    out = tmp_path / "overzicht.png"
    result = _run("overview", "--pdf", pdf, "--out", out, "--db", db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}: 6 annotations in 11 themes"
    image = QImage(str(out))
    assert not image.isNull()
    # A QApplication, as the window tests that may follow in this process need (a QGuiApplication would not do).
    app = QGuiApplication.instance() or QApplication([])
    assert app is not None
    # The same layout the command drew: each segment's left edge, halfway down, is the judgment's colour.
    database = Database.open(f"sqlite:///{db}")
    overview = document_overview(database, read_document(pdf), "theme", "nl")
    database.close()
    font: QFont = _chart_font()
    layout = lay_out(overview, 900, font, Colours.light())
    assert image.width() == 1800 and abs(image.height() - 2 * layout.height) <= 2  # drawn at twice the size
    seen = set()
    for segment in layout.segments:
        colour = JUDGMENT_COLOURS.get(segment.judgment) if segment.judgment else QColor("#9a9a9a")
        assert colour is not None
        x, y = round(2 * (segment.rect.left() + 2)), round(2 * segment.rect.center().y())
        assert QColor(image.pixel(x, y)).name() == colour.name(), (segment.judgment, segment.row)
        seen.add(segment.judgment)
    assert seen == {Judgment.CONCERN, Judgment.SERIOUS_CONCERN, Judgment.WELCOME, Judgment.VIOLATION, None,
                    Judgment.NOTE}


def test_the_svg_is_xml_with_every_count_and_judgment_by_name(reviewed: tuple[Path, Path], tmp_path: Path) -> None:
    db, pdf = reviewed
    out = tmp_path / "overview.svg"
    result = _run("overview", "--pdf", pdf, "--out", out, "--db", db, "--lang", "en", "--by", "chapter")
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    segments = [(g.get("data-group"), g.get("data-judgment"), int(g.get("data-count") or 0))
                for g in root.iter(f"{SVG}g") if g.get("class") == "segment"]
    assert sorted(segments) == sorted([
        ("1. Asiel en migratie", "concern", 1), ("1. Asiel en migratie", "serious-concern", 1),
        ("2. Democratische rechtsstaat", "welcome", 1), ("3. Gelijke behandeling en discriminatie", "note", 1),
        ("4. Koninkrijk en buitenlands beleid", "violation", 1), ("4. Koninkrijk en buitenlands beleid", "none", 1)])
    words = [text.text for text in root.iter(f"{SVG}text")]
    assert "Judgments per chapter — Samen verder, met open blik — Coalitieakkoord 2027–2031" in words
    assert "6 annotations" in words
    for name in ("Welcome (1)", "Note (1)", "Concern (1)", "Serious concern (1)", "Violation (1)",
                 "No judgment (1)"):
        assert name in words  # the legend names every judgment with its count
    assert words.count("2") >= 2  # the totals of chapters 1 and 4 beside their bars
    colours = {rect.get("fill") for rect in root.iter(f"{SVG}rect")}
    assert {"#2e9e5b", "#3a7bd5", "#f0b400", "#e8711a", "#d0342c", "#9a9a9a"} <= colours


def test_a_document_without_outline_by_chapter_and_the_errors(reviewed: tuple[Path, Path], agreement_2021: Path,
                                                              tmp_path: Path) -> None:
    db, pdf = reviewed
    wrong = _run("overview", "--pdf", pdf, "--out", tmp_path / "chart.jpg", "--db", db)
    assert wrong.returncode == 2 and ".png or .svg" in wrong.stderr
    unknown = _run("overview", "--pdf", agreement_2021, "--out", tmp_path / "chart.png", "--db", db)
    assert unknown.returncode == 1 and unknown.stderr.startswith("error: ") and "holds no annotations" in unknown.stderr
    assert "Traceback" not in unknown.stderr and not (tmp_path / "chart.png").exists()
    missing = _run("overview", "--pdf", pdf, "--out", tmp_path / "chart.png", "--db", tmp_path / "typo.sqlite")
    assert missing.returncode == 1 and "no annotation database here" in missing.stderr
    assert not (tmp_path / "typo.sqlite").exists()
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("not a PDF", encoding="utf-8")
    refused = _run("overview", "--pdf", not_pdf, "--out", tmp_path / "chart.png", "--db", db)
    assert refused.returncode == 1 and refused.stderr.startswith("error: ")

    # The 2021 agreement has no outline: by chapter the chart says so, and so does the command.
    plain = Database.open(f"sqlite:///{tmp_path / 'plain.sqlite'}")
    _review(plain, agreement_2021, ((4, Judgment.CONCERN, None),), ["Asiel en migratie"])
    plain.close()
    out = tmp_path / "chapters.svg"
    result = _run("overview", "--pdf", agreement_2021, "--out", out, "--by", "chapter", "--db",
                  tmp_path / "plain.sqlite")
    assert result.returncode == 0, result.stderr
    assert "has no outline" in result.stderr
    assert "geen inhoudsopgave" in out.read_text(encoding="utf-8")

