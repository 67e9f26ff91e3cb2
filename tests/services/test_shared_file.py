"""Two programs on one shared SQLite file: the same rules for writing in one comment at once as on a server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.domain.model import Anchor, Rect
from annotator.services.commands import AddAnnotations, EditAnnotations
from annotator.services.review import DocumentIdentity, Review
from annotator.store.database import Database
from annotator.store.repository import Repository

DOCUMENT = DocumentIdentity("cd" * 32, "Coalitieakkoord", 10, [str(n) for n in range(1, 11)], "akkoord.pdf")
CHILD = Path(__file__).resolve().parent / "review_child.py"
BASE = "Detentie van kinderen."


def _race(tmp_path: Path, mine: str, theirs: str) -> tuple[str, str, str]:
    """Anna (here) and Bert (another process) both save a new comment, started from BASE, at the same moment;
    returns what each step met and the comment stored."""
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    database = Database.open(url)
    review = Review.open(database, DOCUMENT, "Anna", ["Asiel"])
    anchor = Anchor(page=1, quads=(Rect(72, 100, 300, 112),), exact="vreemdelingendetentie")
    annotation = review.new_annotation(anchor, comment=BASE)
    review.execute(AddAnnotations([annotation]))
    before = review.annotations[annotation.id]
    go = tmp_path / "go"
    child = subprocess.Popen([sys.executable, str(CHILD), url, annotation.id, str(go), theirs],
                             stdout=subprocess.PIPE, text=True, cwd=CHILD.parent,
                             env={"PYTHONPATH": f"{CHILD.parent}:{Path(__file__).resolve().parents[2]}"})
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()
    changes = review.execute(EditAnnotations([before], [before.changed(comment=mine)]))
    bert = child.stdout.readline().strip()
    assert child.wait(timeout=60) == 0
    anna = "merged" if changes.merged else "asked" if changes.questions else "plain"
    stored = Repository(database).get(annotation.id)
    database.close()
    assert stored is not None
    return anna, bert, stored.comment


@pytest.mark.parametrize("attempt", range(3))
def test_additions_in_different_places_from_two_programs_are_both_kept(tmp_path: Path, attempt: int) -> None:
    anna, bert, stored = _race(tmp_path, BASE + " A-ADD2", "B-ADD2 " + BASE)
    assert stored == "B-ADD2 " + BASE + " A-ADD2"
    assert sorted([anna, bert]) == ["merged", "plain"]  # the later save met the earlier one and merged


@pytest.mark.parametrize("attempt", range(3))
def test_additions_at_the_same_place_from_two_programs_ask_the_later_one(tmp_path: Path, attempt: int) -> None:
    anna, bert, stored = _race(tmp_path, BASE + " Anna: strijdig.", BASE + " Bert: zorgelijk.")
    assert sorted([anna, bert]) == ["asked", "plain"]
    first = BASE + " Anna: strijdig." if bert == "asked" else BASE + " Bert: zorgelijk."
    assert stored == first  # the earlier save stays until the later reviewer chooses
