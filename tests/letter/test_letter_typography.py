"""The letter's typography, read back from Word: page ranges with an en dash, quotes without list marks or pieces of
words, and a summary that leaves the annotations without a theme out."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import docx
from letter_sample import ASYLUM, Review, place

from annotator.domain.model import Anchor, Annotation, AnnotationKind, Judgment, TreatyRef, new_id
from annotator.letter.compose import passage, quoted
from annotator.pdf.anchoring import Anchorer
from annotator.services.letter import compile_letter, write_letter
from annotator.store.database import Database
from annotator.store.repository import Repository

NBSP, EN_DASH = "\u00a0", "\u2013"
T1 = datetime(2024, 2, 1, 9, 0, tzinfo=timezone.utc)
# Over the break between PDF pages 44 and 45, printed 41 and 42.
OVER_THE_PAGE = "een stevig pakket aan maatregelen vastgesteld om overlast aan te pakken"
# A highlight that stops inside "en" ("... terugkeer of vertrek en daarbij ...").
CUT = "die niet meewerken aan hun terugkeer of vertrek e"


def _add(review: Review, *annotations: Annotation) -> None:
    db = Database.open(str(review.db_path))
    try:
        Repository(db).bulk_add(list(annotations))
    finally:
        db.close()


def _theme(review: Review, title: str) -> str:
    db = Database.open(str(review.db_path))
    try:
        return next(theme.id for theme in Repository(db).themes() if theme.title == title)
    finally:
        db.close()


def _annotation(review: Review, anchor: Anchor, judgment: Judgment, theme_id: str | None,
                kind: AnnotationKind = AnnotationKind.TEXT, refs: tuple[str, ...] = ()) -> Annotation:
    return Annotation(id=new_id(), document=review.fingerprint, author="Sanne", anchor=anchor, kind=kind,
                      judgment=judgment, theme_id=theme_id, references=tuple(TreatyRef.parse(r) for r in refs),
                      created=T1, modified=T1)


def _word(review: Review, out: Path, **override: object) -> docx.document.Document:
    db = Database.open(str(review.db_path))
    try:
        letter, _checks = compile_letter(db, review.fingerprint, override, today=date(2025, 3, 4))
    finally:
        db.close()
    write_letter(letter, out)
    return docx.Document(str(out))


def _section(document: docx.document.Document, title: str) -> list[str]:
    texts: list[str] = []
    inside = False
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            inside = paragraph.text == title
        elif inside and paragraph.text.strip():
            texts.append(paragraph.text)
    return texts


def test_quotes_in_word_have_en_dash_ranges_no_list_marks_and_no_pieces_of_words(review: Review,
                                                                                   tmp_path: Path) -> None:
    anchorer = Anchorer(review.texts)
    asylum = _theme(review, ASYLUM)
    over = place(anchorer, OVER_THE_PAGE)
    assert over.pages() == (43, 44) and (review.labels[43], review.labels[44]) == ("41", "42")
    cut = place(anchorer, CUT)  # the text around it is kept: "... vertrek e|n daarbij ..."
    assert cut.suffix.startswith("n daarbij")
    # A drawn area over a list item, and one whose right edge cuts a word: no text around them is kept.
    listed = place(anchorer, "de meldplicht aan te scherpen")
    bullet_area = Anchor(page=listed.page, quads=listed.quads[:1], exact="\u2022 de meldplicht aan te scherpen")
    symbol_area = Anchor(page=listed.page, quads=listed.quads[:1], exact="\uf0b7 2. mensen die niet r")
    _add(review,
         _annotation(review, over, Judgment.CONCERN, asylum),
         _annotation(review, cut, Judgment.SERIOUS_CONCERN, asylum, refs=("echr:3",)),
         _annotation(review, bullet_area, Judgment.NOTE, asylum, AnnotationKind.AREA),
         _annotation(review, symbol_area, Judgment.NOTE, asylum, AnnotationKind.AREA))

    document = _word(review, tmp_path / "brief.docx", annex=True)
    body = "\n".join(_section(document, ASYLUM))
    assert f"\u201c{OVER_THE_PAGE}\u201d (p.{NBSP}41{EN_DASH}42)" in body
    assert "41-42" not in body
    assert "\u201cdie niet meewerken aan hun terugkeer of vertrek \u2026\u201d (p.\u00a042)" in body
    assert "vertrek e\u201d" not in body
    assert "\u201cde meldplicht aan te scherpen\u201d" in body
    assert "\u201cmensen die niet \u2026\u201d" in body
    for glyph in ("\u2022", "\uf0b7", "\u201c2."):
        assert glyph not in body
    # Every quote of the letter, the summary's too, opens with a word.
    for paragraph in document.paragraphs:
        for opening in paragraph.text.split("\u201c")[1:]:
            assert opening[:1].isalnum() or opening.startswith("\u2026 "), paragraph.text
    # The annex lists the same passages without the marks.
    passages = [row.cells[0].text for row in document.tables[0].rows[1:]]
    assert "de meldplicht aan te scherpen" in passages and "mensen die niet \u2026" in passages
    assert "die niet meewerken aan hun terugkeer of vertrek \u2026" in passages


def test_english_page_ranges_have_an_en_dash(review: Review, tmp_path: Path) -> None:
    anchorer = Anchorer(review.texts)
    _add(review, _annotation(review, place(anchorer, OVER_THE_PAGE), Judgment.CONCERN, _theme(review, ASYLUM)))
    document = _word(review, tmp_path / "letter.docx", language="en")
    assert f"(pp.{NBSP}41{EN_DASH}42)" in "\n".join(_section(document, ASYLUM))


def test_the_summary_leaves_the_points_without_a_theme_out(review: Review, tmp_path: Path) -> None:
    anchorer = Anchorer(review.texts)
    # A grave point without a theme: it goes under "Overige punten", never among the main concerns.
    _add(review, _annotation(review, place(anchorer, "de Landelijke Vreemdelingen Voorziening"), Judgment.VIOLATION,
                             None, refs=("echr:3",)))
    document = _word(review, tmp_path / "brief.docx")
    summary = _section(document, "Samenvatting")
    assert summary and summary[0] == "De belangrijkste zorgen van Amnesty:"
    assert not any("Overige punten" in line for line in summary)
    assert not any("Landelijke Vreemdelingen Voorziening" in line for line in summary)
    assert not any("stagediscriminatie" in line for line in summary)  # a welcome point without a theme
    assert any(line.startswith(f"{ASYLUM}: ") for line in summary)
    others = "\n".join(_section(document, "Overige punten"))
    assert "Landelijke Vreemdelingen Voorziening" in others and "stagediscriminatie" in others


def test_list_marks_and_cut_words_by_hand() -> None:
    assert quoted("\u2022 Meer opvang.") == "\u201cMeer opvang\u201d"
    assert quoted("\u2013 de meldplicht") == "\u201cde meldplicht\u201d"
    assert quoted("\u25aa b) zo snel mogelijk") == "\u201czo snel mogelijk\u201d"
    assert quoted("(iv) zo snel") == "\u201czo snel\u201d"
    assert quoted("maatregelen: \u2022 meer opvang \u2022 snellere procedures") == (
        "\u201cmaatregelen: meer opvang; snellere procedures\u201d")
    # Numbers that are words of the passage stay.
    assert quoted("12 maanden in detentie") == "\u201c12 maanden in detentie\u201d"
    assert quoted("2025 wordt het jaar") == "\u201c2025 wordt het jaar\u201d"
    # With the text around it: "vertrek|ken" is cut, "de |terugkeer" is not.
    assert passage("terugkeer of vertrek", "de ", "ken") == ("terugkeer of", False, True)
    assert passage("ugkeer of vertrek", "de ter", " van") == ("of vertrek", True, False)
    assert passage("terugkeer of vertrek", "de ", " van") == ("terugkeer of vertrek", False, False)
    # Without it, a last or first piece of small letters that is no word counts as cut; short words stay.
    assert passage("ng van de terugkeer of vertrek e") == ("van de terugkeer of vertrek", True, True)
    assert passage("op de vlucht is u") == ("op de vlucht is u", False, False)
    assert passage("e") == ("e", False, False)
    # A long cut quote is shortened as before: the elision mark closes it.
    long = " ".join(["woord"] * 50) + " e"
    assert quoted(long).endswith("woord [\u2026]\u201d")
