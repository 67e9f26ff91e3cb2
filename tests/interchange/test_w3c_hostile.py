"""The W3C reader as a boundary for untrusted input: every hostile file gets an InterchangeError naming the item,
never a traceback, and nothing of it is stored. Each finding of issue 10 is a test with a minimal file made here,
and Hypothesis feeds the reader generated JSON and mutations of a valid export."""

from __future__ import annotations

import copy
import json
import math
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import timezone
from pathlib import Path
from typing import Any

import fitz
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.domain.model import MAX_REFERENCE_LENGTH, TreatyRef
from annotator.domain.text import TextError, check_text
from annotator.interchange.files import read_json_file
from annotator.interchange.w3c import MAX_PAGE, MAX_POINTS, InterchangeError, W3CAnnotation, parse_w3c
from annotator.pdf.document import file_fingerprint
from annotator.services.interchange import import_w3c
from annotator.store.database import Database
from annotator.store.repository import Repository

REPO = Path(__file__).resolve().parent.parent.parent
ID = "urn:uuid:00000000-0000-4000-8000-000000000001"
QUOTE = "Een zin om te markeren staat op de eerste bladzijde."
# What may never come out of the reader: control characters but \n and \t, surrogates, U+FFFE/U+FFFF.
UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _item(**changes: Any) -> dict[str, Any]:
    """A valid annotation with a judgment, theme, reference, comment and source, a quote and a page."""
    item: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": ID, "type": "Annotation",
        "created": "2024-02-01T10:00:00+01:00", "modified": "2024-02-01T11:00:00Z",
        "creator": {"type": "Person", "name": "Sanne"},
        "body": [{"type": "TextualBody", "purpose": "assessing", "value": "concern"},
                 {"type": "TextualBody", "purpose": "tagging", "value": "Gezin"},
                 {"type": "TextualBody", "purpose": "classifying", "value": "echr:P4-4"},
                 {"type": "TextualBody", "purpose": "commenting", "value": "Regel\nnieuwe regel\tmet tab"},
                 {"type": "TextualBody", "purpose": "linking", "value": "https://example.org/bron"}],
        "target": {"source": "urn:sha256:" + "ab" * 32,
                   "selector": [{"type": "TextQuoteSelector", "exact": QUOTE, "prefix": "", "suffix": ""},
                                {"type": "TextPositionSelector", "start": 0, "end": len(QUOTE)},
                                {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
                                 "value": "page=1"}]},
    }
    item.update(changes)
    return item


def _with_body(value: str, purpose: str = "commenting") -> dict[str, Any]:
    return _item(body=[{"type": "TextualBody", "purpose": purpose, "value": value}])


def _with_fragment(value: str) -> dict[str, Any]:
    return _item(target={"selector": [{"type": "TextQuoteSelector", "exact": QUOTE},
                                      {"type": "FragmentSelector", "value": value}]})


def _area(value: str) -> dict[str, Any]:
    return _item(target={"selector": {"type": "FragmentSelector", "value": value}})


def _quote(**fields: str) -> dict[str, Any]:
    return _item(target={"selector": [{"type": "TextQuoteSelector", "exact": QUOTE, **fields}]})


def _refused(tmp_path: Path, text: str) -> str:
    """The message for a file holding ``text``, read as `annotator import` reads it; it is one line."""
    path = tmp_path / "hostile.jsonld"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InterchangeError) as raised:
        parse_w3c(read_json_file(path))
    message = str(raised.value)
    assert "\n" not in message and len(message) < 600
    return message


def _refused_item(tmp_path: Path, item: dict[str, Any]) -> str:
    message = _refused(tmp_path, json.dumps([item], ensure_ascii=True))
    assert message.startswith("item 1"), message
    return message


def test_a_valid_item_is_read(tmp_path: Path) -> None:
    path = tmp_path / "valid.jsonld"
    path.write_text(json.dumps([_item()]), encoding="utf-8")
    (parsed,) = parse_w3c(read_json_file(path))
    assert parsed.comment == "Regel\nnieuwe regel\tmet tab" and parsed.page == 0
    assert parsed.references == (TreatyRef("echr", "P4-4"),)


# --- the findings of issue 10, one by one ---------------------------------------------------------------------


def test_100k_deep_nesting_is_refused(tmp_path: Path) -> None:
    assert "too deeply" in _refused(tmp_path, "[" * 100_000 + "]" * 100_000)
    inside = json.dumps([_item()])[:-2] + ', "extra": ' + "[" * 100_000 + "]" * 100_000 + "}]"
    assert "too deeply" in _refused(tmp_path, inside)


