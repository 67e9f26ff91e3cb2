"""The overview chart: per theme (or per chapter) a horizontal bar of the judgments its passages got.

Each bar is stacked from segments in the judgment colours (the same as on the page, in the PDF and in the list),
welcome first and "no judgment" last, each segment with its count written on it; the legend names every judgment
with its count, so the judgment is never told by colour alone. The chart is laid out once (:func:`lay_out`) and
then painted with QPainter (the window's panel, a PNG) or written as SVG by hand (the packaged app carries no
QtSvg), from the same boxes and texts.

The window's panel (:func:`add_overview_dock`) reads the counts in the review's worker whenever the annotations
change while it is shown; clicking a bar filters the annotation list to its theme, a segment to its theme and
judgment. ``annotator overview`` writes the chart to a file (:func:`write_chart`).

Every word the chart draws or shows (its heading, the counts, the judgments' names in the legend, "Overige
punten", the tool tips, the panel's buttons) is an interface text, looked up in the Qt Linguist files of the
overview's language (resources/translations/annotator_*.ts) by a :class:`~annotator.ui.i18n.Translator`: the
window's and the command line's alike, which needs no installed translator.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QDockWidget,
    QHBoxLayout,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from annotator.domain import model
from annotator.domain.model import Judgment
from annotator.services.overview import COLUMNS, By, Group, Overview, chapters_from_outline, review_overview
from annotator.ui.i18n import Translator, translatable

if TYPE_CHECKING:
    from annotator.pdf.service import OpenedPdf
    from annotator.services.review import Review
    from annotator.ui.workspace import ReviewWorkspace

# The columns' names: the judgments' (as the page view, the editor and the list name them) and "no judgment".
_COLUMN_NAMES: dict[Judgment | None, str] = {
    Judgment.WELCOME: translatable("Welcome"),
    Judgment.NOTE: translatable("Note"),
    Judgment.CONCERN: translatable("Concern"),
    Judgment.SERIOUS_CONCERN: translatable("Serious concern"),
    Judgment.VIOLATION: translatable("Violation"),
    None: translatable("No judgment"),
}


def column_name(judgment: Judgment | None, language: str) -> str:
    """A column's name in ``language``: the judgment's, or "no judgment"."""
    return Translator(language)(_COLUMN_NAMES[judgment])


def group_title(group: Group, overview: Overview) -> str:
    """A bar's title: the theme's or chapter's own, or for the annotations without either the chart's words."""
    if not group.other:
        return group.title
    tr = Translator(overview.language)
    return tr("Other points") if overview.by == "theme" else tr("Before the first chapter")


def chart_title(overview: Overview) -> str:
    """The chart's heading: what it counts, and the document's title."""
    tr = Translator(overview.language)
    chart = tr("Judgments per theme") if overview.by == "theme" else tr("Judgments per chapter")
    return tr("{chart} — {document}", chart=chart, document=overview.title) if overview.title else chart


def column_colour(judgment: Judgment | None) -> QColor:
    """A column's colour: the judgment's, grey for "no judgment" (as a highlight not judged yet is painted)."""
    return QColor(model.JUDGMENT_COLOURS[judgment] if judgment is not None else model.UNJUDGED_COLOUR)


def _luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def ink_on(background: QColor) -> QColor:
    """Black or white, whichever has the higher contrast on ``background`` (WCAG's ratio)."""
    light = _luminance(background)
    on_black = (light + 0.05) / 0.05
    on_white = 1.05 / (light + 0.05)
    return QColor("#000000") if on_black >= on_white else QColor("#ffffff")


@dataclass(frozen=True)
class Colours:
    """The chart's colours around the judgment colours: background, text and the quieter text of totals."""

    background: QColor
    text: QColor
    muted: QColor
    focus: QColor

    @classmethod
    def light(cls) -> Colours:
        return cls(QColor("#ffffff"), QColor("#1a1a1a"), QColor("#555555"), QColor("#2a6db5"))

    @classmethod
    def of(cls, palette: QPalette) -> Colours:
        """Colours from a widget's palette (light or dark)."""
        background = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        mix = [0.3 * b + 0.7 * t for b, t in zip((background.redF(), background.greenF(), background.blueF()),
                                                 (text.redF(), text.greenF(), text.blueF()))]
        muted = QColor.fromRgbF(mix[0], mix[1], mix[2])
        return cls(background, text, muted, palette.color(QPalette.ColorRole.Highlight))


@dataclass(frozen=True)
class Segment:
    """One judgment's part of a bar, with its count."""

    rect: QRectF
    row: int
    judgment: Judgment | None
    count: int


@dataclass(frozen=True)
class Text:
    """A text drawn in ``rect``: left-aligned, centred or right-aligned, vertically centred."""

    rect: QRectF
    text: str
    colour: QColor
    align: str = "left"  # "left", "centre", "right"
    bold: bool = False
    tooltip: str = ""


@dataclass
class Layout:
    """Where everything of a chart goes, in logical pixels."""

    width: float
    height: float
    segments: list[Segment] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    swatches: list[tuple[QRectF, QColor]] = field(default_factory=list)
    rows: list[QRectF] = field(default_factory=list)  # each group's whole row (label and bar), for clicks
    bars: list[QRectF] = field(default_factory=list)  # each group's bar (empty rect for an empty group)
    labels: list[QRectF] = field(default_factory=list)  # each group's title


PAD = 10.0
GAP = 6.0
STACK_BELOW = 440.0  # narrower than this, a bar goes under its label instead of beside it


def lay_out(overview: Overview | None, width: float, font: QFont, colours: Colours, *,
            heading: bool = True) -> Layout:
    """Lay out the chart of ``overview`` in ``width`` logical pixels with ``font``."""
    language = overview.language if overview is not None else "en"
    tr = Translator(language)
    metrics = QFontMetricsF(font)
    bold = QFont(font)
    bold.setBold(True)
    bold_metrics = QFontMetricsF(bold)
    line = metrics.height()
    row_height = max(line + 8.0, 20.0)
    width = max(width, 160.0)
    layout = Layout(width, 0.0)
    y = PAD
    inner = width - 2 * PAD
    if heading and overview is not None:
        title = chart_title(overview)
        layout.texts.append(Text(QRectF(PAD, y, inner, line), bold_metrics.elidedText(
            title, Qt.TextElideMode.ElideRight, inner), colours.text, bold=True, tooltip=title))
        y += line + 2
        total = overview.total
        layout.texts.append(Text(QRectF(PAD, y, inner, line), tr("%n annotation(s)", None, n=total), colours.muted))
        y += line + GAP
    message = ("" if overview is not None and overview.groups else
               tr("This document has no outline (bookmarks): its chapters are not known.")
               if overview is not None and not overview.has_outline else tr("No annotations yet."))
    if message:
        for piece in _wrap(message, metrics, inner):
            layout.texts.append(Text(QRectF(PAD, y, inner, line), piece, colours.muted))
            y += line
        layout.height = y + PAD
        return layout
    assert overview is not None
    groups = overview.groups
    titles = [group_title(group, overview) for group in groups]
    stacked = width < STACK_BELOW
    label_width = inner if stacked else min(max(metrics.horizontalAdvance(title) for title in titles) + 4,
                                            inner * 0.5)
    total_width = metrics.horizontalAdvance(str(max(g.total for g in groups))) + GAP
    bar_left = PAD if stacked else PAD + label_width + GAP
    space = max(PAD + inner - bar_left - total_width - GAP, 40.0)
    widths = [_segment_widths(group, overview, metrics, space) for group in groups]
    widest = max((sum(row) for row in widths), default=0.0)
    shrink = space / widest if widest > space else 1.0
    for index, group in enumerate(groups):
        top = y
        label = metrics.elidedText(titles[index], Qt.TextElideMode.ElideRight, label_width)
        if stacked:
            layout.labels.append(QRectF(PAD, y, metrics.horizontalAdvance(label), line))
            layout.texts.append(Text(QRectF(PAD, y, inner, line), label, colours.text, tooltip=titles[index]))
            y += line + 2
            bar_top = y
        else:
            bar_top = y + 2
            layout.labels.append(QRectF(PAD, y, metrics.horizontalAdvance(label), row_height))
            layout.texts.append(Text(QRectF(PAD, y, label_width, row_height), label, colours.text,
                                     tooltip=titles[index]))
        bar_height = row_height - 4
        x = bar_left
        for column, judgment in enumerate(COLUMNS):
            count = group.counts[column]
            if not count:
                continue
            segment_width = widths[index][column] * shrink
            layout.segments.append(Segment(QRectF(x, bar_top, segment_width, bar_height), index, judgment, count))
            x += segment_width
        layout.bars.append(QRectF(bar_left, bar_top, x - bar_left, bar_height))
        layout.texts.append(Text(QRectF(x + GAP, bar_top, total_width + GAP, bar_height), str(group.total),
                                 colours.muted))
        y = bar_top + bar_height + (GAP if stacked else 4)
        layout.rows.append(QRectF(PAD, top, inner, y - top))
    y += GAP
    # The legend: every column with its name and count, wrapped as the width allows.
    totals = overview.totals()
    x, swatch = PAD, metrics.ascent() * 0.8
    for column, judgment in enumerate(COLUMNS):
        text = tr("{judgment} ({n})", judgment=column_name(judgment, language), n=totals[column])
        item_width = swatch + 5 + metrics.horizontalAdvance(text)
        if x > PAD and x + item_width > PAD + inner:
            x, y = PAD, y + line + 2
        layout.swatches.append((QRectF(x, y + (line - swatch) / 2, swatch, swatch), column_colour(judgment)))
        layout.texts.append(Text(QRectF(x + swatch + 5, y, item_width - swatch - 5 + 2, line), text, colours.text))
        x += item_width + 14
    layout.height = y + line + PAD
    return layout


def _segment_widths(group: Group, overview: Overview, metrics: QFontMetricsF, space: float) -> list[float]:
    """Each column's width in ``group``'s bar: its share of the widest bar, and at least room for its count."""
    longest = max((g.total for g in overview.groups), default=1) or 1
    scale = space / longest
    return [max(count * scale, metrics.horizontalAdvance(str(count)) + 8) if count else 0.0
            for count in group.counts]


def _wrap(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and metrics.horizontalAdvance(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "centre": Qt.AlignmentFlag.AlignHCenter,
          "right": Qt.AlignmentFlag.AlignRight}


def paint(painter: QPainter, layout: Layout, font: QFont, colours: Colours) -> None:
    """Draw ``layout`` (its background is the caller's)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    bold = QFont(font)
    bold.setBold(True)
    for segment in layout.segments:
        colour = column_colour(segment.judgment)
        # One logical pixel of the background between neighbours, so that two colours never run into each other.
        painter.fillRect(segment.rect.adjusted(0, 0, -1, 0), colour)
        painter.setPen(ink_on(colour))
        painter.setFont(font)
        painter.drawText(segment.rect.adjusted(0, 0, -1, 0), Qt.AlignmentFlag.AlignCenter, str(segment.count))
    outline = QColor(colours.text)
    outline.setAlphaF(0.45)
    for rect, colour in layout.swatches:
        painter.fillRect(rect, colour)
        painter.setPen(QPen(outline, 1))
        painter.drawRect(rect)
    for text in layout.texts:
        painter.setFont(bold if text.bold else font)
        painter.setPen(text.colour)
        painter.drawText(text.rect, _ALIGN[text.align] | Qt.AlignmentFlag.AlignVCenter, text.text)
    painter.restore()


# --- files ----------------------------------------------------------------------------------------------------------

FILE_WIDTH = 900


def _chart_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(14)
    return font


def render_image(overview: Overview, width: int = FILE_WIDTH, scale: float = 1.0) -> QImage:
    """The chart on white as an image ``width`` logical pixels wide (``scale`` times as many device pixels)."""
    font = _chart_font()
    colours = Colours.light()
    layout = lay_out(overview, width, font, colours)
    image = QImage(round(width * scale), round(layout.height * scale), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)
    image.fill(colours.background)
    painter = QPainter(image)
    paint(painter, layout, font, colours)
    painter.end()
    return image


def render_svg(overview: Overview, width: int = FILE_WIDTH) -> str:
    """The chart as an SVG document: every segment a rectangle with its count as text (and as data-count)."""
    font = _chart_font()
    colours = Colours.light()
    layout = lay_out(overview, width, font, colours)
    size = font.pixelSize()
    family = html.escape(font.family(), quote=True)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{layout.width:.0f}" height="{layout.height:.0f}" '
             f'viewBox="0 0 {layout.width:.0f} {layout.height:.0f}" font-family="{family}, sans-serif" '
             f'font-size="{size}">',
             f'<title>{html.escape(chart_title(overview))}</title>',
             f'<rect width="100%" height="100%" fill="{colours.background.name()}"/>']
    language = overview.language
    tr = Translator(language)
    metrics = QFontMetricsF(font)
    middle = (metrics.ascent() - metrics.descent()) / 2  # from a line's middle down to its baseline
    for segment in layout.segments:
        colour = column_colour(segment.judgment)
        rect = segment.rect.adjusted(0, 0, -1, 0)
        title = group_title(overview.groups[segment.row], overview)
        name = column_name(segment.judgment, language)
        tip = tr("{group}: {n} × {judgment}", group=title, n=segment.count, judgment=name)
        parts.append(
            f'<g class="segment" data-group="{html.escape(title, quote=True)}" '
            f'data-judgment="{segment.judgment.value if segment.judgment else "none"}" data-count="{segment.count}">'
            f'<title>{html.escape(tip)}</title><rect x="{rect.x():.1f}" y="{rect.y():.1f}" width="{rect.width():.1f}" '
            f'height="{rect.height():.1f}" fill="{colour.name()}"/>'
            f'<text x="{rect.center().x():.1f}" y="{rect.center().y() + middle:.1f}" text-anchor="middle" '
            f'fill="{ink_on(colour).name()}">{segment.count}</text></g>')
    outline = colours.text.name()
    for rect, colour in layout.swatches:
        parts.append(f'<rect x="{rect.x():.1f}" y="{rect.y():.1f}" width="{rect.width():.1f}" '
                     f'height="{rect.height():.1f}" fill="{colour.name()}" stroke="{outline}" stroke-opacity="0.45"/>')
    anchors = {"left": ("start", 0.0), "centre": ("middle", 0.5), "right": ("end", 1.0)}
    for text in layout.texts:
        anchor, share = anchors[text.align]
        x = text.rect.x() + share * text.rect.width()
        weight = ' font-weight="bold"' if text.bold else ""
        parts.append(f'<text x="{x:.1f}" y="{text.rect.center().y() + middle:.1f}" text-anchor="{anchor}" '
                     f'fill="{text.colour.name()}"{weight}>{html.escape(text.text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _application() -> Any:
    """The running Qt application, or a new one on the offscreen platform where there is no display: a QApplication,
    so that windows made later in the same process (the window, a test's) have the application they need."""
    application = QGuiApplication.instance()
    if application is None:
        from PySide6.QtWidgets import QApplication

        if not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY") \
                and not os.environ.get("WAYLAND_DISPLAY") and os.name == "posix" and not _is_macos():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        application = QApplication(["annotator"])
    return application


def _is_macos() -> bool:
    import sys

    return sys.platform == "darwin"


def chart_png(overview: Overview) -> bytes:
    """The chart as PNG bytes (at twice the size it is laid out at, sharp in print): the letter's annex figure."""
    _application()
    image = render_image(overview, scale=2.0)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs want bytes, PySide6 a str
        raise OSError("the chart's PNG could not be made")
    data = bytes(QByteArray(buffer.data()).data())
    buffer.close()
    return data


def write_chart(overview: Overview, path: Path) -> Path:
    """Write the chart to ``path``: SVG for .svg, else PNG; whole or not at all (services.files.write_file)."""
    from annotator.services.files import write_file

    path = Path(path)
    if path.suffix.lower() == ".svg":
        _application()
        data = render_svg(overview).encode("utf-8")
    else:
        data = chart_png(overview)

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    return write_file(path, write)


# --- the window's panel ------------------------------------------------------------------------------------------


class OverviewChart(QWidget):
    """The chart as a widget: a click (or Enter on the current bar, moved with the arrow keys) asks to filter the
    list to a group, or to a group and one judgment (``bar_clicked(group, judgment or None)``)."""

    bar_clicked = Signal(object, object)  # Group, Judgment | None (the whole bar)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overview-chart")
        self.language = language
        self.overview: Overview | None = None
        self._layout: Layout | None = None
        self._current: tuple[int, int | None] | None = None  # the row and the segment (None: the bar) with focus
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(Translator(language)("Overview"))

    def set_overview(self, overview: Overview | None) -> None:
        self.overview = overview
        self._current = None
        self._relayout()

    @property
    def chart_layout(self) -> Layout:
        if self._layout is None or abs(self._layout.width - max(self.width(), 160)) > 0.5:
            self._layout = lay_out(self.overview, self.width(), self.font(), Colours.of(self.palette()),
                                   heading=True)
        return self._layout

    def _relayout(self) -> None:
        self._layout = None
        height = round(self.chart_layout.height)
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return round(lay_out(self.overview, width, self.font(), Colours.of(self.palette())).height)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, round(self.chart_layout.height))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._relayout()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        colours = Colours.of(self.palette())
        painter.fillRect(self.rect(), colours.background)
        layout = self.chart_layout
        paint(painter, layout, self.font(), colours)
        if self.hasFocus() and self._current is not None:
            rect = self._focus_rect(layout, self._current)
            if rect is not None:
                painter.setPen(QPen(colours.focus, 2, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(-2, -2, 1, 1))
        painter.end()

    # --- where things are ---------------------------------------------------------------------------------------

    def bar_rect(self, row: int) -> QRectF:
        """A group's bar (empty for a group without annotations), in widget coordinates."""
        return self.chart_layout.bars[row]

    def label_rect(self, row: int) -> QRectF:
        """A group's title, in widget coordinates (a click there is a click on the whole bar)."""
        return self.chart_layout.labels[row]

    def segment_rect(self, row: int, judgment: Judgment | None) -> QRectF | None:
        """A judgment's segment of a group's bar, or None when the group has no such annotation."""
        return next((s.rect for s in self.chart_layout.segments if s.row == row and s.judgment == judgment), None)

    def hit(self, point: QPointF) -> tuple[int, Judgment | None, bool] | None:
        """The row, the judgment of the segment (None: the row outside the segments) and whether it was a segment,
        under ``point``."""
        layout = self.chart_layout
        for segment in layout.segments:
            if segment.rect.contains(point):
                return segment.row, segment.judgment, True
        for row, rect in enumerate(layout.rows):
            if rect.contains(point):
                return row, None, False
        return None

    def _focus_rect(self, layout: Layout, current: tuple[int, int | None]) -> QRectF | None:
        row, column = current
        if row >= len(layout.rows):
            return None
        if column is None:
            return layout.rows[row]
        return self.segment_rect(row, COLUMNS[column])

    def _clickable(self, group: Group) -> bool:
        return self.overview is not None and (self.overview.by == "chapter" or group.theme_id is not None)

    # --- the reviewer's hands -----------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        found = self.hit(event.position())
        clickable = found is not None and self.overview is not None and \
            self._clickable(self.overview.groups[found[0]]) and self.overview.groups[found[0]].total > 0
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.overview is not None:
            found = self.hit(event.position())
            if found is not None:
                row, judgment, on_segment = found
                self._current = (row, COLUMNS.index(judgment) if on_segment else None)
                self._activate(row, judgment if on_segment else None)
                self.update()
        super().mouseReleaseEvent(event)

    def _activate(self, row: int, judgment: Judgment | None) -> None:
        assert self.overview is not None
        group = self.overview.groups[row]
        if self._clickable(group):
            self.bar_clicked.emit(group, judgment)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        overview = self.overview
        if overview is None or not overview.groups:
            super().keyPressEvent(event)
            return
        key = event.key()
        row, column = self._current if self._current is not None else (0, None)
        columns = [None, *(c for c, count in enumerate(overview.groups[row].counts) if count)]
        if key == Qt.Key.Key_Down:
            self._current = (min(row + 1, len(overview.groups) - 1) if self._current is not None else 0, None)
        elif key == Qt.Key.Key_Up:
            self._current = (max(row - 1, 0), None)
        elif key == Qt.Key.Key_Home:
            self._current = (0, None)
        elif key == Qt.Key.Key_End:
            self._current = (len(overview.groups) - 1, None)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            step = 1 if key == Qt.Key.Key_Right else -1
            self._current = (row, columns[(columns.index(column) + step) % len(columns)])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._current = (row, column)
            self._activate(row, COLUMNS[column] if column is not None else None)
        else:
            super().keyPressEvent(event)
            return
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.overview is not None:
            assert isinstance(event, QHelpEvent)
            tip = self._tooltip(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _tooltip(self, point: QPointF) -> str:
        found = self.hit(point)
        if found is None or self.overview is None:
            return ""
        row, judgment, on_segment = found
        group = self.overview.groups[row]
        tr = Translator(self.language)
        title = group_title(group, self.overview)
        if on_segment:
            text = tr("{group}: {n} × {judgment}", group=title, n=group.count(judgment),
                      judgment=column_name(judgment, self.overview.language))
        else:
            text = tr("{group}: %n annotation(s)", None, group=title, n=group.total)
        if not self._clickable(group):
            hint = tr("The list cannot filter on this")
        elif self.overview.by == "chapter":
            hint = tr("Click to go to the chapter and show this judgment in the list")
        else:
            hint = tr("Click to show these annotations in the list")
        return f"{text}\n{hint}"


class OverviewPanel(QWidget):
    """The overview in a panel: by theme or by chapter (two buttons), the chart in a scroll area."""

    by_changed = Signal(str)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overview-panel")
        tr = Translator(language)
        # The chart first, its buttons after it: F6 to the panel (MainWindow.focus_panel) and Tab come to the chart,
        # whose arrow keys move between the bars, then to the buttons (the focus chain follows the order made).
        self.chart = OverviewChart(language)
        self.chart.setToolTip("")
        scroll = QScrollArea(self)
        scroll.setObjectName("overview-scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chart inside takes the keys
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.chart)
        self.scroll_area = scroll
        self.by_theme = QToolButton(self)
        self.by_theme.setObjectName("overview-by-theme")
        self.by_theme.setText(tr("By &theme"))
        self.by_chapter = QToolButton(self)
        self.by_chapter.setObjectName("overview-by-chapter")
        self.by_chapter.setText(tr("By &chapter"))
        group = QButtonGroup(self)
        group.setExclusive(True)
        for button in (self.by_theme, self.by_chapter):
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            group.addButton(button)
        self.by_theme.setChecked(True)
        self.by_theme.toggled.connect(lambda on: self.by_changed.emit("theme" if on else "chapter"))
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.addWidget(self.by_theme)
        bar.addWidget(self.by_chapter)
        bar.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(bar)
        column.addWidget(scroll, 1)
        self.setToolTip(tr("Click a bar to show its annotations in the list, a colour for only that judgment."))

    @property
    def by(self) -> By:
        return "theme" if self.by_theme.isChecked() else "chapter"

    def show_by(self, by: By) -> None:
        (self.by_theme if by == "theme" else self.by_chapter).setChecked(True)


REFRESH_DELAY_MS = 150


class OverviewDock(QDockWidget):
    """The overview panel of the window, kept up to date from the review while it is on screen."""

    def __init__(self, window: QMainWindow, tr: Translator, workspace: ReviewWorkspace,
                 document: Callable[[], OpenedPdf | None]) -> None:
        super().__init__(tr("Overview"), window)
        self.setObjectName("overview-dock")
        self.language = tr.language
        self.workspace = workspace
        self._document = document
        self.panel = OverviewPanel(tr.language)
        self.setWidget(self.panel)
        self.toggleViewAction().setText(tr("Ove&rview"))
        # Shown from the View menu, it comes to the front of the docks it is tabbed with.
        self.toggleViewAction().triggered.connect(lambda on: self.raise_() if on else None)
        self._asked = 0
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        review = workspace.review
        review.changed.connect(lambda _changes: self.schedule())
        review.review_opened.connect(lambda _state: self.schedule())
        self.visibilityChanged.connect(lambda visible: self.schedule() if visible else None)
        self.panel.by_changed.connect(lambda _by: self.refresh())
        self.panel.chart.bar_clicked.connect(self.filter_list)

    @property
    def chart(self) -> OverviewChart:
        return self.panel.chart

    def schedule(self) -> None:
        """Read the counts again in a moment (a burst of changes is read once), while the panel is shown."""
        if self.isVisible():
            self._timer.start()

    def refresh(self) -> None:
        """Read the counts in the review's worker and show them."""
        controller = self.workspace.review
        state = controller.review
        if state is None:
            self.chart.set_overview(None)
            return
        opened = self._document()
        chapters = chapters_from_outline(opened.outline) if opened is not None else []
        page_count = opened.page_count if opened is not None else None
        by, language, title = self.panel.by, self.language, state.document.title
        self._asked += 1
        asked = self._asked

        def count(review: Review) -> Overview:
            return review_overview(dict(review.annotations), list(review.themes), by, chapters, language, title,
                                   page_count)

        def show(overview: Overview) -> None:
            if asked == self._asked:
                self.chart.set_overview(overview)

        controller.call(count, show)

    def filter_list(self, group: Group, judgment: Judgment | None) -> None:
        """Show in the annotation list the annotations of a bar (a theme; a chapter's judgment), with the list's
        own filters: the theme chosen, the judgment's button the only one checked, the other filters cleared. A
        chapter's bar also brings its first page into view (the list has no filter by page)."""
        panel = self.workspace.annotation_list
        panel.filter_edit.clear()
        for combo in (panel.author_combo, panel.reference_combo, panel.status_combo):
            combo.setCurrentIndex(0)
        if group.theme_id is not None:
            found = panel.theme_combo.findData(group.theme_id)
            panel.theme_combo.setCurrentIndex(max(found, 0))
        else:
            panel.theme_combo.setCurrentIndex(0)
        for each, button in panel.judgment_buttons.items():
            button.setChecked(each == judgment)
        if group.pages is not None:
            self.workspace.review.view.go_to_page(group.pages[0])
        dock = self.workspace.list_dock
        dock.show()
        dock.raise_()


def add_overview_dock(window: QMainWindow, tr: Translator, workspace: ReviewWorkspace,
                      document: Callable[[], OpenedPdf | None]) -> OverviewDock:
    """The overview in a dock tabbed with the editor and the letter, hidden until the View menu shows it."""
    dock = OverviewDock(window, tr, workspace, document)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(workspace.letter_dock, dock)
    dock.hide()
    return dock


__all__ = ["Colours", "Layout", "OverviewChart", "OverviewDock", "OverviewPanel", "add_overview_dock", "chart_title",
           "column_name", "group_title", "ink_on", "lay_out", "paint", "render_image", "render_svg", "write_chart"]
