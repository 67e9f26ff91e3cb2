"""The treaty catalogue: instruments and articles, lookup of references, search, and citations as in Kamerstukken."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from annotator.domain.model import TreatyRef

T = TypeVar("T")

LANGUAGES = ("nl", "en")
STYLES = ("short", "long")

# Dutch ordinals for "het Vierde Protocol bij het EVRM".
_ORDINALS_NL = (
    "", "Eerste", "Tweede", "Derde", "Vierde", "Vijfde", "Zesde", "Zevende", "Achtste", "Negende", "Tiende",
    "Elfde", "Twaalfde", "Dertiende", "Veertiende", "Vijftiende", "Zestiende",
)

# Words in a search that only say "article" in either language.
_ARTICLE_WORDS = {"art", "art.", "artt", "artt.", "artikel", "artikelen", "article", "articles", "lid"}

# Small words that do not have to match on their own ("recht op asiel" needs "recht" and "asiel").
_STOPWORDS = {"op", "van", "de", "het", "een", "en", "of", "tot", "voor", "bij", "in", "the", "to", "and", "a", "an"}

_NUMBER = re.compile(r"^(?:p\d+-)?\d+[a-z]?(?:\(\d+\))?(?:-\d+)?$|^[a-z]{2,4}-\d+$")
_TOKEN = re.compile(r"[\w][\w\-()/&']*")


@dataclass(frozen=True, slots=True)
class CitationForms:
    """How an instrument (or a part of one) follows the article number in a citation."""

    nl_short: str
    nl_long: str
    en_short: str
    en_long: str

    def get(self, lang: str, style: str) -> str:
        """The form for ``lang`` ('nl' or 'en') and ``style`` ('short' or 'long')."""
        form: str = getattr(self, f"{lang}_{style}")
        return form


@dataclass(frozen=True, slots=True)
class Article:
    """One article of an instrument, with its headings and the keywords that suggest it."""

    instrument_id: str
    number: str
    label: str
    title_en: str
    title_nl: str
    keywords_nl: tuple[str, ...]
    keywords_en: tuple[str, ...]
    verified: bool = True
    note: str = ""
    aliases: tuple[str, ...] = ()
    designation_nl: str = ""
    designation_en: str = ""
    part: CitationForms | None = None

    @property
    def ref(self) -> TreatyRef:
        """The contract reference ``<instrument-id>:<number>`` of this article."""
        return TreatyRef(self.instrument_id, self.number)

    def title(self, lang: str = "nl") -> str:
        """The heading in ``lang``, falling back to the other language."""
        first, second = (self.title_nl, self.title_en) if lang == "nl" else (self.title_en, self.title_nl)
        return first or second


@dataclass(frozen=True, slots=True)
class Instrument:
    """A treaty, declaration, constitution or EU act, with its articles."""

    id: str
    name_en: str
    name_nl: str
    abbr_nl: str
    abbr_en: str
    kind: str
    articles: tuple[Article, ...]
    keywords_nl: tuple[str, ...]
    keywords_en: tuple[str, ...]
    titles_official: bool
    verified: bool
    alt_names_nl: tuple[str, ...] = ()
    alt_names_en: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    nl_status: str = ""
    verification_note: str = ""
    cite: CitationForms | None = None

    def name(self, lang: str = "nl") -> str:
        """The full name in ``lang``."""
        return self.name_nl if lang == "nl" else self.name_en

    def forms(self) -> CitationForms:
        """Citation forms, derived from the abbreviations when the catalogue gives none."""
        if self.cite is not None:
            return self.cite
        return CitationForms(self.abbr_nl, self.abbr_nl, self.abbr_en, self.abbr_en)


def fold(text: str) -> str:
    """Text for lenient comparison: lowercase, without accents, typographic quotes and dashes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")


def _tuple(values: Any) -> tuple[str, ...]:
    return tuple(str(value) for value in values or ())


def _forms(data: Any) -> CitationForms | None:
    if not data:
        return None
    return CitationForms(data["nl_short"], data["nl_long"], data["en_short"], data["en_long"])


def _article(instrument_id: str, data: dict[str, Any]) -> Article:
    return Article(
        instrument_id=instrument_id,
        number=str(data["number"]),
        label=str(data.get("label") or data["number"]),
        title_en=str(data.get("title_en", "")),
        title_nl=str(data.get("title_nl", "")),
        keywords_nl=_tuple(data.get("keywords_nl")),
        keywords_en=_tuple(data.get("keywords_en")),
        verified=bool(data.get("verified", True)),
        note=str(data.get("note", "")),
        aliases=_tuple(data.get("aliases")),
        designation_nl=str(data.get("designation_nl", "")),
        designation_en=str(data.get("designation_en", "")),
        part=_forms(data.get("part")),
    )


