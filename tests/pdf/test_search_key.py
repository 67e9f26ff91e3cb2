"""The search key a page gets from MuPDF's block text is the key of its full text model: a search that counts on
the one and shows the hits of the other finds the same phrases, with the same rules (case, hyphens, line breaks)."""

from __future__ import annotations

import random
from pathlib import Path

import fitz
import pytest

from annotator.pdf.normalize import normalize
from annotator.pdf.search import block_key, fold, page_block_key, search_unread_page, find_in_page
from annotator.pdf.textmodel import TEXT_FLAGS, extract_page_text

PIECES = ["mensen", "Rechten", "EU", "media", "aanbod", "en", "of", "Straße", "ÉÉN", "ß", "a", "e", "x", "1",
          "-", "\u2010", "\u2011", "\u00ad", " ", "  ", "\n", "\n\n", " \n ", "\t", "\xa0", "\x1f", "\x85",
          "\u2028", "\u3000", "\ufb01", "\uf0b7", "İ"]


def test_the_block_key_is_the_normalised_folded_text() -> None:
    rng = random.Random(12)
    for _ in range(5000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 14)))
        assert block_key(text) == fold(normalize(text)).text, repr(text)


@pytest.mark.parametrize("name", ["agreement", "sample", "paper"])
def test_every_page_has_the_key_of_its_text_model(name: str, agreement_2021: Path, two_column_paper: Path) -> None:
    path = {"agreement": agreement_2021, "paper": two_column_paper,
            "sample": Path(__file__).resolve().parents[2] / "resources" / "sample" / "regeerakkoord-voorbeeld.pdf"}[name]
    with fitz.open(path) as doc:
        for page in doc:
            textpage = page.get_textpage(flags=TEXT_FLAGS)
            model = extract_page_text(page, textpage)
            has_text, key = page_block_key(page, textpage)
            assert key == fold(model.normalized).text, f"page {page.number}"
            assert has_text == model.has_text_layer


def test_an_unread_page_is_counted_without_its_boxes_and_searched_with_them(agreement_2021: Path) -> None:
    with fitz.open(agreement_2021) as doc:
        page = doc.load_page(14)
        count, hits, (has_text, key) = search_unread_page(page, "NIET-vrijblijvende", boxes=False)
        assert (count, hits, has_text) == (1, None, True)
        count, hits, (_, again) = search_unread_page(page, "nietvrijblijvende")
        assert count == 1 and hits == find_in_page(extract_page_text(page), "niet-vrijblijvende")
        assert again == key