def test_nesting_built_in_memory_is_refused_naming_the_item() -> None:
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(InterchangeError, match=r"^item 1 .*levels deep"):
        parse_w3c([_item(extra=deep)])


def test_an_integer_of_5000_digits_is_refused_naming_the_item(tmp_path: Path) -> None:
    text = json.dumps([_item()])[:-2] + ', "extra": ' + "9" * 5000 + "}]"
    assert "5,000 digits" in _refused(tmp_path, text)
    start = json.dumps([_item(target={"selector": [{"type": "TextQuoteSelector", "exact": QUOTE},
                                                   {"type": "TextPositionSelector", "start": 0, "end": 1}]})])
    assert "digits" in _refused(tmp_path, start.replace('"end": 1', '"end": ' + "1" * 4301))
    with pytest.raises(InterchangeError, match="64 bits"):  # the same number, already in memory
        parse_w3c([_item(extra=10**5000)])


@pytest.mark.parametrize("page", ["²", "٣", "1²", "-1", "0", "+1", "1.0", "", "10^30", "1" + "0" * 30,
                                  str(MAX_PAGE + 1)])
def test_a_page_that_is_no_page_number_is_refused(tmp_path: Path, page: str) -> None:
    assert "pages are numbered from 1" in _refused_item(tmp_path, _with_fragment(f"page={page}"))


