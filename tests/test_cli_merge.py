"""The merge command: a summary per file, conflicts listed, refused files leave our database byte for byte."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.domain.model import Anchor, Annotation, Rect, new_id
from annotator.store.database import Database
from annotator.store.repository import Repository

FINGERPRINT = hashlib.sha256(b"agreement").hexdigest()


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, Annotation]:
    mine = tmp_path / "mine.sqlite"
    with Database.open(str(mine)) as db:
        repo = Repository(db)
        repo.ensure_document(FINGERPRINT, "Omzien naar elkaar", 50, [], "coalitieakkoord.pdf")
        first = repo.add(Annotation(id=new_id(), document=FINGERPRINT, author="Fatima",
                                    anchor=Anchor(page=11, quads=(Rect(72, 100, 272, 112),),
                                                  exact="Wij nemen maatregelen om de asielinstroom te beperken")))
    theirs = tmp_path / "theirs.sqlite"
    shutil.copy(mine, theirs)
    with Database.open(str(mine)) as db:
        Repository(db).save(first.changed(comment="ours"))
    with Database.open(str(theirs)) as db:
        repo = Repository(db)
        repo.save(first.changed(comment="theirs"))
        repo.add(Annotation(id=new_id(), document=FINGERPRINT, author="Joost",
                            anchor=Anchor(page=2, quads=(Rect(72, 100, 272, 112),), exact="huur")))
    return mine, theirs, first


def test_merge_prints_summary_and_conflicts(pair: tuple[Path, Path, Annotation],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    mine, theirs, _first = pair
    assert main(["merge", str(theirs), "--db", str(mine)]) == 0
    out = capsys.readouterr().out
    assert "added 1, updated 1, deleted 0, conflicts 1" in out
    assert "conflict: Wij nemen maatregelen om de asielinstroom" in out
    assert "(p. 12): kept theirs, modified" in out
    assert "backup of your database" in out
    assert main(["merge", str(theirs), "--db", str(mine)]) == 0
    assert "added 0, updated 0, deleted 0, conflicts 0" in capsys.readouterr().out


def test_refused_file_is_one_error_line_and_changes_nothing(pair: tuple[Path, Path, Annotation],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    mine, theirs, _first = pair
    connection = sqlite3.connect(theirs)
    connection.execute("CREATE TRIGGER sneaky AFTER UPDATE ON themes BEGIN DELETE FROM annotations; END")
    connection.commit()
    connection.close()
    before = hashlib.sha256(mine.read_bytes()).hexdigest()
    assert main(["merge", str(theirs), "--db", str(mine)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "trigger" in err and "Traceback" not in err
    assert hashlib.sha256(mine.read_bytes()).hexdigest() == before


def test_merging_ones_own_database_is_refused(pair: tuple[Path, Path, Annotation],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    mine, _theirs, _first = pair
    assert main(["merge", str(mine), "--db", str(mine)]) == 1
    assert "your own database" in capsys.readouterr().err


def test_export_pdf_writes_an_annotated_copy(tmp_path: Path, agreement_2021: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.domain.model import AnnotationKind, Judgment
    from annotator.pdf.document import file_fingerprint

    db_path = tmp_path / "review.sqlite"
    with Database.open(str(db_path)) as db:
        repo = Repository(db)
        fingerprint = file_fingerprint(agreement_2021)
        repo.ensure_document(fingerprint, "Omzien naar elkaar", 50, [], agreement_2021.name)
        repo.add(Annotation(id=new_id(), document=fingerprint, author="Fatima", kind=AnnotationKind.AREA,
                            judgment=Judgment.CONCERN, anchor=Anchor(page=4, quads=(Rect(72, 100, 300, 200),),
                                                                     exact="")))
    out = tmp_path / "annotated.pdf"
    assert main(["export", "--pdf", str(agreement_2021), "--format", "pdf", "--out", str(out),
                 "--db", str(db_path)]) == 0
    assert "exported 1 highlights" in capsys.readouterr().out
    import fitz

    with fitz.open(out) as doc:
        assert [annot.info["subject"] for annot in doc[4].annots()] == ["concern"]
    assert main(["export", "--pdf", str(agreement_2021), "--format", "pdf", "--out", str(agreement_2021),
                 "--db", str(db_path)]) == 1
    assert "cannot replace the original" in capsys.readouterr().err
