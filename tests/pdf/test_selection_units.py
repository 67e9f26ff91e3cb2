"""The units a selection snaps to: words (with the hyphens, apostrophes and number marks inside them), printed
lines, and selections without the spaces at their ends."""

from __future__ import annotations

import fitz
import pytest

from annotator.pdf.selection import TextPosition, TextSelection, line_bounds, trimmed, word_bounds
from annotator.pdf.textmodel import PageText, extract_page_text

LINES = ["De Staten-Generaal en zo'n 1.000.000 mensen: kinderen.", "Een tweede regel, (tussen haakjes)."]


@pytest.fixture(scope="module")
def page() -> PageText:
    with fitz.open() as doc:
        pdf_page = doc.new_page()
        for number, line in enumerate(LINES):
            pdf_page.insert_text((72, 100 + 20 * number), line, fontsize=11)
        return extract_page_text(pdf_page)


def _word(page: PageText, inside: str, offset: int = 1) -> str:
    start, end = word_bounds(page, page.text.index(inside) + offset)
    return page.text[start:end]


def test_a_word_is_letters_and_digits_with_what_joins_them(page: PageText) -> None:
    assert _word(page, "Staten-Generaal") == "Staten-Generaal"
    assert _word(page, "Generaal", 3) == "Staten-Generaal"
    assert _word(page, "zo'n") == "zo'n"
    assert _word(page, "1.000.000", 4) == "1.000.000"
    assert _word(page, "kinderen.") == "kinderen"  # the full stop is not part of it
    assert _word(page, "haakjes") == "haakjes"
    assert _word(page, "(tussen", 0) == "("  # a punctuation mark is a unit of its own
    assert _word(page, ": kinderen", 0) == ":"


def test_a_line_is_what_lies_between_line_breaks(page: PageText) -> None:
    start, end = line_bounds(page, page.text.index("tweede"))
    assert page.text[start:end] == LINES[1]
    start, end = line_bounds(page, 0)
    assert page.text[start:end] == LINES[0]


def test_trimmed_drops_the_spaces_at_the_ends_and_keeps_the_direction(page: PageText) -> None:
    texts = {page.index: page}
    lo = page.text.index(" en zo")  # the space before "en"
    hi = page.text.index("zo'n") + 5  # the space after "zo'n"
    forward = trimmed(TextSelection(TextPosition(0, lo), TextPosition(0, hi)), texts)
    assert page.text[forward.start.index:forward.end.index] == "en zo'n"
    assert forward.anchor == forward.start
    backward = trimmed(TextSelection(TextPosition(0, hi), TextPosition(0, lo)), texts)
    assert (backward.start, backward.end) == (forward.start, forward.end) and backward.anchor == backward.end
    assert trimmed(TextSelection(TextPosition(0, lo), TextPosition(0, lo + 1)), texts).is_empty
