"""Text typed or pasted into the window, and text a compile prints: what the reader sees is what it says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.domain.text import printable, storable


def test_pasted_bidi_overrides_and_zero_width_spaces_are_left_out_but_joiners_and_breaks_stay() -> None:
    pasted = "Niet \u202eetnisch\u202c profileren,\u200b\ufeff nooit\u2066 x\u2069.\r\nTweede regel\tmet tab; \u0645\u200c\u06cc"
    assert printable(pasted) == "Niet etnisch profileren, nooit x.\nTweede regel\tmet tab; \u0645\u200c\u06cc"


@given(st.text())
def test_whatever_is_pasted_what_remains_can_be_stored_and_has_no_invisible_reordering(text: str) -> None:
    cleaned = printable(text)
    assert storable(cleaned)
    assert not set(cleaned) & set("\u200b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
    assert printable(cleaned) == cleaned
