"""Carrying a review over to the next version of the agreement: every annotation's quote placed in the new PDF."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.domain.model import Anchor, AnchorStatus, Annotation, AnnotationKind, utcnow
from annotator.pdf.jobs import Quote, file_fingerprint
from annotator.services.interchange import read_pdf
from annotator.store.database import Database
from annotator.store.repository import Repository

# Carried-over annotations get ids derived from the original and the new version, so doing it twice adds nothing.
_NAMESPACE = uuid.UUID("6f1c2d4e-8a57-4b1e-9f0a-3c2b1d0e5a71")


@dataclass(frozen=True)
class Carried:
    """One annotation and where it landed."""

    original: str
    carried: str
    status: AnchorStatus
    quote: str
    old_page: int | None
    new_page: int | None


@dataclass
class ReanchorReport:
    """What happened to each annotation of the old version."""

    old: str
    new: str
    anchored: int = 0
    ambiguous: int = 0
    orphaned: int = 0
    skipped_existing: int = 0
    items: list[Carried] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.old, "to": self.new, "anchored": self.anchored, "ambiguous": self.ambiguous,
            "orphaned": self.orphaned, "skipped_existing": self.skipped_existing,
            "annotations": [
                {"id": item.original, "new_id": item.carried, "status": item.status.value, "quote": item.quote,
                 "old_page": None if item.old_page is None else item.old_page + 1,
                 "new_page": None if item.new_page is None else item.new_page + 1}
                for item in self.items
            ],
        }


def reanchor(db: Database, old_pdf: Path | str, new_pdf: Path,
             progress: Callable[[int, int], None] | None = None, *, password: str | None = None) -> ReanchorReport:
    """Copy the annotations of ``old_pdf`` (a PDF, or the fingerprint of a document in the database) onto
    ``new_pdf`` (opened with ``password`` when it is encrypted), placing each quote anew (judgment, theme,
    references, comment and sources go along); the new version is recorded as superseding the old one.

    ``progress(done, total)`` follows the reading of the new PDF's pages, then the placing of the quotes; when it
    raises (the reviewer cancelled), nothing has been written."""
    old = file_fingerprint(old_pdf) if isinstance(old_pdf, Path) else old_pdf
    pdf = read_pdf(Path(new_pdf), progress, lambda: False, password)
    assert pdf is not None  # cancelling is progress's to do: it raises
    repo = Repository(db)
    with pdf:
        facts = pdf.facts
        report = ReanchorReport(old=old, new=facts.fingerprint)
        annotations = []
        for annotation in repo.annotations(old):
            carried_id = str(uuid.uuid5(_NAMESPACE, f"{annotation.id}/{facts.fingerprint}"))
            if repo.get(carried_id, include_deleted=True) is not None:
                report.skipped_existing += 1
            else:
                annotations.append((annotation, carried_id))
        quotes = {carried_id: quote for annotation, carried_id in annotations
                  if (quote := _quote(annotation)) is not None}
        placements = pdf.place(list(quotes.values()), progress)
    assert placements is not None  # cancelling is progress's to do: it raises
    found = dict(zip(quotes, placements))
    fresh: list[Annotation] = []
    now = utcnow()
    for annotation, carried_id in annotations:
        anchor, status = _place(annotation, found.get(carried_id))
        fresh.append(annotation.changed(id=carried_id, document=facts.fingerprint, anchor=anchor, status=status,
                                        revision=1, created=now, modified=now))
        setattr(report, status.value, getattr(report, status.value) + 1)
        report.items.append(Carried(annotation.id, carried_id, status, annotation.quote,
                                    annotation.anchor.page if annotation.anchor else None,
                                    anchor.page if status is not AnchorStatus.ORPHANED else None))
    with repo.transaction():  # the new version and every carried annotation: all of it or nothing
        repo.ensure_document(facts.fingerprint, facts.title, facts.page_count, facts.labels, Path(new_pdf).name,
                             supersedes=old if old != facts.fingerprint else None)
        if fresh:
            repo.bulk_add(fresh)
    return report


def other_versions(db: Database, fingerprint: str) -> list[dict[str, object]]:
    """The documents of the database other than ``fingerprint`` (oldest first): the versions to carry over from."""
    return [d for d in Repository(db).documents() if d["fingerprint"] != fingerprint]


def _quote(annotation: Annotation) -> Quote | None:
    """The quote to look for in the new version; None for an annotation placed without looking (see _place)."""
    old = annotation.anchor
    if old is None or (annotation.kind is AnnotationKind.AREA and not old.exact):
        return None
    return Quote(old.exact, old.prefix, old.suffix, old.page)


def _place(annotation: Annotation,
           placement: tuple[AnchorStatus, Anchor | None] | None) -> tuple[Anchor, AnchorStatus]:
    old = annotation.anchor
    if old is None:
        return Anchor(page=0, quads=(), exact=""), AnchorStatus.ORPHANED
    if placement is None:
        # An area without text cannot be found again; it keeps its place on the same page for the reviewer to check.
        return old, AnchorStatus.AMBIGUOUS
    status, anchor = placement
    if anchor is not None:
        return anchor, status
    return Anchor(page=old.page, quads=(), exact=old.exact, prefix=old.prefix, suffix=old.suffix), \
        AnchorStatus.ORPHANED
