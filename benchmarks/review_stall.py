"""The review loop in the real window: how long the UI thread is busy when a reviewer judges, deletes and undoes.

Opens the bundled sample agreement in the main window (offscreen), highlights 200 passages, then, with keys sent to
the focused widgets as a reviewer types them:

- selects all 200 rows of the Annotations list and presses 4 (serious concern), then Del: the longest stall of the
  UI event loop until the database has both (target < 50 ms each). Baseline in the same run: the same two commands
  run synchronously, as the UI thread used to (``Review.execute`` on the database directly);
- one edit: a judgment key on one highlight, UI-thread time from the key press until the repaint is requested
  (target < 2 ms), and the time the database write takes meanwhile in the worker;
- undo of 50 steps in a row (Ctrl+Z): the UI-thread time of each (target < 50 ms).

    .venv/bin/python benchmarks/review_stall.py [--db URL]     # default: a fresh SQLite file

With ``--db postgresql+psycopg://…`` it runs against a PostgreSQL server (the database should be empty).
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEvent, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import _window  # noqa: E402
from _window import Heartbeat  # noqa: E402
from annotator.domain.model import Judgment  # noqa: E402
from annotator.paths import sample_agreement  # noqa: E402
from annotator.pdf.selection import TextPosition, TextSelection, make_anchor  # noqa: E402
from annotator.pdf.service import ProcessPool  # noqa: E402
from annotator.services.commands import AddAnnotations, DeleteAnnotations, EditAnnotations  # noqa: E402
from annotator.ui.app import database_opener, load_catalogue  # noqa: E402
from annotator.ui.cache import PageImageCache  # noqa: E402
from annotator.ui.i18n import Translator  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

COUNT = 200
PROFILE = None
if os.environ.get("ANNOTATOR_PROFILE"):  # profile the UI thread's key handling: ANNOTATOR_PROFILE=out.prof
    import cProfile

    PROFILE = cProfile.Profile()
UNDO_STEPS = 50


spin = functools.partial(_window.spin, timeout=60.0, nap=0.0002)


def key(widget, code: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier, text: str = "",  # type: ignore[no-untyped-def]
        phase: str = "") -> float:
    """Press and release a key on ``widget``; returns the UI-thread milliseconds the press took to handle."""
    press = QKeyEvent(QEvent.Type.KeyPress, code, modifiers, text)
    started = time.perf_counter()
    profiling = PROFILE is not None and os.environ.get("ANNOTATOR_PROFILE_PHASE", phase) == phase
    if profiling:
        PROFILE.enable()  # type: ignore[union-attr]
    QApplication.sendEvent(widget, press)
    if profiling:
        PROFILE.disable()  # type: ignore[union-attr]
    elapsed = (time.perf_counter() - started) * 1000
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, code, modifiers, text))
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'review.sqlite'}"
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Translator("en"), settings, PageImageCache(64 * 2**20), ProcessPool(), load_catalogue,
                            database_opener(url))
        window.resize(1200, 860)
        window.show()
        window.open_document(sample_agreement())
        spin(app, lambda: window.workspace is not None and window.review.review is not None
             and window.view.is_fully_painted())
        controller = window.review
        view = window.view
        pages = range(view.page_count)
        # Page texts for anchors: ask for every page and wait for them.
        view._want_texts(list(pages))  # noqa: SLF001
        spin(app, lambda: all(view.page_text(p) is not None for p in pages))
        review = controller.review
        assert review is not None
        made = []
        for n in range(COUNT):
            page = n % view.page_count
            text = view.page_text(page)
            words = [i for i in range(1, len(text.text)) if text.text[i - 1] == " "]
            start = words[(n // view.page_count) % len(words)]
            selection = TextSelection(TextPosition(page, start), TextPosition(page, min(len(text.text), start + 12)))
            anchor = make_anchor(selection, view.texts)
            if anchor is not None:
                made.append(review.new_annotation(anchor, judgment=Judgment.NOTE))
        controller.push(AddAnnotations(made, text="Add highlights"))
        spin(app, lambda: controller.idle)
        controller.undo_stack.clear()
        app.processEvents()
        print(f"database: {'PostgreSQL' if url.startswith('postgresql') else 'SQLite'}; {len(made)} highlights")

        heartbeat = Heartbeat()
        table = window.annotation_list.table
        table.setFocus()
        table.selectAll()
        app.processEvents()
        heartbeat.start()
        judge_ms = key(table, Qt.Key.Key_4, text="4", phase="judge")
        if PROFILE is not None and os.environ.get("ANNOTATOR_PROFILE_PHASE") == "judge":
            PROFILE.enable()
        spin(app, lambda: controller.idle)
        if PROFILE is not None:
            PROFILE.disable()
        judge_stall = heartbeat.stop()
        assert all(a.judgment is Judgment.SERIOUS_CONCERN for a in controller.review.annotations.values())
        table.setFocus()
        table.selectAll()
        app.processEvents()
        heartbeat.start()
        delete_ms = key(table, Qt.Key.Key_Delete)
        spin(app, lambda: controller.idle)
        delete_stall = heartbeat.stop()
        assert not controller.review.annotations, "the delete did not remove every highlight"
        print(f"judge {len(made)} selected rows: longest event-loop stall {judge_stall:.1f} ms "
              f"(key press handled in {judge_ms:.1f} ms); delete them: {delete_stall:.1f} ms "
              f"(key {delete_ms:.1f} ms)  (target < 50 ms each)")

        # Baseline: the same two commands on the UI thread, synchronously, as before the worker.
        from annotator.services.review import Review
        from annotator.ui.database import DatabaseOpener

        db = DatabaseOpener(url)()
        direct = Review.open(db, controller.review.document, "baseline", [])
        controller.undo_stack.undo()  # bring the 200 back (in the worker)
        spin(app, lambda: controller.idle)
        direct.reload()
        live = list(direct.annotations.values())
        started = time.perf_counter()
        direct.execute(EditAnnotations(live, [a.changed(judgment=Judgment.WELCOME) for a in live]))
        sync_judge = (time.perf_counter() - started) * 1000
        live = list(direct.annotations.values())
        started = time.perf_counter()
        direct.execute(DeleteAnnotations(live))
        sync_delete = (time.perf_counter() - started) * 1000
        print(f"baseline, the same commands run on the UI thread: judge {sync_judge:.1f} ms, delete "
              f"{sync_delete:.1f} ms; stall ratios {judge_stall / sync_judge:.2f} and {delete_stall / sync_delete:.2f}")
        db.close()
        spin(app, lambda: (controller.refresh() or True) and controller.idle and not controller.review.annotations,
             timeout=20)
        controller.undo_stack.clear()

        # Undo history: 50 single edits on fresh highlights, then 50 undos.
        highlights = []
        for n in range(UNDO_STEPS):
            page = n % view.page_count
            text = view.page_text(page)
            selection = TextSelection(TextPosition(page, 0), TextPosition(page, min(len(text.text), 20 + n)))
            anchor = make_anchor(selection, view.texts)
            highlights.append(controller.review.new_annotation(anchor))
        controller.push(AddAnnotations(highlights, text="Add highlights"))
        spin(app, lambda: controller.idle)
        view.setFocus()
        edit_ms: list[float] = []
        for n, annotation in enumerate(highlights):
            controller.select(annotation.id)
            rank = n % 5
            edit_ms.append(key(view, getattr(Qt.Key, f"Key_{rank + 1}"), text=str(rank + 1), phase="edit"))
            spin(app, lambda: controller.idle)
        undo_ms: list[float] = []
        for _ in range(UNDO_STEPS):
            heartbeat.start()
            undo_ms.append(key(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
            spin(app, lambda: controller.idle)
            undo_ms[-1] = max(undo_ms[-1], heartbeat.stop())
        left = [a.judgment for a in controller.review.annotations.values()]
        assert left == [None] * UNDO_STEPS, "undo did not walk back every judgment"
        print(f"one edit (a judgment key): UI thread {statistics.median(edit_ms):.2f} ms median, "
              f"{max(edit_ms):.2f} ms max from key press to repaint request (target < 2 ms)")
        print(f"undo of {UNDO_STEPS} steps in a row: UI thread {statistics.median(undo_ms):.1f} ms median, "
              f"{max(undo_ms):.1f} ms max per step (target < 50 ms each)")
        window.close()
        if PROFILE is not None:
            PROFILE.dump_stats(os.environ["ANNOTATOR_PROFILE"])


if __name__ == "__main__":
    main()
