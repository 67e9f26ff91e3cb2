"""Every interface text has a Dutch translation, and the Dutch interface uses it."""

from __future__ import annotations

import ast
from pathlib import Path

from annotator.ui.i18n import _NL, Translator

UI = Path(__file__).resolve().parents[2] / "annotator" / "ui"
TRANSLATING_CALLS = {"tr", "tr_", "_tr", "_t"}


def _interface_texts() -> set[tuple[str, str]]:
    """(file, text) for every constant string passed to a translating call in annotator/ui."""
    found = set()
    for path in UI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            first = node.args[0]
            if name in TRANSLATING_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add((path.name, first.value))
    return found


def test_every_interface_text_has_a_dutch_translation() -> None:
    texts = _interface_texts()
    assert len(texts) > 100
    missing = sorted((name, text) for name, text in texts if text not in _NL)
    assert missing == []


def test_placeholders_survive_translation() -> None:
    for english, dutch in _NL.items():
        assert sorted(part.split("}")[0] for part in english.split("{")[1:]) == \
            sorted(part.split("}")[0] for part in dutch.split("{")[1:]), english


def test_dutch_and_english() -> None:
    assert Translator("nl")("{n} hits", n=3) == "3 treffers"
    assert Translator("en")("{n} hits", n=3) == "3 hits"
    assert Translator("de").language == "en"
