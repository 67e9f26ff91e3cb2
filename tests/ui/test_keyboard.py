"""The window without a mouse: every key bound once on every platform, Tab and F6 through the panels, the list
followed with the arrow keys, menus with mnemonics, the keys help, and each document reopened where it was left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from annotator.domain.model import Annotation, Judgment, TreatyRef
from annotator.paths import resources_dir
from annotator.pdf.service import ProcessPool
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui import shortcuts
from annotator.ui.annotation_table import ID_ROLE
from annotator.ui.app import database_opener, load_catalogue
from annotator.ui.cache import PageImageCache
from annotator.ui.i18n import Translator
from annotator.ui.main_window import MainWindow
from ui_support import drag, phrase_points

SAMPLE = resources_dir() / "sample" / "regeerakkoord-voorbeeld.pdf"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier

# The standard keys the window uses, as each platform theme binds them (QKeySequence.keyBindings, Qt 6): Windows
# (also the offscreen and minimal platforms), X11 without a desktop theme, KDE and GNOME (X11 plus their own), and
# macOS, where Ctrl means the Command key. Every column but macOS's is checked against Qt in a test below.
_X11 = {
    "Open": ["Ctrl+O", "Open"], "Quit": ["Ctrl+Q", "Exit"], "ZoomIn": ["Ctrl++", "Zoom In"],
    "ZoomOut": ["Ctrl+-", "Zoom Out"], "Find": ["Ctrl+F", "Find"], "FindNext": ["F3"], "FindPrevious": ["Shift+F3"],
    "Undo": ["Ctrl+Z", "F14", "Undo"], "Redo": ["Ctrl+Shift+Z", "Redo"], "Copy": ["Ctrl+C", "Ctrl+Ins", "F16", "Copy"],
    "HelpContents": ["F1", "Help"],
}
STANDARD_KEYS: dict[str, dict[str, list[str]]] = {
    "windows": {
        **_X11, "Quit": [], "FindNext": ["F3", "Ctrl+G"], "FindPrevious": ["Shift+F3", "Ctrl+Shift+G"],
        "Undo": ["Ctrl+Z", "Alt+Backspace", "Undo"], "Redo": ["Ctrl+Y", "Alt+Shift+Backspace", "Ctrl+Shift+Z", "Redo"],
        "Copy": ["Ctrl+C", "Ctrl+Ins", "Copy"],
    },
    "x11": _X11,
    "kde": _X11,
    "gnome": {**_X11, "FindNext": ["Ctrl+G", "F3"], "FindPrevious": ["Ctrl+Shift+G", "Shift+F3"]},
    "macos": {
        **_X11, "FindNext": ["Ctrl+G"], "FindPrevious": ["Ctrl+Shift+G"], "Undo": ["Ctrl+Z", "Undo"],
        "Copy": ["Ctrl+C", "Copy"], "HelpContents": ["Ctrl+?", "Help"],
    },
}


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    """Build shown, active windows; windows made with the same ``name`` share one settings file and database."""
    made: list[tuple[MainWindow, ProcessPool]] = []

    def build(language: str = "en", name: str = "a") -> MainWindow:
        settings = QSettings(str(tmp_path / f"settings-{name}.ini"), QSettings.Format.IniFormat)
        processes = ProcessPool()
        opener = database_opener(f"sqlite:///{tmp_path / f'review-{name}.sqlite'}")
        window = MainWindow(Translator(language), settings, PageImageCache(64 * 1024 * 1024), processes,
                            load_catalogue, opener)
        qtbot.addWidget(window)
        window.resize(1200, 860)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        made.append((window, processes))
        return window

    yield build
    for window, processes in made:
        window.close()
        processes.close()


def open_sample(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Open the sample agreement and wait until its pages, page labels and review are there."""
    with qtbot.waitSignal(window.document_opened, timeout=15000):
        window.open_document(SAMPLE)
    qtbot.waitUntil(window.view.is_fully_painted, timeout=15000)
    qtbot.waitUntil(lambda: window.review.review is not None and any(window.labels), timeout=15000)


