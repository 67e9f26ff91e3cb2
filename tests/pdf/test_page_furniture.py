"""Quotes never carry page furniture: running headers, footers, page numbers, nor the bullets of a list.

The fixture is a three-page agreement built with PyMuPDF: a running header on every page (drawn after the body on
the last page, as Word sometimes does), a centred page number at the foot ("41", "42", "- 43 -"), body text that
runs on over both page breaks, and a list with Symbol-font bullets (U+F0B7, as Word writes them) and plain ones.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import fitz
import pytest
from corpus import corpus_file

from annotator.domain.model import AnchorStatus, Rect
from annotator.pdf.anchoring import Anchorer
from annotator.pdf.labels import page_labels
from annotator.pdf.selection import TextPosition, TextSelection, area_anchor, make_anchor, selected_text
from annotator.pdf.textmodel import PageText, extract_page_text

HEADER = "Coalitieakkoord 2021 \u2013 2025"
NUMBERS = ("41", "42", "- 43 -")
LEFT, INDENT, TOP, LEADING, SIZE = 72.0, 90.0, 100.0, 15.0, 11.0

# Each page's body, one entry per printed line: (text, bullet) where bullet is None, "symbol" (a U+F0B7 glyph in
# the Symbol font, on its own a little left of the text) or "plain" (a "•" opening the line).
PAGES: list[list[tuple[str, str | None]]] = [
    [
        ("Asiel en migratie", None),
        ("In Nederland is er altijd ruimte om mensen op te vangen die op de vlucht zijn voor", None),
        ("oorlog, geweld en vervolging. Wij zetten in op een effectief en menswaardig", None),
        ("Europees asielbeleid. Daarvoor nemen wij de volgende maatregelen:", None),
        ("Wij versterken de opvang van vluchtelingen in de regio van herkomst en", "symbol"),
        ("verhogen onze bijdrage aan de humanitaire hulpverlening.", None),
        ("Wij versnellen de procedures bij de dienst die de aanvragen beoordeelt.", "symbol"),
        ("De financiering van de partners in de asielketen wordt stabieler.", "plain"),
        ("Wij investeren in de expertise bij de beoordeling van aanvragen.", "plain"),
        ("Overlastgevende asielzoekers zetten het draagvlak voor opvang van echte", None),
        ("vluchtelingen en de leefbaarheid voor omwonenden onder druk, ook ten nadele van", None),
        ("medewerkers en medebewoners. Daarom is de afgelopen jaren een stevig pakket aan", None),
    ],
    [
        ("maatregelen vastgesteld om overlast aan te pakken. We continueren en intensiveren de", None),
        ("huidige aanpak om overlastgevers in opvanglocaties en in het openbaar vervoer aan te", None),
        ("pakken. Mensen die niet rechtmatig in Nederland mogen blijven, moeten terugkeren", None),
        ("naar het land van herkomst. We zetten in op effectieve maatregelen die gericht zijn", None),
        ("op de terugkeer of het vertrek van mensen die niet mogen blijven, en wij breiden de", None),
    ],
    [
        ("begeleiding via het terugkeerspoor uit. Na de invoering van deze maatregelen", None),
        ("verhogen wij het quotum voor de hervestiging van vluchtelingen.", None),
    ],
]
FOOTER_TOKENS = {"41", "42", "43", "-", "\u2013", "2021", "2025", "Coalitieakkoord"}


def _write(page: fitz.Page, point: tuple[float, float], text: str, font: fitz.Font) -> None:
    writer = fitz.TextWriter(page.rect)
    writer.append(point, text, font=font, fontsize=SIZE)
    writer.write_text(page)


def _symbol_bullets_as_word_writes_them(doc: fitz.Document) -> None:
    """Map the Symbol font's bullet to U+F0B7 in its ToUnicode CMap, as in PDFs exported from Word."""
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "BaseFont")[1] != "/Symbol":
            continue
        kind, value = doc.xref_get_key(xref, "ToUnicode")
        if kind != "xref":
            continue
        cmap_xref = int(value.split()[0])
        cmap = doc.xref_stream(cmap_xref).decode()
        doc.update_stream(cmap_xref, re.sub(r"(<[0-9a-fA-F]{4}>) <2022>", r"\1 <f0b7>", cmap).encode())


