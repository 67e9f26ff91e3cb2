"""The overview panel and the judgment strip beside the scroll bar, used with the mouse as a reviewer does."""

from __future__ import annotations

from pathlib import Path

import fitz
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QStyleOptionSlider

from annotator.domain.model import Judgment, Rect
from annotator.domain.themes import default_themes
from annotator.paths import sample_agreement
from annotator.pdf.anchoring import Anchorer
from annotator.pdf.facts import file_fingerprint
from annotator.pdf.labels import page_labels
from annotator.pdf.textmodel import extract_page_text
from annotator.services.commands import AddAnnotations
from annotator.services.review import DocumentIdentity, Review
from annotator.store.database import Database
from annotator.ui.annotation_table import ID_ROLE
from annotator.ui.judgment_strip import JudgmentStrip
from annotator.ui.overview_chart import Colours, OverviewChart, OverviewDock, ink_on
from annotator.ui.palette import JUDGMENT_COLOURS
from ui_support import highlight_phrase, open_review, press_key, settle, shown_window

ASYLUM, FREEDOM, KINGDOM = "Asiel en migratie", "Vrijheid van meningsuiting, vergadering en godsdienst", \
    "Koninkrijk en buitenlands beleid"
# (PDF page, 0-based; words on it; judgment; theme) of the sample agreement, whose outline has its chapters.
PASSAGES = (
    (3, "Nederland biedt bescherming aan mensen", Judgment.CONCERN, ASYLUM),
    (4, "Alleenstaande minderjarige vreemdelingen krijgen", Judgment.SERIOUS_CONCERN, ASYLUM),
    (8, "Het recht om te demonstreren is een groot goed", Judgment.WELCOME, FREEDOM),
    (11, "Nederland heeft in 2016 het VN-verdrag", Judgment.NOTE, None),
    (12, "Mensenrechten blijven daarom een pijler", None, KINGDOM),
    (13, "Bonaire, Sint Eustatius en Saba", Judgment.VIOLATION, KINGDOM),
)
LEFT, NONE = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
# Offscreen, menus cannot grab the keyboard and docks cannot be raised: it says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def seed_review(database: Path, pdf: Path) -> dict[str, str]:
    """The passages of PASSAGES highlighted and judged in ``database``, as a colleague left them; their ids by
    quote."""
    doc = fitz.open(pdf)
    texts = [extract_page_text(page) for page in doc]
    identity = DocumentIdentity(file_fingerprint(pdf), "Samen verder", doc.page_count, page_labels(doc), pdf.name)
    doc.close()
    db = Database.open(f"sqlite:///{database}")
    review = Review.open(db, identity, "Fatima", list(default_themes("nl")))
    themes = {theme.title: theme.id for theme in review.themes}
    anchorer = Anchorer(texts)
    items = []
    for page, quote, judgment, theme in PASSAGES:
        anchor = anchorer.place(quote, "", "", page).anchor
        assert anchor is not None and anchor.page == page, quote
        items.append(review.new_annotation(anchor, judgment=judgment, theme_id=themes[theme] if theme else None))
    review.execute(AddAnnotations(items))
    db.close()
    return {item.quote: item.id for item in items}


