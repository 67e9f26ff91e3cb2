"""Start to first page: annotator against other PDF viewers, in the same run.

Two ways to measure, both with fresh processes, runs interleaved so that machine noise hits every program alike,
and medians compared:

``python benchmarks/startup_ratio.py [PDF]`` (offscreen): annotator's own start-up trace (ANNOTATOR_STARTUP_TRACE,
written when the view has painted the first pages) against the minimal PySide6 + PyMuPDF viewer in
benchmarks/_baseline_viewer.py. Quick, but it under-reports a little: the trace is written on the event loop's turn
after the frame with the first pages was handed to the window system, not when the screen shows it (and the window's
deferred parts, MainWindow.complete, are built after it). Target: ratio <= 1.3.

``xvfb-run -a -s "-screen 0 1400x1000x24" .venv/bin/python benchmarks/startup_ratio.py --screen`` measures it as
the screen shows it: every program opens the same document in a window of 1200 x 860 pixels, while this process
grabs the screen every 25 ms (benchmarks/_screen.py, through shared memory) and counts the text strokes on the
light page it shows. The first page is on screen at the first grab with at least half the strokes the page shows
at most; the memory of the program's processes together (PSS and RSS of the window and its children, the PDF
processes) is read 3 s after that. Programs: annotator from the virtualenv, the frozen build (dist/annotator/, when
built: bash scripts/build-app.sh), Okular, zathura (with poppler), the minimal viewer and the floor of any PySide6
viewer (benchmarks/_floor_viewer.py: a PNG of the page made beforehand, in a PySide6 window), each with a configuration
folder of its own (annotator with a reviewer's name and a database already made, as on a returning reviewer's
start; zathura fitting the page's width as the others do), all with their bytecode caches as installed. Documents:
the 2021 agreement (50 pages) and it ten times over (500 pages, built in a temporary folder). Targets: annotator
faster than Okular and within 1.3x zathura on both, from the virtualenv and frozen; at most 200 MiB PSS 3 s after
the first page with the agreement, 300 MiB with 500 pages. ``--rounds N`` (default 7), ``--programs a,b,...``,
``--pages 50,500``, ``--keep DIR`` (the last grab of every program as PNG, to look at), ``--json FILE``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PDF = REPO / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"
FROZEN = REPO / "dist" / "annotator" / "annotator"
# Every program's window: annotator's first window has this size, centred on the screen; the others are put at the
# screen's corner (there is no window manager). The whole screen is grabbed.
WIDTH, HEIGHT = 1200, 860
GRAB_S = 0.025
EVERY = 2  # the grab looks at every other pixel of a row
MEMORY_AFTER_S = 3.0
GIVE_UP_S = 30.0
TARGETS = {"okular": 1.0, "zathura": 1.3}
MEMORY_TARGET_MIB = {50: 200, 500: 300}


# --- the start-up trace, offscreen ------------------------------------------------------------------------------


def _timed(command: list[str], trace: Path) -> float:
    """Seconds from starting ``command`` until its first page was painted."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               ANNOTATOR_STARTUP_TRACE=str(trace))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: Python's modules come from their bytecode caches
    trace.unlink(missing_ok=True)
    start = time.time()
    subprocess.run(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, check=True)
    return float(trace.read_text()) - start


