"""Files a hostile world hands us: pipes, links and devices given to merge and export, full disks, refused
databases, and page labels that a spreadsheet would run as formulas. Every file is built by the test itself."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from annotator.domain.model import Anchor, Annotation, Rect
from annotator.interchange.csv_format import annotations_to_csv


def test_csv_printed_page_labels_that_look_like_formulas_stay_text() -> None:
    anchor = Anchor(page=0, quads=(Rect(10, 10, 50, 20),), exact="een zin")
    rows = [Annotation(id=f"a{n}", document="doc", author="r", anchor=replace(anchor, page=n)) for n in range(4)]
    labels = ['=HYPERLINK("http://x","klik")', "+1", "-2", "@SUM(A1)"]
    table = list(csv.DictReader(io.StringIO(annotations_to_csv(rows, {}, labels))))
    assert [row["printed_page"] for row in table] == ["'" + label for label in labels]
    plain = list(csv.DictReader(io.StringIO(annotations_to_csv(rows[:1], {}, ["iv"]))))
    assert plain[0]["printed_page"] == "iv"
