"""The review inside the PDF: export a copy of the agreement with highlight annotations, import another reader's."""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import (
    JUDGMENT_COLOURS,
    UNJUDGED_COLOUR,
    Anchor,
    AnchorStatus,
    Annotation,
    AnnotationKind,
)
from annotator.pdf.jobs import Highlight, Mark, PdfJob, file_fingerprint
from annotator.services.files import write_file
from annotator.store.database import Database
from annotator.store.repository import Repository

__all__ = ["PdfExportReport", "PdfImportReport", "export_pdf", "import_pdf_highlights", "popup_text"]

# Ids of imported highlights come from this namespace, the PDF's fingerprint and the annotation's own name (or
# its object number), so importing the same PDF again adds nothing.
_IMPORT_NAMESPACE = uuid.UUID("0b8f3c3e-5d7a-4c86-9a61-2f6f1d9e4b17")

_JUDGMENT_WORDS = {
    "nl": {"welcome": "positief", "note": "opmerking", "concern": "zorg", "serious-concern": "ernstige zorg",
           "violation": "schending"},
    "en": {"welcome": "welcome", "note": "note", "concern": "concern", "serious-concern": "serious concern",
           "violation": "violation"},
}
_LABELS = {
    "nl": {"judgment": "Oordeel", "theme": "Thema", "references": "Verdragen"},
    "en": {"judgment": "Judgment", "theme": "Theme", "references": "References"},
}


@dataclass(frozen=True)
class PdfExportReport:
    """What an export to PDF wrote: highlights placed, and annotations without a place (orphans) left out."""

    written: int
    orphans: int


@dataclass(frozen=True)
class PdfImportReport:
    """What importing another reader's highlights did."""

    added: int
    skipped_existing: int


def popup_text(a: Annotation, theme_title: str | None, catalogue: Catalogue, lang: str = "nl") -> str:
    """The text of the annotation's popup: judgment, theme, cited references, then the comment."""
    labels = _LABELS[lang]
    lines = []
    if a.judgment is not None:
        lines.append(f"{labels['judgment']}: {_JUDGMENT_WORDS[lang][a.judgment.value]} ({a.judgment.value})")
    if theme_title:
        lines.append(f"{labels['theme']}: {theme_title}")
    if a.references:
        lines.append(f"{labels['references']}: " + "; ".join(catalogue.cite(ref, lang) for ref in a.references))
    if a.comment.strip():
        lines.extend(["", a.comment.strip()])
    return "\n".join(lines)


def _mark(a: Annotation, anchor: Anchor, page: int, theme_title: str | None, catalogue: Catalogue,
          lang: str) -> Mark:
    return Mark(
        page=page,
        rects=anchor.quads_on(page),
        area=a.kind is AnnotationKind.AREA,
        colour=JUDGMENT_COLOURS[a.judgment] if a.judgment else UNJUDGED_COLOUR,
        author=a.author,
        subject=a.judgment.value if a.judgment else "",
        content=popup_text(a, theme_title, catalogue, lang),
    )


def export_pdf(db: Database, pdf_path: Path, out_path: Path, *, catalogue: Catalogue, lang: str = "nl",
               password: str | None = None, progress: Callable[[int, int], None] | None = None) -> PdfExportReport:
    """Write a copy of the PDF with a highlight (or, for an area, a square) for every placed live annotation.

    ``progress(0, 1)`` is called before the copy is written; raising from it (the reviewer cancelled) writes
    nothing."""
    if progress is not None:
        progress(0, 1)
    repo = Repository(db)
    annotations = repo.annotations(file_fingerprint(Path(pdf_path)))
    titles: dict[str, str] = {}
    marks: list[Mark] = []
    orphans = 0
    for a in annotations:
        anchor = a.anchor
        if anchor is None or not anchor.quads or a.status is AnchorStatus.ORPHANED:
            orphans += 1
            continue
        title = None
        if a.theme_id:
            if a.theme_id not in titles:
                theme = repo.theme(a.theme_id)
                titles[a.theme_id] = theme.title if theme else ""
            title = titles[a.theme_id] or None
        # A passage over a page break gets one highlight on each page, carrying the same popup.
        marks.extend(_mark(a, anchor, page, title, catalogue, lang) for page in anchor.pages())
    out = Path(out_path)
    if out.exists() and os.path.samefile(out, pdf_path):
        raise ValueError(f"The annotated copy cannot replace the original {pdf_path}; choose another file name.")
    counted: list[int] = []
    # MuPDF opens the PDF and writes the copy in a PDF process, within its limits; a file it cannot use is
    # refused before anything is written.
    with PdfJob(Path(pdf_path), password) as pdf:
        write_file(out, lambda path: counted.append(pdf.write_marks(path, marks)))
    return PdfExportReport(written=counted[0], orphans=orphans)


