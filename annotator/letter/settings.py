"""The letter's settings (sender, addressee, salutation, ...): defaults per language, stored as key/value pairs.

The store keeps each setting as text under the field's name. Text written for one language (salutation, closing,
...) only applies to that language: asking for the letter in the other language takes that language's defaults for
those fields, while the organisation, the signatory, the reference and the template stay.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Protocol, TypedDict

from annotator.domain.text import TextError, check_text, printable
from annotator.letter.arrangement import Arrangement, ArrangementError, arrangement_json, parse_arrangement

LANGUAGES = ("nl", "en")
# How treaty articles are cited: 'full' as in running text ("artikel 3 EVRM", "artikel 1 van de Grondwet"),
# 'short' as in a table or a dense footnote ("art. 3 EVRM", "art. 1 Gw"). See annotator.letter.citations.
CITATION_STYLES = ("full", "short")

# Fields whose text is written in the letter's language; they do not carry over to the other language.
LANGUAGE_BOUND = ("place", "subject", "addressee", "salutation", "introduction", "closing", "agreement_title",
                  "sections")
# Yes/no settings, stored as "1" or "0".
FLAGS = ("summary", "annex", "comments", "chart")


class SettingsStore(Protocol):
    """Where settings live: the repository's key/value table."""

    def letter_settings(self) -> dict[str, str]: ...

    def set_letter_setting(self, key: str, value: str) -> None: ...


@dataclass(frozen=True, slots=True)
class LetterSettings:
    """Everything about the letter that is not an annotation.

    ``introduction`` may use ``{organisation}`` and ``{agreement}``; an empty ``date`` means the day of compiling;
    an empty ``organisation_short`` means the full name throughout. ``sections`` holds, per theme title, the
    paragraph(s) that open that theme's section before its passages (stored as the JSON object
    ``{"title": {"introduction": "..."}}``, as in a letter profile). ``introduction``, ``closing`` and the section
    introductions are written in a small markup (annotator.letter.markup: paragraphs, "- " lists, **bold**,
    *italic*). ``arrangement`` is the order of each section's passages and which are argued together
    (annotator.letter.arrangement).
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
    chart: bool = False  # with the annex: a chart of the judgments per theme as its first figure
    citation_style: str = "full"
    sections: tuple[tuple[str, str], ...] = ()
    arrangement: Arrangement = ()

    @property
    def short_name(self) -> str:
        """The organisation as named after its first mention ('Amnesty' for 'Amnesty International')."""
        return self.organisation_short or self.organisation

    def section_introduction(self, title: str) -> str:
        """The introduction of the section ``title`` (compared without case and spacing differences), or ''."""
        wanted = _title_key(title)
        return next((text for name, text in self.sections if _title_key(name) == wanted), "")


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
# Section introductions: how many, the longest theme title, and the longest stored form of them all.
MAX_SECTIONS = 200
MAX_TITLE_LENGTH = 300
MAX_SECTIONS_LENGTH = 1 << 20


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
        elif name == "citation_style":
            if value not in CITATION_STYLES:
                ignored.append(name)
            else:
                values[name] = value
        elif name == "sections":
            try:
                values[name] = _stored_sections(value)
            except ProfileError:
                ignored.append(name)
        elif name == "arrangement":
            try:
                values[name] = parse_arrangement(value)
            except ArrangementError:
                ignored.append(name)
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
        if item.name in FLAGS:
            result[item.name] = "1" if value else "0"
        elif item.name == "sections":
            result[item.name] = _sections_json(value) if value else ""
        elif item.name == "arrangement":
            result[item.name] = arrangement_json(value)
        else:
            result[item.name] = str(value)
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
    if "citation_style" in overrides and overrides["citation_style"] not in CITATION_STYLES:
        raise ValueError(f"citation_style must be full or short, not {overrides['citation_style']!r}")
    return replace(settings, **overrides)  # type: ignore[arg-type]


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"the letter cannot be written in {language!r}; choose nl or en")


# --- letter profiles -------------------------------------------------------------------------------------------
# A letter profile is a small JSON file with an organisation's way of writing its letters, for
# ``annotator compile --settings FILE.json`` and the window's Export/Import Profile. Its keys are a contract
# (README.md, "Letter profiles"): each names a setting, and a file that names anything else is refused.


class ProfileError(ValueError):
    """A letter profile that cannot be used; the message is one line that names the file and the key."""


# The profile's keys and the settings they set.
PROFILE_KEYS: dict[str, str] = {
    "organisation": "organisation",
    "signatory": "signatory_name",
    "signatory_function": "signatory_function",
    "introduction": "introduction",
    "closing": "closing",
    "language": "language",
    "citation_style": "citation_style",
    "sections": "sections",
}
# Keys whose text may run over several lines (paragraphs apart by a blank line); the others are one line.
_MULTILINE = ("introduction", "closing")
# A profile is a few kilobytes; a file larger than this is not one.
MAX_PROFILE_BYTES = 1 << 20
_SHOWN = 60  # characters of a key or value an error message repeats


def read_profile(path: Path | str) -> dict[str, object]:
    """The settings a letter profile file gives, by settings field name (only the keys the file has), checked:
    ProfileError names the file and what is wrong (an unknown key, a value of the wrong kind, text that cannot be
    printed, a file that is no profile at all). Use the result with :func:`apply_profile`, or as overrides of
    ``compile_letter``."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError as error:
        raise ProfileError(f"{path}: the letter profile cannot be read ({error.strerror or error})") from error
    if not stat.S_ISREG(info.st_mode):
        raise ProfileError(f"{path}: the letter profile is not a file; give a .json file")
    if info.st_size > MAX_PROFILE_BYTES:
        raise ProfileError(f"{path}: the letter profile is {info.st_size:,} bytes; a profile has at most "
                           f"{MAX_PROFILE_BYTES:,}")
    try:
        with path.open("rb") as file:
            data = file.read(MAX_PROFILE_BYTES + 1)
    except OSError as error:
        raise ProfileError(f"{path}: the letter profile cannot be read ({error.strerror or error})") from error
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(f"{path}: the letter profile is larger than {MAX_PROFILE_BYTES:,} bytes")
    return parse_profile(data, str(path))


