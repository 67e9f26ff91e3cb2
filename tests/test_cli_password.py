"""The commands open a password-protected agreement with --password: import, export and carry-over."""

from __future__ import annotations

import json
from pathlib import Path

import fitz
import pytest

from annotator.cli import main
from annotator.paths import sample_agreement

PASSWORD = "geheim-2027"


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    doc = fitz.open(sample_agreement())
    path = tmp_path / "beveiligd.pdf"
    doc.save(path, encryption=fitz.PDF_ENCRYPT_AES_256, user_pw=PASSWORD, owner_pw=PASSWORD + "-eigenaar")
    doc.close()
    return path


def test_import_export_and_reanchor_with_a_password(tmp_path: Path, encrypted: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    source, db = tmp_path / "in.jsonld", tmp_path / "review.sqlite"
    source.write_text(json.dumps([{"id": "urn:uuid:00000000-0000-4000-8000-000000000001", "type": "Annotation",
                                   "target": {"selector": [{"type": "TextQuoteSelector",
                                                            "exact": "strenger asielbeleid"}]}}]), encoding="utf-8")
    assert main(["import", str(source), "--pdf", str(encrypted), "--db", str(db)]) == 1
    assert capsys.readouterr().err.startswith("error: beveiligd.pdf")
    assert not db.exists()  # refused before the database was created

    assert main(["import", str(source), "--pdf", str(encrypted), "--password", PASSWORD, "--db", str(db)]) == 0
    assert "anchored 1, ambiguous 0, orphaned 0" in capsys.readouterr().out

    out = tmp_path / "out.jsonld"
    assert main(["export", "--pdf", str(encrypted), "--password", PASSWORD, "--format", "jsonld", "--out", str(out),
                 "--db", str(db)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 1

    newer = tmp_path / "beveiligd-v2.pdf"
    doc = fitz.open(encrypted)
    doc.authenticate(PASSWORD)
    doc.delete_pages(0, 1)
    doc.save(newer, encryption=fitz.PDF_ENCRYPT_AES_256, user_pw=PASSWORD, owner_pw=PASSWORD + "-eigenaar")
    doc.close()
    capsys.readouterr()
    assert main(["reanchor", "--from", str(encrypted), "--to", str(newer), "--password", PASSWORD, "--json",
                 "--db", str(db)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["exact"] == 1 and report["annotations"][0]["new_page"] == 2
