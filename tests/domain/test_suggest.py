"""Suggestions of treaty references and themes on real paragraphs of the 2021 coalition agreement."""

from __future__ import annotations

import re
import time

import pymupdf
import pytest
from corpus import corpus_file

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import TreatyRef
from annotator.domain.suggest import Suggester, Suggestion, suggest
from annotator.domain.themes import DEFAULT_THEMES_EN, DEFAULT_THEMES_NL, profile_for, translate_theme
from annotator.paths import resources_dir


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(resources_dir() / "treaties.json")


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    """The agreement's paragraphs: page text split at bullets and blank lines, whitespace collapsed."""
    found: list[str] = []
    with pymupdf.open(corpus_file("coalitieakkoord-2021-2025.pdf")) as document:
        for page in document:
            for chunk in re.split(r"\uf0b7|\n\s*\n", page.get_text()):
                text = " ".join(chunk.split())
                if len(text) > 80:
                    found.append(text)
    return found


def paragraph(paragraphs: list[str], opening: str) -> str:
    matches = [text for text in paragraphs if opening in text]
    assert matches, f"no paragraph with {opening!r} in the agreement"
    return matches[0]


def references(suggestions: list[Suggestion]) -> list[Suggestion]:
    return [item for item in suggestions if item.ref is not None]


def theme(suggestions: list[Suggestion]) -> Suggestion:
    themes = [item for item in suggestions if item.theme is not None]
    assert len(themes) == 1
    return themes[0]


def top(suggestions: list[Suggestion], count: int) -> dict[str, tuple[str, ...]]:
    return {str(item.ref): item.matched for item in references(suggestions)[:count]}


def test_paragraph_about_return_of_rejected_asylum_seekers(catalogue: Catalogue, paragraphs: list[str]) -> None:
    text = paragraph(paragraphs, "Mensen die niet rechtmatig in Nederland mogen blijven")
    result = suggest(text, catalogue)
    best = top(result, 3)
    assert "eu_return_directive:11" in best
    assert "ongewenstverklaring" in best["eu_return_directive:11"]
    assert theme(result).theme == "Asiel en migratie"
    assert "terugkeer" in theme(result).matched


def test_paragraph_about_refugees(catalogue: Catalogue, paragraphs: list[str]) -> None:
    text = paragraph(paragraphs, "In Nederland is er altijd ruimte om mensen op te vangen")
    result = suggest(text, catalogue)
    first = references(result)[0]
    assert first.ref == TreatyRef("refugee_convention", "1A")
    assert {"vluchteling", "vervolging"} <= set(first.matched)
    assert theme(result).theme == "Asiel en migratie"


def test_paragraph_about_detention_suggests_article_5_echr(catalogue: Catalogue, paragraphs: list[str]) -> None:
    text = paragraph(paragraphs, "De aanpak van ondermijning wordt verstevigd")
    result = suggest(text, catalogue)
    assert references(result)[0].ref == TreatyRef("echr", "5")
    assert references(result)[0].matched == ("detentie",)
    assert theme(result).theme == "Politie, strafrecht en detentie"


def test_paragraph_about_institutional_racism(catalogue: Catalogue, paragraphs: list[str]) -> None:
    text = paragraph(paragraphs, "Voor institutioneel racisme is geen plek")
    result = suggest(text, catalogue)
    best = top(result, 2)
    assert set(best) == {"echr:14", "icerd:2"}
    assert "etnisch profileren" in best["icerd:2"] and "institutioneel racisme" in best["icerd:2"]
    # Article keywords outrank the generic "racisme" of the whole convention.
    assert best["icerd:2"].index("institutioneel racisme") < best["icerd:2"].index("racisme")
    assert theme(result).theme == "Gelijke behandeling en discriminatie"


def test_paragraph_about_discrimination_grounds_matches_ras_as_a_word(catalogue: Catalogue,
                                                                      paragraphs: list[str]) -> None:
    text = paragraph(paragraphs, "Vrij van discriminatie en racisme")
    best = top(suggest(text, catalogue), 2)
    assert "grondwet:1" in best
    assert {"discriminatie", "ras", "geslacht"} <= set(best["grondwet:1"])


def test_explicit_citation_in_the_text_wins(catalogue: Catalogue) -> None:
    result = suggest("Dit voorstel is in strijd met artikel 3 EVRM, zo oordeelde de rechter.", catalogue)
    first = references(result)[0]
    assert first.ref == TreatyRef("echr", "3")
    assert first.matched[0] == "artikel 3 evrm"


# Each sentence also holds an article keyword of the instrument the short term belongs to, so a false match of the
# short term would show up in that article's matched words; the second sentence writes the term as a word.
NOISE = [
    ("igh", "De hoogte en de rechtmatigheid van het geweldverbod worden bezien.",
     "Het IGH toetst het geweldverbod."),
    ("coa", "De coalitie pakt overlastgevers aan.", "Het COA pakt overlastgevers aan."),
    ("ras", "Discriminatie op het gras en de grasvelden.", "Discriminatie op grond van ras."),
    ("cat", "Educatie en certificatie tegen marteling.", "Het CAT-comité onderzoekt marteling."),
]


