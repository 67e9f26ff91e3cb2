"""The PDF process: answers like the library would, passes errors through, and can be stopped at any moment."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from corpus import corpus_file

from annotator.pdf.errors import NotAPdfError, PasswordRequiredError
from annotator.pdf.service import PdfProcess, PdfServiceError, ProcessPool


@pytest.fixture
def process() -> PdfProcess:
    started = PdfProcess()
    yield started
    started.close()


def test_open_render_text_and_search(process: PdfProcess, agreement_2021: Path) -> None:
    opened = process.call("open", agreement_2021, None, timeout=30)
    assert opened.page_count == 50 and opened.title.startswith("Omzien naar elkaar")
    raster = process.call("render", 0, 1.0)
    assert abs(raster.width - opened.sizes[0][0]) <= 1 and abs(raster.height - opened.sizes[0][1]) <= 1
    assert len(raster.samples) == raster.stride * raster.height
    page_text = process.call("page_text", 5)
    assert "emotioneel" in page_text.text
    hits = process.call("find", 5, "aandacht voor emotioneel herstel")
    assert len(hits) == 1 and hits[0].page == 5
    fingerprint, labels = process.call("facts")
    assert len(fingerprint) == 64 and labels[3] == "1"


def test_errors_come_back_as_the_same_errors(process: PdfProcess) -> None:
    with pytest.raises(NotAPdfError):
        process.call("open", corpus_file("notpdf-jpeg-image.pdf"), None)
    encrypted = corpus_file("pypdf-libreoffice-writer-password.pdf")
    with pytest.raises(PasswordRequiredError) as wrong:
        process.call("open", encrypted, "geheim")
    assert wrong.value.wrong_password and wrong.value.path == encrypted
    assert process.call("open", encrypted, "openpassword").encrypted
    with pytest.raises(PdfServiceError):
        process.call("render", 999, 1.0)  # no such page: MuPDF's error, the process lives on
    assert process.alive


def test_a_slow_answer_is_given_up_on_and_the_process_ended(process: PdfProcess, agreement_2021: Path) -> None:
    process.call("open", agreement_2021, None)
    with pytest.raises(PdfServiceError, match="no answer"):
        process.call("render", 0, 12.0, timeout=0.001)
    process._process.wait(timeout=5)
    assert not process.alive


def test_killing_from_another_thread_ends_a_waiting_call(process: PdfProcess, agreement_2021: Path) -> None:
    process.call("open", agreement_2021, None)
    timer = threading.Timer(0.05, process.kill)
    timer.start()
    with pytest.raises(PdfServiceError):
        for page in range(50):
            process.call("render", page, 6.0)
    timer.join()


def test_a_prefetched_open_is_answered_once(agreement_2021: Path) -> None:
    pool = ProcessPool(spares=1)
    process = pool.take()
    process.prefetch("open", agreement_2021, None)
    assert process.call("open", agreement_2021, None).page_count == 50
    assert process.call("page_text", 0).index == 0
    process.close()
    pool.close()
