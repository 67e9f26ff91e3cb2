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

from annotator.domain.model import Anchor, AnchorStatus, Annotation, AnnotationKind, Theme, utcnow
from annotator.interchange.csv_format import CSV_ENCODING, annotations_to_csv
from annotator.interchange.files import read_json_file
from annotator.interchange.w3c import (
    InterchangeError,
    W3CAnnotation,
    annotation_to_w3c,
    collection_to_w3c,
    parse_w3c,
)
from annotator.pdf.jobs import Area, PdfJob, Quote, file_fingerprint
from annotator.pdf.normalize import normalize
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


# How often an import is tried when another program adds the same annotations or themes at the same moment.
_IMPORT_ATTEMPTS = 3


def read_pdf(pdf_path: Path, progress: Progress | None, cancelled: Callable[[], bool],
             password: str | None = None) -> PdfJob | None:
    """The PDF opened in a PDF process of its own with the text of every page read there, ready to place quotes
    (close it, or use it in a ``with`` block); None when cancelled between two pages.

    ``progress(done, total)`` is called after each page; it may raise (a cancellation) to stop the reading. A file
    that is no usable PDF, or that makes MuPDF fail, run out of memory or take too long, raises PdfOpenError
    naming the file."""
    job = PdfJob(Path(pdf_path), password)
    try:
        if job.read_text(progress, cancelled):
            return job
    except BaseException:
        job.close()
        raise
    job.close()
    return None


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
    pdf = read_pdf(Path(pdf_path), progress, cancelled, password)
    if pdf is None:
        return ImportReport(cancelled=True)
    with pdf:
        facts = pdf.facts
        repo = Repository(db)
        fresh, skipped = _new_items(repo, facts.fingerprint, items)
        placements = pdf.place([_request(item) for item in fresh], progress, cancelled)
    if placements is None or cancelled():
        return ImportReport(cancelled=True, fingerprint=facts.fingerprint)
    placed = [(item, *_placed(item, status, anchor)) for item, (status, anchor) in zip(fresh, placements)]

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
                repo.ensure_document(facts.fingerprint, facts.title, facts.page_count, facts.labels,
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
    elsewhere = set(repo.current([item.id for item in items if item.id not in known]))  # other documents', at once
    fresh = [item for item in items if item.id not in known and item.id not in elsewhere]
    return fresh, len(items) - len(fresh)


def _request(item: W3CAnnotation) -> Quote | Area:
    """What to ask the PDF process to place for one imported item: its area on its page, or its quote."""
    if item.area is not None and item.page is not None:
        return Area(item.page, item.area)
    position = item.position[0] if item.position else None
    return Quote(item.exact, item.prefix, item.suffix, item.page, position)


def _placed(item: W3CAnnotation, status: AnchorStatus, anchor: Anchor | None) -> tuple[Anchor, AnchorStatus]:
    """The anchor and status of one imported item; an orphan keeps its quote in an anchor without quads."""
    if anchor is not None:
        return anchor, status
    if item.area is not None and item.page is not None:
        # A page this PDF does not have (or an area wholly off its page): the area is kept as it was, so that it
        # exports (and imports) again; the reader has bounded it to a page of at most MAX_POINTS a side.
        return Anchor(page=item.page, quads=(item.area,), exact=normalize(item.exact)), AnchorStatus.ORPHANED
    # The store keeps a quote only with an anchor, so an orphan gets one with no quads: it can be exported again
    # and re-anchored later, and it is never drawn.
    orphan = Anchor(page=item.page if item.page is not None else 0, quads=(), exact=normalize(item.exact),
                    prefix=normalize(item.prefix), suffix=normalize(item.suffix))
    return orphan, AnchorStatus.ORPHANED


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
    positions: dict[str, tuple[int, int]] = {}
    if isinstance(document, Path):
        placed = [(a.id, a.anchor) for a in annotations
                  if a.anchor is not None and a.anchor.quads and a.anchor.start is not None]
        pdf = read_pdf(document, progress, lambda: False, password)
        assert pdf is not None  # only a cancelled reading gives none; cancelling is progress's to do: it raises
        with pdf:
            starts = pdf.document_offsets([(anchor.page, anchor.start or 0) for _id, anchor in placed])
        for (id, anchor), start in zip(placed, starts):
            if start is not None:
                positions[id] = (start, start + len(anchor.exact))
    items = [annotation_to_w3c(a, titles.get(a.theme_id or ""), position=positions.get(a.id)) for a in annotations]
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
        with PdfJob(document, password) as pdf:
            labels = list(pdf.facts.labels)
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
