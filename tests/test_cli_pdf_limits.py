"""The commands' PDF work runs in PDF processes with limits: a PDF that makes MuPDF fail, or a page that takes too
long, is one ``error:`` line naming the file, in bounded time, never a traceback; the command's own process never
loads MuPDF, whatever it does with a PDF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import fitz
import pytest

REPO = Path(__file__).resolve().parent.parent
CATALOG = b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
SENTENCES = [
    "Het kabinet verruimt de toegang tot rechtsbijstand voor mensen met een laag inkomen.",
    "Gemeenten krijgen meer ruimte om dakloze jongeren een eigen woning te bieden.",
    "De termijn voor gezinshereniging van nareizigers wordt verlengd tot twee jaar.",
]


def _run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                            cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO), **(env or {})), timeout=180)
    return result, time.monotonic() - started


def _raw_pdf(path: Path, *objects: bytes) -> Path:
    """A PDF of the given objects after the catalog (MuPDF rebuilds the cross-reference table)."""
    path.write_bytes(b"%PDF-1.4\n" + CATALOG + b"".join(objects) + b"trailer << /Root 1 0 R >>\n%%EOF\n")
    return path


def _hostile(folder: Path) -> dict[str, Path]:
    many = b" ".join(b"3 0 R" for _ in range(100_000))
    return {
        "kids-loop": _raw_pdf(folder / "kids-loop.pdf",
                              b"2 0 obj << /Type /Pages /Kids [4 0 R] /Count 1 >> endobj\n",
                              b"4 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >> endobj\n"),
        "one-page-100000-times": _raw_pdf(folder / "one-page-100000-times.pdf",
                                          b"2 0 obj << /Type /Pages /Kids [" + many + b"] /Count 100000 >> endobj\n",
                                          b"3 0 obj " + PAGE + b" endobj\n"),
        "invalid-page-count": _raw_pdf(folder / "invalid-page-count.pdf",
                                       b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count -1 >> endobj\n",
                                       b"3 0 obj " + PAGE + b" endobj\n"),
    }


def _agreement(path: Path) -> Path:
    """A small agreement: a title page and a page with the sentences."""
    doc = fitz.open()
    doc.new_page().insert_text((72, 100), "Regeerakkoord voor de proef", fontsize=20)
    page = doc.new_page()
    for line, sentence in enumerate(SENTENCES):
        page.insert_text((60, 200 + 30 * line), sentence, fontsize=10)
    doc.save(path)
    doc.close()
    return path


def _slow(path: Path, runs: int = 20_000) -> Path:
    """A PDF whose second page sets 220,000 tiny characters: it opens at once, but reading its text with a box per
    character takes seconds (a stand-in for a page MuPDF labours over)."""
    doc = fitz.open()
    doc.new_page().insert_text((72, 100), "Een gewone eerste pagina", fontsize=20)
    page = doc.new_page()
    page.insert_text((72, 72), "x", fontname="helv")
    font = page.get_fonts()[0][4]
    runs_text = "\n".join(f"1 0 0 1 {(i % 100) * 5} {100 + (i // 100) % 600} Tm (abcdefghij) Tj" for i in range(runs))
    doc.update_stream(page.get_contents()[0], f"BT /{font} 2 Tf\n{runs_text}\nET".encode())
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def _w3c(path: Path) -> Path:
    items = [{"id": f"urn:uuid:00000000-0000-4000-8000-0000000000{n:02d}", "type": "Annotation",
              "target": {"selector": [{"type": "TextQuoteSelector", "exact": sentence}]}}
             for n, sentence in enumerate(SENTENCES, start=1)]
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def _one_error_line(result: subprocess.CompletedProcess[str], name: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert name in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.fixture
def review(tmp_path: Path) -> Path:
    """A database that holds a review of the small agreement (export needs one that exists)."""
    db = tmp_path / "review.sqlite"
    result, _ = _run("import", _w3c(tmp_path / "in.jsonld"), "--pdf", _agreement(tmp_path / "agreement.pdf"),
                     "--db", db)
    assert result.returncode == 0, result.stderr
    return db


def test_import_and_export_refuse_a_pdf_that_breaks_mupdf_in_one_line_naming_it(tmp_path: Path,
                                                                                 review: Path) -> None:
    source = _w3c(tmp_path / "in.jsonld")
    before = review.read_bytes()
    for kind, pdf in _hostile(tmp_path).items():
        commands = {
            "import": ("import", source, "--pdf", pdf, "--db", review),
            "export pdf": ("export", "--pdf", pdf, "--format", "pdf", "--out", tmp_path / f"{kind}-out.pdf",
                           "--db", review),
            "export jsonld": ("export", "--pdf", pdf, "--format", "jsonld", "--out", tmp_path / f"{kind}.jsonld",
                              "--db", review),
        }
        for what, command in commands.items():
            result, seconds = _run(*command)
            _one_error_line(result, pdf.name)
            assert seconds < 30, f"{what} {kind}: {seconds:.1f} s"
        assert not list(tmp_path.glob(f"{kind}-out*")) and not (tmp_path / f"{kind}.jsonld").exists()
    assert review.read_bytes() == before


def test_a_page_that_takes_longer_than_its_time_limit_is_given_up_on_by_name(tmp_path: Path, review: Path) -> None:
    slow = _slow(tmp_path / "slow.pdf")
    limit = {"ANNOTATOR_PDF_PAGE_SECONDS": "0.5"}
    before = review.read_bytes()
    result, seconds = _run("import", _w3c(tmp_path / "in.jsonld"), "--pdf", slow, "--db", review, env=limit)
    _one_error_line(result, "slow.pdf")
    assert "page 2" in result.stderr and "no answer within 0.5 seconds" in result.stderr
    assert seconds < 20
    exported, seconds = _run("export", "--pdf", slow, "--format", "jsonld", "--out", tmp_path / "out.jsonld",
                             "--db", review, env=limit)
    _one_error_line(exported, "slow.pdf")
    assert seconds < 20 and not (tmp_path / "out.jsonld").exists()
    assert review.read_bytes() == before


def test_the_command_line_process_never_loads_mupdf(tmp_path: Path) -> None:
    agreement = _agreement(tmp_path / "agreement.pdf")
    newer = _agreement(tmp_path / "agreement-v2.pdf")  # the same text, other bytes: another version
    newer.write_bytes(newer.read_bytes() + b"\n% version 2\n")
    source, db = _w3c(tmp_path / "in.jsonld"), tmp_path / "review.sqlite"
    script = textwrap.dedent(f"""
        import json, sys
        from annotator.cli import main
        runs = [
            ["import", {str(source)!r}, "--pdf", {str(agreement)!r}],
            ["export", "--pdf", {str(agreement)!r}, "--format", "jsonld", "--out", {str(tmp_path / "out.jsonld")!r}],
            ["export", "--pdf", {str(agreement)!r}, "--format", "csv", "--out", {str(tmp_path / "out.csv")!r}],
            ["export", "--pdf", {str(agreement)!r}, "--format", "pdf", "--out", {str(tmp_path / "marked.pdf")!r}],
            ["import", {str(tmp_path / "marked.pdf")!r}],
            ["reanchor", "--from", {str(agreement)!r}, "--to", {str(newer)!r}],
            ["compile", "--pdf", {str(newer)!r}, "--out", {str(tmp_path / "letter.md")!r}],
            ["info", {str(agreement)!r}, "--json"],
        ]
        codes = [main(run + ["--db", {str(db)!r}]) for run in runs]
        loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("fitz", "pymupdf"))
        print(json.dumps({{"codes": codes, "loaded": loaded}}))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                            env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=300)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"codes": [0] * 8, "loaded": []}, result.stdout + result.stderr
    assert "anchored 3, ambiguous 0, orphaned 0" in result.stdout
    assert "highlights imported 3" in result.stdout
    assert fitz.open(tmp_path / "marked.pdf")[1].first_annot is not None