@pytest.mark.parametrize("name", ["created", "modified"])
@pytest.mark.parametrize("time", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:30-05:00"])
def test_a_time_outside_the_years_1_to_9999_in_utc_is_refused(tmp_path: Path, name: str, time: str) -> None:
    message = _refused_item(tmp_path, _item(**{name: time}))
    assert name in message and "years 1 to 9999" in message


def test_the_earliest_and_latest_utc_times_are_read(tmp_path: Path) -> None:
    (parsed,) = parse_w3c([_item(created="0001-01-01T00:00:00Z", modified="9999-12-31T23:30+00:00")])
    assert parsed.created is not None and parsed.created.year == 1
    assert parsed.modified is not None and parsed.modified.astimezone(timezone.utc).year == 9999


@pytest.mark.parametrize("where", ["comment", "quote", "prefix", "theme", "source", "creator", "reference",
                                   "id", "key", "ignored"])
def test_a_lone_surrogate_in_any_text_is_refused(tmp_path: Path, where: str) -> None:
    bad = "a\ud800b"
    items = {
        "comment": _with_body(bad), "quote": _item(target={"selector": {"type": "TextQuoteSelector", "exact": bad}}),
        "prefix": _quote(prefix=bad), "theme": _with_body(bad, "tagging"), "source": _with_body(bad, "linking"),
        "creator": _item(creator={"name": bad}), "reference": _with_body("echr:" + bad, "classifying"),
        "id": _item(id="https://example.org/" + bad), "key": _item(**{bad: 1}), "ignored": _item(generator=bad),
    }
    assert "U+D800" in _refused_item(tmp_path, items[where])


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufffe"])
@pytest.mark.parametrize("where", ["comment", "quote", "suffix", "theme", "source", "creator"])
def test_control_characters_are_refused_where_they_would_be_stored(tmp_path: Path, char: str, where: str) -> None:
    bad = f"voor{char}na"
    items = {
        "comment": _with_body(bad), "quote": _item(target={"selector": {"type": "TextQuoteSelector", "exact": bad}}),
        "suffix": _quote(suffix=bad), "theme": _with_body(bad, "tagging"), "source": _with_body(bad, "linking"),
        "creator": _item(creator={"type": "Person", "name": bad}),
    }
    message = _refused_item(tmp_path, items[where])
    assert f"U+{ord(char):04X}" in message and "character 5" in message


def test_carriage_returns_are_line_breaks_and_tabs_and_line_feeds_stay() -> None:
    (parsed,) = parse_w3c([_with_body("een\r\ntwee\rdrie\tvier\nvijf")])
    assert parsed.comment == "een\ntwee\ndrie\tvier\nvijf"


@pytest.mark.parametrize("viewrect", ["0,0,inf,inf", "nan,0,10,10", "0,0,1e999,10", "0,0,Infinity,1",
                                      "0,0,10", "0,0,10,10,10", "0,0,١٠,10", "0,0,1_0,10", "-5,0,10,10",
                                      "0,0,20000,10", "14000,0,500,10", "0,0,0,10", "0,0,10,-1"])
def test_a_viewrect_must_be_four_finite_numbers_on_a_page(tmp_path: Path, viewrect: str) -> None:
    message = _refused_item(tmp_path, _area(f"page=1&viewrect={viewrect}"))
    assert "viewrect" in message


def test_a_reference_with_an_absurd_article_is_refused(tmp_path: Path) -> None:
    message = _refused_item(tmp_path, _with_body("echr:P" + "9" * 5000 + "-1", "classifying"))
    assert "reference" in message and "5,008 characters" in message
    too_long = "HR-Comité, " + "x" * MAX_REFERENCE_LENGTH
    assert "reference" in _refused_item(tmp_path, _with_body(too_long, "classifying"))
    assert "reference" in _refused_item(tmp_path, _with_body("echr:5\x00", "classifying"))


def test_references_stay_well_formed_and_custom_ones_are_kept() -> None:
    assert TreatyRef.parse("echr:P4-4") == TreatyRef("echr", "P4-4")
    assert TreatyRef.parse("eu_reception_directive:8(2013/33)").article == "8(2013/33)"
    long_article = TreatyRef.parse("echr:P" + "9" * 40 + "-1")
    assert long_article.is_custom  # bounded: an article number has at most 32 characters
    (parsed,) = parse_w3c([_with_body("Algemeen Commentaar 36, par. 12", "classifying")])
    assert parsed.references[0].is_custom and str(parsed.references[0]) == "Algemeen Commentaar 36, par. 12"
    from annotator.domain.catalogue import Catalogue

    catalogue = Catalogue.load(REPO / "resources" / "treaties.json")
    assert catalogue.cite(TreatyRef("echr", "P" + "9" * 5000 + "-1"))  # even one made in memory cites


def test_check_text_is_the_domain_check() -> None:
    assert check_text("a\r\nb") == "a\nb"
    with pytest.raises(TextError, match=r"U\+0000"):
        check_text("\x00")
    with pytest.raises(TextError, match="at most 3"):
        check_text("abcd", max_length=3)


# --- importing: nothing stored, areas within the page ---------------------------------------------------------


def _pdf(path: Path) -> Path:
    doc = fitz.open()
    page = doc.new_page(width=400, height=600)
    page.insert_text((50, 100), QUOTE, fontsize=9)
    doc.save(path)
    doc.close()
    return path


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return _pdf(tmp_path / "doc.pdf")


HOSTILE: dict[str, Callable[[], str]] = {
    "nesting": lambda: "[" * 100_000 + "]" * 100_000,
    "digits": lambda: json.dumps([_item(id=None), _item()])[:-2] + ', "x": ' + "9" * 5000 + "}]",
    "superscript page": lambda: json.dumps([_item(id=None), _with_fragment("page=²")]),
    "huge page": lambda: json.dumps([_item(id=None), _with_fragment("page=" + "9" * 31)]),
    "year 1": lambda: json.dumps([_item(id=None), _item(created="0001-01-01T00:00:00+05:00")]),
    "year 9999": lambda: json.dumps([_item(id=None), _item(modified="9999-12-31T23:30-05:00")]),
    "surrogate": lambda: json.dumps([_item(id=None), _with_body("a\ud800")]),
    "nul in a comment": lambda: json.dumps([_item(id=None), _with_body("a\x00b")]),
    "control in a theme": lambda: json.dumps([_item(id=None), _with_body("Ge\x1bzin", "tagging")]),
    "infinite area": lambda: json.dumps([_item(id=None), _area("page=1&viewrect=0,0,inf,inf")]),
    "absurd article": lambda: json.dumps([_item(id=None), _with_body("echr:P" + "9" * 5000 + "-1", "classifying")]),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_stores_nothing(tmp_path: Path, pdf: Path, name: str) -> None:
    """The first item is valid and brings a new theme: none of it is stored when a later item is refused."""
    path = tmp_path / "hostile.jsonld"
    path.write_text(HOSTILE[name](), encoding="utf-8")
    db = Database.open(str(tmp_path / "review.sqlite"))
    try:
        with pytest.raises(InterchangeError):
            import_w3c(db, pdf, read_json_file(path), author_fallback="x")
        repo = Repository(db)
        assert repo.themes() == [] and repo.annotations(file_fingerprint(pdf), include_deleted=True) == []
    finally:
        db.close()


def test_an_area_partly_off_its_page_is_clipped_to_the_page(tmp_path: Path, pdf: Path) -> None:
    db = Database.open(str(tmp_path / "review.sqlite"))
    try:
        report = import_w3c(db, pdf, [_area("page=1&viewrect=300,500,5000,5000")], author_fallback="x")
        assert report.anchored == 1
        (stored,) = Repository(db).annotations(file_fingerprint(pdf))
        assert stored.anchor is not None
        (box,) = stored.anchor.quads
        assert (box.x0, box.y0, box.x1, box.y1) == (300, 500, 400, 600)
    finally:
        db.close()


def test_import_on_the_command_line_says_one_line_and_leaves_the_database(tmp_path: Path, pdf: Path) -> None:
    good, bad, db = tmp_path / "good.jsonld", tmp_path / "bad.jsonld", tmp_path / "review.sqlite"
    good.write_text(json.dumps([_quote()]), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))

    def run(source: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "annotator", "import", str(source), "--pdf", str(pdf),
                               "--db", str(db)], capture_output=True, text=True, cwd=REPO, env=env, timeout=120)

    assert run(good).returncode == 0
    before = db.read_bytes()
    for name in ("nesting", "digits", "surrogate", "nul in a comment", "absurd article", "year 1"):
        bad.write_text(HOSTILE[name](), encoding="utf-8")
        result = run(bad)
        assert result.returncode == 1, (name, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (name, result.stderr)
        assert str(bad) in lines[0] and "Traceback" not in result.stderr
        assert db.read_bytes() == before


# --- property-based: generated JSON and mutations of a valid export -------------------------------------------


def _assert_invariants(parsed: list[W3CAnnotation]) -> None:
    for item in parsed:
        texts = [item.comment, item.exact, item.prefix, item.suffix, item.theme or "", item.creator or "",
                 *item.sources, *(str(ref) for ref in item.references)]
        for text in texts:
            assert UNSTORABLE.search(text) is None, text
            text.encode("utf-8")
        assert all(len(str(ref)) <= MAX_REFERENCE_LENGTH for ref in item.references)
        assert item.page is None or 0 <= item.page < MAX_PAGE
        if item.area is not None:
            box = item.area
            assert all(math.isfinite(v) and 0 <= v <= MAX_POINTS for v in (box.x0, box.y0, box.x1, box.y1))
            assert box.width > 0 and box.height > 0
        for time in (item.created, item.modified):
            if time is not None:
                time.astimezone(timezone.utc)
        if item.position is not None:
            assert 0 <= item.position[0] <= item.position[1] < 2**31


def _read(data: object) -> None:
    try:
        parsed = parse_w3c(data)
    except InterchangeError:
        return
    _assert_invariants(parsed)


_text = st.text(st.characters(blacklist_categories=()), max_size=12) | st.sampled_from(
    ["page=²", "page=1&viewrect=0,0,inf,inf", "0001-01-01T00:00:00+05:00", "9999-12-31T23:30-05:00", "\ud800",
     "a\x00b", "echr:P" + "9" * 300 + "-1", "page=3&viewrect=1,2,3,4", "tagging", "classifying", "linking",
     "TextQuoteSelector", "FragmentSelector", "urn:uuid:00000000-0000-4000-8000-000000000002"])
_scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10**20, max_value=10**30)
            | st.floats(allow_nan=True, allow_infinity=True) | _text)
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(_text, inner, max_size=4), max_leaves=20)
_keys = ["id", "type", "created", "modified", "creator", "body", "target", "selector", "value", "purpose",
         "exact", "prefix", "suffix", "start", "end", "source", "name", "urn:annotator:includeInLetter", "items"]


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, entry in value.items():
            found += _paths(entry, (*path, key))
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            found += _paths(entry, (*path, index))
    return found


