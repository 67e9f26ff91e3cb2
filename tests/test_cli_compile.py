"""``annotator compile`` as a reviewer runs it: a letter written, warnings on stderr, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from corpus import corpus_file

REPO = Path(__file__).resolve().parent.parent
ID = "urn:uuid:00000000-0000-4000-8000-0000000001{:02d}"


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=120)


def _item(number: int, quote: str, judgment: str, theme: str, *refs: str) -> dict[str, object]:
    body = [{"type": "TextualBody", "purpose": "assessing", "value": judgment},
            {"type": "TextualBody", "purpose": "tagging", "value": theme}]
    body += [{"type": "TextualBody", "purpose": "classifying", "value": ref} for ref in refs]
    return {"id": ID.format(number), "type": "Annotation", "creator": {"type": "Person", "name": "Sanne"},
            "body": body, "target": {"selector": [{"type": "TextQuoteSelector", "exact": quote}]}}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A database filled by ``annotator import`` from a small W3C file on the 2021 agreement."""
    pdf = corpus_file("coalitieakkoord-2021-2025.pdf")
    folder = tmp_path_factory.mktemp("compile")
    items = [
        _item(1, "de meldplicht aan te scherpen", "serious-concern", "Asiel en migratie", "echr:5"),
        _item(2, "We zetten ons in tegen etnisch profileren", "welcome", "Gelijke behandeling", "grondwet:1"),
        _item(3, "migratiepartnerschappen met derde landen", "violation", "Asiel en migratie"),
    ]
    source = folder / "review.jsonld"
    source.write_text(json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                                  "items": items}), encoding="utf-8")
    db = folder / "review.sqlite"
    imported = _run("import", source, "--pdf", pdf, "--db", db)
    assert imported.returncode == 0, imported.stderr
    return db, pdf


def test_compile_writes_word_with_footnotes_and_warns(database: tuple[Path, Path], tmp_path: Path) -> None:
    db, pdf = database
    out = tmp_path / "brief.docx"
    result = _run("compile", "--out", out, "--pdf", pdf, "--db", db)
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout and out.exists()
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 2 and "organisation's name is not set" in warnings[0]
    assert "migratiepartnerschappen met derde landen" in warnings[1] and "(p. 41)" in warnings[1]
    with zipfile.ZipFile(out) as archive:
        assert "artikel 5 EVRM" in archive.read("word/footnotes.xml").decode("utf-8")
    assert not list(tmp_path.glob("*.part"))


def test_compile_without_pdf_takes_the_latest_document_and_says_so(database: tuple[Path, Path],
                                                                    tmp_path: Path) -> None:
    db, _ = database
    out = tmp_path / "letter.md"
    result = _run("compile", "--out", out, "--lang", "en", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "the document added last" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Dear Members of Parliament," in text and "[^1]: See Article 5 ECHR." in text


def test_compile_errors(database: tuple[Path, Path], two_column_paper: Path, tmp_path: Path) -> None:
    db, pdf = database
    unknown = _run("compile", "--out", tmp_path / "brief.pdf", "--db", db)
    assert unknown.returncode == 2 and ".docx, .md or .html" in unknown.stderr
    missing = _run("compile", "--out", tmp_path / "brief.docx", "--db", tmp_path / "nergens.sqlite")
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: ") and "Traceback" not in missing.stderr
    other = _run("compile", "--out", tmp_path / "brief.docx", "--db", db,
                 "--pdf", two_column_paper)
    assert other.returncode == 1 and other.stderr.startswith("error: ") and "not in" in other.stderr
    assert not (tmp_path / "brief.docx").exists()
