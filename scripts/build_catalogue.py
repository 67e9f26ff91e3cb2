"""Build resources/treaties.json, the shipped treaty catalogue, from the research file treaties.yaml.

Usage: python scripts/build_catalogue.py [TREATIES_YAML] [--out resources/treaties.json] [--quiet]

The research file is written by hand and carries a few irregularities (article numbers with a directive year or a
chapter in them, abbreviations with explanations in parentheses, UNVERIFIED notes). This script normalises them into
ids that fit the treaty-reference contract ``<instrument-id>:<article>`` and prints what it changed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
# The research file, kept beside this script (a copy of the shared reference/treaties.yaml).
DEFAULT_YAML = Path(__file__).resolve().parent / "treaties.yaml"
DEFAULT_OUT = REPO / "resources" / "treaties.json"

INSTRUMENT_ID = re.compile(r"^[a-z0-9_]+$")
ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9()\-]*$")
ALIAS_SHAPE = re.compile(r"^[a-z0-9_]+$")

# How Kamerstukken cite each instrument: (nl short, nl long, en short, en long). The long Dutch form follows
# "artikel N ...": acronyms stand alone ("artikel 8 EVRM"), names take an article ("artikel 1 van de Grondwet").
# Editorial data, not research data: it is not in treaties.yaml.
CITATION_FORMS: dict[str, tuple[str, str, str, str]] = {
    "echr": ("EVRM", "EVRM", "ECHR", "of the European Convention on Human Rights"),
    "iccpr": ("IVBPR", "IVBPR", "ICCPR", "of the International Covenant on Civil and Political Rights"),
    "icescr": ("IVESCR", "IVESCR", "ICESCR",
               "of the International Covenant on Economic, Social and Cultural Rights"),
    "crc": ("IVRK", "IVRK", "CRC", "of the Convention on the Rights of the Child"),
    "refugee_convention": ("Vluchtelingenverdrag", "van het VN-Vluchtelingenverdrag", "Refugee Convention",
                           "of the 1951 Refugee Convention"),
    "cat": ("VN-Antifolterverdrag", "van het VN-Antifolterverdrag", "CAT", "of the Convention against Torture"),
    # "IVRD" was not seen in use (the YAML says so); the treaty's Dutch name is the safer citation.
    "icerd": ("VN-Rassendiscriminatieverdrag", "van het VN-Rassendiscriminatieverdrag", "ICERD",
              "of the International Convention on the Elimination of All Forms of Racial Discrimination"),
    "cedaw": ("VN-Vrouwenverdrag", "van het VN-Vrouwenverdrag", "CEDAW",
              "of the Convention on the Elimination of All Forms of Discrimination against Women"),
    "crpd": ("VN-verdrag Handicap", "van het VN-verdrag Handicap", "CRPD",
             "of the Convention on the Rights of Persons with Disabilities"),
    "eu_charter": ("Handvest", "van het Handvest", "EU Charter",
                   "of the Charter of Fundamental Rights of the European Union"),
    "grondwet": ("Gw", "van de Grondwet", "Dutch Constitution", "of the Constitution of the Netherlands"),
    "rome_statute": ("Statuut van Rome", "van het Statuut van Rome", "Rome Statute",
                     "of the Rome Statute of the International Criminal Court"),
    "un_charter": ("VN-Handvest", "van het Handvest van de Verenigde Naties", "UN Charter",
                   "of the Charter of the United Nations"),
    "udhr": ("UVRM", "UVRM", "UDHR", "of the Universal Declaration of Human Rights"),
    "esc": ("ESH", "van het Europees Sociaal Handvest", "ESC", "of the European Social Charter (revised)"),
    "eu_apd_2013": ("Procedurerichtlijn", "van de Procedurerichtlijn", "Asylum Procedures Directive",
                    "of the Asylum Procedures Directive (2013/32/EU)"),
    "eu_apr_2024": ("Asielprocedureverordening", "van de Asielprocedureverordening", "APR",
                    "of the Asylum Procedure Regulation ((EU) 2024/1348)"),
    "eu_ammr_2024": ("AMMR", "van de Verordening asiel- en migratiebeheer", "AMMR",
                     "of the Asylum and Migration Management Regulation ((EU) 2024/1351)"),
    "eu_pact_other_2024": ("Migratiepact", "van het Migratiepact", "Migration Pact",
                           "of the Pact on Migration and Asylum"),
    "eu_rcd": ("Opvangrichtlijn", "van de Opvangrichtlijn", "Reception Conditions Directive",
               "of the Reception Conditions Directive"),
    "eu_return_directive": ("Terugkeerrichtlijn", "van de Terugkeerrichtlijn", "Return Directive",
                            "of the Return Directive (2008/115/EC)"),
    "eu_family_reunification": ("Gezinsherenigingsrichtlijn", "van de Gezinsherenigingsrichtlijn",
                                "Family Reunification Directive",
                                "of the Family Reunification Directive (2003/86/EC)"),
}

# Parts of an instrument that are cited as instruments of their own (the ICJ Statute is annexed to the UN Charter).
PART_FORMS: dict[str, tuple[str, str, str, str]] = {
    "ICJ": ("Statuut IGH", "van het Statuut van het Internationaal Gerechtshof", "ICJ Statute",
            "of the Statute of the International Court of Justice"),
}

# Article "numbers" that are words; Dutch name -> English name of the provision.
NAMED_PROVISIONS: dict[str, str] = {"algemene bepaling": "General provision"}

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}

# Words in parentheses after an abbreviation that are not alternative names.
NOT_A_NAME = {"recast"}


@dataclass
class Report:
    """What the build changed, printed for the person running it."""

    renumbered: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    keywords_fixed: int = 0
    keywords_dropped: int = 0
    abbreviations: list[str] = field(default_factory=list)
    unverified_instruments: list[str] = field(default_factory=list)
    unverified_articles: list[str] = field(default_factory=list)
    alias_conflicts: list[str] = field(default_factory=list)
    instrument_ids: list[str] = field(default_factory=list)

    def lines(self, instruments: int, articles: int) -> list[str]:
        """The summary as printable lines."""
        out = [f"{instruments} instruments, {articles} articles"]
        out += [f"instrument id normalised: {item}" for item in self.instrument_ids]
        out += [f"article number normalised: {item}" for item in self.renumbered]
        out += [f"duplicate article dropped: {item}" for item in self.duplicates]
        if not self.duplicates:
            out.append("duplicate articles: none found")
        out.append(f"keywords: {self.keywords_fixed} re-cased or re-spaced, {self.keywords_dropped} duplicates dropped")
        out += [f"abbreviation cleaned: {item}" for item in self.abbreviations]
        out += [f"alias dropped (claimed by two instruments): {item}" for item in self.alias_conflicts]
        out.append(f"unverified instruments ({len(self.unverified_instruments)}): "
                   + ", ".join(self.unverified_instruments))
        out.append(f"unverified articles ({len(self.unverified_articles)}): " + ", ".join(self.unverified_articles))
        return out


def _text(value: Any) -> str:
    """A YAML scalar as clean single-spaced text."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _is_unverified(*values: Any) -> bool:
    return any("UNVERIFIED" in _text(value) for value in values)


