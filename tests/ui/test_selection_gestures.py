"""Selecting in the page view as a reviewer's mouse does: double- and triple-clicks as the window system delivers
them, drags that snap to whole words (Ctrl for single characters), Shift+click, areas, and dragging the ends of a
highlight."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.domain.model import AnnotationKind, Rect
from annotator.paths import sample_agreement
from annotator.pdf.selection import selected_text
from annotator.ui.main_window import MainWindow
from ui_support import (  # noqa: F401 (window is a fixture)
    _mouse,
    click,
    double_click,
    open_review,
    press_key,
    triple_click,
    window,
)

PAGE = 2  # "Inleiding": plain paragraphs
FIRST_LINE = "Nederland is een land van mensen die samen de schouders eronder zetten. Dat hebben we de"
SECOND_LINE = "afgelopen jaren vaak gezien: in de zorg, in de buurt, in het onderwijs en in de vele"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
LEFT = Qt.MouseButton.LeftButton


def _open(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    open_review(qtbot, window, sample_agreement())
    view = window.view
    view.go_to_page(PAGE)
    qtbot.waitUntil(lambda: view.page_text(PAGE) is not None, timeout=15000)
    return view


def _at(view, phrase: str, offset: int, where: str = "middle") -> QPointF:  # type: ignore[no-untyped-def]
    """A viewport point on character ``offset`` of the first ``phrase`` on the page: its middle, or just inside its
    left or right edge."""
    text = view.page_text(PAGE)
    index = text.text.index(phrase) + offset
    box = view.view_rect(PAGE, text.boxes[index])
    x = {"middle": box.center().x(), "left": box.left() + 0.6, "right": box.right() - 0.6}[where]
    point = QPointF(x, box.center().y())
    assert view.viewport().rect().contains(point.toPoint()), "the reviewer can only point at what is on screen"
    return point


def _qtest_drag(view, start: QPointF, end: QPointF, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press, move in steps, release, with QTest (whose events are no double-clicks)."""
    viewport = view.viewport()
    QTest.mousePress(viewport, LEFT, modifiers, start.toPoint())
    for step in range(1, 6):
        QTest.mouseMove(viewport, (start + (end - start) * (step / 5)).toPoint())
    QTest.mouseRelease(viewport, LEFT, modifiers, end.toPoint())


