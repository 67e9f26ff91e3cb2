"""The review queue of a carried-over review: what a carry-over could not place with certainty, and the decisions.

A carry-over (annotator.services.reanchor) places every annotation of the old version in the new one and records
how (CarriedFrom). What is not ``exact`` waits for the reviewer: a FUZZY annotation (the passage with changed
words) to be accepted, re-placed or dropped; an AMBIGUOUS one (several places fit) to have its place picked from
the candidates; an ORPHANED one (the passage is gone) to be placed by hand or kept. Annotations placed with doubt
by an import have no record; they wait in the same queue, to be accepted where they are.

The decisions are plain new values of the annotation: the window makes each one an undoable command
(EditAnnotations, DeleteAnnotations). Nothing here knows of Qt.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.domain.model import Anchor, AnchorStatus, Annotation, Candidate, CarriedFrom

if TYPE_CHECKING:  # the store loads when a review is opened
    from annotator.services.review import Review
    from annotator.store.database import Database

__all__ = ["WAITING", "QueueItem", "Resemblance", "accepted", "candidate_places", "carried_records", "diff_words",
           "document_record", "find_version_file", "is_version_file", "placed", "queue", "resembling_versions", "version_names"]

# The statuses that wait for the reviewer.
WAITING = frozenset({AnchorStatus.FUZZY, AnchorStatus.AMBIGUOUS, AnchorStatus.ORPHANED})

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class QueueItem:
    """An annotation waiting for the reviewer, with how it came to this version (None: placed with doubt by an
    import, or carried over by a version that kept no record) and the name of the version it came from."""

    annotation: Annotation
    carried: CarriedFrom | None
    old_name: str = ""


def queue(review: Review) -> list[QueueItem]:
    """The live annotations of the review's document that wait for the reviewer, in reading order."""
    waiting = [a for a in review.in_order() if a.status in WAITING]
    records = carried_records(review, [a.id for a in waiting])
    names = version_names(review, {record.old_document for record in records.values()})
    return [QueueItem(a, records.get(a.id), names.get(records[a.id].old_document, "") if a.id in records else "")
            for a in waiting]


def carried_records(review: Review, ids: list[str]) -> dict[str, CarriedFrom]:
    """What the carry-over recorded of these annotations, for those it carried."""
    return review.repo.carried(ids) if ids else {}


def version_names(review: Review, fingerprints: set[str]) -> dict[str, str]:
    """How the window names these document versions: the file name last seen, else the title, else the start of
    the fingerprint."""
    names: dict[str, str] = {}
    for fingerprint in fingerprints:
        document = review.repo.document(fingerprint)
        name = str(document.get("file_name") or document.get("title") or "") if document else ""
        names[fingerprint] = name or fingerprint[:12]
    return names


def accepted(annotation: Annotation) -> Annotation:
    """The annotation accepted where it stands (its new wording, or the place an import or carry-over chose)."""
    return annotation.changed(status=AnchorStatus.ANCHORED)


def placed(annotation: Annotation, anchor: Anchor) -> Annotation:
    """The annotation at a place the reviewer chose: a candidate's, or text they selected."""
    return annotation.changed(anchor=anchor, status=AnchorStatus.ANCHORED)


def candidate_places(item: QueueItem) -> tuple[Candidate, ...]:
    """The places the reviewer can pick from: for an ambiguous one the places that fit (best first), for an orphan
    the look-alike passages the carry-over did not take; none for a changed passage (it has its place)."""
    if item.carried is None or item.annotation.status is AnchorStatus.FUZZY:
        return ()
    return item.carried.candidates


def diff_words(old: str, new: str) -> list[tuple[str, str]]:
    """The two wordings as runs of words: ("same", text), ("gone", text) for words only the old one has and
    ("new", text) for words only the new one has, in reading order (a replaced run: gone, then new).

    Words are compared as written, so a changed ending or capital shows; whitespace and line breaks do not."""
    old_words, new_words = _WORD.findall(old), _WORD.findall(new)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(old_words[a0:a1])))
            continue
        if a1 > a0:
            runs.append(("gone", " ".join(old_words[a0:a1])))
        if b1 > b0:
            runs.append(("new", " ".join(new_words[b0:b1])))
    return runs