def clean_keywords(values: Any, report: Report) -> list[str]:
    """Lowercase, single-spaced, deduplicated keywords in their original order."""
    seen: dict[str, None] = {}
    for value in values or []:
        raw = unicodedata.normalize("NFC", str(value)).replace("\u2019", "'")
        keyword = " ".join(raw.lower().split())
        if keyword != value:
            report.keywords_fixed += 1
        if not keyword:
            continue
        if keyword in seen:
            report.keywords_dropped += 1
            continue
        seen[keyword] = None
    return list(seen)


def split_abbreviation(value: str) -> tuple[str, list[str]]:
    """'CAT (UNCAT)' -> ('CAT', ['UNCAT']); 'VN-Handvest / Statuut IGH' -> ('VN-Handvest', ['Statuut IGH'])."""
    text = _text(value)
    extras: list[str] = []
    match = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
    if match:
        text = match.group(1)
        extras += [part.strip() for part in match.group(2).split("/")]
    if " / " in text:
        first, *rest = [part.strip() for part in text.split(" / ")]
        text = first
        extras = rest + extras
    return text, [extra for extra in extras if extra and extra.lower() not in NOT_A_NAME]


@dataclass
class ArticleNumber:
    """A normalised article number: the id, the label as the YAML wrote it, and citation overrides."""

    id: str
    label: str
    aliases: list[str] = field(default_factory=list)
    qualifier: str = ""
    designation_nl: str = ""
    designation_en: str = ""
    part: str = ""