def _pause_after_clicks(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait out the double-click interval, so the next press starts a new series."""
    qtbot.wait(QGuiApplication.styleHints().mouseDoubleClickInterval() + 60)


def test_double_click_selects_a_word_and_keeps_it_after_the_release(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    double_click(view, _at(view, "schouders", 3))
    assert view.selected_text() == "schouders"
    assert window.review_actions.highlight.isEnabled()
    # Moving the mouse afterwards, with the button up, changes nothing.
    _mouse(view, QEvent.Type.MouseMove, _at(view, "eronder", 2), Qt.MouseButton.NoButton)
    assert view.selected_text() == "schouders"
    press_key(qtbot, window, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "schouders"
    press_key(qtbot, window, Qt.Key.Key_H)
    quotes = [a.quote for a in window.review.review.annotations.values()]
    assert quotes == ["schouders"]


def test_a_word_is_its_letters_without_the_punctuation_after_it(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    double_click(view, _at(view, "zetten.", 1))
    assert view.selected_text() == "zetten"
    _pause_after_clicks(qtbot)
    double_click(view, _at(view, "Staten-Generaal", 9))
    assert view.selected_text() == "Staten-Generaal"


def test_triple_click_selects_the_line(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    triple_click(view, _at(view, "onderwijs", 2))
    assert view.selected_text() == SECOND_LINE
    # Dragging on from a triple-click takes in whole lines.
    _pause_after_clicks(qtbot)
    point = _at(view, "vaak", 1)
    double_click(view, point)
    _mouse(view, QEvent.Type.MouseButtonPress, point, LEFT)
    target = _at(view, "vrijwilligersorganisaties", 4)
    _mouse(view, QEvent.Type.MouseMove, (point + target) / 2, LEFT)
    _mouse(view, QEvent.Type.MouseMove, target, LEFT)
    _mouse(view, QEvent.Type.MouseButtonRelease, target, Qt.MouseButton.NoButton)
    third_line = view.page_text(PAGE).text.split("\n")[4]
    assert third_line.startswith("vrijwilligersorganisaties")
    assert view.selected_text() == SECOND_LINE + "\n" + third_line


def test_a_press_after_the_double_click_interval_is_a_new_click(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    point = _at(view, "schouders", 3)
    double_click(view, point)
    assert view.selected_text() == "schouders"
    _pause_after_clicks(qtbot)
    click(view, point)
    assert view.selected_text() == ""
    # Nor is a press far from the double-click a third click.
    _pause_after_clicks(qtbot)
    double_click(view, point)
    click(view, _at(view, "zetten", 2))
    assert view.selected_text() == ""


def test_a_drag_after_a_double_click_extends_by_words(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    start = _at(view, "schouders", 4)
    double_click(view, start, release=False)
    assert view.selected_text() == "schouders"
    end = _at(view, "zetten", 1)
    for step in range(1, 6):
        _mouse(view, QEvent.Type.MouseMove, start + (end - start) * (step / 5), LEFT)
    _mouse(view, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    assert view.selected_text() == "schouders eronder zetten"
    # Backwards, the double-clicked word stays selected whole.
    _pause_after_clicks(qtbot)
    double_click(view, start, release=False)
    back = _at(view, "samen", 3)
    _mouse(view, QEvent.Type.MouseMove, back, LEFT)
    _mouse(view, QEvent.Type.MouseButtonRelease, back, Qt.MouseButton.NoButton)
    assert view.selected_text() == "samen de schouders"


def test_a_drag_selects_whole_words_at_both_ends(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    _qtest_drag(view, _at(view, "schouders", 4), _at(view, "zetten", 2))
    assert view.selected_text() == "schouders eronder zetten"
    _qtest_drag(view, _at(view, "zetten", 2), _at(view, "schouders", 4))  # backwards
    assert view.selected_text() == "schouders eronder zetten"
    # Across a line break, from the middle of the last word of one line to the middle of a word on the next.
    _qtest_drag(view, _at(view, "eronder", 3), _at(view, "jaren", 2))
    assert view.selected_text() == "eronder zetten. Dat hebben we de\nafgelopen jaren"


def test_ctrl_drag_selects_single_characters(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    _qtest_drag(view, _at(view, "schouders", 2, "left"), _at(view, "zetten", 2, "right"), CTRL)
    assert view.selected_text() == "houders eronder zet"
    assert not window.review.review.annotations


def test_shift_click_extends_the_selection(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    double_click(view, _at(view, "Nederland", 3))
    _pause_after_clicks(qtbot)
    click(view, _at(view, "mensen", 2), SHIFT)
    assert view.selected_text() == "Nederland is een land van mensen"
    click(view, _at(view, "gezien", 2), SHIFT)  # on the next line
    assert view.selected_text() == FIRST_LINE + "\n" + "afgelopen jaren vaak gezien"
    click(view, _at(view, "gezien", 2), SHIFT | CTRL)  # with Ctrl to the character
    assert view.selected_text() == FIRST_LINE + "\n" + "afgelopen jaren vaak ge"
    # A plain click clears it.
    _pause_after_clicks(qtbot)
    click(view, _at(view, "schouders", 2))
    assert view.selected_text() == ""
    assert not window.review_actions.highlight.isEnabled()


def test_alt_drag_draws_an_area(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    start = _at(view, "Nederland", 0, "left") - QPointF(4, 4)
    _qtest_drag(view, start, _at(view, "vele", 3, "right") + QPointF(2, 4), ALT)
    [area] = window.review.review.annotations.values()
    assert area.kind is AnnotationKind.AREA
    assert area.quote.startswith("Nederland is een land") and area.quote.endswith("in de vele")


def test_the_a_key_makes_the_next_drags_draw_areas(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    press_key(qtbot, window, Qt.Key.Key_A)
    assert window.review_actions.area.isChecked()
    start = _at(view, "schouders", 0, "left") - QPointF(2, 4)
    _qtest_drag(view, start, _at(view, "zetten", 5, "right") + QPointF(0, 4))
    [area] = window.review.review.annotations.values()
    assert area.kind is AnnotationKind.AREA and area.quote == "schouders eronder zetten"
    press_key(qtbot, window, Qt.Key.Key_A)
    _pause_after_clicks(qtbot)
    _qtest_drag(view, _at(view, "schouders", 4), _at(view, "zetten", 2))
    assert view.selected_text() == "schouders eronder zetten"
    assert len(window.review.review.annotations) == 1


def _page_point(view, x: float, y: float) -> QPointF:  # type: ignore[no-untyped-def]
    """The viewport point at (x, y) points on the page, which must be on screen."""
    point = view.view_rect(PAGE, Rect(x, y, x, y)).topLeft()
    assert view.viewport().rect().contains(point.toPoint()), "the reviewer can only point at what is on screen"
    return point


def test_a_drag_from_empty_page_space_draws_an_area(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    text = view.page_text(PAGE)
    lines = text.rects(0, len(text.text))
    body = sorted((line for line in lines if line.y1 < text.height * 0.9), key=lambda line: line.y0)  # no page number
    last, before = body[-1], body[-2]
    view.go_to_page(PAGE, y_points=last.y1)
    # Below the last paragraph the page is empty: the pointer shows that a drag there draws a rectangle.
    below = _page_point(view, last.x1 + 10, last.y1 + 2.5 * last.height)
    view.viewport().setCursor(Qt.CursorShape.ArrowCursor)
    _mouse(view, QEvent.Type.MouseMove, below, Qt.MouseButton.NoButton)
    assert view.viewport().cursor().shape() == Qt.CursorShape.CrossCursor
    # Dragged from there up and left over the last line (and not as far as the middle of the line above it).
    corner = _page_point(view, last.x0 - 6, (before.y0 + before.y1) / 2 + 2)
    _qtest_drag(view, below, corner)
    [area] = window.review.review.annotations.values()
    last_line = next(line for line in text.text.split("\n") if line.startswith("antwoorden hebben"))
    assert area.kind is AnnotationKind.AREA and area.quote == last_line
    assert view.selected_text() == ""
    # Beside a line, in the left margin, a drag selects text as before.
    margin = _page_point(view, last.x0 - 30, (last.y0 + last.y1) / 2)
    _mouse(view, QEvent.Type.MouseMove, margin, Qt.MouseButton.NoButton)
    assert view.viewport().cursor().shape() != Qt.CursorShape.CrossCursor
    _qtest_drag(view, margin, _page_point(view, last.x0 + 50, (last.y0 + last.y1) / 2))
    assert view.selected_text().startswith("antwoorden") and view.selected_text() in last_line
    assert len(window.review.review.annotations) == 1


def _highlight(qtbot, window: MainWindow, view, first: str, last: str) -> str:  # type: ignore[no-untyped-def]
    _qtest_drag(view, _at(view, first, 1), _at(view, last, 1))
    press_key(qtbot, window, Qt.Key.Key_H)
    [annotation] = window.review.review.annotations.values()
    assert view.selected_highlight == annotation.id
    return annotation.id


def _end_points(view, id: str) -> tuple[QPointF, QPointF]:  # type: ignore[no-untyped-def]
    """Viewport points on the start and the end of a highlight's span."""
    span = view.highlight_span(id)
    text = view.page_text(PAGE)
    first, last = text.boxes[span.start.index], text.boxes[span.end.index - 1]
    a, b = view.view_rect(PAGE, first), view.view_rect(PAGE, last)
    return QPointF(a.left() + 1, a.center().y()), QPointF(b.right() - 1, b.center().y())


def test_the_ends_of_a_highlight_can_be_dragged(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    id = _highlight(qtbot, window, view, "schouders", "eronder")
    start, end = _end_points(view, id)
    _mouse(view, QEvent.Type.MouseMove, end, Qt.MouseButton.NoButton)
    assert view.viewport().cursor().shape() == Qt.CursorShape.SizeHorCursor
    # The end, dragged into the middle of a later word, takes it in whole.
    with qtbot.waitSignal(view.highlight_adjusted, timeout=2000) as adjusted:
        _qtest_drag(view, end, _at(view, "zetten", 2))
    assert adjusted.args[0] == id
    assert selected_text(adjusted.args[1], view.texts) == "schouders eronder zetten"
    # The start, dragged back to the middle of an earlier word. (Whether the highlight now covers the new text
    # depends on whoever listens to the signal: each step starts from the highlight as it is shown.)
    _pause_after_clicks(qtbot)
    shown = selected_text(view.highlight_span(id), view.texts)
    start, end = _end_points(view, id)
    with qtbot.waitSignal(view.highlight_adjusted, timeout=2000) as adjusted:
        _qtest_drag(view, start, _at(view, "samen", 2))
    assert adjusted.args[0] == id
    assert selected_text(adjusted.args[1], view.texts) == "samen de " + shown
    # With Ctrl, to the character; the highlight's other end stays.
    _pause_after_clicks(qtbot)
    shown = selected_text(view.highlight_span(id), view.texts)
    start, end = _end_points(view, id)
    with qtbot.waitSignal(view.highlight_adjusted, timeout=2000) as adjusted:
        _qtest_drag(view, end, _at(view, "eronder", 4, "right"), CTRL)
    assert selected_text(adjusted.args[1], view.texts) == shown[:shown.index("eronder") + 5]
    # Dragging the start past the end turns the highlight round it.
    _pause_after_clicks(qtbot)
    span = view.highlight_span(id)
    start, end = _end_points(view, id)
    with qtbot.waitSignal(view.highlight_adjusted, timeout=2000) as adjusted:
        _qtest_drag(view, start, _at(view, "Dat", 1))
    page = view.page_text(PAGE).text
    assert selected_text(adjusted.args[1], view.texts) == page[span.end.index:page.index("Dat") + 3].strip()
    # None of this selected text, and the text selection is untouched.
    assert view.selected_text() == ""


def test_a_click_on_the_end_of_a_highlight_adjusts_nothing(qtbot, window: MainWindow) -> None:
    view = _open(qtbot, window)
    id = _highlight(qtbot, window, view, "schouders", "eronder")
    _start, end = _end_points(view, id)
    with qtbot.assertNotEmitted(view.highlight_adjusted):
        click(view, end)
        _pause_after_clicks(qtbot)
        _qtest_drag(view, end, end + QPointF(1, 0))  # within the drag distance
    assert view.selected_highlight == id
    # Far from its ends, a press on the highlight and a drag select text as always.
    _pause_after_clicks(qtbot)
    with qtbot.assertNotEmitted(view.highlight_adjusted):
        _qtest_drag(view, _at(view, "schouders", 4), _at(view, "zetten", 2))
    assert view.selected_text() == "schouders eronder zetten"
