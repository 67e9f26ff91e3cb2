"""Suggest treaty references and a theme for a highlighted passage, from the catalogue's keywords.

Matching follows the catalogue's research notes: short terms match only as whole words ("igh" never inside
"rechtmatigheid"), 5-7 character terms need a word start, terms of 8+ characters may sit inside a Dutch compound
("detentie" in "vreemdelingendetentie"). Dutch is not stemmed. Article keywords weigh more than instrument keywords,
multi-word phrases more than single words; every suggestion carries the terms that matched, so the reviewer sees why.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.domain.catalogue import Article, Catalogue
from annotator.domain.model import TreatyRef
from annotator.domain.themes import DEFAULT_THEMES_NL, profile_for

WHOLE, START, ANYWHERE = "whole", "start", "anywhere"

ARTICLE_LEVEL = 2.0  # an article's own keyword counts double an instrument's generic keyword
EXPLICIT_CITATION = 10.0  # "artikel 1 van de Grondwet" in the text itself
THEME_FROM_REFERENCES = 0.5  # share of a linked reference's score that counts towards its theme
MIN_THEME_SCORE = 1.0

_DUTCH = frozenset("de het een en van dat niet voor met wij zijn worden wordt op te ook naar bij door".split())
_ENGLISH = frozenset("the and to that for with not are this be by which from will our".split())
_CITATION = re.compile(r"\b(?:artikel|art\.?|article)\s+(p?\d+[a-z]?(?:-\d+)?)\b")
_TITLE_STOPWORDS = frozenset("en van de het een voor met and of the for with".split())


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested treaty reference (``theme`` None) or theme (``ref`` None), with the terms that matched."""

    ref: TreatyRef | None
    theme: str | None
    score: float
    matched: tuple[str, ...]


def prepare_text(text: str) -> str:
    """Lowercased single-spaced text, with line-break hyphenation joined and PDF bullet glyphs removed."""
    value = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\uf0b7", " ")
    value = value.replace("\u2019", "'").replace("\u2018", "'")
    value = re.sub(r"(\w)-[ \t]*\r?\n\s*(\w)", r"\1\2", value)
    return " ".join(value.split()).lower()