def build_agreement(path: Path) -> Path:
    doc = fitz.open()
    helvetica, symbol = fitz.Font("helv"), fitz.Font("symb")
    for number, lines in enumerate(PAGES):
        page = doc.new_page(width=595.32, height=841.92)
        # The page number is drawn first (MuPDF then reads it first; the reading order puts it after the body).
        label = NUMBERS[number]
        width = helvetica.text_length(label, fontsize=SIZE)
        _write(page, ((page.rect.width - width) / 2, 790.0), label, helvetica)
        header_last = number == len(PAGES) - 1
        if not header_last:
            _write(page, (LEFT, 40.0), HEADER, helvetica)
        y = TOP
        for text, bullet in lines:
            if bullet == "symbol":
                _write(page, (LEFT, y), "\u2022", symbol)
            if bullet == "plain":
                _write(page, (INDENT, y), "\u2022 " + text, helvetica)
            else:
                _write(page, (INDENT if bullet or _continues_item(lines, text) else LEFT, y), text, helvetica)
            y += LEADING
        if header_last:
            _write(page, (LEFT, 40.0), HEADER, helvetica)
    _symbol_bullets_as_word_writes_them(doc)
    doc.save(path)
    doc.close()
    return path


def _continues_item(lines: list[tuple[str, str | None]], text: str) -> bool:
    """Whether a line without bullet carries on the list item above it (it is indented like the item)."""
    at = next(i for i, (line, _bullet) in enumerate(lines) if line == text)
    return at > 0 and lines[at - 1][1] == "symbol" and not text[0].isupper()


@pytest.fixture(scope="module")
def agreement(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, PageText]]:
    path = build_agreement(tmp_path_factory.mktemp("furniture") / "akkoord.pdf")
    with fitz.open(path) as doc:
        return path, {page.number: extract_page_text(page) for page in doc}


def _position(texts: dict[int, PageText], page: int, phrase: str, *, end: bool = False) -> TextPosition:
    """The caret before (or after, with ``end``) the first occurrence of ``phrase`` in the page text."""
    at = texts[page].text.index(phrase)
    return TextPosition(page, at + len(phrase) if end else at)


def _words_under(path: Path, page: int, quads: tuple[Rect, ...]) -> list[str]:
    """The words printed under the quads (their middle, as line boxes touch the lines above and below)."""
    with fitz.open(path) as doc:
        loaded = doc.load_page(page)
        words = []
        for quad in quads:
            middle = (quad.y0 + quad.y1) / 2
            words.extend(loaded.get_textbox(fitz.Rect(quad.x0, middle - 1, quad.x1, middle + 1)).split())
        return words


def _line_box(text: PageText, phrase: str) -> Rect:
    """The box of the printed line on which ``phrase`` starts."""
    at = text.text.index(phrase)
    return text.rects(at, at + 1)[0]


def test_the_fixture_reads_as_printed(agreement) -> None:
    _path, texts = agreement
    first = texts[0]
    assert "\uf0b7" in first.text and "\u2022 De financiering" in first.text
    assert first.text.rstrip().endswith("stevig pakket aan\n\n41")  # the number comes after the body
    assert texts[2].text.rstrip().endswith(f"{HEADER}\n\n- 43 -")  # header drawn last, read last
    for index, page in texts.items():
        furniture = [page.text[start:end] for start, end in page.furniture]
        assert furniture == [HEADER, NUMBERS[index]] or furniture == [NUMBERS[index], HEADER]
        markers = {page.text[start:end] for start, end in page.markers}
        assert markers == ({"\uf0b7", "\u2022"} if index == 0 else set())
    # Search and the page labels still see everything that is printed.
    assert "41" in first.normalized and HEADER in texts[1].normalized
    with fitz.open(agreement[0]) as doc:
        assert page_labels(doc) == ["41", "42", "43"]


