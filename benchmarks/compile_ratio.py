"""Compiling 2,000 annotations to .docx against a bare python-docx script writing the same paragraphs and footnotes.

Three measurements on the same machine in the same run, each a ratio (target <= 1.5), best of three:

- in this process: compile_letter + write_letter against python-docx writing the same headings, paragraphs,
  footnote marks and footnotes part with the same helper. The compile side includes reading the annotations from
  SQLite, composing, checking and writing; the baseline gets the finished strings for free.
- the command as a reviewer runs it, ``annotator compile --pdf AGREEMENT --out brief.docx``, on a review of 2,000
  real passages of the 2021 agreement (benchmarks/_review_2000.py: section introductions, a summary, sources in
  footnotes), against a bare python-docx script run the same way (a process of its own) that writes the same number
  of paragraphs with the same words and each footnote's text as a small paragraph at the end (python-docx has no
  footnotes). Then again with ``--annex`` and the letter setting ``comments`` on, the bare script writing the same
  annex table and a comment on each paragraph (python-docx's add_comment), best of two (each run takes long).
  Both start Python and import python-docx; the command also checks the PDF in a PDF process, fingerprints it,
  reads the database and composes.

    .venv/bin/python benchmarks/compile_ratio.py
"""

from __future__ import annotations

import json
import subprocess
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _review_2000  # noqa: E402

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


# The bare script of the second measurement: python-docx's public API only, strings given in a JSON file.
_BARE_SCRIPT = """
import json, sys
import docx
from docx.shared import Pt

parts = json.load(open(sys.argv[1], encoding="utf-8"))
document = docx.Document()
for line in parts["head"]:
    document.add_paragraph(line)
for title, paragraphs in parts["sections"]:
    document.add_heading(title, level=1)
    for text, comment in paragraphs:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if comment:
            document.add_comment([run], text=comment, author="annotator")
for line in parts["tail"]:
    document.add_paragraph(line)
for text in parts["footnotes"]:
    document.add_paragraph().add_run(text).font.size = Pt(9)
if not parts["annex"]:
    document.save(sys.argv[2])
    sys.exit(0)
document.add_heading(parts["annex_title"], level=1)
table = document.add_table(rows=1, cols=len(parts["annex_header"]))
for cell, title in zip(table.rows[0].cells, parts["annex_header"]):
    cell.paragraphs[0].add_run(title).bold = True
for values in parts["annex"]:
    for cell, value in zip(table.add_row().cells, values):
        cell.paragraphs[0].add_run(value).font.size = Pt(8.5)
document.save(sys.argv[2])
"""


def _bare_parts(letter: Letter) -> dict[str, object]:
    """The compiled letter's words, as the bare script writes them."""
    def comment(paragraph) -> str:  # type: ignore[no-untyped-def]
        p = paragraph.provenance
        return f"{p.author} · {p.page} · {p.judgment}" if letter.comments and p is not None else ""

    sections = [(section.title, [(paragraph.text, comment(paragraph))
                                 for paragraph in section.introduction + section.paragraphs])
                for section in ((letter.summary,) if letter.summary else ()) + letter.sections]
    return {
        "head": [*letter.sender, letter.place_date, letter.subject_line, letter.addressee, letter.salutation,
                 *(paragraph.text for paragraph in letter.introduction)],
        "sections": sections,
        "tail": [*(paragraph.text for paragraph in letter.closing), *letter.signature],
        "footnotes": [f"{note.number} {note.text}" for note in letter.footnotes],
        "annex_title": letter.annex_title,
        "annex_header": list(letter.annex_header),
        "annex": [[row.passage, row.page, row.judgment, row.theme, row.references, row.author]
                  for row in letter.annex],
    }


def command_ratio(root: Path) -> None:
    """``annotator compile --pdf … --out brief.docx`` against the bare python-docx script, both as processes of
    their own: the letter alone, then with the annex (--annex) and Word comments."""
    db_path = root / "review-2000.sqlite"
    fingerprint = _review_2000.fill(db_path)
    script = root / "bare.py"
    script.write_text(_BARE_SCRIPT, encoding="utf-8")
    for annex, repeats in ((False, 3), (True, 2)):
        db = Database.open(str(db_path))
        try:
            Repository(db).set_letter_setting("comments", "1" if annex else "0")
            letter, _ = compile_letter(db, fingerprint, {"annex": annex})
        finally:
            db.close()
        parts = root / "parts.json"
        parts.write_text(json.dumps(_bare_parts(letter), ensure_ascii=False), encoding="utf-8")
        command = [sys.executable, "-m", "annotator", "compile", "--db", str(db_path), "--pdf",
                   str(_review_2000.AGREEMENT), "--out", str(root / "brief.docx"), *(["--annex"] if annex else [])]

        def ours() -> None:
            subprocess.run(command, check=True, capture_output=True)

        def bare() -> None:
            subprocess.run([sys.executable, str(script), str(parts), str(root / "bare-2000.docx")], check=True,
                           capture_output=True)

        baseline = _best(bare, repeats)
        compiled = _best(ours, repeats)
        paragraphs = sum(len(section.paragraphs) for section in letter.sections)
        what = (f"{len(letter.annex)} annex rows, a Word comment on each paragraph" if annex
                else "no annex, no Word comments")
        print(f"the command on 2,000 passages of the 2021 agreement{' with --annex' if annex else ''}: "
              f"{paragraphs} paragraphs, {len(letter.footnotes)} footnotes, {what}; best of {repeats}")
        print(f"  bare python-docx script: {baseline:.2f} s")
        print(f"  annotator compile:       {compiled:.2f} s")
        print(f"  ratio: {compiled / baseline:.2f} (target <= 1.5)")


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
    print(f"in this process, annotations: {COUNT}, paragraphs: {paragraphs}, footnotes: {len(letter.footnotes)}")
    print(f"bare python-docx: {baseline:.2f} s")
    print(f"compile + write:  {compiled:.2f} s")
    print(f"ratio: {compiled / baseline:.2f} (target <= 1.5)")
    with tempfile.TemporaryDirectory() as folder:
        command_ratio(Path(folder))


if __name__ == "__main__":
    main()
