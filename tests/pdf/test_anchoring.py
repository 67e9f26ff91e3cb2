"""Placing quotes in the real 2021 agreement, as an import does: across lines, hyphens and page breaks."""

from __future__ import annotations

import fitz
import pytest
from corpus import corpus_file

from annotator.domain.model import AnchorStatus, Rect
from annotator.pdf.anchoring import Anchorer
from annotator.pdf.selection import TextPosition, TextSelection, make_anchor
from annotator.pdf.textmodel import PageText, extract_page_text


@pytest.fixture(scope="module")
def agreement() -> tuple[fitz.Document, list[PageText]]:
    doc = fitz.open(corpus_file("coalitieakkoord-2021-2025.pdf"))
    yield doc, [extract_page_text(page) for page in doc]
    doc.close()


@pytest.fixture(scope="module")
def anchorer(agreement: tuple[fitz.Document, list[PageText]]) -> Anchorer:
    return Anchorer(agreement[1])


def _words_under(doc: fitz.Document, page: int, quads: tuple[Rect, ...]) -> str:
    """The words the quads cover on the page, as a reader would see them highlighted."""
    loaded = doc.load_page(page)
    return " ".join(" ".join(loaded.get_textbox(fitz.Rect(q.x0, q.y0, q.x1, q.y1)).split()) for q in quads)


def test_a_quote_with_other_whitespace_case_and_line_breaks(anchorer: Anchorer, agreement) -> None:
    doc, _texts = agreement
    placement = anchorer.place("aandacht voor\n  EMOTIONEEL    herstel")
    assert placement.status is AnchorStatus.ANCHORED
    anchor = placement.anchor
    assert anchor is not None and anchor.page == 5
    # The quote is split over a line break on the page: one quad per line.
    assert len(anchor.quads) == 2
    assert "aandacht voor emotioneel" in _words_under(doc, 5, anchor.quads[:1])
    assert "herstel" in _words_under(doc, 5, anchor.quads[1:])
    assert anchor.exact == "aandacht voor EMOTIONEEL herstel"
    assert anchor.prefix.endswith("en meer ") and anchor.suffix.startswith(" in het hele proces")


def test_a_quote_copied_from_another_extraction_with_its_line_end_hyphen(anchorer: Anchorer, agreement) -> None:
    doc, _texts = agreement
    raw = doc.load_page(24).get_text()  # "... onafhankelijk van sociaal-\neconomische en culturele ..."
    at = raw.index("sociaal-")
    placement = anchorer.place(raw[at - 40 : at + 40])
    assert placement.status is AnchorStatus.ANCHORED and placement.anchor is not None
    assert placement.anchor.page == 24 and len(placement.anchor.quads) == 2
    for typed in ("van sociaal-economische en culturele", "van sociaaleconomische en culturele"):
        found = anchorer.place(typed)
        assert found.status is AnchorStatus.ANCHORED and found.anchor is not None
        assert found.anchor.page == 24
        assert _words_under(doc, 24, found.anchor.quads) == "van sociaal- economische en culturele"


def test_a_paragraph_over_the_page_break_skips_the_printed_page_number(anchorer: Anchorer, agreement) -> None:
    doc, texts = agreement
    # Page index 4 ends "... ouders een vast", then its printed number 2; page 5 goes on "aanspreekpunt en ...".
    assert texts[4].text.rstrip().endswith("een vast\n\n2")
    placement = anchorer.place("om ouders een vast aanspreekpunt en gerichtere ondersteuning te bieden")
    assert placement.status is AnchorStatus.ANCHORED
    anchor = placement.anchor
    assert anchor is not None
    assert anchor.page == 4 and anchor.pages() == (4, 5)
    assert "om ouders een vast" in _words_under(doc, 4, anchor.quads_on(4))
    assert "2" not in _words_under(doc, 4, anchor.quads_on(4)).split()
    assert _words_under(doc, 5, anchor.quads_on(5)).startswith("aanspreekpunt en gerichtere ondersteuning")
    assert texts[5].text[: anchor.end].endswith("te bieden")


def test_a_selection_made_over_the_page_break_in_the_window_is_found_again(anchorer: Anchorer, agreement) -> None:
    _doc, texts = agreement
    start = texts[4].text.index("een vast")
    made = make_anchor(
        TextSelection(TextPosition(4, start), TextPosition(5, len("aanspreekpunt en gerichtere"))),
        {4: texts[4], 5: texts[5]},
    )
    # The printed number 2 at the foot of page 4 is not part of the quote, nor of its quads.
    assert made is not None and made.exact == "een vast aanspreekpunt en gerichtere"
    assert made.pages() == (4, 5) and len(made.quads_on(4)) == 1
    placement = anchorer.place(made.exact, made.prefix, made.suffix, made.page)
    assert placement.status is AnchorStatus.ANCHORED
    assert placement.anchor is not None
    assert placement.anchor.quads == made.quads and placement.anchor.quad_pages == made.quad_pages
    assert (placement.anchor.start, placement.anchor.end) == (made.start, made.end)


