"""A drawn area keeps the text around what it covers, as a selection does: so a word the area cut in two is told
from a whole one, in the letter, and a carry-over can find the passage by its surroundings."""

from __future__ import annotations

import fitz

from annotator.domain.model import Rect
from annotator.letter.compose import passage
from annotator.pdf.selection import area_anchor
from annotator.pdf.textmodel import extract_page_text

SENTENCE = "De vreemdelingenbewaring van kinderen wordt volledig afgeschaft."


def _page() -> tuple[fitz.Document, fitz.Page]:
    doc = fitz.open()
    page = doc.new_page()
    page.insert_text((72, 300), SENTENCE, fontsize=12)
    return doc, page


def _area_from(page: fitz.Page, first: str, last: str, cut_first: float = 0.0, cut_last: float = 1.0) -> Rect:
    """A rectangle from a part of word ``first`` to a part of word ``last`` (the shares of their widths)."""
    one, two = page.search_for(first)[0], page.search_for(last)[0]
    left = one.x0 + (one.x1 - one.x0) * cut_first
    right = two.x0 + (two.x1 - two.x0) * cut_last
    return Rect(left, one.y0 - 1, right, two.y1 + 1)


def test_an_area_that_cuts_words_in_two_says_so_and_the_letter_leaves_the_pieces_out() -> None:
    doc, page = _page()
    text = extract_page_text(page)
    anchor = area_anchor(text, 0, _area_from(page, "vreemdelingenbewaring", "kinderen", 0.5, 0.4))
    assert anchor.prefix.endswith("vreemdelin") or anchor.prefix[-1:].isalpha()
    assert anchor.suffix[:1].isalpha(), anchor.suffix
    words, cut_start, cut_end = passage(anchor.exact, anchor.prefix, anchor.suffix)
    assert cut_start and cut_end and words == "van", (anchor.exact, words)
    doc.close()


def test_an_area_around_whole_words_keeps_them_all() -> None:
    doc, page = _page()
    text = extract_page_text(page)
    anchor = area_anchor(text, 0, _area_from(page, "van", "wordt"))
    assert anchor.exact == "van kinderen wordt"
    assert anchor.prefix.endswith("vreemdelingenbewaring ") and anchor.suffix.startswith(" volledig")
    assert passage(anchor.exact, anchor.prefix, anchor.suffix) == ("van kinderen wordt", False, False)
    doc.close()
