"""A thin strip beside the page view's scroll bar that marks every highlight in its judgment's colour.

Like the marks an editor puts beside its scroll bar, each highlight is a short line at its place in the whole
document, so a reviewer sees at a glance where the agreement was judged, and how; clicking a mark goes to that
highlight (it opens in the editor and its passage comes into view), pointing at one says what it is.

The strip is made with the page view (it takes its width from the view once, before the first page is laid out)
and shows marks once a review is attached (:meth:`JudgmentStrip.attach`, when the workspace is built).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QStyle, QStyleOptionSlider, QToolTip, QWidget

from annotator.domain import model
from annotator.domain.model import AnchorStatus, Judgment, Rect
from annotator.ui.page_view import PageView

if TYPE_CHECKING:
    from annotator.ui.review_controller import ReviewController

STRIP_WIDTH = 10  # logical pixels
MARK_HEIGHT = 3.0
REACH = 4.0  # logical pixels above and below a mark where a click still takes it
BACKGROUND = QColor(0x3E, 0x41, 0x45)  # a shade darker than the page view's background, in light and dark alike
_UNJUDGED = QColor(model.UNJUDGED_COLOUR)
_COLOURS = {judgment: QColor(hex) for judgment, hex in model.JUDGMENT_COLOURS.items()}
# Painted in this order, so that where marks overlap the gravest judgment is the one seen.
_ORDER: dict[Judgment | None, int] = {None: 0, **{judgment: judgment.rank + 1 for judgment in Judgment}}


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlight's place: its page, the top of its passage there (points) and its judgment."""

    id: str
    page: int
    y: float
    judgment: Judgment | None


