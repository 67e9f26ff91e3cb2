"""The annotation list's free-text query: plain words, and treaties or articles named in Dutch or English.

A reviewer types what the README and the letters use: "EVRM", "ECHR 3", "art. 3 EVRM", "artikel 3 van het EVRM",
"Article 3 ECHR". Such a reference finds the annotations that cite it, whatever the interface language, and the
annotations whose text mentions it; the other words must occur in the quote, comment, references, theme or author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from annotator.domain.catalogue import Catalogue, Instrument
from annotator.domain.model import TreatyRef

_ARTICLE_WORD = r"(?:(?:art|artt|artikel|artikelen|article|articles)\.?\s*)"
_NUMBER = r"(?P<number>p\d+-\d+[a-z]?|\d+[a-z]?(?:\(\d+\))?)"
_LINK = r"(?:(?:van|of)\s+(?:het|de|the)\s+)?"


class Row(Protocol):
    """What the query looks at in a row of the list."""

    ref_keys: frozenset[str]
    blob: str  # the casefolded quote, comment, references, theme and author


@dataclass(frozen=True, slots=True)
class ReferenceTerm:
    """A treaty or one of its articles named in the query; a row passes when one of the three tests holds."""

    keys: frozenset[str]  # the row cites one of these ('echr', or 'echr:3')
    words: tuple[str, ...] = ()  # the row's text contains one of these (a treaty named on its own)
    phrases: tuple[tuple[str, re.Pattern[str]], ...] = ()  # ... or one of these as whole words (an article)

    def select(self, rows: Sequence[Row], candidates: list[int]) -> list[int]:
        """The candidates (positions in ``rows``, ascending) that pass, in order.

        One comprehension per test, and a plain substring test before each pattern: the list filters 50,000
        rows per keystroke."""
        keys = self.keys
        failing = [i for i in candidates if keys.isdisjoint(rows[i].ref_keys)]
        for word in self.words:
            failing = [i for i in failing if word not in rows[i].blob]
        for form, pattern in self.phrases:
            failing = [i for i in failing if form not in (blob := rows[i].blob) or not pattern.search(blob)]
        if not failing:
            return candidates
        failed = set(failing)
        return [i for i in candidates if i not in failed]


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
        self._descriptions: dict[TreatyRef, tuple[tuple[str, ...], str]] = {}
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
            # Typed as before (a part of a word too); the abbreviations in either language as whole words.
            others = {name.casefold() for name in (instrument.abbr_nl, instrument.abbr_en) if name} - {typed}
            return ReferenceTerm(frozenset({instrument.id}), words=(typed,), phrases=_phrases(others))
        ref = self._canonical(TreatyRef(instrument.id, number))
        forms = {typed, *(self._catalogue.cite(ref, lang).casefold() for lang in ("nl", "en"))}
        return ReferenceTerm(frozenset({str(ref), str(ref).casefold()}), phrases=_phrases(forms))

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
        return frozenset(key for ref in references for key in self._described(ref)[0])

    def search_text(self, references: Sequence[TreatyRef]) -> str:
        """The references as cited in both languages (casefolded): 'art. 3 evrm | article 3 echr'.

        A treaty's full name is not needed here: a query that names it is read as that treaty."""
        return " | ".join(self._described(ref)[1] for ref in references)

    def _described(self, ref: TreatyRef) -> tuple[tuple[str, ...], str]:
        """A reference's filter keys and search text, worked out once per reference."""
        described = self._descriptions.get(ref)
        if described is None:
            if ref.is_custom:
                described = ((ref.custom,), ref.custom.casefold())
            else:
                canonical = self._canonical(ref)
                keys = tuple(dict.fromkeys(key for key in (str(ref), ref.instrument, canonical.instrument,
                                                           str(canonical), str(canonical).casefold()) if key))
                text = " | ".join(dict.fromkeys(self._catalogue.cite(ref, lang) for lang in ("nl", "en")))
                described = (keys, text.casefold())
            self._descriptions[ref] = described
        return described


def _phrases(forms: set[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each form with the pattern that finds it as whole words."""
    return tuple((form, re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")) for form in sorted(forms))


def _names(instrument: Instrument) -> set[str]:
    """The casefolded names, abbreviations and aliases by which a query may name an instrument."""
    forms = instrument.forms()
    candidates = {instrument.id, instrument.id.replace("_", " "), instrument.abbr_nl, instrument.abbr_en,
                  instrument.name_nl, instrument.name_en, forms.nl_short, forms.en_short,
                  *instrument.alt_names_nl, *instrument.alt_names_en, *instrument.aliases}
    return {" ".join(candidate.casefold().split()) for candidate in candidates if candidate.strip()}