def _instrument(data: dict[str, Any]) -> Instrument:
    instrument_id = str(data["id"])
    return Instrument(
        id=instrument_id,
        name_en=str(data.get("name_en", "")),
        name_nl=str(data.get("name_nl", "")),
        abbr_nl=str(data.get("abbr_nl", "")),
        abbr_en=str(data.get("abbr_en", "")),
        kind=str(data.get("kind", "")),
        articles=tuple(_article(instrument_id, item) for item in data.get("articles") or ()),
        keywords_nl=_tuple(data.get("keywords_nl")),
        keywords_en=_tuple(data.get("keywords_en")),
        titles_official=bool(data.get("titles_official", False)),
        verified=bool(data.get("verified", True)),
        alt_names_nl=_tuple(data.get("alt_names_nl")),
        alt_names_en=_tuple(data.get("alt_names_en")),
        aliases=_tuple(data.get("aliases")),
        nl_status=str(data.get("nl_status", "")),
        verification_note=str(data.get("verification_note", "")),
        cite=_forms(data.get("cite")),
    )


class CatalogueError(ValueError):
    """The catalogue file is missing or not a treaty catalogue."""


class Catalogue:
    """All instruments and articles; resolves references, searches and formats citations."""

    def __init__(self, instruments: tuple[Instrument, ...], whole_word_only: frozenset[str] = frozenset(),
                 word_start_max_length: int = 7) -> None:
        self.instruments = instruments
        self.whole_word_only = whole_word_only
        self.word_start_max_length = word_start_max_length
        self._by_id: dict[str, Instrument] = {}
        for instrument in instruments:
            for key in (instrument.id, *instrument.aliases):
                self._by_id.setdefault(key.casefold(), instrument)
        self._articles: dict[tuple[str, str], Article] = {}
        self._order: dict[tuple[str, str], int] = {}
        for instrument in instruments:
            for article in instrument.articles:
                self._order[(article.instrument_id, article.number)] = len(self._order)
                for key in (article.number, *article.aliases):
                    self._articles.setdefault((instrument.id, key.casefold()), article)
        self._names = self._name_index()
        self._memo: dict[str, object] = {}

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        """Read the catalogue from ``resources/treaties.json``."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CatalogueError(f"The treaty catalogue {path} is missing; reinstall or rebuild it.") from error
        except json.JSONDecodeError as error:
            raise CatalogueError(f"The treaty catalogue {path} is not valid JSON ({error}).") from error
        if not isinstance(data, dict) or not isinstance(data.get("instruments"), list):
            raise CatalogueError(f"{path} is not a treaty catalogue: it has no list of instruments.")
        matching = data.get("matching") or {}
        return cls(
            tuple(_instrument(item) for item in data["instruments"]),
            frozenset(str(word) for word in matching.get("whole_word_only") or ()),
            int(matching.get("word_start_max_length", 7)),
        )

    def memo(self, key: str, factory: Callable[[], T]) -> T:
        """A value derived from this catalogue, built once (e.g. the compiled suggestion matcher)."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]  # type: ignore[return-value]

    def articles(self) -> Iterator[Article]:
        """Every article, in catalogue order."""
        for instrument in self.instruments:
            yield from instrument.articles

    def order(self, article: Article) -> int:
        """The article's position in the catalogue (used to break ties: the ECHR comes first)."""
        return self._order.get((article.instrument_id, article.number), len(self._order))

    def instrument(self, id: str) -> Instrument | None:
        """The instrument with this id or alias ('echr', 'evrm'), or None."""
        return self._by_id.get(id.strip().casefold())

    def article(self, ref: TreatyRef) -> Article | None:
        """The article a reference points to; None for custom references and unknown articles."""
        if ref.is_custom:
            return None
        instrument = self.instrument(ref.instrument)
        if instrument is None:
            return None
        return self._articles.get((instrument.id, ref.article.strip().casefold()))

    # -- citations -------------------------------------------------------------------------------------------

    def cite(self, ref: TreatyRef, lang: str = "nl", style: str = "short") -> str:
        """The reference as written in Kamerstukken: 'art. 5 EVRM', 'artikel 1 van de Grondwet', 'Article 5 ECHR'."""
        if lang not in LANGUAGES or style not in STYLES:
            raise ValueError(f"cannot cite in language {lang!r} and style {style!r}; use nl/en and short/long")
        if ref.is_custom:
            return ref.custom
        instrument = self.instrument(ref.instrument)
        if instrument is None:
            return str(ref)
        article = self.article(ref)
        number = article.number if article else ref.article.strip()
        part = article.part if article else None
        designation = ""
        if article and (article.designation_nl or article.designation_en):
            designation = article.designation_nl if lang == "nl" else article.designation_en
        protocol = re.match(r"^P(\d{1,4})-(.+)$", number, re.IGNORECASE)  # bounded: int() of any length
        if protocol and part is None:
            part = _protocol_forms(int(protocol.group(1)), instrument.forms())
            number = protocol.group(2)
        else:
            named_part = re.match(r"^([A-Z]{2,})-(\d+\w*)$", number)
            if named_part and part is not None:
                number = named_part.group(2)
        form = (part or instrument.forms()).get(lang, style)
        return f"{designation or _designation(number, lang, style)} {form}"

    def display(self, ref: TreatyRef, lang: str = "nl") -> str:
        """The short citation with the article's heading: 'art. 5 EVRM — Recht op vrijheid en veiligheid'."""
        citation = self.cite(ref, lang)
        article = self.article(ref)
        title = article.title(lang) if article else ""
        return f"{citation} — {title}" if title else citation

    # -- search ----------------------------------------------------------------------------------------------

    def _name_index(self) -> list[tuple[re.Pattern[str], Instrument]]:
        """Patterns of the folded names and abbreviations by which a search may name an instrument, longest first."""
        names: list[tuple[str, Instrument]] = []
        for instrument in self.instruments:
            forms = instrument.forms()
            candidates = {
                instrument.id, instrument.id.replace("_", " "), instrument.abbr_nl, instrument.abbr_en,
                instrument.name_nl, instrument.name_en, forms.nl_short, forms.en_short,
                *instrument.alt_names_nl, *instrument.alt_names_en, *instrument.aliases,
            }
            for candidate in candidates:
                folded = " ".join(fold(candidate).split())
                if folded:
                    names.append((folded, instrument))
        names.sort(key=lambda item: -len(item[0]))
        return [(re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])"), owner) for name, owner in names]

    def _find_instruments(self, query: str) -> tuple[set[str], str]:
        """Instruments named in the query, and the query with those names removed."""
        found: set[str] = set()
        rest = query
        for pattern, instrument in self._names:
            if pattern.search(rest):
                found.add(instrument.id)
                rest = pattern.sub(" ", rest)
        return found, rest

    def instruments_named(self, text: str) -> list[Instrument]:
        """The instruments that ``text`` names by id, abbreviation or name ('van de Grondwet' -> grondwet)."""
        found, _ = self._find_instruments(" ".join(fold(text).split()))
        return [instrument for instrument in self.instruments if instrument.id in found]

    def search(self, text: str, lang: str = "nl", limit: int = 50) -> list[Article]:
        """Articles matching a query such as 'EVRM 5', 'art 5 evrm', 'ECHR', 'non-refoulement' or title words."""
        query = " ".join(fold(text).split())
        if not query:
            return []
        direct = TreatyRef.parse(text)
        exact = self.article(direct) if not direct.is_custom else None
        instruments, rest = self._find_instruments(query)
        protocol = re.search(r"\bprotocol\s+(?:nr\.?\s*|no\.?\s*)?(\d+)\b", rest)
        if protocol:
            rest = rest[: protocol.start()] + " " + rest[protocol.end():]
        numbers: list[str] = []
        words: list[str] = []
        for token in _TOKEN.findall(rest):
            token = token.strip("()'")
            if not token or token in _ARTICLE_WORDS:
                continue
            (numbers if _NUMBER.match(token) else words).append(token)
        if protocol:
            # 'art. 4 Protocol 4 EVRM' is article P4-4; 'Protocol 4' alone lists the protocol's articles.
            prefix = f"p{protocol.group(1)}-"
            numbers = [prefix + number for number in numbers] or [prefix]
        scored: list[tuple[float, int, Article]] = []
        for article in self.articles():
            if instruments and article.instrument_id not in instruments:
                continue
            score = _number_score(article, numbers)
            if numbers and score == 0:
                continue
            if words:
                matched = _word_score(article, words, lang)
                if matched == 0:
                    continue
                score += matched
            if not numbers and not words:
                score = 1.0  # only an instrument was named: list its articles in order
            if exact is not None and article is exact:
                score += 1000
            if score > 0:
                scored.append((score, self.order(article), article))
        if exact is not None and all(item[2] is not exact for item in scored):
            scored.append((1000.0, -1, exact))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [article for _, _, article in scored[:limit]]


