"""What a screen reader and a keyboard user get: every control in the window's accessibility tree has a name (a
word, not a symbol or the choice a drop-down shows), every menu entry and toolbar button can be reached from the
keyboard, the keyboard focus is drawn where it is, and a judgment is never told by its colour alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QMenu,
    QToolButton,
    QToolTip,
    QWidget,
)

from annotator.domain.model import Judgment
from annotator.ui.annotation_table import Column
from annotator.ui.main_window import MainWindow
from annotator.ui.palette import judgment_name
from ui_support import highlight_phrase, open_review, press_key, settle, show_letter_tab, window  # noqa: F401

Role = QAccessible.Role
# The roles a reviewer acts on: each must say what it is.
INTERACTIVE = {Role.PushButton, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.EditableText, Role.List,
               Role.Table, Role.Tree, Role.Slider, Role.SpinBox, Role.PageTab, Role.ButtonMenu, Role.ButtonDropDown,
               Role.Dial}
CONTAINERS = {Role.List, Role.Table, Role.Tree}  # their rows are the document's content, named by it
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raising a window


def _unnamed(interface: QAccessibleInterface | None, path: str, found: list[str], seen: set[str]) -> None:
    """Walk the accessibility tree below ``interface``: each shown control without a proper name goes to ``found``;
    ``seen`` collects a description of every control walked."""
    if interface is None or not interface.isValid() or interface.state().invisible:
        return
    role = interface.role()
    name = interface.text(QAccessible.Text.Name).strip()
    widget = interface.object()
    label = f"{path}/{role.name}:{type(widget).__name__ if widget is not None else '-'}" \
            f"({widget.objectName() if widget is not None else ''})"
    if role in INTERACTIVE:
        seen.add(label)
        if len(re.findall(r"[^\W\d_]", name)) < 2:  # a word: "▲", "…", "B" or nothing say nothing
            found.append(f"{label} is named {name!r}")
        elif isinstance(widget, QComboBox) and not widget.accessibleName() and name == widget.currentText():
            found.append(f"{label} is named only by its choice {name!r}")
    if role in CONTAINERS:
        return
    for index in range(interface.childCount()):
        _unnamed(interface.child(index), f"{path}/{name or role.name}", found, seen)


@pytest.fixture
def everything_shown(qtbot, window: MainWindow, agreement_2021: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """The 2021 agreement open with its review, a highlight in the editor, every panel and the find bar shown."""
    open_review(qtbot, window, agreement_2021)
    highlight_phrase(qtbot, window, 5, "aandacht voor emotioneel")
    settle(qtbot, window)
    window.carry_queue  # noqa: B018 - made, as File › Carry Over makes it
    for dock in window.findChildren(QDockWidget):
        dock.show()
    press_key(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_bar.isVisible, timeout=5000)
    return window


def test_every_control_in_the_accessibility_tree_has_a_name(qtbot, everything_shown: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = everything_shown
    found: list[str] = []
    seen: set[str] = set()
    # Each dock in front in turn (the ones behind a tab are out of sight, and out of the tree), both sidebar tabs.
    workspace = window.workspace
    assert workspace is not None
    for front in (workspace.editor_dock, workspace.letter_dock, window.overview_dock, workspace.list_dock,
                  window.carry_dock):
        assert front is not None
        front.raise_()
        for tab in range(window.sidebar.count()):
            window.sidebar.setCurrentIndex(tab)
            QApplication.processEvents()
            _unnamed(QAccessible.queryAccessibleInterface(window), "window", found, seen)
    assert not sorted(set(found)), "\n".join(sorted(set(found)))
    # The walk reached the controls of every panel.
    for expected in ("theme-combo", "reference-search", "comment", "include-in-letter", "judgment-concern",
                     "letter-checks", "letter-text", "search-field", "page-field", "carry-queue-items",
                     "overview-by-theme", "reference-filter"):
        assert any(f"({expected})" in label for label in seen), expected
    assert any(":AnnotationTable(" in label for label in seen)
    assert any(":ThumbnailPanel(" in label for label in seen) and any(":OutlinePanel(" in label for label in seen)


def test_symbol_buttons_say_what_they_do(qtbot, everything_shown: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = everything_shown
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.text() and not re.search(r"[^\W\d_]{2}", button.text()):
            interface = QAccessible.queryAccessibleInterface(button)
            assert interface is not None
            assert re.search(r"[^\W\d_]{2}", interface.text(QAccessible.Text.Name)), button.text()
            assert button.toolTip() or interface.text(QAccessible.Text.Description), button.text()


def _menu_actions(menu: QMenu) -> list:  # type: ignore[type-arg]
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found.extend(_menu_actions(action.menu()))
        elif not action.isSeparator():
            found.append(action)
    return found


def test_every_menu_entry_and_toolbar_button_has_a_keyboard_path(qtbot, everything_shown: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = everything_shown
    in_menus = []
    for top in window.menuBar().actions():
        assert "&" in top.text(), top.text()  # Alt+letter opens it
        menu = top.menu()
        assert menu is not None
        menu.aboutToShow.emit()  # Open Recent fills itself when shown
        for action in _menu_actions(menu):
            in_menus.append(action)
            assert "&" in action.text() or not action.isEnabled() or not action.shortcut().isEmpty(), action.text()
    for action in window.toolbar.actions():
        if isinstance(window.toolbar.widgetForAction(action), QToolButton):
            assert action in in_menus or not action.shortcut().isEmpty(), action.text()
    # Every dock's close button has its entry in the View menu (the dock's toggle), which shows it again.
    view_menu = next(top.menu() for top in window.menuBar().actions() if top.menu() is window.view_menu)
    for dock in window.findChildren(QDockWidget):
        assert dock.toggleViewAction() in view_menu.actions(), dock.objectName()


def _focusable(window: MainWindow) -> list[QWidget]:
    return [widget for widget in window.findChildren(QWidget)
            if widget.isVisible() and widget.isEnabled() and not widget.visibleRegion().isEmpty()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.width() > 4 and widget.height() > 4]


def test_the_keyboard_focus_is_drawn_where_it_is(qtbot, everything_shown: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Tab through the window: the widget that takes the focus looks different from when it did not have it."""
    window = everything_shown
    window.workspace.editor_dock.raise_()
    window.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.view.hasFocus, timeout=3000)
    looked_at: list[str] = []
    unmarked: list[str] = []
    for _ in range(60):
        before = QApplication.focusWidget()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is None or focus is before:
            continue
        name = f"{type(focus).__name__}({focus.objectName()!r}, {focus.accessibleName()!r})"
        if name in looked_at:
            continue
        looked_at.append(name)
        qtbot.wait(30)
        focused = focus.grab().toImage()
        # The same widget without the focus: moved away (to the page view, or from it to the page field), drawn again.
        (window.page_field if focus is window.view else window.view).setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.wait(30)
        unfocused = focus.grab().toImage()
        if focused == unfocused:
            unmarked.append(name)
        focus.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(focus.hasFocus, timeout=3000)
    assert len(looked_at) >= 10, looked_at
    assert unmarked == [], unmarked


