#!/usr/bin/env python3
"""Attack the real command line the way a hostile world would, and print what happened as a Markdown table.

Every input is built here, from a seed, so a run can be repeated: byte mutations of PDFs built with PyMuPDF and of
tests/data/coalitieakkoord-2021-2025.pdf, hand-made hostile PDFs, malformed W3C JSON-LD, crafted and damaged
databases, files that are pipes, folders, devices and links, page labels that a spreadsheet would run as formulas,
SIGKILL in the middle of an import or a merge, a full disk, and (with --pg) a PostgreSQL server that goes away.
Each command is ``python -m annotator ...`` in a process of its own, with a wall-clock limit and a watch on the
memory of its whole process tree (RSS, sampled every 0.2 s).

Each tried command lands in one of these columns:

- clean error: exit code 1, one line ``error: ...`` naming the file, no traceback;
- accepted: exit code 0, and what it wrote still works afterwards (compile, export, info, ...);
- unclear error: exit code 1 or 2, but not one line, or without the file's name;
- wrong result: accepted, but a later command fails cleanly or the output is wrong (an unescaped CSV formula);
- traceback: a Python traceback, or the process died of a signal (also in a later command);
- hang: the wall-clock limit was reached (or the memory cap, 4 GB, at which the tree is killed);
and may in addition be counted as
- runaway: the process tree's RSS went over 1.5 GB;
- half-done: the command failed but the database changed (all rows compared), or it left files behind; after a
  SIGKILL: the database is damaged or holds part of the import or merge.

Run it with the project's virtualenv (its python runs the commands):

    .venv/bin/python scripts/attack.py --quick              # about 5 minutes, for a look
    .venv/bin/python scripts/attack.py                      # the whole campaign, under 30 minutes on 2 cores
    .venv/bin/python scripts/attack.py --kinds w3c,merge --seed 7 --keep /tmp/findings
    .venv/bin/python scripts/attack.py --pg postgresql+psycopg://postgres@127.0.0.1:54371/annotator_test

--pg URL must be a throwaway database: its public schema is dropped before each trial. To stop the server during
an import the script runs ``scripts/pg-temp.sh pause`` and ``resume`` with ANNOTATOR_TEST_PG_STATE and
ANNOTATOR_TEST_PG_PORT (default /tmp/pg-attack and 54371), so start that server with the same two variables.
The full-disk trials mount small tmpfs file systems and need root on Linux; without it they are left out.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import hashlib
import io
import json
import os
import random
import re
import shlex
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RUNAWAY_BYTES = int(1.5 * 2**30)
CAP_BYTES = 4 * 2**30  # the tree is killed here, so that a runaway does not take the shared machine down
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
KINDS = ("pdf-mutated", "pdf-hostile", "w3c", "merge", "csv", "sigkill", "fulldisk", "pg")
COLUMNS = ("clean", "accepted", "unclear", "wrong", "traceback", "hang")
CONTEXT = "http://www.w3.org/ns/anno.jsonld"


# --- running one command, with a time limit and a memory watch --------------------------------------------------


try:  # psutil where the virtualenv has it, else /proc
    import psutil  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - depends on the environment
    psutil = None


def _processes() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, session id) of every process."""
    found: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stream:
                text = stream.read()
        except OSError:
            continue
        fields = text[text.rfind(b")") + 2:].split()
        found[int(entry.name)] = (int(fields[1]), int(fields[3]))
    return found


def tree(root: int) -> set[int]:
    """The pids of ``root``, its descendants and everything in the session it leads (alive now)."""
    if psutil is not None:
        pids: set[int] = set()
        with contextlib.suppress(psutil.Error):
            top = psutil.Process(root)
            pids = {top.pid, *(child.pid for child in top.children(recursive=True))}
        for process in psutil.process_iter(["pid"]):
            with contextlib.suppress(psutil.Error, AttributeError):
                if os.getsid(process.pid) == root:
                    pids.add(process.pid)
        return pids
    table = _processes()
    pids = {pid for pid, (_, session) in table.items() if session == root}
    if root in table:
        pids.add(root)
    grew = True
    while grew:
        grew = False
        for pid, (parent, _) in table.items():
            if parent in pids and pid not in pids:
                pids.add(pid)
                grew = True
    return pids


def rss(pids: Iterable[int]) -> int:
    total = 0
    for pid in pids:
        try:
            if psutil is not None:
                total += psutil.Process(pid).memory_info().rss
            else:
                with open(f"/proc/{pid}/statm", "rb") as stream:
                    total += int(stream.read().split()[1]) * PAGE_BYTES
        except (OSError, ValueError, IndexError, AttributeError):
            continue
        except Exception:  # noqa: BLE001 - psutil.Error: the process went away
            continue
    return total


