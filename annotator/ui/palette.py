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
