"""The window's size, place and panel layout: fitted to the screen at the first start, kept for the next one.

The geometry (size, place, maximised or not) is restored as the window is made, and so is the layout of the panels
(where each dock is, its size, which are shown and which tab is in front): their docks are made empty before the
first page is painted, so that the page is laid out where it stays, and the panels are put into them after it.
Qt's restoreGeometry keeps a window kept on a larger screen, or at another scale factor, within the screen it opens
on.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow

GEOMETRY_KEY = "window/geometry"
LAYOUT_KEY = "window/layout"
LAYOUT_VERSION = 1  # raised when the panels change so much that an older layout would not fit them
FIRST_SIZE = QSize(1200, 860)
SCREEN_SHARE = 0.9  # of the screen's free area a first window takes at most


def first_size(window: QMainWindow) -> QSize:
    """The size of a window at the first start: FIRST_SIZE, or less on a smaller screen (or at a larger scale
    factor, which makes the screen smaller in the window's units), but never below what its panels need."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return FIRST_SIZE
    free = screen.availableGeometry()
    width = min(FIRST_SIZE.width(), int(free.width() * SCREEN_SHARE))
    height = min(FIRST_SIZE.height(), int(free.height() * SCREEN_SHARE))
    return QSize(width, height).expandedTo(window.minimumSizeHint())


def restore_geometry(window: QMainWindow, settings: QSettings) -> None:
    """The size and place the window had when it was last closed, else the first size, centred on the screen."""
    kept = settings.value(GEOMETRY_KEY)
    if isinstance(kept, QByteArray) and not kept.isEmpty() and window.restoreGeometry(kept):
        return
    window.resize(first_size(window))
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        window.move(free.x() + (free.width() - window.width()) // 2, free.y() + (free.height() - window.height()) // 2)


def panel_docks(window: QMainWindow, settings: QSettings, editor: str, annotations: str,
                letter: str) -> tuple[QDockWidget, QDockWidget, QDockWidget]:
    """The docks of the review's panels, empty, with these titles: the annotation editor and the letter in tabs on
    the right, the list of annotations below, laid out as the reviewer left them (the panels are put in later)."""
    editor_dock = QDockWidget(editor, window)
    editor_dock.setObjectName("editor-dock")
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, editor_dock)
    list_dock = QDockWidget(annotations, window)
    list_dock.setObjectName("list-dock")
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, list_dock)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.resizeDocks([editor_dock], [340], Qt.Orientation.Horizontal)
    window.resizeDocks([list_dock], [200], Qt.Orientation.Vertical)
    letter_dock = QDockWidget(letter, window)
    letter_dock.setObjectName("letter-dock")
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, letter_dock)
    window.tabifyDockWidget(editor_dock, letter_dock)
    editor_dock.raise_()
    restore_layout(window, settings)
    return editor_dock, list_dock, letter_dock


def restore_layout(window: QMainWindow, settings: QSettings) -> bool:
    """Put the panels where they were when the window was last closed (False when nothing is kept). A panel made
    later (the review queue) takes its place with ``window.restoreDockWidget``."""
    kept = settings.value(LAYOUT_KEY)
    if not isinstance(kept, QByteArray) or kept.isEmpty() or not window.restoreState(kept, LAYOUT_VERSION):
        return False
    for dock in window.findChildren(QDockWidget):
        if dock.isHidden():
            # Hidden for good: a dock just added to a shown window is shown by Qt a moment later unless it was
            # hidden explicitly, which restoreState does not do.
            dock.hide()
    return True


def save(window: QMainWindow, settings: QSettings) -> None:
    """Keep the window's geometry, and the panels' layout once they exist, for the next start."""
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    if window.findChildren(QDockWidget):
        settings.setValue(LAYOUT_KEY, window.saveState(LAYOUT_VERSION))
