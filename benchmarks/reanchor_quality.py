"""How well annotations are carried over to the next version of a real agreement, with the truth known.

For each seed, benchmarks/reanchor_versions.py writes a next version of the 2021 agreement (retypeset on other
pages in another font size, with ligatures, words inserted, deleted and replaced, sentences deleted, moved and
duplicated, look-alike sentences added, also of sentences that were deleted), makes annotations of 3-40 words on
the original, runs the real carry-over (``annotator reanchor``'s service, in a PDF process, through a database)
and compares every outcome with the truth. It prints precision and recall per status:

- ``exact`` expects the passages whose words are all still there (``unchanged``), at the place they went;
- ``fuzzy`` expects the passages with a changed word (``edited``, at least 60 % of their words left) at their place;
- ``orphaned`` expects the deleted passages;
- ``ambiguous`` is counted; ``rewritten`` passages (less than 60 % of their words left) may come out fuzzy at
  their place or orphaned.

Targets: no annotation at a wrong place as exact or fuzzy (zero); exact recall at least 99 %; fuzzy recall at
least 90 %. A place is right for an exact annotation when it covers the same words (90 % both ways), for a fuzzy
one when it lies mostly inside the changed passage (60 % of it) and covers a good part of it (30 %).

    python benchmarks/reanchor_quality.py [--seeds 1 2 3] [--annotations 400] [--fingerprint] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reanchor_versions import Scores, carry_over, make_version, old_texts, sample_annotations, score, truths  # noqa: E402

from annotator.pdf.anchoring import Anchorer  # noqa: E402

DEFAULT_PDF = Path(__file__).resolve().parent.parent / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"


def run(pdf: Path, seed: int, count: int, *, by_fingerprint: bool = False) -> Scores:
    """One version, ``count`` annotations, the real carry-over, scored."""
    old = Anchorer(old_texts(pdf))
    with tempfile.TemporaryDirectory(prefix="reanchor-quality-") as folder:
        version = make_version(old._index.doc, Path(folder) / f"version-{seed}.pdf", seed)
        new = Anchorer(old_texts(version.path))
        annotations = sample_annotations(version, old, count, seed)
        truths(version, annotations, new)
        results, _report = carry_over(pdf, version, annotations, Path(folder), by_fingerprint=by_fingerprint)
        return score(annotations, results, new)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--annotations", type=int, default=400)
    parser.add_argument("--fingerprint", action="store_true",
                        help="carry over by the old version's fingerprint only (searching, without aligning)")
    parser.add_argument("--verbose", action="store_true", help="list every annotation not given its expected status")
    args = parser.parse_args()
    total = Scores()
    for seed in args.seeds:
        started = time.perf_counter()
        scores = run(args.pdf, seed, args.annotations, by_fingerprint=args.fingerprint)
        summary = scores.summary()
        print(f"seed {seed}: {summary['annotations']} annotations in {time.perf_counter() - started:.1f} s; "
              f"wrong place {len(scores.wrong)}; "
              + "; ".join(f"{s} P {summary[s]['precision']:.3f} R {summary[s]['recall']:.3f}"
                          for s in ("exact", "fuzzy", "orphaned"))
              + f"; ambiguous {summary['ambiguous']['given']}")
        for wrong in scores.wrong:
            print("  WRONG PLACE", json.dumps(wrong, ensure_ascii=False))
        total.table.update(scores.table)
        total.wrong.extend(scores.wrong)
        total.unknown += scores.unknown
    summary = total.summary()
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    by_truth: Counter[str] = Counter({truth: total.count(truth=truth) for truth in ("unchanged", "edited")})
    exact_recall = summary["exact"]["recall"]
    fuzzy_recall = summary["fuzzy"]["recall"]
    ok = not total.wrong and exact_recall >= 0.99 and fuzzy_recall >= 0.90
    print(f"wrong place: {len(total.wrong)} (target 0); exact recall {exact_recall:.3f} of {by_truth['unchanged']} "
          f"unchanged (target >= 0.99); fuzzy recall {fuzzy_recall:.3f} of {by_truth['edited']} edited "
          f"(target >= 0.90): {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