def trace_main(pdf: Path, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "shot.png"
        trace = Path(folder) / "painted-at"
        ours_cmd = [sys.executable, "-m", "annotator", str(pdf), "--screenshot", str(out),
                    "--db", str(Path(folder) / "review.sqlite")]
        base_cmd = [sys.executable, str(REPO / "benchmarks" / "_baseline_viewer.py"), str(pdf), str(out)]
        _timed(base_cmd, trace), _timed(ours_cmd, trace)  # warm the file cache and Python's bytecode cache
        ours, base = [], []
        for _ in range(rounds):
            base.append(_timed(base_cmd, trace))
            ours.append(_timed(ours_cmd, trace))
    b, o = statistics.median(base), statistics.median(ours)
    print(f"baseline viewer: median {b * 1000:.0f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in base)})")
    print(f"annotator:       median {o * 1000:.0f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in ours)})")
    print(f"ratio annotator / baseline: {o / b:.2f}  (target <= 1.30)")


# --- as the screen shows it -------------------------------------------------------------------------------------


@dataclass
class Program:
    name: str
    command: Callable[[Path, Path], list[str]]  # (pdf, its own folder) -> command line
    prepare: Callable[[Path], None] = lambda folder: None  # fills its folder before the first run
    traced: bool = False  # writes ANNOTATOR_STARTUP_TRACE


@dataclass
class Run:
    first_s: float | None = None  # start to the first page on screen
    pss_mib: float | None = None
    rss_mib: float | None = None
    processes: int = 0
    trace_s: float | None = None  # start to annotator's own trace


@dataclass
class Results:
    runs: dict[tuple[str, int], list[Run]] = field(default_factory=dict)  # (program, pages) -> runs

    def add(self, program: str, pages: int, run: Run) -> None:
        self.runs.setdefault((program, pages), []).append(run)

    def median(self, program: str, pages: int, what: str) -> float | None:
        values = [getattr(run, what) for run in self.runs.get((program, pages), [])]
        values = [value for value in values if value is not None]
        return statistics.median(values) if values else None


def _annotator_prepare(folder: Path) -> None:
    settings = folder / "config" / "annotator" / "annotator.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[General]\nreviewer_name=Benchmark\n")  # no welcome: a returning reviewer


def _zathura_prepare(folder: Path) -> None:
    (folder / "zathura").mkdir(parents=True, exist_ok=True)
    (folder / "zathura" / "zathurarc").write_text(
        f"set window-width {WIDTH}\nset window-height {HEIGHT}\nset adjust-open width\n")


def programs() -> dict[str, Program]:
    venv_annotator = Path(sys.executable).with_name("annotator")
    annotator = [str(venv_annotator)] if venv_annotator.exists() else [sys.executable, "-m", "annotator"]
    return {
        "annotator": Program("annotator", lambda pdf, folder: [*annotator, str(pdf), "--db",
                                                               str(folder / "review.sqlite")],
                             _annotator_prepare, traced=True),
        "frozen": Program("frozen", lambda pdf, folder: [str(FROZEN), str(pdf), "--db", str(folder / "review.sqlite")],
                          _annotator_prepare, traced=True),
        "okular": Program("okular", lambda pdf, folder: ["okular", "-qwindowgeometry", f"{WIDTH}x{HEIGHT}+0+0",
                                                         str(pdf)]),
        "zathura": Program("zathura", lambda pdf, folder: ["zathura", "-c", str(folder / "zathura"), str(pdf)],
                           _zathura_prepare),
        "viewer": Program("viewer", lambda pdf, folder: [sys.executable, str(REPO / "benchmarks" /
                                                                              "_baseline_viewer.py"), str(pdf), "-"],
                          traced=True),
        "floor": Program("floor", lambda pdf, folder: [sys.executable, str(REPO / "benchmarks" / "_floor_viewer.py"),
                                                       str(_first_page_png(pdf, folder))]),
    }


def _first_page_png(pdf: Path, folder: Path) -> Path:
    """The first page of ``pdf`` at the width the viewers show it, as PNG (made once, in the warm-up run)."""
    import fitz

    png = folder / f"{pdf.stem}-page-1.png"
    if not png.exists():
        with fitz.open(pdf) as doc:
            page = doc.load_page(0)
            scale = 1000 / page.rect.width
            page.get_pixmap(matrix=fitz.Matrix(scale, scale), alpha=False).save(png)
    return png


def available(name: str) -> bool:
    if name == "frozen":
        return FROZEN.exists()
    if name in ("okular", "zathura"):
        return shutil.which(name) is not None
    return True