def _protocol_forms(protocol: int, forms: CitationForms) -> CitationForms:
    """'Protocol 4 EVRM', 'van het Vierde Protocol bij het EVRM', 'of Protocol No. 4 to the ECHR'."""
    ordinal = _ORDINALS_NL[protocol] if protocol < len(_ORDINALS_NL) else f"{protocol}e"
    return CitationForms(
        nl_short=f"Protocol {protocol} {forms.nl_short}",
        nl_long=f"van het {ordinal} Protocol bij het {forms.nl_short}",
        en_short=f"Protocol No. {protocol} {forms.en_short}",
        en_long=f"of Protocol No. {protocol} to the {forms.en_short}",
    )


def _designation(number: str, lang: str, style: str) -> str:
    """'art. 5', 'artikel 2 lid 2', 'artikelen 55-56', 'Article 2(2)', 'Articles 55-56'."""
    paragraph = re.match(r"^(\w+)\((\d+)\)$", number)
    plural = re.match(r"^\d+-\d+$", number) is not None
    if lang == "en":
        return f"{'Articles' if plural else 'Article'} {number}"
    if paragraph:
        number = f"{paragraph.group(1)} lid {paragraph.group(2)}"
    if style == "short":
        return f"art. {number}"
    return f"{'artikelen' if plural else 'artikel'} {number}"


