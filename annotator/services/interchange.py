"""Importing and exporting a document's annotations: W3C JSON-LD in (anchored in the PDF), JSON-LD and CSV out.

An import anchors every quote in the PDF it is given, whatever PDF the file says it was made on: a file made on
another version of the agreement (``target.source`` names another fingerprint) is imported all the same, onto the
given PDF, and the report counts those items, so the caller can tell the reviewer. Positions from the file (page,
TextPositionSelector) only break ties between repeated quotes; the quote decides. An exported
TextPositionSelector counts characters in the normalised text of the whole document as the Anchorer joins it (page
numbers in headers and footers left out), so it is only meaningful to this program; other tools use the quote.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from annotator.domain.model import Anchor, AnchorStatus, Annotation, AnnotationKind, Rect, Theme, utcnow
from annotator.interchange.csv_format import CSV_ENCODING, annotations_to_csv
from annotator.interchange.files import read_json_file
from annotator.interchange.w3c import (
    InterchangeError,
    W3CAnnotation,
    annotation_to_w3c,
    collection_to_w3c,
    parse_w3c,
)
from annotator.pdf.anchoring import Anchorer
from annotator.pdf.document import document_title, file_fingerprint, open_pdf
from annotator.pdf.labels import page_labels
from annotator.pdf.normalize import normalize
from annotator.pdf.selection import area_anchor
from annotator.pdf.textmodel import PageText, extract_page_text
from annotator.services.files import write_file
from annotator.store.database import Database
from annotator.store.errors import DuplicateError
from annotator.store.repository import Repository

__all__ = ["ExportReport", "ImportReport", "export_annotations", "export_csv", "export_w3c", "import_w3c",
           "read_w3c_file"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportReport:
    """What an import did. Nothing is stored when ``cancelled``."""

    anchored: int = 0
    ambiguous: int = 0
    orphaned: int = 0
    skipped_existing: int = 0
    themes_created: tuple[str, ...] = ()
    fingerprint: str = ""
    # Items whose target.source names another PDF than the one imported onto, and those fingerprints.
    other_source: int = 0
    other_fingerprints: tuple[str, ...] = field(default=())
    cancelled: bool = False

    @property
    def imported(self) -> int:
        return self.anchored + self.ambiguous + self.orphaned


@dataclass(frozen=True)
class PdfFacts:
    """A PDF's fingerprint, title, printed page labels and the text of every page."""

    fingerprint: str
    title: str
    labels: list[str]
    texts: list[PageText]


# How often an import is tried when another program adds the same annotations or themes at the same moment.
_IMPORT_ATTEMPTS = 3


def read_pdf(pdf_path: Path, progress: Progress | None, cancelled: Callable[[], bool],
             password: str | None = None) -> PdfFacts | None:
    """Fingerprint, title, labels and the text of every page; None when cancelled.

    ``progress(done, total)`` is called after each page; it may raise (a cancellation) to stop the reading."""
    doc = open_pdf(pdf_path, password)
    try:
        texts: list[PageText] = []
        for index in range(doc.page_count):
            if cancelled():
                return None
            texts.append(extract_page_text(doc.load_page(index)))
            if progress is not None:
                progress(index + 1, doc.page_count)
        return PdfFacts(file_fingerprint(pdf_path), document_title(doc, pdf_path), page_labels(doc), texts)
    finally:
        doc.close()


def read_w3c_file(path: Path) -> object:
    """The W3C annotations in the file at ``path``, checked; InterchangeError names the file and the problem."""
    data = read_json_file(Path(path))
    try:
        parse_w3c(data)
    except InterchangeError as error:
        raise InterchangeError(f"{path}: {error}") from error
    return data


