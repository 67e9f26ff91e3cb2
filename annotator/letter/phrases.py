"""The phrase table: openings per judgment and the letter's fixed words, per language (resources/letter/phrases.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.domain.model import Judgment


class PhraseError(ValueError):
    """The phrase table is missing, malformed, or lacks something the letter needs."""


_WORDS = (
    "page", "pages", "pdf_page", "pdf_page_note", "see", "see_also", "and", "elision", "place_date", "reference_label",
    "subject_label", "summary_title", "summary_welcome", "summary_concerns", "other_theme", "annex_title",
    "changes_title", "passage_removed", "passage_changed", "figure_caption",
    "no_organisation",
)


@dataclass(frozen=True, slots=True)
class Phrases:
    """The words of the letter in one language."""

    language: str
    openings: dict[str, tuple[str, ...]]
    words: dict[str, str]
    months: tuple[str, ...]
    judgments: dict[str, str]
    annex_header: tuple[str, ...]
    changes_header: tuple[str, ...] = ()
    # Openings of a paragraph that argues several passages together ("... over de passages {quote}"), per judgment.
    together: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def opening(self, judgment: Judgment | None, turn: int, *, together: bool = False) -> str:
        """The opening template for the ``turn``-th paragraph (0-based) of this judgment in the letter; with
        ``together``, for several passages at once (the single openings when the table has none)."""
        key = (judgment or Judgment.NOTE).value
        family = (self.together.get(key) if together else None) or self.openings[key]
        return family[turn % len(family)]

    def word(self, key: str) -> str:
        """A fixed word or sentence of the letter ('see', 'summary_title', ...)."""
        return self.words[key]

    def judgment(self, judgment: Judgment | None) -> str:
        """The judgment's name in the annex ('ernstige zorg')."""
        return self.judgments[judgment.value if judgment else ""]


def load_phrases(path: Path, language: str) -> Phrases:
    """Read the table for ``language`` from ``path`` and check that every judgment has openings."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise PhraseError(f"The letter's phrase table {path} is missing; reinstall the program.") from error
    except json.JSONDecodeError as error:
        raise PhraseError(f"The letter's phrase table {path} is not valid JSON ({error}).") from error
    table: Any = data.get(language) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise PhraseError(f"The phrase table {path} has no phrases for the language {language!r}.")
    openings = table.get("openings") or {}
    for judgment in Judgment:
        family = openings.get(judgment.value)
        if not family or not all("{quote}" in item for item in family):
            raise PhraseError(
                f"The phrase table {path} needs openings for {judgment.value!r} in {language!r}, each with {{quote}}."
            )
    together = table.get("openings_together") or {}
    if not isinstance(together, dict) or not all(
            isinstance(family, list) and all(isinstance(item, str) and "{quote}" in item for item in family)
            for family in together.values()):
        raise PhraseError(f"The phrase table {path} has openings_together for {language!r} that are not lists of "
                          "texts with {quote}.")
    missing = [key for key in _WORDS if key not in table]
    if missing:
        raise PhraseError(f"The phrase table {path} lacks {', '.join(missing)} for {language!r}.")
    return Phrases(
        language=language,
        openings={key: tuple(value) for key, value in openings.items()},
        words={key: str(table[key]) for key in _WORDS},
        months=tuple(table["months"]),
        judgments=dict(table["judgments"]),
        annex_header=tuple(table["annex_header"]),
        changes_header=tuple(table.get("changes_header") or ()),
        together={key: tuple(value) for key, value in together.items() if value},
    )
