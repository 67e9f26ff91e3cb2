"""Carrying a review over to the next version of the agreement: every annotation's passage placed in the new PDF.

With the old version's PDF at hand, both texts are aligned word by word in a PDF process and every annotation's
old place is carried through the alignment (annotator.pdf.anchoring.Carrier); with only its fingerprint, each
passage is searched for by its words and context. Each carried annotation gets a status: ANCHORED ("exact": the
same words), FUZZY (the passage with changed words, placed and waiting for the reviewer to accept it), AMBIGUOUS
(several places fit about equally; the best is taken, the others are kept as candidates) or ORPHANED (the passage
is gone; the annotation is kept with its old quote). What the review queue needs of each (the original, the old
quote and page, the score, the candidates) is recorded beside it (CarriedFrom).
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.domain.model import (
    Anchor,
    AnchorStatus,
    Annotation,
    AnnotationKind,
    Candidate,
    CarriedFrom,
    utcnow,
)
from annotator.pdf.anchoring import Carry, Passage
from annotator.pdf.jobs import PdfJob, file_fingerprint
from annotator.store.database import Database
from annotator.store.repository import Repository

__all__ = ["Carried", "ReanchorReport", "other_versions", "reanchor", "status_name"]

# Carried-over annotations get ids derived from the original and the new version, so doing it twice adds nothing.
_NAMESPACE = uuid.UUID("6f1c2d4e-8a57-4b1e-9f0a-3c2b1d0e5a71")


def status_name(status: AnchorStatus) -> str:
    """How the carry-over names a status: ``exact`` for the same words (ANCHORED), else the status's value."""
    return "exact" if status is AnchorStatus.ANCHORED else status.value


@dataclass(frozen=True)
class Carried:
    """One annotation and where it landed (pages 0-based; None where there is none)."""

    original: str
    carried: str
    status: AnchorStatus
    quote: str
    old_page: int | None
    new_page: int | None
    new_quote: str = ""
    score: float = 0.0
    candidates: tuple[Candidate, ...] = ()


@dataclass
class ReanchorReport:
    """What happened to each annotation of the old version; ``aligned``: whether the old version's text was at
    hand (else every passage was searched for)."""

    old: str
    new: str
    aligned: bool = False
    exact: int = 0
    fuzzy: int = 0
    ambiguous: int = 0
    orphaned: int = 0
    skipped_existing: int = 0
    items: list[Carried] = field(default_factory=list)

    @property
    def anchored(self) -> int:
        """The annotations placed: the same words, or changed words waiting for the reviewer."""
        return self.exact + self.fuzzy

    def count(self, status: AnchorStatus) -> None:
        name = status_name(status)
        setattr(self, name, getattr(self, name) + 1)

    def to_json(self) -> dict[str, object]:
        annotations: list[dict[str, object]] = []
        for item in self.items:
            entry: dict[str, object] = {
                "id": item.original, "new_id": item.carried, "status": status_name(item.status),
                "old_page": None if item.old_page is None else item.old_page + 1,
                "new_page": None if item.new_page is None else item.new_page + 1,
                "quote": item.quote, "new_quote": item.new_quote if item.new_page is not None else None,
                "score": item.score,
            }
            if item.status is AnchorStatus.AMBIGUOUS:
                entry["candidates"] = [{"page": c.anchor.page + 1, "quote": c.anchor.exact, "score": c.score}
                                       for c in item.candidates]
            annotations.append(entry)
        return {
            "from": self.old, "to": self.new, "aligned": self.aligned, "exact": self.exact, "fuzzy": self.fuzzy,
            "ambiguous": self.ambiguous, "orphaned": self.orphaned, "skipped_existing": self.skipped_existing,
            "annotations": annotations,
        }


