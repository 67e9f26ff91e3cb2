"""Qt's own dialogs in the Dutch interface: File › Open (Ctrl+O) shows Qt's file dialog (the one Qt draws itself,
as on a desktop without a native one) with every label, button, tool tip, column, file type and context-menu entry
in Dutch, and so does the context menu of its file-name field. What Qt's qtbase_nl.qm lacks comes from
resources/translations/qt_extra_nl.ts, which annotator keeps by hand."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import fitz
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QTreeView,
    QWidget,
)

from annotator.ui import i18n
from ui_support import press_key, shown_window

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
CTRL = Qt.KeyboardModifier.ControlModifier

# What Qt's widgets say in English (their source texts), none of which the Dutch interface may show; "Type",
# "Computer", "OK" and "Help" are Dutch words too and so are not among them.
ENGLISH = {
    "Look in:", "Files of type:", "File name:", "Name", "Size", "Date Modified", "Kind", "Drive", "Folder",
    "File Folder", "Unknown", "My Computer", "Recent Places", "Sidebar", "Back", "Forward", "Go back", "Go forward",
    "Parent Directory", "Go to the parent directory", "Create New Folder", "Create a New Folder", "New Folder",
    "List View", "Detail View", "Change to list view mode", "Change to detail view mode",
    "List of places and bookmarks", "Show hidden files", "Rename", "Delete", "Open", "Cancel", "Choose", "Save",
    "All Files (*)", "All files (*)", "PDF document", "Folder", "Undo", "Redo", "Cut", "Copy", "Paste",
    "Select All", "Remove", "Directory:", "Directories", "Files",
}


def _plain(text: str) -> str:
    """A text as read: without its shortcut's "&" and a key after a tab."""
    return re.sub(r"&(.)", r"\1", text.split("\t")[0]).strip()


def _english(texts: list[str]) -> list[str]:
    return sorted({text for text in texts if _plain(text) in ENGLISH})


def _widget_texts(dialog: QWidget) -> list[str]:
    """Every text the dialog shows or says: labels, buttons, tool tips, accessible names, drop-downs, the columns
    and rows of its views (the sidebar, the file list), its actions (the file list's context menu)."""
    texts: list[str] = [dialog.windowTitle()]
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        if not widget.isVisibleTo(dialog) and widget is not dialog:
            continue
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(), widget.whatsThis()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(index) for index in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = widget.rootIndex()
            columns = model.columnCount(root)
            texts += [str(model.headerData(column, Qt.Orientation.Horizontal) or "") for column in range(columns)]
            for row in range(model.rowCount(root)):
                texts += [str(model.index(row, column, root).data() or "") for column in range(columns)]
        texts += [action.text() for action in widget.actions()]
        texts += [action.toolTip() for action in widget.actions()]
    return [text for text in texts if text]


def _menu_texts(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions() if action.text()]


class _Hands:
    """Steps taken while the file dialog's own event loop runs (File › Open waits in it until the dialog closes):
    each waits for its condition, then acts as a reviewer's hands do, one after the other."""

    def __init__(self, qtbot, timeout_ms: int = 30000) -> None:  # type: ignore[no-untyped-def]
        self.steps: list[tuple[Callable[[], bool], Callable[[], None]]] = []
        self.failure = ""
        self._timer = QTimer(interval=50)
        self._timer.timeout.connect(self._tick)
        self._left = timeout_ms // 50

    def when(self, condition: Callable[[], bool], action: Callable[[], None]) -> _Hands:
        self.steps.append((condition, action))
        return self

    def start(self) -> None:
        self._timer.start()

    def _tick(self) -> None:
        self._left -= 1
        if not self.steps:
            self._timer.stop()
            return
        if self._left <= 0:
            self.failure = f"gave up waiting, {len(self.steps)} step(s) left; popup {QApplication.activePopupWidget()}"
            self._timer.stop()
            for widget in (QApplication.activePopupWidget(), QApplication.activeModalWidget()):
                if widget is not None:
                    widget.close()
            return
        condition, action = self.steps[0]
        if condition():
            self.steps.pop(0)
            # Later, from the event loop: a context menu waits in a loop of its own until it closes.
            QTimer.singleShot(0, action)