def import_w3c(
    db: Database,
    pdf_path: Path,
    data: object,
    *,
    author_fallback: str,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    password: str | None = None,
) -> ImportReport:
    """Import the W3C annotations in ``data`` onto the PDF at ``pdf_path``; ids already in ``db`` are skipped.

    ``progress(done, total)`` is called while page texts are read and again while quotes are placed; when it
    raises (the reviewer cancelled), nothing has been written. Raises InterchangeError for a malformed file and
    PdfOpenError for a file that is no usable PDF (or an encrypted one without its ``password``), before anything
    is written.
    """
    items = parse_w3c(data)
    facts = read_pdf(Path(pdf_path), progress, cancelled, password)
    if facts is None:
        return ImportReport(cancelled=True)
    repo = Repository(db)
    fresh, skipped = _new_items(repo, facts.fingerprint, items)
    anchorer = Anchorer(facts.texts)
    placed: list[tuple[W3CAnnotation, Anchor | None, AnchorStatus]] = []
    for done, item in enumerate(fresh, start=1):
        if cancelled():
            return ImportReport(cancelled=True, fingerprint=facts.fingerprint)
        placed.append((item, *_place(anchorer, facts.texts, item)))
        if progress is not None and (done % 50 == 0 or done == len(fresh)):
            progress(done, len(fresh))
    if cancelled():
        return ImportReport(cancelled=True, fingerprint=facts.fingerprint)

    others = sorted({item.source_fingerprint for item in items
                     if item.source_fingerprint and item.source_fingerprint != facts.fingerprint})
    other_count = sum(1 for item in items if item.source_fingerprint in others)
    if not placed:
        return ImportReport(skipped_existing=skipped, fingerprint=facts.fingerprint, other_source=other_count,
                            other_fingerprints=tuple(others))

    # Themes, the document, reviewers and annotations: one transaction, all or nothing. Another program importing
    # the same file or creating the same theme at this moment makes it fail; it is tried again on what is there
    # then (its annotations count as already present, its themes are used).
    for attempt in range(_IMPORT_ATTEMPTS):
        try:
            with repo.transaction():
                present = {id for id in repo.current([item.id for item, _anchor, _status in placed])}
                kept = [entry for entry in placed if entry[0].id not in present]
                themes, created_titles = _themes_for(repo, [item.theme for item, _anchor, _status in kept])
                repo.ensure_document(facts.fingerprint, facts.title, len(facts.texts), facts.labels,
                                     Path(pdf_path).name)
                annotations = [
                    _annotation(item, anchor, status, facts.fingerprint, themes, author_fallback)
                    for item, anchor, status in kept
                ]
                for author in sorted({a.author for a in annotations}):
                    repo.reviewer(author)
                repo.bulk_add(annotations)
            skipped += len(placed) - len(kept)
            break
        except DuplicateError:
            if attempt == _IMPORT_ATTEMPTS - 1:
                raise
    counts = {status: 0 for status in AnchorStatus}
    for a in annotations:
        counts[a.status] += 1
    return ImportReport(
        anchored=counts[AnchorStatus.ANCHORED],
        ambiguous=counts[AnchorStatus.AMBIGUOUS],
        orphaned=counts[AnchorStatus.ORPHANED],
        skipped_existing=skipped,
        themes_created=created_titles,
        fingerprint=facts.fingerprint,
        other_source=other_count,
        other_fingerprints=tuple(others),
    )


def _new_items(repo: Repository, fingerprint: str, items: list[W3CAnnotation]) -> tuple[list[W3CAnnotation], int]:
    """The items whose id is not in the database yet (deleted ones count as present), and how many were not."""
    known = {a.id for a in repo.annotations(fingerprint, include_deleted=True)}
    fresh = [item for item in items
             if item.id not in known and repo.get(item.id, include_deleted=True) is None]
    return fresh, len(items) - len(fresh)


def _place(anchorer: Anchorer, texts: list[PageText], item: W3CAnnotation) -> tuple[Anchor | None, AnchorStatus]:
    """The anchor and status of one imported item; an orphan keeps its quote in an anchor without quads."""
    if item.area is not None and item.page is not None:
        area = _on_page(item.area, texts[item.page]) if item.page < len(texts) else None
        if area is not None:
            return area_anchor(texts[item.page], item.page, area), AnchorStatus.ANCHORED
        # A page this PDF does not have (or an area wholly off its page): the area is kept as it was, so that it
        # exports (and imports) again; the reader has bounded it to a page of at most MAX_POINTS a side.
        return Anchor(page=item.page, quads=(item.area,), exact=normalize(item.exact)), AnchorStatus.ORPHANED
    position = item.position[0] if item.position else None
    placement = anchorer.place(item.exact, item.prefix, item.suffix, item.page, position=position)
    if placement.anchor is not None:
        return placement.anchor, placement.status
    # The store keeps a quote only with an anchor, so an orphan gets one with no quads: it can be exported again
    # and re-anchored later, and it is never drawn.
    orphan = Anchor(page=item.page if item.page is not None else 0, quads=(), exact=normalize(item.exact),
                    prefix=normalize(item.prefix), suffix=normalize(item.suffix))
    return orphan, AnchorStatus.ORPHANED


def _on_page(area: Rect, text: PageText) -> Rect | None:
    """The part of ``area`` (finite, checked by the reader) that lies on the page; None when none of it does."""
    clipped = Rect(max(area.x0, 0.0), max(area.y0, 0.0), min(area.x1, text.width), min(area.y1, text.height))
    return clipped if clipped.width > 0 and clipped.height > 0 else None


def _themes_for(repo: Repository, titles: list[str | None]) -> tuple[dict[str, str], tuple[str, ...]]:
    """Theme ids by folded title, creating missing themes in the order the file first names them (at once)."""
    by_title: dict[str, str] = {_fold(theme.title): theme.id for theme in repo.themes()}
    missing: dict[str, str] = {}
    for title in titles:
        if title and _fold(title) not in by_title and _fold(title) not in missing:
            missing[_fold(title)] = title.strip()
    created: list[Theme] = repo.add_themes(list(missing.values())) if missing else []
    for theme in created:
        by_title[_fold(theme.title)] = theme.id
    return by_title, tuple(theme.title for theme in created)


