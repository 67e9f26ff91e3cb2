"""What a carry-over knew of each annotation it brought to a new version (the carried table, migrations 0003, 0004): stored
beside the annotation, read back for the review queue, checked in a colleague's file, and merged along with it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.domain.model import (
    Anchor,
    AnchorStatus,
    Annotation,
    Candidate,
    CarriedFrom,
    Judgment,
    Rect,
    new_id,
)
from annotator.interchange.csv_format import annotations_to_csv
from annotator.interchange.w3c import annotation_to_w3c
from annotator.services.merge import merge
from annotator.store.database import Database
from annotator.store.readonly import MergeRefused, read_other
from annotator.store.repository import Repository
from store_support import FINGERPRINT, record_agreement

OLD = "0" * 64
TWO_PAGES = Anchor(page=3, quads=(Rect(72, 700, 300, 712), Rect(72, 80, 200, 92)), exact="de meldplicht verder",
                   prefix="We stellen voor ", suffix=" aan te scherpen", start=120, end=18, quad_pages=(3, 4))


def _fuzzy(**changes: object) -> Annotation:
    annotation = Annotation(id=new_id(), document=FINGERPRINT, author="Fatima", status=AnchorStatus.FUZZY,
                            judgment=Judgment.CONCERN, anchor=Anchor(page=2, quads=(Rect(72, 100, 272, 112),),
                                                                     exact="de meldplicht verder aan te scherpen"))
    return annotation.changed(**changes)


def _record(annotation: Annotation, outcome: AnchorStatus = AnchorStatus.FUZZY, **changes: object) -> CarriedFrom:
    record = CarriedFrom(annotation.id, new_id(), OLD, outcome, "de meldplicht aan te scherpen", 1, 0.912,
                         (Candidate(TWO_PAGES, 0.75),))
    return CarriedFrom(**{**{name: getattr(record, name) for name in record.__slots__}, **changes})  # type: ignore[arg-type]


def test_a_carried_record_is_stored_beside_its_annotation_and_read_back(repo: Repository) -> None:
    fuzzy, orphan = _fuzzy(), _fuzzy(status=AnchorStatus.ORPHANED, anchor=Anchor(page=1, quads=(), exact="weg"))
    repo.bulk_add([fuzzy, orphan])
    records = [_record(fuzzy), _record(orphan, AnchorStatus.ORPHANED, score=0.0, candidates=(), old_page=None)]
    assert repo.add_carried(records) == 2
    assert repo.add_carried(records) == 0, "a record that is there is left as it is"
    found = repo.carried([fuzzy.id, orphan.id, new_id()])
    assert found == {fuzzy.id: records[0], orphan.id: records[1]}
    assert found[fuzzy.id].candidates[0].anchor.quad_pages == (3, 4)
    assert repo.get(fuzzy.id).status is AnchorStatus.FUZZY  # type: ignore[union-attr]
    # The review queue's list: in reading order, without deleted annotations.
    assert [r.annotation_id for r in repo.carried_into(FINGERPRINT)] == [orphan.id, fuzzy.id]
    repo.delete(orphan.id, 1)
    assert [r.annotation_id for r in repo.carried_into(FINGERPRINT)] == [fuzzy.id]
    assert len(repo.carried_into(FINGERPRINT, include_deleted=True)) == 2


def test_a_fuzzy_annotation_exports_as_any_other(repo: Repository) -> None:
    fuzzy = _fuzzy()
    repo.add(fuzzy)
    stored = repo.get(fuzzy.id)
    assert stored is not None
    item = annotation_to_w3c(stored, None)
    assert item["target"]["selector"][0]["exact"] == "de meldplicht verder aan te scherpen"  # type: ignore[index]
    assert annotations_to_csv([stored], {}, []).rstrip().endswith(",fuzzy")


def _with_carried(path: Path) -> tuple[Annotation, CarriedFrom]:
    with Database.open(str(path)) as db:
        repo = Repository(db)
        record_agreement(repo)
        fuzzy = _fuzzy()
        record = _record(fuzzy)
        with repo.transaction():
            repo.bulk_add([fuzzy])
            repo.add_carried([record])
    return fuzzy, record


def test_a_colleagues_carried_annotations_come_in_with_their_records(tmp_path: Path) -> None:
    theirs = tmp_path / "colleague.sqlite"
    fuzzy, record = _with_carried(theirs)
    ours = tmp_path / "mine.sqlite"
    with Database.open(str(ours)) as db:
        record_agreement(Repository(db))
        assert merge(db, theirs).added == 1
        repo = Repository(db)
        assert repo.get(fuzzy.id).status is AnchorStatus.FUZZY  # type: ignore[union-attr]
        assert repo.carried([fuzzy.id]) == {fuzzy.id: record}
        merge(db, theirs)
        assert len(repo.carried_into(FINGERPRINT)) == 1, "merging again adds nothing"


def test_keeping_an_orphan_is_recorded_and_travels_with_a_merge(repo: Repository, tmp_path: Path) -> None:
    orphan = _fuzzy(status=AnchorStatus.ORPHANED, anchor=Anchor(page=1, quads=(), exact="weg"))
    other = _fuzzy()
    repo.bulk_add([orphan, other])
    repo.add_carried([_record(orphan, AnchorStatus.ORPHANED, score=0.0, candidates=()), _record(other)])
    assert repo.set_kept([orphan.id, new_id()], True) == [orphan.id], "an annotation without a record is skipped"
    assert repo.set_kept([orphan.id], True) == [], "kept already"
    assert {r.annotation_id: r.kept for r in repo.carried_into(FINGERPRINT)} == {orphan.id: True, other.id: False}
    assert repo.set_kept([orphan.id], False) == [orphan.id]
    assert not repo.carried([orphan.id])[orphan.id].kept


def test_a_colleagues_kept_orphan_stays_kept(tmp_path: Path) -> None:
    theirs = tmp_path / "colleague.sqlite"
    fuzzy, _record_ = _with_carried(theirs)
    with Database.open(str(theirs)) as db:
        Repository(db).set_kept([fuzzy.id], True)
    ours = tmp_path / "mine.sqlite"
    with Database.open(str(ours)) as db:
        record_agreement(Repository(db))
        merge(db, theirs)
        assert Repository(db).carried([fuzzy.id])[fuzzy.id].kept


def _crafted(good: Path, statement: str) -> Path:
    crafted = good.with_name("crafted.sqlite")
    shutil.copy(good, crafted)
    connection = sqlite3.connect(crafted)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    return crafted


@pytest.mark.parametrize(("statement", "expected"), [
    ("UPDATE carried SET outcome = 'fine'", "column 'outcome'"),
    ("UPDATE carried SET score = 7.5", "column 'score'"),
    ("UPDATE carried SET score = 'hoog'", "column 'score'"),
    ("UPDATE carried SET candidates = '[1, 2]'", "column 'candidates'"),
    ("UPDATE carried SET candidates = '[{\"page\": -1, \"quads\": [], \"text\": \"x\", \"score\": 0.5}]'",
     "malformed data (a candidate has no page)"),
    ("UPDATE carried SET candidates = '[{\"page\": 1, \"quads\": [[1, 2]], \"text\": \"x\", \"score\": 0.5}]'",
     "quads"),
    ("UPDATE carried SET candidates = json_array(json_object('page', 1, 'quads', json_array(), "
     "'text', 'x' || char(7), 'score', 0.5))", "U+0007"),
    ("UPDATE carried SET old_quote = 'zorg' || char(0)", "U+0000"),
    ("UPDATE carried SET annotation_id = 'elsewhere'", "does not hold"),
    ("UPDATE carried SET kept = 2", "column 'kept'"),
])
def test_a_crafted_carried_table_is_refused(tmp_path: Path, statement: str, expected: str) -> None:
    good = tmp_path / "colleague.sqlite"
    _with_carried(good)
    read_other(good)  # the sound file is read
    crafted = _crafted(good, statement)
    with pytest.raises(MergeRefused) as refused:
        read_other(crafted)
    assert expected in str(refused.value)
