"""Carrying 1,000 annotations over to a 500-page new version, against an exact-only str.find placement of the same
quotes in the same extracted text, measured in the same run; and the carry-over's peak memory.

The versions are written by benchmarks/reanchor_versions.py from the text of the 2021 agreement: several copies of
it one after the other (each with about one word in six replaced, so that 500 pages do not repeat themselves word
for word) set as the old version, and its next version (retypeset in another font size, with words inserted,
deleted and replaced, sentences deleted, moved and duplicated, look-alikes added) of at least 500 pages. The
1,000 annotations are quotes of 3-40 words on the old version, a third of them from sentences that changed.

Both sides start from the extracted page texts of the PDFs (extraction is done before either clock starts):

- baseline: the new version's Anchorer index (its pages' texts joined and folded), then for each quote its folded
  key found by ``str.find`` and the anchor (quads, offsets, context) made for the first hit: exact placement only;
- carry-over: what the PDF process does (anchoring.Carrier): both versions' indexes, their words, the alignment,
  then every passage carried through it, verified, and searched for where the alignment has no answer.

Target: the carry-over at most 5 times the baseline. The peak memory is the peak of Python's allocations during
the carry-over (tracemalloc, in a run of its own), beside the page texts it starts from.

    python benchmarks/reanchor_ratio.py [--copies 13] [--annotations 1000] [--repeat 3] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reanchor_versions import long_text, make_version, old_texts, sample_annotations, typeset_text  # noqa: E402

from annotator.domain.model import AnchorStatus  # noqa: E402
from annotator.pdf.anchoring import Anchorer, Carrier, Passage, _key  # noqa: E402
from annotator.pdf.textmodel import PageText  # noqa: E402

SOURCE = Path(__file__).resolve().parent.parent / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"


def passages_of(annotations: list) -> list[Passage]:  # type: ignore[type-arg]
    found = []
    for annotation in annotations:
        anchor = annotation.anchor
        end_page = anchor.quad_pages[-1] if anchor.quad_pages else anchor.page
        found.append(Passage(anchor.exact, anchor.prefix, anchor.suffix, anchor.page, anchor.start, end_page,
                             anchor.end))
    return found


def baseline(new_texts: list[PageText], passages: list[Passage]) -> int:
    """Exact-only placement: str.find of each folded quote in the joined text, and the anchor of the first hit."""
    index = Anchorer(new_texts)._index
    text = index.key.text
    placed = 0
    for passage in passages:
        at = text.find(_key(passage.exact))
        if at >= 0 and index.anchor(*index.to_doc(at, at + len(_key(passage.exact))), passage.exact) is not None:
            placed += 1
    return placed


def carry(new_texts: list[PageText], old: list[PageText], passages: list[Passage]) -> dict[AnchorStatus, int]:
    carrier = Carrier(Anchorer(new_texts), old)
    counts = {status: 0 for status in AnchorStatus}
    for carried in carrier.carry(passages):
        counts[carried.status] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=13, help="copies of the agreement's text in the old version")
    parser.add_argument("--annotations", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternating; the best is reported")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="a folder to write the versions to and to take them from "
                        "when they are there (the same options give the same versions)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reanchor-ratio-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        old_pdf = folder / f"old-{args.copies}-{args.seed}.pdf"
        if not old_pdf.exists():
            doc = Anchorer(old_texts(SOURCE))._index.doc
            typeset_text(long_text(doc, args.copies, args.seed), old_pdf, args.seed, font_size=10.0)
        old = old_texts(old_pdf)
        old_anchorer = Anchorer(old)
        version = make_version(old_anchorer._index.doc, folder / f"new-{args.copies}-{args.seed}.pdf", args.seed,
                               font_size=11.0)
        new = old_texts(version.path)
        for page in old + new:
            page.body  # noqa: B018  (made once, as extraction does in the PDF process)
        passages = passages_of(sample_annotations(version, old_anchorer, args.annotations, args.seed))
        print(f"old version {len(old)} pages, new version {len(new)} pages, {len(passages)} annotations "
              f"(written and extracted in {time.perf_counter() - started:.0f} s)")
    base_times, carry_times = [], []
    placed, counts = 0, {}
    for _ in range(args.repeat):
        gc.collect()
        started = time.perf_counter()
        placed = baseline(new, passages)
        base_times.append(time.perf_counter() - started)
        gc.collect()
        started = time.perf_counter()
        counts = carry(new, old, passages)
        carry_times.append(time.perf_counter() - started)
    base, carried = min(base_times), min(carry_times)
    gc.collect()
    tracemalloc.start()
    baseline(new, passages)
    _size, base_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    carry(new, old, passages)
    _size, carry_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ratio = carried / base
    print(f"exact-only str.find placement: {base * 1000:8.1f} ms  ({placed} placed as they are)")
    print(f"carry-over (align + carry):    {carried * 1000:8.1f} ms  "
          + ", ".join(f"{'exact' if s is AnchorStatus.ANCHORED else s.value} {n}" for s, n in counts.items()))
    print(f"peak memory: carry-over {carry_peak / 2**20:.0f} MB, exact-only placement {base_peak / 2**20:.0f} MB "
          f"(Python allocations above the page texts)")
    print(f"ratio: {ratio:.2f} (target <= 5)")
    return 0 if ratio <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