def reanchor(db: Database, old_pdf: Path | str, new_pdf: Path,
             progress: Callable[[int, int], None] | None = None, *, password: str | None = None) -> ReanchorReport:
    """Copy the annotations of ``old_pdf`` (a PDF, or the fingerprint of a document in the database) onto
    ``new_pdf`` (opened with ``password`` when it is encrypted; so is the old PDF, or without one), placing each
    passage anew (judgment, theme, references, comment and sources go along); the new version is recorded as
    superseding the old one, and how each annotation came over is recorded beside it. Annotations carried over
    before are skipped, so doing it twice adds nothing.

    ``progress(done, total)`` follows the reading of the old PDF's pages (when given), then the new PDF's, then
    the carrying of the passages; when it raises (the reviewer cancelled), nothing has been written."""
    old = file_fingerprint(old_pdf) if isinstance(old_pdf, Path) else old_pdf
    repo = Repository(db)
    recorded = repo.document(old)
    with PdfJob(Path(new_pdf), password) as job:
        facts = job.facts
        report = ReanchorReport(old=old, new=facts.fingerprint)
        annotations: list[tuple[Annotation, str]] = []
        for annotation in repo.annotations(old):
            carried_id = str(uuid.uuid5(_NAMESPACE, f"{annotation.id}/{facts.fingerprint}"))
            if repo.get(carried_id, include_deleted=True) is not None:
                report.skipped_existing += 1
            else:
                annotations.append((annotation, carried_id))
        passages = {carried_id: passage for annotation, carried_id in annotations
                    if (passage := _passage(annotation)) is not None}
        if isinstance(old_pdf, Path) and passages:
            job.read_previous(Path(old_pdf), password, progress)
        job.read_text(progress)
        outcome = job.carry(list(passages.values()), progress,
                            old_pages=int(recorded["page_count"]) if recorded and recorded["page_count"] else None)
    assert outcome is not None  # cancelling is progress's to do: it raises
    report.aligned, results = outcome
    if not report.aligned:
        results = _in_order(list(passages.values()), results)
    found = dict(zip(passages, results))
    fresh: list[Annotation] = []
    records: list[CarriedFrom] = []
    now = utcnow()
    for annotation, carried_id in annotations:
        anchor, carry = _place(annotation, found.get(carried_id))
        status = carry.status
        fresh.append(annotation.changed(id=carried_id, document=facts.fingerprint, anchor=anchor, status=status,
                                        revision=1, created=now, modified=now))
        old_page = annotation.anchor.page if annotation.anchor is not None and annotation.anchor.quads else None
        records.append(CarriedFrom(carried_id, annotation.id, old, status, annotation.quote, old_page, carry.score,
                                   carry.candidates))
        report.count(status)
        placed = status is not AnchorStatus.ORPHANED
        report.items.append(Carried(annotation.id, carried_id, status, annotation.quote, old_page,
                                    anchor.page if placed else None, anchor.exact if placed else "", carry.score,
                                    carry.candidates))
    with repo.transaction():  # the new version, every carried annotation and its record: all of it or nothing
        repo.ensure_document(facts.fingerprint, facts.title, facts.page_count, facts.labels, Path(new_pdf).name,
                             supersedes=old if old != facts.fingerprint else None)
        if fresh:
            repo.bulk_add(fresh)
            repo.add_carried(records)
    return report


def _in_order(passages: list[Passage], carried: list[Carry]) -> list[Carry]:
    """Passages found by searching, in document order: one placed out of the order that the others keep (the
    longest run of placements in the old versions's order) may have been given to a look-alike elsewhere, and is
    kept with doubt (AMBIGUOUS, its place the first candidate) instead of exact or fuzzy."""
    placed = [(passage.page, passage.start or 0, number) for number, (passage, carry) in
              enumerate(zip(passages, carried))
              if passage.page is not None and carry.anchor is not None and carry.status is not AnchorStatus.ORPHANED]
    placed.sort()
    keys = [(carried[number].anchor.page, carried[number].anchor.start or 0)  # type: ignore[union-attr]
            for _page, _start, number in placed]
    tails: list[tuple[int, int]] = []  # patience sorting: the smallest end of a run of each length
    tail_of: list[int] = []
    before = [-1] * len(keys)
    for position, key in enumerate(keys):
        length = bisect_right(tails, key)
        before[position] = tail_of[length - 1] if length else -1
        if length == len(tails):
            tails.append(key)
            tail_of.append(position)
        else:
            tails[length], tail_of[length] = key, position
    keep: set[int] = set()
    position = tail_of[-1] if tail_of else -1
    while position >= 0:
        keep.add(placed[position][2])
        position = before[position]
    result = list(carried)
    for _page, _start, number in placed:
        carry = carried[number]
        if number not in keep and carry.status in (AnchorStatus.ANCHORED, AnchorStatus.FUZZY):
            assert carry.anchor is not None
            candidates = carry.candidates or (Candidate(carry.anchor, carry.score),)
            result[number] = Carry(AnchorStatus.AMBIGUOUS, carry.anchor, carry.score, candidates)
    return result


def other_versions(db: Database, fingerprint: str) -> list[dict[str, object]]:
    """The documents of the database other than ``fingerprint`` (oldest first): the versions to carry over from."""
    return [d for d in Repository(db).documents() if d["fingerprint"] != fingerprint]


def _passage(annotation: Annotation) -> Passage | None:
    """The passage to carry over; None for an annotation placed without looking (see _place)."""
    old = annotation.anchor
    if old is None or not old.exact.strip():
        return None
    if not old.quads:  # an orphan: only its words are known
        return Passage(old.exact, old.prefix, old.suffix)
    end_page = old.quad_pages[-1] if old.quad_pages else old.page
    return Passage(old.exact, old.prefix, old.suffix, old.page, old.start, end_page, old.end)


def _place(annotation: Annotation, carry: Carry | None) -> tuple[Anchor, Carry]:
    old = annotation.anchor
    if old is None:
        return Anchor(page=0, quads=(), exact=""), Carry(AnchorStatus.ORPHANED, None, 0.0)
    if carry is None:
        # An area without text cannot be found again; it keeps its place on the same page for the reviewer to check.
        if annotation.kind is AnnotationKind.AREA and old.quads:
            return old, Carry(AnchorStatus.AMBIGUOUS, old, 0.0, (Candidate(old, 0.0),))
        return old, Carry(AnchorStatus.ORPHANED, None, 0.0)
    if carry.anchor is not None and carry.status is not AnchorStatus.ORPHANED:
        return carry.anchor, carry
    return Anchor(page=old.page, quads=(), exact=old.exact, prefix=old.prefix, suffix=old.suffix), carry
