"""Import, export, carry-over and other readers' highlights read the PDF in a PDF process: progress is reported per
page, a cancellation stops between two pages with nothing stored and no process left behind, a page MuPDF gives no
answer for in time is a DamagedPdfError naming the file, and the caller's memory does not hold the page texts."""

from __future__ import annotations

import os
from pathlib import Path

import fitz
import pytest

from annotator.pdf.errors import DamagedPdfError
from annotator.pdf.jobs import PdfJob, Quote, file_fingerprint
from annotator.services.errors import Cancelled
from annotator.services.interchange import export_w3c, import_w3c
from annotator.services.reanchor import reanchor
from annotator.store.database import Database
from annotator.store.repository import Repository

QUOTE = "om ouders een vast aanspreekpunt en gerichtere ondersteuning"


def _children() -> set[int]:
    """The processes this test process started and has not reaped (Linux)."""
    pids: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            pids.update(int(pid) for pid in (task / "children").read_text().split())
        except OSError:
            pass
    return pids


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="counts child processes in /proc")


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.open(str(tmp_path / "review.sqlite"))
    yield database
    database.close()


def _items() -> list[dict[str, object]]:
    return [{"id": "urn:uuid:00000000-0000-4000-8000-000000000001", "type": "Annotation",
             "target": {"selector": [{"type": "TextQuoteSelector", "exact": QUOTE}]}}]


def test_a_job_reads_page_by_page_and_answers_with_small_results(agreement_2021: Path) -> None:
    steps: list[tuple[int, int]] = []
    with PdfJob(agreement_2021) as job:
        assert job.facts.fingerprint == file_fingerprint(agreement_2021) and job.page_count == 50
        assert job.facts.labels[3] == "1"  # printed page 1 is the fourth PDF page
        assert job.read_text(lambda done, total: steps.append((done, total)))
        [(status, anchor)] = job.place([Quote(QUOTE)])
        assert status.value == "anchored" and anchor is not None and anchor.quads
        assert job.document_offsets([(anchor.page, anchor.start or 0)])[0] is not None
    assert steps == [(page, 50) for page in range(1, 51)]


@needs_proc
def test_a_cancelled_import_stops_between_pages_stores_nothing_and_leaves_no_process(
        db: Database, agreement_2021: Path) -> None:
    before = _children()
    steps: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        steps.append((done, total))
        if done == 3:
            raise Cancelled()

    with pytest.raises(Cancelled):
        import_w3c(db, agreement_2021, _items(), author_fallback="x", progress=progress)
    assert steps == [(1, 50), (2, 50), (3, 50)]
    assert Repository(db).documents() == []
    assert _children() <= before
    report = import_w3c(db, agreement_2021, _items(), author_fallback="x", cancelled=lambda: len(steps) > 4,
                        progress=lambda done, total: steps.append((done, total)))
    assert report.cancelled and Repository(db).documents() == [] and _children() <= before


def _slow(path: Path) -> Path:
    """A first page that opens at once and a second whose 220,000 tiny characters take seconds to read."""
    doc = fitz.open()
    doc.new_page().insert_text((72, 100), "Een gewone eerste pagina", fontsize=20)
    page = doc.new_page()
    page.insert_text((72, 72), "x", fontname="helv")
    font = page.get_fonts()[0][4]
    runs = "\n".join(f"1 0 0 1 {(i % 100) * 5} {100 + (i // 100) % 600} Tm (abcdefghij) Tj" for i in range(20_000))
    doc.update_stream(page.get_contents()[0], f"BT /{font} 2 Tf\n{runs}\nET".encode())
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


@needs_proc
def test_a_page_without_an_answer_in_time_is_a_damaged_pdf_by_name_for_each_use_case(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow = _slow(tmp_path / "slow.pdf")
    monkeypatch.setenv("ANNOTATOR_PDF_PAGE_SECONDS", "0.5")
    before = _children()
    for use in (lambda: import_w3c(db, slow, _items(), author_fallback="x"),
                lambda: export_w3c(db, slow),
                lambda: reanchor(db, "0" * 64, slow)):
        with pytest.raises(DamagedPdfError, match=r"slow\.pdf: gave up reading the text of page 2 \(no answer "
                                                  r"within 0\.5 seconds\)") as caught:
            use()
        assert caught.value.path == slow
    assert Repository(db).documents() == [] and _children() <= before
