"""A long document's text stays bounded: compact page texts, and a PDF process that keeps only some of them."""

from __future__ import annotations

import pickle
import tracemalloc
from pathlib import Path

import fitz
import pytest

from annotator.pdf.search import compact_key, count_in_key, find_in_page
from annotator.pdf.service import PdfProcess, _Handler
from annotator.pdf.textmodel import PageText, extract_page_text

COPIES = 6  # the 2021 agreement six times over: 300 pages, more than a PDF process keeps the texts of


@pytest.fixture(scope="module")
def agreement_texts() -> list[PageText]:
    with fitz.open(Path(__file__).resolve().parents[1] / "data" / "coalitieakkoord-2021-2025.pdf") as doc:
        return [extract_page_text(page) for page in doc]


@pytest.fixture(scope="module")
def long_agreement(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / f"agreement-x{COPIES}.pdf"
    with fitz.open(Path(__file__).resolve().parents[1] / "data" / "coalitieakkoord-2021-2025.pdf") as source:
        long = fitz.open()
        for _ in range(COPIES):
            long.insert_pdf(source)
        long.save(path)
    return path


def test_a_page_text_costs_a_tenth_of_a_megabyte(agreement_texts: list[PageText]) -> None:
    with fitz.open(Path(__file__).resolve().parents[1] / "data" / "coalitieakkoord-2021-2025.pdf") as doc:
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        texts = [extract_page_text(page) for page in doc]
        for text in texts:  # a search folds every page, selecting asks for boxes and words
            find_in_page(text, "kabinet")
            list(text.boxes)
            text.words
        held = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
    per_page = held / len(texts)
    assert per_page < 0.16 * 2**20, f"{per_page / 2**20:.2f} MB a page"  # 0.38 MB before they were made compact
    # What travels from the PDF process to the window is as small.
    assert sum(len(pickle.dumps(text)) for text in texts) / len(texts) < 0.12 * 2**20
    assert pickle.loads(pickle.dumps(texts[5])).rects(0, 40) == texts[5].rects(0, 40)


def test_boxes_and_words_are_made_when_asked_for(agreement_texts: list[PageText]) -> None:
    page = agreement_texts[5]
    boxes = page.boxes
    assert len(boxes) == len(page.text)
    assert list(boxes)[10:20] == boxes[10:20] == [boxes[index] for index in range(10, 20)]
    assert boxes[-1] == boxes[len(boxes) - 1]
    word = page.words[3]
    assert page.word_at((word.rect.x0 + word.rect.x1) / 2, (word.rect.y0 + word.rect.y1) / 2) == word


@pytest.mark.parametrize("query", ["kabinet", "de", "mensen rechten", "Democratische   RECHTSORDE", "media-aanbod",
                                   "asiel en migratie", "e", "xylofoon"])
def test_a_compact_key_counts_what_the_page_text_finds(agreement_texts: list[PageText], query: str) -> None:
    keys = [compact_key(text) for text in agreement_texts]
    assert [count_in_key(key, query) for key in keys] == [len(find_in_page(text, query)) for text in agreement_texts]
    assert sum(map(len, keys)) / len(keys) < 3000  # bytes a page, for every page of the document


def test_the_pdf_process_keeps_a_bounded_number_of_page_texts(long_agreement: Path) -> None:
    process = PdfProcess()
    try:
        opened = process.call("open", long_agreement, None, timeout=30)
        pages = opened.page_count
        assert pages == 50 * COPIES
        # A search before the pages were read reads in full the pages that hold the phrase for its hits' boxes
        # (and keeps none of them: their running headers were not told); every page searched gets its key (from
        # MuPDF's block text, which costs little).
        first = [process.call("search_page", page, "democratische rechtsorde", timeout=30) for page in range(pages)]
        assert sum(found.count for found in first) == 7 * COPIES
        assert all(found.hits is not None and len(found.hits) == found.count for found in first)
        kept, keyed, _ = process.call("text_cache")
        assert kept == 0 and keyed == pages
        # What the window asks when idle, whether a page has a text layer, the keys answer; they stay small.
        assert all(process.call("has_text", page) for page in range(pages))
        kept, keyed, key_bytes = process.call("text_cache")
        assert kept == 0 and keyed == pages and key_bytes < 3000 * pages
        # Reading pages keeps the texts of the pages read last.
        for page in range(pages):
            process.call("page_text", page)
        assert process.call("text_cache")[:2] == (_Handler.TEXT_PAGES, pages)
        # A later search counts from the keys; the hits of a page whose text is no longer kept come with ``find``.
        found = [process.call("search_page", page, "kabinet") for page in range(pages)]
        assert sum(hits.count for hits in found) == 50 * COPIES
        counted = [hits for hits in found if hits.count and hits.hits is None]
        assert len(counted) >= len([hits for hits in found if hits.count]) - _Handler.TEXT_PAGES
        for hits in counted[:3]:
            boxes = process.call("find", hits.page, "kabinet")
            assert len(boxes) == hits.count and all(hit.rects for hit in boxes)
        assert process.call("text_cache")[:2] == (_Handler.TEXT_PAGES, pages)
    finally:
        process.close()
