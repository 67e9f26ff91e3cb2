"""Letter profiles: ``annotator compile --settings FILE.json`` writes the letter with the profile's organisation,
signatory, wording, language, citation style and section introductions (read back from Word), for that compile only;
a profile that cannot be used is refused in one line with exit code 2, before anything is read or written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from letter_sample import ASYLUM, EQUALITY, Review

from annotator.cli import main
from annotator.letter.settings import (
    MAX_PROFILE_BYTES,
    ProfileError,
    apply_profile,
    default_settings,
    profile_values,
    read_profile,
    write_profile,
)
from annotator.store.database import Database
from annotator.store.repository import Repository

REPO = Path(__file__).resolve().parents[2]

PROFILE = {
    "organisation": "Stichting Rechtenwacht",
    "signatory": "Mr. A. de Vries",
    "signatory_function": "Directeur Stichting Rechtenwacht",
    "introduction": "Stichting Rechtenwacht heeft {agreement} gelezen.\n\nZij deelt haar bevindingen met u.",
    "closing": "Hoogachtend,",
    "language": "nl",
    "citation_style": "short",
    "sections": {
        ASYLUM: {"introduction": "Het recht op asiel staat onder druk.\n\nDe coalitie kiest voor afschrikking."},
        "Een thema dat er niet is": {"introduction": "Niemand leest dit."},
    },
}


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=120)


def _stored(review: Review) -> dict[str, str]:
    db = Database.open(str(review.db_path))
    try:
        return Repository(db).letter_settings()
    finally:
        db.close()


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _footnotes(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("word/footnotes.xml").decode("utf-8")


def test_compile_with_a_profile_writes_its_letter_and_leaves_the_database_as_it_was(review: Review,
                                                                                     tmp_path: Path) -> None:
    profile = tmp_path / "rechtenwacht.json"
    profile.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    before = _stored(review)
    out = tmp_path / "brief.docx"
    result = _run("compile", "--out", out, "--pdf", review.pdf, "--db", review.db_path, "--settings", profile)
    assert result.returncode == 0, result.stderr
    assert _stored(review) == before  # for this compile only: nothing written

    paragraphs = _paragraphs(out)
    texts = [text for _style, text in paragraphs]
    assert texts[0] == "Stichting Rechtenwacht"  # the sender block falls back on the organisation
    assert "Stichting Rechtenwacht heeft het coalitieakkoord ‘Omzien naar elkaar, vooruitkijken naar de " \
           "toekomst’ gelezen." in texts
    assert texts[texts.index("Hoogachtend,") + 1:texts.index("Hoogachtend,") + 3] == [
        "Mr. A. de Vries", "Directeur Stichting Rechtenwacht"]
    # The closing and the signature block are kept together on one page.
    everything = docx.Document(str(out)).paragraphs
    closing = next(i for i, p in enumerate(everything) if p.text == "Hoogachtend,")
    assert [p.paragraph_format.keep_with_next for p in everything[closing:closing + 4]] == [True, True, True, None]
    assert everything[closing + 3].text == "Directeur Stichting Rechtenwacht"
    # The section introduction opens its section, before the passages, one paragraph per blank-line block.
    heading = paragraphs.index(("Heading 1", ASYLUM))
    assert texts[heading + 1:heading + 3] == ["Het recht op asiel staat onder druk.",
                                              "De coalitie kiest voor afschrikking."]
    assert "\u201c" in texts[heading + 3]  # then the first passage
    equality = paragraphs.index(("Heading 1", EQUALITY))
    assert "\u201c" in texts[equality + 1]  # a section the profile does not introduce starts with its passages
    assert "Niemand leest dit." not in texts
    # Short citations, as the profile asks; the database's organisation is not in the letter.
    assert "art. 5 EVRM en art. 9 IVBPR" in _footnotes(out) and "artikel 5 EVRM" not in _footnotes(out)
    assert not any("Amnesty International" in text for text in texts)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert any("Een thema dat er niet is" in line and "no theme has that title" in line for line in warnings)


def test_a_profile_in_english_takes_the_english_wording_and_lang_says_more(review: Review, tmp_path: Path) -> None:
    profile = tmp_path / "english.json"
    profile.write_text(json.dumps({"language": "en", "organisation": "Rights Watch NL",
                                   "sections": {"Het recht op asiel": {"introduction": "Asylum first."}}}),
                       encoding="utf-8")
    out = tmp_path / "letter.docx"
    result = _run("compile", "--out", out, "--pdf", review.pdf, "--db", review.db_path, "--settings", profile)
    assert result.returncode == 0, result.stderr
    texts = [text for _style, text in _paragraphs(out)]
    assert "Dear Members of Parliament," in texts and "Yours sincerely," in texts
    assert "Asylum first." in texts
    assert "See Article 5 ECHR and Article 9 ICCPR." in _footnotes(out)
    # --lang on the command line says more than the profile's language.
    dutch = tmp_path / "brief.docx"
    result = _run("compile", "--out", dutch, "--pdf", review.pdf, "--db", review.db_path, "--settings", profile,
                  "--lang", "nl")
    assert result.returncode == 0, result.stderr
    assert "Geachte Kamerleden," in [text for _style, text in _paragraphs(dutch)]


HOSTILE: dict[str, tuple[bytes, str]] = {
    "unknown key": (b'{"organisation": "X", "signature": "Y"}', '"signature" is not a key of a letter profile'),
    "bad citation style": (b'{"citation_style": "long"}', 'citation_style must be "full" or "short", not "long"'),
    "bad language": (b'{"language": "de"}', 'language must be "nl" or "en", not "de"'),
    "number": (b'{"organisation": 12}', "organisation must be text (a JSON string), not a number"),
    "object as value": (b'{"closing": {"a": 1}}', "closing must be text (a JSON string), not an object"),
    "a list": (b'["organisation"]', "a letter profile is a JSON object of settings"),
    "a string": (b'"organisation"', "not text"),
    "null": (b"null", "not null"),
    "empty": (b"   \n", "the file is empty"),
    "not json": (b"{organisation: X}", "not valid JSON"),
    "raw control character": (b'{"organisation": "A\x01B"}', "not valid JSON (Invalid control character"),
    "escaped control character": (b'{"signatory": "A\\u0000B"}', "signatory cannot be used: character 2 is "
                                                                  "U+0000 (a control character)"),
    "lone surrogate": (b'{"signatory": "\\ud800"}', "signatory cannot be used: character 1 is U+D800"),
    "line break in one-line key": (b'{"organisation": "A\\nB"}', "organisation must be one line"),
    "not utf-8": (b'{"organisation": "\xff\xfe"}', "not UTF-8 text"),
    "duplicate key": (b'{"closing": "a", "closing": "b"}', 'the key "closing" is given twice'),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "nested in sections": (b'{"sections": {"Asiel": {"introduction": ["a"]}}}',
                           'sections › "Asiel" › introduction must be text'),
    "unknown section key": (b'{"sections": {"Asiel": {"intro": "a"}}}', '"intro" in sections › "Asiel" is not a key'),
    "sections not an object": (b'{"sections": ["Asiel"]}', "sections must be an object from theme title"),
    "too many sections": (json.dumps({"sections": {f"T{i}": {} for i in range(201)}}).encode(),
                          "sections has 201 sections; a letter has at most 200"),
    "too long": (json.dumps({"introduction": "x" * 20_001}).encode(), "introduction cannot be used: it is 20,001"),
    "huge": (b'{"introduction": "' + b"x" * MAX_PROFILE_BYTES + b'"}', "a profile has at most 1,048,576"),
    "key with control characters": (b'{"a\\u001b[31mb": 1}', '"a\\u001b[31mb" is not a key of a letter profile'),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_profile_that_cannot_be_used_is_one_line_naming_it_with_exit_code_2(
        case: str, review: Review, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, expected = HOSTILE[case]
    profile = tmp_path / "profile.json"
    profile.write_bytes(data)
    before = _stored(review)
    out = tmp_path / "brief.docx"
    code = main(["compile", "--out", str(out), "--db", str(review.db_path), "--settings", str(profile)])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {profile}: "), captured.err
    assert expected in lines[0]
    assert len(lines[0]) < 400 and lines[0].isprintable()
    assert not out.exists() and _stored(review) == before


def test_a_profile_that_is_no_file_is_refused(review: Review, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path, expected in ((tmp_path / "missing.json", "cannot be read (No such file or directory)"),
                           (tmp_path, "is not a file"), (fifo, "is not a file"),
                           (Path("/dev/zero"), "is not a file")):
        code = main(["compile", "--out", str(tmp_path / "brief.docx"), "--db", str(review.db_path),
                     "--settings", str(path)])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and expected in err, err


def test_hostile_profile_through_the_real_command_has_no_traceback(review: Review, tmp_path: Path) -> None:
    profile = tmp_path / "profile.json"
    profile.write_bytes(b"[" * 200_000)
    result = _run("compile", "--out", tmp_path / "brief.docx", "--db", review.db_path, "--settings", profile)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {profile}: nested too deeply to be a letter profile"]


def test_profile_round_trip_and_apply(tmp_path: Path) -> None:
    settings = apply_profile(default_settings("nl"), read_profile(_written(tmp_path / "p.json", PROFILE)))
    assert settings.signatory_name == "Mr. A. de Vries" and settings.citation_style == "short"
    assert settings.section_introduction(" het  recht op ASIEL ").startswith("Het recht op asiel staat")
    write_profile(settings, tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text(encoding="utf-8")) == PROFILE
    assert profile_values(settings) == PROFILE
    # A profile in the other language brings that language's wording for what it does not give.
    english = apply_profile(settings, {"language": "en"})
    assert english.salutation == "Dear Members of Parliament," and english.signatory_name == "Mr. A. de Vries"
    with pytest.raises(ProfileError):
        read_profile(_written(tmp_path / "bad.json", {"sections": {"": {"introduction": "x"}}}))


def _written(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path
