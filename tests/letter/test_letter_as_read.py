"""The compiled Word letter of the realistic review (scripts/realistic-review.py) read back as its reader sees it,
beside ../shared/reference/response-letter-example.txt: the things a policy officer would otherwise fix by hand in
Word each time (headings, the annex table, the summary's quotes, the page, spacing and the signature)."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.shared import Pt, RGBColor
from lxml import etree

from annotator.letter.compose import _DANGLING, summary_quote
from annotator.letter.model import ChangeRow, Letter
from annotator.letter.render_docx import TABLE_POINTS, render_docx
from annotator.pdf.document import file_fingerprint
from annotator.services.letter import compile_letter
from annotator.store.database import Database
from realistic_sample import review

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NBSP = "\u00a0"


def _letter(database: Path, **override: object) -> Letter:
    """The letter composed from the review as the command composes it, to write with changes of a test's own."""
    db = Database.open(str(database))
    try:
        letter, _checks = compile_letter(db, file_fingerprint(review.AGREEMENT), override, today=date(2021, 12, 14))
    finally:
        db.close()
    return letter


def _xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


def _style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"{W}style[@{W}styleId='{style_id}']")
    assert found is not None, style_id
    return found


def _twips(element: etree._Element | None, attribute: str) -> int:
    assert element is not None
    return int(element.get(f"{W}{attribute}"))


# 1. Headings ---------------------------------------------------------------------------------------------------------