def parse_profile(data: bytes | str, name: str = "the letter profile") -> dict[str, object]:
    """:func:`read_profile` for the file's bytes (or text); ``name`` is how error messages name it."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ProfileError(f"{name}: not UTF-8 text (byte {error.start + 1} cannot be read); save the "
                               "profile as UTF-8") from error
    else:
        text = data
    if not text.strip():
        raise ProfileError(f'{name}: the file is empty; a letter profile is a JSON object such as '
                           '{"organisation": "..."}')
    value = _json(text, name)
    if not isinstance(value, dict):
        raise ProfileError(f'{name}: a letter profile is a JSON object of settings ({{"organisation": "...", ...}}), '
                           f"not {_kind(value)}")
    result: dict[str, object] = {}
    for key, item in value.items():
        field = PROFILE_KEYS.get(key)
        if field is None:
            raise ProfileError(f"{name}: {_shown(key)} is not a key of a letter profile; the keys are "
                               f"{', '.join(PROFILE_KEYS)}")
        result[field] = _profile_value(key, item, name)
    return result


def apply_profile(settings: LetterSettings, profile: Mapping[str, object]) -> LetterSettings:
    """``settings`` with a profile's values (from :func:`read_profile`) over them. A profile in the other
    language also takes that language's wording for what it does not give (salutation, addressee, ...), as
    asking for the letter in that language does."""
    values = dict(profile)
    language = str(values.pop("language", settings.language))
    if language != settings.language:
        settings = read_settings(settings_to(settings), language)[0]
    return with_overrides(settings, values)


def profile_values(settings: LetterSettings) -> dict[str, object]:
    """The letter profile of ``settings``: the JSON object :func:`write_profile` writes."""
    values: dict[str, object] = {}
    for key, field in PROFILE_KEYS.items():
        value = getattr(settings, field)
        values[key] = _sections_object(value) if field == "sections" else value
    return values


def write_profile(settings: LetterSettings, path: Path | str) -> None:
    """Write the letter profile of ``settings`` to ``path`` as JSON (UTF-8), whole or not at all."""
    path = Path(path)
    text = json.dumps(profile_values(settings), ensure_ascii=False, indent=2) + "\n"
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


class _Duplicate(ValueError):
    """A JSON object names the same key twice (json.loads would keep the last one without a word)."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as error:
        raise ProfileError(f"{name}: not valid JSON ({error.msg} at line {error.lineno}, column "
                           f"{error.colno})") from error
    except RecursionError as error:
        raise ProfileError(f"{name}: nested too deeply to be a letter profile") from error
    except _Duplicate as error:
        raise ProfileError(f"{name}: the key {_shown(str(error.args[0]))} is given twice") from error


