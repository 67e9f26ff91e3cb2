"""Every interface text has a Dutch translation in the Qt Linguist file, the compiled files are current, and the
Dutch interface uses them, plurals included."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

from annotator.ui.i18n import CONTEXT, Translator, translations_dir

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "annotator" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
# The calls lupdate knows as translating (scripts/update-translations.sh): their first argument is an interface text.
TRANSLATING_CALLS = {"tr", "tr_", "_tr", "_t", "_action", "translatable"}


def _calls() -> list[tuple[str, ast.Call, str]]:
    """(file, call, text) for every constant string passed to a translating call in annotator/ui."""
    found = []
    for path in sorted(UI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            first = node.args[0]
            if name in TRANSLATING_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((path.name, node, first.value))
    return found


def _messages(language: str) -> list[ET.Element]:
    return list(ET.parse(TRANSLATIONS / f"annotator_{language}.ts").getroot().iter("message"))


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{([^{}]*)\}", text))


def test_every_interface_text_has_a_dutch_translation() -> None:
    texts = {(name, text) for name, _call, text in _calls()}
    assert len(texts) > 300
    messages = _messages("nl")
    unfinished = sorted(m.findtext("source") or "" for m in messages
                        if m.find("translation").get("type") == "unfinished" or not all(_forms(m)))  # type: ignore[union-attr]
    assert unfinished == [], "translate these in Qt Linguist (scripts/update-translations.sh)"
    translated = {m.findtext("source") for m in messages}
    missing = sorted((name, text) for name, text in texts if text not in translated)
    assert missing == [], "run bash scripts/update-translations.sh and translate the new texts"


def test_placeholders_and_counts_survive_translation() -> None:
    for language in ("nl", "en"):
        for message in _messages(language):
            source = message.findtext("source") or ""
            for form in _forms(message):
                assert _placeholders(form) == _placeholders(source), (language, source, form)
                assert ("%n" in form) == ("%n" in source), (language, source, form)


def test_texts_that_count_have_a_singular_and_a_plural() -> None:
    for name, call, text in _calls():
        if "%n" in text:
            # The third argument is what makes lupdate see the count: tr_("%n hit(s)", None, n=total).
            assert len(call.args) >= 2 and any(keyword.arg == "n" for keyword in call.keywords), (name, text)
    counting = {m.findtext("source") for m in _messages("nl") if "%n" in (m.findtext("source") or "")}
    assert "%n hit(s)" in counting
    for language in ("nl", "en"):
        plural = {m.findtext("source"): _forms(m) for m in _messages(language) if m.get("numerus") == "yes"}
        assert set(plural) == counting, language
        assert all(len(forms) == 2 for forms in plural.values()), language


def test_the_compiled_translations_are_those_of_the_ts_files() -> None:
    """Each committed .qm says what its .ts says (bash scripts/update-translations.sh --release compiles them)."""
    assert translations_dir().resolve() == TRANSLATIONS.resolve()
    for language in ("nl", "en"):
        compiled = QTranslator()
        assert compiled.load(str(TRANSLATIONS / f"annotator_{language}.qm"))
        for message in _messages(language):
            if message.find("translation").get("type") in ("vanished", "obsolete"):  # type: ignore[union-attr]
                continue
            source, forms = message.findtext("source") or "", _forms(message)
            if message.get("numerus") == "yes":
                assert [compiled.translate(CONTEXT, source, None, n) for n in (1, 2)] == forms, (language, source)
            else:
                assert compiled.translate(CONTEXT, source) == forms[0], (language, source)


def test_dutch_and_english() -> None:
    dutch, english = Translator("nl"), Translator("en")
    assert dutch("Open agreement") == "Akkoord openen"
    assert english("Open agreement") == "Open agreement"
    assert dutch("The file no longer exists: {path}", path="/tmp/x.pdf") == "Het bestand bestaat niet meer: /tmp/x.pdf"
    assert Translator("de").language == "en"
    # Singular and plural as each language has them: Dutch, like English, says 0 treffers.
    assert [dutch("%n hit(s)", None, n=n) for n in (0, 1, 3)] == ["0 treffers", "1 treffer", "3 treffers"]
    assert [english("%n hit(s)", None, n=n) for n in (0, 1, 3)] == ["0 hits", "1 hit", "3 hits"]
    assert dutch("%n hit(s)", n=1) == "1 treffer"  # the count by name alone looks the forms up too
    assert dutch("{i} of %n hit(s)", None, i=2, n=3) == "2 van 3 treffers"
    assert english("Not a text anyone wrote, {name}", name="Anna") == "Not a text anyone wrote, Anna"