def test_headings_are_in_the_body_typeface_black_bold_and_modest(realistic_brief: Path) -> None:
    document = docx.Document(str(realistic_brief))
    headings = [p for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert [p.text for p in headings][:2] == ["Samenvatting", review.ASYLUM]
    styles = _xml(realistic_brief, "word/styles.xml")
    for style_id in ("Heading1", "Heading1Char", "Title"):
        properties = _style(styles, style_id).find(f"{W}rPr")
        assert properties is not None
        # No font of its own (the body's, from the document defaults), no colour (black), bold.
        assert properties.find(f"{W}rFonts") is None and properties.find(f"{W}color") is None, style_id
        assert properties.find(f"{W}b") is not None, style_id
    heading = document.styles["Heading 1"]
    assert heading.font.size == Pt(12) and heading.font.bold  # the body is 11 pt
    assert heading.paragraph_format.keep_with_next
    assert heading.paragraph_format.space_after is not None and heading.paragraph_format.space_after > 0
    assert document.styles["Title"].font.size == Pt(14)
    assert _style(styles, "Title").find(f"{W}pPr/{W}pBdr") is None  # no blue rule under the title
    # Nor do the heading paragraphs carry a colour or a font of their own in their runs.
    for paragraph in headings:
        for run in paragraph.runs:
            assert run.font.color.rgb is None and run.font.name is None


def test_with_a_template_its_heading_styles_stay_as_they_are(realistic_database: Path, tmp_path: Path) -> None:
    template = docx.Document()
    heading = template.styles["Heading 1"]
    heading.font.name = "Arial"
    heading.font.color.rgb = RGBColor(0xE3, 0x00, 0x0B)
    heading.font.size = Pt(16)
    template.sections[0].page_width = docx.shared.Inches(8.5)  # a US Letter letterhead stays US Letter
    path = tmp_path / "briefpapier.docx"
    template.save(str(path))
    out = tmp_path / "brief.docx"
    render_docx(_letter(realistic_database, template=str(path)), out)
    document = docx.Document(str(out))
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Arial" and heading.font.color.rgb == RGBColor(0xE3, 0x00, 0x0B)
    assert heading.font.size == Pt(16)
    assert document.sections[0].page_width == docx.shared.Inches(8.5)
    # Nor does it get a page number of the program's in its footer.
    assert all("PAGE" not in etree.tostring(section.footer._element, encoding="unicode")
               for section in document.sections)


# 2. The annex table --------------------------------------------------------------------------------------------------

def _points(text: str, bold: bool = False) -> float:
    """The same estimate of printed width the program makes, for the widest glyphs of DejaVu, which LibreOffice
    prints in place of Cambria: 0.6 em a character, 0.66 in bold."""
    return len(text) * TABLE_POINTS * (0.66 if bold else 0.6)


def _grid(table: etree._Element) -> list[float]:
    return [int(col.get(f"{W}w")) / 20 for col in table.findall(f"{W}tblGrid/{W}gridCol")]


def test_the_annex_table_repeats_its_header_keeps_rows_whole_and_gives_the_passage_room(realistic_brief: Path) -> None:
    body = _xml(realistic_brief).find(f"{W}body")
    assert body is not None
    table = body.findall(f"{W}tbl")[-1]
    rows = table.findall(f"{W}tr")
    header = rows[0]
    assert header.find(f"{W}trPr/{W}tblHeader") is not None  # repeated on each page
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)  # short rows: never split
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])

    def texts(row: etree._Element) -> list[str]:
        return ["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.findall(f"{W}tc")]

    titles = texts(header)
    assert titles == ["Passage", "Pagina", "Oordeel", "Thema", "Verdragen", "Auteur"]
    values = [texts(row) for row in rows[1:]]
    widths = _grid(table)
    margins = table.find(f"{W}tblPr/{W}tblCellMar")
    assert margins is not None
    side = (_twips(margins.find(f"{W}left"), "w") + _twips(margins.find(f"{W}right"), "w")) / 20
    assert _twips(margins.find(f"{W}top"), "w") > 0  # the text does not touch the rule above it
    # The annex is on pages of its own, in landscape: the columns fill the text width.
    section = body.find(f"{W}sectPr")
    assert section is not None
    size, margin = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    page_width, page_height = _twips(size, "w"), _twips(size, "h")
    assert page_width > page_height and section.find(f"{W}titlePg") is None
    usable = (page_width - _twips(margin, "left") - _twips(margin, "right")) / 20
    assert sum(widths) == pytest.approx(usable, abs=2)
    assert widths[0] >= 0.38 * usable and widths[0] == max(widths)  # the passage is the widest column
    # No word breaks inside the short columns: each is as wide as its longest word, header included; the page
    # and the judgment fit on one line ("Pagina", "p. 25–26", "ernstige zorg").
    for column in range(1, 6):
        longest = max([_points(titles[column], bold=True)]
                      + [_points(word) for row in values for word in re.split(r"[ \u00a0]|(?<=-)", row[column])
                         if word])
        assert widths[column] - side >= longest, (titles[column], widths[column], longest)
    for column in (1, 2):
        assert widths[column] - side >= max(_points(row[column]) for row in values), titles[column]
    assert "ernstige zorg" in [row[2] for row in values] and f"p.{NBSP}25\u201326" in [row[1] for row in values]
    # The body before the annex is the letter's own page: A4 portrait.
    letter_section = body.find(f"{W}p/{W}pPr/{W}sectPr")
    assert letter_section is not None
    letter_size = letter_section.find(f"{W}pgSz")
    assert (_twips(letter_size, "w"), _twips(letter_size, "h")) == (11906, 16838)


def test_the_table_of_changes_repeats_its_header_and_keeps_rows_whole(realistic_database: Path, tmp_path: Path) -> None:
    letter = _letter(realistic_database, annex=True)
    changes = tuple(ChangeRow(f"De passage {n} zoals die in de vorige versie stond", "vervallen", f"p.{NBSP}{n}",
                              "ernstige zorg", review.ASYLUM) for n in range(40))
    letter = dataclasses.replace(letter, changes=changes, changes_title="Gewijzigd sinds de vorige versie",
                                 changes_header=("Passage in de vorige versie", "Wat ervan werd", "Pagina",
                                                 "Oordeel", "Thema"))
    out = tmp_path / "brief.docx"
    render_docx(letter, out)
    body = _xml(out).find(f"{W}body")
    assert body is not None
    table = body.findall(f"{W}tbl")[-1]
    rows = table.findall(f"{W}tr")
    assert len(rows) == 41
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    widths = _grid(table)
    assert min(widths[0], widths[1]) > max(widths[2:])  # the two columns of running text are the wide ones
    assert widths[0] == pytest.approx(widths[1], abs=1)


def test_a_long_passage_may_run_across_pages(realistic_database: Path, tmp_path: Path) -> None:
    letter = _letter(realistic_database, annex=True)
    long = dataclasses.replace(letter.annex[0], passage=" ".join(["woord"] * 300))
    letter = dataclasses.replace(letter, annex=(long, *letter.annex[1:]))
    out = tmp_path / "brief.docx"
    render_docx(letter, out)
    rows = _xml(out).findall(f"{W}body/{W}tbl")[-1].findall(f"{W}tr")
    assert rows[1].find(f"{W}trPr/{W}cantSplit") is None and rows[2].find(f"{W}trPr/{W}cantSplit") is not None


# 3. The summary's quotes ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # Before a clause that opens with "en": not "... door het […]".
    ("Zelfstandige gemeentelijke opvang is dan niet meer nodig en wordt door het Rijk niet meer gefinancierd",
     "Zelfstandige gemeentelijke opvang is dan niet meer nodig"),
    # At a comma.
    ("Dit doen wij door intensieve begeleiding via het terugkeerspoor uit te breiden, de meldplicht aan te scherpen",
     "Dit doen wij door intensieve begeleiding via het terugkeerspoor uit te breiden"),
    # At a dash.
    ("We investeren in de rechtspraak en de sociale advocatuur \u2013 zodat iedereen die dat nodig heeft bij een "
     "advocaat terechtkan",
     "We investeren in de rechtspraak en de sociale advocatuur"),
    # Before a relative clause.
    ("In het EU-migratiebeleid willen wij inzetten op migratiepartnerschappen met derde landen die materieel voldoen "
     "aan de voorwaarden van het Vluchtelingenverdrag",
     "In het EU-migratiebeleid willen wij inzetten op migratiepartnerschappen met derde landen"),
    # No boundary: the word limit, the dangling "die op de" left off.
    ("In Nederland is er altijd ruimte om mensen op te vangen die op de vlucht zijn voor oorlog en vervolging",
     "In Nederland is er altijd ruimte om mensen op te vangen"),
])
def test_a_summary_quote_ends_at_a_natural_boundary_and_marks_the_elision(text: str, expected: str) -> None:
    assert summary_quote(text) == f"\u201c{expected}{NBSP}[\u2026]\u201d"


