"""The journal of changes that wait for the database: every kind of step reads back, damaged files are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from annotator.domain.model import Anchor, Annotation, Judgment, Rect, Theme, TreatyRef
from annotator.services.commands import AddAnnotations, EditAnnotations, LetterSettingsEdit, Steps, ThemeListEdit
from annotator.services.journal import (
    Entry,
    Journal,
    JournalError,
    annotation_from_json,
    annotation_json,
    command,
    entry_for,
)

DATABASE = "postgresql+psycopg://bert@team.example/annotator"
DOCUMENT = "ab" * 32


def _annotation(**changes: object) -> Annotation:
    anchor = Anchor(page=2, quads=(Rect(72.0, 100.5, 300.25, 112.0), Rect(72.0, 40.0, 90.0, 52.0)),
                    exact="vreemdelingen\u00addetentie", prefix="de ", suffix=" wordt", start=10, end=40,
                    quad_pages=(2, 3))
    value = Annotation(id="a1", document=DOCUMENT, author="Bert", anchor=anchor, judgment=Judgment.CONCERN,
                       theme_id="t1", references=(TreatyRef.parse("echr:5"), TreatyRef.parse("a:b (custom) x")),
                       comment="Zorg\tüber\n“detentie”", sources=("Rapport ACVZ",), modified_by="Bert")
    return value.changed(**changes)


def test_an_annotation_reads_back_exactly() -> None:
    for value in (_annotation(), _annotation(anchor=None, judgment=None, theme_id=None), _annotation(deleted=True)):
        assert annotation_from_json(json.loads(json.dumps(annotation_json(value)))) == value


def test_every_kind_of_step_reads_back_as_the_same_change(tmp_path: Path) -> None:
    before = _annotation()
    after = before.changed(judgment=Judgment.VIOLATION, comment="Strijdig met art. 5 EVRM.")
    themes = [Theme("t1", "Asiel", 0)], [Theme("t1", "Asiel en migratie", 0), Theme("t2", "Zorg", 1)]
    steps = [EditAnnotations([before], [after]), AddAnnotations([before]), ThemeListEdit(*themes),
             LetterSettingsEdit({"sender": "Amnesty"}, {"sender": "Amnesty International"}),
             Steps([ThemeListEdit(*themes), AddAnnotations([before])], "Import")]
    journal = Journal(tmp_path, DATABASE, DOCUMENT)
    for step in steps:
        for forward in (True, False):
            journal.append(entry_for(step, forward))
    again = Journal(tmp_path, DATABASE, DOCUMENT).entries()
    assert len(again) == 10
    edit, undone = command(again[0]), command(again[1])
    assert [a.judgment for a in edit.annotations] == [Judgment.VIOLATION]  # type: ignore[attr-defined]
    assert [a.judgment for a in undone.annotations] == [Judgment.CONCERN]  # type: ignore[attr-defined]
    assert command(again[2]).annotations_before[0].deleted  # type: ignore[attr-defined]
    assert command(again[6]).after == {"sender": "Amnesty International"}  # type: ignore[attr-defined]
    assert [type(s).__name__ for s in command(again[9]).steps] == ["AnnotationsCommand", "ThemeListEdit"]  # type: ignore[attr-defined]


def test_saved_changes_leave_the_file_and_the_last_one_removes_it(tmp_path: Path) -> None:
    journal = Journal(tmp_path, DATABASE, DOCUMENT)
    journal.append(entry_for(AddAnnotations([_annotation()]), True))
    journal.append(entry_for(AddAnnotations([_annotation(id="a2")]), True))
    assert journal.path.exists() and len(Journal(tmp_path, DATABASE, DOCUMENT)) == 2
    journal.drop_first()
    assert [a.id for a in command(Journal(tmp_path, DATABASE, DOCUMENT).entries()[0]).annotations] == ["a2"]  # type: ignore[attr-defined]
    journal.drop_first()
    assert not journal.path.exists()


def test_another_database_or_document_has_its_own_file(tmp_path: Path) -> None:
    Journal(tmp_path, DATABASE, DOCUMENT).append(entry_for(AddAnnotations([_annotation()]), True))
    assert len(Journal(tmp_path, "sqlite:////home/bert/annotations.sqlite", DOCUMENT)) == 0
    assert len(Journal(tmp_path, DATABASE, "cd" * 32)) == 0


def _written(tmp_path: Path, text: str) -> Journal:
    journal = Journal(tmp_path, DATABASE, DOCUMENT)
    journal.path.parent.mkdir(parents=True, exist_ok=True)
    journal.path.write_text(text, encoding="utf-8")
    return journal


@pytest.mark.parametrize("text", [
    "", "{", "[]", "null", '{"format": "annotator-unsaved-changes"}',
    json.dumps({"format": "annotator-unsaved-changes", "version": 99, "database": DATABASE, "document": DOCUMENT,
                "changes": []}),
    json.dumps({"format": "annotator-unsaved-changes", "version": 1, "database": "elsewhere", "document": DOCUMENT,
                "changes": []}),
    json.dumps({"format": "annotator-unsaved-changes", "version": 1, "database": DATABASE, "document": DOCUMENT,
                "changes": [{"kind": "annotations", "pairs": [[{"id": 5}, {}]]}]}),
    json.dumps({"format": "annotator-unsaved-changes", "version": 1, "database": DATABASE, "document": DOCUMENT,
                "changes": [{"kind": "drop tables"}]}),
])
def test_a_damaged_or_foreign_file_is_refused_and_set_aside(tmp_path: Path, text: str) -> None:
    journal = _written(tmp_path, text)
    with pytest.raises(JournalError):
        journal.entries()
    aside = journal.set_aside()
    assert aside.read_text(encoding="utf-8") == text and not journal.path.exists()
    assert journal.entries() == []


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
                           lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(st.text(max_size=8), children, max_size=4), max_leaves=20)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=json_values, good=st.booleans())
def test_any_json_in_a_change_gives_a_journal_error_or_a_command(tmp_path: Path, change: object, good: bool) -> None:
    entries = [annotation_json(_annotation())] if good else []
    changes = [change] + ([{"kind": "annotations", "text": "x", "pairs": [[entries[0], entries[0]]]}] if good else [])
    journal = _written(tmp_path, json.dumps({"format": "annotator-unsaved-changes", "version": 1,
                                             "database": DATABASE, "document": DOCUMENT, "changes": changes}))
    try:
        read = journal.entries()
    except JournalError:
        return
    for entry in read:
        assert command(Entry(entry.data)) is not None


def test_a_kill_while_changes_are_written_leaves_a_readable_journal(tmp_path: Path) -> None:
    """The program is killed at a random moment while it keeps changes: what is on disk reads back, in order."""
    import random
    import signal
    import subprocess
    import sys
    import time

    script = f"""
import sys
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from test_journal import DATABASE, DOCUMENT, _annotation
from annotator.services.commands import AddAnnotations
from annotator.services.journal import Journal, entry_for
journal = Journal(Path({str(tmp_path)!r}), DATABASE, DOCUMENT)
for n in range(100000):
    journal.append(entry_for(AddAnnotations([_annotation(id=f"a{{n}}", comment="x" * 2000)]), True))
    print(n, flush=True)
"""
    for attempt in range(3):
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        for _ in range(random.randint(3, 30)):
            child.stdout.readline()
        time.sleep(random.random() / 50)
        child.send_signal(signal.SIGKILL)
        child.wait()
        entries = Journal(tmp_path, DATABASE, DOCUMENT).entries()
        ids = [command(entry).annotations[0].id for entry in entries]  # type: ignore[attr-defined]
        assert len(ids) >= 3 and ids == [f"a{n}" for n in range(len(ids))]
        Journal(tmp_path, DATABASE, DOCUMENT).clear()