def normalise_number(raw: Any) -> ArticleNumber:
    """Turn a YAML article number into a contract id ('P4-4', '8', '9-12', 'algemene-bepaling')."""
    label = _text(raw)
    compact = label.replace(" ", "")
    protocol = re.match(r"^[pP](\d+)-(\w+)$", compact)
    if protocol:
        return ArticleNumber(id=f"P{protocol.group(1)}-{protocol.group(2).upper()}", label=label)
    qualified = re.match(r"^(\d+\w*)\s*\((\d{4}/\d+)\)$", label)
    if qualified:
        # '8 (2013/33)': article 8 in the numbering of directive 2013/33; the year goes into the citation.
        return ArticleNumber(id=qualified.group(1).upper(), label=label, aliases=[compact],
                             qualifier=qualified.group(2))
    chapter = re.match(r"^(?:Chapter|Hoofdstuk)\s+([IVX]+)\s*\((\d+)\s*-\s*(\d+)\)$", label, re.IGNORECASE)
    if chapter:
        roman, first, last = chapter.group(1).upper(), chapter.group(2), chapter.group(3)
        return ArticleNumber(
            id=f"{first}-{last}", label=label, aliases=[f"H{ROMAN.get(roman, roman)}", f"chapter-{roman}"],
            designation_nl=f"hoofdstuk {roman} (art. {first}-{last})",
            designation_en=f"Chapter {roman} (Articles {first}-{last})",
        )
    named = label.lower()
    if named in NAMED_PROVISIONS:
        return ArticleNumber(id=named.replace(" ", "-"), label=label, aliases=[named.replace(" ", "_")],
                             designation_nl=named, designation_en=NAMED_PROVISIONS[named])
    part = re.match(r"^([A-Z]{2,})-(\d+\w*)$", compact)
    if part and part.group(1) in PART_FORMS:
        return ArticleNumber(id=compact, label=label, part=part.group(1))
    if ARTICLE_ID.match(compact):
        return ArticleNumber(id=compact.upper() if re.match(r"^\d+[a-z]$", compact) else compact, label=label)
    raise ValueError(f"article number {label!r} cannot be turned into an id; add a rule for it in build_catalogue.py")


def _forms(values: tuple[str, str, str, str]) -> dict[str, str]:
    return dict(zip(("nl_short", "nl_long", "en_short", "en_long"), values, strict=True))


def _qualified_part(forms: tuple[str, str, str, str], qualifier: str, names: str) -> dict[str, str]:
    """Citation forms for an article numbered in one version of a directive ('2013/33' -> '(2013/33/EU)')."""
    full = re.search(re.escape(qualifier) + r"/(EU|EG|EC|EEG|EEC)\b", names)
    label = full.group(0) if full else qualifier
    return _forms(tuple(f"{form} ({label})" for form in forms))  # type: ignore[arg-type]


def build_article(instrument_id: str, forms: tuple[str, str, str, str], names: str, raw: dict[str, Any],
                  report: Report) -> dict[str, Any]:
    """One cleaned article record."""
    number = normalise_number(raw.get("number"))
    if number.id != number.label:
        report.renumbered.append(f"{instrument_id}: {number.label!r} -> {number.id!r}")
    note = _text(raw.get("note"))
    verified = not _is_unverified(note)
    if not verified:
        report.unverified_articles.append(f"{instrument_id}:{number.id}")
    article: dict[str, Any] = {
        "number": number.id,
        "label": number.label,
        "title_en": _text(raw.get("title_en")),
        "title_nl": _text(raw.get("title_nl")),
        "keywords_nl": clean_keywords(raw.get("keywords_nl"), report),
        "keywords_en": clean_keywords(raw.get("keywords_en"), report),
        "verified": verified,
    }
    if note:
        article["note"] = note
    if number.aliases:
        article["aliases"] = number.aliases
    if number.designation_nl:
        article["designation_nl"] = number.designation_nl
        article["designation_en"] = number.designation_en
    if number.qualifier:
        article["part"] = _qualified_part(forms, number.qualifier, names)
    if number.part:
        article["part"] = _forms(PART_FORMS[number.part])
    return article