def test_a_short_summary_quote_stays_whole() -> None:
    assert summary_quote("We nemen de uitwerking van constitutionele toetsing ter hand.") == (
        "\u201cWe nemen de uitwerking van constitutionele toetsing ter hand\u201d")


def test_the_summary_bullets_in_word_never_stop_mid_phrase_and_name_each_theme_once(realistic_brief: Path) -> None:
    document = docx.Document(str(realistic_brief))
    texts = [p.text for p in document.paragraphs]
    start, end = texts.index("Samenvatting"), texts.index(review.ASYLUM)
    part = document.paragraphs[start + 1:end]
    bullets = [p.text for p in part if p.style is not None and p.style.name == "List Bullet"]
    assert [p.text for p in part if p.style is None or p.style.name != "List Bullet"] == [
        "De belangrijkste zorgen van Amnesty:", "Amnesty ziet lichtpuntjes in het akkoord:"]
    concerns = bullets[:texts[start + 1:end].index("Amnesty ziet lichtpuntjes in het akkoord:") - 1]
    welcome = bullets[len(concerns):]
    for listed in (concerns, welcome):  # one bullet per theme, in the letter's order
        themes = [text.split(": ", 1)[0] for text in listed]
        assert len(set(themes)) == len(themes) and themes == [t for t in review.THEMES if t in themes]
    assert concerns[0].startswith(f"{review.ASYLUM}: \u201cZelfstandige gemeentelijke opvang is dan niet meer "
                                  f"nodig{NBSP}[\u2026]\u201d{NBSP}(p.{NBSP}42), \u201cIn het EU-migratiebeleid")
    quotes = [quote for text in bullets for quote in re.findall("\u201c([^\u201d]*)\u201d", text)]
    assert len(quotes) == 9  # the five gravest concerns, the first five bright spots
    shortened = [quote for quote in quotes if quote.endswith(f"{NBSP}[\u2026]")]
    assert shortened
    for quote in shortened:
        words = quote.removesuffix(f"{NBSP}[\u2026]").split()
        assert words[-1].lower() not in _DANGLING, quote
        assert not words[-1].endswith((",", ";", ":")), quote
    assert all(" [\u2026]" not in text for text in bullets)  # the elision never starts a line alone
    assert all("\u201d (p." not in text for text in bullets)  # nor the page


# 4. What else a reader sees ------------------------------------------------------------------------------------------

