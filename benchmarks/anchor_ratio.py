"""Anchoring 1,000 quotes in the 2021 agreement against a bare str.find loop over PyMuPDF's page texts.

The quotes are sentences and phrases sampled from the agreement, a third of them with their whitespace changed
(line breaks, doubled spaces). Anchoring counts building the Anchorer's index and placing every quote (quads,
offsets and context included); the baseline is a loop of ``str.find`` of each quote over ``page.get_text()`` of
every page. Page text extraction is done before either clock starts. Target: ratio at most 3.

    python benchmarks/anchor_ratio.py [PDF] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import fitz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.domain.model import AnchorStatus  # noqa: E402
from annotator.pdf.anchoring import Anchorer  # noqa: E402
from annotator.pdf.textmodel import extract_page_text  # noqa: E402

DEFAULT_PDF = Path(__file__).resolve().parent.parent / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"
QUOTES = 1000
_SENTENCE = re.compile(r"[^.!?•\uf0b7]{25,300}[.!?]")


def sample_quotes(page_texts: list[str], count: int, seed: int = 2021) -> list[str]:
    """Sentences and shorter phrases from the pages; every third one with other whitespace."""
    rng = random.Random(seed)
    sentences = [" ".join(match.group().split()) for text in page_texts for match in _SENTENCE.finditer(text)]
    quotes: list[str] = []
    while len(quotes) < count:
        sentence = rng.choice(sentences)
        words = sentence.split()
        if rng.random() < 0.5 and len(words) > 6:
            start = rng.randrange(len(words) - 4)
            words = words[start : start + rng.randint(4, 10)]
        if len(quotes) % 3 == 0:
            quote = "".join(word + rng.choice([" ", "  ", "\n", " \n "]) for word in words).strip()
        else:
            quote = " ".join(words)
        quotes.append(quote)
    return quotes


def main() -> int:
    """Print both times and the ratio; exit 1 when the ratio is above 3."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; the best is reported")
    args = parser.parse_args()
    with fitz.open(args.pdf) as doc:
        raw_texts = [page.get_text() for page in doc]
        page_texts = [extract_page_text(page) for page in doc]
    quotes = sample_quotes(raw_texts, QUOTES)

    def baseline() -> int:
        found = 0
        for quote in quotes:
            for text in raw_texts:
                if text.find(quote) >= 0:
                    found += 1
        return found

    def anchoring() -> dict[AnchorStatus, int]:
        anchorer = Anchorer(page_texts)
        counts = {status: 0 for status in AnchorStatus}
        for quote in quotes:
            counts[anchorer.place(quote).status] += 1
        return counts

    base_times, anchor_times = [], []
    found, counts = 0, {}
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = baseline()
        base_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        counts = anchoring()
        anchor_times.append(time.perf_counter() - start)
    base, anchor = min(base_times), min(anchor_times)
    ratio = anchor / base
    print(f"{len(quotes)} quotes on {len(raw_texts)} pages of {args.pdf.name}")
    print(f"str.find loop over get_text(): {base * 1000:7.1f} ms  ({found} quotes found as they are)")
    print(f"Anchorer (index + place):      {anchor * 1000:7.1f} ms  "
          + ", ".join(f"{status.value} {number}" for status, number in counts.items()))
    print(f"ratio: {ratio:.2f} (target <= 3)")
    return 0 if ratio <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