def _profile_value(key: str, value: Any, name: str) -> object:
    if key == "sections":
        return _sections(value, name, key)
    text = _text(value, name, key, multiline=key in _MULTILINE)
    if key == "language" and text not in LANGUAGES:
        raise ProfileError(f"{name}: language must be \"nl\" or \"en\", not {_shown(text)}")
    if key == "citation_style" and text not in CITATION_STYLES:
        raise ProfileError(f"{name}: citation_style must be \"full\" or \"short\", not {_shown(text)}")
    return text


def _text(value: Any, name: str, label: str, *, multiline: bool, max_length: int = MAX_SETTING_LENGTH) -> str:
    if not isinstance(value, str):
        raise ProfileError(f"{name}: {label} must be text (a JSON string), not {_kind(value)}")
    try:
        text = check_text(value, max_length=max_length)
    except TextError as error:
        raise ProfileError(f"{name}: {label} cannot be used: {error}") from error
    if not multiline and ("\n" in text or "\t" in text):
        raise ProfileError(f"{name}: {label} must be one line, without line breaks or tabs")
    return text if multiline else text.strip()


def _sections(value: Any, name: str, label: str) -> tuple[tuple[str, str], ...]:
    """``{"theme title": {"introduction": "..."}, ...}`` as (title, introduction) pairs, checked."""
    if not isinstance(value, dict):
        raise ProfileError(f'{name}: {label} must be an object from theme title to {{"introduction": "..."}}, '
                           f"not {_kind(value)}")
    if len(value) > MAX_SECTIONS:
        raise ProfileError(f"{name}: {label} has {len(value):,} sections; a letter has at most {MAX_SECTIONS}")
    result: list[tuple[str, str]] = []
    for title, item in value.items():
        where = f"{label} › {_shown(title)}"
        title_text = _text(title, name, f"a section title in {label}", multiline=False, max_length=MAX_TITLE_LENGTH)
        if not title_text:
            raise ProfileError(f"{name}: {label} has a section without a title")
        if not isinstance(item, dict):
            raise ProfileError(f'{name}: {where} must be an object such as {{"introduction": "..."}}, not '
                               f"{_kind(item)}")
        for key in item:
            if key != "introduction":
                raise ProfileError(f"{name}: {_shown(key)} in {where} is not a key of a section; a section has "
                                   "only \"introduction\"")
        result.append((title_text, _text(item.get("introduction", ""), name, f"{where} › introduction",
                                         multiline=True)))
    return tuple(result)


def _stored_sections(value: str) -> tuple[tuple[str, str], ...]:
    """The stored form of the section introductions (the profile's ``sections`` object as JSON text)."""
    if not value:
        return ()
    if len(value) > MAX_SECTIONS_LENGTH:
        raise ProfileError("the stored section introductions are too long")
    return _sections(_json(value, "the stored setting"), "the stored setting", "sections")


def _sections_object(sections: tuple[tuple[str, str], ...]) -> dict[str, dict[str, str]]:
    return {title: {"introduction": text} for title, text in sections}


def _sections_json(sections: tuple[tuple[str, str], ...]) -> str:
    return json.dumps(_sections_object(sections), ensure_ascii=False)


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _kind(value: Any) -> str:
    """How a JSON value is named in a message: 'a number', 'a list', ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _shown(text: str) -> str:
    """``text`` quoted for a one-line message: what cannot be printed escaped, long text cut short."""
    shown = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text[:_SHOWN])
    return f'"{shown}"' + ("…" if len(text) > _SHOWN else "")
