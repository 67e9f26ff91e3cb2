"""Page text of real documents: reading order, normalisation, character boxes and hit-testing."""

from __future__ import annotations

from pathlib import Path

import fitz
import pytest
from corpus import corpus_file
from pdf_builders import PAPER_FIGURE_CAPTION, PAPER_LEFT_COLUMN_END, PAPER_SECTION_2

from annotator.pdf.textmodel import PageText, extract_page_text, normalize


@pytest.fixture(scope="module")
def agreement_pages() -> dict[int, PageText]:
    path = corpus_file("coalitieakkoord-2021-2025.pdf")
    with fitz.open(path) as doc:
        return {index: extract_page_text(doc.load_page(index)) for index in (5, 10, 14, 17)}


def test_normalize_joins_hyphenation_but_keeps_coordination() -> None:
    assert normalize("de mensen-\nrechten van") == "de mensenrechten van"
    assert normalize("het asiel-\nen migratiebeleid") == "het asiel- en migratiebeleid"
    assert normalize("wet-\nof regelgeving") == "wet- of regelgeving"
    assert normalize("Noord-\nHolland") == "Noord- Holland"
    assert normalize("  veel \t ruimte\n\ntussen  ") == "veel ruimte tussen"
    assert normalize("\uf0b7 punt") == "\u2022 punt"
    assert normalize("e\ufb03ciënt") == "efficiënt"
    assert normalize("Grondwet") == "Grondwet"  # case is kept


def test_page_text_layout(agreement_pages: dict[int, PageText]) -> None:
    page = agreement_pages[5]
    assert page.has_text_layer
    assert len(page.boxes) == len(page.text)
    assert "emotioneel\nherstel in het hele proces." in page.text
    assert "\n\n" in page.text  # blocks are separated by a blank line
    assert page.text.rstrip().endswith("3")  # the footer page number is read after the body


def test_private_use_bullets_become_bullets(agreement_pages: dict[int, PageText]) -> None:
    page = agreement_pages[5]
    assert "\uf0b7" in page.text  # kept as printed, one box per glyph
    assert "\uf0b7" not in page.normalized
    assert "\u2022 Daarbij geven ouders" in page.normalized


def test_line_end_hyphens_in_the_agreement(agreement_pages: dict[int, PageText]) -> None:
    assert "media-\naanbod" in agreement_pages[5].text
    assert "hoogwaardig media-aanbod" in agreement_pages[5].normalized
    assert "wet- en regelgeving" in agreement_pages[10].normalized
    assert "nietvrijblijvende bijdrage" in agreement_pages[14].normalized
    assert "HSL-knooppunten" in agreement_pages[17].normalized


def test_offsets_map_both_ways(agreement_pages: dict[int, PageText]) -> None:
    page = agreement_pages[5]
    phrase = "aandacht voor emotioneel herstel"
    at = page.normalized.index(phrase)
    start = page.to_text_offset(at)
    end = page.to_text_offset(at + len(phrase) - 1) + 1
    assert page.text[start:end] == "aandacht voor emotioneel\nherstel"
    assert page.to_normalized_offset(start) == at
    rects = page.rects(start, end)
    assert len(rects) == 2  # one per line
    assert rects[0].y1 <= rects[1].y0 + 1


def test_words_and_hit_testing(agreement_pages: dict[int, PageText]) -> None:
    page = agreement_pages[5]
    word = next(word for word in page.words if word.text == "Persvrijheid")
    assert page.text[word.start : word.end] == "Persvrijheid"
    centre_x = (word.rect.x0 + word.rect.x1) / 2
    centre_y = (word.rect.y0 + word.rect.y1) / 2
    assert page.word_at(centre_x, centre_y) == word
    index = page.char_at(word.rect.x0 + 1, centre_y)
    assert index == word.start
    assert page.char_at(2, 2) is None  # the empty top-left margin
    # Dragging left of the line still selects from its first character.
    assert page.nearest_char(word.rect.x0 - 40, centre_y) == word.start
    for box, char in zip(page.boxes[word.start : word.end], word.text):
        assert word.rect.x0 - 0.5 <= box.x0 <= box.x1 <= word.rect.x1 + 0.5, char


def test_two_columns_are_read_one_after_the_other(two_column_paper: Path) -> None:
    with fitz.open(two_column_paper) as doc:
        mupdf_order = doc.load_page(1).get_text()
        page = extract_page_text(doc.load_page(1))
    # The file has the right column first; read as printed, the left column comes first.
    assert mupdf_order.index(PAPER_FIGURE_CAPTION) < mupdf_order.index(PAPER_LEFT_COLUMN_END)
    left_end = page.text.index(PAPER_LEFT_COLUMN_END)
    right_start = page.text.index(PAPER_FIGURE_CAPTION)
    overview = page.text.index(PAPER_SECTION_2)
    assert left_end < right_start < overview
    assert "ef\ufb01cient" in page.text and "efficient" not in page.text  # printed with the "\ufb01" ligature
    assert "efficient" in page.normalized and "reflects" in page.normalized  # the ligatures are expanded


def test_scanned_page_has_no_text_layer(scanned_pdf: Path) -> None:
    with fitz.open(scanned_pdf) as doc:
        assert doc.load_page(0).get_images()  # the page is a picture of text
        page = extract_page_text(doc.load_page(0))
    assert not page.has_text_layer
    assert page.text == "" and page.words == [] and page.rects(0, 10) == []
    assert page.char_at(100, 100) is None and page.nearest_char(100, 100) is None


def test_extraction_is_not_much_slower_than_mupdf_raw_extraction(agreement_2021: Path) -> None:
    import time

    def best(run: object) -> float:
        timings = []
        for _ in range(3):
            with fitz.open(agreement_2021) as doc:
                started = time.perf_counter()
                run(doc)  # type: ignore[operator]
                timings.append(time.perf_counter() - started)
        return min(timings)

    ours = best(lambda doc: [extract_page_text(page) for page in doc])
    raw = best(lambda doc: [page.get_text("rawdict") for page in doc])
    # Generous: the machine is shared, but a regression to per-character objects would show.
    assert ours < raw * 2.5


def test_text_flags_are_mupdfs() -> None:
    import fitz

    from annotator.pdf.textmodel import TEXT_FLAGS

    assert TEXT_FLAGS == (fitz.TEXT_PRESERVE_LIGATURES | fitz.TEXT_PRESERVE_WHITESPACE | fitz.TEXT_MEDIABOX_CLIP
                          | fitz.TEXT_CID_FOR_UNKNOWN_UNICODE)


def test_the_characters_inside_an_area_are_those_whose_centre_it_holds(agreement_2021: Path) -> None:
    """PageText.inside (a line at a time) finds exactly the characters a box-by-box look finds, for areas of
    every size and place, on real pages."""
    import random

    from annotator.domain.model import Rect

    chance = random.Random(7)
    with fitz.open(agreement_2021) as doc:
        for page_number in (0, 5, 41):
            text = extract_page_text(doc.load_page(page_number))
            boxes = list(text.boxes)
            for _ in range(60):
                x0, x1 = sorted(chance.uniform(-20, text.width + 20) for _ in range(2))
                y0, y1 = sorted(chance.uniform(-20, text.height + 20) for _ in range(2))
                area = Rect(x0, y0, x1, y1)
                expected = [index for index, box in enumerate(boxes) if box.width > 0
                            and area.contains((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)]
                assert text.inside(area) == expected
            assert text.inside(Rect(0, 0, text.width, text.height))  # a page of text has characters inside