def kill_all(pids: Iterable[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


@dataclass
class Run:
    argv: list[str]
    rc: int | None
    out: str
    err: str
    seconds: float
    peak: int
    timed_out: bool = False
    capped: bool = False
    killed: bool = False  # by us, on purpose (the SIGKILL trials)
    lingering: int = 0  # processes of its tree still alive 3 s after it ended

    @property
    def text(self) -> str:
        return self.out + "\n" + self.err

    @property
    def crashed(self) -> bool:
        return "Traceback (most recent call last)" in self.text or (
            self.rc is not None and self.rc not in (0, 1, 2) and not self.killed)

    def last_line(self) -> str:
        lines = [line for line in self.err.splitlines() if line.strip()] or \
            [line for line in self.out.splitlines() if line.strip()]
        return lines[-1][:300] if lines else f"(no output, exit code {self.rc})"

    def summary(self) -> str:
        state = ("timed out" if self.timed_out else "killed at the memory cap" if self.capped else
                 "killed by SIGKILL" if self.killed else f"exit code {self.rc}")
        return f"{state}, {self.seconds:.1f} s, peak {self.peak / 2**20:.0f} MB"


class Runner:
    """Runs ``python -m annotator`` in the tree under attack, in an environment of its own."""

    def __init__(self, python: str, tree_dir: Path, home: Path, timeout: float) -> None:
        self.python, self.tree, self.timeout = python, tree_dir, timeout
        self.env = {key: value for key, value in os.environ.items()
                    if not key.startswith(("ANNOTATOR_", "PG", "XDG_", "QT_"))}
        self.env.update({
            "PYTHONPATH": str(tree_dir), "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
            "ANNOTATOR_DATA_DIR": str(home / "annotator"), "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "LC_ALL": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
        })
        for folder in ("data", "config", "cache", "annotator"):
            (home / folder).mkdir(parents=True, exist_ok=True)

    def command(self, argv: Sequence[object]) -> list[str]:
        return [self.python, "-m", "annotator", *map(str, argv)]

    def run(self, argv: Sequence[object], *, timeout: float | None = None, kill_after: float | None = None,
            before_kill: Callable[[], None] | None = None) -> Run:
        """Run ``annotator ARGV``; ``kill_after`` seconds: SIGKILL its main process then (as kill -9 or the OOM
        killer would), leaving any PDF process to end by itself."""
        command = self.command(argv)
        limit = self.timeout if timeout is None else timeout
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.monotonic()
            process = subprocess.Popen(command, cwd=self.tree, env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                                       stderr=err, start_new_session=True)
            peak, timed_out, capped, killed = 0, False, False, False
            while True:
                pids = tree(process.pid)
                peak = max(peak, rss(pids))
                elapsed = time.monotonic() - started
                if peak > CAP_BYTES:
                    capped = True
                    kill_all(pids)
                elif elapsed > limit:
                    timed_out = True
                    kill_all(pids)
                elif kill_after is not None and elapsed >= kill_after and not killed:
                    if before_kill is not None:
                        before_kill()
                    killed = True
                    with contextlib.suppress(OSError):
                        os.kill(process.pid, signal.SIGKILL)
                try:
                    process.wait(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    continue
            seconds = time.monotonic() - started
            lingering = 0
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                left = tree(process.pid) - {process.pid}
                if not left:
                    break
                time.sleep(0.1)
            else:
                left = tree(process.pid) - {process.pid}
                lingering = len(left)
                kill_all(left)
            texts = []
            for stream in (out, err):
                stream.seek(0, os.SEEK_END)
                size = stream.tell()
                stream.seek(max(0, size - 200_000))
                texts.append(stream.read().decode("utf-8", "replace"))
        return Run(command, process.returncode, texts[0], texts[1], seconds, peak, timed_out, capped, killed,
                   lingering)


# --- what a database holds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Digest:
    exists: bool
    sha: str  # of the main file's bytes
    content: str  # of every row of every table
    counts: tuple[tuple[str, int], ...]
    integrity: str

    def count(self, table: str) -> int:
        return dict(self.counts).get(table, -1)


def sqlite_digest(path: Path, *, in_place: bool = False) -> Digest:
    """What the SQLite file at ``path`` holds. Read from a copy (with its -wal), so that nothing is created beside
    the file; ``in_place`` opens the file itself, as the next program would (recovering a hot journal or log)."""
    if not path.exists() or not path.is_file():
        return Digest(False, "", "", (), "missing")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    with tempfile.TemporaryDirectory(prefix="attack-digest-") as scratch:
        target = path
        if not in_place:
            target = Path(scratch) / "copy.sqlite"
            shutil.copyfile(path, target)
            for suffix in ("-wal", "-journal"):
                side = Path(str(path) + suffix)
                if side.exists():
                    shutil.copyfile(side, Path(str(target) + suffix))
        try:
            connection = sqlite3.connect(target, timeout=10)
        except sqlite3.Error as error:
            return Digest(True, sha, f"unreadable: {error}", (), f"cannot open: {error}")
        try:
            integrity = ", ".join(row[0] for row in connection.execute("PRAGMA integrity_check").fetchall())
            content = hashlib.sha256()
            counts = []
            tables = [row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            for table in tables:
                rows = sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"'))
                counts.append((table, len(rows)))
                content.update(table.encode() + b"\0" + "\n".join(rows).encode("utf-8", "surrogatepass"))
            return Digest(True, sha, content.hexdigest(), tuple(counts), integrity)
        except sqlite3.Error as error:
            return Digest(True, sha, f"unreadable: {error}", (), f"error: {error}")
        finally:
            connection.close()


_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def sqlite_sane(path: Path) -> str | None:
    """What is wrong with the rows of a database a command accepted input into (read from a copy), or None: pages
    outside their document, two live themes of one title, text the letter cannot print, boxes that are not finite,
    a theme that is not there."""
    with tempfile.TemporaryDirectory(prefix="attack-sane-") as scratch:
        target = Path(scratch) / "copy.sqlite"
        shutil.copyfile(path, target)
        if Path(str(path) + "-wal").exists():
            shutil.copyfile(str(path) + "-wal", str(target) + "-wal")
        connection = sqlite3.connect(target)
        connection.text_factory = bytes
        try:
            bad = connection.execute(
                "SELECT count(*), min(a.page), max(a.page) FROM annotations a JOIN documents d "
                "ON a.document = d.fingerprint WHERE a.page IS NOT NULL AND (a.page < 0 OR a.page >= d.page_count)"
            ).fetchone()
            if bad[0]:
                return f"{bad[0]} annotations stored on pages outside their document (pages {bad[1]}..{bad[2]}, from 0)"
            twins = connection.execute("SELECT count(*) FROM (SELECT title FROM themes WHERE deleted = 0 "
                                       "GROUP BY title HAVING count(*) > 1)").fetchone()[0]
            if twins:
                return f"{twins} theme titles stored twice"
            lost = connection.execute("SELECT count(*) FROM annotations WHERE theme_id IS NOT NULL AND theme_id "
                                      "NOT IN (SELECT id FROM themes)").fetchone()[0]
            if lost:
                return f"{lost} annotations refer to a theme that is not there"
            for table, columns in (("annotations", ("comment", "exact", "author", "sources")),
                                   ("themes", ("title",)), ("annotation_refs", ("ref",)),
                                   ("documents", ("page_labels", "title")), ("letter_settings", ("value",))):
                for column in columns:
                    for (value,) in connection.execute(f'SELECT "{column}" FROM {table}'):
                        if value is None:
                            continue
                        if not isinstance(value, bytes):
                            return f"{table}.{column} holds a {type(value).__name__}, not text"
                        try:
                            text = value.decode("utf-8")
                        except UnicodeDecodeError:
                            return f"{table}.{column} holds bytes that are no UTF-8: {value[:40]!r}"
                        found = _UNSTORABLE.search(text)
                        if found:
                            return f"{table}.{column} holds U+{ord(found.group()):04X}: {text[:60]!r}"
                        if column == "ref" and len(text) > 300:
                            return f"a reference of {len(text):,} characters is stored"
            for (quads,) in connection.execute("SELECT quads FROM annotations WHERE quads IS NOT NULL"):
                try:
                    numbers = re.findall(rb"[-+0-9.eE]+|Infinity|NaN", quads)
                    if any(not -1e5 < float(number) < 1e5 for number in numbers):
                        return f"a highlight box that is not finite or far off its page: {quads[:80]!r}"
                except ValueError:
                    return f"a highlight box that is no list of numbers: {quads[:80]!r}"
        except sqlite3.Error as error:
            return f"the database cannot be read: {error}"
        finally:
            connection.close()
    return None


def listing(folder: Path) -> set[str]:
    try:
        return {entry.name for entry in os.scandir(folder)}
    except OSError:
        return set()


# --- trials and their outcome ------------------------------------------------------------------------------------


@dataclass
class Trial:
    row: str
    case: str
    category: str
    reason: str
    flags: set[str] = field(default_factory=set)
    runs: list[Run] = field(default_factory=list)
    folder: Path | None = None
    notes: list[str] = field(default_factory=list)
    before: tuple[Path, Path] | None = None  # (database, a copy of it from before the command), with --keep

    @property
    def finding(self) -> bool:
        return self.category not in ("clean", "accepted") or bool(self.flags & {"runaway", "half-done"})

    @property
    def seconds(self) -> float:
        return max((run.seconds for run in self.runs[:1]), default=0.0)

    @property
    def peak(self) -> int:
        return max((run.peak for run in self.runs), default=0)


@dataclass
class Follow:
    """A command run after an accepted one, to see that what it wrote still works."""

    label: str
    argv: list[object]
    check: Callable[[Run], str | None] | None = None
    timeout: float | None = None


def names_in(message: str, names: Sequence[object]) -> bool:
    for name in names:
        text = str(name)
        if text and (text in message or os.path.basename(text) in message):
            return True
    return False


def judge_error(run: Run, names: Sequence[object]) -> tuple[str, str]:
    """(category, reason) of a command that ended with exit code 1 or 2."""
    lines = [line for line in run.err.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    other = [line for line in lines if not line.startswith(("error: ", "warning: ", "progress ", "note: ",
                                                            "compiling the letter"))]
    if run.rc == 2:
        return "unclear", f"usage error: {run.last_line()}"
    if len(errors) != 1:
        return "unclear", f"{len(errors)} error lines: {run.last_line()}"
    if other:
        return "unclear", f"more than the error line: {other[0][:200]}"
    if names and not names_in(errors[0], names):
        return "unclear", f"the error does not name {os.path.basename(str(names[0]))}: {errors[0][:300]}"
    return "clean", errors[0][:300]


class Campaign:
    def __init__(self, args: argparse.Namespace, runner: Runner, work: Path) -> None:
        self.args, self.runner, self.work = args, runner, work
        self.quick: bool = args.quick
        self.seed: int = args.seed
        self.keep: Path | None = args.keep
        self.trials: list[Trial] = []
        self.lock = threading.Lock()
        self._fixtures: dict[str, Any] = {}
        self._fixture_locks: dict[str, threading.Lock] = {}
        self.agreement = runner.tree / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"
        self.mounts: list[Path] = []
        self.skipped: list[str] = []
        self.kept = 0

    # fixtures built once, on first use, whatever thread asks first
    def fixture(self, name: str, build: Callable[[], Any]) -> Any:
        with self.lock:
            lock = self._fixture_locks.setdefault(name, threading.Lock())
        with lock:
            if name not in self._fixtures:
                self._fixtures[name] = build()
            return self._fixtures[name]

    def rng(self, *key: object) -> random.Random:
        return random.Random(":".join(map(str, (self.seed, *key))))

    def case_dir(self, name: str) -> Path:
        folder = self.work / "cases" / re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:80]
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def attempt(self, row: str, case: str, argv: Sequence[object], *, names: Sequence[object],
                db: Path | None = None, follow: Sequence[Follow] = (), check: Callable[[Run], str | None] | None =
                None, watch: Sequence[Path] = (), ignore: Callable[[str], bool] | None = None,
                folder: Path | None = None, timeout: float | None = None, sane: Path | None = None) -> Trial:
        """Run one command on a hostile input and judge it; record the trial."""
        before = sqlite_digest(db) if db is not None else None
        # a database that already breaks a rule is not blamed on this command
        sane_before = sqlite_sane(sane) if sane is not None and sane.is_file() else None
        seen = {path: listing(path) for path in watch}
        pristine = None
        if self.keep is not None and db is not None and db.is_file():
            pristine = Path(tempfile.mkstemp(prefix="attack-before-", suffix=".sqlite")[1])
            shutil.copyfile(db, pristine)
        run = self.runner.run(argv, timeout=timeout)
        trial = Trial(row, case, "clean", "", runs=[run], folder=folder)
        trial.before = (db, pristine) if pristine is not None else None
        if sane is not None and sane_before is None and run.rc == 0 and not (run.timed_out or run.capped or
                                                                               run.crashed):
            problem = sqlite_sane(sane)
            if problem:
                check = (lambda run, problem=problem: f"accepted, and now {problem}")
        self._judge(trial, run, names, follow, check)
        failed = run.rc != 0 or run.timed_out or run.capped
        if failed and db is not None and before is not None:
            after = sqlite_digest(db)
            if after.content != before.content or after.exists != before.exists:
                trial.flags.add("half-done")
                trial.notes.append(f"the database changed although the command failed "
                                   f"({dict(before.counts)} -> {dict(after.counts)})")
            elif after.sha != before.sha:
                trial.flags.add("touched")
                trial.notes.append("the database file's bytes changed (not its rows) although the command failed")
        if failed and not (run.timed_out or run.capped):  # what a killed command leaves is ours, not its
            for path in watch:
                new = sorted(name for name in listing(path) - seen[path] if not (ignore and ignore(name)))
                if new:
                    trial.flags.add("half-done")
                    trial.notes.append(f"left behind in {path.name}/: {', '.join(new)}")
        if run.lingering:
            trial.notes.append(f"{run.lingering} process(es) of its tree still ran 3 s after it ended")
        self.record(trial)
        return trial

    def _judge(self, trial: Trial, run: Run, names: Sequence[object], follow: Sequence[Follow],
               check: Callable[[Run], str | None] | None) -> None:
        if run.peak > RUNAWAY_BYTES:
            trial.flags.add("runaway")
        if run.timed_out or run.capped:
            trial.category, trial.reason = "hang", run.summary()
            return
        if run.crashed:
            trial.category, trial.reason = "traceback", run.last_line()
            return
        if run.rc != 0:
            trial.category, trial.reason = judge_error(run, names)
            return
        problem = check(run) if check else None
        if problem:
            trial.category, trial.reason = "wrong", problem
            return
        for step in follow:
            later = self.runner.run(step.argv, timeout=step.timeout)
            trial.runs.append(later)
            if later.peak > RUNAWAY_BYTES:
                trial.flags.add("runaway")
            if later.timed_out or later.capped:
                trial.category, trial.reason = "hang", f"accepted, then `{step.label}` {later.summary()}"
                return
            if later.crashed:
                trial.category, trial.reason = "traceback", f"accepted, then `{step.label}`: {later.last_line()}"
                return
            if later.rc != 0:
                trial.category, trial.reason = "wrong", f"accepted, then `{step.label}` failed: {later.last_line()}"
                return
            problem = step.check(later) if step.check else None
            if problem:
                trial.category, trial.reason = "wrong", f"accepted, then `{step.label}`: {problem}"
                return
        trial.category, trial.reason = "accepted", run.last_line() if run.out or run.err else "exit code 0"

    def record(self, trial: Trial) -> None:
        with self.lock:
            self.trials.append(trial)
            number = len(self.trials)
        mark = "!" if trial.finding else "."
        if self.args.verbose or trial.finding:
            print(f"{mark} [{number}] {trial.row} | {trial.case}: {trial.category} {sorted(trial.flags) or ''} "
                  f"{trial.reason[:160]}", file=sys.stderr, flush=True)
        if trial.finding and self.keep is not None:
            self.keep_trial(trial)
        elif trial.before is not None:
            trial.before[1].unlink(missing_ok=True)

    def keep_trial(self, trial: Trial) -> None:
        with self.lock:
            self.kept += 1
            number = self.kept
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{number:03d}-{trial.category}-{trial.row}-{trial.case}")[:120]
        assert self.keep is not None
        target = self.keep / name
        target.mkdir(parents=True, exist_ok=True)
        notes: list[str] = []
        source = trial.folder
        if source is not None and source.exists():
            copy_tree(source, target / "case", notes)
        if trial.before is not None:
            db, pristine = trial.before
            with contextlib.suppress(ValueError, OSError):
                inside = target / "case" / db.relative_to(source) if source is not None else None
                if inside is not None and inside.exists():
                    os.replace(inside, str(inside) + ".after")
                    shutil.copyfile(pristine, inside)
                    notes.append(f"{inside.name} is the database before the command, {inside.name}.after after it")
            pristine.unlink(missing_ok=True)
        lines = [f"# {trial.row}: {trial.case}", f"# outcome: {trial.category} {sorted(trial.flags)}",
                 f"# {trial.reason}", *[f"# {note}" for note in trial.notes + notes],
                 "# CASE is the folder case/ beside this file: the inputs, and what the commands wrote",
                 f"# TREE is the checkout attacked: {self.runner.tree}", "CASE=\"$(dirname \"$0\")/case\"",
                 f"TREE={shlex.quote(str(self.runner.tree))}", "cd \"$TREE\""]
        for run in trial.runs:
            lines.append(_shell(run.argv, source))
        (target / "command.sh").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for index, run in enumerate(trial.runs, 1):
            (target / f"run{index}.txt").write_text(
                f"$ {' '.join(map(shlex.quote, run.argv))}\n# {run.summary()}\n--- stdout ---\n{run.out}\n"
                f"--- stderr ---\n{run.err}\n", encoding="utf-8")


def _shell(argv: Sequence[str], source: Path | None) -> str:
    """A command line for command.sh, with the case folder as "$CASE"."""
    parts = [shlex.quote(argv[0]), "-m", "annotator"]
    for arg in argv[3:]:
        if source is not None and arg.startswith(str(source)):
            parts.append('"$CASE"' + shlex.quote(arg[len(str(source)):]) if arg != str(source) else '"$CASE"')
        else:
            parts.append(shlex.quote(arg))
    return " ".join(parts)


def copy_tree(source: Path, target: Path, notes: list[str]) -> None:
    """Copy a case folder, keeping links as links and describing pipes and devices instead of reading them."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(source):
        path, into = Path(entry.path), target / entry.name
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            with contextlib.suppress(OSError):
                os.symlink(os.readlink(path), into)
            notes.append(f"{entry.name} is a symbolic link to {os.readlink(path)}")
        elif stat.S_ISDIR(info.st_mode):
            copy_tree(path, into, notes)
        elif stat.S_ISREG(info.st_mode):
            if info.st_nlink > 1:
                notes.append(f"{entry.name} is a hard link ({info.st_nlink} names)")
            shutil.copyfile(path, into)
        elif stat.S_ISFIFO(info.st_mode):
            notes.append(f"{entry.name} is a named pipe: mkfifo \"$CASE/{entry.name}\"")
        else:
            notes.append(f"{entry.name} is a special file (mode {oct(info.st_mode)})")


# --- inputs: PDFs ------------------------------------------------------------------------------------------------


def _fitz() -> Any:
    import fitz  # PyMuPDF, from the virtualenv

    return fitz


SENTENCES = [
    "Vreemdelingendetentie van kinderen wordt zoveel mogelijk voorkomen en nooit langer dan nodig.",
    "Wij versterken het recht op gezinshereniging voor nareizigers binnen drie maanden.",
    "Gemeenten krijgen de middelen om dakloosheid onder jongeren uiterlijk in 2030 te beëindigen.",
    "De Wet op de inlichtingen- en veiligheidsdiensten wordt herzien met meer toezicht vooraf.",
    "Discriminatie op de arbeidsmarkt bestrijden we met anonieme sollicitaties en controles.",
    "Het recht op een eerlijk proces vraagt om voldoende gesubsidieerde rechtsbijstand.",
]


def build_small_pdfs(folder: Path) -> dict[str, Path]:
    """Three small PDFs in three shapes: plain objects with a cross-reference table, compressed object streams, and
    an incremental update; with text, highlights and notes, an outline and page labels."""
    fitz = _fitz()
    folder.mkdir(parents=True, exist_ok=True)

    def content() -> Any:
        doc = fitz.open()
        for number in range(3):
            page = doc.new_page(width=420, height=595)
            for line, sentence in enumerate(SENTENCES[number * 2:number * 2 + 2]):
                page.insert_text((40, 80 + 40 * line), sentence, fontsize=8)
            annot = page.add_highlight_annot(fitz.Rect(38, 70, 300, 84))
            annot.set_info(content=f"Zorgelijk, zie art. {number + 3} EVRM", title="Bert Visser")
            annot.update()
        doc.set_toc([[1, "Migratie", 1], [1, "Wonen", 2], [2, "Privacy", 3]])
        doc.set_page_labels([{"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1},
                             {"startpage": 1, "prefix": "", "style": "D", "firstpagenum": 1}])
        doc.set_metadata({"title": "Proefakkoord"})
        return doc

    paths = {"plain": folder / "plain.pdf", "objstm": folder / "objstm.pdf", "incremental": folder / "incr.pdf"}
    with content() as doc:
        paths["plain"].write_bytes(doc.tobytes(garbage=0, deflate=False, no_new_id=True))
    with content() as doc:
        paths["objstm"].write_bytes(doc.tobytes(garbage=3, deflate=True, use_objstms=1, no_new_id=True))
    with content() as doc:
        doc.save(paths["incremental"], garbage=0, deflate=False, no_new_id=True)
    with fitz.open(paths["incremental"]) as doc:
        page = doc[1]
        page.insert_text((40, 300), "Een latere toevoeging over het recht op huisvesting.", fontsize=8)
        annot = page.add_text_annot((300, 300), "Later toegevoegd")
        annot.update()
        doc.saveIncr()
    return paths


def review_for(pdf: Path, out: Path, *, count: int = 6, prefix: str = "a") -> Path:
    """A W3C file with ``count`` annotations quoting the PDF's own text, with themes, references and comments."""
    fitz = _fitz()
    items = []
    with fitz.open(pdf) as doc:
        pages = [number for number in range(doc.page_count) if len(doc[number].get_text("words")) >= 8]
        for index in range(count):
            number = pages[(index * 7) % len(pages)]
            words = [word[4] for word in doc[number].get_text("words")]
            start = (index * 5) % max(1, len(words) - 8)
            quote = " ".join(words[start:start + 6])
            items.append(w3c_item(f"{prefix}{index}", quote, number + 1, theme=["Gezin", "Asiel", "Wonen"][index % 3],
                                  reference=["echr:8", "crc:3", "refugee:33"][index % 3]))
    out.write_text(json.dumps({"@context": CONTEXT, "type": "AnnotationCollection", "items": items},
                              ensure_ascii=False), encoding="utf-8")
    return out


def uuid_for(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"urn:uuid:{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-8{digest[17:20]}-{digest[20:32]}"


def w3c_item(key: str, quote: str | None, page: int, *, theme: str | None = "Gezin", reference: str = "echr:8",
             viewrect: str | None = None, comment: str = "Zie de uitspraak van het Hof.", author: str = "Sanne",
             judgment: str = "concern") -> dict[str, Any]:
    selectors: list[dict[str, Any]] = []
    if quote is not None:
        selectors.append({"type": "TextQuoteSelector", "exact": quote, "prefix": "", "suffix": ""})
    fragment = f"page={page}" + (f"&viewrect={viewrect}" if viewrect else "")
    selectors.append({"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
                      "value": fragment})
    body = [{"type": "TextualBody", "purpose": "assessing", "value": judgment},
            {"type": "TextualBody", "purpose": "classifying", "value": reference},
            {"type": "TextualBody", "purpose": "commenting", "value": comment},
            {"type": "TextualBody", "purpose": "linking", "value": "https://example.org/bron"}]
    if theme is not None:
        body.insert(1, {"type": "TextualBody", "purpose": "tagging", "value": theme})
    return {"@context": CONTEXT, "id": uuid_for(key), "type": "Annotation",
            "created": "2024-02-01T10:00:00+01:00", "modified": "2024-02-01T11:00:00Z",
            "creator": {"type": "Person", "name": author}, "body": body,
            "target": {"selector": selectors}}


def _pdf_objects(*objects: bytes) -> bytes:
    catalog = b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    return b"%PDF-1.4\n" + catalog + b"".join(objects) + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def build_hostile_pdfs(folder: Path, tree_dir: Path) -> dict[str, Path]:
    """The hand-made hostile PDFs (as tests/pdf/test_hostile_pdfs.py builds them), the damaged files of tests/data,
    and files named .pdf that are no PDF, no file, or endless."""
    fitz = _fitz()
    folder.mkdir(parents=True, exist_ok=True)
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    many = b" ".join(b"3 0 R" for _ in range(100_000))
    deep = b"[" * 100_000 + b"]" * 100_000
    files: dict[str, bytes] = {
        "a /Kids loop": _pdf_objects(b"2 0 obj << /Type /Pages /Kids [4 0 R] /Count 1 >> endobj\n",
                                     b"4 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >> endobj\n"),
        "/Count -1": _pdf_objects(b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count -1 >> endobj\n",
                                  b"3 0 obj " + page + b" endobj\n"),
        "/Count 2147483647": _pdf_objects(b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 2147483647 >> endobj\n",
                                          b"3 0 obj " + page + b" endobj\n"),
        "100,000 /Kids to one page": _pdf_objects(
            b"2 0 obj << /Type /Pages /Kids [" + many + b"] /Count 100000 >> endobj\n",
            b"3 0 obj " + page + b" endobj\n"),
        "/Annots nested 100,000 deep": _pdf_objects(
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots " + deep + b" >> endobj\n"),
        "not a PDF (text)": b"Dit is geen PDF maar een boodschappenlijst.\n" * 20,
        "not a PDF (random bytes)": random.Random(11).randbytes(40_000),
        "empty file": b"",
        "only the header": b"%PDF-1.7\n",
    }
    paths: dict[str, Path] = {}
    for index, (name, data) in enumerate(files.items()):
        path = folder / f"hostile{index:02d}.pdf"
        path.write_bytes(data)
        paths[name] = path
    tall = folder / "tall.pdf"
    with fitz.open() as doc:
        doc.new_page(width=3, height=14_000).insert_text((0, 100), "x", fontsize=2)
        doc.save(tall)
    tall.write_bytes(tall.read_bytes().replace(b"14000", b"100000"))
    paths["a page 3 x 100,000 pt"] = tall
    secret = folder / "secret.pdf"
    with fitz.open() as doc:
        doc.new_page().insert_text((72, 72), "Vertrouwelijk: vreemdelingendetentie")
        doc.save(secret, encryption=fitz.PDF_ENCRYPT_AES_256, user_pw="geheim", owner_pw="eigenaar")
    data = secret.read_bytes()
    secret.write_bytes(data[:data.rfind(b"trailer")])
    paths["encrypted, trailer cut"] = secret
    for name in ("notpdf-jpeg-image.pdf", "qpdf-empty.pdf", "qpdf-issue-202.pdf",
                 "pypdf-libreoffice-writer-password.pdf"):
        source = tree_dir / "tests" / "data" / name
        if source.exists():
            paths[f"tests/data/{name}"] = source
    return paths


def special_files(folder: Path, stem: str, suffix: str) -> dict[str, Path]:
    """Names that are no regular file: a named pipe, a folder, a link to /dev/zero, a missing file."""
    folder.mkdir(parents=True, exist_ok=True)
    pipe, directory, zero, missing = (folder / f"{stem}-{what}{suffix}"
                                      for what in ("pipe", "folder", "zero", "missing"))
    for path in (pipe, directory, zero):
        if path.is_symlink() or path.exists():
            (shutil.rmtree if path.is_dir() and not path.is_symlink() else os.unlink)(path)
    os.mkfifo(pipe)
    directory.mkdir()
    zero.symlink_to("/dev/zero")
    return {"a named pipe": pipe, "a folder": directory, "a link to /dev/zero": zero, "a missing file": missing}


_NUMBER_SPOTS = [
    (rb"/Count\s+(-?\d+)", "/Count"), (rb"/Length\s+(\d+)", "/Length"), (rb"startxref\s+(\d+)", "startxref"),
    (rb"(?m)^(\d{10}) \d{5} [nf]", "xref offset"), (rb"/Size\s+(\d+)", "/Size"), (rb"(\d+) 0 R", "reference"),
    (rb"/First\s+(\d+)", "/First"), (rb"/N\s+(\d+)", "/N"), (rb"/W\s*\[\s*(\d+)", "/W"),
    (rb"/MediaBox\s*\[\s*(-?\d+)", "/MediaBox"),
]


def mutate_pdf(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """1-4 seeded mutations: flip, insert, delete, truncate, duplicate a range, or replace a number in /Count, /Kids,
    /Length, the cross-reference offsets and the like."""
    out = bytearray(data)
    done: list[str] = []
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        size = len(out)
        if size == 0:
            break
        at = rng.randrange(size)
        if choice < 0.15:
            for _ in range(rng.randint(1, 8)):
                spot = rng.randrange(size)
                out[spot] ^= 1 << rng.randrange(8)
            done.append(f"flipped bits near {at}")
        elif choice < 0.25:
            chunk = rng.choice([b"0", b"-1", b" 0 R", b"[", b"]", b"<<", b">>", b"/Kids", b"endobj", b"stream\n",
                                b"9999999999", b"(", b"\\", rng.randbytes(rng.randint(1, 32))])
            out[at:at] = chunk
            done.append(f"inserted {chunk[:12]!r} at {at}")
        elif choice < 0.35:
            length = rng.randint(1, 256)
            del out[at:at + length]
            done.append(f"deleted {length} bytes at {at}")
        elif choice < 0.42:
            cut = rng.randrange(max(1, size // 4), size)
            del out[cut:]
            done.append(f"truncated to {cut} bytes")
        elif choice < 0.50:
            length = rng.randint(16, 4096)
            source = rng.randrange(size)
            out[at:at] = out[source:source + length]
            done.append(f"duplicated {length} bytes from {source} to {at}")
        elif choice < 0.58:
            kids = list(re.finditer(rb"/Kids\s*\[([^\]]*)\]", bytes(out)))
            if not kids:
                continue
            match = rng.choice(kids)
            refs = re.findall(rb"\d+ \d+ R", match.group(1)) or [b"3 0 R"]
            replacement = rng.choice([
                b"", refs[0] * 1 + b" " + refs[0], b" ".join([refs[0]] * rng.choice([2, 1000, 50_000])),
                b"2 0 R", b"1 0 R", b" ".join(reversed(refs)), b"[" + match.group(1) + b"]", b"null", b"99999 0 R",
            ])
            out[match.start(1):match.end(1)] = replacement
            done.append(f"/Kids [{replacement[:24]!r}...]")
        else:
            pattern, label = rng.choice(_NUMBER_SPOTS)
            spots = list(re.finditer(pattern, bytes(out)))
            if not spots:
                continue
            match = rng.choice(spots)
            old = int(match.group(1))
            new = rng.choice([b"0", b"-1", b"1", str(old + 1).encode(), str(max(0, old - 1)).encode(),
                              b"2147483647", b"2147483648", b"4294967296", b"99999999999999999999", b"9" * 400,
                              str(old * 1000).encode(), b"-2147483648", b"1e9", b"3.5"])
            if label == "xref offset":
                new = new.lstrip(b"-")[:10].rjust(10, b"0")
            out[match.start(1):match.end(1)] = new
            done.append(f"{label} {old} -> {new[:24].decode()}")
    return bytes(out), done


# --- inputs: W3C JSON-LD -----------------------------------------------------------------------------------------


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def hostile_w3c(campaign: Campaign, ours: dict[str, Any]) -> list[tuple[str, Any]]:
    """(name, content) of the hand-made hostile files: content is the file's text, or bytes, or a callable that
    makes the file at a given path."""
    quotes = campaign.fixture("agreement-quotes", lambda: agreement_quotes(campaign.agreement))
    q = quotes[0]

    def item(**changes: Any) -> dict[str, Any]:
        base = w3c_item("hostile-good", q[1], q[0], theme="Nieuw thema uit een vijandig bestand")
        base.update(changes)
        return base

    def good() -> dict[str, Any]:  # a valid first item with a new theme: nothing of it may stay when a later fails
        return w3c_item("hostile-first", quotes[1][1], quotes[1][0], theme="Thema van het eerste item")

    def two(bad: dict[str, Any]) -> str:
        bad = dict(bad)
        bad["id"] = uuid_for("hostile-second")
        return json.dumps([good(), bad], ensure_ascii=True)

    def body(value: str, purpose: str) -> dict[str, Any]:
        base = item()
        base["body"] = [entry for entry in base["body"] if entry["purpose"] != purpose] + [
            {"type": "TextualBody", "purpose": purpose, "value": value}]
        return base

    def fragment(value: str) -> dict[str, Any]:
        return item(target={"selector": [{"type": "TextQuoteSelector", "exact": q[1]},
                                         {"type": "FragmentSelector", "value": value}]})

    def area(value: str) -> dict[str, Any]:
        return item(target={"selector": {"type": "FragmentSelector", "value": value}})

    cases: list[tuple[str, Any]] = [
        ("100,000-deep nesting", _deep(100_000)),
        ("100,000-deep nesting inside an item", json.dumps([good()])[:-2] + ', "extra": ' + _deep(100_000) + "}]"),
        ("1,000-deep nesting", _deep(1_000)),
        ("an integer of 5,000 digits", json.dumps([good()])[:-2] + ', "extra": ' + "9" * 5000 + "}]"),
        ("an integer of 4,301 digits as a position",
         json.dumps([good(), item(target={"selector": [{"type": "TextQuoteSelector", "exact": q[1]},
                                                       {"type": "TextPositionSelector", "start": 0, "end": 7}]})])
         .replace('"end": 7', '"end": ' + "1" * 4301)),
        ("1e999 as a position", two(item(target={"selector": [{"type": "TextPositionSelector", "start": 0,
                                                               "end": 7}]})).replace('"end": 7', '"end": 1e999')),
        ("NaN as a position", two(item(target={"selector": [{"type": "TextPositionSelector", "start": 0,
                                                             "end": 7}]})).replace('"end": 7', '"end": NaN')),
        ("an integer of 2**70 as a position", two(item(target={"selector": [
            {"type": "TextPositionSelector", "start": 0, "end": 2**70}]}))),
    ]
    for page in ["²", "٣", "10^30", "1" + "0" * 30, "0", "-1", "51", "1000", "100001", "", "1.5", "+1", "0x10"]:
        cases.append((f"page={page}", two(fragment(f"page={page}"))))
    for name, value in [("created", "0001-01-01T00:00:00+05:00"), ("modified", "9999-12-31T23:30-05:00"),
                        ("created", "2024-02-30T10:00:00Z"), ("created", "gisteren"), ("created", "10000-01-01"),
                        ("modified", 20240201), ("created", "2024-02-01T10:00:00+99:00")]:
        cases.append((f"{name} {value!r}", two(item(**{name: value}))))
    for where in ("comment", "theme", "creator", "quote", "id", "key", "source"):
        bad = "a\ud800b"
        variants = {
            "comment": body(bad, "commenting"), "theme": body(bad, "tagging"), "creator": item(creator={"name": bad}),
            "quote": item(target={"selector": {"type": "TextQuoteSelector", "exact": bad}}),
            "id": item(id="https://example.org/" + bad), "key": item(**{bad: 1}), "source": body(bad, "linking"),
        }
        cases.append((f"a lone surrogate in the {where}", two(variants[where])))
    for char in ("\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\ufffe"):
        for where in ("comment", "theme", "creator"):
            bad = f"voor{char}na"
            variants = {"comment": body(bad, "commenting"), "theme": body(bad, "tagging"),
                        "creator": item(creator={"type": "Person", "name": bad})}
            cases.append((f"U+{ord(char):04X} in the {where}", two(variants[where])))
    for viewrect in ("0,0,inf,inf", "nan,0,10,10", "0,0,1e999,10", "0,0,Infinity,1", "-5,0,10,10", "0,0,0,10",
                     "0,0,20000,10", "1,2,3", "0,0,10,10,10"):
        cases.append((f"viewrect={viewrect}", two(area(f"page=5&viewrect={viewrect}"))))
    cases += [
        ("echr:P<5000 nines>-1", two(body("echr:P" + "9" * 5000 + "-1", "classifying"))),
        ("echr:<100,000 x>", two(body("echr:" + "x" * 100_000, "classifying"))),
        ("a reference with a NUL", two(body("echr:5\x00", "classifying"))),
        ("a 200 KB theme", two(body("T" * 200_000, "tagging"))),
        ("a 20 MB comment", two(body("lang commentaar " * 1_300_000, "commenting"))),
        ("judgment 'fine'", two(body("fine", "assessing"))),
        ("10,000 new themes", lambda path: path.write_text(json.dumps({
            "@context": CONTEXT, "type": "AnnotationCollection",
            "items": [w3c_item(f"theme{n}", None, 5 + n % 40, theme=f"Thema {n:05d}",
                               viewrect=f"{50 + n % 300},100,40,12")
                      for n in range(10_000)]}), encoding="utf-8")),
        ("the same id twice, different content", json.dumps([good(), dict(good(), body=[
            {"type": "TextualBody", "purpose": "commenting", "value": "een andere versie"}])])),
        ("an id already in the database, changed", json.dumps([dict(ours, body=[
                {"type": "TextualBody", "purpose": "commenting", "value": "gewijzigd elders"}],
            modified="2030-01-01T00:00:00Z")])),
        ("empty file", ""), ("not JSON", "dit is geen json {"), ("JSON null", "null"), ("an empty list", "[]"),
        ("a JSON string", '"Annotation"'), ("a number", "42"), ("an empty object", "{}"),
        ("invalid UTF-8", b"[{\"id\": \"\xff\xfe\xfa\", \"type\": \"Annotation\"}]"),
        ("UTF-16 with a BOM", json.dumps([good()]).encode("utf-16")),
        ("UTF-8 with a BOM", b"\xef\xbb\xbf" + json.dumps([good()]).encode()),
        ("a collection whose items is a dict", json.dumps({"type": "AnnotationCollection", "items": {"a": good()}})),
        ("5,000 copies of one item", json.dumps([good()] * 5000)),
    ]
    return cases


def wrong_types(campaign: Campaign, count: int) -> list[tuple[str, str]]:
    """Every place of a valid item given a value of the wrong type; a seeded sample of ``count``."""
    quotes = campaign.fixture("agreement-quotes", lambda: agreement_quotes(campaign.agreement))
    valid = w3c_item("wrong-type", quotes[2][1], quotes[2][0], theme="Thema van een verkeerd type")
    paths = _paths(valid)[1:]
    values: list[Any] = [None, True, 0, -1, 1.5, "", "x", [], {}, [None], {"type": None}, 2**63]
    pairs = [(path, value) for path in paths for value in values]
    rng = campaign.rng("w3c-types")
    rng.shuffle(pairs)
    cases = []
    for path, value in pairs[:count]:
        item = copy.deepcopy(valid)
        _set(item, path, value)
        cases.append((f"{'/'.join(map(str, path))} = {json.dumps(value)}", json.dumps([item])))
    return cases


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, entry in value.items():
            found += _paths(entry, (*path, key))
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            found += _paths(entry, (*path, index))
    return found


def _set(holder: Any, path: Sequence[Any], value: Any) -> None:
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value


_POOL: list[Any] = [None, True, False, 0, -1, 2**31, 2**63, 10**30, 1.5, -0.0, "", " ", "\ud800", "a\x00b", "\x1b[31m",
                    "page=²", "page=999999", "page=1&viewrect=0,0,inf,inf", "9999-12-31T23:30-05:00",
                    "0001-01-01T00:00:00+05:00", "echr:P" + "9" * 60 + "-1", "x" * 5000, [], {}, [[[[[]]]]],
                    {"type": "TextQuoteSelector"}, {"type": "FragmentSelector", "value": "page=3"},
                    {"type": "TextualBody", "purpose": "tagging", "value": "Thema uit een mutatie"},
                    "urn:uuid:00000000-0000-4000-8000-000000000001", "tagging", "classifying", "Annotation"]


def mutate_w3c(text: str, data: Any, rng: random.Random) -> tuple[str, list[str]]:
    """1-3 seeded mutations of a valid file: in its structure (a place given a hostile value, deleted or repeated)
    or in its text (characters inserted, deleted, repeated)."""
    done: list[str] = []
    if rng.random() < 0.6:
        data = copy.deepcopy(data)
        for _ in range(rng.randint(1, 3)):
            paths = _paths(data)[1:]
            path = rng.choice(paths)
            choice = rng.random()
            try:
                holder = data
                for step in path[:-1]:
                    holder = holder[step]
                if choice < 0.7:
                    value = copy.deepcopy(rng.choice(_POOL))
                    holder[path[-1]] = value
                    done.append(f"{'/'.join(map(str, path))} = {json.dumps(value)[:40]}")
                elif choice < 0.85:
                    del holder[path[-1]]
                    done.append(f"deleted {'/'.join(map(str, path))}")
                elif isinstance(holder, list):
                    holder.insert(path[-1], copy.deepcopy(holder[path[-1]]))
                    done.append(f"repeated {'/'.join(map(str, path))}")
                else:
                    holder[path[-1]] = [holder[path[-1]]] * 2
                    done.append(f"doubled {'/'.join(map(str, path))}")
            except (KeyError, IndexError, TypeError):
                continue
        return json.dumps(data, ensure_ascii=rng.random() < 0.5, allow_nan=True), done
    out = text
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(out) + 1)
        choice = rng.random()
        if choice < 0.4:
            chunk = rng.choice(["{", "}", "[", "]", ",", ":", '"', "\\", "\\u0000", "\\ud800", "9" * 500, "NaN",
                                "-Infinity", "1e999", "null", "true", " ", "\n", "é", "\x00"])
            out = out[:at] + chunk + out[at:]
            done.append(f"inserted {chunk[:20]!r} at {at}")
        elif choice < 0.7:
            length = rng.randint(1, 40)
            out = out[:at] + out[at + length:]
            done.append(f"deleted {length} characters at {at}")
        elif choice < 0.85:
            length = rng.randint(1, 200)
            out = out[:at] + out[at:at + length] * 2 + out[at + length:]
            done.append(f"repeated {length} characters at {at}")
        else:
            out = out[:at]
            done.append(f"cut at {at}")
    return out, done


def agreement_quotes(pdf: Path) -> list[tuple[int, str]]:
    """(page number from 1, quote) of phrases from the agreement's own text."""
    fitz = _fitz()
    found = []
    with fitz.open(pdf) as doc:
        for number in range(4, doc.page_count):
            words = [word[4] for word in doc[number].get_text("words")]
            for start in range(10, max(11, len(words) - 12), 60):
                found.append((number + 1, " ".join(words[start:start + 7])))
    return found


# --- the kinds ---------------------------------------------------------------------------------------------------


def _json_check(run: Run) -> str | None:
    try:
        data = json.loads(run.out)
    except ValueError as error:
        return f"the --json output is no JSON: {error}"
    if not isinstance(data, dict) or not isinstance(data.get("pages"), int) or data["pages"] < 1:
        return f"the --json output has no page count of at least 1: {str(data)[:120]}"
    return None


def _csv_check(path: Path, pages: int | None = None) -> Callable[[Run], str | None]:
    """The CSV can be read, no cell would run as a spreadsheet formula, and (``pages``) every page is one of the
    document's."""
    def check(run: Run) -> str | None:
        try:
            with open(path, encoding="utf-8-sig", newline="") as stream:
                rows = list(csv.reader(stream))
        except (OSError, UnicodeError, csv.Error) as error:
            return f"the CSV cannot be read: {error}"
        if not rows:
            return "the CSV is empty"
        head = rows[0]
        for row in rows[1:]:
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", cell):
                    return f"a CSV cell starts a formula: {cell[:60]!r}"
            if pages is not None and "page" in head:
                page = row[head.index("page")]
                if page and not (page.isdigit() and 1 <= int(page) <= pages):
                    return f"an annotation is on page {page[:30]} of a document of {pages} pages"
        return None
    return check


def _nothing_skipped(run: Run) -> str | None:
    """Importing the highlights of a PDF into a new database: none can be there already."""
    found = re.search(r"highlights imported (\d+), skipped \(already in the database\): (\d+)", run.out)
    if found is None:
        return f"no count of imported highlights: {run.last_line()}"
    if int(found.group(2)):
        return f"in a new database, {found.group(2)} of {int(found.group(1)) + int(found.group(2))} highlights " \
               f"were skipped as already there"
    return None


def _docx_check(path: Path) -> Callable[[Run], str | None]:
    def check(run: Run) -> str | None:
        try:
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" not in archive.namelist():
                    return "the .docx has no word/document.xml"
                archive.testzip()
        except (OSError, zipfile.BadZipFile) as error:
            return f"the .docx is no zip: {error}"
        return None
    return check


class Kinds:
    def __init__(self, campaign: Campaign) -> None:
        self.c = campaign

    @property
    def common(self) -> Path:
        folder = self.c.work / "common"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # shared fixtures ------------------------------------------------------------------------------------------------

    def review(self) -> Path:
        def build() -> Path:
            path = self.common / "review.jsonld"
            items = [w3c_item(f"review{n}", quote, page, theme=["Gezin", "Asiel", "Wonen"][n % 3],
                              reference=["echr:8", "crc:3", "refugee:33"][n % 3])
                     for n, (page, quote) in enumerate(self.quotes()[:8])]
            path.write_text(json.dumps({"@context": CONTEXT, "type": "AnnotationCollection", "items": items},
                                       ensure_ascii=False), encoding="utf-8")
            return path
        return self.c.fixture("review-path", build)

    def review_items(self) -> list[dict[str, Any]]:
        return json.loads(self.review().read_text(encoding="utf-8"))["items"]

    def quotes(self) -> list[tuple[int, str]]:
        return self.c.fixture("agreement-quotes", lambda: agreement_quotes(self.c.agreement))

    def base_db(self) -> Path:
        """Our database: the review imported onto the agreement, by the command line itself."""
        def build() -> Path:
            path = self.common / "base.sqlite"
            run = self.c.runner.run(["import", self.review(), "--pdf", self.c.agreement, "--db", path,
                                     "--author", "Ons"], timeout=180)
            if run.rc != 0:
                raise SystemExit(f"cannot build the base database: {run.last_line()}")
            return path
        return self.c.fixture("base-db", build)

    def colleague_db(self) -> Path:
        """A colleague's database: ours plus other annotations and a theme, one of ours changed; one file."""
        def build() -> Path:
            path = self.common / "colleague.sqlite"
            shutil.copyfile(self.base_db(), path)
            other = self.common / "colleague.jsonld"
            items = [w3c_item(f"colleague{n}", quote, page, theme=["Privacy", "Gezin"][n % 2], author="Fatima")
                     for n, (page, quote) in enumerate(self.quotes()[20:28])]
            other.write_text(json.dumps(items), encoding="utf-8")
            run = self.c.runner.run(["import", other, "--pdf", self.c.agreement, "--db", path], timeout=180)
            if run.rc != 0:
                raise SystemExit(f"cannot build the colleague's database: {run.last_line()}")
            connection = sqlite3.connect(path)
            connection.execute("UPDATE annotations SET comment = 'Aangevuld door Fatima', revision = revision + 1, "
                               "modified = '2031-01-01T00:00:00.000000+00:00' "
                               "WHERE rowid = (SELECT min(rowid) FROM annotations)")
            connection.commit()
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.close()
            return path
        return self.c.fixture("colleague-db", build)

    def copy_db(self, source: Path, target: Path) -> Path:
        shutil.copyfile(source, target)
        return target

    # PDFs ---------------------------------------------------------------------------------------------------------

    def pdf_cases(self, kind: str, label: str, name: str, pdf: Path, review: Path, folder: Path) -> None:
        """The four commands on one PDF, with a database of our own for the case."""
        db = self.copy_db(self.base_db(), folder / "D.sqlite")
        row = f"{label} · "
        wal = lambda entry: entry.endswith(("-wal", "-shm", "-journal"))  # noqa: E731 - judged on the database
        self.c.attempt(row + "`info --json`", name, ["info", pdf, "--json"], names=[pdf], check=_json_check,
                       folder=folder)
        csv_out, docx, annotated = folder / "x.csv", folder / "x.docx", folder / "O.pdf"
        follow = [Follow("compile --out x.docx", ["compile", "--out", docx, "--pdf", pdf, "--db", db],
                         _docx_check(docx)),
                  Follow("export --format csv", ["export", "--pdf", pdf, "--format", "csv", "--out", csv_out,
                                                 "--db", db], _csv_check(csv_out))]
        self.c.attempt(row + "`import REVIEW.jsonld --pdf X`", name,
                       ["import", review, "--pdf", pdf, "--db", db], names=[pdf, review], db=db, follow=follow,
                       watch=[folder], ignore=wal, folder=folder, sane=db)
        self.c.attempt(row + "`export --format pdf`", name,
                       ["export", "--pdf", pdf, "--format", "pdf", "--out", annotated, "--db", db], names=[pdf],
                       db=db, follow=[Follow("info O.pdf --json", ["info", annotated, "--json"], _json_check),
                                      Follow("import O.pdf into a new database",
                                             ["import", annotated, "--db", folder / "R.sqlite"], _nothing_skipped)],
                       watch=[folder], ignore=wal, folder=folder)
        highlights = pdf
        self.c.attempt(row + "`import X.pdf` (highlights)", name, ["import", highlights, "--db", db],
                       names=[highlights], db=db,
                       follow=[Follow("export --format csv", ["export", "--pdf", highlights, "--format", "csv",
                                                              "--out", csv_out, "--db", db], _csv_check(csv_out))],
                       watch=[folder], ignore=wal, folder=folder, sane=db)

    def pdf_mutated(self) -> list[Callable[[], None]]:
        small = self.c.fixture("small-pdfs", lambda: build_small_pdfs(self.common / "small"))
        reviews = self.c.fixture("small-reviews", lambda: {
            key: review_for(path, self.common / "small" / f"{key}.jsonld", count=5) for key, path in small.items()})
        per_small, per_agreement = (2, 2) if self.c.quick else (9, 8)
        jobs: list[Callable[[], None]] = []
        bases = [(key, path, reviews[key], per_small) for key, path in small.items()]
        agreement_review = self.c.fixture("agreement-mutated-review", lambda: review_for(
            self.c.agreement, self.common / "agreement-mutated.jsonld", count=8, prefix="agreement-mutated"))
        bases.append(("agreement", self.c.agreement, agreement_review, per_agreement))
        for key, path, review, count in bases:
            for index in range(count):
                def job(key: str = key, path: Path = path, review: Path = review, index: int = index) -> None:
                    rng = self.c.rng("pdf-mutated", key, index)
                    data, done = mutate_pdf(path.read_bytes(), rng)
                    name = f"{key} #{index}: {'; '.join(done)}"
                    folder = self.c.case_dir(f"pdfmut-{key}-{index}")
                    target = folder / "X.pdf"
                    target.write_bytes(data)
                    shutil.copyfile(review, folder / "REVIEW.jsonld")
                    self.pdf_cases("pdf-mutated", "mutated PDF", name, target, folder / "REVIEW.jsonld", folder)
                jobs.append(job)
        return jobs

    def pdf_hostile(self) -> list[Callable[[], None]]:
        jobs: list[Callable[[], None]] = []
        files = self.c.fixture("hostile-pdfs", lambda: build_hostile_pdfs(self.common / "hostile", self.c.runner.tree))
        small = self.c.fixture("small-pdfs", lambda: build_small_pdfs(self.common / "small"))
        review = self.c.fixture("small-reviews-hostile", lambda: review_for(
            small["plain"], self.common / "small" / "hostile-review.jsonld", count=5))
        for index, (name, path) in enumerate(files.items()):
            if self.c.quick and (name.startswith("tests/data/") or name in ("only the header",
                                                                             "not a PDF (random bytes)")):
                continue

            def job(name: str = name, path: Path = path, index: int = index) -> None:
                folder = self.c.case_dir(f"pdfhostile-{index}")
                target = folder / "X.pdf"
                shutil.copyfile(path, target)
                shutil.copyfile(review, folder / "REVIEW.jsonld")
                self.pdf_cases("pdf-hostile", "hostile PDF", name, target, folder / "REVIEW.jsonld", folder)
            jobs.append(job)
        for index, what in enumerate(["a named pipe", "a folder", "a link to /dev/zero"]):
            def special(what: str = what, index: int = index) -> None:
                folder = self.c.case_dir(f"pdfspecial-{index}")
                target = special_files(folder, "X", ".pdf")[what]
                shutil.copyfile(review, folder / "REVIEW.jsonld")
                self.pdf_cases("pdf-hostile", "hostile PDF", f"X.pdf is {what}", target, folder / "REVIEW.jsonld",
                               folder)
            jobs.append(special)
        return jobs

    # W3C ----------------------------------------------------------------------------------------------------------

    def w3c_try(self, row: str, name: str, content: Any, index: int, *, pg: str | None = None) -> None:
        folder = self.c.case_dir(f"w3c-{row[:12]}-{index}")
        path = folder / "F.jsonld"
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        self.w3c_import(row, name, path, folder, pg=pg)

    def w3c_import(self, row: str, name: str, path: Path, folder: Path, *, pg: str | None = None) -> None:
        if pg is None:
            db: Path | str = self.copy_db(self.base_db(), folder / "D.sqlite")
        else:
            db = pg
        docx, annotated = folder / "x.docx", folder / "O.pdf"
        follow = [Follow("compile --out x.docx", ["compile", "--out", docx, "--pdf", self.c.agreement, "--db", db],
                         _docx_check(docx)),
                  Follow("export --format pdf", ["export", "--pdf", self.c.agreement, "--format", "pdf", "--out",
                                                 annotated, "--db", db])]
        if pg is not None:
            before = pg_counts(pg)
            trial = self.c.attempt(row, name, ["import", path, "--pdf", self.c.agreement, "--db", db],
                                   names=[path], follow=follow, folder=folder)
            if trial.runs[0].rc != 0 and pg_counts(pg) != before:
                trial.flags.add("half-done")
                trial.notes.append(f"the server's rows changed although the import failed: {before} -> "
                                   f"{pg_counts(pg)}")
            return
        self.c.attempt(row, name, ["import", path, "--pdf", self.c.agreement, "--db", db], names=[path],
                       db=Path(db), follow=follow, watch=[folder],
                       ignore=lambda entry: entry.endswith(("-wal", "-shm")), folder=folder, sane=Path(db))

    def w3c(self) -> list[Callable[[], None]]:
        self.review()
        jobs: list[Callable[[], None]] = []
        hostile = hostile_w3c(self.c, self.review_items()[0])
        for index, (name, content) in enumerate(hostile):
            if self.c.quick and index % 4:
                continue
            jobs.append(lambda name=name, content=content, index=index:
                        self.w3c_try("W3C: hand-made", name, content, index))
        for index, (name, content) in enumerate(wrong_types(self.c, 4 if self.c.quick else 60)):
            jobs.append(lambda name=name, content=content, index=index:
                        self.w3c_try("W3C: wrong types", name, content, index))
        for index, what in enumerate(["a named pipe", "a folder", "a link to /dev/zero", "a missing file"]):
            def special(what: str = what, index: int = index) -> None:
                folder = self.c.case_dir(f"w3cspecial-{index}")
                path = special_files(folder, "F", ".jsonld")[what]
                self.w3c_import("W3C: not a file", f"F.jsonld is {what}", path, folder)
            jobs.append(special)
        valid_text = self.review().read_text(encoding="utf-8")
        valid = json.loads(valid_text)
        for index in range(8 if self.c.quick else 100):
            def mutated(index: int = index) -> None:
                text, done = mutate_w3c(valid_text, valid, self.c.rng("w3c-mutated", index))
                self.w3c_try("W3C: seeded mutations", f"#{index}: {'; '.join(done)}"[:300], text, index)
            jobs.append(mutated)
        return jobs

    # merge --------------------------------------------------------------------------------------------------------

    def merge_try(self, row: str, name: str, make: Callable[[Path, Path], Path], index: int) -> None:
        folder = self.c.case_dir(f"merge-{row[7:15]}-{index}")
        db = self.copy_db(self.base_db(), folder / "D.sqlite")
        other = make(folder, db)
        csv_out = folder / "x.csv"
        follow = [Follow("compile --out x.docx", ["compile", "--out", folder / "x.docx", "--pdf", self.c.agreement,
                                                  "--db", db], _docx_check(folder / "x.docx")),
                  Follow("export --format csv", ["export", "--pdf", self.c.agreement, "--format", "csv", "--out",
                                                 csv_out, "--db", db], _csv_check(csv_out, pages=50))]
        trial = self.c.attempt(row, name, ["merge", other, "--db", db], names=[other], db=db, follow=follow,
                               watch=[folder, other.parent] if other.parent != folder else [folder],
                               ignore=lambda entry: entry.endswith(("-wal", "-shm")) and entry.startswith("D."),
                               folder=folder, sane=db)
        if trial.runs[0].rc != 0 and trial.category != "hang":
            before = sqlite_digest(self.base_db())
            if before.sha != sqlite_digest(db).sha:
                trial.notes.append("a refused merge changed the bytes of our database")

    def merge(self) -> list[Callable[[], None]]:
        colleague = self.colleague_db()
        jobs: list[Callable[[], None]] = []
        for index, (name, statements) in enumerate(CRAFTS.items()):
            if self.c.quick and index % 2:
                continue
            def crafted(folder: Path, db: Path, statements: tuple[str, ...] = statements) -> Path:
                target = folder / "OTHER.sqlite"
                shutil.copyfile(colleague, target)
                connection = sqlite3.connect(target)
                try:
                    for statement in statements:
                        connection.execute(statement)
                    connection.commit()
                    connection.execute("PRAGMA journal_mode = DELETE")
                finally:
                    connection.close()
                return target
            jobs.append(lambda name=name, crafted=crafted, index=index:
                        self.merge_try("merge: crafted databases", name, crafted, index))

        def link(kind: str) -> Callable[[Path, Path], Path]:
            def make(folder: Path, db: Path) -> Path:
                (folder / "elsewhere").mkdir(exist_ok=True)
                target = folder / "elsewhere" / "OTHER.sqlite"
                if kind == "hard":
                    os.link(db, target)
                elif kind == "symbolic":
                    target.symlink_to(db)
                else:
                    target = db
                return target
            return make

        def still_open(folder: Path, db: Path) -> Path:
            target = folder / "OTHER.sqlite"
            shutil.copyfile(colleague, target)
            connection = sqlite3.connect(target)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA wal_autocheckpoint = 0")
            connection.execute("UPDATE themes SET title = title || ' (open)'")
            connection.commit()
            shutil.copyfile(target, folder / "snap.sqlite")
            shutil.copyfile(str(target) + "-wal", folder / "snap.sqlite-wal")
            connection.close()
            os.replace(folder / "snap.sqlite", target)
            os.replace(folder / "snap.sqlite-wal", str(target) + "-wal")
            return target

        def data_file(data: Callable[[], bytes]) -> Callable[[Path, Path], Path]:
            def make(folder: Path, db: Path) -> Path:
                target = folder / "OTHER.sqlite"
                target.write_bytes(data())
                return target
            return make

        def special(what: str) -> Callable[[Path, Path], Path]:
            def make(folder: Path, db: Path) -> Path:
                if what == "/dev/zero":
                    return Path("/dev/zero")
                if what == "/dev/null":
                    return Path("/dev/null")
                return special_files(folder, "OTHER", ".sqlite")[what]
            return make

        specials: dict[str, Callable[[Path, Path], Path]] = {
            "a named pipe": special("a named pipe"), "a folder": special("a folder"), "/dev/zero": special("/dev/zero"),
            "/dev/null": special("/dev/null"), "a link to /dev/zero": special("a link to /dev/zero"),
            "a missing file": special("a missing file"), "a hard link to D": link("hard"),
            "a symbolic link to D": link("symbolic"), "D itself": link("self"),
            "a file still open elsewhere (with its -wal)": still_open,
            "an empty file": data_file(lambda: b""),
            "64 KB of random bytes": data_file(lambda: random.Random(3).randbytes(65536)),
            "the agreement PDF renamed": data_file(lambda: self.c.agreement.read_bytes()),
            "only the SQLite header": data_file(lambda: colleague.read_bytes()[:100]),
            "a valid colleague's database": data_file(lambda: colleague.read_bytes()),
        }
        for index, (name, make) in enumerate(specials.items()):
            jobs.append(lambda name=name, make=make, index=index:
                        self.merge_try("merge: files that are no database", name, make, index))
        raw = colleague.read_bytes()
        for index in range(4 if self.c.quick else 50):
            def mutated(folder: Path, db: Path, index: int = index) -> Path:
                data, done = mutate_sqlite(raw, self.c.rng("merge-mutated", index))
                (folder / "mutation.txt").write_text("; ".join(done), encoding="utf-8")
                target = folder / "OTHER.sqlite"
                target.write_bytes(data)
                return target

            def job(index: int = index, mutated: Callable[[Path, Path], Path] = mutated) -> None:
                _, done = mutate_sqlite(raw, self.c.rng("merge-mutated", index))
                self.merge_try("merge: seeded byte mutations", f"#{index}: {'; '.join(done)}", mutated, index)
            jobs.append(job)
        return jobs

    # CSV ----------------------------------------------------------------------------------------------------------

    def csv(self) -> list[Callable[[], None]]:
        labels = ["=1+", "+", "-", "@SUM(A1)+", "\t=1+", "\r=1+", '=HYPERLINK("http://x","klik")&', "=cmd|' /C calc'!A"]
        jobs: list[Callable[[], None]] = []
        for index, label in enumerate(labels[:4] if self.c.quick else labels):
            def job(label: str = label, index: int = index) -> None:
                fitz = _fitz()
                folder = self.c.case_dir(f"csv-{index}")
                pdf = folder / "X.pdf"
                with fitz.open() as doc:
                    for number in range(3):
                        doc.new_page(width=420, height=595).insert_text((40, 80), SENTENCES[number], fontsize=8)
                    doc.set_page_labels([{"startpage": 0, "prefix": label, "style": "D", "firstpagenum": 1}])
                    doc.save(pdf)
                items = [w3c_item(f"csv{index}-{n}", None, n + 1, viewrect="40,70,200,14", theme="=thema",
                                  comment="+commentaar", author="@auteur", reference="-1 HR-Comité")
                         for n in range(3)]
                source = folder / "F.jsonld"
                source.write_text(json.dumps(items), encoding="utf-8")
                db = folder / "D.sqlite"
                out = folder / "x.csv"
                self.c.attempt("CSV export: page labels starting =, +, -, @, tab, CR", f"labels {label!r}",
                               ["import", source, "--pdf", pdf, "--db", db], names=[source, pdf],
                               follow=[Follow("export --format csv", ["export", "--pdf", pdf, "--format", "csv",
                                                                      "--out", out, "--db", db], _csv_check(out))],
                               folder=folder, sane=db)
            jobs.append(job)
        return jobs

    # SIGKILL ------------------------------------------------------------------------------------------------------

    def big_review(self) -> Path:
        def build() -> Path:
            path = self.common / "big.jsonld"
            quotes = self.quotes()
            items = [w3c_item(f"big{n}", quotes[n % len(quotes)][1], quotes[n % len(quotes)][0],
                              theme=f"Kill-thema {n % 40:02d}") for n in range(1500)]
            path.write_text(json.dumps(items), encoding="utf-8")
            return path
        return self.c.fixture("big-review", build)

    def big_colleague(self) -> Path:
        def build() -> Path:
            path = self.common / "big-colleague.sqlite"
            source = self.common / "big-colleague.jsonld"
            items = [w3c_item(f"bigcolleague{n}", None, 5 + n % 40, theme=f"Collega-thema {n % 30:02d}",
                              viewrect=f"{40 + n % 400},{80 + n % 600},60,12", author="Fatima") for n in range(4000)]
            source.write_text(json.dumps(items), encoding="utf-8")
            shutil.copyfile(self.base_db(), path)
            run = self.c.runner.run(["import", source, "--pdf", self.c.agreement, "--db", path], timeout=300)
            if run.rc != 0:
                raise SystemExit(f"cannot build the big colleague database: {run.last_line()}")
            connection = sqlite3.connect(path)
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.close()
            return path
        return self.c.fixture("big-colleague", build)

    def reference(self, what: str) -> tuple[float, Digest]:
        """How long the uncut command takes and what the database holds after it."""
        def build() -> tuple[float, Digest]:
            folder = self.c.case_dir(f"kill-reference-{what}")
            db = self.copy_db(self.base_db(), folder / "D.sqlite")
            run = self.c.runner.run(self.kill_argv(what, db), timeout=300)
            if run.rc != 0:
                raise SystemExit(f"the uncut {what} fails: {run.last_line()}")
            return run.seconds, sqlite_digest(db)
        return self.c.fixture(f"reference-{what}", build)

    def kill_argv(self, what: str, db: Path) -> list[object]:
        if what == "import":
            return ["import", self.big_review(), "--pdf", self.c.agreement, "--db", db]
        return ["merge", self.big_colleague(), "--db", db]

    def sigkill(self) -> list[Callable[[], None]]:
        jobs: list[Callable[[], None]] = []
        count = 2 if self.c.quick else 12
        for what in ("import", "merge"):
            for index in range(count):
                def job(what: str = what, index: int = index) -> None:
                    seconds, after = self.reference(what)
                    before = sqlite_digest(self.base_db())
                    moment = self.c.rng("sigkill", what, index).uniform(0.05, 1.4) * seconds
                    folder = self.c.case_dir(f"kill-{what}-{index}")
                    db = self.copy_db(self.base_db(), folder / "D.sqlite")
                    argv = self.kill_argv(what, db)
                    run = self.c.runner.run(argv, kill_after=moment)
                    row = f"SIGKILL during `{what}`"
                    name = f"killed after {moment:.2f} s of {seconds:.1f}"
                    trial = Trial(row, name, "accepted", "", runs=[run], folder=folder)
                    if run.lingering:
                        trial.notes.append(f"{run.lingering} process(es) still ran 3 s after the kill")
                    if run.timed_out or run.capped:
                        trial.category, trial.reason = "hang", run.summary()
                    elif run.crashed:
                        trial.category, trial.reason = "traceback", run.last_line()
                    state = sqlite_digest(db, in_place=True)
                    tables = ("annotations", "themes", "annotation_refs", "reviewers")
                    counts = {table: state.count(table) for table in tables}
                    whole = counts == {table: after.count(table) for table in tables}
                    none = counts == {table: before.count(table) for table in tables}
                    if state.integrity != "ok":
                        trial.flags.add("half-done")
                        trial.notes.append(f"the database is damaged: {state.integrity[:200]}")
                    elif not (whole or none):
                        trial.flags.add("half-done")
                        trial.notes.append(f"part of the {what} is in the database: {counts} (none: "
                                           f"{ {t: before.count(t) for t in tables} }, all: "
                                           f"{ {t: after.count(t) for t in tables} })")
                    if trial.category == "accepted":
                        trial.reason = ("finished before the kill" if not run.killed else
                                        "all of it" if whole else "none of it" if none else "part of it")
                        again = self.c.runner.run(self.kill_argv(what, db))
                        trial.runs.append(again)
                        if again.crashed or again.rc != 0:
                            trial.category = "traceback" if again.crashed else "wrong"
                            trial.reason = f"after the kill, `{what}` again: {again.last_line()}"
                        elif sqlite_digest(db).counts != after.counts and what == "import":
                            trial.category = "wrong"
                            trial.reason = (f"after the kill, `{what}` again does not give the uncut result: "
                                            f"{dict(sqlite_digest(db).counts)} vs {dict(after.counts)}")
                    self.c.record(trial)
                jobs.append(job)
        return jobs

    # full disk ----------------------------------------------------------------------------------------------------

    def fulldisk(self) -> list[Callable[[], None]]:
        if not sys.platform.startswith("linux") or os.geteuid() != 0:
            self.c.skipped.append("fulldisk: needs root on Linux (mount -t tmpfs)")
            return []
        levels = [4096] if self.c.quick else [0, 4096, 65536, 600_000]
        jobs: list[Callable[[], None]] = []
        actions = ["export --format csv", "export --format jsonld", "export --format pdf", "compile --out x.docx",
                   "a new database", "merge into a database there"]
        for level in levels:
            for index, action in enumerate(actions):
                jobs.append(lambda action=action, level=level, index=index: self.fulldisk_try(action, level, index))
        return jobs

    def fulldisk_try(self, action: str, free: int, index: int) -> None:
        base, colleague = self.base_db(), self.colleague_db()
        folder = self.c.case_dir(f"full-{index}-{free}")
        mount = folder / "disk"
        mount.mkdir(exist_ok=True)
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True,
                                 text=True)
        if mounted.returncode != 0:
            with self.c.lock:
                self.c.skipped.append(f"fulldisk: cannot mount a tmpfs: {mounted.stderr.strip()}")
            return
        with self.c.lock:
            self.c.mounts.append(mount)
        try:
            db = self.copy_db(base, (mount if action.startswith("merge") else folder) / "D.sqlite")
            fill(mount / "filler", free)
            out = {"export --format csv": mount / "out.csv", "export --format jsonld": mount / "out.jsonld",
                   "export --format pdf": mount / "out.pdf", "compile --out x.docx": mount / "letter.docx",
                   "a new database": mount / "new.sqlite", "merge into a database there": mount / "D.sqlite"}[action]
            if action.startswith("export"):
                kind = action.rsplit(" ", 1)[1]
                argv: list[object] = ["export", "--pdf", self.c.agreement, "--format", kind, "--out", out, "--db", db]
                check = _csv_check(out) if kind == "csv" else None
                follow = [Follow("info out.pdf", ["info", out, "--json"], _json_check)] if kind == "pdf" else []
            elif action.startswith("compile"):
                argv = ["compile", "--out", out, "--pdf", self.c.agreement, "--db", db]
                check, follow = _docx_check(out), []
            elif action == "a new database":
                argv, check = ["import", self.review(), "--pdf", self.c.agreement, "--db", out], None
                follow = [Follow("export --format csv", ["export", "--pdf", self.c.agreement, "--format", "csv",
                                                         "--out", folder / "x.csv", "--db", out])]
            else:
                argv, check = ["merge", colleague, "--db", out], None
                follow = [Follow("compile", ["compile", "--out", folder / "x.md", "--pdf", self.c.agreement,
                                             "--db", out])]
            keep = {"filler", "D.sqlite"}
            self.c.attempt(f"full disk: {action}", f"{free:,} bytes free", argv, names=[out], check=check,
                           follow=follow, db=out if action.startswith("merge") else None, watch=[mount],
                           ignore=lambda entry: entry in keep, folder=folder,
                           sane=out if action in ("a new database", "merge into a database there") else None)
        finally:
            unmount(mount)
            with self.c.lock:
                self.c.mounts.remove(mount)

    # PostgreSQL ---------------------------------------------------------------------------------------------------

    def pg(self) -> list[Callable[[], None]]:
        """To be run one after the other: the server is stopped in some."""
        url = self.c.args.pg
        if not url:
            self.c.skipped.append("pg: no --pg URL given")
            return []
        jobs: list[Callable[[], None]] = []
        rounds = 1 if self.c.quick else 3
        state = os.environ.get("ANNOTATOR_TEST_PG_STATE", "/tmp/pg-attack")
        port = os.environ.get("ANNOTATOR_TEST_PG_PORT", "54371")
        if f":{port}/" in url and Path(state, "data").exists():
            for index in range(rounds * 2):
                jobs.append(lambda index=index: self.pg_stop(url, state, port, index))
        else:
            self.c.skipped.append(f"pg: the server is not stopped during an import: {url} is not the pg-temp.sh "
                                  f"server of {state} on port {port}")
        for index in range(rounds * 2):
            jobs.append(lambda index=index: self.pg_twice(url, index, same_file=True))
        for index in range(rounds * 2):
            jobs.append(lambda index=index: self.pg_twice(url, index, same_file=False))
        hostile = dict(hostile_w3c(self.c, self.review_items()[0]))
        for index, name in enumerate(["U+0000 in the comment", "U+001B in the theme", "a lone surrogate in the comment",
                                      "echr:P<5000 nines>-1", "viewrect=0,0,inf,inf",
                                      "created '0001-01-01T00:00:00+05:00'",
                                      "page=10^30", "10,000 new themes"][::2 if self.c.quick else 1]):
            def w3c(name: str = name, index: int = index) -> None:
                pg_reset(url)
                self.c.runner.run(["import", self.review(), "--pdf", self.c.agreement, "--db", url])
                self.w3c_try("PostgreSQL: hostile W3C files", name, hostile[name], 900 + index, pg=url)
            jobs.append(w3c)
        return jobs

    def pg_stop(self, url: str, state: str, port: str, index: int) -> None:
        seconds = self.c.fixture("pg-reference", lambda: self.pg_reference(url))
        pg_reset(url)
        base = self.c.runner.run(["import", self.review(), "--pdf", self.c.agreement, "--db", url])
        if base.rc != 0:
            raise RuntimeError(f"cannot import into {url}: {base.last_line()}")
        before = pg_counts(url)
        moment = self.c.rng("pg-stop", index).uniform(0.1, 1.1) * seconds
        env = dict(os.environ, ANNOTATOR_TEST_PG_STATE=state, ANNOTATOR_TEST_PG_PORT=port)
        script = str(REPO / "scripts" / "pg-temp.sh")
        folder = self.c.case_dir(f"pg-stop-{index}")
        stopped = threading.Event()

        def stop() -> None:
            time.sleep(moment)
            subprocess.run(["bash", script, "pause"], env=env, capture_output=True)
            stopped.set()

        stopper = threading.Thread(target=stop)
        stopper.start()
        run = self.c.runner.run(["import", self.big_review(), "--pdf", self.c.agreement, "--db", url], timeout=90)
        stopper.join()
        subprocess.run(["bash", script, "resume"], env=env, capture_output=True)
        trial = Trial("PostgreSQL: server stopped during `import`", f"stopped after {moment:.2f} s of {seconds:.1f}",
                      "clean", "", runs=[run], folder=folder)
        host = re.search(r"@([^/]+)/(\w+)", url)
        self.c._judge(trial, run, [host.group(1), host.group(2), "server"] if host else [], [], None)
        after = pg_counts(url)
        if after not in (before, self.c.fixture("pg-after", lambda: None)):
            trial.flags.add("half-done")
            trial.notes.append(f"after the server came back: {after} (none: {before}, all: "
                               f"{self.c._fixtures.get('pg-after')})")
        elif trial.category in ("clean", "accepted"):
            again = self.c.runner.run(["import", self.big_review(), "--pdf", self.c.agreement, "--db", url])
            trial.runs.append(again)
            if again.rc != 0 or again.crashed or pg_counts(url) != self.c._fixtures.get("pg-after"):
                trial.category = "traceback" if again.crashed else "wrong"
                trial.reason = (f"after the server came back, the import again: {again.last_line()}; holds "
                                f"{pg_counts(url)}")
        self.c.record(trial)

    def pg_reference(self, url: str) -> float:
        pg_reset(url)
        self.c.runner.run(["import", self.review(), "--pdf", self.c.agreement, "--db", url])
        run = self.c.runner.run(["import", self.big_review(), "--pdf", self.c.agreement, "--db", url], timeout=300)
        if run.rc != 0:
            raise RuntimeError(f"the uncut import into {url} fails: {run.last_line()}")
        self.c._fixtures["pg-after"] = pg_counts(url)
        return run.seconds

    def pg_twice(self, url: str, index: int, *, same_file: bool) -> None:
        pg_reset(url)
        folder = self.c.case_dir(f"pg-twice-{same_file}-{index}")
        quotes = self.quotes()
        files = []
        for side in range(2):
            key = "same" if same_file else f"side{side}"
            items = [w3c_item(f"pg{index}-{key}-{n}", quotes[n % len(quotes)][1], quotes[n % len(quotes)][0],
                              theme=f"Gelijktijdig thema {n % 25:02d}") for n in range(60)]
            path = folder / f"F{side}.jsonld"
            path.write_text(json.dumps(items), encoding="utf-8")
            files.append(path)
        results: list[Run] = []

        def go(path: Path) -> None:
            results.append(self.c.runner.run(["import", path, "--pdf", self.c.agreement, "--db", url]))

        threads = [threading.Thread(target=go, args=(path,)) for path in files]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        row = ("PostgreSQL: the same file imported twice at once" if same_file else
               "PostgreSQL: two imports creating the same themes at once")
        trial = Trial(row, f"round {index}", "accepted", "both finished", runs=results, folder=folder)
        for run in results:
            if run.timed_out or run.capped:
                trial.category, trial.reason = "hang", run.summary()
            elif run.crashed:
                trial.category, trial.reason = "traceback", run.last_line()
            elif run.rc != 0 and trial.category == "accepted":
                trial.category, trial.reason = "wrong", f"one of them failed: {run.last_line()}"
        counts = pg_counts(url)
        expected = {"annotations": 60 if same_file else 120, "themes": 25}
        duplicates = pg_query(url, "SELECT count(*) FROM (SELECT title FROM themes GROUP BY title "
                                   "HAVING count(*) > 1) AS doubled")
        if counts.get("annotations") != expected["annotations"] or counts.get("themes") != expected["themes"] \
                or duplicates:
            if trial.category == "accepted":
                trial.category = "wrong"
                trial.reason = f"holds {counts}, {duplicates} doubled themes; expected {expected}"
        self.c.record(trial)


def mutate_sqlite(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """1-3 seeded mutations of a database file: bits in a page, a page zeroed, random or repeated, truncation, or a
    field of the header (page size, page count, freelist, schema format, text encoding)."""
    out = bytearray(data)
    page = int.from_bytes(out[16:18], "big") or 65536
    pages = max(1, len(out) // page)
    done: list[str] = []
    for _ in range(rng.randint(1, 3)):
        choice = rng.random()
        number = rng.randrange(pages)
        start = number * page
        if choice < 0.3:
            for _ in range(rng.randint(1, 16)):
                spot = start + rng.randrange(page)
                if spot < len(out):
                    out[spot] ^= 1 << rng.randrange(8)
            done.append(f"flipped bits in page {number + 1}")
        elif choice < 0.4:
            out[start:start + page] = bytes(page)
            done.append(f"zeroed page {number + 1}")
        elif choice < 0.5:
            out[start:start + page] = rng.randbytes(page)
            done.append(f"random page {number + 1}")
        elif choice < 0.58:
            other = rng.randrange(pages) * page
            out[start:start + page] = out[other:other + page]
            done.append(f"page {number + 1} repeated from page {other // page + 1}")
        elif choice < 0.66:
            cut = rng.choice([start, start + rng.randrange(page)])
            del out[max(100, cut):]
            done.append(f"truncated to {max(100, cut)} bytes")
        elif choice < 0.76:  # sqlite_master and the first rows live in page 1
            for _ in range(rng.randint(1, 8)):
                out[100 + rng.randrange(page - 100)] = rng.randrange(256)
            done.append("changed bytes of page 1 (the schema)")
        else:
            offset, width, label = rng.choice([(16, 2, "page size"), (28, 4, "page count"),
                                               (32, 4, "first freelist page"), (36, 4, "freelist pages"),
                                               (40, 4, "schema cookie"), (44, 4, "schema format"),
                                               (56, 4, "text encoding"), (52, 4, "largest root page"),
                                               (18, 1, "write version"), (20, 1, "reserved bytes")])
            value = rng.choice([0, 1, 2, 3, 4, 9, 255, 2**(8 * width) - 1, rng.randrange(2**(8 * width))])
            out[offset:offset + width] = value.to_bytes(width, "big")
            done.append(f"header {label} = {value}")
    return bytes(out), done


# The crafted colleague databases of tests/store/test_merge_refusals.py (and a few more), made here by SQL.
CRAFTS: dict[str, tuple[str, ...]] = {
    "view instead of the annotations table": ("PRAGMA foreign_keys = OFF", "ALTER TABLE annotations RENAME TO hidden",
                                              "CREATE VIEW annotations AS SELECT * FROM hidden"),
    "trigger": ("CREATE TRIGGER wipe AFTER INSERT ON themes BEGIN DELETE FROM themes; END",),
    "text where an integer belongs": ("UPDATE annotations SET revision = 'twee'",),
    "ten megabyte quote": ("UPDATE annotations SET exact = printf('%.*c', 10000000, 'x')",),
    "unknown judgment": ("UPDATE annotations SET judgment = 'fine'",),
    "timestamp that is no time": ("UPDATE annotations SET modified = 'yesterday'",),
    "malformed quads": ("UPDATE annotations SET quads = '[[1,2'",),
    "newer schema": ("UPDATE alembic_version SET version_num = '9999_future'",),
    "a control character in a comment": ("UPDATE annotations SET comment = 'zorg' || char(0) || 'elijk'",),
    "a bell in a theme's title": ("UPDATE themes SET title = title || char(7)",),
    "an infinite quad": ("UPDATE annotations SET quads = '[[72, 100, 1e999, 112]]'",),
    "a word among a quad's numbers": ("UPDATE annotations SET quads = '[[72, 100, \"x\", 112]]'",),
    "a quad of three numbers": ("UPDATE annotations SET quads = '[[72, 100, 112]]'",),
    "a quad inside a quad": ("UPDATE annotations SET quads = '[[[72, 100, 300, 112]]]'",),
    "a quad far off the page": ("UPDATE annotations SET quads = '[[72, 100, 3e9, 112]]'",),
    "a number among the sources": ("UPDATE annotations SET sources = '[\"kamerbrief\", 7]'",),
    "a page label with a control character": ("UPDATE documents SET page_labels = json_array('1', '2' || char(27))",),
    "extra table": ("CREATE TABLE payload (x)",),
    "dropped column": ("ALTER TABLE annotations DROP COLUMN sources",),
    "a lone surrogate in a comment (as UTF-8 bytes)": (
        "UPDATE annotations SET comment = CAST(X'7a6f7267eda080656c696a6b' AS TEXT)",),
    "a reference of 5,000 nines": ("UPDATE annotation_refs SET ref = 'echr:P' || printf('%.*c', 5000, '9') || '-1'",),
    "a page beyond the document": ("UPDATE annotations SET page = 2147483647",),
    "a negative page": ("UPDATE annotations SET page = -5",),
    "a theme position of 10**18": ("UPDATE themes SET position = 1000000000000000000",),
    "an annotation pointing at a missing theme": ("PRAGMA foreign_keys = OFF",
                                                   "UPDATE annotations SET theme_id = 'no-such-theme'"),
    "two live themes of one title": ("DROP INDEX uq_themes_live_title",
                                     "INSERT INTO themes SELECT 'twin-' || id, title, position + 100, 0 FROM themes",),
    "an invalid UTF-8 byte in a title": ("UPDATE themes SET title = CAST(X'ff41' AS TEXT) || id",),
    "a blob where the text belongs": ("UPDATE annotations SET comment = X'00010203'",),
    "1,000,000 themes": ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
                         "INSERT INTO themes (id, title, position, deleted) "
                         "SELECT 'many-' || i, 'Thema ' || i, i + 1000, 0 FROM n",),
}


def fill(path: Path, free: int) -> None:
    """Fill the file system of ``path`` until ``free`` bytes are left."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        block = b"x" * 65536
        while True:
            try:
                os.write(descriptor, block)
            except OSError:
                break
        for size in (4096, 512, 1):
            try:
                while True:
                    os.write(descriptor, b"x" * size)
            except OSError:
                continue
        if free:
            os.ftruncate(descriptor, max(0, os.fstat(descriptor).st_size - free))
    finally:
        os.close(descriptor)


def unmount(mount: Path) -> None:
    for _ in range(20):
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode == 0:
            return
        time.sleep(0.5)
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


# --- PostgreSQL helpers ------------------------------------------------------------------------------------------


def _pg_connect(url: str) -> Any:
    import psycopg  # from the virtualenv

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True, connect_timeout=10)


def pg_reset(url: str) -> None:
    with _pg_connect(url) as connection:
        connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
        connection.execute("CREATE SCHEMA public")
        connection.execute("GRANT ALL ON SCHEMA public TO public")


def pg_query(url: str, sql: str) -> Any:
    try:
        with _pg_connect(url) as connection:
            row = connection.execute(sql).fetchone()
            return row[0] if row else None
    except Exception as error:  # noqa: BLE001 - a table that is not there yet
        return f"error: {error}"


def pg_counts(url: str) -> dict[str, Any]:
    return {table: pg_query(url, f"SELECT count(*) FROM {table}")
            for table in ("annotations", "themes", "annotation_refs", "reviewers")}


# --- the table ---------------------------------------------------------------------------------------------------


def table(trials: list[Trial]) -> str:
    rows: dict[str, list[Trial]] = {}
    for trial in trials:
        rows.setdefault(trial.row, []).append(trial)
    order = ("mutated PDF", "hostile PDF", "W3C", "merge", "CSV", "SIGKILL", "full disk", "PostgreSQL")
    first = {row: index for index, row in enumerate(rows)}
    rows = dict(sorted(rows.items(), key=lambda entry: (
        next((n for n, prefix in enumerate(order) if entry[0].startswith(prefix)), len(order)), first[entry[0]])))
    head = ("| input | tried | clean errors | accepted | unclear errors | wrong result | tracebacks | hangs | runaways "
            "| half-done | slowest s | peak MB |")
    lines = [head, "|" + "---|" * 12]
    total = {key: 0 for key in (*COLUMNS, "runaway", "half-done", "tried")}
    for row, found in rows.items():
        counts = {key: sum(1 for trial in found if trial.category == key) for key in COLUMNS}
        runaway = sum(1 for trial in found if "runaway" in trial.flags)
        half = sum(1 for trial in found if "half-done" in trial.flags)
        for key, value in counts.items():
            total[key] += value
        total["runaway"] += runaway
        total["half-done"] += half
        total["tried"] += len(found)
        slowest = max(trial.seconds for trial in found)
        peak = max(trial.peak for trial in found) / 2**20
        lines.append(f"| {row} | {len(found)} | " + " | ".join(str(counts[key]) for key in COLUMNS)
                     + f" | {runaway} | {half} | {slowest:.1f} | {peak:.0f} |")
    lines.append(f"| **all** | **{total['tried']}** | " + " | ".join(f"**{total[key]}**" for key in COLUMNS)
                 + f" | **{total['runaway']}** | **{total['half-done']}** | | |")
    return "\n".join(lines)


def findings(trials: list[Trial]) -> str:
    """The findings, grouped by where they happened and what was said."""
    groups: dict[tuple[str, str, str], list[Trial]] = {}
    for trial in trials:
        if not trial.finding:
            continue
        signature = re.sub(r"/\S+", "PATH", trial.reason)
        signature = re.sub(r"\d+(\.\d+)?", "N", signature)[:140]
        flags = ",".join(sorted(trial.flags & {"runaway", "half-done"}))
        groups.setdefault((trial.row, f"{trial.category}{'+' + flags if flags else ''}", signature), []).append(trial)
    out = []
    for (row, category, _), found in sorted(groups.items(), key=lambda entry: (entry[0][0], entry[0][1])):
        first = found[0]
        notes = f" ({'; '.join(first.notes)})" if first.notes else ""
        out.append(f"- **{row}**, {category}, {len(found)}x, e.g. {first.case[:120]}: {first.reason[:240]}"
                   f"{notes[:300]}")
    return "\n".join(out) if out else "(none)"


# --- main --------------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="kinds: " + ", ".join(KINDS))
    parser.add_argument("--quick", action="store_true", help="a few of each kind, about 5 minutes")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds to run (default: all)")
    parser.add_argument("--seed", type=int, default=20261201, help="seed of every input (default 20261201)")
    parser.add_argument("--pg", metavar="URL", help="a throwaway PostgreSQL database (its schema is dropped)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep each finding's inputs, commands and output")
    parser.add_argument("--tree", type=Path, default=REPO, help="the checkout to attack (default: this one)")
    parser.add_argument("--python", default=sys.executable, help="the python that runs annotator (default: this)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="commands at once (default 2)")
    parser.add_argument("--timeout", type=float, help="wall-clock limit per command, s (default 60, --quick 20)")
    parser.add_argument("--verbose", action="store_true", help="print every trial, not only the findings")
    parser.add_argument("--work", type=Path, metavar="DIR", help="build the inputs here and leave them (default: a "
                        "temporary folder, removed at the end)")
    args = parser.parse_args(argv)
    kinds = [kind.strip() for kind in args.kinds.split(",") if kind.strip()]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)} (known: {', '.join(KINDS)})")
    args.tree = args.tree.resolve()
    if args.keep is not None:
        args.keep = args.keep.resolve()
        args.keep.mkdir(parents=True, exist_ok=True)
    if args.work is not None:
        work = args.work.resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="annotator-attack-"))
    if args.timeout is None:
        args.timeout = 20.0 if args.quick else 60.0
    runner = Runner(args.python, args.tree, work / "home", args.timeout)
    campaign = Campaign(args, runner, work)
    builders = Kinds(campaign)
    started = time.monotonic()

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    interrupted = False
    try:
        jobs: list[Callable[[], None]] = []
        if "pg" in kinds:
            chain = builders.pg()

            def pg_chain() -> None:  # one after the other (some stop the server), beside the other kinds
                for job in chain:
                    try:
                        job()
                    except Exception:  # noqa: BLE001 - report and go on
                        print("a PostgreSQL trial failed:\n" + traceback.format_exc(), file=sys.stderr)
            if chain:
                jobs.append(pg_chain)
        for kind in kinds:
            if kind != "pg":
                jobs += getattr(builders, kind.replace("-", "_"))()
        print(f"attacking {args.tree} with {len(jobs)} inputs on {args.jobs} workers; work in {work}",
              file=sys.stderr, flush=True)
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(job) for job in jobs]
            for future in as_completed(futures):
                error = future.exception()
                if error is not None:
                    if isinstance(error, SystemExit):
                        raise error
                    print("the campaign itself failed on an input:\n" + "".join(
                        traceback.format_exception(error)), file=sys.stderr)
    except KeyboardInterrupt:
        interrupted = True
        print("interrupted: the table shows what was tried so far", file=sys.stderr)
    finally:
        for mount in list(campaign.mounts):
            unmount(mount)
    minutes = (time.monotonic() - started) / 60
    print(f"## Attack on the command line ({'quick' if args.quick else 'full'}, seed {args.seed}, "
          f"{minutes:.1f} min{', interrupted' if interrupted else ''})\n")
    print(table(campaign.trials))
    touched = sum(1 for trial in campaign.trials if "touched" in trial.flags)
    lingering = sum(1 for trial in campaign.trials if any(run.lingering for run in trial.runs))
    print(f"\nclean error: exit 1 and one line `error: ...` naming the file; accepted: exit 0 and the database and "
          f"exports still work afterwards; runaway: over {RUNAWAY_BYTES / 2**30:.1f} GB RSS; half-done: the database "
          f"changed, or files were left behind, although the command failed (after SIGKILL: damaged or part of it).")
    if touched:
        print(f"{touched} failed commands changed the database file's bytes but not its rows.")
    if lingering:
        print(f"{lingering} trials left a process running 3 s after the command ended.")
    for row in sorted({trial.row for trial in campaign.trials if trial.row.startswith("SIGKILL")}):
        outcomes: dict[str, int] = {}
        for trial in campaign.trials:
            if trial.row == row:
                outcomes[trial.reason[:60]] = outcomes.get(trial.reason[:60], 0) + 1
        print(f"{row}: " + ", ".join(f"{count} {reason}" for reason, count in sorted(outcomes.items())) + ".")
    for note in campaign.skipped:
        print(f"left out: {note}")
    print("\n### Findings\n")
    print(findings(campaign.trials))
    if args.keep is not None:
        print(f"\nkept {campaign.kept} findings in {args.keep}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if any(trial.finding for trial in campaign.trials) else 0


if __name__ == "__main__":
    sys.exit(main())
