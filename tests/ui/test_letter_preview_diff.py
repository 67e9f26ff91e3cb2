"""The preview applies a compile as the paragraphs that changed: whatever the change (paragraphs edited, added,
removed, moved, lists and tables growing), what it shows afterwards is what the page set whole shows."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from PySide6.QtWidgets import QTextBrowser

from annotator.letter.render_html import Block, PreviewPage
from annotator.ui.letter_preview import LetterPreview


STYLE = "h1 { font-size: 14pt; } .note { font-size: 9pt; } th { font-weight: bold; }"


def _page(body: list[str], bullets: list[str], cells: list[str], notes: list[str]) -> PreviewPage:
    """A letter-like page: body paragraphs keyed like a letter's passages (one that starts with "#" a heading), a
    list, a table of two columns under a header row and the footnotes."""
    blocks: list[Block] = [Block("", "h1", "Brief")]
    out = [f"<html><head><style>{STYLE}</style></head><body><h1>Brief</h1>"]
    cuts: list[tuple[int, int]] = []  # the page in parts of five body paragraphs, as a long letter comes
    for index, text in enumerate(body):
        if index and index % 5 == 0:
            cuts.append((len(out), len(blocks)))
        if text.startswith("#"):
            blocks.append(Block("", "h1", text[1:]))
            out.append(f"<h1>{text[1:]}</h1>")
            continue
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
    out.append("<table><tr><th>Passage</th><th>Pagina</th></tr>")
    blocks += [Block("table2", "th", "Passage", row=0), Block("table2", "th", "Pagina", row=0)]
    for n, text in enumerate(cells):
        blocks.append(Block("table2", "td", text, row=n // 2 + 1))
        out.append(("<tr>" if n % 2 == 0 else "") + f"<td>{text}</td>" + ("</tr>" if n % 2 else ""))
    out.append("</table>")
    for n, text in enumerate(notes, start=1):  # as the preview writes footnotes: numbered paragraphs
        blocks.append(Block("", "p", f"{n}. {text}", style="note"))
        out.append(f'<p class="note">{n}. {text}</p>')
    out.append("</body></html>")
    bounds = [(0, 0), *cuts, (len(out), len(blocks))]
    parts = tuple("\n".join(out[a:b]) for (a, _x), (b, _y) in zip(bounds, bounds[1:]))
    counts = tuple(y - x for (_a, x), (_b, y) in zip(bounds, bounds[1:]))
    return PreviewPage("\n".join(out), tuple(blocks), parts, STYLE, counts)


def _lines(document) -> list[tuple[str, int, float, int]]:  # type: ignore[no-untyped-def]
    """Each paragraph with text as a reader sees it: its words, heading level, type size and weight."""
    lines = []
    block = document.begin()
    while block.isValid():
        if block.text().strip():
            character = block.begin().fragment().charFormat()
            lines.append((block.text().rstrip(), block.blockFormat().headingLevel(), character.fontPointSize(),
                          character.fontWeight()))
        block = block.next()
    return lines


def _shown(preview: LetterPreview) -> list[tuple[str, int, float, int]]:
    return _lines(preview.document())


def _whole(page: PreviewPage) -> list[tuple[str, int, float, int]]:
    """The page as Qt reads its HTML in one go."""
    fresh = QTextBrowser()
    fresh.setHtml(page.html)
    return _lines(fresh.document())


def _settle(qtbot, preview: LetterPreview) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: preview.settled, timeout=10000)


WORDS = st.sampled_from(["Zorg", "Welkom", "#Asiel", "<b>vet</b>", "p.&nbsp;41", "artikel 3 EVRM", "“citaat” (p. 2)",
                         "een<sup><a href='#fn-1'>1</a></sup>", "twee<br>regels", "x &amp; y"])
TEXTS = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
# An edit as a compile brings it: a paragraph (or heading) changed, added or removed; a table row added or removed
# (a cell may be empty); a list item changed, added or removed; a footnote changed.
EDITS = st.tuples(st.sampled_from(["edit", "add", "drop", "add row", "drop row", "bullet", "add bullet",
                                   "drop bullet", "note"]),
                  st.integers(0, 40), TEXTS, st.one_of(TEXTS, st.just("")))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDITS, min_size=1, max_size=25))
def test_whatever_a_compile_changes_the_preview_shows_what_the_whole_page_shows(qtbot, edits) -> None:  # type: ignore[no-untyped-def]
    body = [f"Passage {n}" for n in range(8)]
    bullets, cells, notes = ["Zorg: “a” (p. 1)"], ["c1", "", "c2", "p. 3"], ["Zie artikel 3 EVRM."]
    preview = LetterPreview()
    qtbot.addWidget(preview)
    preview.resize(400, 300)
    preview.show_page(_page(body, bullets, cells, notes))
    for kind, at, text, cell in edits:
        lists = {"edit": body, "add": body, "drop": body, "bullet": bullets, "add bullet": bullets,
                 "drop bullet": bullets, "note": notes}
        if kind in ("add row", "drop row"):
            row = at % (len(cells) // 2 + 1) * 2
            if kind == "add row":
                cells[row:row] = [text, cell]
            elif cells:
                del cells[min(row, len(cells) - 2):min(row, len(cells) - 2) + 2]
        else:
            items = lists[kind]
            if kind.startswith("add"):
                items.insert(at % (len(items) + 1), text)
            elif items and kind.startswith("drop"):
                del items[at % len(items)]
            elif items:
                items[at % len(items)] = text
        page = _page(body, bullets, cells, notes)
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
    assert not preview.settled  # a page this long is set in parts, the window turning meanwhile
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
    # Renumbered notes keep their size, a heading that takes another's place its own.
    assert not preview.replace_paragraph(Block("", "p", "Onbekend", "no-such-key"))
    # A table that grows and shrinks by rows, a new section's heading with its first passage: in place too.
    for cells, extra in ((["c1", "c2", "c3", ""], []), (["c0", "", "c1", "c2", "c3", ""], ["#Nieuw thema", "Eerste"]),
                         (["c3", ""], [])):
        page = _page(body[:200] + extra + body[200:], ["a", "b", "c"], cells, notes)
        preview.show_page(page)
        _settle(qtbot, preview)
        assert _shown(preview) == _whole(page)
    assert preview.whole_loads == 1
    # A list that comes where there was none cannot be applied in place: the page is set whole, and reads right.
    page = _page(body, [], [], notes)
    preview.show_page(page)
    page = _page(body, ["nu wel"], [], notes)
    preview.show_page(page)
    _settle(qtbot, preview)
    assert preview.whole_loads == 2
    assert _shown(preview) == _whole(page)
