"""``annotator import`` and ``annotator export`` as a reviewer runs them: counts printed, clear errors, data safe."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import corpus_file

REPO = Path(__file__).resolve().parent.parent
ID = "urn:uuid:00000000-0000-4000-8000-0000000000{:02d}"


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=120)


def _annotations(path: Path) -> None:
    items = [
        {"id": ID.format(1), "type": "Annotation", "creator": {"type": "Person", "name": "Sanne"},
         "created": "2024-02-01T10:00:00Z", "modified": "2024-02-01T11:00:00Z",
         "body": [{"type": "TextualBody", "purpose": "assessing", "value": "concern"},
                  {"type": "TextualBody", "purpose": "tagging", "value": "Gezin"},
                  {"type": "TextualBody", "purpose": "classifying", "value": "crc:3"}],
         "target": {"selector": [{"type": "TextQuoteSelector",
                                  "exact": "om ouders een vast aanspreekpunt en gerichtere ondersteuning"}]}},
        {"id": ID.format(2), "type": "Annotation",
         "target": {"selector": [{"type": "TextQuoteSelector", "exact": "We zetten in op"}]}},
        {"id": ID.format(3), "type": "Annotation",
         "target": {"selector": [{"type": "TextQuoteSelector",
                                  "exact": "Een zin die in geen enkel coalitieakkoord voorkomt."}]}},
    ]
    path.write_text(json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                                "items": items}), encoding="utf-8")


@pytest.fixture
def pdf() -> Path:
    return corpus_file("coalitieakkoord-2021-2025.pdf")


def test_import_prints_the_counts_and_export_writes_both_formats(tmp_path: Path, pdf: Path) -> None:
    source, db = tmp_path / "in.jsonld", tmp_path / "review.sqlite"
    _annotations(source)
    result = _run("import", source, "--pdf", pdf, "--db", db)
    assert result.returncode == 0, result.stderr
    assert "anchored 1, ambiguous 1, orphaned 1" in result.stdout
    assert "themes created: 1 (Gezin)" in result.stdout

    again = _run("import", source, "--pdf", pdf, "--db", db)
    assert again.returncode == 0 and "anchored 0, ambiguous 0, orphaned 0" in again.stdout
    assert "skipped (already in the database): 3" in again.stdout

    out = tmp_path / "out.jsonld"
    exported = _run("export", "--pdf", pdf, "--format", "jsonld", "--out", out, "--db", f"sqlite:///{db}")
    assert exported.returncode == 0, exported.stderr
    items = json.loads(out.read_text(encoding="utf-8"))["items"]
    assert sorted(item["id"] for item in items) == [ID.format(n) for n in (1, 2, 3)]
    first = next(item for item in items if item["id"] == ID.format(1))
    assert first["creator"]["name"] == "Sanne" and first["modified"] == "2024-02-01T11:00:00Z"

    table = tmp_path / "out.csv"
    assert _run("export", "--pdf", pdf, "--format", "csv", "--out", table, "--db", db).returncode == 0
    with open(table, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert {row["status"] for row in rows} == {"anchored", "ambiguous", "orphaned"}
    assert next(row for row in rows if row["judgment"] == "concern")["references"] == "crc:3"


def test_the_default_database_lives_in_the_data_folder(tmp_path: Path, pdf: Path) -> None:
    source = tmp_path / "in.jsonld"
    _annotations(source)
    assert _run("import", source, "--pdf", pdf).returncode == 0
    assert (Path(os.environ["ANNOTATOR_DATA_DIR"]) / "annotations.sqlite").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"items": [', "in.jsonld is not valid JSON: Expecting value at line 1, column 12"),
        ('[{"type": "Annotation", "target": {"selector": []}}]', "item 1: the target has no TextQuoteSelector"),
    ],
)
def test_a_bad_annotation_file_is_one_error_line_and_the_database_is_untouched(
    tmp_path: Path, pdf: Path, content: str, message: str
) -> None:
    source, db = tmp_path / "in.jsonld", tmp_path / "review.sqlite"
    _annotations(source)
    assert _run("import", source, "--pdf", pdf, "--db", db).returncode == 0
    before = db.read_bytes()
    source.write_text(content, encoding="utf-8")
    result = _run("import", source, "--pdf", pdf, "--db", db)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert message in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_missing_files_and_a_pdf_that_is_not_a_pdf_are_named(tmp_path: Path, pdf: Path) -> None:
    source, db = tmp_path / "in.jsonld", tmp_path / "review.sqlite"
    _annotations(source)
    missing = _run("import", tmp_path / "nope.jsonld", "--pdf", pdf, "--db", db)
    assert missing.returncode == 1 and "nope.jsonld: no such file" in missing.stderr
    image = corpus_file("notpdf-jpeg-image.pdf")
    not_pdf = _run("import", source, "--pdf", image, "--db", db)
    assert not_pdf.returncode == 1 and not_pdf.stderr.startswith("error: notpdf-jpeg-image.pdf")
    assert not_pdf.stderr.count("\n") == 1
    assert not db.exists()  # nothing was created for an import that could not start
    no_db = _run("export", "--pdf", pdf, "--format", "csv", "--out", tmp_path / "x.csv", "--db", db)
    assert no_db.returncode == 1 and "there is no annotation database here" in no_db.stderr
    assert not (tmp_path / "x.csv").exists() and not db.exists()


def test_usage_errors_exit_with_2(tmp_path: Path, pdf: Path) -> None:
    result = _run("export", "--pdf", pdf, "--format", "xml", "--out", tmp_path / "x.xml")
    assert result.returncode == 2 and "invalid choice: 'xml'" in result.stderr
    assert _run("import", "--pdf", pdf).returncode == 2
