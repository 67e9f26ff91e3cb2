"""Files a hostile world hands us: pipes, links and devices given to merge and export, full disks, refused
databases, and page labels that a spreadsheet would run as formulas. Every file is built by the test itself."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.domain.model import Anchor, Annotation, Rect, new_id
from annotator.interchange.csv_format import annotations_to_csv
from annotator.services.merge import MergeRefused, merge, plan_merge
from annotator.store.database import Database
from annotator.store.repository import Repository


def test_csv_printed_page_labels_that_look_like_formulas_stay_text() -> None:
    anchor = Anchor(page=0, quads=(Rect(10, 10, 50, 20),), exact="een zin")
    rows = [Annotation(id=f"a{n}", document="doc", author="r", anchor=replace(anchor, page=n)) for n in range(4)]
    labels = ['=HYPERLINK("http://x","klik")', "+1", "-2", "@SUM(A1)"]
    table = list(csv.DictReader(io.StringIO(annotations_to_csv(rows, {}, labels))))
    assert [row["printed_page"] for row in table] == ["'" + label for label in labels]
    plain = list(csv.DictReader(io.StringIO(annotations_to_csv(rows[:1], {}, ["iv"]))))
    assert plain[0]["printed_page"] == "iv"


# --- merge: only regular files, never our own under another name ------------------------------------------------

FINGERPRINT = hashlib.sha256(b"hostile files").hexdigest()


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    """Our database file with one annotation, closed."""
    path = tmp_path / "mine.sqlite"
    with Database.open(str(path)) as db:
        repo = Repository(db)
        repo.ensure_document(FINGERPRINT, "Akkoord", 5, [], "akkoord.pdf")
        repo.add(Annotation(id=new_id(), document=FINGERPRINT, author="Fatima",
                            anchor=Anchor(page=1, quads=(Rect(72, 100, 272, 112),), exact="een passage")))
    return path


def _merge_cli(ours: Path, other: Path) -> subprocess.CompletedProcess[str]:
    """``annotator merge`` in a process of its own, so that a hang fails the test instead of stopping the suite."""
    return subprocess.run([sys.executable, "-m", "annotator", "merge", "--db", str(ours), str(other)],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_merging_a_named_pipe_is_refused_at_once_without_reading_it(ours: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "colleague.sqlite"
    os.mkfifo(pipe)
    before = ours.read_bytes()
    result = _merge_cli(ours, pipe)
    assert result.returncode == 1, result.stderr
    assert "named pipe" in result.stderr and str(pipe) in result.stderr
    assert ours.read_bytes() == before
    assert not list(tmp_path.glob("*before-merge*"))


@pytest.mark.parametrize("kind", ["folder", "device"])
def test_merging_a_folder_or_a_device_is_refused(ours: Path, tmp_path: Path, kind: str) -> None:
    other = tmp_path / "folder.sqlite" if kind == "folder" else Path(os.devnull)
    if kind == "folder":
        other.mkdir()
    with Database.open(str(ours)) as db, pytest.raises(MergeRefused, match=f"it is a {kind}"):
        merge(db, other)


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_our_own_database_under_another_name_is_refused_and_left_byte_identical(
    ours: Path, tmp_path: Path, link: str
) -> None:
    other = tmp_path / "elsewhere" / "colleague.sqlite"
    other.parent.mkdir()
    if link == "hard":
        os.link(ours, other)
    else:
        other.symlink_to(ours)
    before = ours.read_bytes()
    with Database.open(str(ours)) as db:
        with pytest.raises(MergeRefused, match="your own database"):
            merge(db, other)
        with pytest.raises(MergeRefused, match="your own database"):
            plan_merge(db, other)
    assert ours.read_bytes() == before
    assert not list(tmp_path.glob("*before-merge*"))


def test_reading_a_colleagues_file_leaves_nothing_beside_it(ours: Path, tmp_path: Path) -> None:
    colleague = tmp_path / "colleague" / "theirs.sqlite"
    colleague.parent.mkdir()
    shutil.copy(ours, colleague)
    with Database.open(str(ours)) as db:
        plan_merge(db, colleague)
        merge(db, colleague)
    assert sorted(p.name for p in colleague.parent.iterdir()) == ["theirs.sqlite"]