_VALID = _item()
_PATHS = _paths(_VALID)[1:]

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_json)
def test_generated_json_is_read_or_refused(data: object) -> None:
    _read(data)
    _read([data])
    _read({"type": "AnnotationCollection", "items": [data]})


@_SETTINGS
@given(st.dictionaries(st.sampled_from(_keys) | _text, _json, max_size=6))
def test_generated_annotations_are_read_or_refused(extra: dict[str, object]) -> None:
    item = _item()
    item.update(extra)
    _read([item])


@_SETTINGS
@given(st.lists(st.tuples(st.sampled_from(_PATHS), _json), min_size=1, max_size=3))
def test_mutations_of_a_valid_export_are_read_or_refused(changes: list[tuple[tuple[object, ...], object]]) -> None:
    item = copy.deepcopy(_VALID)
    for path, value in changes:
        holder: Any = item
        try:
            for step in path[:-1]:
                holder = holder[step]
            holder[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change took this place away
    _read([item])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0), st.text(max_size=6) | st.sampled_from(["9" * 5000, "[" * 5000, "\\ud800",
                                                                         "\\u0000", "NaN", "1e999"]))
def test_mutated_file_text_is_read_or_refused(tmp_path: Path, where: int, inserted: str) -> None:
    text = json.dumps([_item()])
    at = where % (len(text) + 1)
    path = tmp_path / "mutated.jsonld"
    path.write_text(text[:at] + inserted + text[at:], encoding="utf-8", errors="surrogatepass")
    try:
        parsed = parse_w3c(read_json_file(path))
    except InterchangeError:
        return
    _assert_invariants(parsed)
