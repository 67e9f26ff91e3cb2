"""The continuous page view: every page in one scroll, painted from images the render worker delivers."""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from annotator.domain.model import Rect
from annotator.ui.cache import PageImageCache

GAP = 12  # logical pixels between pages and around them
POINT_TO_PIXEL = 96 / 72  # 100 % shows a point at its size on a 96 dpi screen
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0)
BACKGROUND = QColor(0x52, 0x56, 0x5B)
# Multiplied with the page, as a highlighter pen: the words under a hit stay as dark as the print.
HIT_COLOUR = QColor(255, 226, 120)
CURRENT_HIT_COLOUR = QColor(255, 178, 102)


class FitMode(enum.Enum):
    """How the zoom follows the window size."""

    NONE = "none"
    WIDTH = "width"
    PAGE = "page"


class PageView(QAbstractScrollArea):
    """Shows the pages of one document; asks for renders of what is visible, nearest first."""

    current_page_changed = Signal(int)
    escape_pressed = Signal()  # Escape on the pages (the find bar closes)
    zoom_changed = Signal(float)
    visible_pages_painted = Signal()
    visible_pages_changed = Signal(list)  # page indexes now on screen, after scrolling or zooming settles

    def __init__(self, cache: PageImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-view")
        self.cache = cache
        self._sizes: list[tuple[float, float]] = []
        self._widest = 0.0  # the width of the widest page, in points (asked for by every rectangle painted)
        self._tops: list[float] = []
        self._zoom = 1.0
        self.fit_mode = FitMode.WIDTH
        self._current = 0
        self._requester: Callable[[list[tuple[int, float]]], None] | None = None
        self._hits: dict[int, list[Rect]] = {}
        self._current_hit: tuple[int, Rect] | None = None
        self._no_text_pages: frozenset[int] = frozenset()
        self._no_text_label = "No text layer"
        self._placeholder = ""
        self._all_visible_painted = False
        self._announcing = False  # visible_pages_painted is on its way
        self.viewport().setAutoFillBackground(False)
        # A scroll bar that comes and goes would change the width, and so the zoom, right after opening.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _: self.viewport().update())
        # Render requests are gathered and sent once per event loop turn, not on every scroll step.
        self._request_timer = QTimer(self, singleShot=True, interval=0)
        self._request_timer.timeout.connect(self._request_visible)

    # --- document ---------------------------------------------------------------------------------

    def set_document(self, sizes: Sequence[tuple[float, float]],
                     requester: Callable[[list[tuple[int, float]]], None]) -> None:
        """Lay out pages of these sizes (points) and send render requests to ``requester``."""
        self._sizes = list(sizes)
        self._widest = max((w for w, _ in self._sizes), default=0.0)
        self._requester = requester
        self._hits = {}
        self._current_hit = None
        self._no_text_pages = frozenset()
        self._current = 0
        self._all_visible_painted = False
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self.viewport().update()

    def clear(self, placeholder: str = "") -> None:
        """Show no document, only ``placeholder`` text in the middle."""
        self._sizes = []
        self._widest = 0.0
        self._requester = None
        self._placeholder = placeholder
        self._relayout()
        self.viewport().update()

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    @property
    def current_page(self) -> int:
        return self._current

    def set_pages_without_text(self, pages: frozenset[int], label: str) -> None:
        """Mark these pages with a badge saying they have no text layer."""
        self._no_text_pages = pages
        self._no_text_label = label
        self.viewport().update()

    # --- zoom -------------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._zoom

    def render_scale(self) -> float:
        """Image pixels per PDF point: zoom times screen density, so pages stay crisp on high-DPI screens."""
        return round(self._zoom * POINT_TO_PIXEL * self.devicePixelRatioF(), 3)

    def set_zoom(self, zoom: float, anchor: QPointF | None = None, fit: FitMode = FitMode.NONE) -> None:
        """Zoom to ``zoom`` (1.0 = 100 %), keeping the document point under ``anchor`` in place."""
        zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], zoom))
        self.fit_mode = fit
        if abs(zoom - self._zoom) < 1e-4 or not self._sizes:
            self._zoom = zoom
            self._relayout()
            return
        anchor = anchor if anchor is not None else QPointF(self.viewport().width() / 2, 0)
        doc_point = self._view_to_doc(anchor)
        self._zoom = zoom
        self._relayout()
        if doc_point is not None:
            page, x, y = doc_point
            target = self.page_rect(page)
            scale = self._scale()
            self.verticalScrollBar().setValue(round(target.top() + y * scale - anchor.y()))
            self.horizontalScrollBar().setValue(round(target.left() + x * scale - anchor.x()))
        self.zoom_changed.emit(self._zoom)
        self.viewport().update()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 1e-3), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom - 1e-3), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.set_zoom(self._fit_zoom(FitMode.WIDTH), fit=FitMode.WIDTH)

    def fit_page(self) -> None:
        self.set_zoom(self._fit_zoom(FitMode.PAGE), fit=FitMode.PAGE)
        self.go_to_page(self._current)

    def _fit_zoom(self, mode: FitMode) -> float:
        if not self._sizes:
            return self._zoom
        width, height = self._sizes[self._current]
        widest = self._widest
        available_w = max(50, self.viewport().width() - 2 * GAP)
        by_width = available_w / (widest * POINT_TO_PIXEL)
        if mode is FitMode.WIDTH:
            return by_width
        by_height = max(50, self.viewport().height() - 2 * GAP) / (height * POINT_TO_PIXEL)
        return min(by_width, by_height, available_w / (width * POINT_TO_PIXEL))

    # --- geometry ---------------------------------------------------------------------------------

    def _scale(self) -> float:
        return self._zoom * POINT_TO_PIXEL

    def _relayout(self) -> None:
        scale = self._scale()
        self._tops = []
        y: float = GAP
        for _, height in self._sizes:
            self._tops.append(y)
            y += height * scale + GAP
        total_height = y
        widest = self._widest * scale + 2 * GAP
        viewport = self.viewport().size()
        self.verticalScrollBar().setRange(0, max(0, round(total_height - viewport.height())))
        self.verticalScrollBar().setPageStep(viewport.height())
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setRange(0, max(0, round(widest - viewport.width())))
        self.horizontalScrollBar().setPageStep(viewport.width())
        self._all_visible_painted = False
        self._request_timer.start()

    def page_rect(self, page: int) -> QRectF:
        """The page's rectangle in document coordinates (logical pixels from the top of the scroll)."""
        width, height = self._sizes[page]
        scale = self._scale()
        widest = self._widest * scale
        content_width = max(widest + 2 * GAP, self.viewport().width())
        left = (content_width - width * scale) / 2
        return QRectF(left, self._tops[page], width * scale, height * scale)

    def _to_view(self, rect: QRectF) -> QRectF:
        return rect.translated(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())

    def visible_pages(self) -> list[int]:
        """Indexes of the pages that intersect the viewport, top to bottom."""
        if not self._sizes:
            return []
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        pages = []
        for page in range(first, len(self._sizes)):
            rect = self.page_rect(page)
            if rect.top() > bottom:
                break
            if rect.bottom() >= top:
                pages.append(page)
        return pages

    def _view_to_doc(self, point: QPointF) -> tuple[int, float, float] | None:
        """The page and the position on it in points under a viewport point, if any page is near."""
        if not self._sizes:
            return None
        y = point.y() + self.verticalScrollBar().value()
        page = max(0, min(len(self._sizes) - 1, bisect.bisect_right(self._tops, y) - 1))
        rect = self.page_rect(page)
        scale = self._scale()
        x = point.x() + self.horizontalScrollBar().value()
        return page, (x - rect.left()) / scale, (y - rect.top()) / scale

    def point_on_page(self, point: QPointF) -> tuple[int, float, float] | None:
        """Like :meth:`_view_to_doc`, but only when the point lies on a page."""
        found = self._view_to_doc(point)
        if found is None:
            return None
        page, x, y = found
        width, height = self._sizes[page]
        return found if 0 <= x <= width and 0 <= y <= height else None

    def view_rect(self, page: int, rect: Rect) -> QRectF:
        """A rectangle in page points, in viewport coordinates."""
        page_rect = self._to_view(self.page_rect(page))
        scale = self._scale()
        return QRectF(page_rect.left() + rect.x0 * scale, page_rect.top() + rect.y0 * scale,
                      rect.width * scale, rect.height * scale)

    # --- navigation -------------------------------------------------------------------------------

    def go_to_page(self, page: int, y_points: float | None = None) -> None:
        """Scroll so that ``page`` is at the top, or its point ``y_points`` is a third down the window."""
        if not self._sizes:
            return
        page = max(0, min(page, len(self._sizes) - 1))
        top = self.page_rect(page).top()
        if y_points is None:
            self.verticalScrollBar().setValue(round(top - GAP))
        else:
            self.verticalScrollBar().setValue(round(top + y_points * self._scale() - self.viewport().height() / 3))
        self._set_current(page)

    def ensure_visible(self, page: int, rect: Rect) -> None:
        """Scroll the least needed to show ``rect`` of ``page``, with a margin."""
        target = self.view_rect(page, rect)
        margin = 60
        bar = self.verticalScrollBar()
        if target.top() < margin or target.bottom() > self.viewport().height() - margin:
            bar.setValue(round(bar.value() + target.top() - self.viewport().height() / 3))
        hbar = self.horizontalScrollBar()
        if target.left() < 0 or target.right() > self.viewport().width():
            hbar.setValue(round(hbar.value() + target.left() - margin))

    def _scrolled(self, _: int) -> None:
        visible = self.visible_pages()
        if visible:
            middle = self.verticalScrollBar().value() + self.viewport().height() / 3
            current = next((p for p in visible if self.page_rect(p).bottom() >= middle), visible[-1])
            self._set_current(current)
        self._all_visible_painted = False
        self._request_timer.start()
        self.viewport().update()

    def _set_current(self, page: int) -> None:
        if page != self._current:
            self._current = page
            self.current_page_changed.emit(page)

    # --- search hits ------------------------------------------------------------------------------

    def set_hits(self, hits: dict[int, list[Rect]]) -> None:
        """Paint these search hits (rectangles in points, by page)."""
        self._hits = hits
        self.viewport().update()

    def set_current_hit(self, page: int | None, rect: Rect | None) -> None:
        """Mark one hit as the current one and bring it into view."""
        self._current_hit = (page, rect) if page is not None and rect is not None else None
        if self._current_hit:
            self.ensure_visible(page, rect)  # type: ignore[arg-type]
        self.viewport().update()

    # --- rendering --------------------------------------------------------------------------------

    def image_arrived(self, page: int) -> None:
        """A rendered page is in the cache: repaint if it is on screen."""
        if page in self.visible_pages():
            self.viewport().update()

    def _request_visible(self) -> None:
        if self._requester is None:
            return
        scale = self.render_scale()
        visible = self.visible_pages()
        if not visible:
            return
        self.visible_pages_changed.emit(visible)
        # Visible pages first, then one page either side so scrolling finds them ready.
        wanted = visible + [p for p in (visible[-1] + 1, visible[0] - 1, visible[-1] + 2)
                            if 0 <= p < len(self._sizes)]
        missing = [(page, scale) for page in wanted if self.cache.get(page, scale) is None]
        self._requester(missing)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt naming)
        self.viewport().update()  # the focus frame
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt naming)
        self.viewport().update()
        super().focusOutEvent(event)

    def _paint_focus(self, painter: QPainter) -> None:
        """While the pages have the keyboard focus, a frame inside the edge: the selection colour with a white line
        inside it, which stands out against the grey around the pages and against a white page alike."""
        if not self.hasFocus():
            return
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        edge = QRectF(self.viewport().rect())
        for colour, width, inset in ((self.palette().color(QPalette.ColorRole.Highlight), 2.0, 1.0),
                                     (QColor(255, 255, 255), 1.0, 2.5)):
            pen = QPen(colour, width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.drawRect(edge.adjusted(inset, inset, -inset, -inset))
        painter.restore()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        if not self._sizes:
            if self._placeholder:
                painter.setPen(QColor(230, 230, 230))
                painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self._placeholder)
            self._paint_focus(painter)
            return
        scale = self.render_scale()
        all_sharp = True
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for page in self.visible_pages():
            target = self._to_view(self.page_rect(page))
            painter.fillRect(target.translated(2, 2), QColor(0, 0, 0, 60))
            image = self.cache.get(page, scale)
            if image is None:
                all_sharp = False
                image = self.cache.best(page)
            if image is not None:
                painter.drawImage(target, image, QRectF(image.rect()))
            else:
                painter.fillRect(target, Qt.GlobalColor.white)
            self.paint_page_overlay(painter, page)
            if page in self._no_text_pages:
                self._paint_badge(painter, target, self._no_text_label)
        self._paint_focus(painter)
        painter.end()
        if all_sharp and not self._all_visible_painted:
            self._all_visible_painted = True
            if not self._announcing:
                # Said once this frame has gone to the window system: what is connected (the work that waits for
                # the first page, a screenshot) would otherwise run inside the paint and hold the frame back.
                self._announcing = True
                QTimer.singleShot(0, self._announce_painted)

    def _announce_painted(self) -> None:
        self._announcing = False
        if self._all_visible_painted:
            self.visible_pages_painted.emit()

    def paint_page_overlay(self, painter: QPainter, page: int) -> None:
        """Paint what lies over a page (search hits here; highlights and selections in subclasses)."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        current = self._current_hit[1] if self._current_hit and self._current_hit[0] == page else None
        for rect in self._hits.get(page, ()):
            if rect != current:
                painter.fillRect(self.view_rect(page, rect), HIT_COLOUR)
        if current is not None:
            area = self.view_rect(page, current).adjusted(-2, -2, 2, 2)
            painter.fillRect(area, CURRENT_HIT_COLOUR)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        if current is not None:
            painter.setPen(QPen(QColor(200, 80, 0), 2))
            painter.drawRect(area)

    def _paint_badge(self, painter: QPainter, target: QRectF, text: str) -> None:
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(text) + 16
        badge = QRectF(target.right() - width - 8, target.top() + 8, width, metrics.height() + 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(60, 60, 60, 200))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

    def is_fully_painted(self) -> bool:
        """True once every visible page has been painted from a sharp image at the current zoom."""
        return self._all_visible_painted

    # --- events -----------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.fit_mode is not FitMode.NONE and self._sizes:
            page = self._current
            self.set_zoom(self._fit_zoom(self.fit_mode), fit=self.fit_mode)
            if self.fit_mode is FitMode.PAGE:
                self.go_to_page(page)
        else:
            self._relayout()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self._zoom * (1.1 ** steps), anchor=event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Home:
            self.go_to_page(0)
        elif key == Qt.Key.Key_End:
            self.go_to_page(len(self._sizes) - 1)
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        elif key == Qt.Key.Key_Space:
            bar = self.verticalScrollBar()
            step = bar.pageStep() - 40
            bar.setValue(bar.value() - step if event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                         else bar.value() + step)
        else:
            super().keyPressEvent(event)

