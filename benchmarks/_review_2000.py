"""A review of 2,000 annotations on the real 2021 agreement (tests/data), stored in an SQLite file, for benchmarks.

Each annotation is a real passage of the agreement (a run of 8 to 20 words of a page's body text, placed with
annotator.pdf.selection as a drag would place it), with a judgment, one of the example letter's four themes,
one to three treaty references and a comment; every fifth has a source for its footnote. The letter settings are
the example letter's: organisation, signatory and function, section introductions, summary and Word comments.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import fitz  # noqa: E402

from annotator.domain.model import Annotation, Judgment, TreatyRef, new_id  # noqa: E402
from annotator.pdf.document import file_fingerprint  # noqa: E402
from annotator.pdf.labels import page_labels  # noqa: E402
from annotator.pdf.selection import TextPosition, TextSelection, make_anchor  # noqa: E402
from annotator.pdf.textmodel import PageText, extract_page_text  # noqa: E402
from annotator.store.database import Database  # noqa: E402
from annotator.store.repository import Repository  # noqa: E402

AGREEMENT = ROOT / "tests" / "data" / "coalitieakkoord-2021-2025.pdf"
COUNT = 2000
THEMES = ("Het recht op asiel in Nederland en Europa", "Het Koninkrijk Nederland en in de wereld",
          "De democratische rechtsstaat", "Het recht op gelijke behandeling")
REFS = ("echr:5", "refugee_convention:33", "grondwet:1", "iccpr:9", "crc:3", "echr:3", "eu_charter:18")
COMMENT = ("Amnesty roept het kabinet op dit voornemen te toetsen aan de verplichtingen die Nederland is "
           "aangegaan en de Kamer hierover te informeren")
SOURCE = "https://www.commissie-meijers.nl/wp-content/uploads/2025/03/CM-reactie-asielplannen.pdf"
T0 = datetime(2024, 1, 15, 9, 0, tzinfo=timezone.utc)


def page_texts(pdf: Path = AGREEMENT) -> tuple[list[PageText], list[str]]:
    """The agreement's page texts and printed page labels."""
    with fitz.open(pdf) as doc:
        return [extract_page_text(page) for page in doc], page_labels(doc)


def fill(db_path: Path, pdf: Path = AGREEMENT, count: int = COUNT) -> str:
    """Store the review in a new SQLite file at ``db_path``; returns the document's fingerprint."""
    texts, labels = page_texts(pdf)
    by_page = dict(enumerate(texts))
    db = Database.open(str(db_path))
    try:
        repo = Repository(db)
        fingerprint = file_fingerprint(pdf)
        repo.ensure_document(fingerprint, "Coalitieakkoord 2021-2025", len(texts), labels, pdf.name)
        themes = [repo.add_theme(title).id for title in THEMES]
        pages = [n for n, text in enumerate(texts) if len(text.body.split()) > 60 and labels[n]]
        judgments = list(Judgment)
        items: list[Annotation] = []
        n = 0
        while len(items) < count:
            page = pages[n % len(pages)]
            text = texts[page].text
            starts = [i for i in range(1, len(text)) if text[i - 1] == " " and text[i].isalpha()]
            start = starts[(n // len(pages) * 7) % len(starts)]
            length = 8 + n % 13
            end = start
            for _ in range(length):
                following = text.find(" ", end + 1)
                end = following if following > 0 else len(text)
            anchor = make_anchor(TextSelection(TextPosition(page, start), TextPosition(page, end)), by_page)
            n += 1
            if anchor is None:
                continue
            index = len(items)
            items.append(Annotation(
                id=new_id(), document=fingerprint, author=("Joost", "Fatima", "Anna")[index % 3], anchor=anchor,
                judgment=judgments[index % 5], theme_id=themes[index % len(themes)],
                references=tuple(TreatyRef.parse(r) for r in REFS[index % 4: index % 4 + 1 + index % 3]),
                comment=COMMENT if index % 2 else "", sources=(SOURCE,) if index % 5 == 0 else (),
                created=T0 + timedelta(seconds=index), modified=T0 + timedelta(seconds=index)))
        repo.bulk_add(items)
        for key, value in settings().items():
            repo.set_letter_setting(key, value)
    finally:
        db.close()
    return fingerprint


def settings() -> dict[str, str]:
    """The letter settings as stored (sections as their JSON object)."""
    return {
        "organisation": "Amnesty International",
        "organisation_short": "Amnesty",
        "signatory_name": "Dagmar Oudshoorn",
        "signatory_function": "Directeur Amnesty International Nederland",
        "closing": "Hoogachtend,",
        "comments": "1",
        "summary": "1",
        "sections": json.dumps({title: {"introduction": f"De zorgen van Amnesty over {title.lower()} zijn groot."}
                                for title in THEMES}, ensure_ascii=False),
    }