def press(widget: QWidget | None, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    """One key press on ``widget``, through Qt's shortcut map as a window system delivers it."""
    assert widget is not None
    QTest.keyClick(widget, key, modifiers)


def press_focused(key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    """One key press where the keyboard focus is."""
    press(QApplication.focusWidget(), key, modifiers)


def highlight_with_h(qtbot, window: MainWindow, page: int, phrase: str) -> Annotation:  # type: ignore[no-untyped-def]
    """Select ``phrase`` by dragging over it, then press H in the page view."""
    before = len(window.review.review.annotations)
    start, end = phrase_points(qtbot, window, page, phrase)
    drag(window.view, start, end)
    assert window.view.selected_text() == phrase
    assert QApplication.focusWidget() is window.view, "pressing the mouse in the pages gives them the focus"
    press_focused(Qt.Key.Key_H)
    qtbot.waitUntil(lambda: len(window.review.review.annotations) == before + 1)
    annotation = window.editor.annotation
    assert annotation is not None and annotation.quote == phrase
    return annotation


def stored_judgments(path: Path) -> list[Judgment | None]:
    database = Database.open(f"sqlite:///{path}")
    try:
        repository = Repository(database)
        return [a.judgment for d in repository.documents() for a in repository.annotations(d["fingerprint"])]
    finally:
        database.close()


def inside(widget: QWidget | None, panel: QWidget) -> bool:
    return widget is not None and (widget is panel or panel.isAncestorOf(widget))


# --- every key bound once ----------------------------------------------------------------------------------------


def _window_actions(window: MainWindow) -> list[QAction]:
    return window.findChildren(QAction)


def _duplicates(bound: list[str]) -> list[str]:
    return sorted(sequence for sequence, count in Counter(bound).items() if count > 1)


def test_no_key_sequence_is_bound_twice_on_any_platform(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.build_workspace()
    actions = _window_actions(window)
    # What Qt has bound here and now: every shortcut of every action and QShortcut of the window.
    bound = [sequence.toString() for action in actions for sequence in action.shortcuts()]
    bound += [sequence.toString() for shortcut in window.findChildren(QShortcut) for sequence in shortcut.keys()]
    assert len(bound) > 30
    assert _duplicates(bound) == []
    # What every platform theme would bind, from its standard keys.
    wanted = {key.name for action in actions for key in shortcuts.wanted_keys(action) if not isinstance(key, str)}
    for platform, table in STANDARD_KEYS.items():
        assert wanted <= set(table), f"the table lacks {wanted - set(table)} for {platform}"

        def standard(key: QKeySequence.StandardKey, table: dict[str, list[str]] = table) -> list[QKeySequence]:
            return [QKeySequence(text) for text in table[key.name]]

        bindings = shortcuts.bindings(actions, standard)
        everything = [sequence.toString() for sequences in bindings.values() for sequence in sequences]
        assert _duplicates(everything) == [], platform
        redo = bindings[window.review_actions.redo]
        assert QKeySequence("Ctrl+Shift+Z") in redo, platform
        assert QKeySequence("Ctrl+G") in bindings[window.goto_action], platform
    # The table is Qt's: this platform theme binds one of its columns exactly.
    here = {name: sorted(sequence.toString() for sequence in QKeySequence.keyBindings(
        getattr(QKeySequence.StandardKey, name))) for name in wanted}
    matching = [platform for platform, table in STANDARD_KEYS.items()
                if all(sorted(table[name]) == here[name] for name in wanted)]
    assert matching, f"{QApplication.platformName()} binds {here}"


def test_the_gnome_and_kde_columns_are_what_qt_binds_there() -> None:
    """Under X11 the desktop chooses the theme: start a program as under GNOME and KDE and read its keys."""
    if os.environ.get("QT_QPA_PLATFORM") != "xcb":
        pytest.skip("the desktop themes are only chosen on X11")
    code = ("import json, sys; from PySide6.QtGui import QGuiApplication, QKeySequence; app = QGuiApplication([]); "
            "print(json.dumps({n: sorted(s.toString() for s in QKeySequence.keyBindings("
            "getattr(QKeySequence.StandardKey, n))) for n in sys.argv[1:]}))")
    for desktop, column in (("GNOME", "gnome"), ("KDE", "kde")):
        environment = {**os.environ, "XDG_CURRENT_DESKTOP": desktop, "QT_LOGGING_RULES": "qt.qpa.*=false"}
        result = subprocess.run([sys.executable, "-c", code, *STANDARD_KEYS[column]], capture_output=True,
                                text=True, env=environment, timeout=60, check=True)
        found = json.loads(result.stdout.strip().splitlines()[-1])
        assert found == {name: sorted(keys) for name, keys in STANDARD_KEYS[column].items()}, desktop


def test_ctrl_shift_z_redoes_and_ctrl_z_undoes(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_sample(qtbot, window)
    annotation = highlight_with_h(qtbot, window, 3, "Vluchtelingenverdrag")
    review = window.review.review
    press_focused(Qt.Key.Key_4)
    assert review.annotations[annotation.id].judgment is Judgment.SERIOUS_CONCERN
    press_focused(Qt.Key.Key_Z, CTRL)
    assert review.annotations[annotation.id].judgment is None
    assert window.editor.judgment_buttons.checkedId() == -1
    press_focused(Qt.Key.Key_Z, CTRL | SHIFT)
    assert review.annotations[annotation.id].judgment is Judgment.SERIOUS_CONCERN
    assert window.editor.judgment_buttons.checkedId() == Judgment.SERIOUS_CONCERN.rank
    qtbot.waitUntil(lambda: stored_judgments(tmp_path / "review-a.sqlite") == [Judgment.SERIOUS_CONCERN])
    # Undo twice takes the highlight away, redo twice brings it back with its judgment.
    press_focused(Qt.Key.Key_Z, CTRL)
    press_focused(Qt.Key.Key_Z, CTRL)
    assert annotation.id not in review.annotations
    press_focused(Qt.Key.Key_Z, CTRL | SHIFT)
    press_focused(Qt.Key.Key_Z, CTRL | SHIFT)
    assert review.annotations[annotation.id].judgment is Judgment.SERIOUS_CONCERN


def test_ctrl_g_goes_to_a_page_and_f3_finds_the_next_hit(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_sample(qtbot, window)
    window.view.setFocus()
    press_focused(Qt.Key.Key_G, CTRL)  # also Find Next on Windows and GNOME: here it must go to a page
    assert QApplication.focusWidget() is window.page_field
    QTest.keyClicks(window.page_field, "5")
    press_focused(Qt.Key.Key_Return)
    assert window.page_name(window.view.current_page) == "5"
    assert QApplication.focusWidget() is window.view
    press_focused(Qt.Key.Key_F, CTRL)
    QTest.keyClicks(QApplication.focusWidget(), "Grondwet")
    qtbot.waitUntil(lambda: "of" in window.search_bar.count.text() or "hits" in window.search_bar.count.text(),
                    timeout=15000)
    qtbot.waitUntil(lambda: "Searching" not in window.search_bar.count.text(), timeout=15000)
    press_focused(Qt.Key.Key_F3)
    first = int(window.search_bar.count.text().split(" of ")[0])
    press_focused(Qt.Key.Key_F3)
    assert window.search_bar.count.text().startswith(f"{first + 1} of ")


# --- Tab, Shift+Tab and F6 ---------------------------------------------------------------------------------------


def _tab_cycle(start: QWidget, key: Qt.Key, limit: int = 80) -> list[QWidget]:
    """The widgets Tab (or Shift+Tab) gives the focus to, from ``start`` until the focus is back there."""
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    QApplication.processEvents()
    visited: list[QWidget] = []
    for _ in range(limit):
        press_focused(key)
        focus = QApplication.focusWidget()
        assert focus is not None
        if focus is start:
            return visited
        visited.append(focus)
    raise AssertionError(f"Tab did not come back to {start.objectName()} in {limit} presses: it stayed in "
                         f"{[type(widget).__name__ + ':' + widget.objectName() for widget in visited[-5:]]}")


def test_tab_goes_through_the_panels_and_out_of_the_table(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_sample(qtbot, window)
    highlight_with_h(qtbot, window, 3, "Vluchtelingenverdrag")
    highlight_with_h(qtbot, window, 7, "Grondwet")
    workspace = window.workspace
    table = workspace.annotation_list.table
    forward = _tab_cycle(window.view, Qt.Key.Key_Tab)
    assert any(inside(widget, workspace.editor) for widget in forward), "the editor's fields"
    assert workspace.editor.comment in forward and workspace.editor.references.field in forward
    assert workspace.annotation_list.filter_edit in forward
    assert forward.count(table) == 1, "Tab enters the table once and leaves it"
    after_table = forward[forward.index(table) + 1:]
    assert after_table and not inside(after_table[0], table)
    assert any(inside(widget, window.sidebar) for widget in forward)
    assert not any(inside(widget, workspace.letter) for widget in forward), "the letter is behind the editor's tab"
    # Shift+Tab goes the same way back.
    backward = _tab_cycle(window.view, Qt.Key.Key_Backtab)
    assert backward == list(reversed(forward))
    # Tab in the comment moves on instead of typing a tab character.
    workspace.editor.comment.setFocus()
    press_focused(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not workspace.editor.comment
    assert "\t" not in workspace.editor.comment.toPlainText()
    # Ctrl+Tab types one, for whoever needs it, and the field keeps the focus.
    workspace.editor.comment.setFocus()
    press_focused(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is workspace.editor.comment
    assert workspace.editor.comment.toPlainText() == "\t"


def test_f6_moves_between_the_panels(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_sample(qtbot, window)
    highlight_with_h(qtbot, window, 3, "Vluchtelingenverdrag")
    workspace = window.workspace
    order = [workspace.editor_dock, workspace.letter_dock, workspace.list_dock, window.sidebar, window.view]
    for panel in order:
        press_focused(Qt.Key.Key_F6)
        assert inside(QApplication.focusWidget(), panel), panel.objectName()
        assert not panel.visibleRegion().isEmpty(), f"{panel.objectName()} is in sight"
    assert QApplication.focusWidget() is window.view
    # The letter, behind the editor's tab, came to the front: Tab reaches its fields now, and no longer the
    # editor's, which are out of sight.
    forward = _tab_cycle(window.view, Qt.Key.Key_Tab)
    assert any(inside(widget, workspace.letter) for widget in forward)
    assert not any(inside(widget, workspace.editor) for widget in forward)
    for panel in reversed(order[:-1]):
        press_focused(Qt.Key.Key_F6, SHIFT)
        assert inside(QApplication.focusWidget(), panel), panel.objectName()


# --- the list, by keyboard ---------------------------------------------------------------------------------------


def test_arrow_keys_in_the_list_open_the_annotation_and_show_its_highlight(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_sample(qtbot, window)
    made = [highlight_with_h(qtbot, window, page, phrase)
            for page, phrase in ((3, "Vluchtelingenverdrag"), (7, "Grondwet"), (12, "Mensenrechtenbeleid"))]
    window.view.go_to_page(0)
    window.view.setFocus()
    panel = window.annotation_list
    press_focused(Qt.Key.Key_L, CTRL)
    assert QApplication.focusWidget() is panel.filter_edit
    press_focused(Qt.Key.Key_Down)  # from the filter into the list, on its first row

    def shown() -> Annotation:
        assert QApplication.focusWidget() is panel.table
        current = panel.table.currentIndex()
        assert panel.table.selectionModel().isRowSelected(current.row())
        annotation = next(a for a in made if a.id == current.data(ID_ROLE))
        assert window.editor.annotation is not None and window.editor.annotation.id == annotation.id
        assert annotation.anchor.page in window.view.visible_pages()
        return annotation

    # The list shows selected what the page and the editor show: the highlight made last.
    assert shown().id == made[2].id
    press_focused(Qt.Key.Key_Home)
    assert shown().id == made[0].id
    press_focused(Qt.Key.Key_Down)
    assert shown().id == made[1].id
    assert window.view.current_page != 0
    press_focused(Qt.Key.Key_End)
    assert shown().id == made[2].id
    press_focused(Qt.Key.Key_Up)
    assert shown().id == made[1].id
    # The keys of the list still judge the row reached.
    press_focused(Qt.Key.Key_2)
    assert window.review.review.annotations[made[1].id].judgment is Judgment.NOTE
    assert window.editor.judgment_buttons.checkedId() == Judgment.NOTE.rank


def test_the_filter_finds_references_in_both_languages(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_sample(qtbot, window)
    refugees = highlight_with_h(qtbot, window, 3, "Vluchtelingenverdrag")
    other = highlight_with_h(qtbot, window, 7, "Grondwet")
    # Back to the first one with the keyboard, and give it a reference in the editor's field by typing.
    panel = window.annotation_list
    press_focused(Qt.Key.Key_L, CTRL)
    QTest.keyClicks(panel.filter_edit, "Vluchtelingen")
    press_focused(Qt.Key.Key_Return)
    assert window.editor.annotation.id == refugees.id
    field = window.editor.references.field
    for _ in range(30):
        if QApplication.focusWidget() is field:
            break
        press_focused(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field
    QTest.keyClicks(field, "EVRM 3")
    press_focused(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.review.review.annotations[refugees.id].references == (TreatyRef("echr", "3"),))
    assert panel.model.index(panel.model.row_of(refugees.id), 4).data() == "Article 3 ECHR"

    def shown_for(query: str) -> set[str]:
        press_focused(Qt.Key.Key_L, CTRL)  # selects what the field holds: typing replaces it
        press_focused(Qt.Key.Key_Backspace)
        QTest.keyClicks(panel.filter_edit, query)
        press_focused(Qt.Key.Key_Return)
        return {panel.proxy.index(row, 0).data(ID_ROLE) for row in range(panel.proxy.rowCount())}

    for query in ("EVRM", "ECHR", "EVRM 3", "art. 3 EVRM", "Article 3 ECHR", "artikel 3 van het EVRM",
                  "Europees Verdrag voor de Rechten van de Mens"):
        assert shown_for(query) == {refugees.id}, query
    for query in ("EVRM 5", "art. 33 EVRM", "Vluchtelingenverdrag 3"):
        assert shown_for(query) == set(), query
    assert shown_for("") == {refugees.id, other.id}


# --- menus and the keys help -------------------------------------------------------------------------------------


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    position = plain.find("&")
    return plain[position + 1].casefold() if 0 <= position < len(plain) - 1 else None


def _check_menu(menu: QMenu, path: str) -> None:
    entries = [action for action in menu.actions() if not action.isSeparator() and action.isVisible()]
    letters = [_mnemonic(action.text()) for action in entries]
    assert None not in letters, f"{path}: {[a.text() for a in entries if _mnemonic(a.text()) is None]}"
    assert _duplicates(letters) == [], f"{path}: {[a.text() for a in entries]}"
    for action in entries:
        if action.menu() is not None:
            _check_menu(action.menu(), f"{path} › {action.text()}")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_menu_entry_has_a_mnemonic_and_the_frequent_ones_have_keys(qtbot, make_window, language: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window(language)
    window.build_workspace()
    bar = window.menuBar()
    menus = [action for action in bar.actions() if action.menu() is not None]
    titles = [_mnemonic(action.text()) for action in menus]
    assert None not in titles and _duplicates(titles) == [], [action.text() for action in menus]
    for action in menus:
        _check_menu(action.menu(), action.text())
    actions = window.review_actions
    frequent = [window.open_action, window.zoom_in_action, window.zoom_out_action, window.fit_width_action,
                window.fit_page_action, window.goto_action, window.next_page_action, window.previous_page_action,
                window.find_action, window.find_next_action, window.find_previous_action, window.sidebar_action,
                window.next_panel_action, window.previous_panel_action, window.filter_action,
                window.export_letter_action, actions.undo, actions.redo, actions.copy, actions.highlight,
                actions.area, actions.delete, actions.keys, *actions.judgments]
    assert [action.text() for action in frequent if not shortcuts.shown_keys(action)] == []


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raising and grabbing the keyboard
def test_the_menus_open_with_alt_and_f1_lists_every_key(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_sample(qtbot, window)
    window.view.setFocus()
    press_focused(Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu) and popup.title() == "&Go"
    press(popup, Qt.Key.Key_N)  # Next Page, by its mnemonic
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert window.view.current_page == 1
    press_focused(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window.review_actions, "keys_dialog", None) is not None
                    and window.review_actions.keys_dialog.isVisible())
    text = window.review_actions.keys_dialog.findChild(QLabel, "keys-table").text()
    for action in _window_actions(window):
        keys = shortcuts.shown_keys(action)
        if keys and action.isVisible():
            for key in keys.split(", "):
                assert key in text, action.text()
            assert action.text().replace("&", "") in text or action in (window.review_actions.undo,
                                                                         window.review_actions.redo)
    for words in ("F6", "Ctrl+Shift+Z", "Ctrl+G", "Ctrl+L", "Tab / Shift+Tab", "In the annotation list"):
        assert words in text


# --- where each document was left --------------------------------------------------------------------------------


def test_a_document_reopens_at_the_page_and_zoom_where_it_was_left(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    first = make_window(name="shared")
    open_sample(qtbot, first)
    first.view.setFocus()
    press_focused(Qt.Key.Key_G, CTRL)
    QTest.keyClicks(QApplication.focusWidget(), "3")
    press_focused(Qt.Key.Key_Return)
    page = first.view.current_page
    assert first.page_name(page) == "3" and page > 0
    press_focused(Qt.Key.Key_Minus, CTRL)
    zoom = first.view.zoom
    assert first.view.current_page == page
    first.close()

    second = make_window(name="shared")
    open_sample(qtbot, second)
    assert second.view.current_page == page
    assert second.page_field.text() == "3"
    assert abs(second.view.zoom - zoom) < 1e-3
    assert page in second.view.visible_pages()
