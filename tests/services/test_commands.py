"""Undo and redo of add, edit and delete, tested on a real SQLite file without any widget."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.domain.model import Anchor, Annotation, Judgment, Rect, Theme, TreatyRef
from annotator.services.commands import AddAnnotations, DeleteAnnotations, EditAnnotations, ThemeListEdit
from annotator.services.review import DocumentIdentity, Review
from annotator.store.database import Database
from annotator.store.repository import Repository

DOCUMENT = DocumentIdentity("ab" * 32, "Coalitieakkoord", 50, [""] * 3 + [str(n) for n in range(1, 48)],
                            "coalitieakkoord.pdf")


def _content(a: Annotation) -> Annotation:
    """An annotation without the bookkeeping that every write moves on (revision, modified)."""
    return replace(a, revision=0, modified=a.created)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    yield database
    database.close()


@pytest.fixture
def review(db: Database) -> Review:
    return Review.open(db, DOCUMENT, "Fatima", ["Asiel en migratie", "Democratische rechtsstaat"])


def _highlight(review: Review, page: int = 10, quote: str = "vreemdelingendetentie") -> Annotation:
    anchor = Anchor(page=page, quads=(Rect(72.0, 100.5, 300.25, 112.0),), exact=quote, prefix="de ", suffix=" wordt")
    return review.new_annotation(anchor, judgment=Judgment.CONCERN, theme_id=review.themes[0].id,
                                 references=(TreatyRef.parse("echr:5"), TreatyRef.parse("Art. 37 IVRK (custom)")))


def test_add_undo_redo_restores_exactly(review: Review, db: Database) -> None:
    annotation = _highlight(review)
    command = AddAnnotations([annotation])
    review.execute(command)
    assert _content(review.annotations[annotation.id]) == _content(annotation)
    changes = review.undo(command)
    assert changes.removed == (annotation.id,)
    assert annotation.id not in review.annotations
    assert Repository(db).get(annotation.id) is None
    review.execute(command)
    again = Repository(db).get(annotation.id)
    assert again is not None and _content(again) == _content(annotation)


def test_edit_undo_redo_restores_exactly(review: Review, db: Database) -> None:
    annotation = _highlight(review)
    review.execute(AddAnnotations([annotation]))
    before = review.annotations[annotation.id]
    after = before.changed(judgment=Judgment.VIOLATION, comment="In strijd met art. 5 EVRM.\nZie ook IVRK.",
                           references=(TreatyRef.parse("refugee_convention:33"),), include_in_letter=False,
                           sources=("Kamerstukken II 2021/22, 35925, nr. 1",))
    edit = EditAnnotations([before], [after])
    review.execute(edit)
    stored = Repository(db).get(annotation.id)
    assert stored is not None and _content(stored) == _content(after)
    review.undo(edit)
    stored = Repository(db).get(annotation.id)
    assert stored is not None and _content(stored) == _content(before)
    review.execute(edit)
    assert _content(review.annotations[annotation.id]) == _content(after)


def test_delete_undo_brings_back_exactly(review: Review, db: Database) -> None:
    annotation = _highlight(review)
    review.execute(AddAnnotations([annotation]))
    stored = review.annotations[annotation.id]
    delete = DeleteAnnotations([stored])
    review.execute(delete)
    assert annotation.id not in review.annotations
    assert Repository(db).get(annotation.id) is None
    review.undo(delete)
    back = Repository(db).get(annotation.id)
    assert back is not None and _content(back) == _content(stored)
    review.execute(delete)
    assert Repository(db).get(annotation.id) is None


def test_bulk_edit_of_several_undoes_all(review: Review) -> None:
    items = [_highlight(review, page=p, quote=f"passage {p}") for p in range(5, 9)]
    review.execute(AddAnnotations(items, text="Import"))
    before = [review.annotations[a.id] for a in items]
    after = [a.changed(judgment=Judgment.WELCOME, theme_id=review.themes[1].id) for a in before]
    edit = EditAnnotations(before, after, text="Set judgment")
    review.execute(edit)
    assert {a.judgment for a in review.annotations.values()} == {Judgment.WELCOME}
    review.undo(edit)
    assert {a.judgment for a in review.annotations.values()} == {Judgment.CONCERN}
    assert [a.id for a in review.in_order()] == [a.id for a in items]


def test_undo_meeting_a_colleagues_edit_says_so_and_keeps_both(review: Review, db: Database) -> None:
    annotation = _highlight(review)
    review.execute(AddAnnotations([annotation]))
    before = review.annotations[annotation.id]
    edit = EditAnnotations([before], [before.changed(comment="mijn versie", judgment=Judgment.VIOLATION)])
    review.execute(edit)
    colleague = Repository(db)
    theirs = colleague.get(annotation.id)
    assert theirs is not None
    colleague.save(theirs.changed(comment="versie van een collega", include_in_letter=False))
    changes = review.undo(edit)
    # The comment both rewrote is asked, and stays the colleague's meanwhile; the reviewer's own judgment goes back;
    # the colleague's other change stays.
    assert [(q.annotation_id, q.field, q.mine, q.theirs) for q in changes.questions] == [
        (annotation.id, "comment", before.comment, "versie van een collega")]
    stored = colleague.get(annotation.id)
    assert stored.comment == "versie van een collega" and stored.judgment is Judgment.CONCERN
    assert stored.include_in_letter is False
    # Redo brings the reviewer's judgment back, the colleague's text stays.
    review.execute(edit)
    stored = colleague.get(annotation.id)
    assert stored.comment == "versie van een collega" and stored.judgment is Judgment.VIOLATION
    assert stored.include_in_letter is False


def test_undo_and_redo_walk_the_whole_history(review: Review, db: Database) -> None:
    """Highlight, judge, comment, theme, delete; undo all five back to the empty document, then redo all five."""
    annotation = _highlight(review)
    steps = [AddAnnotations([annotation])]
    review.execute(steps[0])
    for change in ({"judgment": Judgment.SERIOUS_CONCERN}, {"comment": "strijdig met art. 5 EVRM"},
                   {"theme_id": review.themes[1].id}):
        current = review.annotations[annotation.id]
        steps.append(EditAnnotations([current], [current.changed(**change)]))
        review.execute(steps[-1])
    steps.append(DeleteAnnotations([review.annotations[annotation.id]]))
    review.execute(steps[-1])
    history = []
    for step in reversed(steps):
        review.undo(step)
        history.append(Repository(db).get(annotation.id))
    assert history[-1] is None and review.annotations == {}
    assert history[0].theme_id == review.themes[1].id and history[1].theme_id == review.themes[0].id
    assert history[2].comment == "" and history[3].judgment is Judgment.CONCERN
    for step in steps:
        review.execute(step)
    assert Repository(db).get(annotation.id) is None
    review.undo(steps[-1])
    final = Repository(db).get(annotation.id)
    assert (final.judgment, final.comment, final.theme_id) == (Judgment.SERIOUS_CONCERN, "strijdig met art. 5 EVRM",
                                                               review.themes[1].id)


def test_a_command_is_one_transaction(review: Review, db: Database) -> None:
    """Deleting three when one of them cannot be written deletes none."""
    items = [_highlight(review, page=p, quote=f"passage {p}") for p in range(3)]
    review.execute(AddAnnotations(items))
    stored = [review.annotations[a.id] for a in items]
    broken = stored[1].changed(theme_id="no-such-theme")
    with pytest.raises(Exception):
        review.execute(EditAnnotations(stored, [stored[0].changed(comment="x"), broken, stored[2]]))
    assert [Repository(db).get(a.id).comment for a in items] == ["", "", ""]


def test_refresh_sees_another_programs_changes(review: Review, db: Database, tmp_path: Path) -> None:
    assert review.refresh() is None
    other_db = Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}")
    other = Review(Repository(other_db), DOCUMENT, "Jan")
    colleague_note = _highlight(other, quote="gezinshereniging")
    other.execute(AddAnnotations([colleague_note]))
    changes = review.refresh()
    assert changes is not None and [a.id for a in changes.upserted] == [colleague_note.id]
    assert review.annotations[colleague_note.id].author == "Jan"
    assert review.refresh() is None
    other_db.close()


def test_theme_list_edit_undoes(review: Review) -> None:
    before = list(review.themes)
    after = [replace(before[1], position=0), replace(before[0], title="Asiel, migratie en integratie", position=1)]
    command = ThemeListEdit(before, after)
    review.execute(command)
    assert [t.title for t in review.themes] == ["Democratische rechtsstaat", "Asiel, migratie en integratie"]
    review.undo(command)
    assert [t.title for t in review.themes] == ["Asiel en migratie", "Democratische rechtsstaat"]


def test_swapping_two_titles_undoes_and_redoes(review: Review) -> None:
    before = list(review.themes)
    swapped = [replace(before[0], title=before[1].title), replace(before[1], title=before[0].title)]
    command = ThemeListEdit(before, swapped)
    review.execute(command)
    assert [t.title for t in review.themes] == ["Democratische rechtsstaat", "Asiel en migratie"]
    review.undo(command)
    assert [t.title for t in review.themes] == ["Asiel en migratie", "Democratische rechtsstaat"]
    review.execute(command)  # redo
    assert [(t.id, t.title) for t in review.themes] == [(before[0].id, "Democratische rechtsstaat"),
                                                        (before[1].id, "Asiel en migratie")]


def test_undoing_ten_thousand_new_themes_is_a_few_statements_and_keeps_a_colleagues(review: Review,
                                                                                     db: Database) -> None:
    from sqlalchemy import event

    before = list(review.themes)
    added = [Theme(id=f"t{index:05d}", title=f"Thema {index}", position=len(before) + index)
             for index in range(10_000)]
    command = ThemeListEdit(before, before + added)
    review.execute(command)
    assert len(review.themes) == 10_002
    Repository(db).add_theme("Van Jan")  # a colleague adds one meanwhile
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        review.undo(command)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert [t.title for t in Repository(db).themes()] == ["Asiel en migratie", "Democratische rechtsstaat", "Van Jan"]
    writes = [sql for sql in statements if not sql.lstrip().upper().startswith(("SELECT", "BEGIN", "PRAGMA"))]
    assert len(writes) < 40, f"{len(writes)} statements to retire 10,000 themes"
    review.execute(command)  # redo
    titles = [t.title for t in Repository(db).themes()]
    assert len(titles) == 10_003 and titles[:3] == ["Asiel en migratie", "Democratische rechtsstaat", "Thema 0"]


def test_an_edit_meeting_a_colleagues_edit_keeps_both(review: Review, db: Database) -> None:
    annotation = _highlight(review)
    review.execute(AddAnnotations([annotation]))
    mine_before = review.annotations[annotation.id]
    colleague = Repository(db)
    theirs = colleague.save(colleague.get(annotation.id).changed(comment="Jan: zie ook IVRK"))
    edit = EditAnnotations([mine_before], [mine_before.changed(judgment=Judgment.VIOLATION)])
    changes = review.execute(edit)
    assert changes.rebased == (annotation.id,)
    stored = colleague.get(annotation.id)
    assert stored.judgment is Judgment.VIOLATION and stored.comment == "Jan: zie ook IVRK"
    review.undo(edit)
    back = colleague.get(annotation.id)
    assert _content(back) == _content(theirs)


def _colleague_edits(db: Database, id: str, **changes: object) -> Annotation:
    """Another reviewer's program saves a change to the annotation (it read the same version as we did)."""
    colleague = Repository(db)
    return colleague.save(colleague.get(id).changed(**changes))


