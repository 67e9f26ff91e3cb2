"""The shipped treaty catalogue: contract ids, search, citations and custom references."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.domain.catalogue import Catalogue, CatalogueError
from annotator.domain.model import TreatyRef
from annotator.paths import resources_dir


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The catalogue as the application loads it."""
    return Catalogue.load(resources_dir() / "treaties.json")


def refs(articles: list) -> list[str]:
    return [str(article.ref) for article in articles]


@pytest.mark.parametrize("ref", ["echr:5", "refugee_convention:33", "echr:P4-4", "grondwet:1"])
def test_contract_ids_resolve(catalogue: Catalogue, ref: str) -> None:
    article = catalogue.article(TreatyRef.parse(ref))
    assert article is not None
    assert str(article.ref) == ref
    assert article.title_nl and article.title_en


def test_instruments_and_articles_are_clean(catalogue: Catalogue) -> None:
    assert len(catalogue.instruments) >= 20
    for instrument in catalogue.instruments:
        assert instrument.id.replace("_", "").isalnum() and instrument.id == instrument.id.lower()
        numbers = [article.number for article in instrument.articles]
        assert len(numbers) == len(set(numbers)), f"duplicate article in {instrument.id}"
        for article in instrument.articles:
            # Every article id must survive the reference contract round trip.
            assert TreatyRef.parse(str(article.ref)) == article.ref
            assert all(keyword == keyword.lower() for keyword in article.keywords_nl + article.keywords_en)


def test_irregular_numbers_are_normalised_with_their_label_kept(catalogue: Catalogue) -> None:
    detention = catalogue.article(TreatyRef("eu_rcd", "8"))
    assert detention is not None and detention.label == "8 (2013/33)"
    chapter = catalogue.article(TreatyRef("eu_family_reunification", "9-12"))
    assert chapter is not None and chapter.label == "Chapter V (9-12)"
    assert catalogue.article(TreatyRef("grondwet", "algemene-bepaling")) is not None


def test_unverified_entries_are_marked(catalogue: Catalogue) -> None:
    assert catalogue.instrument("eu_family_reunification").verified is False
    assert catalogue.article(TreatyRef.parse("refugee_convention:33")).verified is False
    assert catalogue.instrument("iccpr").verified is True


def test_abbreviations_and_case_resolve_as_aliases(catalogue: Catalogue) -> None:
    assert catalogue.article(TreatyRef("evrm", "5")) == catalogue.article(TreatyRef("echr", "5"))
    assert catalogue.article(TreatyRef("echr", "p4-4")).number == "P4-4"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("EVRM 5", "echr:5"),
        ("art 5 evrm", "echr:5"),
        ("artikel 5 EVRM", "echr:5"),
        ("ECHR 5", "echr:5"),
        ("vluchtelingenverdrag 33", "refugee_convention:33"),
        ("Refugee Convention 33", "refugee_convention:33"),
        ("Handvest 18", "eu_charter:18"),
        ("grondwet 1", "grondwet:1"),
        ("art. 4 Protocol 4 EVRM", "echr:P4-4"),
        ("echr:P4-4", "echr:P4-4"),
        ("gezinsherenigingsrichtlijn 10", "eu_family_reunification:9-12"),
    ],
)
def test_search_by_abbreviation_and_number_puts_the_article_first(catalogue: Catalogue, query: str,
                                                                  expected: str) -> None:
    assert refs(catalogue.search(query))[0] == expected


def test_search_by_instrument_lists_its_articles_in_order(catalogue: Catalogue) -> None:
    found = refs(catalogue.search("ECHR"))
    assert found[:4] == ["echr:2", "echr:3", "echr:4", "echr:5"]
    assert all(ref.startswith("echr:") for ref in found)


def test_search_by_number_prefix_ranks_exact_first(catalogue: Catalogue) -> None:
    # The ECHR catalogue starts at article 2, so "1" finds the 10s, and the exact number wins where it exists.
    assert refs(catalogue.search("EVRM 1"))[:3] == ["echr:10", "echr:11", "echr:12"]
    assert refs(catalogue.search("Grondwet 1"))[0] == "grondwet:1"