def _memory_of_tree(root: int) -> tuple[int, int, int]:
    """(PSS kB, RSS kB, processes) of ``root`` and all its descendants."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from big_document import _memory, _tree

    pss = rss = count = 0
    for pid in _tree(root):
        found = _memory(pid)
        if found is not None:
            pss, rss, count = pss + found[0], rss + found[1], count + 1
    return pss, rss, count


def measure_once(program: Program, pdf: Path, folder: Path, screen: Any, keep: Path | None) -> Run:
    from _screen import page_strokes

    trace = folder / "painted-at"
    trace.unlink(missing_ok=True)
    env = dict(os.environ, XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"),
               XDG_CACHE_HOME=str(folder / "cache"), XDG_STATE_HOME=str(folder / "state"),
               ANNOTATOR_STARTUP_TRACE=str(trace), QT_QPA_PLATFORM="xcb")
    env.pop("ANNOTATOR_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: Python's modules come from their bytecode caches
    frames: list[tuple[float, int]] = []
    memory: list[tuple[float, int, int, int]] = []
    last = b""
    wall_start = time.time()
    start = time.monotonic()
    child = subprocess.Popen(program.command(pdf, folder), env=env, cwd=folder, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    provisional: float | None = None
    try:
        while True:
            now = time.monotonic() - start
            if now > GIVE_UP_S or (provisional is not None and now > provisional + MEMORY_AFTER_S + 0.5):
                break
            if child.poll() is not None:
                break
            last = screen.green()
            strokes = page_strokes(last, screen.width // EVERY, screen.height)
            frames.append((now, strokes))
            if provisional is None and strokes >= 30:
                provisional = now
            if provisional is not None and now >= provisional + MEMORY_AFTER_S - 0.5 and \
                    len(frames) % 4 == 0:
                memory.append((time.monotonic() - start, *_memory_of_tree(child.pid)))
            time.sleep(max(0.0, GRAB_S - (time.monotonic() - start - now)))
    finally:
        try:
            os.killpg(child.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        time.sleep(0.3)  # the window is gone from the screen before the next program starts
    run = Run()
    most = max((strokes for _, strokes in frames), default=0)
    if most >= 30:
        run.first_s = next(at for at, strokes in frames if strokes >= most / 2)
        if memory:
            at, pss, rss, count = min(memory, key=lambda sample: abs(sample[0] - run.first_s - MEMORY_AFTER_S))
            run.pss_mib, run.rss_mib, run.processes = pss / 1024, rss / 1024, count
    if program.traced and trace.exists():
        run.trace_s = float(trace.read_text()) - wall_start
    if keep is not None and last:
        _save_png(last, screen.width // EVERY, screen.height, keep / f"{program.name}-{pdf.stem}.png")
    return run


def _save_png(green: bytes, width: int, height: int, path: Path) -> None:
    """The green channel as a grey PNG, to look at what was counted."""
    import zlib

    rows = b"".join(b"\x00" + green[row * width:(row + 1) * width] for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) +
                     chunk(b"IEND", b""))


def build_document(folder: Path, pages: int) -> Path:
    if pages == 50:
        return DEFAULT_PDF
    import fitz

    big = fitz.open()
    with fitz.open(DEFAULT_PDF) as source:
        while big.page_count < pages:
            big.insert_pdf(source, to_page=min(source.page_count, pages - big.page_count) - 1)
    path = folder / f"agreement-{pages}p.pdf"
    big.save(path)
    big.close()
    return path


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value * 1000:.0f}"


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def report(results: Results, names: list[str], sizes: list[int]) -> None:
    print(f"\nmedians of {max(len(r) for r in results.runs.values())} runs; first page on screen (ms), "
          "memory 3 s later (MiB, all processes)")
    print(f"{'program':<10} {'pages':>5} {'first':>6} {'trace':>6} {'PSS':>5} {'RSS':>5} {'procs':>5}  runs (ms)")
    for pages in sizes:
        for name in names:
            runs = results.runs.get((name, pages), [])
            print(f"{name:<10} {pages:>5} {_ms(results.median(name, pages, 'first_s')):>6} "
                  f"{_ms(results.median(name, pages, 'trace_s')):>6} "
                  f"{_mib(results.median(name, pages, 'pss_mib')):>5} "
                  f"{_mib(results.median(name, pages, 'rss_mib')):>5} "
                  f"{_mib(results.median(name, pages, 'processes')):>5}  "
                  f"{', '.join(_ms(run.first_s) for run in runs)}")
    print("\nratios (first page on screen; target)")
    for ours in ("annotator", "frozen"):
        if ours not in names:
            continue
        for pages in sizes:
            mine = results.median(ours, pages, "first_s")
            parts = []
            for other in ("okular", "zathura", "viewer"):
                theirs = results.median(other, pages, "first_s")
                if mine is None or theirs is None or other not in names:
                    continue
                target = TARGETS.get(other)
                verdict = "" if target is None else (f" (< {target:.1f} ok)" if other == "okular" and mine / theirs
                                                     < target else f" (<= {target:.1f} ok)" if other != "okular" and
                                                     mine / theirs <= target else f" (target {target:.1f}: MISSED)")
                parts.append(f"/{other} {mine / theirs:.2f}{verdict}")
            pss = results.median(ours, pages, "pss_mib")
            limit = MEMORY_TARGET_MIB.get(pages)
            memory = "" if pss is None or limit is None else \
                f"; PSS {pss:.0f} MiB ({'ok' if pss <= limit else 'MISSED'}, target <= {limit})"
            print(f"{ours:<10} {pages:>4} p: {'  '.join(parts)}{memory}")


def screen_main(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from _screen import Screen

    names = [name for name in args.programs.split(",") if name]
    missing = [name for name in names if not available(name)]
    if missing:
        print(f"not available, left out: {', '.join(missing)}")
        names = [name for name in names if name not in missing]
    known = programs()
    sizes = [int(size) for size in args.pages.split(",")]
    screen = Screen(every=EVERY)  # all of it: annotator centres its first window, the others take the corner
    results = Results()
    keep = Path(args.keep) if args.keep else None
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        documents = {pages: build_document(base, pages) for pages in sizes}
        for name in names:
            (base / name).mkdir()
            known[name].prepare(base / name)
        for pages in sizes:  # warm the file cache, the bytecode caches and annotator's database
            for name in names:
                measure_once(known[name], documents[pages], base / name, screen, None)
        for round_ in range(args.rounds):
            for pages in sizes:
                for name in names:
                    run = measure_once(known[name], documents[pages], base / name, screen,
                                       keep if round_ == args.rounds - 1 else None)
                    results.add(name, pages, run)
                    print(f"round {round_ + 1} {name:<10} {pages:>4} p: first {_ms(run.first_s)} ms, trace "
                          f"{_ms(run.trace_s)} ms, PSS {_mib(run.pss_mib)} MiB, RSS {_mib(run.rss_mib)} MiB, "
                          f"{run.processes} processes", flush=True)
    report(results, names, sizes)
    if args.json:
        Path(args.json).write_text(json.dumps(
            {f"{name}/{pages}": [run.__dict__ for run in runs] for (name, pages), runs in results.runs.items()},
            indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF, help="(trace mode) the document")
    parser.add_argument("--screen", action="store_true", help="measure what the screen shows (under Xvfb)")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("ROUNDS", "7")))
    parser.add_argument("--programs", default="annotator,frozen,okular,zathura,viewer,floor")
    parser.add_argument("--pages", default="50,500")
    parser.add_argument("--keep", help="folder for the last grab of each program (PNG)")
    parser.add_argument("--json", help="write every run's figures here")
    args = parser.parse_args()
    if args.screen:
        screen_main(args)
    else:
        trace_main(args.pdf, args.rounds)


if __name__ == "__main__":
    main()