def test_two_comments_written_at_once_in_different_places_are_both_kept(review: Review, db: Database) -> None:
    annotation = _highlight(review)
    review.execute(AddAnnotations([annotation.changed(comment="Detentie van kinderen.")]))
    mine_before = review.annotations[annotation.id]
    _colleague_edits(db, annotation.id, comment="Detentie van kinderen. Zie art. 37 IVRK.")
    edit = EditAnnotations([mine_before], [mine_before.changed(comment="Zorg: detentie van kinderen.")])
    changes = review.execute(edit)
    stored = Repository(db).get(annotation.id)
    assert stored.comment == "Zorg: detentie van kinderen. Zie art. 37 IVRK."
    assert [(c.annotation_id, c.fields) for c in changes.merged] == [(annotation.id, ("comment",))]
    assert not changes.questions and not changes.rebased
    # Undo takes out the reviewer's own words only; redo puts them back.
    review.undo(edit)
    assert Repository(db).get(annotation.id).comment == "Detentie van kinderen. Zie art. 37 IVRK."
    review.execute(edit)
    assert Repository(db).get(annotation.id).comment == "Zorg: detentie van kinderen. Zie art. 37 IVRK."


def test_undo_keeps_a_colleagues_later_words_in_the_same_comment(review: Review, db: Database) -> None:
    annotation = _highlight(review)
    review.execute(AddAnnotations([annotation.changed(comment="Detentie.")]))
    before = review.annotations[annotation.id]
    edit = EditAnnotations([before], [before.changed(comment="Zorg: Detentie.")])
    review.execute(edit)
    _colleague_edits(db, annotation.id, comment="Zorg: Detentie. Jan: eens.")
    changes = review.undo(edit)
    assert Repository(db).get(annotation.id).comment == "Detentie. Jan: eens."
    assert [c.fields for c in changes.merged] == [("comment",)] and not changes.conflicts


