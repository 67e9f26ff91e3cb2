"""Printed page labels: the PDF's own /PageLabels, else the page numbers printed in headers and footers."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from annotator.pdf.textmodel import FURNITURE_MARGIN

if TYPE_CHECKING:  # find_page is used by the GUI, which does not load MuPDF
    import fitz

# Headers and footers live in the top and bottom ~12% of a page (the same bands the page text leaves out of quotes).
_MARGIN = FURNITURE_MARGIN
# Enough pages to outvote a stray number, few enough that a 1000-page document is labelled in a blink.
_SAMPLE = 24
_NUMBER = re.compile(r"^\d{1,4}$")
_PAGE_PREFIX = re.compile(r"^(?:p(?:age|agina|g)?\.?|blz\.?|bladzijde)\s*", re.IGNORECASE)
_ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def page_labels(doc: fitz.Document) -> list[str]:
    """One label per page: /PageLabels if the PDF has them, else printed numbers, else "1".."n"."""
    count = doc.page_count
    if doc.is_pdf and _has_page_labels(doc):
        labels = [doc.load_page(index).get_label() for index in range(count)]
        if any(labels):
            return labels
    offset = _printed_offset(doc)
    if offset is None:
        return [str(index + 1) for index in range(count)]
    return [str(index + offset) if index + offset >= 1 else "" for index in range(count)]


def _has_page_labels(doc: fitz.Document) -> bool:
    """Whether the catalog has a /PageLabels tree (reading it does not touch any page)."""
    kind: str = doc.xref_get_key(doc.pdf_catalog(), "PageLabels")[0]
    return kind != "null"


def _sample(count: int) -> list[int]:
    """Up to _SAMPLE page indexes spread over the document, so long documents stay quick to label."""
    if count <= _SAMPLE:
        return list(range(count))
    step = count / _SAMPLE
    return sorted({int(position * step) for position in range(_SAMPLE)})


def _printed_offset(doc: fitz.Document) -> int | None:
    """The (printed number - page index) most pages agree on, or None when no such number is printed."""
    import fitz

    votes: Counter[int] = Counter()
    sampled = _sample(doc.page_count)
    for index in sampled:
        page = doc.load_page(index)
        rect = page.rect
        band = rect.height * _MARGIN
        offsets = set()
        for clip in (fitz.Rect(rect.x0, rect.y0, rect.x1, rect.y0 + band), fitz.Rect(rect.x0, rect.y1 - band, rect.x1, rect.y1)):
            for word in page.get_text("words", clip=clip):
                if _NUMBER.match(word[4]):
                    offsets.add(int(word[4]) - index)
        votes.update(offsets)
    if not votes:
        return None
    offset, agreeing = votes.most_common(1)[0]
    # A year in a footer or a single stray number is not pagination: at least half the pages must agree,
    # and at least two of them.
    if agreeing < 2 or agreeing * 2 < len(sampled):
        return None
    return offset


def _roman_value(text: str) -> int | None:
    """The value of a Roman numeral such as "xii", or None."""
    if not text or not _ROMAN.match(text):
        return None
    total = 0
    values = [_ROMAN_VALUES[ch] for ch in text.lower()]
    for position, value in enumerate(values):
        following = values[position + 1] if position + 1 < len(values) else 0
        total += -value if value < following else value
    return total


def find_page(labels: list[str], query: str) -> int | None:
    """The 0-based page for what a reader typed ("12", "p. 12", "xii"): a printed label first, then a page number."""
    text = _PAGE_PREFIX.sub("", query.strip()).strip()
    if not text:
        return None
    folded = text.casefold()
    for index, label in enumerate(labels):
        if label and label.casefold() == folded:
            return index
    if text.isdigit():
        number = int(text)
    else:
        roman = _roman_value(text)
        if roman is None:
            return None
        # A Roman label not in /PageLabels usually numbers the front matter: count it as a page number.
        number = roman
    if 1 <= number <= len(labels):
        return number - 1
    return None
