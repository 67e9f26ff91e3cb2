"""The PDF processes start and talk the same way on every system: a fresh interpreter (or the frozen app itself)
with framed pickles over its standard input and output; a child that hangs is killed by the timeout, and on
Linux the memory ceiling and the lower priority still apply."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from annotator.paths import sample_agreement
from annotator.pdf import service
from annotator.pdf.service import PdfProcess, PdfServiceError, child_command

REPO = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture
def process() -> PdfProcess:
    started = PdfProcess()
    yield started
    started.close()


def test_a_pdf_process_is_the_package_started_with_the_hidden_argument() -> None:
    assert child_command() == [sys.executable, "-m", "annotator", "--pdf-child"]


def test_it_answers_render_text_and_info_over_its_pipes(process: PdfProcess) -> None:
    sample = sample_agreement()
    opened = process.call("open", sample, None, timeout=30)
    assert opened.page_count >= 13
    raster = process.call("render", 0, 1.0, timeout=30)
    assert len(raster.samples) == raster.stride * raster.height and raster.height > 800
    assert "Asiel en migratie" in "".join(process.call("page_text", page, timeout=30).text for page in range(3))
    info = process.call("info", sample, None, timeout=30)
    assert info.page_count == opened.page_count and len(info.fingerprint) == 64
    process.close()
    assert not process.alive
    with pytest.raises(PdfServiceError):
        process.call("facts")


@linux_only
def test_the_child_reads_nothing_else_from_standard_input_and_keeps_no_other_descriptors(
        process: PdfProcess) -> None:
    process.call("text_cache", timeout=30)
    pid = process._process.pid
    assert Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[-3:-1] == [b"annotator", b"--pdf-child"]
    assert os.readlink(f"/proc/{pid}/fd/0") == os.devnull
    assert os.readlink(f"/proc/{pid}/fd/1") == os.readlink(f"/proc/{pid}/fd/2")  # stray prints: standard error
    pipes = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd") if int(fd) > 2]
    assert len([target for target in pipes if target.startswith("pipe:")]) == 2


def test_what_a_library_prints_in_the_child_does_not_garble_a_reply(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import os, sys
        from annotator.pdf._child import _take_pipes
        requests, replies = _take_pipes()
        print("MuPDF says something", flush=True)
        os.write(replies, os.read(requests, 5))
    """)
    done = subprocess.run([sys.executable, "-c", script], input=b"reply", capture_output=True, cwd=REPO,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=60, check=True)
    assert done.stdout == b"reply" and b"MuPDF says something" in done.stderr


def test_a_child_that_hangs_is_killed_by_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    # A child that reads the request and never answers, the way MuPDF stuck in a pathological file behaves.
    hangs = "import sys, time; sys.stdin.buffer.read(1); time.sleep(600)"
    monkeypatch.setattr(service, "child_command", lambda: [sys.executable, "-c", hangs])
    stuck = PdfProcess()
    started = time.monotonic()
    with pytest.raises(PdfServiceError, match="no answer within 0.5 seconds"):
        stuck.call("info", sample_agreement(), None, timeout=0.5)
    assert time.monotonic() - started < 5
    stuck._process.wait(timeout=5)
    assert not stuck.alive
    with pytest.raises(PdfServiceError):
        stuck.call("facts", timeout=1)
    stuck.close()


def test_a_child_that_dies_fails_the_waiting_call() -> None:
    process = PdfProcess()
    process.call("text_cache", timeout=30)
    process.kill()
    with pytest.raises(PdfServiceError, match="ended unexpectedly"):
        process.call("text_cache", timeout=30)
    process.close()


def test_the_frozen_app_starts_its_pdf_processes_through_itself(tmp_path: Path) -> None:
    # A stand-in for the frozen app: an executable that runs annotator's entry script as PyInstaller's bootloader
    # does, and notes how it was started.
    if sys.platform == "win32":
        pytest.skip("the stand-in is a shell script")
    log = tmp_path / "started.txt"
    app = tmp_path / "annotator"
    app.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{sys.executable}" "{REPO / "annotator" / "__main__.py"}" "$@"\n')
    app.chmod(0o755)
    script = textwrap.dedent(f"""
        import sys
        sys.frozen = True
        sys.executable = {str(app)!r}
        from annotator.pdf.service import PdfProcess, child_command
        assert child_command() == [{str(app)!r}, "--pdf-child"], child_command()
        process = PdfProcess()
        info = process.call("info", {str(sample_agreement())!r}, None, timeout=60)
        process.close()
        print(info.page_count)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 13
    assert log.read_text().split() == ["--pdf-child"]


@linux_only
def test_the_memory_ceiling_still_applies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_PDF_MEMORY_MB", "300")
    process = PdfProcess()
    try:
        process.call("text_cache", timeout=30)
        limits = Path(f"/proc/{process._process.pid}/limits").read_text().splitlines()
        address_space = next(line for line in limits if line.startswith("Max address space"))
        assert address_space.split()[3] == str(300 * 1024 * 1024)
    finally:
        process.close()


@linux_only
def test_lower_priority_makes_the_child_nicer(process: PdfProcess) -> None:
    process.call("text_cache", timeout=30)
    process.lower_priority()
    fields = Path(f"/proc/{process._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    assert int(fields[16]) >= 10  # the nice value (field 19 of stat)