def _fold(title: str) -> str:
    """Titles that differ only in case or spacing name the same theme."""
    return " ".join(title.split()).casefold()


def _annotation(
    item: W3CAnnotation,
    anchor: Anchor | None,
    status: AnchorStatus,
    fingerprint: str,
    themes: dict[str, str],
    author_fallback: str,
) -> Annotation:
    created: datetime = item.created or item.modified or utcnow()
    return Annotation(
        id=item.id,
        document=fingerprint,
        author=item.creator or author_fallback,
        anchor=anchor,
        status=status,
        kind=AnnotationKind.AREA if item.area is not None else AnnotationKind.TEXT,
        judgment=item.judgment,
        theme_id=themes.get(_fold(item.theme)) if item.theme else None,
        references=item.references,
        comment=item.comment,
        sources=item.sources,
        include_in_letter=item.include_in_letter,
        created=created,
        modified=item.modified or created,
    )


# --- export ---------------------------------------------------------------------------------------------------


def _document_fingerprint(document: Path | str) -> str:
    """A Path is a PDF file (its fingerprint is computed); a str is already a fingerprint."""
    return file_fingerprint(document) if isinstance(document, Path) else document


def _theme_titles(repo: Repository, annotations: list[Annotation]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for theme_id in {a.theme_id for a in annotations if a.theme_id}:
        theme = repo.theme(theme_id)
        if theme is not None:
            titles[theme_id] = theme.title
    return titles


def export_w3c(db: Database, document: Path | str, *, password: str | None = None,
               progress: Progress | None = None) -> dict[str, object]:
    """The live annotations of a document as an AnnotationCollection; ``document`` is the PDF (a Path: quotes then
    also get a TextPositionSelector; ``progress`` follows the reading of its pages) or its fingerprint (a str)."""
    repo = Repository(db)
    fingerprint = _document_fingerprint(document)
    annotations = repo.annotations(fingerprint)
    titles = _theme_titles(repo, annotations)
    anchorer = None
    if isinstance(document, Path):
        facts = read_pdf(document, progress, lambda: False, password)
        anchorer = Anchorer(facts.texts) if facts is not None else None
    items = []
    for a in annotations:
        position = None
        anchor = a.anchor
        if anchorer is not None and anchor is not None and anchor.quads and anchor.start is not None:
            start = anchorer.document_offset(anchor.page, anchor.start)
            if start is not None:
                position = (start, start + len(anchor.exact))
        items.append(annotation_to_w3c(a, titles.get(a.theme_id or ""), position=position))
    stored = repo.document(fingerprint)
    return collection_to_w3c(items, label=stored["title"] if stored else "")


def export_csv(db: Database, document: Path | str, *, password: str | None = None) -> str:
    """The live annotations of a document as CSV text (write it with csv_format.CSV_ENCODING)."""
    repo = Repository(db)
    fingerprint = _document_fingerprint(document)
    annotations = repo.annotations(fingerprint)
    stored = repo.document(fingerprint)
    labels: list[str] = list(stored["page_labels"]) if stored else []
    if not labels and isinstance(document, Path):
        doc = open_pdf(document, password)
        try:
            labels = page_labels(doc)
        finally:
            doc.close()
    return annotations_to_csv(annotations, _theme_titles(repo, annotations), labels)


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote: how many annotations, in which format, to which file."""

    path: Path
    file_format: str
    count: int


def export_annotations(db: Database, pdf_path: Path, out: Path, file_format: str, *, password: str | None = None,
                       progress: Progress | None = None) -> ExportReport:
    """Write the live annotations of the PDF at ``pdf_path`` to ``out`` as ``"jsonld"`` or ``"csv"``.

    The file is written beside ``out`` and moved into place, so a failed (or cancelled: ``progress`` raised) export
    never leaves half a file; a link is written through and a device written to (annotator.services.files). A
    failed write raises WriteError (an OSError) naming ``out``.
    """
    if file_format == "jsonld":
        collection = export_w3c(db, Path(pdf_path), password=password, progress=progress)
        text, encoding = json.dumps(collection, ensure_ascii=False, indent=2) + "\n", "utf-8"
        count = int(collection["total"])  # type: ignore[call-overload]
    elif file_format == "csv":
        if progress is not None:
            progress(0, 1)
        text, encoding = export_csv(db, Path(pdf_path), password=password), CSV_ENCODING
        count = sum(1 for _row in csv.reader(io.StringIO(text))) - 1  # a comment may span lines
        if progress is not None:
            progress(1, 1)
    else:
        raise ValueError(f"unknown export format {file_format!r}")
    out = Path(out)

    def write(path: Path) -> None:
        with open(path, "w", encoding=encoding, newline="") as stream:
            stream.write(text)

    write_file(out, write)
    return ExportReport(out, file_format, count)
