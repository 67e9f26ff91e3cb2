"""Printed page numbers, and going to a page by what the reader sees printed on it."""

from __future__ import annotations

from pathlib import Path

import fitz
from pdf_builders import PAPER_FIRST_PAGE_NUMBER, PAPER_PAGES

from annotator.pdf.labels import find_page, page_labels


def test_agreement_labels_follow_the_printed_numbers(agreement_2021: Path) -> None:
    with fitz.open(agreement_2021) as doc:
        labels = page_labels(doc)
    assert labels[:3] == ["", "", ""]  # cover, table of contents
    assert labels[3] == "1"
    assert labels[49] == "47"
    assert all(labels[index] == str(index - 2) for index in range(3, 50))


def test_go_to_printed_page(agreement_2021: Path) -> None:
    with fitz.open(agreement_2021) as doc:
        labels = page_labels(doc)
    assert find_page(labels, "12") == 14
    assert find_page(labels, "p. 12") == 14
    assert find_page(labels, "blz. 1") == 3
    assert find_page(labels, "49") == 48  # no printed 49: the 49th page
    assert find_page(labels, "xii") == 11
    assert find_page(labels, "500") is None
    assert find_page(labels, "inleiding") is None


def test_paper_labels_are_its_page_numbers(two_column_paper: Path) -> None:
    """Printed numbers of proceedings, 101 to 106, not the page count (the PDF has no /PageLabels)."""
    with fitz.open(two_column_paper) as doc:
        assert doc.get_page_labels() == []
        labels = page_labels(doc)
    first = PAPER_FIRST_PAGE_NUMBER
    assert labels == [str(number) for number in range(first, first + PAPER_PAGES)]
    assert find_page(labels, "p. 102") == 1


def test_pdf_page_labels_win(tmp_path: Path) -> None:
    doc = fitz.open()
    for _ in range(5):
        doc.new_page()
    doc.set_page_labels([{"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1},
                         {"startpage": 2, "prefix": "", "style": "D", "firstpagenum": 1}])
    path = tmp_path / "labels.pdf"
    doc.save(path)
    with fitz.open(path) as reopened:
        labels = page_labels(reopened)
    assert labels == ["i", "ii", "1", "2", "3"]
    assert find_page(labels, "ii") == 1
    assert find_page(labels, "3") == 4


def test_document_without_printed_numbers(scanned_pdf: Path) -> None:
    with fitz.open(scanned_pdf) as doc:
        assert page_labels(doc) == ["1", "2", "3"]
