"""The judgment and status colours keep WCAG AA contrast (4.5:1 for text) on the page and in the list, in light
and in dark mode; the palette's contrast arithmetic is WCAG's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from annotator.domain.model import AnchorStatus, Judgment
from annotator.ui import annotation_table
from annotator.ui.editor import AnnotationEditor
from annotator.ui.palette import (
    JUDGMENT_COLOURS,
    TEXT_CONTRAST,
    UNJUDGED_COLOUR,
    contrast_ratio,
    legible,
    text_colour_on,
)
from annotator.ui.preferences import dark_palette, light_palette

PAGE = QColor("#ffffff")  # a PDF page is painted white in light and dark mode alike
PRINT = QColor("#000000")  # the agreement's text
LIST_BACKGROUNDS = {"light": light_palette, "dark": dark_palette}


def _tint(colour: QColor) -> QColor:
    """A highlight's fill as the page view paints it (AnnotatingPageView.paint_page_overlay), multiplied onto the
    white page, which leaves it as it is."""
    light = 125 if colour.saturation() < 30 else 170
    return colour.lighter(light)


def test_the_arithmetic_is_wcags() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


@pytest.mark.parametrize("judgment", [*Judgment, None], ids=lambda j: j.value if j else "unjudged")
def test_the_agreements_text_reads_on_every_highlight(judgment: Judgment | None) -> None:
    colour = JUDGMENT_COLOURS[judgment] if judgment else UNJUDGED_COLOUR
    assert contrast_ratio(PRINT, _tint(QColor(colour))) >= TEXT_CONTRAST


@pytest.mark.parametrize("judgment", list(Judgment), ids=lambda j: j.value)
def test_a_checked_judgment_buttons_label_reads_on_its_colour(qtbot, judgment: Judgment) -> None:  # type: ignore[no-untyped-def]
    colour = JUDGMENT_COLOURS[judgment]
    text = text_colour_on(colour)
    assert contrast_ratio(text, colour) >= TEXT_CONTRAST, (colour.name(), text.name())
    from annotator.ui.app import load_catalogue
    from annotator.ui.i18n import Translator

    editor = AnnotationEditor(Translator("en"), load_catalogue())
    qtbot.addWidget(editor)
    button = editor.findChild(type(editor.judgment_buttons.button(0)), f"judgment-{judgment.value}")
    assert f"color: {text.name()}" in button.styleSheet()


@pytest.mark.parametrize("mode", list(LIST_BACKGROUNDS))
@pytest.mark.parametrize("status", [AnchorStatus.FUZZY, AnchorStatus.AMBIGUOUS, AnchorStatus.ORPHANED],
                         ids=lambda s: s.value)
def test_the_lists_status_words_read_on_its_background(qtbot, mode: str, status: AnchorStatus) -> None:  # type: ignore[no-untyped-def]
    base = LIST_BACKGROUNDS[mode]().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    shown = legible(QColor(annotation_table._STATUS_COLOURS[status]), base)
    assert contrast_ratio(shown, base) >= TEXT_CONTRAST, (mode, shown.name(), base.name())
    # Also on the alternate rows and on the selected row's highlight the list's own text is what shows.
    palette = LIST_BACKGROUNDS[mode]()
    for text, background in ((QPalette.ColorRole.Text, QPalette.ColorRole.Base),
                             (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
                             (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
                             (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
                             (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button)):
        assert contrast_ratio(palette.color(text), palette.color(background)) >= TEXT_CONTRAST, (mode, text)


def test_a_colour_that_reads_is_kept_and_one_that_does_not_keeps_its_hue() -> None:
    kept = QColor("#1d4f91")
    assert legible(kept, QColor("#ffffff")) == kept
    lightened = legible(kept, QColor("#1e1e1e"))
    assert lightened.lightness() > kept.lightness()
    assert abs(lightened.hslHue() - kept.hslHue()) <= 2


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_list_paints_the_status_words_in_the_readable_colour(qtbot, mode: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from annotator.paths import resources_dir
    from annotator.domain.catalogue import Catalogue
    from annotator.ui.annotation_list import AnnotationListPanel
    from annotator.ui.annotation_table import Column
    from annotator.ui.i18n import Translator
    from annotator.ui.preferences import apply_appearance
    from test_annotation_list import make

    try:
        apply_appearance(mode)
        qtbot.waitUntil(lambda: (QApplication.palette().base().color().lightness() < 80) == (mode == "dark"),
                        timeout=5000)
        panel = AnnotationListPanel(Translator("en"), Catalogue.load(resources_dir() / "treaties.json"))
        qtbot.addWidget(panel)
        panel.show()
        panel.model.set_annotations([make(1, y=100, status=AnchorStatus.FUZZY), make(2, y=200,
                                     status=AnchorStatus.AMBIGUOUS), make(3, y=300, status=AnchorStatus.ORPHANED)])
        base = panel.table.palette().color(QPalette.ColorRole.Base)
        for row in range(3):
            shown = QColor(panel.model.index(row, Column.STATUS).data(Qt.ItemDataRole.ForegroundRole))
            assert contrast_ratio(shown, base) >= TEXT_CONTRAST, (mode, row, shown.name(), base.name())
    finally:
        apply_appearance("")