def test_a_selection_over_the_page_break_quotes_the_body_words_only(agreement) -> None:
    path, texts = agreement
    selection = TextSelection(_position(texts, 0, "Daarom is de afgelopen"),
                              _position(texts, 1, "overlast aan te pakken.", end=True))
    anchor = make_anchor(selection, texts)
    assert anchor is not None
    assert anchor.exact == ("Daarom is de afgelopen jaren een stevig pakket aan maatregelen vastgesteld om overlast "
                            "aan te pakken.")
    assert anchor.pages() == (0, 1)
    # Neither the page number under page 41 nor the header over page 42 is highlighted.
    assert _words_under(path, 0, anchor.quads_on(0)) == "Daarom is de afgelopen jaren een stevig pakket aan".split()
    assert _words_under(path, 1, anchor.quads_on(1))[:2] == ["maatregelen", "vastgesteld"]
    assert all(quad.y1 < 700 for quad in anchor.quads_on(0)) and all(quad.y0 > 80 for quad in anchor.quads_on(1))
    assert anchor.prefix.endswith("medewerkers en medebewoners. ")
    assert anchor.suffix.startswith(" We continueren")
    assert texts[0].text[anchor.start:].startswith("Daarom")
    assert texts[1].text[:anchor.end].endswith("te pakken.")
    # Copying the selection leaves the furniture out too.
    assert selected_text(selection, texts) == (
        "Daarom is de afgelopen jaren een stevig pakket aan\nmaatregelen vastgesteld om overlast aan te pakken."
    )


def test_a_selection_from_the_page_furniture_starts_and_ends_at_the_body(agreement) -> None:
    _path, texts = agreement
    # From the header of page 42 (read first on that page) over the page break to the number under page 43.
    selection = TextSelection(TextPosition(1, 0), TextPosition(2, len(texts[2].text)))
    anchor = make_anchor(selection, texts)
    assert anchor is not None
    assert anchor.exact.startswith("maatregelen vastgesteld") and anchor.exact.endswith("van vluchtelingen.")
    assert "breiden de begeleiding via" in anchor.exact
    assert (anchor.start, anchor.end) == (texts[1].text.index("maatregelen"), texts[2].text.index("vluchtelingen.")
                                          + len("vluchtelingen."))
    assert anchor.prefix == "" and anchor.suffix == ""
    # Only the furniture selected: nothing to highlight.
    number = texts[0].text.rindex("41")
    assert make_anchor(TextSelection(TextPosition(0, number), TextPosition(0, number + 2)), texts) is None


def test_a_selection_on_one_page_into_the_footer_has_no_page_number(agreement) -> None:
    path, texts = agreement
    selection = TextSelection(_position(texts, 0, "medewerkers en"), TextPosition(0, len(texts[0].text)))
    anchor = make_anchor(selection, texts)
    assert anchor is not None
    assert anchor.exact == "medewerkers en medebewoners. Daarom is de afgelopen jaren een stevig pakket aan"
    assert "41" not in _words_under(path, 0, anchor.quads)
    assert anchor.end == texts[0].text.index("pakket aan") + len("pakket aan")


