"""``annotator compile`` on letter settings and files a colleague's database or a hostile world may hold: the letter
is written with defaults where a setting cannot be used, a template that is no sound .docx is one clear error, and
the letter is written through links and into devices the way ``cp`` does."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import fitz
import pytest

from annotator.domain.model import Anchor, Annotation, Judgment, Rect, TreatyRef, new_id
from annotator.pdf.document import file_fingerprint
from annotator.store.database import Database
from annotator.store.repository import Repository

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A PDF and a database with one judged, themed, referenced annotation on it."""
    folder = tmp_path_factory.mktemp("letter")
    pdf = folder / "akkoord.pdf"
    with fitz.open() as doc:
        doc.new_page().insert_text((72, 100), "Wij scherpen de meldplicht voor asielzoekers aan.")
        doc.save(pdf)
    database = folder / "review.sqlite"
    fingerprint = file_fingerprint(pdf)
    with Database.open(str(database)) as db:
        repo = Repository(db)
        repo.ensure_document(fingerprint, "Akkoord", 1, ["1"], pdf.name)
        theme = repo.add_theme("Asiel en migratie")
        repo.add(Annotation(id=new_id(), document=fingerprint, author="Fatima", judgment=Judgment.SERIOUS_CONCERN,
                            theme_id=theme.id, references=(TreatyRef.parse("echr:5"),),
                            anchor=Anchor(page=0, quads=(Rect(72, 88, 300, 102),),
                                          exact="Wij scherpen de meldplicht voor asielzoekers aan.")))
        repo.set_letter_setting("organisation", "Amnesty International")
    return pdf, database


def _with_settings(review: tuple[Path, Path], folder: Path, settings: dict[str, str]) -> Path:
    """A copy of the review's database whose letter settings were written by another program."""
    copy = folder / "crafted.sqlite"
    shutil.copy(review[1], copy)
    connection = sqlite3.connect(copy)
    with connection:
        connection.executemany("INSERT OR REPLACE INTO letter_settings (key, value) VALUES (?, ?)",
                               list(settings.items()))
    connection.close()
    return copy


def _document_text(docx: Path) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_settings_that_cannot_be_used_take_their_defaults_and_are_named(review: tuple[Path, Path],
                                                                         tmp_path: Path) -> None:
    database = _with_settings(review, tmp_path, {
        "language": "klingon",
        "summary": "misschien",
        "introduction": "x" * 50_000,
        "salutation": "Geachte\x00 Kamer\x1b[31mleden,",
        "closing": "Met \ud800vriendelijke groet,".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    })
    out = tmp_path / "brief.docx"
    result = _run("compile", "--out", out, "--pdf", review[0], "--db", database)
    assert result.returncode == 0, result.stderr
    ignored = [line for line in result.stderr.splitlines() if "cannot be used" in line]
    assert sorted(line.split("'")[1] for line in ignored) == ["introduction", "language", "summary"]
    text = _document_text(out)
    assert "Geachte Kamer[31mleden," in text  # the control characters are left out, the words stay
    assert "heeft kennisgenomen van" in text and "x" * 100 not in text  # the default introduction, in Dutch
    assert "meldplicht" in text


def test_a_template_that_is_no_sound_word_file_is_one_clear_error(review: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(damaged, "w") as package:
        package.writestr("[Content_Types].xml", "<Types")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"0" * (300 << 20))
    for template, expected in ((pipe, "is not a file"), (damaged, "not a sound Word document"),
                               (bomb, "unpacks to 300 MB"), (tmp_path / "gone.docx", "missing")):
        database = _with_settings(review, tmp_path, {"template": str(template)})
        out = tmp_path / "brief.docx"
        result = _run("compile", "--out", out, "--pdf", review[0], "--db", database, timeout=60)
        assert result.returncode == 1, (template, result.stderr)
        assert "Traceback" not in result.stderr
        assert f"error: The letter template {template}" in result.stderr and expected in result.stderr
        assert not out.exists() and not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


def test_the_letter_is_written_through_a_symlink_and_into_a_hard_link(review: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    real = tmp_path / "kept" / "brief.docx"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "brief.docx"
    link.symlink_to(real)
    assert _run("compile", "--out", link, "--pdf", review[0], "--db", review[1]).returncode == 0
    assert link.is_symlink() and "meldplicht" in _document_text(real)

    first = tmp_path / "brief.md"
    first.write_text("old")
    second = tmp_path / "kept" / "dezelfde-brief.md"
    os.link(first, second)
    inode = first.stat().st_ino
    assert _run("compile", "--out", first, "--pdf", review[0], "--db", review[1]).returncode == 0
    assert first.stat().st_ino == second.stat().st_ino == inode and first.stat().st_nlink == 2
    assert "meldplicht" in second.read_text(encoding="utf-8")
    assert not list(tmp_path.rglob("*.part"))


def test_the_letter_is_written_into_a_named_pipe(review: tuple[Path, Path], tmp_path: Path) -> None:
    pipe = tmp_path / "brief.html"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = _run("compile", "--out", pipe, "--pdf", review[0], "--db", review[1])
    reader.join(10)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert received and b"meldplicht" in received[0]