class JudgmentStrip(QWidget):
    """The marks beside ``view``'s vertical scroll bar; ``mark_clicked(id)`` when one is clicked."""

    mark_clicked = Signal(str)

    def __init__(self, view: PageView) -> None:
        super().__init__(view)
        self.setObjectName("judgment-strip")
        self.view = view
        self._controller: ReviewController | None = None
        self._marks: list[Mark] = []
        self._version = 0  # counts the times the marks were read
        self._positions: tuple[tuple[object, ...], list[tuple[float, Mark]]] | None = None
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.ArrowCursor)
        view.setViewportMargins(0, 0, STRIP_WIDTH, 0)
        view.installEventFilter(self)
        view.visible_pages_changed.connect(lambda _pages: self.update())  # laid out again: zoom, size, document
        view.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self.update())
        self._place()

    # --- the review's highlights ----------------------------------------------------------------------------------

    def attach(self, controller: ReviewController) -> None:
        """Mark the highlights of ``controller``'s review, as they change; clicking a mark goes to it."""
        self._controller = controller
        controller.review_opened.connect(lambda _state: self.reread())
        controller.changed.connect(lambda _changes: self.reread())
        self.mark_clicked.connect(controller.activate)
        self.reread()

    def reread(self) -> None:
        """Take the marks from the review as it stands (a few thousand highlights take a millisecond or two)."""
        state = self._controller.review if self._controller is not None else None
        marks: list[Mark] = []
        if state is not None:
            for annotation in state.annotations.values():
                anchor = annotation.anchor
                if anchor is None or annotation.deleted or annotation.status is AnchorStatus.ORPHANED:
                    continue
                on_page = anchor.quads_on(anchor.page) or anchor.quads
                y = min((quad.y0 for quad in on_page), default=0.0)
                marks.append(Mark(annotation.id, anchor.page, y, annotation.judgment))
        marks.sort(key=lambda mark: _ORDER[mark.judgment])
        self._marks = marks
        self._version += 1
        self.update()

    @property
    def marks(self) -> list[Mark]:
        """The marks shown (none while no review is open)."""
        controller = self._controller
        return self._marks if controller is not None and controller.review is not None else []

    # --- geometry ---------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest,
                                                     QEvent.Type.Show):
            self._place()
        return False

    def _place(self) -> None:
        """Between the viewport and the vertical scroll bar, as tall as the viewport."""
        viewport = self.view.viewport().geometry()
        self.setGeometry(viewport.right() + 1, viewport.top(), STRIP_WIDTH, viewport.height())
        self.raise_()

    def _track(self) -> tuple[float, float]:
        """The top and the height of the part of the strip that stands for the whole document: beside the scroll
        bar's groove, so that a mark is level with the slider when its passage is at the top of the window."""
        bar = self.view.verticalScrollBar()
        option = QStyleOptionSlider()
        option.initFrom(bar)
        option.orientation = Qt.Orientation.Vertical
        option.minimum, option.maximum = bar.minimum(), bar.maximum()
        option.sliderPosition = option.sliderValue = bar.value()
        option.pageStep, option.singleStep = bar.pageStep(), bar.singleStep()
        groove = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                            QStyle.SubControl.SC_ScrollBarGroove, bar)
        if not bar.isVisible() or groove.height() <= 0:
            return 0.0, float(self.height())
        top = self.mapFrom(self.view, bar.mapTo(self.view, groove.topLeft())).y()
        return float(top), float(groove.height())

    def mark_y(self, mark: Mark) -> float | None:
        """Where ``mark`` is drawn (the top of its line, in the strip's coordinates); None for a page not laid out."""
        return next((y for y, _placed in self.positions([mark])), None)

    def positions(self, marks: list[Mark] | None = None) -> list[tuple[float, Mark]]:
        """Where each of ``marks`` (all shown, by default) is drawn: the top of its line, in the strip's
        coordinates; marks on pages that are not laid out are left out."""
        view = self.view
        bar = view.verticalScrollBar()
        document = bar.maximum() + bar.pageStep()
        if document <= 0 or not view.page_count:
            return []
        # The same while only the scroll position changes: kept for painting and pointing until the layout does.
        key = (self._version, bool(self.marks), bar.maximum(), bar.pageStep(), self.height(), view.zoom,
               view.page_count)
        if marks is None and self._positions is not None and self._positions[0] == key:
            return self._positions[1]
        top, height = self._track()
        scrolled = bar.value()
        pages: dict[int, tuple[float, float]] = {}  # page -> its top in the whole scroll, and pixels per point
        placed = []
        for mark in self.marks if marks is None else marks:
            if not 0 <= mark.page < view.page_count:
                continue
            page = pages.get(mark.page)
            if page is None:
                page_top = view.view_rect(mark.page, Rect(0.0, 0.0, 0.0, 0.0)).top()
                scale = view.view_rect(mark.page, Rect(0.0, 100.0, 0.0, 100.0)).top() - page_top
                page = pages[mark.page] = (page_top + scrolled, scale / 100.0)
            position = page[0] + mark.y * page[1]
            placed.append((top + min(max(position / document, 0.0), 1.0) * (height - MARK_HEIGHT), mark))
        if marks is None:
            self._positions = (key, placed)
        return placed

    def mark_at(self, y: float) -> Mark | None:
        """The mark nearest to height ``y``, within REACH of it (the gravest where several are as near)."""
        best: tuple[float, int, Mark] | None = None
        for top, mark in self.positions():
            distance = abs(y - (top + MARK_HEIGHT / 2))
            if distance <= REACH + MARK_HEIGHT / 2:
                key = (distance, -_ORDER[mark.judgment], mark)
                if best is None or key[:2] < best[:2]:
                    best = key
        return best[2] if best is not None else None

    # --- painting and the reviewer's hands ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        width = self.width()
        for top, mark in self.positions():
            colour = _COLOURS.get(mark.judgment, _UNJUDGED) if mark.judgment is not None else _UNJUDGED
            painter.fillRect(QRectF(1.0, top, width - 2.0, MARK_HEIGHT), colour)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            mark = self.mark_at(event.position().y())
            if mark is not None:
                self.mark_clicked.emit(mark.id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        over = self.mark_at(event.position().y()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            mark = self.mark_at(float(event.pos().y()))
            controller = self._controller
            tip = controller.tooltip(mark.id) if mark is not None and controller is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def point_of(self, mark: Mark) -> QPoint | None:
        """The strip point in the middle of ``mark`` (where a reviewer clicks it); None when it is not drawn."""
        top = self.mark_y(mark)
        return QPointF(self.width() / 2, top + MARK_HEIGHT / 2).toPoint() if top is not None else None