def test_list_items_are_quoted_without_their_bullets(agreement) -> None:
    path, texts = agreement
    selection = TextSelection(_position(texts, 0, "de volgende maatregelen:"),
                              _position(texts, 0, "wordt stabieler.", end=True))
    anchor = make_anchor(selection, texts)
    assert anchor is not None
    assert anchor.exact == (
        "de volgende maatregelen: Wij versterken de opvang van vluchtelingen in de regio van herkomst en verhogen "
        "onze bijdrage aan de humanitaire hulpverlening. Wij versnellen de procedures bij de dienst die de aanvragen "
        "beoordeelt. De financiering van de partners in de asielketen wordt stabieler."
    )
    assert not {"\u2022", "\u00b7"} & set(_words_under(path, 0, anchor.quads))
    # A selection that starts on a bullet starts at the item's first word.
    bullet = texts[0].text.index("\uf0b7")
    item = make_anchor(TextSelection(TextPosition(0, bullet), _position(texts, 0, "van herkomst", end=True)), texts)
    assert item is not None and item.exact == "Wij versterken de opvang van vluchtelingen in de regio van herkomst"
    assert item.start == texts[0].text.index("Wij versterken")


def test_area_quotes_have_no_bullets_nor_page_numbers(agreement) -> None:
    _path, texts = agreement
    list_top, list_bottom = _line_box(texts[0], "Wij versterken").y0, _line_box(texts[0], "Wij investeren").y1
    listed = area_anchor(texts[0], 0, Rect(60, list_top - 1, 540, list_bottom + 1))
    assert listed.exact.startswith("Wij versterken de opvang")
    assert "\u2022" not in listed.exact and "\uf0b7" not in listed.exact
    assert "hulpverlening. Wij versnellen" in listed.exact
    assert listed.exact.endswith("beoordeling van aanvragen.")
    assert listed.start == texts[0].text.index("Wij versterken")
    foot = area_anchor(texts[0], 0, Rect(60, 240, 540, 841))
    assert foot.exact.endswith("stevig pakket aan") and "41" not in foot.exact.split()
    header = area_anchor(texts[1], 1, Rect(0, 0, 595, 60))
    assert header.exact == "" and header.start is None


def test_a_clean_quote_over_the_page_break_is_anchored_again(agreement) -> None:
    path, texts = agreement
    anchorer = Anchorer([texts[index] for index in sorted(texts)])
    made = make_anchor(TextSelection(_position(texts, 0, "een stevig pakket"),
                                     _position(texts, 1, "maatregelen vastgesteld", end=True)), texts)
    assert made is not None and made.exact == "een stevig pakket aan maatregelen vastgesteld"
    placement = anchorer.place(made.exact, made.prefix, made.suffix, made.page)
    assert placement.status is AnchorStatus.ANCHORED and placement.anchor is not None
    assert placement.anchor.quads == made.quads and placement.anchor.quad_pages == made.quad_pages
    assert (placement.anchor.start, placement.anchor.end) == (made.start, made.end)
    assert placement.anchor.prefix == made.prefix
    # A quote over a list, as an import brings it, and a quote saved with the page number inside by an earlier
    # version (or copied from another reader) are found as well, highlighted without the number.
    listed = anchorer.place("maatregelen: Wij versterken de opvang")
    assert listed.status is AnchorStatus.ANCHORED and listed.anchor is not None
    old = anchorer.place(f"een stevig pakket aan 41 {HEADER} maatregelen vastgesteld")
    assert old.status is AnchorStatus.ANCHORED and old.anchor is not None
    assert old.anchor.quads == made.quads
    assert "41" not in _words_under(path, 0, old.anchor.quads_on(0))


def test_no_quote_of_any_selection_contains_furniture(agreement) -> None:
    _path, texts = agreement
    anchorer = Anchorer([texts[index] for index in sorted(texts)])
    body_words = {word for page in texts.values() for word in page.body.split()}
    chance = random.Random(20211215)
    checked = 0
    for _ in range(400):
        first, last = sorted((chance.randrange(3), chance.randrange(3)))
        start = chance.randrange(len(texts[first].text) + 1)
        end = chance.randrange(len(texts[last].text) + 1)
        if first == last and end < start:
            start, end = end, start
        anchor = make_anchor(TextSelection(TextPosition(first, start), TextPosition(last, end)), texts)
        if anchor is None:
            continue
        words = anchor.exact.split()
        assert not FOOTER_TOKENS & set(words), anchor.exact
        assert "\u2022" not in anchor.exact and "\uf0b7" not in anchor.exact and HEADER not in anchor.exact
        assert "2021" not in anchor.prefix + anchor.suffix and "\u2022" not in anchor.prefix + anchor.suffix
        # Whole words inside the quote are words of the body (its ends may cut a word).
        assert set(words[1:-1]) <= body_words, anchor.exact
        placement = anchorer.place(anchor.exact, anchor.prefix, anchor.suffix, anchor.page)
        if placement.status is AnchorStatus.ANCHORED and len(anchor.exact) > 20:
            assert placement.anchor is not None
            assert placement.anchor.quads == anchor.quads, anchor.exact
            checked += 1
    assert checked > 100