def test_a_repeated_phrase_is_decided_by_its_context(anchorer: Anchorer) -> None:
    unresolved = anchorer.place("We zetten in op")
    assert unresolved.status is AnchorStatus.AMBIGUOUS and unresolved.candidates > 5
    assert unresolved.anchor is not None  # the best guess is kept
    by_context = anchorer.place(
        "We zetten in op", prefix="den met mensen en leefomgeving. ", suffix=" strategische onafhankelijkheid"
    )
    assert by_context.status is AnchorStatus.ANCHORED
    assert by_context.anchor is not None and by_context.anchor.page == 30
    # The context wins over a page hint that points elsewhere.
    against_hint = anchorer.place(
        "We zetten in op", prefix="den met mensen en leefomgeving. ", suffix=" strategische onafhankelijkheid",
        page_hint=8,
    )
    assert against_hint.anchor is not None and against_hint.anchor.page == 30


def test_a_repeated_phrase_is_decided_by_the_page_hint(anchorer: Anchorer) -> None:
    placement = anchorer.place("We zetten in op", page_hint=30)
    assert placement.status is AnchorStatus.ANCHORED
    assert placement.anchor is not None and placement.anchor.page == 30


def test_a_unique_quote_is_anchored_whatever_page_the_hint_names(anchorer: Anchorer) -> None:
    placement = anchorer.place("aandacht voor emotioneel herstel", page_hint=40)
    assert placement.status is AnchorStatus.ANCHORED
    assert placement.anchor is not None and placement.anchor.page == 5


def test_a_slightly_different_quote_is_found_fuzzily_and_an_unknown_one_is_orphaned(anchorer: Anchorer) -> None:
    typo = anchorer.place("meer aandacht voor emotionele herstel in het gehele proces")
    assert typo.status is AnchorStatus.ANCHORED
    assert typo.anchor is not None and typo.anchor.page == 5
    unknown = anchorer.place("De maan is van groene kaas gemaakt en dat staat nergens in dit akkoord")
    assert unknown.status is AnchorStatus.ORPHANED and unknown.anchor is None and unknown.candidates == 0
    assert anchorer.place("   ").status is AnchorStatus.ORPHANED


def test_document_offsets_break_ties_between_identical_repeats(anchorer: Anchorer) -> None:
    hits = [anchorer.place("We zetten in op", page_hint=page) for page in (8, 30)]
    for hit in hits:
        assert hit.anchor is not None
        offset = anchorer.document_offset(hit.anchor.page, hit.anchor.start or 0)
        assert offset is not None
        found = anchorer.place("We zetten in op", position=offset)
        assert found.status is AnchorStatus.ANCHORED
        assert found.anchor is not None and found.anchor.quads == hit.anchor.quads


def test_a_long_passage_with_changes_is_placed_by_its_two_ends(anchorer: Anchorer, agreement) -> None:
    _doc, texts = agreement
    text = texts[43].normalized
    begin = text.index(". ", 200) + 2  # from the start of a sentence, as a reviewer selects
    passage = text[begin : text.index(".", begin + 1000) + 1]
    changed = passage.replace(" de ", " het ", 6)
    placement = anchorer.place(changed)
    assert placement.status is AnchorStatus.ANCHORED and placement.anchor is not None
    direct = anchorer.place(passage)
    assert placement.anchor.quads[0] == direct.anchor.quads[0]  # type: ignore[union-attr]
    assert placement.anchor.quads[-1] == direct.anchor.quads[-1]  # type: ignore[union-attr]


def test_a_word_hyphenated_over_a_page_break_with_numbers_in_header_and_footer() -> None:
    doc = fitz.open()
    first = doc.new_page()
    first.insert_text((72, 100), "De overheid beschermt de mensen-")
    first.insert_text((300, 800), "7")
    second = doc.new_page()
    second.insert_text((300, 40), "8")
    second.insert_text((72, 100), "rechten van iedereen die hier woont.")
    texts = [extract_page_text(page) for page in doc]
    placement = Anchorer(texts).place("beschermt de mensenrechten van iedereen")
    assert placement.status is AnchorStatus.ANCHORED and placement.anchor is not None
    assert placement.anchor.pages() == (0, 1)
    assert texts[0].text[placement.anchor.start :].startswith("beschermt de mensen-")
    assert texts[1].text[: placement.anchor.end].endswith("van iedereen")
    doc.close()
