"""The letter's settings (sender, addressee, salutation, ...): defaults per language, stored as key/value pairs.

The store keeps each setting as text under the field's name. Text written for one language (salutation, closing,
...) only applies to that language: asking for the letter in the other language takes that language's defaults for
those fields, while the organisation, the signatory, the reference and the template stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Protocol, TypedDict

from annotator.domain.text import printable

LANGUAGES = ("nl", "en")

# Fields whose text is written in the letter's language; they do not carry over to the other language.
LANGUAGE_BOUND = ("place", "subject", "addressee", "salutation", "introduction", "closing", "agreement_title")
# Yes/no settings, stored as "1" or "0".
FLAGS = ("summary", "annex", "comments")


class SettingsStore(Protocol):
    """Where settings live: the repository's key/value table."""

    def letter_settings(self) -> dict[str, str]: ...

    def set_letter_setting(self, key: str, value: str) -> None: ...


@dataclass(frozen=True, slots=True)
class LetterSettings:
    """Everything about the letter that is not an annotation.

    ``introduction`` may use ``{organisation}`` and ``{agreement}``; an empty ``date`` means the day of compiling;
    an empty ``organisation_short`` means the full name throughout.
    """

    language: str = "nl"
    organisation: str = ""
    organisation_short: str = ""
    sender: str = ""
    place: str = ""
    date: str = ""
    reference: str = ""
    subject: str = ""
    addressee: str = ""
    salutation: str = ""
    introduction: str = ""
    closing: str = ""
    signatory_name: str = ""
    signatory_function: str = ""
    agreement_title: str = ""
    template: str = ""
    summary: bool = True
    annex: bool = False
    comments: bool = False

    @property
    def short_name(self) -> str:
        """The organisation as named after its first mention ('Amnesty' for 'Amnesty International')."""
        return self.organisation_short or self.organisation


class _LanguageDefaults(TypedDict):
    """The defaults of the fields written in one language (``LANGUAGE_BOUND``)."""

    place: str
    subject: str
    addressee: str
    salutation: str
    introduction: str
    closing: str
    agreement_title: str


_DEFAULTS: dict[str, _LanguageDefaults] = {
    "nl": {
        "place": "Den Haag",
        "subject": "Reactie op {agreement}",
        "addressee": "Aan de leden van de Tweede Kamer der Staten-Generaal",
        "salutation": "Geachte Kamerleden,",
        "introduction": (
            "{organisation} heeft kennisgenomen van {agreement} en heeft het akkoord getoetst aan de "
            "mensenrechten: de verdragen waaraan Nederland gebonden is en de Grondwet. In deze brief deelt "
            "{organisation} haar bevindingen met u, in aanloop naar het debat over het akkoord."
        ),
        "closing": "Met vriendelijke groet,",
        "agreement_title": "het coalitieakkoord",
    },
    "en": {
        "place": "The Hague",
        "subject": "Response to {agreement}",
        "addressee": "To the members of the House of Representatives of the States General",
        "salutation": "Dear Members of Parliament,",
        "introduction": (
            "{organisation} has read {agreement} and has assessed it against human rights: the treaties by which "
            "the Netherlands is bound and the Constitution. In this letter {organisation} shares its findings "
            "with you ahead of the debate on the agreement."
        ),
        "closing": "Yours sincerely,",
        "agreement_title": "the coalition agreement",
    },
}


def default_settings(language: str = "nl") -> LetterSettings:
    """Sensible defaults for a letter to the Tweede Kamer in ``language`` ('nl' or 'en')."""
    _check_language(language)
    return LetterSettings(language=language, **_DEFAULTS[language])


# The longest text a setting may hold (an introduction of several paragraphs is a few thousand characters).
MAX_SETTING_LENGTH = 20_000


def settings_from(stored: Mapping[str, str], language: str | None = None) -> LetterSettings:
    """Settings from stored key/value pairs, over the defaults; ``language`` overrides the stored language."""
    return read_settings(stored, language)[0]


def read_settings(stored: Mapping[str, str], language: str | None = None) -> tuple[LetterSettings, list[str]]:
    """Settings from stored key/value pairs, over the defaults, and the names of the stored ones that could not
    be used (a database made elsewhere may hold anything): an unknown language, a yes/no setting that is neither,
    text that is no text or longer than MAX_SETTING_LENGTH. Those keep their defaults; control characters are
    left out of the rest (annotator.domain.text.printable). ``language`` overrides the stored language."""
    ignored: list[str] = []
    stored_language = stored.get("language") or "nl"
    if stored_language not in LANGUAGES:
        ignored.append("language")
        stored_language = "nl"
    wanted = language or stored_language
    _check_language(wanted)
    values: dict[str, object] = {}
    for item in fields(LetterSettings):
        name = item.name
        if name == "language" or name not in stored:
            continue
        if name in LANGUAGE_BOUND and wanted != stored_language:
            continue
        value = stored[name]
        if name in FLAGS:
            if value not in ("0", "1"):
                ignored.append(name)
                continue
            values[name] = value == "1"
        elif not isinstance(value, str) or len(value) > MAX_SETTING_LENGTH:
            ignored.append(name)
        else:
            values[name] = printable(value)
    return replace(default_settings(wanted), **values), ignored  # type: ignore[arg-type]


def settings_to(settings: LetterSettings) -> dict[str, str]:
    """The key/value pairs that store ``settings``."""
    _check_language(settings.language)
    result: dict[str, str] = {}
    for item in fields(LetterSettings):
        value = getattr(settings, item.name)
        result[item.name] = ("1" if value else "0") if item.name in FLAGS else str(value)
    return result


def load_settings(store: SettingsStore, language: str | None = None) -> LetterSettings:
    """The stored settings over the defaults; ``language`` ('nl'/'en') asks for the letter in that language."""
    return settings_from(store.letter_settings(), language)


def save_settings(store: SettingsStore, settings: LetterSettings) -> None:
    """Store every field of ``settings``."""
    for key, value in settings_to(settings).items():
        store.set_letter_setting(key, value)


def with_overrides(settings: LetterSettings, overrides: Mapping[str, object]) -> LetterSettings:
    """``settings`` with some fields replaced; unknown field names are refused with their name."""
    known = {item.name for item in fields(LetterSettings)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise ValueError(f"{', '.join(unknown)} is not a letter setting; known settings: {', '.join(sorted(known))}")
    if "language" in overrides:
        _check_language(str(overrides["language"]))
    return replace(settings, **overrides)  # type: ignore[arg-type]


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"the letter cannot be written in {language!r}; choose nl or en")
