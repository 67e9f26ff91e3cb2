"""Merging a colleague's database of 20,000 annotations into ours (20,000, half the ids shared) against a bare
sqlite3 ``INSERT ... ON CONFLICT`` of the same rows.

Both databases are made before either clock starts. The merge counts everything ``annotator merge`` does: the
private copy of the other file and its read-only checks (schema, types, sizes, dates, JSON, texts, integrity), the
backup of our file, comparing both sides (in SQL, on the checked copy attached to our connection), deciding every
shared annotation that differs, and writing in one transaction, foreign keys checked. The baseline reads the other
file's annotation and reference rows with sqlite3 and upserts them into a copy of ours in one transaction, checking
nothing (and without foreign keys). Half the shared annotations were edited by the colleague. Each round merges
into a fresh copy of ours; the figures are medians, as wall-clock and as this process's CPU time (steadier on a
shared machine). Target: ratio at most 2.

    python benchmarks/merge_ratio.py [--count N] [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.domain.model import Anchor, Annotation, Judgment, Rect, TreatyRef, new_id, utcnow  # noqa: E402
from annotator.services.merge import merge  # noqa: E402
from annotator.store.database import Database  # noqa: E402
from annotator.store.repository import Repository  # noqa: E402

FINGERPRINT = "f" * 64


def _annotation(id: str, index: int, comment: str, when: object) -> Annotation:
    return Annotation(
        id=id, document=FINGERPRINT, author="Fatima", judgment=list(Judgment)[index % 5],
        anchor=Anchor(page=index % 50, quads=(Rect(72, 100 + index % 600, 300, 112 + index % 600),),
                      exact=f"passage number {index} of the agreement", prefix="voor", suffix="na"),
        references=(TreatyRef.parse("echr:8"), TreatyRef.parse("grondwet:1")), comment=comment,
        created=when, modified=when,  # type: ignore[arg-type]
    )


def build(folder: Path, count: int) -> tuple[Path, Path]:
    """Ours and theirs: ``count`` each, the second half of ours shared with theirs, half of those edited."""
    now = utcnow()
    shared = [new_id() for _ in range(count // 2)]
    paths = []
    for name in ("ours", "theirs"):
        path = folder / f"{name}.sqlite"
        with Database.open(str(path)) as db:
            repo = Repository(db)
            repo.ensure_document(FINGERPRINT, "agreement", 50, [], "agreement.pdf")
            items = []
            for index, id in enumerate(shared):
                edited = name == "theirs" and index % 2 == 0
                when = now + timedelta(minutes=5) if edited else now
                items.append(_annotation(id, index, "edited" if edited else "", when).changed(
                    revision=2 if edited else 1))
            items += [_annotation(new_id(), index, "", now) for index in range(count - len(shared))]
            repo.bulk_add(items)
        paths.append(path)
    return paths[0], paths[1]


def baseline(ours: Path, theirs: Path) -> tuple[float, float]:
    """Upsert the other file's rows into ours with sqlite3 alone."""
    started = _clocks()
    source = sqlite3.connect(theirs)
    target = sqlite3.connect(ours)
    try:
        columns = [row[1] for row in source.execute("PRAGMA table_info(annotations)")]
        listed = ", ".join(f'"{c}"' for c in columns)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
        rows = source.execute(f"SELECT {listed} FROM annotations").fetchall()
        refs = source.execute("SELECT annotation_id, position, ref, custom FROM annotation_refs").fetchall()
        with target:
            target.executemany(
                f"INSERT INTO annotations ({listed}) VALUES ({', '.join('?' * len(columns))}) "
                f"ON CONFLICT(id) DO UPDATE SET {updates}", rows)
            target.executemany(
                "INSERT INTO annotation_refs VALUES (?, ?, ?, ?) "
                "ON CONFLICT(annotation_id, position) DO UPDATE SET ref = excluded.ref, custom = excluded.custom",
                refs)
    finally:
        source.close()
        target.close()
    return _since(started)


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clocks()
    return wall - start[0], cpu - start[1]


def main() -> None:
    """Build the two databases, time both ways (alternating, several rounds), print the medians and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    bare: list[tuple[float, float]] = []
    ours_times: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        ours, theirs = build(folder, args.count)
        for round in range(args.rounds):
            plain, mine = folder / f"plain{round}.sqlite", folder / f"ours{round}.sqlite"
            shutil.copy(ours, plain)
            shutil.copy(ours, mine)
            bare.append(baseline(plain, theirs))
            with Database.open(str(mine)) as db:
                started = _clocks()
                summary = merge(db, theirs)
                ours_times.append(_since(started))
    print(f"annotations: {args.count:,} each, {args.count // 2:,} shared; median of {args.rounds} rounds")
    print(f"merge: added {summary.added:,}, updated {summary.updated:,}, conflicts {len(summary.conflicts)}, "
          f"unchanged {summary.unchanged:,}")
    for label, index in (("wall", 0), ("cpu", 1)):
        base = statistics.median(times[index] for times in bare)
        merged = statistics.median(times[index] for times in ours_times)
        print(f"{label}: bare INSERT ... ON CONFLICT {base * 1000:.0f} ms, annotator merge {merged * 1000:.0f} ms, "
              f"ratio {merged / base:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