def build_instrument(raw: dict[str, Any], report: Report) -> dict[str, Any]:
    """One cleaned instrument record with its articles."""
    original_id = _text(raw.get("id"))
    instrument_id = re.sub(r"[^a-z0-9_]+", "_", original_id.lower()).strip("_")
    if not instrument_id:
        raise ValueError(f"instrument without a usable id: {raw.get('name_en')!r}")
    aliases: list[str] = []
    if instrument_id != original_id:
        report.instrument_ids.append(f"{original_id!r} -> {instrument_id!r}")
        aliases.append(original_id.lower())
    abbr_nl, extra_nl = split_abbreviation(raw.get("abbr_nl") or "")
    abbr_en, extra_en = split_abbreviation(raw.get("abbr_en") or "")
    for before, after in ((raw.get("abbr_nl"), abbr_nl), (raw.get("abbr_en"), abbr_en)):
        if _text(before) != after:
            report.abbreviations.append(f"{instrument_id}: {_text(before)!r} -> {after!r}")
    alt_nl = list(dict.fromkeys([_text(name) for name in raw.get("alt_names_nl") or []] + extra_nl))
    names = " ".join(_text(raw.get(key)) for key in ("name_en", "name_nl"))
    forms = CITATION_FORMS.get(instrument_id, (abbr_nl, abbr_nl, abbr_en, abbr_en))
    articles: list[dict[str, Any]] = []
    for raw_article in raw.get("articles") or []:
        article = build_article(instrument_id, forms, names, raw_article, report)
        same = next((kept for kept in articles if kept["number"] == article["number"]), None)
        if same is not None:
            report.duplicates.append(f"{instrument_id}:{article['number']} ({article['label']!r})")
            for key in ("keywords_nl", "keywords_en"):
                same[key] = list(dict.fromkeys(same[key] + article[key]))
            continue
        articles.append(article)
    verification = _text(raw.get("verified"))
    verified = not _is_unverified(verification)
    if not verified:
        report.unverified_instruments.append(instrument_id)
    return {
        "id": instrument_id,
        "kind": _text(raw.get("kind")),
        "name_en": _text(raw.get("name_en")),
        "name_nl": _text(raw.get("name_nl")),
        "abbr_nl": abbr_nl,
        "abbr_en": abbr_en,
        "alt_names_nl": alt_nl,
        "alt_names_en": extra_en,
        "aliases": aliases,
        "year": raw.get("year"),
        "nl_status": _text(raw.get("nl_status")),
        "titles_official": bool(raw.get("titles_official")),
        "verified": verified,
        "verification_note": verification,
        "cite": _forms(forms),
        "keywords_nl": clean_keywords(raw.get("keywords_nl"), report),
        "keywords_en": clean_keywords(raw.get("keywords_en"), report),
        "articles": articles,
    }


def _add_abbreviation_aliases(instruments: list[dict[str, Any]], report: Report) -> None:
    """Let references such as 'evrm:5' resolve: abbreviations of id shape become aliases when unambiguous."""
    claims: dict[str, set[str]] = {}
    ids = {item["id"] for item in instruments}
    for item in instruments:
        for name in [item["abbr_nl"], item["abbr_en"], *item["alt_names_nl"], *item["alt_names_en"]]:
            alias = name.lower()
            if ALIAS_SHAPE.match(alias) and alias not in ids:
                claims.setdefault(alias, set()).add(item["id"])
    for item in instruments:
        for alias, owners in sorted(claims.items()):
            if item["id"] not in owners:
                continue
            if len(owners) > 1:
                conflict = f"{alias!r} ({', '.join(sorted(owners))})"
                if conflict not in report.alias_conflicts:
                    report.alias_conflicts.append(conflict)
                continue
            if alias not in item["aliases"]:
                item["aliases"].append(alias)


def build(yaml_path: Path) -> tuple[dict[str, Any], Report]:
    """Read the research YAML and return the cleaned catalogue and what was changed."""
    with yaml_path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict) or not isinstance(data.get("instruments"), list):
        raise ValueError(f"{yaml_path} has no 'instruments' list; is it the treaty catalogue?")
    report = Report()
    instruments: list[dict[str, Any]] = []
    for raw in data["instruments"]:
        instrument = build_instrument(raw, report)
        if any(kept["id"] == instrument["id"] for kept in instruments):
            report.duplicates.append(f"instrument {instrument['id']}")
            continue
        instruments.append(instrument)
    _add_abbreviation_aliases(instruments, report)
    hints = data.get("matching_hints") or {}
    catalogue = {
        "source": yaml_path.name,
        "matching": {
            "whole_word_only": clean_keywords(hints.get("whole_word_only"), report),
            "word_start_max_length": 7,
            "notes": {key: _text(value) for key, value in hints.items() if key != "whole_word_only"},
        },
        "instruments": instruments,
    }
    return catalogue, report


def dumps(catalogue: dict[str, Any]) -> str:
    """The JSON text as committed: stable order, readable diffs."""
    return json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Build the catalogue and print a summary of the cleaning."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("yaml", nargs="?", type=Path, default=DEFAULT_YAML, help="the research treaties.yaml")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write treaties.json")
    parser.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = parser.parse_args(argv)
    if not args.yaml.exists():
        print(f"error: {args.yaml} not found; pass the path of treaties.yaml", file=sys.stderr)
        return 1
    try:
        catalogue, report = build(args.yaml)
    except (ValueError, yaml.YAMLError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dumps(catalogue), encoding="utf-8")
    if not args.quiet:
        articles = sum(len(item["articles"]) for item in catalogue["instruments"])
        for line in report.lines(len(catalogue["instruments"]), articles):
            print(line)
        print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
