"""The reviewer's own texts in bold, italic and lists, and the arranged order of a section's passages (grouped
passages argued in one paragraph), in every output and through a merge with a colleague's database."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest
from letter_sample import ASYLUM, Review

from annotator.domain.catalogue import Catalogue
from annotator.letter import arrangement as arranging
from annotator.letter.arrangement import SectionOrder, parse_arrangement, section_order
from annotator.letter.markup import Block, Span, parse, to_markup
from annotator.letter.render_html import html_page
from annotator.letter.render_md import markdown
from annotator.letter.settings import read_settings, settings_to
from annotator.paths import resources_dir
from annotator.services.letter import compile_letter, letter_view, write_letter
from annotator.services.merge import merge
from annotator.store.database import Database
from annotator.store.repository import Repository


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(resources_dir() / "treaties.json")


# --- markup ------------------------------------------------------------------------------------------------------

def test_markup_reads_paragraphs_lists_bold_and_italic() -> None:
    blocks = parse("De zorgen zijn **groot**, *zeker* bij:\n- detentie\n- ***terugkeer***\n\nTweede\nalinea.")
    assert [(block.bullet, [(s.text, s.bold, s.italic) for s in block.spans]) for block in blocks] == [
        (False, [("De zorgen zijn ", False, False), ("groot", True, False), (", ", False, False),
                 ("zeker", False, True), (" bij:", False, False)]),
        (True, [("detentie", False, False)]),
        (True, [("terugkeer", True, True)]),
        (False, [("Tweede alinea.", False, False)]),
    ]


def test_markup_keeps_what_is_no_emphasis_and_old_plain_text() -> None:
    assert parse("5 * 3 = 15, a*b, **open")[0].text == "5 * 3 = 15, a*b, **open"
    assert parse("\\*niet schuin\\* en \\\\")[0].spans == (Span("*niet schuin* en \\"),)
    assert parse("<b>geen html</b>")[0].text == "<b>geen html</b>"
    old = "Eerste alinea\nloopt door.\n\n\nTweede alinea."
    assert [block.text for block in parse(old)] == ["Eerste alinea loopt door.", "Tweede alinea."]


@pytest.mark.parametrize("spans", [
    (Span("a"), Span("b", bold=True), Span("c", italic=True), Span("d", bold=True, italic=True)),
    (Span("x ", italic=True), Span("y", bold=True, italic=True), Span(" z*", bold=True)),
    (Span("*ster\\", bold=True), Span("tekst")),
])
def test_markup_written_by_the_editor_reads_back_the_same(spans: tuple[Span, ...]) -> None:
    blocks = (Block(spans), Block((Span("een"),), bullet=True), Block((Span("twee", bold=True),), bullet=True))
    text = to_markup(blocks)
    back = parse(text)
    assert [(b.bullet, [(s.text, s.bold, s.italic) for s in b.spans]) for b in back] == \
        [(b.bullet, [(s.text, s.bold, s.italic) for s in b.spans]) for b in parse(to_markup(back))]
    flat = [(c, s.bold, s.italic) for b in back for s in b.spans for c in s.text if not c.isspace()]
    wanted = [(c, s.bold, s.italic) for b in blocks for s in b.spans for c in s.text if not c.isspace()]
    assert flat == wanted


def test_section_introduction_introduction_and_closing_in_bold_italic_and_lists_in_every_output(
        review: Review, catalogue: Catalogue, tmp_path: Path) -> None:
    with Database.open(str(review.db_path)) as db:
        repo = Repository(db)
        repo.set_letter_setting("introduction", "{organisation} leest het akkoord *met zorg*.")
        repo.set_letter_setting("closing", "Wij gaan **graag** in gesprek.\n\nHoogachtend,")
        repo.set_letter_setting("sections", json.dumps({ASYLUM: {
            "introduction": "De zorgen zijn **groot**, zeker bij:\n- detentie\n- *terugkeer*"}}))
        letter, _checks = compile_letter(db, review.fingerprint, catalogue=catalogue)
        for suffix in (".docx", ".md", ".html"):
            write_letter(letter, tmp_path / f"letter{suffix}")
    section = next(s for s in letter.sections if s.title == ASYLUM)
    opening = section.introduction
    assert [(run.text, run.bold) for run in opening[0].runs] == [("De zorgen zijn ", False), ("groot", True),
                                                                  (", zeker bij:", False)]
    assert [p.bullet for p in opening] == [False, True, True] and opening[2].runs[0].italic

    md = (tmp_path / "letter.md").read_text(encoding="utf-8")
    assert "Amnesty International leest het akkoord *met zorg*." in md
    assert "De zorgen zijn **groot**, zeker bij:\n\n- detentie\n- *terugkeer*\n" in md
    assert "Wij gaan **graag** in gesprek.\n\nHoogachtend,\n" in md
    html = (tmp_path / "letter.html").read_text(encoding="utf-8")
    assert "<p>De zorgen zijn <strong>groot</strong>, zeker bij:</p>\n<ul>\n<li>detentie</li>" in html
    assert "<li><em>terugkeer</em></li>" in html and "in gesprek" in html

    document = docx.Document(str(tmp_path / "letter.docx"))
    paragraphs = document.paragraphs
    first = next(p for p in paragraphs if p.text == "De zorgen zijn groot, zeker bij:")
    assert [run.text for run in first.runs if run.bold] == ["groot"]
    bullets = [p for p in paragraphs if p.text in ("detentie", "terugkeer")]
    assert [p.style.name for p in bullets] == ["List Bullet"] * 2
    assert [run.text for run in bullets[1].runs if run.italic] == ["terugkeer"]
    texts = [p.text for p in paragraphs]
    closing = texts.index("Wij gaan graag in gesprek.")
    assert texts[closing + 1] == "Hoogachtend,"
    # The closing paragraphs, the greeting and the signature stay on one page.
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[closing:closing + 3])


# --- arrangement ----------------------------------------------------------------------------------------------

def test_moves_join_and_separate() -> None:
    groups = (("a",), ("b", "c"), ("d",))
    assert arranging.move(groups, "d", -1) == (("a",), ("d",), ("b", "c"))  # past the whole paragraph
    assert arranging.move(groups, "c", -1) == (("a",), ("c", "b"), ("d",))  # inside its paragraph
    assert arranging.move(groups, "a", -1) == groups
    assert arranging.move(groups, "b", 1) == (("a",), ("c", "b"), ("d",))
    assert arranging.move(groups, "c", 1) == (("a",), ("d",), ("b", "c"))
    assert arranging.join_previous(groups, "b") == (("a", "b"), ("c",), ("d",))
    assert arranging.join_previous(groups, "c") == groups
    assert arranging.separate(groups, "b") == (("a",), ("c",), ("b",), ("d",))
    assert arranging.drop(groups, "d", "a", "onto") == (("a", "d"), ("b", "c"))
    assert arranging.drop(groups, "a", "c", "before") == (("b", "a", "c"), ("d",))
    assert arranging.drop(groups, "a", "b", "before") == (("a",), ("b", "c"), ("d",))
    assert arranging.drop(groups, "a", "c", "after") == (("b", "c"), ("a",), ("d",))
    assert arranging.drop(groups, "a", None, "end") == (("b", "c"), ("d",), ("a",))


def _asylum_ids(db: Database, review: Review, catalogue: Catalogue) -> tuple[str, list[str]]:
    view = letter_view(db, review.fingerprint, catalogue=catalogue)
    section = next(s for s in view.outline if s.title == ASYLUM)
    return section.key, [p.id for paragraph in section.paragraphs for p in paragraph]


def test_the_arranged_order_and_a_group_argued_in_one_paragraph_with_one_footnote(
        review: Review, catalogue: Catalogue) -> None:
    with Database.open(str(review.db_path)) as db:
        repo = Repository(db)
        key, ids = _asylum_ids(db, review, catalogue)
        assert len(ids) == 5
        first, second, third, fourth, fifth = ids
        stored = read_settings(repo.letter_settings())[0]
        # An id of a deleted or unknown annotation is passed over.
        arrangement = ((key, SectionOrder(((fourth, "no-such-annotation", second), (first,)),
                                          "2025-03-01T10:00:00")),)
        for name, value in settings_to(replace(stored, arrangement=arrangement)).items():
            repo.set_letter_setting(name, value)
        letter, _checks = compile_letter(db, review.fingerprint, catalogue=catalogue)
        annotations = {a.id: a for a in repo.annotations(review.fingerprint)}
    section = next(s for s in letter.sections if s.title == ASYLUM)
    # Four paragraphs: the group, the first passage, then the rest in reading order.
    assert [[p.provenance.annotation_id, *(o.annotation_id for o in p.also)] for p in section.paragraphs] == [
        [fourth, second], [first], [third], [fifth]]
    together = section.paragraphs[0]
    quotes = [run.text for run in together.runs if run.kind == "quote"]
    assert len(quotes) == 2 and " en " in [run.text for run in together.runs]
    assert "passages" in together.text  # one opening for both
    notes = [run.footnote for run in together.runs if run.kind == "footnote"]
    assert len(notes) == 1  # one footnote: each treaty once
    note = letter.footnote(notes[0]).text
    refs = {str(ref) for id in (fourth, second) for ref in annotations[id].references}
    assert note.startswith("Zie ") and len(refs) >= 2
    # Each comment follows, in the group's order.
    comments = [annotations[id].comment for id in (fourth, second) if annotations[id].comment]
    text = together.text
    assert [text.index(comment[:20]) for comment in comments] == sorted(text.index(c[:20]) for c in comments)
    md, html = markdown(letter), html_page(letter)
    assert md.count(f"[^{notes[0]}]") == 2 and f'id="fn-{notes[0]}"' in html


def test_a_stored_arrangement_a_database_made_elsewhere_holds_is_checked() -> None:
    for bad in ("not json", "[]", '{"x y": {"groups": []}}', '{"t": {"groups": [[1]]}}',
                '{"t": {"groups": [["a"]], "modified": 5}}', "{" * 100_000):
        with pytest.raises(arranging.ArrangementError):
            parse_arrangement(bad)
        settings, ignored = read_settings({"arrangement": bad})
        assert ignored == ["arrangement"] and settings.arrangement == ()
    # The same passage twice is read once.
    assert parse_arrangement('{"t": {"groups": [["a", "b", "a"], ["b", "c"]]}}')[0][1].groups == (("a", "b"),
                                                                                                   ("c",))


# --- travelling with a merge ----------------------------------------------------------------------------------

def test_combined_takes_per_section_the_later_arrangement_and_maps_their_themes() -> None:
    ours = (("t1", SectionOrder((("a",),), "2025-03-02T09:00:00")), ("t2", SectionOrder((("b",),), "2025-03-02")))
    theirs = (("x1", SectionOrder((("c", "a"),), "2025-03-03T09:00:00")),  # their id of our t1
              ("x2", SectionOrder((("d",),), "2025-03-01")),  # our t2, arranged before ours
              ("gone", SectionOrder((("e",),), "2025-03-09")),  # a theme the merge did not take
              ("", SectionOrder((("f",),), "")))  # the points without a theme
    mapped = arranging.remapped(theirs, {"x1": "t1", "x2": "t2"})
    assert [key for key, _order in mapped] == ["t1", "t2", ""]
    merged = dict(arranging.combined(ours, mapped))
    assert merged["t1"].groups == (("c", "a"),) and merged["t2"].groups == (("b",),)
    assert merged[""].groups == (("f",),)
    # Passages of another version of the agreement in the same review keep their place after this one's.
    kept = arranging.with_section(ours, "t1", (("g",),), ["g"], "2025-03-04")
    assert section_order(kept, "t1") == SectionOrder((("g",), ("a",)), "2025-03-04")


def _arrange(path: Path, fingerprint: str, catalogue: Catalogue, groups_of: object, when: datetime) -> None:
    with Database.open(str(path)) as db:
        repo = Repository(db)
        key, ids = _asylum_ids(db, Review(path, Path(), fingerprint, [], []), catalogue)
        stored = read_settings(repo.letter_settings())[0]
        groups = groups_of(ids)  # type: ignore[operator]
        arrangement = arranging.with_section(stored.arrangement, key, groups, ids, when.isoformat())
        repo.set_letter_setting("arrangement", settings_to(replace(stored, arrangement=arrangement))["arrangement"])


def _groups(path: Path, fingerprint: str, catalogue: Catalogue) -> list[list[str]]:
    with Database.open(str(path)) as db:
        view = letter_view(db, fingerprint, catalogue=catalogue)
    section = next(s for s in view.outline if s.title == ASYLUM)
    return [[p.id for p in paragraph] for paragraph in section.paragraphs]


def test_the_arrangement_travels_with_a_merge_the_later_one_wins(review: Review, catalogue: Catalogue,
                                                                 tmp_path: Path) -> None:
    theirs = tmp_path / "colleague.sqlite"
    shutil.copy(review.db_path, theirs)
    now = datetime.now(timezone.utc)
    # The colleague arranges the asylum section: the last passage first, argued together with the first.
    _arrange(theirs, review.fingerprint, catalogue, lambda ids: ((ids[4], ids[0]),), now)
    wanted = _groups(theirs, review.fingerprint, catalogue)
    assert wanted[0] == [wanted[0][0], wanted[0][1]] and len(wanted) == 4
    with Database.open(str(review.db_path)) as db:
        merge(db, theirs)
    assert _groups(review.db_path, review.fingerprint, catalogue) == wanted
    # Arranged here later: merging their older arrangement again keeps ours.
    _arrange(review.db_path, review.fingerprint, catalogue, lambda ids: ((ids[1],),), now + timedelta(minutes=5))
    ours = _groups(review.db_path, review.fingerprint, catalogue)
    with Database.open(str(review.db_path)) as db:
        merge(db, theirs)
    assert _groups(review.db_path, review.fingerprint, catalogue) == ours != wanted
    # An arrangement theirs holds that cannot be read is not taken, and the merge goes on.
    with Database.open(str(theirs)) as db:
        Repository(db).set_letter_setting("arrangement", '{"broken": ')
    with Database.open(str(review.db_path)) as db:
        merge(db, theirs)
    assert _groups(review.db_path, review.fingerprint, catalogue) == ours
    assert re.search(r"\S", json.dumps(ours))


def test_undoing_a_merge_puts_back_the_arrangement_it_took(review: Review, catalogue: Catalogue,
                                                          tmp_path: Path) -> None:
    from annotator.services.review import DocumentIdentity
    from annotator.services.review import Review as OpenReview

    theirs = tmp_path / "colleague.sqlite"
    shutil.copy(review.db_path, theirs)
    now = datetime.now(timezone.utc)
    _arrange(review.db_path, review.fingerprint, catalogue, lambda ids: ((ids[1],),), now - timedelta(minutes=5))
    ours = _groups(review.db_path, review.fingerprint, catalogue)
    _arrange(theirs, review.fingerprint, catalogue, lambda ids: ((ids[4], ids[0]),), now)  # arranged later
    wanted = _groups(theirs, review.fingerprint, catalogue)
    assert wanted != ours
    with Database.open(str(review.db_path)) as db:
        opened = OpenReview(Repository(db), DocumentIdentity(review.fingerprint, "Coalitieakkoord", len(review.labels),
                                                             list(review.labels), review.pdf.name), "Joost")
        merge(db, theirs)
        changes, step = opened.absorb("Merge")
        assert changes.letter_settings and step is not None
    assert _groups(review.db_path, review.fingerprint, catalogue) == wanted
    with Database.open(str(review.db_path)) as db:
        opened.repo = Repository(db, "Joost")
        opened.undo(step)
        assert _groups(review.db_path, review.fingerprint, catalogue) == ours
        opened.execute(step)
        assert _groups(review.db_path, review.fingerprint, catalogue) == wanted
        # A merge that takes no arrangement leaves it out of the step.
        merge(db, theirs)
        _changes, again = opened.absorb("Merge")
        assert again is None