def test_the_page_number_in_the_2021_agreement_stays_out_of_the_quote() -> None:
    path = corpus_file("coalitieakkoord-2021-2025.pdf")
    with fitz.open(path) as doc:
        texts = {index: extract_page_text(doc.load_page(index)) for index in (43, 44)}
        labels = page_labels(doc)
    assert (labels[43], labels[44]) == ("41", "42")
    selection = TextSelection(_position(texts, 43, "Daarom is de afgelopen"),
                              _position(texts, 44, "overlast aan te pakken.", end=True))
    anchor = make_anchor(selection, texts)
    assert anchor is not None
    assert anchor.exact == ("Daarom is de afgelopen jaren een stevig pakket aan maatregelen vastgesteld om overlast "
                            "aan te pakken.")
    assert "41" not in _words_under(path, 43, anchor.quads_on(43))
    with fitz.open(path) as doc:
        anchorer = Anchorer([extract_page_text(page) for page in doc])
    placement = anchorer.place(anchor.exact, anchor.prefix, anchor.suffix, anchor.page)
    assert placement.status is AnchorStatus.ANCHORED and placement.anchor is not None
    assert placement.anchor.quads == anchor.quads
    # An area over the list on the same page quotes the items without their Symbol-font bullets.
    area = area_anchor(texts[43], 43, Rect(60, 107, 540, 230))
    assert area.exact.startswith("In Nederland is er altijd ruimte")
    assert "\u2022" not in area.exact and "\uf0b7" not in area.exact


def test_a_word_hyphenated_over_the_page_break_is_quoted_whole_and_found_again() -> None:
    doc = fitz.open()
    first = doc.new_page()
    first.insert_text((72, 100), "De overheid beschermt de mensen-")
    first.insert_text((300, 800), "- 7 -")
    second = doc.new_page()
    second.insert_text((300, 40), "8")
    second.insert_text((72, 100), "rechten van iedereen die hier woont.")
    texts = {page.number: extract_page_text(page) for page in doc}
    doc.close()
    made = make_anchor(TextSelection(_position(texts, 0, "beschermt"), _position(texts, 1, "van iedereen", end=True)),
                       texts)
    assert made is not None and made.exact == "beschermt de mensenrechten van iedereen"
    placement = Anchorer([texts[0], texts[1]]).place(made.exact, made.prefix, made.suffix, made.page)
    assert placement.status is AnchorStatus.ANCHORED and placement.anchor is not None
    assert placement.anchor.quads == made.quads and (placement.anchor.start, placement.anchor.end) == (
        made.start, made.end)


def test_a_lone_line_in_the_margin_is_not_furniture_unless_it_is_a_page_number() -> None:
    doc = fitz.open()
    page = doc.new_page()
    page.insert_text((72, 50), "Hoofdstuk een: de democratische rechtsstaat")  # printed once: a heading
    page.insert_text((72, 120), "De rechtsstaat is het fundament van onze samenleving.")
    page.insert_text((72, 800), "p. 12")
    text = extract_page_text(page)
    doc.close()
    assert [text.text[start:end] for start, end in text.furniture] == ["p. 12"]
    assert text.body == ("Hoofdstuk een: de democratische rechtsstaat De rechtsstaat is het fundament van onze "
                         "samenleving.")
