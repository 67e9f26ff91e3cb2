"""The page view a reviewer works in: select text, draw areas, and see highlights in their judgment's colour."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QCursor, QGuiApplication, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from annotator.domain.model import Rect
from annotator.ui.cache import PageImageCache
from annotator.ui.page_view import PageView

if TYPE_CHECKING:
    from annotator.pdf.selection import TextPosition, TextSelection
    from annotator.pdf.textmodel import PageText

SELECTION_COLOUR = QColor(60, 120, 230, 80)
MAX_PAGE_TEXTS = 120  # page text models kept for selecting (about 0.12 MB each); the text process asks again for others
HANDLE_COLOUR = QColor(40, 90, 200)
HANDLE_REACH = 5  # logical pixels either side of a highlight's end where it can be taken and dragged
HANDLE_DRAG_DISTANCE = 2  # logical pixels an end of a highlight must be moved before it follows the pointer

# What a selecting drag snaps to, and what a press began.
_CHAR, _WORD, _LINE = "char", "word", "line"
_SELECT, _AREA, _BLANK, _ADJUST = "select", "area", "blank", "adjust"


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
    highlight_adjusted = Signal(str, object)  # annotation id, the TextSelection its ends were dragged to
    context_menu_wanted = Signal(QPoint, object)  # global position, annotation id or None

    def __init__(self, cache: PageImageCache, parent: QWidget | None = None) -> None:
        super().__init__(cache, parent)
        self.viewport().setMouseTracking(True)
        self._texts: OrderedDict[int, PageText] = OrderedDict()
        self.selection: TextSelection | None = None
        self._pressed: QPointF | None = None
        self._dragging = False
        self._gesture: str | None = None  # what the left button began: _SELECT, _AREA, _BLANK or _ADJUST
        self._granularity = _WORD
        self._anchor_unit: tuple[TextPosition, TextPosition] | None = None  # the word or line a drag extends from
        self._last_press: tuple[str, int, QPointF, int] | None = None  # clock, time in ms, point, presses in a row
        self._adjusting: tuple[str, TextPosition, TextSelection] | None = None  # id, the end that stays, old span
        self._adjust_preview: TextSelection | None = None
        self._spans: dict[str, tuple[Highlight, TextSelection]] = {}
        self._line_boxes: dict[int, tuple[list[Rect], float]] = {}  # by page: its lines, and a body line's height
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
        self._spans.clear()
        self._line_boxes.clear()
        self.selection = None
        self._highlights, self._by_page = {}, {}
        self.selected_highlight = None
        super().set_document(sizes, requester)

    def set_page_text(self, page: int, text: PageText) -> None:
        """The text model of a page arrived from the text worker."""
        self._texts[page] = text
        self._texts.move_to_end(page)
        self._line_boxes.pop(page, None)
        self._spans.clear()
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
            if self._adjusting is not None and self._adjusting[0] == id:
                self._adjusting = self._adjust_preview = None
                self._gesture = None
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
        drawn = {page: rects for page, rects in highlight.rects.items() if rects} if highlight is not None else {}
        if not drawn:  # not on any page (an orphan keeps its quote without a place)
            return
        page = min(drawn)
        rects = drawn[page]
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
        adjusting = self._adjusting[0] if self._adjusting is not None and self._adjust_preview is not None else None
        for highlight in self._by_page.get(page, ()):
            if highlight.id == adjusting:
                continue  # painted where its ends are being dragged to, below
            colour = QColor(highlight.colour)
            colour.setAlpha(255)
            # Judged highlights in a light tint of their colour; a grey one (not judged yet) lightened less, or it
            # would come out white and vanish from the page.
            light = 125 if colour.saturation() < 30 else 170
            tint = colour.lighter(light) if highlight.id != self._flash else colour
            for rect in highlight.rects[page]:
                area = self.view_rect(page, rect)
                if highlight.area:
                    painter.setPen(QPen(colour, 2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(area)
                else:
                    painter.fillRect(area, tint)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        if adjusting is not None and self._adjust_preview is not None:
            # What the highlight will cover when the button comes up, in the selection's colour.
            from annotator.pdf.selection import selection_rects

            painter.setPen(QPen(QColor(30, 30, 30), 1.2, Qt.PenStyle.DashLine))
            for rect in selection_rects(self._adjust_preview, self._texts).get(page, []):
                area = self.view_rect(page, rect)
                painter.fillRect(area, SELECTION_COLOUR)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(area.adjusted(-1, -1, 1, 1))
            self._paint_handles(painter, page, self._adjust_preview)
        elif self.selected_highlight:
            selected = self._highlights.get(self.selected_highlight)
            if selected is not None and page in selected.rects:
                painter.setPen(QPen(QColor(30, 30, 30), 1.2, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect in selected.rects[page]:
                    painter.drawRect(self.view_rect(page, rect).adjusted(-1, -1, 1, 1))
                span = self.highlight_span(self.selected_highlight)
                if span is not None:
                    self._paint_handles(painter, page, span)
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

    def _paint_handles(self, painter: QPainter, page: int, span: TextSelection) -> None:
        """A bar with a knob at each end of a highlight, where it can be dragged to take in more or less."""
        ends = []
        if span.start.page == page and page in self._texts:
            box = self._texts[page].boxes[span.start.index]
            ends.append((self.view_rect(page, Rect(box.x0, box.y0, box.x0, box.y1)), True))
        if span.end.page == page and page in self._texts and span.end.index > 0:
            box = self._texts[page].boxes[span.end.index - 1]
            ends.append((self.view_rect(page, Rect(box.x1, box.y0, box.x1, box.y1)), False))
        painter.setPen(QPen(HANDLE_COLOUR, 2))
        painter.setBrush(HANDLE_COLOUR)
        for line, at_start in ends:
            painter.drawLine(line.topLeft(), line.bottomLeft())
            knob = line.topLeft() if at_start else line.bottomLeft()
            painter.drawEllipse(knob, 3.5, 3.5)

    # --- selection --------------------------------------------------------------------------------

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
    #
    # A window system delivers a double-click as press, release, double-click, release, and a triple-click as one
    # more press soon after, near the same point. The view counts the presses itself: the first selects nothing
    # yet (a click clears the selection on release, a drag selects whole words), the second selects a word, the
    # third the line, and a drag after either extends by words or lines. Ctrl gives character precision.

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        # A click on the page puts the keys there (H, 1–5, Del act on what is read), from the list or a field.
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._press(event, double=False)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self._press(event, double=True)

    def _count_press(self, event: QMouseEvent, double: bool) -> int:
        """1, 2 or 3: how many presses in a row this one is, by the double-click interval and distance."""
        hints = QGuiApplication.styleHints()
        point = event.position()
        # Events from the window system carry their time; events made by hand may not.
        clock, now = ("event", event.timestamp()) if event.timestamp() else ("own", time.monotonic_ns() // 1_000_000)
        clicks = 1
        last = self._last_press
        if last is not None:
            last_clock, last_time, last_point, last_clicks = last
            near = (point - last_point).manhattanLength() <= max(hints.mouseDoubleClickDistance(), 4)
            if last_clock == clock and 0 <= now - last_time <= hints.mouseDoubleClickInterval() and near:
                clicks = min(last_clicks + 1, 3)
        if double:
            clicks = max(clicks, 2)
        self._last_press = (clock, now, point, clicks)
        return clicks

    def _press(self, event: QMouseEvent, double: bool) -> None:
        self.setFocus()
        point = event.position()
        modifiers = event.modifiers()
        clicks = self._count_press(event, double)
        self._pressed = point
        self._dragging = False
        self._gesture = None
        self._anchor_unit = None
        self._granularity = _WORD
        extending = modifiers & Qt.KeyboardModifier.ShiftModifier and self.selection is not None
        if extending and not (self.area_mode or modifiers & Qt.KeyboardModifier.AltModifier):
            # Shift+click moves the selection's free end, by words (by lines from a third click in a row).
            self._granularity = _LINE if clicks >= 3 else _WORD
            self._gesture = _SELECT
            anchor = self.selection.anchor  # type: ignore[union-attr]
            self._anchor_unit = (anchor, anchor)
            self._extend(point, modifiers)
            return
        if clicks >= 2:
            if self._on_blank_space(point):
                return
            if clicks == 2:
                highlight = self.highlight_at(point)
                if highlight is not None:
                    self.highlight_activated.emit(highlight)
            self._granularity = _WORD if clicks == 2 else _LINE
            unit = self._unit_at(point, self._granularity)
            if unit is not None:
                self._gesture = _SELECT
                self._anchor_unit = unit
                self._select_units(unit, unit)
            return
        handle = self._handle_at(point)
        if handle is not None and not modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
            id, moving, span = handle
            self._gesture = _ADJUST
            self._adjusting = (id, span.start if moving == "end" else span.end, span)
            return
        if self.area_mode or modifiers & Qt.KeyboardModifier.AltModifier:
            self._begin_area(point, _AREA)
            return
        if not modifiers & Qt.KeyboardModifier.ControlModifier and self._on_blank_space(point):
            self._begin_area(point, _BLANK)
            return
        self._gesture = _SELECT

    def _begin_area(self, point: QPointF, gesture: str) -> None:
        found = self.point_on_page(point)
        if found is None:
            return
        self._gesture = gesture
        self._area_start = found
        self._area_now = (found[1], found[2])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = event.position()
        if not event.buttons() & Qt.MouseButton.LeftButton or self._pressed is None or self._gesture is None:
            self._hover(point, event.modifiers())
            return
        # An end of a highlight follows the pointer at once: a click there means nothing else, and at a low zoom
        # a character is only a few pixels wide.
        threshold = HANDLE_DRAG_DISTANCE if self._gesture == _ADJUST else QApplication.startDragDistance()
        if not self._dragging and (point - self._pressed).manhattanLength() < threshold:
            return
        self._dragging = True
        if self._gesture in (_AREA, _BLANK) and self._area_start is not None:
            self._area_now = self._clamped_to_page(point, self._area_start[0])
            self.viewport().update()
            return
        if self._gesture == _ADJUST and self._adjusting is not None:
            self._adjust_preview = self._adjusted(point, event.modifiers())
            self.viewport().update()
        elif self._gesture == _SELECT:
            self._extend(point, event.modifiers())
        self._autoscroll(point)

    def _extend(self, point: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        """Move the selection's free end to ``point``: by words (or lines after a triple-click), by characters
        while Ctrl is held."""
        precise = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        granularity = _CHAR if precise else self._granularity
        anchor = self._anchor_unit
        if anchor is None and self._pressed is not None:
            anchor = self._unit_at(self._pressed, granularity)
        focus = self._unit_at(point, granularity)
        if anchor is not None and focus is not None:
            self._select_units(anchor, focus, emit=False)

    def _select_units(self, anchor: tuple[TextPosition, TextPosition], focus: tuple[TextPosition, TextPosition],
                      emit: bool = True) -> None:
        """Select from the unit (word, line, caret) where the gesture began to the one under the pointer, both
        whole, without the spaces at the ends."""
        from annotator.pdf.selection import TextSelection, trimmed

        if focus[0] >= anchor[0]:
            selection = TextSelection(anchor[0], max(anchor[1], focus[1]))
        else:
            selection = TextSelection(anchor[1], focus[0])
        selection = trimmed(selection, self._texts)
        if emit:
            self.set_selection(selection)
        else:
            self.selection = selection if not selection.is_empty else None
            self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        point = event.position()
        if self._dragging and self._gesture == _SELECT:
            self._extend(point, event.modifiers())  # the end is where the button came up, with the keys held then
        elif self._dragging and self._gesture == _ADJUST and self._adjusting is not None:
            self._adjust_preview = self._adjusted(point, event.modifiers())
        gesture, dragging, adjusting, preview = self._gesture, self._dragging, self._adjusting, self._adjust_preview
        selected_on_press = self._anchor_unit is not None  # a double- or triple-click, a Shift+click
        area_start, area_now = self._area_start, self._area_now
        self._pressed = None
        self._dragging = False
        self._gesture = None
        self._anchor_unit = None
        self._adjusting = self._adjust_preview = None
        self._area_start = self._area_now = None
        if dragging:
            self._last_press = None  # a drag ends a series of clicks
        if gesture == _AREA or (gesture == _BLANK and dragging):
            self.viewport().update()
            if area_start is not None:
                page, x0, y0 = area_start
                x1, y1 = area_now or (x0, y0)
                if abs(x1 - x0) > 4 and abs(y1 - y0) > 4:
                    self.area_drawn.emit(page, Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        elif gesture == _ADJUST and dragging and adjusting is not None:
            self.viewport().update()
            id, _fixed, span = adjusting
            if preview is not None and not preview.is_empty and (preview.start, preview.end) != (span.start,
                                                                                                  span.end):
                self.highlight_adjusted.emit(id, preview)
        elif gesture == _SELECT and (dragging or selected_on_press):
            self.set_selection(self.selection)
        elif not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            highlight = self.highlight_at(point)
            self.set_selection(None)
            self.select_highlight(highlight)
            if highlight is not None:
                self.highlight_clicked.emit(highlight)

    # --- units under the pointer ------------------------------------------------------------------

    def _text_point(self, point: QPointF) -> tuple[PageText, float, float] | None:
        found = self.point_on_page(point) or self._nearest_page_point(point)
        if found is None:
            return None
        page, x, y = found
        text = self._texts.get(page)
        if text is None or not text.has_text_layer:
            return None
        return text, x, y

    def _unit_at(self, point: QPointF, granularity: str) -> tuple[TextPosition, TextPosition] | None:
        """The caret, word or line under a viewport point, as its first and last position."""
        found = self._text_point(point)
        if found is None:
            return None
        text, x, y = found
        from annotator.pdf.selection import TextPosition, caret_at, line_bounds, word_bounds

        if granularity == _CHAR:
            caret = caret_at(text, x, y)
            if caret is None:
                return None
            return TextPosition(text.index, caret), TextPosition(text.index, caret)
        index = text.nearest_char(x, y)
        if index is None:
            return None
        lo, hi = word_bounds(text, index) if granularity == _WORD else line_bounds(text, index)
        return TextPosition(text.index, lo), TextPosition(text.index, hi)

    def _on_blank_space(self, point: QPointF) -> bool:
        """True on a page without a text layer, and on page space with no text line within a body line's height
        above or below (around a figure, a table drawn as an image, the top and bottom margins): a drag there draws
        an area. Beside a line (the side margins, between paragraphs) a drag selects text."""
        found = self.point_on_page(point)
        if found is None:
            return False
        page, _x, y = found
        text = self._texts.get(page)
        if text is None:
            return False
        if not text.has_text_layer:
            return True
        found_lines = self._line_boxes.get(page)
        if found_lines is None:
            boxes = text.rects(0, len(text.text))
            heights = sorted(line.height for line in boxes)
            # The height of a line of body text (the median line), so that a large heading has no wider reach.
            reach = min(max(heights[len(heights) // 2], 6.0), 24.0) if heights else 12.0
            found_lines = self._line_boxes[page] = (boxes, reach)
        lines, reach = found_lines
        return all(y < line.y0 - reach or y > line.y1 + reach for line in lines)

    # --- adjusting a highlight's ends -------------------------------------------------------------

    def highlight_span(self, id: str) -> TextSelection | None:
        """The text a text highlight covers, from its first to its last character, when its pages' texts are known."""
        highlight = self._highlights.get(id)
        if highlight is None or highlight.area or not highlight.rects:
            return None
        cached = self._spans.get(id)
        if cached is not None and cached[0] is highlight:
            return cached[1]
        first, last = min(highlight.rects), max(highlight.rects)
        first_text, last_text = self._texts.get(first), self._texts.get(last)
        if first_text is None or last_text is None:
            return None
        from annotator.pdf.selection import TextPosition, TextSelection

        inside_first = _chars_inside(first_text, highlight.rects[first])
        inside_last = inside_first if last == first else _chars_inside(last_text, highlight.rects[last])
        if not inside_first or not inside_last:
            return None
        span = TextSelection(TextPosition(first, inside_first[0]), TextPosition(last, inside_last[-1] + 1))
        self._spans[id] = (highlight, span)
        return span

    def _handles(self) -> list[tuple[str, int, QRectF]] | None:
        """The two ends of the selected text highlight: ("start" | "end", page, the end's line in the viewport)."""
        if self.selected_highlight is None:
            return None
        span = self.highlight_span(self.selected_highlight)
        if span is None:
            return None
        first, last = self._texts[span.start.page], self._texts[span.end.page]
        start_box, end_box = first.boxes[span.start.index], last.boxes[span.end.index - 1]
        start = self.view_rect(span.start.page, Rect(start_box.x0, start_box.y0, start_box.x0, start_box.y1))
        end = self.view_rect(span.end.page, Rect(end_box.x1, end_box.y0, end_box.x1, end_box.y1))
        return [("start", span.start.page, start), ("end", span.end.page, end)]

    def _handle_at(self, point: QPointF) -> tuple[str, str, TextSelection] | None:
        """(annotation id, "start" | "end", its span) when ``point`` is on an end of the selected highlight."""
        handles = self._handles()
        if not handles or self.selected_highlight is None:
            return None
        span = self.highlight_span(self.selected_highlight)
        for which, _page, line in handles:
            if abs(point.x() - line.left()) <= HANDLE_REACH and line.top() - HANDLE_REACH <= point.y() <= (
                    line.bottom() + HANDLE_REACH):
                return self.selected_highlight, which, span  # type: ignore[return-value]
        return None

    def _adjusted(self, point: QPointF, modifiers: Qt.KeyboardModifier) -> TextSelection | None:
        """The highlight's span with the end being dragged moved to the word (or, with Ctrl, the character) under
        ``point``; the other end stays where it was."""
        assert self._adjusting is not None
        _id, fixed, _span = self._adjusting
        precise = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        focus = self._unit_at(point, _CHAR if precise else _WORD)
        if focus is None:
            return self._adjust_preview
        from annotator.pdf.selection import TextSelection, trimmed

        if focus[0] >= fixed:
            selection = TextSelection(fixed, max(fixed, focus[1]))
        else:
            selection = TextSelection(focus[0], fixed)
        return trimmed(selection, self._texts)

    # --- hover ------------------------------------------------------------------------------------

    def _hover(self, point: QPointF, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        if self._handle_at(point) is not None:
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
            QToolTip.hideText()
            return
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
            return
        QToolTip.hideText()
        if self.area_mode or (not modifiers & Qt.KeyboardModifier.ControlModifier and not on_text
                              and self._on_blank_space(point)):
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.viewport().setCursor(Qt.CursorShape.IBeamCursor if on_text else Qt.CursorShape.ArrowCursor)

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


def _chars_inside(text: PageText, rects: tuple[Rect, ...]) -> list[int]:
    """The offsets, in order, of the printed characters whose middle lies inside one of ``rects``."""
    boxes = text.boxes
    chars = text.text
    found = []
    for index, box in enumerate(boxes):
        if box.width <= 0 or chars[index].isspace():
            continue
        x, y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        if any(r.x0 - 0.5 <= x <= r.x1 + 0.5 and r.y0 - 0.5 <= y <= r.y1 + 0.5 for r in rects):
            found.append(index)
    return found
