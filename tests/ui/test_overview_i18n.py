"""The overview speaks the interface's language through the Qt Linguist files (its heading, counts, legend,
"Overige punten", tool tips and buttons, in the window and in annotator overview's SVG), and F6 / Shift+F6 bring the
keyboard to it as to every other panel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from annotator.domain.model import Judgment
from annotator.paths import sample_agreement
from annotator.services.overview import Group, Overview
from annotator.ui.overview_chart import OverviewChart, OverviewPanel, column_name, render_svg
from annotator.ui.palette import judgment_name
from test_overview_panel import show_overview
from ui_support import open_review, press_key, settle, shown_window

ROOT = Path(__file__).resolve().parents[2]
SHIFT = Qt.KeyboardModifier.ShiftModifier
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raising docks


def _overview(language: str) -> Overview:
    # Welcome, note, concern, serious concern, violation, no judgment.
    return Overview("theme", (Group("Asiel en migratie", (1, 0, 2, 0, 0, 0), theme_id="t1"),
                              Group("—", (0, 1, 0, 0, 0, 1), other=True)), language, "Samen verder")


def _svg_texts(svg: str) -> list[str]:
    return [re.sub(r"&amp;", "&", text) for text in re.findall(r"<(?:text|title)[^>]*>([^<]*)<", svg)]


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["Oordelen per thema — Samen verder", "5 annotaties", "Overige punten", "Welkom (1)", "Zorg (2)",
            "Opmerking (1)", "Geen oordeel (1)", "Asiel en migratie: 2 × Zorg"]),
    ("en", ["Judgments per theme — Samen verder", "5 annotations", "Other points", "Welcome (1)", "Concern (2)",
            "Note (1)", "No judgment (1)", "Asiel en migratie: 2 × Concern"]),
])
def test_the_chart_file_speaks_the_overview_s_language(qapp: QApplication, language: str,
                                                       expected: list[str]) -> None:
    texts = _svg_texts(render_svg(_overview(language)))
    assert set(expected) <= set(texts), texts
    one = Overview("chapter", (Group("1. Asiel", (0, 0, 1, 0, 0, 0), pages=(2, 5)),), language)
    assert ("1 annotatie" if language == "nl" else "1 annotation") in _svg_texts(render_svg(one))
    bare = _svg_texts(render_svg(Overview("chapter", (), language, has_outline=False)))
    assert ("Dit document heeft geen inhoudsopgave" if language == "nl" else "This document has no outline") \
        in " ".join(bare)


def test_the_judgments_are_named_as_everywhere_else() -> None:
    for language in ("nl", "en"):
        for judgment in Judgment:
            assert column_name(judgment, language) == judgment_name(judgment, language)


def test_the_chart_s_words_are_interface_texts_not_its_own() -> None:
    """No word of the chart is written in Dutch in its source: each is looked up (lupdate finds them)."""
    source = (ROOT / "annotator" / "ui" / "overview_chart.py").read_text(encoding="utf-8")
    for dutch in ("annotaties", "Oordelen", "Overzicht", "Klik ", "thema", "hoofdstuk"):
        assert dutch not in source, dutch


def test_the_dutch_panel_s_buttons_and_tool_tips(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = OverviewPanel("nl")
    qtbot.addWidget(panel)
    assert (panel.by_theme.text(), panel.by_chapter.text()) == ("Per &thema", "Per &hoofdstuk")
    assert panel.toolTip().startswith("Klik op een balk")
    chart: OverviewChart = panel.chart
    assert chart.accessibleName() == "Overzicht"
    chart.resize(600, 300)
    chart.set_overview(_overview("nl"))
    row = chart.chart_layout.rows[1]
    assert chart._tooltip(QPointF(row.left() + 2, row.center().y())).split("\n")[0] == "Overige punten: 2 annotaties"


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_f6_reaches_the_overview_and_shift_f6_leaves_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with shown_window(qtbot, tmp_path) as window:
        open_review(qtbot, window, sample_agreement())
        settle(qtbot, window)
        # From elsewhere: a menu takes a click only once the mouse has moved in it (where an earlier test left it).
        QTest.mouseMove(window.view.viewport(), window.view.viewport().rect().center())
        dock = show_overview(qtbot, window)
        press_key(qtbot, window, Qt.Key.Key_Escape)  # the page view has the keys
        seen = []
        for _ in range(8):
            QTest.keyClick(_focus(), Qt.Key.Key_F6)
            seen.append(type(_focus()).__name__)
            if dock.isAncestorOf(_focus()):
                break
        assert dock.isAncestorOf(_focus()), seen
        assert _focus() is dock.chart  # its main field, whose arrows move between the bars
        qtbot.waitUntil(lambda: not dock.chart.visibleRegion().isEmpty(), timeout=5000)
        QTest.keyClick(_focus(), Qt.Key.Key_F6, SHIFT)
        assert window.workspace is not None and window.workspace.letter_dock.isAncestorOf(_focus())
        QTest.keyClick(_focus(), Qt.Key.Key_F6)
        assert _focus() is dock.chart
        QTest.keyClick(_focus(), Qt.Key.Key_F6)
        assert window.workspace.list_dock.isAncestorOf(_focus())
        # Leave the mouse elsewhere too: the next test's menu click needs it to move.
        QTest.mouseMove(window.view.viewport(), window.view.viewport().rect().center())
