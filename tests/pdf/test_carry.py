"""Carrying passages from one version of a text to the next (anchoring.Carrier), on small PDFs built here."""

from __future__ import annotations

import fitz
import pytest

from annotator.domain.model import Anchor, AnchorStatus
from annotator.pdf.alignment import Words, align
from annotator.pdf.anchoring import Anchorer, Carrier, Passage
from annotator.pdf.textmodel import PageText, extract_page_text

FILLER = [
    "Het kabinet investeert in de regio en in goede verbindingen tussen stad en land.",
    "De woningbouw gaat omhoog naar honderdduizend woningen per jaar in het hele land.",
    "Onderwijs krijgt extra geld voor kleinere klassen en voor betere salarissen van leraren.",
    "De zorg blijft toegankelijk voor iedereen, ook in de dunbevolkte delen van het land.",
    "Wij versterken de rechtsstaat door meer rechters en een betere rechtsbijstand te betalen.",
    "De energietransitie vraagt om nieuwe netten, opslag en een eerlijke verdeling van de kosten.",
    "Gemeenten krijgen meer ruimte om zelf te beslissen over hun eigen voorzieningen en wijken.",
    "Voor de landbouw komt er een fonds dat boeren helpt bij het verduurzamen van hun bedrijf.",
]
MELDPLICHT = "Wij stellen voor de meldplicht aan te scherpen voor werkgevers in de zorg."
REPEAT = "Dat vraagt om een zorgvuldige afweging."


def _texts(sentences: list[str], *, size: float = 11.0, per_page: int = 4) -> list[PageText]:
    doc = fitz.open()
    for start in range(0, len(sentences), per_page):
        page = doc.new_page()
        page.insert_textbox(fitz.Rect(72, 72, 523, 770), " ".join(sentences[start:start + per_page]),
                            fontsize=size)
    texts = [extract_page_text(page) for page in doc]
    doc.close()
    return texts


def _passage(texts: list[PageText], quote: str, occurrence: int = 0) -> Passage:
    """The passage of the ``occurrence``-th place of ``quote`` in the old version, as the window would save it."""
    anchorer = Anchorer(texts)
    index = anchorer._index
    hits = index.find_all(quote.casefold())
    anchor = index.anchor(*hits[occurrence], quote)
    assert anchor is not None
    return _from_anchor(anchor)


def _from_anchor(anchor: Anchor) -> Passage:
    end_page = anchor.quad_pages[-1] if anchor.quad_pages else anchor.page
    return Passage(anchor.exact, anchor.prefix, anchor.suffix, anchor.page, anchor.start, end_page, anchor.end)


def _carry(old: list[str], new: list[str], passages: list[Passage], *, aligned: bool = True) -> list:  # type: ignore[type-arg]
    old_texts, new_texts = _texts(old), _texts(new, size=9.5, per_page=6)
    carrier = Carrier(Anchorer(new_texts), old_texts if aligned else None)
    assert carrier.aligned is aligned
    return carrier.carry(passages)


def test_the_same_words_are_exact_and_a_word_put_in_makes_them_fuzzy_at_their_place() -> None:
    old = FILLER[:4] + [MELDPLICHT] + FILLER[4:]
    new = FILLER[:4] + [MELDPLICHT.replace("meldplicht aan", "meldplicht verder aan")] + FILLER[4:]
    texts = _texts(old)
    same, changed = _carry(old, new, [_passage(texts, "De zorg blijft toegankelijk voor iedereen"),
                                      _passage(texts, "de meldplicht aan te scherpen")])
    assert same.status is AnchorStatus.ANCHORED and same.score == 1.0
    assert same.anchor.exact == "De zorg blijft toegankelijk voor iedereen"
    assert changed.status is AnchorStatus.FUZZY
    assert changed.anchor.exact == "de meldplicht verder aan te scherpen" and 0.8 < changed.score < 1.0