def _tooltip(widget: QWidget, point: QPoint) -> str:
    """The tooltip shown when the pointer rests at ``point`` (the event a window system's hover leads to)."""
    QToolTip.hideText()
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point)))
    return QToolTip.text()


def test_a_judgment_is_never_told_by_its_colour_alone(qtbot, everything_shown: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = everything_shown
    language = window.tr_.language
    review = window.review
    annotation = next(iter(review.review.annotations.values()))
    review.set_judgment([annotation], Judgment.SERIOUS_CONCERN)
    settle(qtbot, window)
    name = judgment_name(Judgment.SERIOUS_CONCERN, language)
    # The editor's buttons carry the names.
    for judgment in Judgment:
        button = window.editor.findChild(QAbstractButton, f"judgment-{judgment.value}")
        assert judgment_name(judgment, language) in button.text()
    # The list writes the judgment out in its column; its filter buttons (colour squares) name theirs.
    table = window.annotation_list.table
    model = table.model()
    texts = {model.index(row, Column.JUDGMENT).data() for row in range(model.rowCount())}
    assert name in texts
    for judgment, button in window.annotation_list.judgment_buttons.items():
        assert judgment_name(judgment, language) in button.toolTip()
        assert button.accessibleName() == judgment_name(judgment, language)
    # The strip beside the scroll bar: pointing at the mark says its judgment.
    strip = window.judgment_strip
    qtbot.waitUntil(lambda: bool(strip.marks) and strip.marks[0].judgment is Judgment.SERIOUS_CONCERN, timeout=5000)
    point = strip.point_of(strip.marks[0])
    assert point is not None
    assert name in _tooltip(strip, point)
    # The overview: its legend writes every judgment's name; pointing at a segment names its judgment.
    overview = window.overview_dock
    assert overview is not None
    overview.raise_()
    chart = overview.findChild(QWidget, "overview-chart")
    qtbot.waitUntil(lambda: chart.overview is not None and any(sum(group.counts) for group in chart.overview.groups),
                    timeout=10000)
    layout = chart.chart_layout
    assert any(name in text.text for text in layout.texts)
    segment = next(segment for segment in layout.segments if segment.judgment is Judgment.SERIOUS_CONCERN)
    assert name in _tooltip(chart, segment.rect.center().toPoint())
