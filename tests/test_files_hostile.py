"""Files a hostile world hands us: pipes, links and devices given to merge and export, full disks, refused
databases, and page labels that a spreadsheet would run as formulas. Every file is built by the test itself."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import fitz
import pytest

from annotator.cli import main
from annotator.domain.model import Anchor, Annotation, Rect, new_id
from annotator.interchange.csv_format import annotations_to_csv
from annotator.pdf.document import file_fingerprint
from annotator.services.files import WriteError, write_file
from annotator.services.merge import MergeRefused, merge, plan_merge
from annotator.store.database import CorruptDatabaseError, Database, NewerSchemaError, StoreError
from annotator.store.repository import Repository

REPO = Path(__file__).resolve().parent.parent


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
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


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


# --- refused and failed databases leave the folder as it was ----------------------------------------------------


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    connection.close()


def _damaged(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("spoil", "error"), [(_newer, NewerSchemaError), (_damaged, CorruptDatabaseError)])
def test_a_refused_database_gets_no_wal_or_shm_beside_it(ours: Path, spoil: Callable[[Path], None],
                                                          error: type[Exception]) -> None:
    spoil(ours)
    before = sorted(ours.parent.iterdir()), ours.read_bytes()
    with pytest.raises(error):
        Database.open(str(ours))
    assert (sorted(ours.parent.iterdir()), ours.read_bytes()) == before


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a tiny file system of its own, filled up to about 8 KB (Linux, as root)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("a full disk is made with a tmpfs mount, which needs root on Linux")
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(descriptor, b"x" * 4096)
        except OSError:
            pass
        os.ftruncate(descriptor, os.fstat(descriptor).st_size - 8 * 1024)
        os.close(descriptor)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_new_database_on_a_full_disk_leaves_nothing_behind(full_disk: Path) -> None:
    with pytest.raises(StoreError, match=str(full_disk / "new.sqlite")):
        Database.open(str(full_disk / "new.sqlite"))
    assert [p.name for p in full_disk.iterdir()] == ["filler"]


# --- export: whole or not at all, through links, straight to devices and pipes ---------------------------------


@pytest.fixture
def review(tmp_path: Path) -> tuple[Path, Path]:
    """A two-page PDF built here and a database with one annotation on it: (pdf, database)."""
    pdf = tmp_path / "akkoord.pdf"
    with fitz.open() as doc:
        for number in range(2):
            page = doc.new_page()
            page.insert_text((72, 100), f"Bladzijde {number + 1}: een passage over rechten.")
        doc.save(pdf)
    database = tmp_path / "review.sqlite"
    fingerprint = file_fingerprint(pdf)
    with Database.open(str(database)) as db:
        repo = Repository(db)
        repo.ensure_document(fingerprint, "Akkoord", 2, ["1", "2"], pdf.name)
        repo.add(Annotation(id=new_id(), document=fingerprint, author="Fatima", comment="Zie art. 8 EVRM",
                            anchor=Anchor(page=0, quads=(Rect(72, 88, 300, 102),), exact="een passage")))
    return pdf, database


def _export(review: tuple[Path, Path], out: Path, file_format: str) -> int:
    pdf, database = review
    return main(["export", "--pdf", str(pdf), "--db", str(database), "--format", file_format, "--out", str(out)])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("file_format", ["jsonld", "csv", "pdf"])
def test_export_through_a_symlink_writes_the_file_it_points_to_and_keeps_the_link(
    review: tuple[Path, Path], tmp_path: Path, file_format: str
) -> None:
    real = tmp_path / "kept" / f"real.{file_format}"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / f"link.{file_format}"
    link.symlink_to(real)
    assert _export(review, link, file_format) == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() != b"old" and real.stat().st_size > 100
    if file_format == "pdf":
        with fitz.open(real) as doc:
            assert len(list(doc[0].annots())) == 1
    assert _leftovers(tmp_path) == _leftovers(real.parent) == []


def test_export_through_a_dangling_symlink_creates_the_file_it_names(review: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "new.csv")
    assert _export(review, link, "csv") == 0
    assert link.is_symlink() and (tmp_path / "new.csv").read_text(encoding="utf-8-sig").startswith("id,page")


@pytest.mark.parametrize("file_format", ["jsonld", "pdf"])
def test_export_to_a_named_pipe_writes_into_the_pipe(review: tuple[Path, Path], tmp_path: Path,
                                                     file_format: str) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    outcome: list[int] = []
    writer = threading.Thread(target=lambda: outcome.append(_export(review, pipe, file_format)), daemon=True)
    writer.start()
    writer.join(60)
    reader.join(10)
    assert outcome == [0]
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode), "the pipe was replaced by a regular file"
    assert received and (received[0].startswith(b"%PDF") if file_format == "pdf" else b'"@context"' in received[0])
    assert _leftovers(tmp_path) == []


def test_a_failed_write_leaves_no_temporary_file_and_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "review.csv"
    target.write_text("the old export")

    def half(path: Path) -> None:
        path.write_text("half a")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(WriteError) as caught:
        write_file(target, half)
    assert caught.value.filename == str(target) and str(target) in str(caught.value)
    assert "No space left on device" in str(caught.value)
    assert target.read_text() == "the old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.csv"]


def test_a_cancelled_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    def cancelled(path: Path) -> None:
        path.write_text("half a")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_file(tmp_path / "review.jsonld", cancelled)
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_folder_or_onto_a_folder_names_the_file(review: tuple[Path, Path], tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere" / "review.csv"
    assert _export(review, missing, "csv") == 1
    assert str(missing) in capsys.readouterr().err
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert _export(review, folder, "csv") == 1
    assert str(folder) in capsys.readouterr().err and folder.is_dir()


@pytest.mark.parametrize("file_format", ["jsonld", "csv", "pdf"])
def test_export_on_a_full_disk_names_the_file_and_leaves_no_temporary_file(
    review: tuple[Path, Path], full_disk: Path, file_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (full_disk / "filler").write_bytes(b"")  # emptied, then filled to the last byte
    descriptor = os.open(full_disk / "filler", os.O_WRONLY)
    with pytest.raises(OSError):
        while True:
            os.write(descriptor, b"x" * 4096)
    os.close(descriptor)
    out = full_disk / f"review.{file_format}"
    assert _export(review, out, file_format) == 1
    error = capsys.readouterr().err
    assert str(out) in error and "Traceback" not in error
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


@pytest.mark.parametrize("kind", ["pipe", "device"])
@pytest.mark.parametrize("command", ["info", "import-w3c-pdf", "import-w3c-file", "import-highlights", "export-pdf",
                                     "compile"])
def test_a_pipe_or_a_device_given_as_input_is_refused_at_once(review: tuple[Path, Path], tmp_path: Path,
                                                               kind: str, command: str) -> None:
    """A named pipe would make a reader wait for ever, /dev/zero would fill the memory: each command refuses
    such an input by name before reading it."""
    pdf, database = review
    odd = tmp_path / ("odd.jsonld" if command == "import-w3c-file" else "odd.pdf")
    if kind == "pipe":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    w3c = tmp_path / "review.jsonld"
    w3c.write_text('{"type": "AnnotationCollection", "items": []}', encoding="utf-8")
    arguments = {
        "info": ["info", odd],
        "import-w3c-pdf": ["import", w3c, "--pdf", odd, "--db", database],
        "import-w3c-file": ["import", odd, "--pdf", pdf, "--db", database],
        "import-highlights": ["import", odd, "--db", database],
        "export-pdf": ["export", "--pdf", odd, "--format", "pdf", "--out", tmp_path / "out.pdf", "--db", database],
        "compile": ["compile", "--pdf", odd, "--out", tmp_path / "letter.md", "--db", database],
    }[command]
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    result = subprocess.run([sys.executable, "-m", "annotator", *map(str, arguments)], capture_output=True,
                            text=True, timeout=30, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: ") and odd.name in result.stderr and "Traceback" not in result.stderr
    assert ("named pipe" if kind == "pipe" else "device") in result.stderr
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_a_letter_on_a_full_disk_is_one_error_naming_the_file_and_leaves_nothing(
    review: tuple[Path, Path], full_disk: Path, suffix: str
) -> None:
    (full_disk / "filler").write_bytes(b"")  # emptied, then filled to the last byte
    descriptor = os.open(full_disk / "filler", os.O_WRONLY)
    with pytest.raises(OSError):
        while True:
            os.write(descriptor, b"x" * 4096)
    os.close(descriptor)
    pdf, database = review
    out = full_disk / f"brief{suffix}"
    result = subprocess.run([sys.executable, "-m", "annotator", "compile", "--pdf", str(pdf), "--db", str(database),
                             "--out", str(out)], capture_output=True, text=True, timeout=120, cwd=REPO,
                            env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert result.returncode == 1
    assert f"error: {out}" in result.stderr and "No space left" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]
