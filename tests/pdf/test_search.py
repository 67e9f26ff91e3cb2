"""Searching the real agreement and paper as a reviewer would: across lines, hyphens, case and columns."""

from __future__ import annotations

from pathlib import Path

import fitz

from annotator.pdf.search import find_in_page, search_document
from annotator.pdf.textmodel import PageText, extract_page_text


def test_phrase_split_over_a_line_break(agreement_2021: Path) -> None:
    with fitz.open(agreement_2021) as doc:
        hits = list(search_document(doc, "aandacht voor EMOTIONEEL   herstel"))
        assert [hit.page for hit in hits] == [5]
        hit = hits[0]
        page = extract_page_text(doc.load_page(5))
        rect = doc.load_page(5).rect
    assert page.text[hit.start : hit.end] == "aandacht voor emotioneel\nherstel"
    assert len(hit.rects) == 2
    for box in hit.rects:
        # On the page, in the upper part of the body text of page 5, left of the right margin.
        assert 60 < box.x0 < box.x1 < rect.width - 60
        assert 60 < box.y0 < box.y1 < rect.height / 2


def test_hyphenated_words_are_found_with_or_without_hyphen(agreement_2021: Path) -> None:
    with fitz.open(agreement_2021) as doc:
        page14 = extract_page_text(doc.load_page(14))
        page5 = extract_page_text(doc.load_page(5))
    for query in ("niet-vrijblijvende", "nietvrijblijvende"):
        (hit,) = find_in_page(page14, query)
        assert page14.text[hit.start : hit.end] == "niet-\nvrijblijvende"
        assert len(hit.rects) == 2
    (hit,) = find_in_page(page5, "media-aanbod")
    assert page5.text[hit.start : hit.end] == "media-\naanbod"


def test_bullets_can_be_searched(agreement_2021: Path) -> None:
    with fitz.open(agreement_2021) as doc:
        page = extract_page_text(doc.load_page(5))
    hits = find_in_page(page, "• De publieke omroep")
    assert len(hits) == 1
    assert page.text[hits[0].start] == "\uf0b7"


def test_search_matches_mupdf_counts_and_fills_the_cache(agreement_2021: Path) -> None:
    texts: dict[int, PageText] = {}
    with fitz.open(agreement_2021) as doc:
        hits = list(search_document(doc, "Mensenrechten", texts=texts))
        mupdf = {index for index in range(doc.page_count) if doc.load_page(index).search_for("mensenrechten")}
        assert {hit.page for hit in hits} == mupdf
        assert set(texts) == mupdf  # pages with hits are extracted and kept
        again = list(search_document(doc, "mensenrechten", texts=texts))
    assert again == hits
    for hit in hits:
        assert texts[hit.page].normalized.casefold().count("mensenrechten") >= 1


def test_hits_in_the_right_column_have_rects_there(two_column_paper: Path) -> None:
    with fitz.open(two_column_paper) as doc:
        hits = list(search_document(doc, "overview: anchoring an EXAMPLE passage"))
        width = doc.load_page(1).rect.width
    assert [hit.page for hit in hits] == [1]
    for box in hits[0].rects:
        assert box.x0 > width / 2


def test_cancelled_search_stops(agreement_2021: Path) -> None:
    with fitz.open(agreement_2021) as doc:
        assert list(search_document(doc, "de", cancelled=lambda: True)) == []
        assert list(search_document(doc, "   ")) == []
