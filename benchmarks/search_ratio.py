"""Time a one-word search over 500 pages: a bare PyMuPDF loop against search_document, cold and warm.

Run: .venv/bin/python benchmarks/search_ratio.py [WORD]

search_document runs in one process and reads in full the pages with hits (their boxes); the window's search
counts most hits without their boxes and splits the pages over two processes: benchmarks/find_latency.py measures it.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import fitz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.pdf.search import search_document  # noqa: E402
from annotator.pdf.textmodel import PageText, extract_page_text  # noqa: E402

AGREEMENT = Path(__file__).resolve().parent.parent / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"
COPIES = 10
REPEATS = 5


def build_document(folder: Path) -> Path:
    """A 500-page PDF: the 2021 agreement ten times over."""
    target = fitz.open()
    with fitz.open(AGREEMENT) as source:
        for _ in range(COPIES):
            target.insert_pdf(source)
    path = folder / "agreement-x10.pdf"
    target.save(path)
    return path


def bare_loop(path: Path, word: str) -> tuple[float, int]:
    """Baseline: MuPDF's own search on every page of a freshly opened document."""
    with fitz.open(path) as doc:
        started = time.perf_counter()
        count = sum(len(page.search_for(word)) for page in doc)
        return time.perf_counter() - started, count


def ours(path: Path, word: str, texts: dict[int, PageText] | None) -> tuple[float, int]:
    """search_document on a fresh document; ``texts`` is the page cache (empty for a cold search)."""
    with fitz.open(path) as doc:
        started = time.perf_counter()
        count = sum(1 for _hit in search_document(doc, word, texts=texts))
        return time.perf_counter() - started, count


def main() -> None:
    """Build the document, run the three searches interleaved, print the medians and ratios."""
    word = sys.argv[1] if len(sys.argv) > 1 else "mensenrechten"
    fitz.TOOLS.mupdf_display_errors(False)
    with tempfile.TemporaryDirectory() as folder:
        path = build_document(Path(folder))
        with fitz.open(path) as doc:
            pages = doc.page_count
            started = time.perf_counter()
            warm_cache = {page.number: extract_page_text(page) for page in doc}
            extract_all = time.perf_counter() - started
        bare_times, cold_times, warm_times = [], [], []
        counts = set()
        for _ in range(REPEATS):
            elapsed, bare_count = bare_loop(path, word)
            bare_times.append(elapsed)
            elapsed, cold_count = ours(path, word, {})
            cold_times.append(elapsed)
            elapsed, warm_count = ours(path, word, warm_cache)
            warm_times.append(elapsed)
            counts.add((bare_count, cold_count, warm_count))
    bare, cold, warm = (statistics.median(times) for times in (bare_times, cold_times, warm_times))
    print(f"word {word!r} on {pages} pages; hits (PyMuPDF, cold, warm): {sorted(counts)}")
    print(f"(a) PyMuPDF page.search_for loop : {bare * 1000:8.1f} ms")
    print(f"(b) search_document, cold        : {cold * 1000:8.1f} ms   ratio b/a = {cold / bare:.2f} (target <= 1.0)")
    print(f"(c) search_document, warm        : {warm * 1000:8.1f} ms   ratio c/a = {warm / bare:.2f}")
    print(f"full extraction of every page once (fills the warm cache): {extract_all * 1000:.0f} ms")


if __name__ == "__main__":
    main()
