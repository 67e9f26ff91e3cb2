"""The carry-over measured against a next version of the 2021 agreement whose truth is known (a smaller, seeded run
of benchmarks/reanchor_quality.py): nothing at a wrong place as exact or fuzzy, unchanged passages exact, edited
ones fuzzy at their place, deleted ones orphaned though look-alikes of them were added."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from reanchor_versions import carry_over, make_version, old_texts, sample_annotations, score, truths  # noqa: E402

from annotator.pdf.anchoring import Anchorer  # noqa: E402


def test_a_next_version_keeps_every_annotation_at_its_passage_or_orphans_it(agreement_2021: Path,
                                                                             tmp_path: Path) -> None:
    old = Anchorer(old_texts(agreement_2021))
    version = make_version(old._index.doc, tmp_path / "next-version.pdf", seed=11)
    assert version.pages > 30 and {"edited", "deleted", "moved", "duplicated", "lookalike-deleted"} <= set(
        version.fate.values())
    new = Anchorer(old_texts(version.path))
    annotations = sample_annotations(version, old, 160, seed=11)
    truths(version, annotations, new)
    results, report = carry_over(agreement_2021, version, annotations, tmp_path)
    scores = score(annotations, results, new)
    summary = scores.summary()
    assert report.aligned
    assert scores.wrong == [], "placed at a wrong passage as exact or fuzzy"
    assert scores.count(truth="unchanged") >= 80 and scores.count(truth="edited") >= 20
    assert scores.count(truth="deleted") >= 15
    assert summary["exact"]["recall"] >= 0.99
    assert summary["fuzzy"]["recall"] >= 0.90
    assert summary["orphaned"]["recall"] == 1.0, "a deleted passage is never placed"
