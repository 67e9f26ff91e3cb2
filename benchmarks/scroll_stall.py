"""Scrolling top to bottom through a 500-page document: the longest stall of the UI event loop.

Builds the 2021 agreement ten times over (500 pages), opens it in the real main window (offscreen), and scrolls down
half a window at a time, waiting at each step until the visible pages are painted sharp. A 1 ms heartbeat timer
records the longest gap between event-loop turns. Reports the longest stall (target < 50 ms), whether every page
was painted, and peak memory against the page cache's budget.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import fitz  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.pdf.service import ProcessPool  # noqa: E402
from annotator.ui.cache import PageImageCache  # noqa: E402
from annotator.ui.i18n import Translator  # noqa: E402
from annotator.ui.app import database_opener, load_catalogue  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"
CACHE_BYTES = 128 * 1024 * 1024


def build_500_pages(folder: Path) -> Path:
    """The agreement inserted ten times: 500 pages."""
    source = fitz.open(SOURCE)
    big = fitz.open()
    for _ in range(10):
        big.insert_pdf(source)
    path = folder / "agreement-x10.pdf"
    big.save(path)
    return path


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        pdf = build_500_pages(Path(folder))
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        cache = PageImageCache(CACHE_BYTES)
        opener = database_opener(f"sqlite:///{Path(folder) / 'review.sqlite'}")
        window = MainWindow(Translator("en"), settings, cache, ProcessPool(), load_catalogue, opener)
        window.resize(1200, 860)
        window.show()
        painted_pages: set[int] = set()
        original_put = cache.put

        def put(page: int, scale: float, image: object) -> None:
            painted_pages.add(page)
            original_put(page, scale, image)  # type: ignore[arg-type]

        cache.put = put  # type: ignore[method-assign]
        window.open_document(pdf)
        # The reviewer opens the document and starts scrolling once it is on screen and the workspace is ready.
        while window.document is None or window.workspace is None or window.review.review is None \
                or not window.view.is_fully_painted():
            app.processEvents()
        settle = time.perf_counter() + 0.5
        while time.perf_counter() < settle:
            app.processEvents()
        view = window.view
        bar = view.verticalScrollBar()
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]

        def beat() -> None:
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e6)
            last[0] = now

        heartbeat = QTimer(interval=1)
        heartbeat.timeout.connect(beat)
        heartbeat.start()
        started = time.perf_counter()
        step = view.viewport().height() // 2
        while bar.value() < bar.maximum():
            bar.setValue(min(bar.maximum(), bar.value() + step))
            deadline = time.perf_counter() + 10
            while not view.is_fully_painted() and time.perf_counter() < deadline:
                app.processEvents()
                time.sleep(0.0005)
        elapsed = time.perf_counter() - started
        heartbeat.stop()
        window.close()
        gaps.sort()
        longest = gaps[-1]
        p99 = gaps[int(len(gaps) * 0.99)]
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"pages painted: {len(painted_pages)} of {view.page_count}")
        print(f"scrolled 500 pages in {elapsed:.1f} s; event-loop gaps: longest {longest:.1f} ms, "
              f"99th percentile {p99:.1f} ms (target: longest < 50 ms)")
        print(f"page cache: peak {cache.peak_bytes / 2**20:.0f} MiB of a {CACHE_BYTES / 2**20:.0f} MiB budget; "
              f"process peak RSS {peak_rss_mb:.0f} MiB")


if __name__ == "__main__":
    main()
