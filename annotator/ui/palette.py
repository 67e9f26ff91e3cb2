"""The colours and names of the judgment scale, shared by the page view, the editor and the list."""

from __future__ import annotations

from PySide6.QtGui import QColor

from annotator.domain import model
from annotator.domain.model import Judgment

JUDGMENT_COLOURS: dict[Judgment, QColor] = {judgment: QColor(hex) for judgment, hex in model.JUDGMENT_COLOURS.items()}
UNJUDGED_COLOUR = QColor(model.UNJUDGED_COLOUR)

_NAMES = {
    "en": {
        Judgment.WELCOME: "Welcome",
        Judgment.NOTE: "Note",
        Judgment.CONCERN: "Concern",
        Judgment.SERIOUS_CONCERN: "Serious concern",
        Judgment.VIOLATION: "Violation",
    },
    "nl": {
        Judgment.WELCOME: "Welkom",
        Judgment.NOTE: "Opmerking",
        Judgment.CONCERN: "Zorg",
        Judgment.SERIOUS_CONCERN: "Ernstige zorg",
        Judgment.VIOLATION: "Schending",
    },
}


def judgment_colour(judgment: Judgment | None) -> QColor:
    """The colour a highlight with this judgment is painted in (grey before it is judged)."""
    return JUDGMENT_COLOURS.get(judgment, UNJUDGED_COLOUR) if judgment else UNJUDGED_COLOUR


def judgment_name(judgment: Judgment | None, language: str) -> str:
    """The judgment's name in the interface language; an empty string when not judged yet."""
    if judgment is None:
        return ""
    return _NAMES.get(language, _NAMES["en"])[judgment]


# --- contrast (WCAG 2.1: text needs 4.5:1 against its background) ---------------------------------------------------

TEXT_CONTRAST = 4.5


def relative_luminance(colour: QColor) -> float:
    """The colour's relative luminance, 0 (black) to 1 (white), as WCAG defines it."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two colours, 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background`` (a checked judgment button)."""
    black, white = QColor("#000000"), QColor("#ffffff")
    return black if contrast_ratio(black, background) >= contrast_ratio(white, background) else white


def legible(colour: QColor, background: QColor, ratio: float = TEXT_CONTRAST) -> QColor:
    """``colour`` for text on ``background``: as it is when it reads well enough, else lighter on a dark background
    (darker on a light one), keeping its hue, until it does."""
    if contrast_ratio(colour, background) >= ratio:
        return colour
    hue, saturation, lightness = colour.hslHueF(), colour.hslSaturationF(), colour.lightnessF()
    step = 0.02 if relative_luminance(background) < 0.18 else -0.02
    adjusted = QColor(colour)
    while contrast_ratio(adjusted, background) < ratio and 0.0 < lightness < 1.0:
        lightness = min(1.0, max(0.0, lightness + step))
        adjusted = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
    return adjusted
