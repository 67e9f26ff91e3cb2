"""The annotation list shows where a carried-over annotation stands (wording changed, several places, not found;
nothing for one whose words are in place) and filters by it, with the keyboard as a reviewer does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import AnchorStatus
from annotator.paths import resources_dir
from annotator.ui.annotation_list import AnnotationListPanel
from annotator.ui.annotation_table import ID_ROLE, Column
from annotator.ui.i18n import Translator
from test_annotation_list import make


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(resources_dir() / "treaties.json")


def _shown(panel: AnnotationListPanel) -> list[str]:
    return [panel.proxy.index(row, 0).data(ID_ROLE) for row in range(panel.proxy.rowCount())]


def _cell(panel: AnnotationListPanel, id: str, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    row = panel.model.row_of(id)
    assert row is not None
    return panel.model.index(row, Column.STATUS).data(role)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_status_shows_once_an_annotation_is_not_in_place_and_filters(qtbot, catalogue: Catalogue,  # type: ignore[no-untyped-def]
                                                                         language: str) -> None:
    panel = AnnotationListPanel(Translator(language), catalogue)
    qtbot.addWidget(panel)
    panel.resize(1300, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.model.set_annotations([make(1, y=100), make(2, y=200)])
    qtbot.wait(10)  # the bar looks at the rows once they are in
    assert panel.table.isColumnHidden(Column.STATUS) and not panel.status_combo.isVisible(), \
        "a review that was never carried over looks as before"

    panel.model.upsert([make(3, y=300, status=AnchorStatus.FUZZY), make(4, y=400, status=AnchorStatus.AMBIGUOUS),
                        make(5, y=500, status=AnchorStatus.ORPHANED)])
    qtbot.waitUntil(panel.status_combo.isVisible, timeout=2000)
    assert not panel.table.isColumnHidden(Column.STATUS)
    header = panel.table.horizontalHeader()
    assert header.visualIndex(Column.STATUS) == 1, "the status stands beside the quote"
    words = {"en": ("", "Wording changed", "Several places", "Not found"),
             "nl": ("", "Tekst gewijzigd", "Meerdere plekken", "Niet gevonden")}[language]
    assert [_cell(panel, id) for id in ("a0001", "a0003", "a0004", "a0005")] == list(words)
    assert QColor(_cell(panel, "a0003", Qt.ItemDataRole.ForegroundRole)).isValid()
    assert _cell(panel, "a0001", Qt.ItemDataRole.ForegroundRole) is None
    tooltip = str(_cell(panel, "a0003", Qt.ItemDataRole.ToolTipRole))
    assert ("letter" if language == "en" else "brief") in tooltip

    # The reviewer tabs to the status filter and steps through it with the arrow keys.
    combo = panel.status_combo
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=5000)
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # to review: everything not exact
    assert _shown(panel) == ["a0003", "a0004", "a0005"]
    assert panel.count_label.text() == ("3 of 5" if language == "en" else "3 van 5")
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # in place
    assert _shown(panel) == ["a0001", "a0002"]
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # wording changed
    assert _shown(panel) == ["a0003"]
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert _shown(panel) == ["a0004"]
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert _shown(panel) == ["a0005"]

    # Accepting the changed one (its status becomes anchored) takes it out of a "wording changed" filter.
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert _shown(panel) == ["a0003"]
    panel.model.upsert([make(3, y=300, status=AnchorStatus.ANCHORED)])
    assert _shown(panel) == []
    assert _cell(panel, "a0003") == ""
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert len(_shown(panel)) == 5

    # Sorting by the status puts what is in place first, then changed, several places, not found.
    panel.table.sortByColumn(Column.STATUS, Qt.SortOrder.DescendingOrder)
    assert _shown(panel)[:2] == ["a0005", "a0004"]
