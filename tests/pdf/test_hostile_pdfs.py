"""PDFs that lie or are broken in ways MuPDF reports with its own exceptions: each is refused at once, by name,
in this process and in a PDF process, and a seeded fuzz of byte mutations never gets anything but a PdfOpenError."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import fitz
import pytest

from annotator.pdf.document import open_pdf, read_info
from annotator.pdf.errors import DamagedPdfError, PdfOpenError
from annotator.pdf.service import PdfProcess, PdfServiceError

CATALOG = b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def _pdf(path: Path, *objects: bytes) -> Path:
    """A PDF of the given objects after the catalog (MuPDF rebuilds the cross-reference table)."""
    body = b"%PDF-1.4\n" + CATALOG + b"".join(objects) + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    path.write_bytes(body)
    return path


def _hostile(tmp_path: Path) -> dict[str, Path]:
    many = b" ".join(b"3 0 R" for _ in range(100_000))
    deep = b"[" * 100_000 + b"]" * 100_000
    return {
        "a loop in the page tree": _pdf(tmp_path / "loop.pdf",
                                        b"2 0 obj << /Type /Pages /Kids [4 0 R] /Count 1 >> endobj\n",
                                        b"4 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >> endobj\n"),
        "a negative page count": _pdf(tmp_path / "negative.pdf",
                                      b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count -1 >> endobj\n",
                                      b"3 0 obj " + PAGE + b" endobj\n"),
        "two billion pages claimed": _pdf(tmp_path / "huge.pdf",
                                          b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 2147483647 >> endobj\n",
                                          b"3 0 obj " + PAGE + b" endobj\n"),
        "one page listed 100,000 times": _pdf(tmp_path / "many.pdf",
                                              b"2 0 obj << /Type /Pages /Kids [" + many + b"] /Count 100000 >> endobj\n",
                                              b"3 0 obj " + PAGE + b" endobj\n"),
        "annotations nested 100,000 deep": _pdf(
            tmp_path / "deep.pdf", b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots " + deep + b" >> endobj\n"),
    }


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Path]:
    return _hostile(tmp_path)


def test_each_lying_or_looping_file_is_refused_at_once_by_name(hostile: dict[str, Path]) -> None:
    for what, path in hostile.items():
        started = time.monotonic()
        try:
            doc = open_pdf(path)
        except DamagedPdfError as error:
            assert path.name in str(error), what
        else:  # opened: then every page must be usable, and described without a traceback
            try:
                for page in doc:
                    page.get_text("text")
            except Exception as error:  # noqa: BLE001
                pytest.fail(f"{what}: opened, then {type(error).__name__}: {error}")
            finally:
                doc.close()
            read_info(path)
        assert time.monotonic() - started < 10, what


def test_a_pdf_process_answers_each_with_a_typed_error(hostile: dict[str, Path]) -> None:
    process = PdfProcess()
    try:
        for what, path in hostile.items():
            try:
                opened = process.call("open", path, None, timeout=30)
            except PdfOpenError as error:
                assert path.name in str(error), what
                continue
            for page in range(opened.page_count):
                try:
                    process.call("render", page, 1.0, timeout=30)
                    process.call("page_text", page, timeout=30)
                except PdfServiceError:
                    pass  # said, not a crash: the process still answers
            assert process.alive, what
    finally:
        process.close()


def test_a_page_of_absurd_shape_renders_within_bounds(tmp_path: Path) -> None:
    path = tmp_path / "tall.pdf"
    doc = fitz.open()
    doc.new_page(width=3, height=14_000)  # (PDF's own limit is 14,400 pt a side; MuPDF takes more from a file)
    doc.save(path)
    doc.close()
    raw = path.read_bytes().replace(b"14000", b"100000")
    path.write_bytes(raw)
    process = PdfProcess()
    try:
        process.call("open", path, None, timeout=30)
        raster = process.call("render", 0, 8.0, timeout=60)  # 24 x 800,000 pixels were asked for
        assert raster.width * raster.height <= 48_000_000 and raster.height <= 16_384
    finally:
        process.close()


FUZZ = textwrap.dedent("""
    import random, sys
    from pathlib import Path
    import fitz
    from annotator.pdf.document import open_pdf
    from annotator.pdf.errors import PdfOpenError
    from annotator.pdf._child import limit_memory
    limit_memory()
    folder = Path(sys.argv[1])
    seed_doc = fitz.open()
    for n in range(3):
        page = seed_doc.new_page()
        page.insert_text((72, 72 + 20 * n), f"Artikel {n}: vreemdelingendetentie en het recht op gezinsleven")
        page.add_highlight_annot(fitz.Rect(70, 60, 300, 80))
    seed_doc.set_toc([[1, "Inleiding", 1], [1, "Asiel", 2]])
    seed = seed_doc.tobytes(garbage=0, deflate=False)
    rng = random.Random(20261201)
    bad = []
    for case in range(int(sys.argv[2])):
        data = bytearray(seed)
        for _ in range(rng.randint(1, 12)):
            position = rng.randrange(len(data))
            choice = rng.random()
            if choice < 0.5:
                data[position] = rng.randrange(256)
            elif choice < 0.75:
                del data[position:position + rng.randint(1, 64)]
            else:
                data[position:position] = rng.choice([b"0", b"9999999999", b"-1", b" 0 R", b"[", b"<<", b"/Kids"])
        path = folder / f"case{case}.pdf"
        path.write_bytes(bytes(data))
        try:
            doc = open_pdf(path)
        except PdfOpenError:
            continue
        except BaseException as error:
            bad.append(f"case {case}: open: {type(error).__name__}: {error}")
            continue
        try:
            for page in doc:
                page.get_text("dict")
        except Exception:
            pass  # a page MuPDF cannot read: the window shows it blank, the PDF process says so
        doc.close()
    print("\\n".join(bad) if bad else "ok")
""")


def test_seeded_byte_mutations_give_a_pdf_open_error_or_a_usable_document(tmp_path: Path) -> None:
    """Three hundred mutations of a PDF built here, in a child with the PDF processes' memory ceiling."""
    result = subprocess.run([sys.executable, "-c", FUZZ, str(tmp_path), "300"], capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok", result.stdout[-3000:]


def test_another_readers_note_with_control_characters_comes_in_cleaned(tmp_path: Path) -> None:
    from annotator.pdf.annotations import read_pdf_highlights

    path = tmp_path / "annotated.pdf"
    doc = fitz.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Vreemdelingendetentie van kinderen")
    annot = page.add_highlight_annot(fitz.Rect(70, 88, 260, 104))
    annot.set_info(content="Zorg\x07elijk\x08, zie art. 37\x1b IVRK", title="Bert\x0b Visser")
    annot.update()
    doc.save(path)
    doc.close()
    (found,) = read_pdf_highlights(path)
    assert found.comment == "Zorgelijk, zie art. 37 IVRK" and found.author == "Bert Visser"


def test_a_protected_pdf_that_lost_its_trailer_is_refused_not_shown_blank(tmp_path: Path) -> None:
    path = tmp_path / "beveiligd.pdf"
    doc = fitz.open()
    doc.new_page().insert_text((72, 72), "Vertrouwelijk: vreemdelingendetentie")
    doc.save(path, encryption=fitz.PDF_ENCRYPT_AES_256, user_pw="geheim", owner_pw="eigenaar")
    doc.close()
    data = path.read_bytes()
    path.write_bytes(data[:data.rfind(b"trailer")])  # the encryption dictionary went with the trailer
    with pytest.raises(DamagedPdfError, match="beveiligd.pdf is damaged: the text of its pages cannot be read"):
        open_pdf(path)
