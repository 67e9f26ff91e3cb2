"""Helpers for the benchmarks that drive the real main window: run its event loop until something holds, measure how
long the loop stood still, and note when a widget was painted.

Used by find_latency.py, preview_latency.py and review_stall.py.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


def now() -> float:
    return time.perf_counter()


def spin(app: QApplication, until, timeout: float = 120.0, what: str = "the window",  # type: ignore[no-untyped-def]
         nap: float = 0.0005) -> None:
    """Run the window until ``until()``, pausing ``nap`` seconds between turns of its event loop (longer pauses
    leave the cores to the window's PDF processes); exits after ``timeout`` seconds, naming ``what`` it waited for."""
    deadline = now() + timeout
    while not until():
        if now() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(nap)


class Heartbeat:
    """A 1 ms timer; the longest gap between its beats is the longest time the event loop was not turning."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.longest = 0.0
        self.timer = QTimer(interval=1)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        current = self.clock.nsecsElapsed()
        self.longest = max(self.longest, (current - self.last) / 1e6)
        self.last = current

    def start(self) -> None:
        self.last = self.clock.nsecsElapsed()
        self.longest = 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.longest


class Paints(QObject):
    """When a widget (install it as the widget's event filter) was painted: the last ``keep`` paints.

    :meth:`first_after` is the first paint at or after a moment, or strictly after it with ``strictly``."""

    def __init__(self, keep: int = 200, strictly: bool = False) -> None:
        super().__init__()
        self.times: list[float] = []
        self.keep = keep
        self.strictly = strictly

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.times.append(now())
            del self.times[:-self.keep]
        return False

    def first_after(self, moment: float) -> float | None:
        if self.strictly:
            return next((time for time in self.times if time > moment), None)
        return next((time for time in self.times if time >= moment), None)
