"""The bundled sample agreement: up to date with its Markdown, and laid out like a real agreement."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from annotator.paths import sample_agreement

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "make_sample.py"
MARKDOWN = REPO / "resources" / "sample" / "regeerakkoord-voorbeeld.md"
CHAPTERS = [
    "1. Asiel en migratie",
    "2. Democratische rechtsstaat",
    "3. Gelijke behandeling en discriminatie",
    "4. Koninkrijk en buitenlands beleid",
]


@pytest.fixture(scope="module")
def sample() -> pymupdf.Document:
    """The committed sample PDF, opened once for the module."""
    return pymupdf.open(sample_agreement())


def _footer_words(page: pymupdf.Page) -> list[str]:
    """The words printed in the bottom margin of a page."""
    clip = pymupdf.Rect(0, page.rect.height - 60, page.rect.width, page.rect.height)
    return [word[4] for word in page.get_text("words", clip=clip)]


def _built_with(document: pymupdf.Document) -> str:
    """The PyMuPDF version the generator wrote into the producer field."""
    return document.metadata["producer"].removeprefix("PyMuPDF ")


def test_the_pdf_was_built_from_the_current_markdown(sample: pymupdf.Document) -> None:
    info = int(sample.xref_get_key(-1, "Info")[1].split()[0])
    recorded = sample.xref_get_key(info, "SourceSHA256")[1]
    expected = hashlib.sha256(MARKDOWN.read_bytes()).hexdigest()
    assert recorded == expected, "the Markdown changed: run scripts/make_sample.py and commit the new PDF"


def test_regenerating_gives_the_committed_bytes(sample: pymupdf.Document, tmp_path: Path) -> None:
    if _built_with(sample) != pymupdf.VersionBind:
        pytest.skip(f"the sample was built with PyMuPDF {_built_with(sample)}, this is {pymupdf.VersionBind}")
    out = tmp_path / "regenerated.pdf"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == sample_agreement().read_bytes()


def test_it_is_a_small_a4_document_of_about_fifteen_pages(sample: pymupdf.Document) -> None:
    assert 13 <= sample.page_count <= 18
    assert sample_agreement().stat().st_size < 300 * 1024
    for page in sample:
        assert (round(page.rect.width), round(page.rect.height)) == (595, 842)


def test_printed_page_numbers_start_at_one_on_the_third_page(sample: pymupdf.Document) -> None:
    assert not any(word.isdigit() for word in _footer_words(sample[0]) + _footer_words(sample[1]))
    assert _footer_words(sample[2]) == ["1"]
    assert [_footer_words(page) for page in sample.pages(2)] == [[str(n - 1)] for n in range(2, sample.page_count)]
    # The program has to find the printed numbers in the text, as in real agreements.
    assert sample.get_page_labels() == []


def test_the_outline_leads_to_each_chapter_heading(sample: pymupdf.Document) -> None:
    outline = sample.get_toc(simple=False)
    chapters = [entry for entry in outline if entry[0] == 1 and entry[1][0].isdigit()]
    assert [entry[1] for entry in chapters] == CHAPTERS
    for _, title, page_number, destination in chapters:
        page = sample[page_number - 1]
        large = [
            (span["text"], span["bbox"][1])
            for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
            if span["size"] >= 14
        ]
        assert [text for text, _ in large] == [title]
        assert abs(large[0][1] - destination["to"].y) < 20


def test_the_contents_page_lists_chapters_with_their_printed_pages(sample: pymupdf.Document) -> None:
    contents = sample[1].get_text()
    assert contents.startswith("Inhoud")
    for _, title, page_number in (entry for entry in sample.get_toc() if entry[1] in CHAPTERS):
        assert f"{title}\n{page_number - 2}\n" in contents


def test_text_metadata_and_colophon_identify_a_fictional_agreement(sample: pymupdf.Document) -> None:
    # flags=0 spells out the "fi" ligatures the body font uses.
    text = " ".join(page.get_text("text", flags=0) for page in sample).replace("\n", " ")
    for chapter in CHAPTERS:
        assert chapter in text
    assert "Dit is een fictief akkoord, geschreven als voorbeeld voor annotator" in text
    assert sample.metadata["author"] == "Fictieve coalitiepartijen"
    assert sample.metadata["title"] == "Samen verder, met open blik — Coalitieakkoord 2027–2031"
    assert sample.metadata["subject"]