@pytest.mark.parametrize("mine, theirs", [
    ({"comment": "Detentie. Anna: strijdig."}, {"comment": "Detentie. Bert: zorgelijk."}),
    ({"judgment": Judgment.VIOLATION}, {"judgment": Judgment.WELCOME}),
    ({"references": (TreatyRef.parse("echr:3"),)}, {"references": (TreatyRef.parse("echr:8"),)}),
    ({"sources": ("Rapport A",)}, {"sources": ("Rapport B",)}),
])
def test_the_same_field_changed_differently_by_both_is_asked_and_theirs_stays(
        review: Review, db: Database, mine: dict[str, object], theirs: dict[str, object]) -> None:
    annotation = _highlight(review)
    review.execute(AddAnnotations([annotation.changed(comment="Detentie.")]))
    before = review.annotations[annotation.id]
    saved = _colleague_edits(db, annotation.id, **theirs)
    changes = review.execute(EditAnnotations([before], [before.changed(**mine)]))
    (field,) = mine
    (question,) = changes.questions
    assert (question.annotation_id, question.field) == (annotation.id, field)
    assert (question.mine, question.theirs) == (mine[field], theirs[field])
    assert _content(Repository(db).get(annotation.id)) == _content(saved)  # nothing of theirs is overwritten
    if field == "comment":
        assert question.both == "Detentie. Bert: zorgelijk. Anna: strijdig."  # every word of both, to edit from


def test_undoing_typing_keeps_a_colleagues_words_that_came_in_while_typing(review: Review, db: Database) -> None:
    """Typing is one step (later saves fold into the first); words a colleague saved in between stay on undo."""
    annotation = _highlight(review)
    review.execute(AddAnnotations([annotation.changed(comment="Detentie.")]))
    first_before = review.annotations[annotation.id]
    typing = EditAnnotations([first_before], [first_before.changed(comment="Detentie. Anna")])
    review.execute(typing)
    _colleague_edits(db, annotation.id, comment="Bert: Detentie. Anna")
    shown = review.annotations[annotation.id]  # the window has not seen Bert's words yet
    more = EditAnnotations([shown], [shown.changed(comment="Detentie. Anna zegt: strijdig.")])
    changes = review.execute(more)
    assert changes.merged and Repository(db).get(annotation.id).comment == "Bert: Detentie. Anna zegt: strijdig."
    assert typing.merge(more)
    review.undo(typing)
    assert Repository(db).get(annotation.id).comment == "Bert: Detentie."
    review.execute(typing)
    assert Repository(db).get(annotation.id).comment == "Bert: Detentie. Anna zegt: strijdig."