@pytest.fixture
def reviewed(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A window on the sample agreement, whose database holds the passages of PASSAGES."""
    ids = seed_review(tmp_path / "review.sqlite", sample_agreement())
    with shown_window(qtbot, tmp_path) as window:
        open_review(qtbot, window, sample_agreement())
        settle(qtbot, window)
        yield window, ids


def show_overview(qtbot, window) -> OverviewDock:  # type: ignore[no-untyped-def]
    """View › Overview, with the mouse."""
    bar = window.menuBar()
    QTest.mouseClick(bar, LEFT, NONE, bar.actionGeometry(window.view_menu.menuAction()).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    menu = QApplication.activePopupWidget()
    entry = next(action for action in menu.actions() if action.text().replace("&", "") == "Overview")
    QTest.mouseMove(menu, menu.actionGeometry(entry).center())
    QTest.mouseClick(menu, LEFT, NONE, menu.actionGeometry(entry).center())
    dock = window.overview_dock
    assert isinstance(dock, OverviewDock)
    qtbot.waitUntil(lambda: not dock.chart.visibleRegion().isEmpty(), timeout=5000)
    qtbot.waitUntil(lambda: dock.chart.overview is not None, timeout=10000)
    return dock


def click_at(widget, point: QPoint) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseMove(widget, point)
    QTest.mouseClick(widget, LEFT, NONE, point)


def shown_rows(window) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(quote, judgment, theme) of every row the annotation list shows."""
    table = window.annotation_list.table
    model = table.model()
    from annotator.ui.annotation_table import Column

    return [(model.index(row, Column.QUOTE).data(), model.index(row, Column.JUDGMENT).data() or "",
             model.index(row, Column.THEME).data() or "") for row in range(model.rowCount())]


def row_of(chart: OverviewChart, title: str) -> int:
    assert chart.overview is not None
    return next(index for index, group in enumerate(chart.overview.groups) if group.title == title)


def test_the_overview_counts_per_theme_follows_a_new_judgment_and_a_click_filters_the_list(reviewed, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _ids = reviewed
    dock = show_overview(qtbot, window)
    chart = dock.chart
    overview = chart.overview
    assert overview.by == "theme" and overview.total == 6
    titles = [group.title for group in overview.groups]
    assert titles[:2] == list(default_themes("nl"))[:2] and titles[-1] == "Other points"
    asylum = overview.groups[row_of(chart, ASYLUM)]
    assert asylum.count(Judgment.CONCERN) == 1 and asylum.count(Judgment.SERIOUS_CONCERN) == 1 and asylum.total == 2
    kingdom = overview.groups[row_of(chart, KINGDOM)]
    assert kingdom.count(Judgment.VIOLATION) == 1 and kingdom.count(None) == 1

    # A click on a bar's title: the list shows that theme's annotations, every judgment.
    click_at(chart, chart.label_rect(row_of(chart, KINGDOM)).center().toPoint())
    qtbot.waitUntil(lambda: len(shown_rows(window)) == 2, timeout=5000)
    assert {theme for _quote, _judgment, theme in shown_rows(window)} == {KINGDOM}
    assert not any(button.isChecked() for button in window.annotation_list.judgment_buttons.values())
    assert window.workspace.list_dock.isVisible()

    # A click on a segment: that theme and that judgment only.
    segment = chart.segment_rect(row_of(chart, ASYLUM), Judgment.SERIOUS_CONCERN)
    assert segment is not None
    click_at(chart, segment.center().toPoint())
    qtbot.waitUntil(lambda: len(shown_rows(window)) == 1, timeout=5000)
    assert shown_rows(window) == [("Alleenstaande minderjarige vreemdelingen krijgen", "Serious concern", ASYLUM)]
    buttons = window.annotation_list.judgment_buttons
    assert [judgment for judgment, button in buttons.items() if button.isChecked()] == [Judgment.SERIOUS_CONCERN]

    # The reviewer highlights a passage and judges it: the chart counts it at once.
    highlight_phrase(qtbot, window, 5, "een forse en blijvende daling")
    press_key(qtbot, window, Qt.Key.Key_3)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: chart.overview is not None and chart.overview.total == 7, timeout=10000)
    assert chart.overview.groups[-1].count(Judgment.CONCERN) == 1  # no theme yet: among the other points


def test_by_chapter_counts_the_outline_chapters_and_a_click_goes_to_the_chapter(reviewed, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _ids = reviewed
    dock = show_overview(qtbot, window)
    chart = dock.chart
    click_at(dock.panel.by_chapter, dock.panel.by_chapter.rect().center())
    qtbot.waitUntil(lambda: chart.overview is not None and chart.overview.by == "chapter", timeout=10000)
    groups = {group.title: group for group in chart.overview.groups}
    assert list(groups)[:3] == ["Inhoud", "Inleiding", "1. Asiel en migratie"]
    assert groups["1. Asiel en migratie"].total == 2 and groups["2. Democratische rechtsstaat"].total == 1
    assert groups["4. Koninkrijk en buitenlands beleid"].count(Judgment.VIOLATION) == 1
    assert chart.overview.total == 6

    segment = chart.segment_rect(row_of(chart, "4. Koninkrijk en buitenlands beleid"), Judgment.VIOLATION)
    assert segment is not None
    click_at(chart, segment.center().toPoint())
    qtbot.waitUntil(lambda: len(shown_rows(window)) == 1, timeout=5000)
    assert shown_rows(window)[0][:2] == ("Bonaire, Sint Eustatius en Saba", "Violation")
    assert window.view.current_page == 12  # the chapter's first page

    # Back by theme with the other button.
    click_at(dock.panel.by_theme, dock.panel.by_theme.rect().center())
    qtbot.waitUntil(lambda: chart.overview is not None and chart.overview.by == "theme", timeout=10000)


def test_the_chart_reads_in_a_dark_palette(reviewed, qtbot) -> None:  # type: ignore[no-untyped-def]
    from annotator.ui.preferences import dark_palette

    window, _ids = reviewed
    chart = show_overview(qtbot, window).chart
    chart.setPalette(dark_palette())
    colours = Colours.of(chart.palette())
    image = chart.grab().toImage()
    assert QColor(image.pixel(2, 2)).lightness() < 70  # a dark background
    text = {QColor(image.pixel(x, y)).rgb() for x in range(image.width()) for y in range(0, 40)}
    assert any(QColor(pixel).lightness() > 200 for pixel in text)  # the heading in light letters
    for judgment, colour in JUDGMENT_COLOURS.items():
        assert _contrast(ink_on(colour), colour) >= 4.5, judgment  # the counts on the segments
    assert _contrast(colours.text, colours.background) >= 7
    assert _contrast(colours.muted, colours.background) >= 4.5


def _contrast(first: QColor, second: QColor) -> float:
    from annotator.ui.palette import contrast_ratio

    return contrast_ratio(first, second)


def _bar_part(strip: JudgmentStrip, part: QStyle.SubControl) -> tuple[int, int]:
    """The top and bottom of a part of the scroll bar (its groove, its slider), in the strip's coordinates."""
    bar = strip.view.verticalScrollBar()
    option = QStyleOptionSlider()
    option.initFrom(bar)
    option.orientation = Qt.Orientation.Vertical
    option.minimum, option.maximum = bar.minimum(), bar.maximum()
    option.sliderPosition = option.sliderValue = bar.value()
    option.pageStep, option.singleStep = bar.pageStep(), bar.singleStep()
    rect = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option, part, bar)
    top = strip.mapFrom(strip.view, bar.mapTo(strip.view, rect.topLeft())).y()
    return top, top + rect.height()


def test_the_strip_marks_each_highlight_in_its_colour_where_it_is_and_a_click_goes_there(reviewed, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, ids = reviewed
    strip = window.judgment_strip
    assert isinstance(strip, JudgmentStrip) and strip.isVisible()
    view = window.view
    assert strip.geometry().left() > view.viewport().geometry().right()  # beside the scroll bar, not on the page
    qtbot.waitUntil(lambda: len(strip.marks) == len(PASSAGES), timeout=5000)
    bonaire = next(mark for mark in strip.marks if mark.id == ids["Bonaire, Sint Eustatius en Saba"])
    violation = JUDGMENT_COLOURS[Judgment.VIOLATION]

    # The mark is as far down the strip as its passage is down the document, in the violation's colour.
    bar = view.verticalScrollBar()
    passage = view.view_rect(13, Rect(0, bonaire.y, 0, bonaire.y)).top() + bar.value()  # in the whole scroll
    fraction = passage / (bar.maximum() + bar.pageStep())
    top, bottom = _bar_part(strip, QStyle.SubControl.SC_ScrollBarGroove)
    expected = top + fraction * (bottom - top)
    image = strip.grab().toImage()
    ratio = image.devicePixelRatio()
    rows = [y for y in range(image.height())
            if QColor(image.pixel(image.width() // 2, y)).rgb() == violation.rgb()]
    assert rows, "a mark in the violation's colour"
    assert min(abs(y / ratio - expected) for y in rows) <= 4
    assert bonaire.page == 13 and 13 not in view.visible_pages()

    # A click on it goes to the passage: the page comes into view, the slider over the mark, the editor opens it.
    point = strip.point_of(bonaire)
    assert point is not None
    click_at(strip, point)
    qtbot.waitUntil(lambda: 13 in view.visible_pages(), timeout=5000)
    slider_top, slider_bottom = _bar_part(strip, QStyle.SubControl.SC_ScrollBarSlider)
    assert slider_top - 2 <= point.y() <= slider_bottom + 2
    assert window.editor.annotation is not None and window.editor.annotation.id == bonaire.id
    selected = window.annotation_list.table.selectionModel().selectedRows()
    assert [index.data(ID_ROLE) for index in selected] == [bonaire.id]
