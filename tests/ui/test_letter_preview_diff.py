"""The preview applies a compile as the paragraphs that changed: whatever the change (paragraphs edited, added,
removed, moved, lists and tables growing), what it shows afterwards is what the page set whole shows."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.letter.render_html import Block, PreviewPage
from annotator.ui.letter_preview import LetterPreview


def _page(body: list[str], bullets: list[str], cells: list[str], notes: list[str]) -> PreviewPage:
    """A letter-like page: body paragraphs keyed like a letter's passages, a list, a table of two columns and the
    footnotes."""
    blocks: list[Block] = [Block("", "h1", "Brief")]
    out = ["<html><body><h1>Brief</h1>"]
    for text in body:
        blocks.append(Block("", "p", text, f"k{text}"))
        out.append(f"<p>{text}</p>")
    if bullets:
        out.append("<ul>")
        for text in bullets:
            blocks.append(Block("ul1", "li", text))
            out.append(f"<li>{text}</li>")
        out.append("</ul>")
    blocks.append(Block("", "p", "Met vriendelijke groet"))
    out.append("<p>Met vriendelijke groet</p>")
    if cells:
        out.append("<table><tr>")
        for n, text in enumerate(cells):
            blocks.append(Block("table2", "td", text))
            out.append(f"<td>{text}</td>" + ("</tr><tr>" if n % 2 and n < len(cells) - 1 else ""))
        out.append("</tr></table>")
    if notes:
        out.append("<ol>")
        for text in notes:
            blocks.append(Block("footnotes", "li", text))
            out.append(f"<li>{text}</li>")
        out.append("</ol>")
    out.append("</body></html>")
    return PreviewPage("\n".join(out), tuple(blocks))


def _shown(preview: LetterPreview) -> list[str]:
    return [line.rstrip() for line in preview.toPlainText().splitlines() if line.strip()]


def _whole(page: PreviewPage) -> list[str]:
    fresh = LetterPreview()
    fresh.show_page(page)
    return _shown(fresh)


def _settle(qtbot, preview: LetterPreview) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: preview.settled, timeout=10000)


WORDS = st.sampled_from(["Zorg", "Welkom", "<b>vet</b>", "p.&nbsp;41", "artikel 3 EVRM", "“citaat” (p. 2)",
                         "een<sup><a href='#fn-1'>1</a></sup>", "twee<br>regels", "x &amp; y"])
TEXTS = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
PAGES = st.tuples(st.lists(TEXTS, max_size=12), st.lists(TEXTS, max_size=4),
                  st.lists(TEXTS, max_size=6).map(lambda c: c[:len(c) // 2 * 2]), st.lists(TEXTS, max_size=6))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=PAGES, steps=st.lists(PAGES, min_size=1, max_size=4))
def test_whatever_a_compile_changes_the_preview_shows_what_the_whole_page_shows(qtbot, first, steps) -> None:  # type: ignore[no-untyped-def]
    preview = LetterPreview()
    qtbot.addWidget(preview)
    preview.resize(400, 300)
    preview.show_page(_page(*first))
    for step in steps:
        page = _page(*step)
        preview.show_page(page)
        _settle(qtbot, preview)
        assert _shown(preview) == _whole(page)


def test_an_edit_to_one_passage_of_many_is_applied_in_place(qtbot) -> None:  # type: ignore[no-untyped-def]
    preview = LetterPreview()
    qtbot.addWidget(preview)
    preview.resize(400, 300)
    preview.show()
    rng = random.Random(7)
    body = [f"Passage {n} {rng.choice(['zorg', 'welkom'])}" for n in range(600)]
    notes = [f"Zie artikel {n} EVRM." for n in range(300)]
    preview.show_page(_page(body, ["a", "b"], ["c1", "c2"], notes))
    assert preview.whole_loads == 1
    body[301] += " Te vaag."  # a comment typed
    del body[10]  # a passage left out
    body.insert(500, "Passage nieuw")  # one highlighted
    notes = [note.replace("EVRM", "IVBPR") if n > 100 else note for n, note in enumerate(notes)]  # renumbered
    page = _page(body, ["a", "b", "c"], ["c1", "c2"], notes)
    preview.show_page(page)
    _settle(qtbot, preview)
    assert preview.whole_loads == 1
    assert _shown(preview) == _whole(page)
    # A passage composed again as it is typed replaces its paragraph at once.
    typed = next(text for text in body if "Te vaag" in text)
    key = f"k{typed}"
    assert preview.replace_paragraph(Block("", "p", typed + " Nog vager.", key))
    assert preview.paragraph_text(key).endswith("Te vaag. Nog vager.")
    assert not preview.replace_paragraph(Block("", "p", "Onbekend", "no-such-key"))
    # A table that grows cannot be applied in place: the page is set whole, and reads right.
    page = _page(body, ["a", "b", "c"], ["c1", "c2", "c3", "c4"], notes)
    preview.show_page(page)
    _settle(qtbot, preview)
    assert preview.whole_loads == 2
    assert _shown(preview) == _whole(page)
