"""The annotation list's free-text query: plain words, and treaties or articles named in Dutch or English.

A reviewer types what the README and the letters use: "EVRM", "ECHR 3", "art. 3 EVRM", "artikel 3 van het EVRM",
"Article 3 ECHR". Such a reference finds the annotations that cite it, whatever the interface language, and the
annotations whose text mentions it; the other words must occur in the quote, comment, references, theme or author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.domain.catalogue import Catalogue, Instrument
from annotator.domain.model import TreatyRef

_ARTICLE_WORD = r"(?:(?:art|artt|artikel|artikelen|article|articles)\.?\s*)"
_NUMBER = r"(?P<number>p\d+-\d+[a-z]?|\d+[a-z]?(?:\(\d+\))?)"
_LINK = r"(?:(?:van|of)\s+(?:het|de|the)\s+)?"


@dataclass(frozen=True, slots=True)
class ReferenceTerm:
    """A treaty or one of its articles named in the query; a row passes when one of the three tests holds."""

    keys: frozenset[str]  # the row cites one of these ('echr', or 'echr:3')
    words: tuple[str, ...] = ()  # the row's text contains one of these (a treaty named on its own)
    phrases: tuple[re.Pattern[str], ...] = ()  # the row's text has one of these as whole words (an article)

    def matches(self, keys: frozenset[str], text: str) -> bool:
        """Whether a row with these reference keys and this (casefolded) text passes."""
        if not self.keys.isdisjoint(keys):
            return True
        if any(word in text for word in self.words):
            return True
        return any(pattern.search(text) for pattern in self.phrases)


@dataclass(frozen=True, slots=True)
class Query:
    """What the filter field says: references, and the words every shown row must contain."""

    words: tuple[str, ...] = ()
    references: tuple[ReferenceTerm, ...] = ()

    def narrows(self, earlier: Query) -> bool:
        """True when every row this query shows was shown by ``earlier`` too (the reviewer typed on)."""
        return self.references == earlier.references and \
            all(any(old in new for new in self.words) for old in earlier.words)


class QueryParser:
    """Reads queries, and gives each annotation's references the keys and words such queries look for."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._by_name: dict[str, Instrument] = {}
        for instrument in catalogue.instruments:
            for name in _names(instrument):
                self._by_name.setdefault(name, instrument)
        names = "|".join(re.escape(name) for name in sorted(self._by_name, key=len, reverse=True))
        name = rf"(?P<name>{names})"
        self._before = re.compile(rf"(?<![\w-]){_ARTICLE_WORD}?{_NUMBER}\s+{_LINK}{name}(?![\w-])")
        self._after = re.compile(rf"(?<![\w-]){name}\s*,?\s*{_ARTICLE_WORD}?{_NUMBER}(?![\w-])")
        self._alone = re.compile(rf"(?<![\w-]){name}(?![\w-])")

    def parse(self, text: str) -> Query:
        """The references named in ``text`` (articles first), and its remaining words, casefolded."""
        rest = " ".join(text.casefold().split())
        references: list[ReferenceTerm] = []
        for pattern in (self._before, self._after, self._alone):
            while (match := pattern.search(rest)) is not None:
                references.append(self._term(match))
                rest = rest[:match.start()] + " " + rest[match.end():]
        return Query(tuple(dict.fromkeys(rest.split())), tuple(dict.fromkeys(references)))

    def _term(self, match: re.Match[str]) -> ReferenceTerm:
        instrument = self._by_name[match.group("name")]
        typed = match.group(0).strip()
        number = match.groupdict().get("number")
        if number is None:
            return ReferenceTerm(frozenset({instrument.id}), words=(typed,))
        ref = self._canonical(TreatyRef(instrument.id, number))
        forms = {typed, *(self._catalogue.cite(ref, lang).casefold() for lang in ("nl", "en"))}
        phrases = tuple(re.compile(rf"(?<!\w){re.escape(form)}(?!\w)") for form in sorted(forms))
        return ReferenceTerm(frozenset({str(ref), str(ref).casefold()}), phrases=phrases)

    def _canonical(self, ref: TreatyRef) -> TreatyRef:
        """The reference with the catalogue's instrument id and article number, when the catalogue knows them."""
        instrument = self._catalogue.instrument(ref.instrument)
        if instrument is None:
            return ref
        article = self._catalogue.article(TreatyRef(instrument.id, ref.article))
        if article is None and "(" in ref.article:  # "8(2)": the paragraph of an article the catalogue has
            article = self._catalogue.article(TreatyRef(instrument.id, ref.article.split("(")[0]))
        return TreatyRef(instrument.id, article.number if article else ref.article)

    def keys(self, references: Sequence[TreatyRef]) -> frozenset[str]:
        """What a row citing ``references`` offers the filters: each reference and instrument, as stored and as
        the catalogue names them."""
        keys: set[str] = set()
        for ref in references:
            keys.update(key for key in (str(ref), ref.instrument) if key)
            if not ref.is_custom:
                canonical = self._canonical(ref)
                keys.update((canonical.instrument, str(canonical), str(canonical).casefold()))
        return frozenset(keys)

    def search_text(self, references: Sequence[TreatyRef]) -> str:
        """The references cited in both languages, with their treaties' names and abbreviations (casefolded)."""
        parts: list[str] = []
        for ref in references:
            if ref.is_custom:
                parts.append(ref.custom)
                continue
            parts.extend(self._catalogue.cite(ref, lang) for lang in ("nl", "en"))
            instrument = self._catalogue.instrument(ref.instrument)
            if instrument is not None:
                parts.extend((instrument.abbr_nl, instrument.abbr_en, instrument.name_nl, instrument.name_en))
        return " | ".join(part for part in parts if part).casefold()


def _names(instrument: Instrument) -> set[str]:
    """The casefolded names, abbreviations and aliases by which a query may name an instrument."""
    forms = instrument.forms()
    candidates = {instrument.id, instrument.id.replace("_", " "), instrument.abbr_nl, instrument.abbr_en,
                  instrument.name_nl, instrument.name_en, forms.nl_short, forms.en_short,
                  *instrument.alt_names_nl, *instrument.alt_names_en, *instrument.aliases}
    return {" ".join(candidate.casefold().split()) for candidate in candidates if candidate.strip()}
