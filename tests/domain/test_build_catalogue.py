"""The shipped resources/treaties.json is what scripts/build_catalogue.py makes of the research YAML."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "build_catalogue.py"
YAML = REPO / "scripts" / "treaties.yaml"
RESEARCH = REPO.parent / "shared" / "reference" / "treaties.yaml"  # the researchers' copy, where beside
SHIPPED = REPO / "resources" / "treaties.json"


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    pytest.importorskip("yaml")
    spec = importlib.util.spec_from_file_location("build_catalogue", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_shipped_catalogue_is_up_to_date_with_the_yaml(builder: ModuleType, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    if RESEARCH.exists():
        assert YAML.read_bytes() == RESEARCH.read_bytes(), (
            f"scripts/treaties.yaml differs from {RESEARCH}: copy it, then run python scripts/build_catalogue.py"
        )
    out = tmp_path / "treaties.json"
    assert builder.main([str(YAML), "--out", str(out)]) == 0
    summary = capsys.readouterr().out
    assert "'8 (2013/33)' -> '8'" in summary and "unverified instruments" in summary
    assert out.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8"), (
        "resources/treaties.json is stale: run python scripts/build_catalogue.py and commit the result"
    )


@pytest.mark.parametrize(
    ("raw", "number", "label"),
    [
        ("5", "5", "5"),
        ("P4-4", "P4-4", "P4-4"),
        ("p1-1", "P1-1", "p1-1"),
        ("1a", "1A", "1a"),
        ("2(2)", "2(2)", "2(2)"),
        ("8 (2013/33)", "8", "8 (2013/33)"),
        ("Chapter V (9-12)", "9-12", "Chapter V (9-12)"),
        ("Algemene bepaling", "algemene-bepaling", "Algemene bepaling"),
        ("ICJ-36", "ICJ-36", "ICJ-36"),
    ],
)
def test_article_numbers_become_contract_ids(builder: ModuleType, raw: str, number: str, label: str) -> None:
    normalised = builder.normalise_number(raw)
    assert (normalised.id, normalised.label) == (number, label)


def test_unusable_article_number_names_the_value(builder: ModuleType) -> None:
    with pytest.raises(ValueError, match="'Annex § 3'"):
        builder.normalise_number("Annex § 3")


def test_duplicates_and_messy_keywords_are_cleaned(builder: ModuleType, tmp_path: Path) -> None:
    source = tmp_path / "treaties.yaml"
    source.write_text(
        "instruments:\n"
        "  - id: Test-Treaty\n"
        "    name_en: Test\n    name_nl: Test\n    abbr_nl: TV\n    abbr_en: TT (Test Treaty)\n"
        "    verified: UNVERIFIED (from memory)\n"
        "    keywords_nl: [Detentie, detentie, '  Vrijheid  van   Vergadering ']\n"
        "    articles:\n"
        "      - {number: '5', title_en: A, title_nl: A, keywords_nl: [bewaring]}\n"
        "      - {number: ' 5', title_en: B, title_nl: B, keywords_nl: [hechtenis, bewaring]}\n",
        encoding="utf-8",
    )
    catalogue, report = builder.build(source)
    instrument = catalogue["instruments"][0]
    assert instrument["id"] == "test_treaty" and "test-treaty" in instrument["aliases"]
    assert instrument["abbr_en"] == "TT" and instrument["alt_names_en"] == ["Test Treaty"]
    assert instrument["verified"] is False
    assert instrument["keywords_nl"] == ["detentie", "vrijheid van vergadering"]
    assert [article["number"] for article in instrument["articles"]] == ["5"]
    assert instrument["articles"][0]["keywords_nl"] == ["bewaring", "hechtenis"]
    assert report.duplicates == ["test_treaty:5 ('5')"]
