"""Two reviewers changing one comment at once: changes in different places are both kept, overlaps are found."""

from __future__ import annotations

from hypothesis import given, strategies as st

from annotator.domain.textmerge import merge_items, merge_text

BASE = "Het kabinet breidt vreemdelingendetentie uit. Dat raakt kinderen."


def test_additions_at_both_ends_are_both_kept() -> None:
    merge = merge_text(BASE, BASE + " A-ADD2", "B-ADD2 " + BASE)
    assert merge.value == "B-ADD2 " + BASE + " A-ADD2"


def test_edits_of_different_sentences_are_both_kept() -> None:
    mine = BASE.replace("breidt", "wil").replace("uit.", "uitbreiden.")
    theirs = BASE.replace("raakt kinderen", "raakt ook kinderen")
    assert merge_text(BASE, mine, theirs).value == \
        "Het kabinet wil vreemdelingendetentie uitbreiden. Dat raakt ook kinderen."


def test_two_additions_at_the_same_place_are_a_conflict_that_keeps_every_word() -> None:
    merge = merge_text(BASE, BASE + " Anna: strijdig met art. 5 EVRM.", BASE + " Bert: zorgelijk.")
    assert not merge.clean
    assert merge.both == BASE + " Bert: zorgelijk. Anna: strijdig met art. 5 EVRM."


def test_the_same_word_changed_two_ways_is_a_conflict() -> None:
    merge = merge_text(BASE, BASE.replace("kinderen", "gezinnen"), BASE.replace("kinderen", "minderjarigen"))
    assert not merge.clean and "gezinnen" in str(merge.both) and "minderjarigen" in str(merge.both)


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    assert merge_text(BASE, BASE + " Eens.", BASE + " Eens.").value == BASE + " Eens."


def test_sources_added_by_both_at_different_places() -> None:
    assert merge_items(("Rapport ACVZ",), ("Rapport ACVZ", "Advies RvS"), ("Kamerbrief", "Rapport ACVZ")).value \
        == ("Kamerbrief", "Rapport ACVZ", "Advies RvS")
    conflict = merge_items(("Rapport ACVZ",), ("Rapport ACVZ", "Advies RvS"), ("Rapport ACVZ", "Kamerbrief"))
    assert not conflict.clean and conflict.both == ("Rapport ACVZ", "Kamerbrief", "Advies RvS")


words = st.lists(st.sampled_from(["kinderen", "detentie", "art.", "5", "EVRM", ",", ".", "zorg", "Anna", "Bert"]),
                 max_size=12)


def _text(tokens: list[str]) -> str:
    return " ".join(tokens)


@given(words, words, words)
def test_one_side_unchanged_takes_the_other(base: list[str], mine: list[str], theirs: list[str]) -> None:
    assert merge_text(_text(base), _text(mine), _text(base)).value == _text(mine)
    assert merge_text(_text(base), _text(base), _text(theirs)).value == _text(theirs)


@given(words, words, words, words)
def test_additions_at_the_start_and_the_end_are_always_both_kept(base: list[str], head: list[str], tail: list[str],
                                                                 _unused: list[str]) -> None:
    text = _text(["<"] + base + [">"])
    mine, theirs = _text(head + ["<"] + base + [">"]), _text(["<"] + base + [">"] + tail)
    merge = merge_text(text, mine, theirs)
    assert merge.value == _text(head + ["<"] + base + [">"] + tail)


@given(words, words, words)
def test_nothing_either_side_wrote_is_lost(base: list[str], mine: list[str], theirs: list[str]) -> None:
    import re

    def tokens(text: str) -> list[str]:
        return re.findall(r"\w+|[^\w\s]", text)

    merge = merge_text(_text(base), _text(mine), _text(theirs))
    result = str(merge.value if merge.clean else merge.both)
    for side in (mine, theirs):
        for token in tokens(_text(side)):
            if token not in tokens(_text(base)):  # a word this side wrote is in the result
                assert token in result


def test_words_added_right_after_a_removed_sentence_stay() -> None:
    """Undoing one's whole comment after a colleague added to it: their words stay, without asking."""
    assert merge_text("Anna: strijdig.", "", "Anna: strijdig. Bert: eens.").value == " Bert: eens."
    assert merge_text(BASE, BASE.replace("kinderen", "gezinnen"), BASE + " Zie ook art. 8 EVRM.").value == \
        BASE.replace("kinderen", "gezinnen") + " Zie ook art. 8 EVRM."
