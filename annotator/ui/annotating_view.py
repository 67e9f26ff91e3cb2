"""The page view a reviewer works in: select text, draw areas, and see highlights in their judgment's colour."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QCursor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from annotator.domain.model import Rect
from annotator.ui.cache import PageImageCache
from annotator.ui.page_view import PageView

if TYPE_CHECKING:
    from annotator.pdf.selection import TextPosition, TextSelection
    from annotator.pdf.textmodel import PageText

SELECTION_COLOUR = QColor(60, 120, 230, 80)
MAX_PAGE_TEXTS = 120  # page text models kept for selecting; the text worker keeps all of them anyway


@dataclass(frozen=True)
class Highlight:
    """What the view paints of one annotation: its quads by page and its colour."""

    id: str
    rects: dict[int, tuple[Rect, ...]]
    colour: QColor
    area: bool = False


class AnnotatingPageView(PageView):
    """Adds text selection, area drawing and highlights to the page view."""

    page_texts_wanted = Signal(list)  # pages whose text models the view needs
    selection_changed = Signal(bool)  # True when some text is selected
    highlight_clicked = Signal(str)  # annotation id
    highlight_activated = Signal(str)  # double-click on a highlight
    area_drawn = Signal(int, object)  # page, Rect in points
    context_menu_wanted = Signal(QPoint, object)  # global position, annotation id or None

    def __init__(self, cache: PageImageCache, parent: QWidget | None = None) -> None:
        super().__init__(cache, parent)
        self.viewport().setMouseTracking(True)
        self._texts: OrderedDict[int, PageText] = OrderedDict()
        self.selection: TextSelection | None = None
        self._pressed: QPointF | None = None
        self._dragging = False
        self.area_mode = False
        self._area_start: tuple[int, float, float] | None = None
        self._area_now: tuple[float, float] | None = None
        self._highlights: dict[str, Highlight] = {}
        self._by_page: dict[int, list[Highlight]] = {}
        self.selected_highlight: str | None = None
        self._flash: str | None = None
        self._flash_timer = QTimer(self, singleShot=True, interval=900)
        self._flash_timer.timeout.connect(self._end_flash)
        self.tooltip_for: Callable[[str], str] = lambda _id: ""
        self.visible_pages_changed.connect(self._want_texts)

    # --- page texts -------------------------------------------------------------------------------

    def set_document(self, sizes, requester) -> None:  # type: ignore[no-untyped-def]
        self._texts.clear()
        self.selection = None
        self._highlights, self._by_page = {}, {}
        self.selected_highlight = None
        super().set_document(sizes, requester)

    def set_page_text(self, page: int, text: PageText) -> None:
        """The text model of a page arrived from the text worker."""
        self._texts[page] = text
        self._texts.move_to_end(page)
        while len(self._texts) > MAX_PAGE_TEXTS:
            self._texts.popitem(last=False)

    def page_text(self, page: int) -> PageText | None:
        return self._texts.get(page)

    @property
    def texts(self) -> dict[int, PageText]:
        return dict(self._texts)

    def request_visible_texts(self) -> None:
        """Ask again for the texts of the pages on screen (after the text worker started)."""
        self._want_texts(self.visible_pages())

    def _want_texts(self, pages: list[int]) -> None:
        missing = [page for page in pages if page not in self._texts]
        if missing:
            self.page_texts_wanted.emit(missing)

    # --- highlights -------------------------------------------------------------------------------

    def set_highlights(self, highlights: list[Highlight]) -> None:
        """Replace every highlight shown."""
        self._highlights = {h.id: h for h in highlights}
        self._reindex()

    def update_highlights(self, changed: list[Highlight], removed: list[str]) -> None:
        """Add or replace some highlights and drop others, without touching the rest."""
        for highlight in changed:
            self._highlights[highlight.id] = highlight
        for id in removed:
            self._highlights.pop(id, None)
            if self.selected_highlight == id:
                self.selected_highlight = None
        self._reindex()

    def _reindex(self) -> None:
        by_page: dict[int, list[Highlight]] = {}
        for highlight in self._highlights.values():
            for page in highlight.rects:
                by_page.setdefault(page, []).append(highlight)
        self._by_page = by_page
        self.viewport().update()

    def select_highlight(self, id: str | None) -> None:
        self.selected_highlight = id
        self.viewport().update()

    def flash(self, id: str) -> None:
        """Scroll to a highlight and make it blink, so the eye finds it."""
        highlight = self._highlights.get(id)
        if highlight is None or not highlight.rects:
            return
        page = min(highlight.rects)
        rects = highlight.rects[page]
        bounds = Rect(min(r.x0 for r in rects), min(r.y0 for r in rects), max(r.x1 for r in rects),
                      max(r.y1 for r in rects))
        self.ensure_visible(page, bounds)
        self._flash = id
        self._flash_timer.start()
        self.viewport().update()

    def _end_flash(self) -> None:
        self._flash = None
        self.viewport().update()

    def highlight_at(self, point: QPointF) -> str | None:
        """The id of the top highlight under a viewport point."""
        found = self.point_on_page(point)
        if found is None:
            return None
        page, x, y = found
        for highlight in reversed(self._by_page.get(page, [])):
            if any(r.x0 - 1 <= x <= r.x1 + 1 and r.y0 - 1 <= y <= r.y1 + 1 for r in highlight.rects[page]):
                return highlight.id
        return None

    # --- painting ---------------------------------------------------------------------------------

    def paint_page_overlay(self, painter: QPainter, page: int) -> None:
        painter.save()
        # Multiply keeps the print readable and lets overlapping highlights mix instead of hiding each other.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for highlight in self._by_page.get(page, ()):
            colour = QColor(highlight.colour)
            colour.setAlpha(255)
            tint = colour.lighter(170) if highlight.id != self._flash else colour
            for rect in highlight.rects[page]:
                area = self.view_rect(page, rect)
                if highlight.area:
                    painter.setPen(QPen(colour, 2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(area)
                else:
                    painter.fillRect(area, tint)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        if self.selected_highlight:
            highlight = self._highlights.get(self.selected_highlight)
            if highlight is not None and page in highlight.rects:
                painter.setPen(QPen(QColor(30, 30, 30), 1.2, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect in highlight.rects[page]:
                    painter.drawRect(self.view_rect(page, rect).adjusted(-1, -1, 1, 1))
        if self.selection is not None and not self.selection.is_empty:
            from annotator.pdf.selection import selection_rects

            for rect in selection_rects(self.selection, self._texts).get(page, []):
                painter.fillRect(self.view_rect(page, rect), SELECTION_COLOUR)
        if self._area_start is not None and self._area_now is not None and self._area_start[0] == page:
            _, x0, y0 = self._area_start
            x1, y1 = self._area_now
            area = self.view_rect(page, Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
            painter.setPen(QPen(QColor(40, 90, 200), 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(40, 90, 200, 40))
            painter.drawRect(area)
        painter.restore()
        super().paint_page_overlay(painter, page)

    # --- selection --------------------------------------------------------------------------------

    def _position(self, point: QPointF) -> TextPosition | None:
        found = self.point_on_page(point) or self._nearest_page_point(point)
        if found is None:
            return None
        page, x, y = found
        text = self._texts.get(page)
        if text is None or not text.has_text_layer:
            return None
        from annotator.pdf.selection import TextPosition, caret_at

        index = caret_at(text, x, y)
        return None if index is None else TextPosition(page, index)

    def _nearest_page_point(self, point: QPointF) -> tuple[int, float, float] | None:
        """For a point in the gap between pages or beside them: the closest point on the nearest page."""
        found = self._view_to_doc(point)
        if found is None:
            return None
        return (found[0], *self._clamped_to_page(point, found[0]))

    def _clamped_to_page(self, point: QPointF, page: int) -> tuple[float, float]:
        """A viewport point in the points of ``page``, held inside the page."""
        target = self.view_rect(page, Rect(0, 0, *self._sizes[page]))
        width, height = self._sizes[page]
        x = (point.x() - target.left()) / target.width() * width
        y = (point.y() - target.top()) / target.height() * height
        return min(max(x, 0.0), width), min(max(y, 0.0), height)

    def set_selection(self, selection: TextSelection | None) -> None:
        self.selection = selection if selection is not None and not selection.is_empty else None
        self.selection_changed.emit(self.selection is not None)
        self.viewport().update()

    def selected_text(self) -> str:
        from annotator.pdf.selection import selected_text

        return selected_text(self.selection, self._texts) if self.selection else ""

    def copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            QApplication.clipboard().setText(text)

    # --- mouse ------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus()
        point = event.position()
        self._pressed = point
        self._dragging = False
        if self.area_mode or event.modifiers() & Qt.KeyboardModifier.AltModifier:
            found = self.point_on_page(point)
            self._area_start = found
            self._area_now = (found[1], found[2]) if found else None
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self.selection is not None:
            position = self._position(point)
            if position is not None:
                self.set_selection(self.selection.extended_to(position))
            return

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = event.position()
        if not event.buttons() & Qt.MouseButton.LeftButton or self._pressed is None:
            self._hover(point)
            return
        if not self._dragging and (point - self._pressed).manhattanLength() < QApplication.startDragDistance():
            return
        self._dragging = True
        if self._area_start is not None:
            self._area_now = self._clamped_to_page(point, self._area_start[0])
            self.viewport().update()
            return
        start = self._position(self._pressed)
        now = self._position(point)
        if start is not None and now is not None:
            from annotator.pdf.selection import TextSelection

            self.selection = TextSelection(start, now)
            self.viewport().update()
        self._autoscroll(point)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        point = event.position()
        if self._area_start is not None:
            page, x0, y0 = self._area_start
            x1, y1 = self._area_now or (x0, y0)
            self._area_start = self._area_now = None
            self.viewport().update()
            if abs(x1 - x0) > 4 and abs(y1 - y0) > 4:
                self.area_drawn.emit(page, Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        elif self._dragging:
            self.set_selection(self.selection)
        elif not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            highlight = self.highlight_at(point)
            self.set_selection(None)
            self.select_highlight(highlight)
            if highlight is not None:
                self.highlight_clicked.emit(highlight)
        self._pressed = None
        self._dragging = False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = event.position()
        highlight = self.highlight_at(point)
        if highlight is not None:
            self.highlight_activated.emit(highlight)
            return
        found = self.point_on_page(point)
        if found is None:
            return
        page, x, y = found
        text = self._texts.get(page)
        if text is not None:
            from annotator.pdf.selection import word_selection

            self.set_selection(word_selection(text, x, y))

    def _hover(self, point: QPointF) -> None:
        highlight = self.highlight_at(point)
        on_text = False
        found = self.point_on_page(point)
        if found is not None and highlight is None:
            text = self._texts.get(found[0])
            on_text = text is not None and text.char_at(found[1], found[2]) is not None
        if highlight is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
            tip = self.tooltip_for(highlight)
            if tip:
                QToolTip.showText(QCursor.pos(), tip, self.viewport())
        elif self.area_mode:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.viewport().setCursor(Qt.CursorShape.IBeamCursor if on_text else Qt.CursorShape.ArrowCursor)
            QToolTip.hideText()

    def _autoscroll(self, point: QPointF) -> None:
        bar = self.verticalScrollBar()
        margin = 30
        if point.y() < margin:
            bar.setValue(bar.value() - 20)
        elif point.y() > self.viewport().height() - margin:
            bar.setValue(bar.value() + 20)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        point = QPointF(self.viewport().mapFrom(self, event.pos()))
        highlight = self.highlight_at(point)
        if highlight is not None:
            self.select_highlight(highlight)
            self.highlight_clicked.emit(highlight)
        self.context_menu_wanted.emit(event.globalPos(), highlight)
