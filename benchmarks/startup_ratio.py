"""Start to first page painted: annotator against a minimal PySide6 + PyMuPDF viewer, in the same run.

Both are started as fresh processes, open the same PDF, wait until the first page is painted, save the window as
PNG and exit. Runs alternate so machine noise hits both alike; medians are compared. Target: ratio <= 1.3.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PDF = REPO / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"


def _timed(command: list[str], trace: Path) -> float:
    """Seconds from starting ``command`` until its first page was painted."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               ANNOTATOR_STARTUP_TRACE=str(trace))
    trace.unlink(missing_ok=True)
    start = time.time()
    subprocess.run(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, check=True)
    return float(trace.read_text()) - start


def main() -> None:
    pdf = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PDF
    rounds = int(os.environ.get("ROUNDS", "7"))
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


if __name__ == "__main__":
    main()
