"""Two programs on one database: no edit is lost, each sees the other's work, a killed program loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.domain.model import Annotation, Judgment
from annotator.store.database import Database
from annotator.store.repository import ConflictError, Repository
from store_support import CHILD, FINGERPRINT, child_env, record_agreement

Make = Callable[..., Annotation]


def test_a_stale_edit_is_refused_and_nothing_is_lost(db_url: str, repo: Repository, make_annotation: Make) -> None:
    other_db = Database.open(db_url)
    other = Repository(other_db)
    try:
        mine = repo.add(make_annotation(comment=""))
        theirs = other.get(mine.id)
        assert theirs == mine

        saved = repo.save(mine.changed(judgment=Judgment.CONCERN))
        with pytest.raises(ConflictError) as raised:
            other.save(theirs.changed(comment="Zie ook art. 3 EVRM."))  # type: ignore[union-attr]
        assert (raised.value.expected_revision, raised.value.stored_revision) == (1, 2)
        assert other.get(mine.id) == saved

        # The other reviewer reloads and re-applies their edit: both edits are now in the database.
        fresh = other.get(mine.id)
        assert fresh is not None
        both = other.save(fresh.changed(comment="Zie ook art. 3 EVRM."))
        back = repo.get(mine.id)
        assert back == both and back.judgment is Judgment.CONCERN and back.comment == "Zie ook art. 3 EVRM."

        with pytest.raises(ConflictError):
            repo.delete(mine.id, expected_revision=saved.revision)
        with pytest.raises(ConflictError):
            repo.restore(mine, expected_revision=saved.revision)
        assert repo.get(mine.id) == both
    finally:
        other_db.close()


def test_another_programs_changes_show_in_the_change_token(
    db_url: str, repo: Repository, make_annotation: Make
) -> None:
    other_db = Database.open(db_url)
    other = Repository(other_db)
    try:
        token = repo.change_token(FINGERPRINT)
        assert repo.changed_since(FINGERPRINT, token) is None
        added = other.add(make_annotation())
        after_add = repo.changed_since(FINGERPRINT, token)
        assert after_add is not None
        other.delete(added.id, expected_revision=1)
        after_delete = repo.changed_since(FINGERPRINT, after_add)
        assert after_delete is not None
        assert repo.changed_since(FINGERPRINT, after_delete) is None
    finally:
        other_db.close()


def test_two_processes_share_one_database(
    db_url: str, db: Database, repo: Repository, make_annotation: Make, tmp_path: Path
) -> None:
    count = 40
    shared = repo.add(make_annotation(comment=""))
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, str(CHILD), db_url, "race", me, other, str(count), shared.id, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        for me, other in (("anna", "bram"), ("bram", "anna"))
    ]
    try:
        for child in children:
            assert child.stdout is not None and child.stderr is not None
            first = child.stdout.readline().strip()
            assert first == "ready", child.stderr.read() if child.poll() is not None else first
        go.touch()  # both are open: start writing at the same moment
        outputs = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
        assert out.split()[:2] == ["saw", str(count)], out

    everything = repo.annotations(FINGERPRINT)
    assert sorted(a.author for a in everything).count("anna") == count
    assert sorted(a.author for a in everything).count("bram") == count
    final = repo.get(shared.id)
    assert final is not None and final.revision == 1 + 2 * count
    tokens = set(final.comment.rstrip(";").split(";"))
    assert tokens == {f"{who}-{n}" for who in ("anna", "bram") for n in range(count)}  # no edit was lost
    if db_url.startswith("sqlite"):
        assert db.integrity_check() == ["ok"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_process_loses_none_of_its_committed_edits(sqlite_url: str) -> None:
    with Database.open(sqlite_url) as db:
        record_agreement(Repository(db))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), sqlite_url, "add-forever", "anna", FINGERPRINT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
    )
    assert child.stdout is not None
    printed: list[str] = []
    deadline = time.monotonic() + 60
    try:
        while len(printed) < 300 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            printed.append(line.decode().strip())
        os.kill(child.pid, signal.SIGKILL)
        rest, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL, err.decode()
    assert len(printed) >= 300, err.decode()
    # Lines that were printed in full before the kill; a cut-off last line tells us nothing.
    printed += [line for line in rest.decode().split("\n")[:-1] if line]

    with Database.open(sqlite_url) as db:
        stored = {a.id for a in Repository(db).annotations(FINGERPRINT)}
        assert db.integrity_check() == ["ok"]
    assert set(printed) <= stored
    assert len(stored) - len(printed) <= 1  # at most the one committed just before its id could be printed
