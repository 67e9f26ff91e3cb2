"""A 2,500-page document in the real window: the memory of every process of the window, against 50 pages.

Builds the 2021 agreement 50 times over (2,500 real pages) and the agreement itself (50 pages), and for each starts
the real main window in a process of its own (offscreen, or on X11 with ``--platform xcb`` under Xvfb), where a
reviewer's hands:

1. open the document and wait until the first pages are painted and the review is open;
2. search at once, before the text of the document has been read (Ctrl+F, type a phrase printed in every copy,
   Enter), and wait for the count;
3. scroll: PageDown sixty times, the wheel forty notches, End, Home, then drag the scroll bar's handle from top to
   bottom in forty steps, each time waiting until the visible pages are painted sharp;
4. wait until the text worker has read every page (what it does when idle), go to a page in the middle (Ctrl+G,
   "[n]", Enter), search another phrase and step through its hits with Enter, F3 and Shift+F3, each time until
   the current hit is marked on screen;
5. go to a page in the middle (Ctrl+G, "[n]", Enter), drag over a sentence and press H to highlight it.

Meanwhile this process samples the proportional set size (PSS; shared pages are split between the processes that
share them) and the RSS of the window's process and all its descendants (the PDF processes) from
/proc/PID/smaps_rollup, every 50 ms. It prints the peak of their sum per phase and per process, the search times,
and the ratio of the 2,500-page peak to the 50-page one. Target: the 2,500-page peak under 600 MB.

Run: .venv/bin/python benchmarks/big_document.py [--copies 50] [--platform offscreen|xcb]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"
COLD_PHRASE = "democratische rechtsorde"  # pages 3, 4 and 48 of every copy
WARM_PHRASE = "kabinet"  # on most pages of every copy
HIGHLIGHT_PAGE = 3  # of a copy (0-based): it opens with HIGHLIGHT_PHRASE
HIGHLIGHT_PHRASE = "De democratische rechtsorde is het fundament van onze samenleving."
TARGET_MB = 600
SAMPLE_S = 0.05


def build(folder: Path, copies: int) -> Path:
    """The agreement ``copies`` times over, in ``folder``."""
    import fitz

    big = fitz.open()
    with fitz.open(SOURCE) as source:
        for _ in range(copies):
            big.insert_pdf(source)
    path = folder / f"agreement-x{copies}.pdf"
    big.save(path)
    big.close()
    return path


# --- the sampler (this process) -------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _tree(root: int) -> list[int]:
    tree = _children()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, ()))
    return found


def _memory(pid: int) -> tuple[int, int] | None:
    """(PSS, RSS) in kB of one process, or None once it has ended."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            values = {name: value for name, _, value in (line.partition(":") for line in stream)}
        return int(values["Pss"].split()[0]), int(values["Rss"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


@dataclass
class Sampled:
    phase: str = "start"
    peak_pss: dict[str, int] = field(default_factory=dict)  # phase -> kB of all processes together
    peak_rss: dict[str, int] = field(default_factory=dict)
    process_peak: dict[int, int] = field(default_factory=dict)  # pid -> its own peak PSS, kB
    phase_process_peak: dict[tuple[str, int], int] = field(default_factory=dict)  # (phase, pid) -> peak PSS, kB
    samples: int = 0


def sample(root: int, into: Sampled, stop: threading.Event) -> None:
    while not stop.is_set():
        pss = rss = 0
        for pid in _tree(root):
            found = _memory(pid)
            if found is None:
                continue
            pss += found[0]
            rss += found[1]
            into.process_peak[pid] = max(into.process_peak.get(pid, 0), found[0])
            key = (into.phase, pid)
            into.phase_process_peak[key] = max(into.phase_process_peak.get(key, 0), found[0])
        into.peak_pss[into.phase] = max(into.peak_pss.get(into.phase, 0), pss)
        into.peak_rss[into.phase] = max(into.peak_rss.get(into.phase, 0), rss)
        into.samples += 1
        stop.wait(SAMPLE_S)


def measure(pdf: Path, folder: Path, platform: str) -> tuple[Sampled, dict[str, object]]:
    """Run the window on ``pdf`` in a process of its own and sample its process tree until it ends."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONPATH=str(REPO))
    child = subprocess.Popen([sys.executable, __file__, "--window", str(pdf), str(folder)], env=env,
                             stdout=subprocess.PIPE, text=True)
    sampled = Sampled()
    stop = threading.Event()
    sampler = threading.Thread(target=sample, args=(child.pid, sampled, stop), daemon=True)
    sampler.start()
    result: dict[str, object] = {}
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("phase "):
            sampled.phase = line.split()[1]
        elif line.startswith("result "):
            result = json.loads(line[len("result "):])
        else:
            print("   ", line.rstrip())
    child.wait()
    stop.set()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"the window run on {pdf.name} failed ({child.returncode})")
    return sampled, result


def report(name: str, pages: int, sampled: Sampled, result: dict[str, object]) -> float:
    total = max(sampled.peak_pss.values()) / 1024
    rss = max(sampled.peak_rss.values()) / 1024
    roles = {int(pid): role for role, pid in dict(result.get("pids", {})).items()}  # type: ignore[arg-type]
    print(f"{name}: {pages} pages; peak of all processes: {total:.0f} MB PSS ({rss:.0f} MB summed RSS), "
          f"{sampled.samples} samples")
    print("  by phase (PSS, MB): " + ", ".join(f"{phase} {kb / 1024:.0f}" for phase, kb in sampled.peak_pss.items()))
    def role(pid: int) -> str:
        return roles.get(pid, "pdf-spare")

    print("  by process (own peak PSS, MB): " + ", ".join(
        f"{role(pid)} {kb / 1024:.0f}"
        for pid, kb in sorted(sampled.process_peak.items(), key=lambda item: -item[1]) if kb > 1024))
    for phase in sampled.peak_pss:
        print(f"    {phase}: " + ", ".join(f"{role(pid)} {kb / 1024:.0f}" for (name, pid), kb in sorted(
            sampled.phase_process_peak.items(), key=lambda item: -item[1]) if name == phase and kb > 1024))
    for key in ("cold_search", "warm_search"):
        found = result.get(key)
        if isinstance(found, dict):
            print(f"  {key.replace('_', ' ')} {found['phrase']!r}: {found['hits']} hits, first after "
                  f"{found['first_s']:.2f} s, all after {found['all_s']:.2f} s")
    print(f"  hits visited with Enter, F3 and Shift+F3 (page, hit boxes painted there): {result.get('visited')}; "
          f"all painted: {result.get('painted')}; "
          f"highlight made: {result.get('highlighted')!r}; child's page texts: {result.get('child_texts')}")
    return total


# --- the window (a process of its own) --------------------------------------------------------------------------


def run_window(pdf: Path, folder: Path) -> None:  # noqa: C901 - one reviewer's session, step by step
    from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
    from PySide6.QtGui import QMouseEvent, QWheelEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSlider

    from annotator.pdf.service import ProcessPool
    from annotator.ui.app import CACHE_BYTES, database_opener, load_catalogue
    from annotator.ui.cache import PageImageCache
    from annotator.ui.i18n import Translator
    from annotator.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    settings = QSettings(str(folder / f"settings-{pdf.stem}.ini"), QSettings.Format.IniFormat)
    processes = ProcessPool()
    opener = database_opener(f"sqlite:///{folder / f'review-{pdf.stem}.sqlite'}")
    window = MainWindow(Translator("en"), settings, PageImageCache(CACHE_BYTES), processes, load_catalogue, opener)
    window.resize(1200, 860)
    window.show()
    view = window.view

    def phase(name: str) -> None:
        thumbnails = len(getattr(window.sidebar.thumbnails, "_have", ()))
        print(f"{pdf.stem}, before {name}: page cache {window.cache.size_bytes / 2**20:.0f} MB in {len(window.cache)} "
              f"images, {len(view.texts)} page texts in the view, {thumbnails} thumbnails, "
              f"{len(getattr(window.finder, '_boxes', ()))} pages of hit boxes", flush=True)
        print("phase", name, flush=True)

    def wait(condition, seconds: float = 120.0) -> bool:  # type: ignore[no-untyped-def]
        deadline = time.perf_counter() + seconds
        while not condition():
            if time.perf_counter() > deadline:
                return False
            app.processEvents()
            time.sleep(0.002)
        return True

    def painted() -> bool:
        return wait(view.is_fully_painted, 20)

    indexed = threading.Event()
    phase("open")
    window.open_document(pdf)
    assert wait(lambda: window._text is not None, 60)  # noqa: SLF001 - the benchmark watches the text worker
    window._text.text_layers_checked.connect(lambda _pages: indexed.set())  # noqa: SLF001
    assert wait(lambda: window.review.review is not None and view.is_fully_painted(), 60)
    result: dict[str, object] = {"gui": os.getpid(), "pages": view.page_count, "pids": {
        "gui": os.getpid(),
        "pdf": window._render.process.process._process.pid,  # noqa: SLF001 - renders and text share it
    }}
    all_painted = True

    def keys_to_the_window() -> None:
        """Shortcuts act in the active window (on X11 without a window manager it has to be asked for)."""
        window.activateWindow()
        wait(window.isActiveWindow, 5)
        view.setFocus()

    def search(phrase: str) -> dict[str, object]:
        keys_to_the_window()
        QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        field = window.search_bar.field
        assert wait(field.hasFocus, 5)
        QTest.keyClicks(field, phrase)
        started = time.perf_counter()
        QTest.keyClick(field, Qt.Key.Key_Return)
        count = window.search_bar.count
        assert wait(lambda: window.finder.hits, 600)
        first = time.perf_counter() - started
        assert wait(lambda: count.text() and not count.text().startswith("Searching"), 600)
        return {"phrase": phrase, "hits": len(window.finder.hits), "first_s": first,
                "all_s": time.perf_counter() - started, "count": count.text()}

    def go_to(page: int) -> None:
        """Ctrl+G, the page's position in brackets, Enter."""
        keys_to_the_window()
        QTest.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(window.page_field, f"[{page + 1}]")
        QTest.keyClick(window.page_field, Qt.Key.Key_Return)

    phase("cold-search")
    result["cold_search"] = search(COLD_PHRASE)
    QTest.keyClick(window.search_bar.field, Qt.Key.Key_Escape)

    phase("scroll")
    view.setFocus()
    for _ in range(60):
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        all_painted &= painted()
    centre = QPointF(view.viewport().rect().center())
    for _ in range(40):
        wheel = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(view.viewport(), wheel)
        all_painted &= painted()
    QTest.keyClick(view, Qt.Key.Key_End)
    all_painted &= painted()
    QTest.keyClick(view, Qt.Key.Key_Home)
    all_painted &= painted()
    bar = view.verticalScrollBar()
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    handle = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                        QStyle.SubControl.SC_ScrollBarSlider, bar).center()
    left = Qt.MouseButton.LeftButton

    def mouse(kind: QEvent.Type, point: QPoint, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(kind, QPointF(point), QPointF(bar.mapToGlobal(point)),
                            left if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(bar, event)

    mouse(QEvent.Type.MouseButtonPress, handle, left)
    steps = 40
    for step in range(1, steps + 1):
        mouse(QEvent.Type.MouseMove, QPoint(handle.x(), handle.y() + round((bar.height() - handle.y()) * step / steps)),
              left)
        all_painted &= painted()
    mouse(QEvent.Type.MouseButtonRelease, QPoint(handle.x(), bar.height()), Qt.MouseButton.NoButton)
    result["scrolled_to"] = view.current_page

    phase("index")
    wait(indexed.is_set, 900)

    phase("warm-search")
    copies = view.page_count // 50
    middle = (copies // 2) * 50 + 10
    go_to(middle)
    result["warm_search"] = search(WARM_PHRASE)
    visited = []

    def shown() -> None:
        """The current hit's page, once its hit is marked on screen, with the number of hit boxes painted there."""
        finder = window.finder

        def on_screen() -> bool:
            current = view._current_hit  # noqa: SLF001
            return (finder.index is not None and bool(finder.hits[finder.index].rects) and current is not None
                    and current[0] == finder.hits[finder.index].page and current[0] in view.visible_pages())

        ok = wait(on_screen, 10)
        page = finder.hits[finder.index].page if finder.index is not None else None
        visited.append((page, len(view._hits.get(page, ())) if ok and page is not None else 0))  # noqa: SLF001

    shown()
    for _ in range(3):
        QTest.keyClick(window.search_bar.field, Qt.Key.Key_Return)
        all_painted &= painted()
        shown()
    for modifier in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        QTest.keyClick(window.search_bar.field, Qt.Key.Key_F3, modifier)
        all_painted &= painted()
        shown()
    result["visited"] = visited
    QTest.keyClick(window.search_bar.field, Qt.Key.Key_Escape)

    phase("annotate")
    target = (copies // 2) * 50 + HIGHLIGHT_PAGE
    go_to(target)
    all_painted &= painted()
    assert wait(lambda: view.page_text(target) is not None, 60)
    text = view.page_text(target)
    start = text.text.index(HIGHLIGHT_PHRASE)
    end = start + len(HIGHLIGHT_PHRASE) - 1
    a, b = view.view_rect(target, text.boxes[start]), view.view_rect(target, text.boxes[end])
    press, release = QPointF(a.left() + 1, a.center().y()), QPointF(b.right() + 1, b.center().y())
    port = view.viewport()

    def view_mouse(kind: QEvent.Type, point: QPointF, buttons: Qt.MouseButton) -> None:
        event = QMouseEvent(kind, point, QPointF(port.mapToGlobal(point)),
                            left if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton, buttons,
                            Qt.KeyboardModifier.NoModifier)
        event.setTimestamp(time.monotonic_ns() // 1_000_000)
        QApplication.sendEvent(port, event)

    view_mouse(QEvent.Type.MouseButtonPress, press, left)
    for step in range(1, 6):
        view_mouse(QEvent.Type.MouseMove, press + (release - press) * (step / 5), left)
    view_mouse(QEvent.Type.MouseButtonRelease, release, Qt.MouseButton.NoButton)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_H)
    annotation = window.editor.annotation
    result["highlighted"] = annotation.quote if annotation is not None else None
    wait(lambda: window.review.idle, 30)
    result["painted"] = all_painted
    # The PDF process is the text worker's (one thread calls it): ask once the worker has nothing left to do.
    worker = window._text  # noqa: SLF001
    wait(lambda: not worker._wanted_texts and not worker._wanted_hits, 10)  # noqa: SLF001
    settle = time.perf_counter() + 1
    wait(lambda: time.perf_counter() > settle, 2)
    try:
        result["child_texts"] = window._text.process.call("text_cache")  # noqa: SLF001
    except Exception as error:  # noqa: BLE001 - an older child has no such operation
        result["child_texts"] = f"unknown ({type(error).__name__})"
    phase("close")
    print("result", json.dumps(result), flush=True)
    window.close()
    processes.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--copies", type=int, default=50, help="copies of the 50-page agreement (default 50)")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--window", nargs=2, metavar=("PDF", "FOLDER"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.window:
        run_window(Path(arguments.window[0]), Path(arguments.window[1]))
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        small, big = build(folder, 1), build(folder, arguments.copies)
        print(f"measuring the 50-page document ({arguments.platform})", flush=True)
        small_sampled, small_result = measure(small, folder, arguments.platform)
        print(f"measuring the {50 * arguments.copies}-page document ({arguments.platform})", flush=True)
        big_sampled, big_result = measure(big, folder, arguments.platform)
    small_peak = report("small", 50, small_sampled, small_result)
    big_peak = report("big", 50 * arguments.copies, big_sampled, big_result)
    print(f"peak memory of the window's processes: {big_peak:.0f} MB for {50 * arguments.copies} pages, "
          f"{small_peak:.0f} MB for 50; ratio {big_peak / small_peak:.2f} "
          f"(target: under {TARGET_MB} MB: {'met' if big_peak < TARGET_MB else 'NOT met'})")


if __name__ == "__main__":
    main()