def test_a_repeated_sentence_goes_where_its_neighbours_went() -> None:
    old = [FILLER[0], REPEAT, FILLER[1], FILLER[2], FILLER[3], REPEAT, FILLER[4], FILLER[5]]
    new = [FILLER[6], FILLER[0], REPEAT, FILLER[1], FILLER[2], FILLER[3], REPEAT, FILLER[4], FILLER[5]]
    texts = _texts(old)
    first, second = _carry(old, new, [_passage(texts, REPEAT, 0), _passage(texts, REPEAT, 1)])
    assert first.status is second.status is AnchorStatus.ANCHORED
    new_texts = _texts(new, size=9.5, per_page=6)
    index = Anchorer(new_texts)._index
    places = [index.anchor(*hit, REPEAT) for hit in index.find_all(REPEAT.casefold())]
    assert [first.anchor.quads, second.anchor.quads] == [p.quads for p in places]  # type: ignore[union-attr]


def test_a_deleted_sentence_is_orphaned_though_a_look_alike_stands_elsewhere() -> None:
    look_alike = MELDPLICHT.replace("werkgevers", "gemeenten").replace("scherpen", "passen")
    old = FILLER[:4] + [MELDPLICHT] + FILLER[4:]
    new = FILLER[:2] + [look_alike] + FILLER[2:4] + FILLER[4:]
    carried, = _carry(old, new, [_passage(_texts(old), MELDPLICHT)])
    assert carried.status is AnchorStatus.ORPHANED and carried.anchor is None
    # The look-alike is offered to the reviewer, never taken.
    assert any("gemeenten" in candidate.anchor.exact for candidate in carried.candidates)


def test_a_sentence_moved_whole_is_exact_at_its_new_place() -> None:
    old = FILLER[:3] + [MELDPLICHT] + FILLER[3:]
    new = FILLER[:3] + FILLER[3:7] + [MELDPLICHT] + FILLER[7:]
    carried, = _carry(old, new, [_passage(_texts(old), "de meldplicht aan te scherpen")])
    assert carried.status is AnchorStatus.ANCHORED and carried.anchor.exact == "de meldplicht aan te scherpen"


def test_a_passage_without_its_place_is_found_in_the_old_text_first() -> None:
    old = FILLER[:4] + [MELDPLICHT] + FILLER[4:]
    new = FILLER[:4] + [MELDPLICHT.replace("meldplicht aan", "meldplicht verder aan")] + FILLER[4:]
    carried, = _carry(old, new, [Passage("de meldplicht aan te scherpen")])  # imported without a position
    assert carried.status is AnchorStatus.FUZZY and "verder" in carried.anchor.exact


def test_without_the_old_text_passages_are_searched_for() -> None:
    old = FILLER[:4] + [MELDPLICHT, REPEAT] + FILLER[4:] + [REPEAT]
    new = FILLER[:4] + [MELDPLICHT.replace("meldplicht aan", "meldplicht verder aan"), REPEAT] + FILLER[4:] + [REPEAT]
    texts = _texts(old)
    changed, repeated, bare_repeat, gone = _carry(old, new, [
        _passage(texts, "Wij stellen voor de meldplicht aan te scherpen voor werkgevers"),
        _passage(texts, REPEAT, 0),
        Passage(REPEAT),
        Passage("De maan is van groene kaas en dat staat nergens in dit akkoord."),
    ], aligned=False)
    assert changed.status is AnchorStatus.FUZZY and "verder" in changed.anchor.exact
    assert repeated.status is AnchorStatus.ANCHORED  # its context decides
    assert bare_repeat.status is AnchorStatus.AMBIGUOUS and len(bare_repeat.candidates) == 2
    assert gone.status is AnchorStatus.ORPHANED


@pytest.mark.parametrize("inserted", ["We zetten de bekostiging stop.", "We gaan het anders doen, zeggen we."])
def test_a_sentence_put_before_one_that_opens_alike_leaves_that_one_whole(inserted: str) -> None:
    vocabulary: dict[str, int] = {}
    old = Words("Dat is goed. We versterken de zeggenschap van leraren. Klaar.", vocabulary)
    new = Words(f"Dat is goed. {inserted} We versterken de zeggenschap van leraren. Klaar.", vocabulary)
    matches = align(old, new)
    opening = 3  # "We" of "We versterken"
    assert matches[opening] >= 0 and new.starts[matches[opening]] == len(f"Dat is goed. {inserted} ")