@dataclass(frozen=True)
class Resemblance:
    """An earlier version with annotations whose words are in the document just opened: its fingerprint and name,
    how many live annotations it has, and the share of the sampled quotes found."""

    fingerprint: str
    name: str
    annotations: int
    found: float


# Quotes of each earlier version looked for in the document opened; one of at least this many words says something.
SAMPLE_QUOTES = 24
_SAMPLE_WORDS = 3
RESEMBLES = 0.5  # the share of the sampled quotes that must be found


def resembling_versions(db: Database, pdf: Path, fingerprint: str, password: str | None = None,
                        cancelled: Callable[[], bool] = lambda: False) -> list[Resemblance]:
    """The other documents of the database whose annotations' words stand in ``pdf`` (the document with
    ``fingerprint``), best first: the versions a reviewer opening a new text may want to carry over from.

    Nothing when the document has annotations of its own already, or no other document has any; else the text of
    ``pdf`` is read in a PDF process and up to SAMPLE_QUOTES quotes of each other version are looked for in it.
    Nothing either when ``cancelled()`` says so while the pages are read."""
    from annotator.pdf.jobs import PdfJob, Quote
    from annotator.store.repository import Repository

    repo = Repository(db)
    if repo.annotations(fingerprint):
        return []
    samples: dict[str, tuple[str, int, list[str]]] = {}
    for document in repo.documents():
        other = str(document["fingerprint"])
        if other == fingerprint:
            continue
        live = repo.annotations(other)
        quotes = [a.quote for a in live if a.status is not AnchorStatus.ORPHANED
                  and len(_WORD.findall(a.quote)) >= _SAMPLE_WORDS]
        if quotes:
            step = max(1, len(quotes) // SAMPLE_QUOTES)
            name = str(document.get("file_name") or document.get("title") or other[:12])
            samples[other] = (name, len(live), quotes[::step][:SAMPLE_QUOTES])
    if not samples:
        return []
    with PdfJob(pdf, password) as job:
        if not job.read_text(cancelled=cancelled):
            return []
        requests = [Quote(quote) for _name, _count, quotes in samples.values() for quote in quotes]
        placed = job.place(requests) or []
    found: list[Resemblance] = []
    offset = 0
    for other, (name, count, quotes) in samples.items():
        results = placed[offset:offset + len(quotes)]
        offset += len(quotes)
        share = sum(1 for status, _anchor in results if status is not AnchorStatus.ORPHANED) / len(quotes)
        if share >= RESEMBLES:
            found.append(Resemblance(other, name, count, share))
    return sorted(found, key=lambda r: (-r.found, -r.annotations))


# At most this many files are read whole to find an earlier version's PDF (each is hashed).
MAX_FILES_LOOKED_AT = 24


def find_version_file(fingerprint: str, file_name: str, places: Sequence[Path],
                      cancelled: Callable[[], bool] = lambda: False) -> Path | None:
    """The PDF with ``fingerprint`` (a document version known by its bytes) among ``places`` (the files the
    reviewer opened lately, the document open now): a file of the version's last known name first, then one of that
    name in the folders of those files, then the other files. None when none of them is that version, or when
    ``cancelled()`` says so."""
    from annotator.pdf.errors import PdfOpenError
    from annotator.pdf.facts import file_fingerprint

    given = [Path(place) for place in places]
    named = [place for place in given if file_name and place.name == file_name]
    beside = [folder / file_name for folder in dict.fromkeys(place.parent for place in given)] if file_name else []
    looked_at = 0
    for candidate in dict.fromkeys([*named, *beside, *given]):
        if looked_at >= MAX_FILES_LOOKED_AT or cancelled():
            return None
        try:
            if not candidate.is_file():
                continue
            looked_at += 1
            if file_fingerprint(candidate) == fingerprint:
                return candidate
        except (OSError, PdfOpenError):
            continue
    return None


def is_version_file(path: Path, fingerprint: str) -> bool:
    """Whether ``path`` is the document version with ``fingerprint`` (False for a file that cannot be read)."""
    from annotator.pdf.errors import PdfOpenError
    from annotator.pdf.facts import file_fingerprint

    try:
        return file_fingerprint(path) == fingerprint
    except (OSError, PdfOpenError):
        return False


def document_record(db: Database, fingerprint: str) -> dict[str, object]:
    """What the database records of a document version: title, file name, pages (empty when nothing)."""
    from annotator.store.repository import Repository

    return Repository(db).document(fingerprint) or {}