@pytest.mark.parametrize(("noise", "inside", "whole"), NOISE)
def test_short_terms_match_only_as_whole_words(catalogue: Catalogue, noise: str, inside: str, whole: str) -> None:
    inside_matches = {word for item in suggest(inside, catalogue) for word in item.matched}
    whole_matches = {word for item in suggest(whole, catalogue) for word in item.matched}
    assert inside_matches, f"the control keyword in {inside!r} did not match"
    assert noise not in inside_matches, f"{noise!r} matched inside a word of {inside!r}"
    assert noise in whole_matches, f"{noise!r} written as a word in {whole!r} did not match"


def test_short_terms_match_as_whole_words(catalogue: Catalogue) -> None:
    result = suggest("Het COA vangt asielzoekers op in een azc.", catalogue)
    assert "coa" in theme(result).matched
    assert theme(result).theme == "Asiel en migratie"


def test_long_terms_match_inside_dutch_compounds(catalogue: Catalogue) -> None:
    result = suggest("Het kabinet breidt de vreemdelingendetentie uit.", catalogue)
    by_ref = {str(item.ref): item.matched for item in references(result)}
    assert by_ref["echr:5"] == ("vreemdelingendetentie",)  # "detentie" inside it is not counted twice
    assert "eu_return_directive:15" in by_ref


def test_english_text_uses_english_keywords(catalogue: Catalogue) -> None:
    result = suggest("The government will expand the immigration detention of asylum seekers.", catalogue)
    first = references(result)[0]
    assert first.ref in {TreatyRef("echr", "5"), TreatyRef("iccpr", "9"), TreatyRef("eu_return_directive", "15")}
    assert "immigration detention" in first.matched


def test_english_themes_come_back_in_english(catalogue: Catalogue) -> None:
    result = suggest("Wij zetten ons in tegen etnisch profileren en discriminatie.", catalogue, DEFAULT_THEMES_EN)
    assert theme(result).theme == "Equal treatment and discrimination"


def test_a_reviewers_own_theme_is_matched_by_its_title_words(catalogue: Catalogue) -> None:
    result = suggest("Er komen 100.000 extra woningen en het wonen wordt betaalbaar.", catalogue,
                     ("Klimaat", "Betaalbaar wonen"))
    assert theme(result).theme == "Betaalbaar wonen"


def test_nothing_to_suggest(catalogue: Catalogue) -> None:
    assert suggest("", catalogue) == []
    assert suggest("Het weer is vandaag mooi.", catalogue) == []


def test_limit(catalogue: Catalogue, paragraphs: list[str]) -> None:
    text = paragraph(paragraphs, "Voor institutioneel racisme is geen plek")
    assert len(references(suggest(text, catalogue, limit=2))) == 2


def test_suggesting_on_a_paragraph_takes_well_under_10_ms(catalogue: Catalogue, paragraphs: list[str]) -> None:
    suggester = Suggester(catalogue)
    start = time.perf_counter()
    for text in paragraphs:
        suggester.suggest(text)
    average = (time.perf_counter() - start) / len(paragraphs)
    longest = max(paragraphs, key=len)
    worst = min(_timed(suggester, longest) for _ in range(3))
    assert average < 0.005, f"{average * 1000:.2f} ms per paragraph"
    assert worst < 0.010, f"{worst * 1000:.2f} ms for a paragraph of {len(longest)} characters"


def _timed(suggester: Suggester, text: str) -> float:
    start = time.perf_counter()
    suggester.suggest(text)
    return time.perf_counter() - start


def test_default_themes_are_ordered_and_translated() -> None:
    assert DEFAULT_THEMES_NL[0] == "Asiel en migratie"
    assert len(DEFAULT_THEMES_NL) == len(DEFAULT_THEMES_EN) == len(set(DEFAULT_THEMES_NL))
    assert translate_theme("Asiel en migratie", "en") == "Asylum and migration"
    assert translate_theme("asylum and migration", "nl") == "Asiel en migratie"
    assert translate_theme("Mijn eigen thema", "en") == "Mijn eigen thema"
    assert profile_for("Klimaat en mensenrechten") is not None


def test_theme_links_point_to_real_catalogue_entries(catalogue: Catalogue) -> None:
    for title in DEFAULT_THEMES_NL:
        profile = profile_for(title)
        assert profile is not None
        for instrument_id in profile.instruments:
            assert catalogue.instrument(instrument_id) is not None, instrument_id
        for ref in profile.articles:
            assert catalogue.article(TreatyRef.parse(ref)) is not None, ref