def _keys(highlights: list[Highlight]) -> list[str]:
    """What tells each highlight apart, so that importing the file again adds nothing: its name (/NM), which PDF
    only requires to be unique on its page (many readers name the first annotation of every page alike), so a name
    the file uses more than once is told apart by its page, and by its turn on the page; without a name, its
    object number."""
    counts = Counter(found.name for found in highlights if found.name)
    turns: Counter[tuple[int, str]] = Counter()
    keys = []
    for found in highlights:
        if not found.name:
            keys.append(f"xref-{found.xref}")
        elif counts[found.name] == 1:
            keys.append(found.name)
        else:
            turns[(found.page, found.name)] += 1
            turn = turns[(found.page, found.name)]
            keys.append(f"page-{found.page + 1}/{found.name}" + (f"/{turn}" if turn > 1 else ""))
    return keys


def import_pdf_highlights(db: Database, pdf_path: Path, *, author_fallback: str, password: str | None = None,
                          progress: Callable[[int, int], None] | None = None) -> PdfImportReport:
    """Add the highlights (and their notes) of a PDF annotated in another reader as annotations of that PDF.

    The note becomes the comment, the annotation's author the author, its colour the nearest judgment (or none).
    Highlights imported before are skipped: each gets an id derived from the PDF and the annotation.
    ``progress(done, 2)`` is called before and after reading the PDF; raising from it (the reviewer cancelled)
    stores nothing.
    """
    path = Path(pdf_path)
    if progress is not None:
        progress(0, 2)
    with PdfJob(path, password) as pdf:  # MuPDF reads it in a PDF process, within limits
        highlights, facts = pdf.highlights(), pdf.facts
    if progress is not None:
        progress(1, 2)
    fingerprint = facts.fingerprint
    repo = Repository(db)
    fresh: list[Annotation] = []
    skipped = 0
    taken: set[str] = set()
    for found, key in zip(highlights, _keys(highlights)):
        id = str(uuid.uuid5(_IMPORT_NAMESPACE, f"{fingerprint}/{key}"))
        if id in taken or repo.get(id, include_deleted=True) is not None:
            skipped += 1
            continue
        taken.add(id)
        placed = bool(found.text) or found.area
        fresh.append(Annotation(
            id=id,
            document=fingerprint,
            author=found.author or author_fallback,
            anchor=Anchor(page=found.page, quads=found.rects, exact=found.text),
            status=AnchorStatus.ANCHORED if placed else AnchorStatus.ORPHANED,
            kind=AnnotationKind.AREA if found.area else AnnotationKind.TEXT,
            judgment=found.judgment,
            comment=found.comment,
        ))
    if fresh:
        with repo.transaction():  # the document, its reviewers and the highlights: all of them or none
            repo.ensure_document(fingerprint, facts.title, facts.page_count, facts.labels, path.name)
            for author in sorted({a.author for a in fresh}):
                repo.reviewer(author)
            repo.bulk_add(fresh)
    return PdfImportReport(added=len(fresh), skipped_existing=skipped)