def _number_score(article: Article, numbers: list[str]) -> float:
    """100 for an exact article number, less for a prefix ('1' finds 1, then 10-19), 0 for none."""
    if not numbers:
        return 0.0
    best = 0.0
    candidates = [article.number.casefold(), *(alias.casefold() for alias in article.aliases)]
    for number in numbers:
        for candidate in candidates:
            if candidate == number:
                best = max(best, 100.0)
            elif candidate.startswith(number):
                best = max(best, 50.0 - (len(candidate) - len(number)))
            elif _in_range(number, candidate):
                best = max(best, 80.0)
    return best


def _in_range(number: str, candidate: str) -> bool:
    """True when '10' falls in the range '9-12'."""
    bounds = re.match(r"^(\d+)-(\d+)$", candidate)
    return bool(bounds and number.isdigit() and int(bounds.group(1)) <= int(number) <= int(bounds.group(2)))


def _word_score(article: Article, words: list[str], lang: str) -> float:
    """How well the query words match the headings and keywords; 0 unless every word matches something."""
    own, other = (("nl", "en") if lang == "nl" else ("en", "nl"))
    fields = (
        (fold(article.title_nl if own == "nl" else article.title_en), 12.0),
        (fold(article.title_nl if other == "nl" else article.title_en), 6.0),
        (fold(" | ".join(article.keywords_nl if own == "nl" else article.keywords_en)), 8.0),
        (fold(" | ".join(article.keywords_nl if other == "nl" else article.keywords_en)), 4.0),
    )
    phrase = " ".join(words)
    words = [word for word in words if word not in _STOPWORDS] or words
    own_keywords = article.keywords_nl if own == "nl" else article.keywords_en
    other_keywords = article.keywords_nl if other == "nl" else article.keywords_en
    total = 0.0
    for word in words:
        best = 0.0
        for value, weight in fields:
            if re.search(r"(?<![\w])" + re.escape(word) + r"(?![\w])", value):
                best = max(best, weight)
            elif re.search(r"(?<![\w])" + re.escape(word), value):
                best = max(best, weight * 0.6)
            elif len(word) >= 5 and word in value:
                best = max(best, weight * 0.3)  # inside a Dutch compound
        if best == 0:
            return 0.0
        total += best
    # The query is one of the article's keywords: "detentie" is a keyword of art. 5 EVRM, not just a word in a heading.
    if any(fold(keyword) == phrase for keyword in own_keywords):
        total += 6.0
    elif any(fold(keyword) == phrase for keyword in other_keywords):
        total += 3.0
    if len(words) > 1:
        for value, weight in fields:
            if phrase in value:
                total += weight
                break
    return total