def guess_language(text: str) -> str | None:
    """'nl' or 'en' by counting function words in prepared text; None when there is no evidence either way."""
    words = re.findall(r"[a-z]+", text)
    dutch = sum(word in _DUTCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    if dutch == english:
        return None
    return "nl" if dutch > english else "en"


def term_mode(term: str, whole_word_only: frozenset[str], word_start_max_length: int) -> str:
    """How a keyword may match: as a whole word, at a word start, or anywhere (inside compounds)."""
    if term in whole_word_only or len(term) <= 4:
        return WHOLE
    if len(term) <= word_start_max_length or " " in term or term[0].isdigit():
        return START
    return ANYWHERE


def term_weight(term: str) -> float:
    """Multi-word phrases and long specific terms weigh more than single short words."""
    words = len(term.split())
    # Capped: a long keyword such as "onderwijs in de taal van het land van herkomst" is specific, not decisive.
    return 1.0 + 0.6 * min(words - 1, 2) + (0.25 if len(term) >= 12 else 0.0)


def _occurrences(text: str, term: str, mode: str) -> list[tuple[int, int]]:
    """Spans where ``term`` occurs in ``text`` under the boundary rule ``mode``."""
    spans: list[tuple[int, int]] = []
    size = len(term)
    index = text.find(term)
    while index >= 0:
        end = index + size
        start_ok = mode == ANYWHERE or index == 0 or not text[index - 1].isalnum()
        end_ok = mode != WHOLE or end == len(text) or not text[end].isalnum()
        if start_ok and end_ok:
            spans.append((index, end))
        index = text.find(term, index + 1)
    return spans


def _kept(found: dict[str, list[tuple[int, int]]], terms: Sequence[str]) -> list[str]:
    """The terms that add information: 'detentie' inside a matched 'vreemdelingendetentie' is dropped."""
    covered: list[tuple[int, int]] = []
    kept: list[str] = []
    for term in sorted(terms, key=len, reverse=True):
        spans = found[term]
        if all(any(start >= cs and end <= ce for cs, ce in covered) for start, end in spans):
            continue
        kept.append(term)
        covered.extend(spans)
    return kept


def _contribution(term: str, found: dict[str, list[tuple[int, int]]]) -> float:
    repeats = min(len(found[term]) - 1, 3)
    return term_weight(term) * (1.0 + 0.2 * repeats)


@dataclass(frozen=True, slots=True)
class _ThemeTerms:
    title: str
    terms: dict[str, tuple[str, ...]]  # language -> keywords
    instruments: frozenset[str]
    articles: frozenset[str]


class Suggester:
    """Keyword matching compiled once for a catalogue and a list of themes; cheap to run per paragraph."""

    def __init__(self, catalogue: Catalogue, themes: Sequence[str] = DEFAULT_THEMES_NL) -> None:
        self._catalogue = catalogue
        self._articles: list[Article] = list(catalogue.articles())
        self._article_terms: dict[str, dict[str, list[int]]] = {"nl": {}, "en": {}}
        self._instrument_terms: dict[str, dict[str, list[str]]] = {"nl": {}, "en": {}}
        for index, article in enumerate(self._articles):
            for lang, keywords in (("nl", article.keywords_nl), ("en", article.keywords_en)):
                for term in keywords:
                    self._article_terms[lang].setdefault(term, []).append(index)
        for instrument in catalogue.instruments:
            for lang, keywords in (("nl", instrument.keywords_nl), ("en", instrument.keywords_en)):
                for term in keywords:
                    self._instrument_terms[lang].setdefault(term, []).append(instrument.id)
        self._themes = tuple(self._theme_terms(title) for title in themes)
        self._modes: dict[str, str] = {}
        for lang in ("nl", "en"):
            all_terms = [*self._article_terms[lang], *self._instrument_terms[lang]]
            all_terms += [term for theme in self._themes for term in theme.terms.get(lang, ())]
            for term in all_terms:
                self._modes[term] = term_mode(term, catalogue.whole_word_only, catalogue.word_start_max_length)

    @staticmethod
    def _theme_terms(title: str) -> _ThemeTerms:
        profile = profile_for(title)
        if profile is None:
            # A reviewer's own theme: its title words are the only evidence we have.
            words = tuple(word for word in re.findall(r"\w{5,}", title.lower()) if word not in _TITLE_STOPWORDS)
            return _ThemeTerms(title, {"nl": words, "en": words}, frozenset(), frozenset())
        return _ThemeTerms(title, {"nl": profile.keywords_nl, "en": profile.keywords_en},
                           frozenset(profile.instruments), frozenset(profile.articles))

    def _find(self, text: str, terms: Iterable[str], found: dict[str, list[tuple[int, int]]]) -> None:
        for term in terms:
            if term not in found:
                found[term] = _occurrences(text, term, self._modes[term])

    def suggest(self, text: str, limit: int = 5, lang: str | None = None) -> list[Suggestion]:
        """Up to ``limit`` reference suggestions, best first, followed by the best theme suggestion if any."""
        prepared = prepare_text(text)
        langs = self._languages(prepared, lang)
        found: dict[str, list[tuple[int, int]]] = {}
        candidates = self._references(prepared, langs, found)
        result = candidates[:limit]
        theme = self._theme(prepared, langs, found, candidates)
        if theme is not None:
            result.append(theme)
        return result

    def references(self, text: str, limit: int = 5, lang: str | None = None) -> list[Suggestion]:
        """Only the reference suggestions, best first."""
        prepared = prepare_text(text)
        return self._references(prepared, self._languages(prepared, lang), {})[:limit]

    def theme(self, text: str, lang: str | None = None) -> Suggestion | None:
        """Only the best theme suggestion, or None when nothing points to a theme."""
        prepared = prepare_text(text)
        langs = self._languages(prepared, lang)
        found: dict[str, list[tuple[int, int]]] = {}
        return self._theme(prepared, langs, found, self._references(prepared, langs, found))

    @staticmethod
    def _languages(prepared: str, lang: str | None) -> tuple[str, ...]:
        if lang is not None:
            return (lang,)
        guessed = guess_language(prepared)
        return (guessed,) if guessed else ("nl", "en")

    def _references(self, text: str, langs: tuple[str, ...],
                    found: dict[str, list[tuple[int, int]]]) -> list[Suggestion]:
        per_article: dict[int, list[str]] = {}
        per_instrument: dict[str, list[str]] = {}
        for lang in langs:
            self._find(text, self._article_terms[lang].keys(), found)
            self._find(text, self._instrument_terms[lang].keys(), found)
            for term, indexes in self._article_terms[lang].items():
                if found[term]:
                    for index in indexes:
                        per_article.setdefault(index, []).append(term)
            for term, ids in self._instrument_terms[lang].items():
                if found[term]:
                    for instrument_id in ids:
                        per_instrument.setdefault(instrument_id, []).append(term)
        instrument_scores: dict[str, tuple[float, list[str]]] = {}
        for instrument_id, terms in per_instrument.items():
            kept = _kept(found, terms)
            instrument_scores[instrument_id] = (sum(_contribution(term, found) for term in kept), kept)
        scored: dict[TreatyRef, tuple[float, int, list[str]]] = {}
        for index, terms in per_article.items():
            article = self._articles[index]
            kept = sorted(_kept(found, terms), key=lambda term: -_contribution(term, found))
            score = ARTICLE_LEVEL * sum(_contribution(term, found) for term in kept)
            bonus, generic = instrument_scores.get(article.instrument_id, (0.0, []))
            scored[article.ref] = (score + bonus, index, kept + [term for term in generic if term not in kept])
        for ref, words in self._explicit_citations(text):
            score, order, matched = scored.get(ref, (0.0, len(self._articles), []))
            scored[ref] = (score + EXPLICIT_CITATION, order, [words, *matched])
        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], item[1][1]))
        return [Suggestion(ref, None, round(score, 3), tuple(matched)) for ref, (score, _, matched) in ranked]

    def _explicit_citations(self, text: str) -> list[tuple[TreatyRef, str]]:
        """References written out in the text: 'artikel 1 van de grondwet', 'art. 8 evrm'."""
        citations: list[tuple[TreatyRef, str]] = []
        for match in _CITATION.finditer(text):
            window = " ".join(re.split(r"[.;:,()]", text[match.end():match.end() + 80])[0].split()[:5])
            for instrument in self._catalogue.instruments_named(window)[:1]:
                number = match.group(1).upper() if match.group(1)[0] == "p" else match.group(1)
                ref = TreatyRef(instrument.id, number)
                article = self._catalogue.article(ref)
                citations.append((article.ref if article else ref, f"{match.group(0)} {window}".strip()))
        return citations

    def _theme(self, text: str, langs: tuple[str, ...], found: dict[str, list[tuple[int, int]]],
               references: list[Suggestion]) -> Suggestion | None:
        best: Suggestion | None = None
        for theme in self._themes:
            terms = [term for lang in langs for term in theme.terms.get(lang, ())]
            self._find(text, terms, found)
            kept = _kept(found, [term for term in dict.fromkeys(terms) if found[term]])
            kept.sort(key=lambda term: -_contribution(term, found))
            score = sum(_contribution(term, found) for term in kept)
            matched = list(kept)
            for suggestion in references:
                ref = suggestion.ref
                if ref is not None and (ref.instrument in theme.instruments or str(ref) in theme.articles):
                    score += THEME_FROM_REFERENCES * suggestion.score
                    matched += [word for word in suggestion.matched if word not in matched]
            if score >= MIN_THEME_SCORE and (best is None or score > best.score):
                best = Suggestion(None, theme.title, round(score, 3), tuple(matched))
        return best


def suggest(text: str, catalogue: Catalogue, themes: Sequence[str] = DEFAULT_THEMES_NL,
            limit: int = 5) -> list[Suggestion]:
    """Ranked treaty-reference suggestions for ``text``, then the best theme suggestion (``ref`` None), if any."""
    suggester = catalogue.memo("suggester:" + "\x1f".join(themes), lambda: Suggester(catalogue, themes))
    return suggester.suggest(text, limit)