def test_page_language_widows_and_footnotes_without_a_template(realistic_brief: Path) -> None:
    styles = _xml(realistic_brief, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults")
    assert defaults is not None
    assert defaults.find(f"{W}pPrDefault/{W}pPr/{W}widowControl") is not None
    lang = defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "nl-NL"  # Dutch spelling, not red squiggles everywhere
    document = docx.Document(str(realistic_brief))
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (docx.shared.Twips(11906), docx.shared.Twips(16838))
    assert section.left_margin == section.right_margin == docx.shared.Twips(1418)
    footnote = document.styles["Footnote Text"]
    assert footnote.font.size == Pt(9) and footnote.paragraph_format.line_spacing == 1.0


def test_the_opening_is_spaced_without_empty_paragraphs_and_the_signature_has_room(realistic_brief: Path) -> None:
    document = docx.Document(str(realistic_brief))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    closing = texts.index("Hoogachtend,")
    # From the sender to the salutation no empty paragraph; the parts are set apart by space above them.
    salutation = texts.index("Geachte leden van de Tweede Kamer,")
    assert "" not in texts[:salutation]
    for text in ("Amsterdam, 14 december 2021", "Aan de leden van de Tweede Kamer der Staten-Generaal",
                 "Geachte leden van de Tweede Kamer,"):
        space = paragraphs[texts.index(text)].paragraph_format.space_before
        assert space is not None and space >= Pt(12), text
    assert texts[texts.index("Amsterdam, 14 december 2021") + 1] == "Kenmerk: AI/2021/117"
    assert texts.index("Betreft: Reactie op het coalitieakkoord \u2018Omzien naar elkaar, vooruitkijken naar de "
                       "toekomst\u2019") == salutation - 2
    # Nor between the sections' paragraphs and the closing; an empty line and space above the name to sign in.
    assert "" not in texts[salutation:closing - 1]
    assert texts[closing + 1:closing + 4] == ["", "Dagmar Oudshoorn", "Directeur Amnesty International Nederland"]
    name = paragraphs[closing + 2].paragraph_format
    assert name.space_before is not None and name.space_before >= Pt(12) and name.space_after == Pt(0)
    opening = paragraphs[closing - 1].paragraph_format.space_before
    assert opening is not None and opening >= Pt(12)
    assert texts[closing - 1] == "Amnesty is graag bereid de punten in deze brief nader toe te lichten."


def test_page_numbers_never_break_from_their_p(realistic_brief: Path) -> None:
    text = "\n".join(p.text for p in docx.Document(str(realistic_brief)).paragraphs)
    assert re.search(r"\(p\. \d", text) is None
    assert f"(p.{NBSP}41)" in text and f"(p.{NBSP}25\u201326)" in text


def test_the_programs_own_words_use_typographic_apostrophes_and_quotes() -> None:
    """As the example letter writes "zo’n" and "Amnesty’s": no typewriter ' or " in the phrases the letter is
    composed from (the reviewer's own words are the reviewer's)."""
    import json

    phrases = json.loads((ROOT / "resources" / "letter" / "phrases.json").read_text(encoding="utf-8"))

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in strings(item)]
        return []

    typewriter = [text for text in strings(phrases) if "'" in text or '"' in text]
    assert typewriter == []


def test_risicos_in_the_letter_has_its_typographic_apostrophe(realistic_brief: Path) -> None:
    text = "\n".join(p.text for p in docx.Document(str(realistic_brief)).paragraphs)
    # The letter's own words ("risico’s" in an opening, whichever openings this review's turns take) never have a
    # typewriter apostrophe inside a word.
    phrases = (Path(__file__).resolve().parents[2] / "resources" / "letter" / "phrases.json").read_text("utf-8")
    assert "risico\u2019s voor de mensenrechten" in phrases and "risico's" not in phrases
    assert re.search(r"\w'\w", text) is None, re.search(r".{20}\w'\w.{20}", text)


def test_every_page_but_the_first_has_its_number_at_the_foot(realistic_brief: Path) -> None:
    document = docx.Document(str(realistic_brief))
    letter, annex = document.sections[0], document.sections[-1]
    assert letter.different_first_page_header_footer and not annex.different_first_page_header_footer
    footer = letter.footer
    assert not footer.is_linked_to_previous
    fields = footer._element.findall(f".//{W}fldSimple")
    assert [field.get(f"{W}instr") for field in fields] == ["PAGE"]
    assert footer.paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert letter.first_page_footer.is_linked_to_previous  # no first-page footer: page 1 has none
    assert annex.footer.is_linked_to_previous  # the annex's pages go on counting with the letter's footer


def test_on_a_narrower_letterhead_the_longest_compound_gives_way_not_the_short_words(realistic_database: Path,
                                                                                    tmp_path: Path) -> None:
    """python-docx's own template as a letterhead: US Letter with margins of 3.2 cm, too narrow for every column's
    longest word beside the passage; the treaties' "VN-Rassendiscriminatieverdrag" may break, "verwelkomd",
    "democratische" and "Fatima" do not."""
    path = tmp_path / "briefpapier.docx"
    docx.Document().save(str(path))
    out = tmp_path / "brief.docx"
    render_docx(_letter(realistic_database, template=str(path), annex=True), out)
    table = _xml(out).findall(f"{W}body/{W}tbl")[-1]
    widths = _grid(table)
    side = 2 * 85 / 20
    rows = table.findall(f"{W}tr")
    values = [["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in row.findall(f"{W}tc")] for row in rows]
    for column in (1, 2, 3, 5):
        longest = max(_points(word, bold=not index) for index, row in enumerate(values)
                      for word in re.split(r"[ \u00a0]|(?<=-)", row[column]) if word)
        assert widths[column] - side >= longest, (values[0][column], widths[column], longest)
    assert widths[0] >= 0.39 * sum(widths)