def test_search_non_refoulement(catalogue: Catalogue) -> None:
    found = refs(catalogue.search("non-refoulement"))
    assert "refugee_convention:33" in found[:3]
    assert "cat:3" in found[:3]


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("vrijheid en veiligheid", "nl", "echr:5"),
        ("eerlijk proces", "nl", "echr:6"),
        ("detentie", "nl", "echr:5"),
        ("right to liberty", "en", "echr:5"),
        ("fair trial", "en", "echr:6"),
        ("recht op asiel", "nl", "eu_charter:18"),
        ("family life", "en", "echr:8"),
        ("persoonsgegevens", "nl", "eu_charter:8"),
    ],
)
def test_search_by_title_words(catalogue: Catalogue, query: str, lang: str, expected: str) -> None:
    assert refs(catalogue.search(query, lang=lang))[0] == expected


def test_search_respects_limit_and_empty_query(catalogue: Catalogue) -> None:
    assert len(catalogue.search("discriminatie", limit=3)) == 3
    assert catalogue.search("   ") == []
    assert catalogue.search("xyzzy-onbekend") == []


@pytest.mark.parametrize(
    ("ref", "lang", "style", "expected"),
    [
        ("echr:5", "nl", "short", "art. 5 EVRM"),
        ("echr:8", "nl", "long", "artikel 8 EVRM"),
        ("refugee_convention:33", "nl", "long", "artikel 33 van het VN-Vluchtelingenverdrag"),
        ("refugee_convention:33", "nl", "short", "art. 33 Vluchtelingenverdrag"),
        ("grondwet:1", "nl", "long", "artikel 1 van de Grondwet"),
        ("eu_charter:18", "nl", "long", "artikel 18 van het Handvest"),
        ("echr:P4-4", "nl", "long", "artikel 4 van het Vierde Protocol bij het EVRM"),
        ("echr:P4-4", "nl", "short", "art. 4 Protocol 4 EVRM"),
        ("icescr:2(2)", "nl", "short", "art. 2 lid 2 IVESCR"),
        ("echr:5", "en", "short", "Article 5 ECHR"),
        ("refugee_convention:33", "en", "short", "Article 33 Refugee Convention"),
        ("echr:P4-4", "en", "long", "Article 4 of Protocol No. 4 to the ECHR"),
        ("icescr:2(2)", "en", "short", "Article 2(2) ICESCR"),
        ("un_charter:ICJ-36", "nl", "long", "artikel 36 van het Statuut van het Internationaal Gerechtshof"),
        ("eu_rcd:8", "nl", "short", "art. 8 Opvangrichtlijn (2013/33/EU)"),
        # An article the catalogue does not list is still cited from its instrument.
        ("echr:17", "nl", "short", "art. 17 EVRM"),
    ],
)
def test_citations(catalogue: Catalogue, ref: str, lang: str, style: str, expected: str) -> None:
    assert catalogue.cite(TreatyRef.parse(ref), lang, style) == expected


def test_display_adds_the_heading(catalogue: Catalogue) -> None:
    ref = TreatyRef.parse("echr:5")
    assert catalogue.display(ref) == "art. 5 EVRM — Recht op vrijheid en veiligheid"
    assert catalogue.display(ref, "en") == "Article 5 ECHR — Right to liberty and security"


def test_custom_and_unknown_references_survive(catalogue: Catalogue) -> None:
    custom = TreatyRef.parse("Artikel 3 Istanbulverdrag")
    assert custom.is_custom
    assert catalogue.article(custom) is None
    assert catalogue.cite(custom) == "Artikel 3 Istanbulverdrag"
    assert catalogue.display(custom, "en") == "Artikel 3 Istanbulverdrag"
    unknown = TreatyRef.parse("istanbul:3")
    assert catalogue.article(unknown) is None
    assert catalogue.cite(unknown) == "istanbul:3"


def test_bad_style_is_refused_with_the_value(catalogue: Catalogue) -> None:
    with pytest.raises(ValueError, match="'fr'"):
        catalogue.cite(TreatyRef.parse("echr:5"), "fr")


def test_missing_or_broken_catalogue_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="missing"):
        Catalogue.load(tmp_path / "treaties.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid JSON"):
        Catalogue.load(broken)