def _right_click(widget: QWidget, point: QPoint) -> None:
    """Press and release the right button: X11 makes a context-menu event of the press; the offscreen platform makes
    none, so there it is sent as X11 would."""
    QTest.mousePress(widget, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)
    if not isinstance(QApplication.activePopupWidget(), QMenu):
        QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                         widget.mapToGlobal(point)))


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    """Dutch as the application's language, as annotator --lang nl starts, with the dialogs Qt draws itself (those
    of a desktop without native ones); English and the native dialogs again afterwards."""
    i18n.install(qapp, "nl")
    qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    yield
    qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)
    i18n.install(qapp, "en")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder, where File › Open starts, with an agreement and a folder in it."""
    folder = tmp_path / "thuis"
    (folder / "Akkoorden").mkdir(parents=True)
    document = fitz.open()
    document.new_page().insert_text((72, 90), "Het recht op huisvesting.", fontsize=12)
    document.save(folder / "akkoord.pdf")
    document.close()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # Qt keeps the file dialog's history there
    return folder


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raising and grabbing the keyboard
def test_the_dutch_file_dialog_and_its_context_menus_have_no_english(qtbot, tmp_path: Path, home: Path,  # type: ignore[no-untyped-def]
                                                                      dutch: None) -> None:
    seen: dict[str, list[str]] = {}
    rows: dict[str, list[str]] = {}
    hands = _Hands(qtbot)

    held: dict[str, QWidget] = {}  # the dialog and its file list, held while the steps use them

    def dialog() -> QFileDialog:
        widget = held["dialog"]
        assert isinstance(widget, QFileDialog)
        return widget

    def file_list() -> QTreeView:
        view = held["list"]
        assert isinstance(view, QTreeView)
        return view

    def listed() -> bool:
        """The dialog is up and active, its file list shows the home folder's two entries."""
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, QFileDialog) or not widget.isActiveWindow():
            return False
        view = widget.findChild(QTreeView, "treeView")
        if view is None or view.model().rowCount(view.rootIndex()) != 2:
            return False
        held.update(dialog=widget, list=view)
        return True

    def look() -> None:
        seen["dialog"] = _widget_texts(dialog())
        view = file_list()
        model, root = view.model(), view.rootIndex()
        for row in range(model.rowCount(root)):
            rows[str(model.index(row, 0, root).data())] = [str(model.index(row, column, root).data())
                                                           for column in range(model.columnCount(root))]
        sidebar = dialog().findChild(QListView, "sidebar")
        assert sidebar is not None
        seen["sidebar"] = [str(sidebar.model().index(row, 0).data()) for row in range(sidebar.model().rowCount())]
        # The detail view, with the toolbar's button, as a reviewer switches to it.
        detail = dialog().findChild(QAbstractButton, "detailModeButton")
        assert detail is not None
        QTest.mouseClick(detail, Qt.MouseButton.LeftButton)
        # A right-click on the empty part of the file list.
        viewport = file_list().viewport()
        _right_click(viewport, QPoint(viewport.width() // 2, viewport.height() - 10))

    def menu_open() -> bool:
        return isinstance(QApplication.activePopupWidget(), QMenu)

    def read_menu(name: str) -> Callable[[], None]:
        def read() -> None:
            menu = QApplication.activePopupWidget()
            assert isinstance(menu, QMenu)
            seen[name] = _menu_texts(menu)
            QTest.keyClick(menu, Qt.Key.Key_Escape)
        return read

    def menu_closed() -> bool:
        return QApplication.activePopupWidget() is None

    def right_click_file_name() -> None:
        field = dialog().findChild(QLineEdit, "fileNameEdit")
        assert field is not None
        field.setFocus()  # empty: a name typed would open the completer's list of names over it
        _right_click(field, field.rect().center())

    def close() -> None:
        QTest.keyClick(dialog(), Qt.Key.Key_Escape)

    hands.when(listed, look).when(menu_open, read_menu("list menu")).when(menu_closed, right_click_file_name) \
        .when(menu_open, read_menu("field menu")).when(menu_closed, close)

    with shown_window(qtbot, tmp_path, language="nl") as window:
        hands.start()
        press_key(qtbot, window, Qt.Key.Key_O, CTRL)  # returns when the dialog has closed
        qtbot.waitUntil(lambda: not hands.steps or bool(hands.failure), timeout=30000)

    assert not hands.failure, (hands.failure, seen)
    texts = [text for each in seen.values() for text in each]
    assert _english(texts) == [], seen
    labels = [_plain(text) for text in seen["dialog"]]
    assert {"Zoeken in:", "Bestandsnaam:", "Bestandstype:", "Annuleren", "Openen", "Naam", "Grootte", "Type",
            "Datum gewijzigd", "Terug", "Verder", "Hogere map", "Nieuwe map aanmaken", "Lijstweergave",
            "Detailweergave"} <= set(labels), labels
    assert rows["Akkoorden"][2] == "Map", rows
    assert rows["akkoord.pdf"][2] != "PDF document", rows  # the file type's name from the locale: PDF-document
    assert {_plain(text) for text in seen["list menu"]} >= {"Verborgen bestanden tonen", "Nieuwe map"}, seen
    assert {_plain(text) for text in seen["field menu"]} >= {"Ongedaan maken", "Opnieuw", "Knippen", "Kopiëren",
                                                             "Plakken", "Verwijderen", "Alles selecteren"}, seen


def test_qt_s_texts_that_qtbase_lacks_come_from_annotator_s_own_file(qapp: QApplication) -> None:
    try:
        i18n.install(qapp, "nl")
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Zoeken in:"
        assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "Bestands&type:"
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == "Map"
        assert QCoreApplication.translate("QFileDialog", "File &name:") == "Bestands&naam:"  # Qt's own
        assert QLocale().language() == QLocale.Language.Dutch
        i18n.install(qapp, "en")
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
        assert QLocale().language() != QLocale.Language.Dutch
    finally:
        i18n.install(qapp, "en")


def test_the_file_of_qt_s_texts_is_finished_compiled_and_shipped() -> None:
    """qt_extra_nl.ts has Dutch for each of its texts, under Qt's contexts; its .qm is current (release --check); the
    wheel and the frozen build carry the .qm (the package data takes every .qm, the build the whole folder)."""
    ts = TRANSLATIONS / "qt_extra_nl.ts"
    root = ET.parse(ts).getroot()
    contexts = [context.findtext("name") for context in root.iter("context")]
    assert "QFileDialog" in contexts and "annotator" not in contexts
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None and translation.text, \
            message.findtext("source")
    compiled = i18n.QTranslator()
    assert compiled.load(str(TRANSLATIONS / "qt_extra_nl.qm"))
    for context in root.iter("context"):
        for message in context.iter("message"):
            assert compiled.translate(context.findtext("name"), message.findtext("source"),
                                      message.findtext("comment")) == message.findtext("translation")
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    assert "*.qm" in data["annotator._resources.translations"]
    assert 'tree("resources", "annotator/_resources")' in (ROOT / "packaging" / "annotator.spec").read_text()
    assert "qt_extra_" in (ROOT / "scripts" / "update-translations.sh").read_text()
