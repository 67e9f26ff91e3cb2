"""Run as a program: start annotator's window as `annotator FILE` does, with every panel shown, and print as JSON the
screen's free area, the window's frame, and what overlaps when the window is made as small as it goes.

    python tests/ui/window_fit_probe.py SETTINGS_FOLDER [--lang nl]

Used by test_window_state.py under Xvfb with QT_SCALE_FACTOR=2; importable for overlapping_widgets().
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDockWidget,
    QMainWindow,
    QRubberBand,
    QSplitterHandle,
    QWidget,
)

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "regeerakkoord-voorbeeld.pdf"


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.isWindow() and not widget.visibleRegion().isEmpty()


def overlapping_widgets(window: QMainWindow) -> list[str]:
    """Pairs of sibling widgets drawn over each other, and widgets squeezed below their minimum size, anywhere in
    ``window`` (what a scroll area scrolls is left out: it is clipped by its viewport, not drawn over another)."""
    found: list[str] = []

    def name(widget: QWidget) -> str:
        return f"{type(widget).__name__}({widget.objectName()!r}, {widget.accessibleName()!r})"

    def visit(parent: QWidget) -> None:
        if isinstance(parent, QAbstractScrollArea):
            return
        children = [child for child in parent.children() if isinstance(child, QWidget) and _shown(child)
                    and not isinstance(child, (QRubberBand, QSplitterHandle))]
        for index, first in enumerate(children):
            for second in children[index + 1:]:
                shared: QRect = first.geometry().intersected(second.geometry())
                if shared.width() > 1 and shared.height() > 1 and first.parentWidget() is not window:
                    found.append(f"{name(first)} over {name(second)} in {name(parent)}")
            hint = first.minimumSizeHint()
            if first.layout() is not None and (first.width() < hint.width() - 1 or first.height() < hint.height() - 1):
                found.append(f"{name(first)} is {first.width()}x{first.height()}, below its {hint.width()}x"
                             f"{hint.height()}")
            visit(first)

    visit(window)
    # The main window's own parts (menu bar, toolbar, centre, docks and their separators) must not overlap either.
    parts = [child for child in window.children() if isinstance(child, QWidget) and _shown(child)
             and (isinstance(child, QDockWidget) or child in (window.menuBar(), window.centralWidget(),
                                                              window.statusBar()))]
    for index, first in enumerate(parts):
        for second in parts[index + 1:]:
            shared = first.geometry().intersected(second.geometry())
            if shared.width() > 1 and shared.height() > 1:
                found.append(f"{name(first)} over {name(second)} in the window")
    return found


def main() -> int:
    folder = Path(sys.argv[1])
    language = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    from PySide6.QtCore import QTimer

    from annotator.pdf.service import ProcessPool
    from annotator.ui.app import create_window

    app = QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    app.setOrganizationName("annotator")
    processes = ProcessPool()
    window = create_window(processes, language, f"sqlite:///{folder / 'review.sqlite'}")
    window.show()
    window.open_document(SAMPLE)
    result: dict[str, object] = {}

    def at_smallest() -> None:
        result["smallest"] = [window.width(), window.height()]
        result["overlaps"] = overlapping_widgets(window)
        app.quit()

    def measure() -> None:
        screen = window.screen().availableGeometry()
        frame = window.frameGeometry()
        result["screen"] = [screen.x(), screen.y(), screen.width(), screen.height()]
        result["frame"] = [frame.x(), frame.y(), frame.width(), frame.height()]
        result["ratio"] = window.devicePixelRatioF()
        window.carry_queue  # noqa: B018 - made, as File › Carry Over makes it
        for dock in window.findChildren(QDockWidget):
            dock.show()
        result["docks"] = sorted(dock.objectName() for dock in window.findChildren(QDockWidget))
        window.resize(window.minimumSizeHint())
        QTimer.singleShot(800, at_smallest)

    def painted() -> None:
        if window.workspace is not None and window.view.is_fully_painted():
            window.view.visible_pages_painted.disconnect(painted)
            QTimer.singleShot(800, measure)

    window.view.visible_pages_painted.connect(painted)
    QTimer.singleShot(50_000, app.quit)
    app.exec()
    window.close()
    processes.close()
    print(json.dumps(result))
    return 0 if result.get("overlaps") is not None else 1


if __name__ == "__main__":
    sys.exit(main())
