"""Compiling 2,000 annotations to .docx against a bare python-docx script writing the same paragraphs and footnotes.

Both run in this process, on the same machine, best of three; prints the ratio (target <= 1.5). The compile side
includes reading the annotations from SQLite, composing, checking and writing; the baseline gets the finished
strings for free and writes headings, paragraphs, footnote marks and the footnotes part with the same helper.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.domain.catalogue import Catalogue  # noqa: E402
from annotator.domain.model import Anchor, Annotation, Judgment, Rect, TreatyRef, new_id  # noqa: E402
from annotator.letter.docx_footnotes import (  # noqa: E402
    add_footnote_reference,
    ensure_footnote_styles,
    write_footnotes,
)
from annotator.letter.model import Letter, RunKind  # noqa: E402
from annotator.paths import resources_dir  # noqa: E402
from annotator.services.letter import compile_letter, write_letter  # noqa: E402
from annotator.store.database import Database  # noqa: E402
from annotator.store.repository import Repository  # noqa: E402

COUNT = 2000
REFS = ("echr:5", "refugee_convention:33", "grondwet:1", "iccpr:9", "crc:3")


def _fill(db: Database) -> str:
    repo = Repository(db)
    fingerprint = "b" * 64
    repo.ensure_document(fingerprint, "Coalitieakkoord", 50, [""] * 3 + [str(n) for n in range(1, 48)], "ca.pdf")
    themes = [repo.add_theme(f"Thema {n}").id for n in range(8)]
    judgments = list(Judgment)
    items = []
    for n in range(COUNT):
        page = 3 + n % 47
        quote = f"passage {n} over de rechten van mensen die op de vlucht zijn voor oorlog en vervolging"
        anchor = Anchor(page=page, quads=(Rect(72, 100 + n % 600, 400, 112 + n % 600),), exact=quote)
        items.append(Annotation(
            id=new_id(), document=fingerprint, author="Joost", anchor=anchor, judgment=judgments[n % 5],
            theme_id=themes[n % 8], references=tuple(TreatyRef.parse(r) for r in REFS[: 1 + n % 3]),
            comment="De organisatie roept het kabinet op dit voornemen te heroverwegen."))
    repo.bulk_add(items)
    repo.set_letter_setting("organisation", "Amnesty International")
    return fingerprint


def _baseline(letter: Letter, path: Path) -> None:
    """The same headings, paragraphs and footnotes written with python-docx directly."""
    document = docx.Document()
    ensure_footnote_styles(document)
    for section in letter.sections:
        document.add_heading(section.title, level=1)
        for paragraph in section.paragraphs:
            written = document.add_paragraph()
            for run in paragraph.runs:
                if run.kind is RunKind.FOOTNOTE:
                    add_footnote_reference(written, run.footnote)
                else:
                    written.add_run(run.text)
    write_footnotes(document, ((note.number, note.text) for note in letter.footnotes))
    document.save(str(path))


def _best(action: object, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Build the database, time both sides, print the ratio."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = Database.open(str(root / "bench.sqlite"))
        try:
            fingerprint = _fill(db)
            letter, _ = compile_letter(db, fingerprint, today=date(2025, 3, 4))
            paragraphs = sum(len(section.paragraphs) for section in letter.sections)

            # The window loads the treaty catalogue once at start-up and passes it in, as here.
            catalogue = Catalogue.load(resources_dir() / "treaties.json")

            def ours() -> None:
                compiled, _checks = compile_letter(db, fingerprint, catalogue=catalogue, today=date(2025, 3, 4))
                write_letter(compiled, root / "letter.docx")

            def bare() -> None:
                _baseline(letter, root / "bare.docx")

            baseline = _best(bare)
            compiled = _best(ours)
        finally:
            db.close()
    print(f"annotations: {COUNT}, paragraphs: {paragraphs}, footnotes: {len(letter.footnotes)}")
    print(f"bare python-docx: {baseline:.2f} s")
    print(f"compile + write:  {compiled:.2f} s")
    print(f"ratio: {compiled / baseline:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
