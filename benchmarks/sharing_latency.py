"""Two reviewers on one PostgreSQL server: how soon one window shows what the other saved.

Opens the bundled sample agreement in two main windows (offscreen, in one process, each with its own database worker
and connections, as two reviewers' programs have), on the same server. Window A highlights a passage, then judges it
``--edits`` times with the keys 1-5, at random moments; for each edit the time from A's save being committed (A's
worker reports it done) to B's Annotations list holding the new judgment (B's refresh handled, its model updated,
the repaint requested). Measured twice in the same run:

- polling only (``ANNOTATOR_NOTIFY=off``): B finds the change at its next poll, every ``REFRESH_MS``;
- with LISTEN/NOTIFY (the poll still running): the server tells B the moment A's transaction commits.

Targets, as ratios against polling in the same run: median with notifications < 0.25 of polling's median and its
max < 0.5 of polling's max; and the median under 500 ms, the issue's bound for a colleague's change.

    .venv/bin/python benchmarks/sharing_latency.py [--db URL] [--edits N]

``--db`` defaults to ``ANNOTATOR_TEST_PG_URL``; it must be a PostgreSQL server (SQLite has no notifications).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.domain.model import Judgment  # noqa: E402
from annotator.paths import sample_agreement  # noqa: E402
from annotator.pdf.selection import TextPosition, TextSelection, make_anchor  # noqa: E402
from annotator.pdf.service import ProcessPool  # noqa: E402
from annotator.services.commands import AddAnnotations  # noqa: E402
from annotator.ui import review_controller  # noqa: E402
from annotator.ui.app import database_opener, load_catalogue  # noqa: E402
from annotator.ui.cache import PageImageCache  # noqa: E402
from annotator.ui.i18n import Translator  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

EDITS = 30
TIMEOUT_S = 15.0
JUDGMENTS = list(Judgment)


def spin(app: QApplication, until, timeout: float = 60.0, what: str = "the window") -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not until():
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.0002)


def key(app: QApplication, window: MainWindow, code: Qt.Key) -> None:
    """A key pressed on the page of the active window, as the reviewer types it (the judgment keys are the
    window's shortcuts)."""
    if not window.isActiveWindow():
        window.activateWindow()
        spin(app, window.isActiveWindow, timeout=5, what="A's window to be active")
    window.view.setFocus()
    QTest.keyClick(window.view, code)


def reviewer(app: QApplication, folder: Path, name: str, url: str, processes: ProcessPool) -> MainWindow:
    settings = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
    settings.setValue("reviewer_name", name)
    window = MainWindow(Translator("en"), settings, PageImageCache(64 * 2**20), processes, load_catalogue,
                        database_opener(url))
    window.resize(1100, 800)
    window.show()
    window.open_document(sample_agreement())
    spin(app, lambda: window.workspace is not None and window.review.review is not None
         and window.view.is_fully_painted(), what=f"{name}'s window")
    return window


def shows(window: MainWindow, id: str, judgment: Judgment | None) -> bool:
    """B's review copy and its Annotations list hold this judgment of the annotation."""
    review = window.review.review
    if review is None or (shown := review.annotations.get(id)) is None or shown.judgment is not judgment:
        return False
    model = window.annotation_list.model
    row = model.row_of(id)
    return row is not None and model.annotation(row).judgment is judgment


def measure(app: QApplication, folder: Path, url: str, edits: int, notify: bool, seed: int) -> list[float]:
    """Milliseconds from A's commit to B showing it, for each of ``edits`` judgments."""
    os.environ["ANNOTATOR_NOTIFY"] = "on" if notify else "off"
    processes = ProcessPool()
    a = reviewer(app, folder, "Anna", url, processes)
    b = reviewer(app, folder, "Bert", url, processes)
    try:
        # A highlights a passage on the first page with text; B sees it (by the poll or the notification).
        view = a.view
        view._want_texts(list(range(view.page_count)))  # noqa: SLF001
        spin(app, lambda: all(view.page_text(p) is not None for p in range(view.page_count)), what="page texts")
        page = next(p for p in range(view.page_count) if len(view.page_text(p).text) > 40)
        anchor = make_anchor(TextSelection(TextPosition(page, 0), TextPosition(page, 30)), view.texts)
        controller = a.review
        highlight = controller.review.new_annotation(anchor)
        controller.push(AddAnnotations([highlight], text="Add highlight"))
        spin(app, lambda: controller.idle)
        spin(app, lambda: shows(b, highlight.id, None), timeout=TIMEOUT_S, what="B to show the highlight")

        committed: list[float] = []
        worker = controller._worker  # noqa: SLF001 - its done signal is the moment the save is committed
        worker.done.connect(lambda ticket, _result: committed.append(time.perf_counter()) if ticket.writes else None,
                            Qt.ConnectionType.DirectConnection)
        seen: dict[Judgment, float] = {}
        wanted: list[Judgment | None] = [None]

        def b_changed(_changes: object) -> None:
            judgment = wanted[0]
            if judgment is not None and judgment not in seen and shows(b, highlight.id, judgment):
                seen[judgment] = time.perf_counter()

        b.review.changed.connect(b_changed)
        controller.select(highlight.id)
        rng = random.Random(seed)
        latencies: list[float] = []
        previous: Judgment | None = None
        for _ in range(edits):
            # A random moment within one poll period, so the edits meet every phase of B's poll alike.
            pause = time.perf_counter() + rng.uniform(0, review_controller.REFRESH_MS / 1000)
            spin(app, lambda: time.perf_counter() >= pause)
            judgment = rng.choice([j for j in JUDGMENTS if j is not previous])
            previous = judgment
            seen.clear()
            wanted[0] = judgment
            committed.clear()
            key(app, a, getattr(Qt.Key, f"Key_{judgment.rank + 1}"))
            spin(app, lambda: controller.idle and committed, timeout=TIMEOUT_S, what="A's save")
            spin(app, lambda: judgment in seen, timeout=TIMEOUT_S, what="B to show A's judgment")
            latencies.append((seen[judgment] - committed[-1]) * 1000)
        b.review.changed.disconnect(b_changed)
        return latencies
    finally:
        a.close()
        b.close()
        processes.close()
        app.processEvents()


def describe(latencies: list[float]) -> str:
    return f"median {statistics.median(latencies):7.1f} ms, max {max(latencies):7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=os.environ.get("ANNOTATOR_TEST_PG_URL", ""),
                        help="PostgreSQL URL (default: ANNOTATOR_TEST_PG_URL)")
    parser.add_argument("--edits", type=int, default=EDITS)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    if not args.db.startswith("postgresql"):
        raise SystemExit("give a PostgreSQL server with --db postgresql+psycopg://… (or set ANNOTATOR_TEST_PG_URL)")
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        print(f"database: PostgreSQL; {args.edits} judgments by window A, shown in window B "
              f"(poll every {review_controller.REFRESH_MS} ms)")
        polled = measure(app, Path(folder), args.db, args.edits, notify=False, seed=args.seed)
        print(f"polling only:               {describe(polled)}")
        notified = measure(app, Path(folder), args.db, args.edits, notify=True, seed=args.seed)
        print(f"LISTEN/NOTIFY (poll kept):  {describe(notified)}  (target: median < 500 ms)")
        median_ratio = statistics.median(notified) / statistics.median(polled)
        max_ratio = max(notified) / max(polled)
        print(f"ratio notified/polled: median {median_ratio:.3f} (target < 0.25), max {max_ratio:.3f} "
              f"(target < 0.5)")
    left = [thread.name for thread in threading.enumerate() if thread.name == "annotator-listen"]
    if left:
        raise SystemExit(f"listener threads left running: {left}")


if __name__ == "__main__":
    main()
