"""The icons of the toolbar and the menus: Lucide's line icons (ISC licence, resources/icons/LICENSE), as SVG.

Each icon is drawn when Qt first asks for it, at the size and pixel ratio it is shown at (crisp on a high-DPI
screen), in the palette's text colour of the moment: dark on a light window, light on a dark one, grey when the
action is disabled. Nothing is read or drawn before then, so the toolbar's icons cost the first paint a few
milliseconds and the menus' nothing until they open. SVG is read by Qt's svg image format plugin (QtSvg's library,
which PySide6-Essentials ships and the frozen build keeps); the Python module PySide6.QtSvg is not needed.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QImageReader, QPainter, QPalette, QPixmap

from annotator.paths import resources_dir

_svg_sources: dict[str, bytes] = {}
_clones: list[QIconEngine] = []


def icon_file(name: str) -> str:
    """The SVG file of the icon ``name`` (Lucide's name, e.g. "zoom-in")."""
    return str(resources_dir() / "icons" / f"{name}.svg")


def _source(name: str) -> bytes:
    source = _svg_sources.get(name)
    if source is None:
        try:
            with open(icon_file(name), "rb") as file:
                source = file.read()
        except OSError:
            source = b""
        _svg_sources[name] = source
    return source


def _colour(mode: QIcon.Mode) -> QColor:
    """The palette's colour for an icon drawn in ``mode``: its text, grey when disabled, the selection's text."""
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)


def render(name: str, pixels: QSize, colour: QColor) -> QPixmap:
    """The icon drawn ``pixels`` large in ``colour`` (a null pixmap when the file or the svg plugin is missing)."""
    source = _source(name)
    if not source or pixels.isEmpty():
        return QPixmap()
    data = QByteArray(source.replace(b"currentColor", colour.name().encode("ascii")))
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    side = min(pixels.width(), pixels.height())  # square, centred in a wider box
    reader.setScaledSize(QSize(side, side))
    image = reader.read()
    if image.isNull():
        return QPixmap()
    if side == pixels.width() and side == pixels.height():
        return QPixmap.fromImage(image)
    canvas = QPixmap(pixels)
    canvas.fill(QColor(0, 0, 0, 0))
    painter = QPainter(canvas)
    painter.drawImage((pixels.width() - side) // 2, (pixels.height() - side) // 2, image)
    painter.end()
    return canvas


class SvgIconEngine(QIconEngine):
    """An icon drawn from its SVG on demand, in the palette's colour (see the module's description)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._pixmaps: dict[tuple[int, int, str], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        colour = _colour(mode)
        key = (size.width(), size.height(), colour.name(QColor.NameFormat.HexArgb))
        drawn = self._pixmaps.get(key)
        if drawn is None:
            if len(self._pixmaps) > 16:
                self._pixmaps.clear()
            drawn = self._pixmaps[key] = render(self.name, size, colour)
        return QPixmap(drawn)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:  # noqa: N802
        # ``size`` is the logical size (Qt 6.8 on): drawn at ``scale`` times as many pixels, for a sharp icon.
        drawn = self.pixmap(QSize(round(size.width() * scale), round(size.height() * scale)), mode, state)
        drawn.setDevicePixelRatio(scale)
        return drawn

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        drawn = self.pixmap(QSize(round(rect.width() * ratio), round(rect.height() * ratio)), mode, state)
        drawn.setDevicePixelRatio(ratio)
        painter.drawPixmap(rect, drawn)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        return size

    def isNull(self) -> bool:  # noqa: N802
        return not _source(self.name)

    def clone(self) -> QIconEngine:
        # Qt owns the copy; PySide does not hand it over for a returned engine, so it is kept alive here.
        copy = SvgIconEngine(self.name)
        _clones.append(copy)
        return copy

    def key(self) -> str:
        return "annotator-svg"

    def iconName(self) -> str:  # noqa: N802
        return self.name


def icon(name: str) -> QIcon:
    """The icon ``name`` (a file of resources/icons, without .svg), drawn when first shown."""
    return QIcon(SvgIconEngine(name))


# Which icon each of the window's actions shows, by the attribute that holds the action: what comparable readers
# and editors (Okular, Evince, Acrobat, LibreOffice) show for the same command.
WINDOW_ICONS: Mapping[str, str] = {
    "open_action": "folder-open",
    "quit_action": "log-out",
    "zoom_in_action": "zoom-in",
    "zoom_out_action": "zoom-out",
    "fit_width_action": "move-horizontal",
    "fit_page_action": "scan",
    "actual_size_action": "scaling",
    "sidebar_action": "panel-left",
    "goto_action": "text-cursor-input",
    "next_page_action": "arrow-down",
    "previous_page_action": "arrow-up",
    "first_page_action": "arrow-up-to-line",
    "last_page_action": "arrow-down-to-line",
    "find_action": "search",
    "find_next_action": "chevron-down",
    "find_previous_action": "chevron-up",
    "about_action": "info",
    "preferences_action": "settings",
    "database_action": "database",
    "merge_action": "git-merge",
    "import_action": "file-input",
    "export_action": "file-output",
    "carry_over_action": "forward",
    "review_carried_action": "list-checks",
    "changes_action": "git-compare",
    "import_highlights_action": "file-down",
    "filter_action": "funnel",
    "letter_settings_action": "sliders-horizontal",
    "export_letter_action": "file-text",
}

# The review's actions (annotator.ui.review_actions.ReviewActions), by attribute.
REVIEW_ICONS: Mapping[str, str] = {
    "undo": "undo-2",
    "redo": "redo-2",
    "copy": "copy",
    "highlight": "highlighter",
    "area": "square-dashed",
    "delete": "trash-2",
    "themes": "tags",
    "reviewer": "user-pen",
    "keys": "keyboard",
}


def decorate(owner: QObject, icons: Mapping[str, str]) -> None:
    """Give the actions that ``owner`` holds under the names of ``icons`` their icons."""
    for attribute, name in icons.items():
        action = getattr(owner, attribute, None)
        if action is not None:
            action.setIcon(icon(name))
