"""Checks before the letter goes out: what a reviewer should fix or knowingly accept, each naming its annotation."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.domain.model import AnchorStatus, Annotation, Judgment
from annotator.letter.compose import Sources, in_letter
from annotator.letter.settings import LetterSettings

_QUOTE_START_WORDS = 8
# The section of the annotations without a theme, as resources/letter/phrases.json names it ("other_theme").
_OTHER_SECTION = ("Overige punten", "Other points")


class CheckCode(enum.StrEnum):
    """The kinds of finding (stable names, for the window to translate)."""

    NO_REFERENCE = "no-reference"
    NO_THEME = "no-theme"
    NO_JUDGMENT = "no-judgment"
    ORPHANED = "orphaned"
    # Carried over onto changed words, or to one of several places: left out until the reviewer accepts it.
    NOT_ACCEPTED = "not-accepted"
    PLACE_NOT_CHOSEN = "place-not-chosen"
    EMPTY_LETTER = "empty-letter"
    NO_ORGANISATION = "no-organisation"
    SETTING_IGNORED = "setting-ignored"
    # The settings give an introduction for a section the letter does not have (no theme of that title).
    SECTION_NOT_FOUND = "section-not-found"


@dataclass(frozen=True, slots=True)
class Check:
    """One finding; ``annotation_id`` and ``where`` are empty for findings about the letter as a whole."""

    code: CheckCode
    message: str
    annotation_id: str = ""
    where: str = ""


def describe(a: Annotation, page_labels: Sequence[str]) -> str:
    """'“Wij zetten in op een effectief …” (p. 41)': how a check names an annotation."""
    words = re.sub(r"\s+", " ", a.quote).strip().split(" ")
    start = " ".join(words[:_QUOTE_START_WORDS]) + (" …" if len(words) > _QUOTE_START_WORDS else "")
    if not start:
        start = f"annotation {a.id[:8]}"
    if a.anchor is None or a.status is AnchorStatus.ORPHANED:
        return f"\u201c{start}\u201d (not placed in the document)"
    page = a.anchor.page
    label = page_labels[page] if page < len(page_labels) else ""
    where = f"p. {label}" if label else f"PDF page {page + 1}"
    return f"\u201c{start}\u201d ({where})"


def ignored_settings(names: Sequence[str]) -> list[Check]:
    """Findings for stored letter settings that could not be used (annotator.letter.settings.read_settings)."""
    return [Check(CheckCode.SETTING_IGNORED, f"the letter setting {name!r} in the database holds a value that "
                  "cannot be used; the letter takes its default", where=name) for name in names]


def run_checks(sources: Sources, settings: LetterSettings) -> list[Check]:
    """Every finding, in document order: missing references, themes and judgments, orphans, carried-over
    annotations not accepted yet, an empty letter."""
    findings: list[Check] = []
    live = {theme.id for theme in sources.themes}
    if not settings.organisation.strip():
        findings.append(Check(CheckCode.NO_ORGANISATION, "the organisation's name is not set in the letter "
                              "settings; the letter shows a placeholder where it should name you"))
    included = 0
    for a in sources.annotations:
        if a.deleted or not a.include_in_letter:
            continue
        where = describe(a, sources.page_labels)
        if a.status is AnchorStatus.ORPHANED or a.anchor is None:
            findings.append(Check(CheckCode.ORPHANED, f"{where} could not be placed in this version of the "
                                  "agreement and is left out of the letter", a.id, where))
            continue
        if a.status is AnchorStatus.FUZZY:
            findings.append(Check(CheckCode.NOT_ACCEPTED, f"{where} was carried over onto a passage whose words "
                                  "changed in this version; it is left out of the letter until you accept the new "
                                  "wording", a.id, where))
        elif a.status is AnchorStatus.AMBIGUOUS:
            findings.append(Check(CheckCode.PLACE_NOT_CHOSEN, f"{where} fits more than one place in this version; "
                                  "it is left out of the letter until you pick its place", a.id, where))
        if in_letter(a):
            included += 1
        if a.judgment in (Judgment.SERIOUS_CONCERN, Judgment.VIOLATION) and not a.references:
            findings.append(Check(CheckCode.NO_REFERENCE, f"{where} is judged {a.judgment.value} but cites no "
                                  "treaty article; the letter should name the norm", a.id, where))
        if a.theme_id is None or a.theme_id not in live:
            state = "has no theme" if a.theme_id is None else "has a theme that was deleted"
            findings.append(Check(CheckCode.NO_THEME, f"{where} {state}; it goes under 'other points' at the end "
                                  "of the letter", a.id, where))
        if a.judgment is None:
            findings.append(Check(CheckCode.NO_JUDGMENT, f"{where} has no judgment; the letter words it as a "
                                  "remark", a.id, where))
    if included == 0:
        findings.append(Check(CheckCode.EMPTY_LETTER, "no annotation is included in the letter: it has an "
                              "opening and a closing but no sections"))
    titles = {" ".join(title.split()).casefold() for title in (*(t.title for t in sources.themes), *_OTHER_SECTION)}
    for title, _text in settings.sections:
        if " ".join(title.split()).casefold() not in titles:
            findings.append(Check(CheckCode.SECTION_NOT_FOUND, f"the letter settings introduce a section "
                                  f"\u201c{title}\u201d, but no theme has that title; the introduction is left out",
                                  where=title))
    return findings
