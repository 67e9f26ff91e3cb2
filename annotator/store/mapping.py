"""Between domain Annotations and table rows: column values out, Annotation values back in."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from annotator.domain.model import (
    Anchor,
    AnchorStatus,
    Annotation,
    AnnotationKind,
    Candidate,
    CarriedFrom,
    Judgment,
    Rect,
    TreatyRef,
)
from annotator.store.errors import CorruptDatabaseError


def _dump(value: object) -> str:
    """Compact JSON; floats keep every digit (repr), so quads read back exactly."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _require_aware(a: Annotation) -> None:
    """Refuse a local time without a timezone: it would mean a different instant on a colleague's machine."""
    for name, value in (("created", a.created), ("modified", a.modified)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"The annotation {a.id} has a {name} time without a timezone ({value.isoformat()}).")


def annotation_values(a: Annotation) -> dict[str, Any]:
    """The column values of the annotations table for ``a``."""
    _require_aware(a)
    anchor = a.anchor
    return {
        "id": a.id,
        "document": a.document,
        "author": a.author,
        "created": a.created,
        "modified": a.modified,
        "revision": a.revision,
        "deleted": a.deleted,
        "status": a.status.value,
        "kind": a.kind.value,
        "page": anchor.page if anchor else None,
        "quads": _dump(_quads(anchor)) if anchor else None,
        "exact": anchor.exact if anchor else "",
        "prefix": anchor.prefix if anchor else "",
        "suffix": anchor.suffix if anchor else "",
        "start": anchor.start if anchor else None,
        "end": anchor.end if anchor else None,
        "judgment": a.judgment.value if a.judgment else None,
        "theme_id": a.theme_id,
        "comment": a.comment,
        "include_in_letter": a.include_in_letter,
        "sources": _dump(list(a.sources)),
        "modified_by": a.modified_by,
    }


def _quads(anchor: Anchor) -> list[list[float]]:
    """Quads as [x0, y0, x1, y1], with the page as a fifth number when the anchor spans pages."""
    if anchor.quad_pages:
        return [[q.x0, q.y0, q.x1, q.y1, page] for q, page in zip(anchor.quads, anchor.quad_pages)]
    return [[q.x0, q.y0, q.x1, q.y1] for q in anchor.quads]


def ref_values(a: Annotation) -> list[dict[str, Any]]:
    """The rows of the annotation_refs table for ``a``, in the annotation's order."""
    return [
        {"annotation_id": a.id, "position": position, "ref": str(ref), "custom": ref.is_custom}
        for position, ref in enumerate(a.references)
    ]


def treaty_ref(text: str, custom: bool) -> TreatyRef:
    """A stored reference back as a TreatyRef; a custom one verbatim, whatever it looks like."""
    if custom:
        return TreatyRef(instrument="", article="", custom=text)
    instrument, _, article = text.partition(":")
    return TreatyRef(instrument=instrument, article=article)


def annotation_from(row: Mapping[Any, Any], refs: Sequence[TreatyRef], where: str) -> Annotation:
    """An Annotation from a row of the annotations table and its references."""
    try:
        anchor = None
        if row["page"] is not None:
            stored = json.loads(row["quads"] or "[]")
            quads = tuple(Rect(*map(float, quad[:4])) for quad in stored)
            # A fifth number is the page of the quad, for a passage that runs over a page break.
            quad_pages = tuple(int(quad[4]) for quad in stored) if any(len(q) == 5 for q in stored) else ()
            anchor = Anchor(
                page=row["page"],
                quads=quads,
                exact=row["exact"],
                prefix=row["prefix"],
                suffix=row["suffix"],
                start=row["start"],
                end=row["end"],
                quad_pages=quad_pages,
            )
        return Annotation(
            id=row["id"],
            document=row["document"],
            author=row["author"],
            anchor=anchor,
            status=AnchorStatus(row["status"]),
            kind=AnnotationKind(row["kind"]),
            judgment=Judgment(row["judgment"]) if row["judgment"] else None,
            theme_id=row["theme_id"],
            references=tuple(refs),
            comment=row["comment"],
            sources=tuple(json.loads(row["sources"] or "[]")),
            include_in_letter=bool(row["include_in_letter"]),
            created=row["created"],
            modified=row["modified"],
            revision=row["revision"],
            deleted=bool(row["deleted"]),
            modified_by=row["modified_by"] or "",
        )
    except (ValueError, TypeError) as error:
        # json.JSONDecodeError is a ValueError; so is an unknown judgment, status or kind.
        raise CorruptDatabaseError(
            f"The annotation {row['id']} in {where} cannot be read ({error}); the database holds a value this "
            "version of the annotator does not understand."
        ) from error


def carried_values(record: CarriedFrom) -> dict[str, Any]:
    """The column values of the carried table for ``record``; candidates as a JSON list of anchors."""
    return {
        "annotation_id": record.annotation_id,
        "original_id": record.original_id,
        "old_document": record.old_document,
        "outcome": record.outcome.value,
        "old_quote": record.old_quote,
        "old_page": record.old_page,
        "score": float(record.score),
        "candidates": _dump([_candidate_value(c) for c in record.candidates]),
        "kept": record.kept,
    }


def _candidate_value(candidate: Candidate) -> dict[str, Any]:
    anchor = candidate.anchor
    return {"page": anchor.page, "quads": _quads(anchor), "text": anchor.exact, "prefix": anchor.prefix,
            "suffix": anchor.suffix, "start": anchor.start, "end": anchor.end, "score": candidate.score}


def candidates_from(value: Any) -> tuple[Candidate, ...]:
    """Candidates from the parsed JSON of the carried table's column; ValueError when it is not their shape."""
    if not isinstance(value, list):
        raise ValueError("the candidates are not a list")
    found = []
    for item in value:
        if not isinstance(item, dict):
            raise ValueError("a candidate is not an object")
        page, quads, text = item.get("page"), item.get("quads"), item.get("text")
        start, end, score = item.get("start"), item.get("end"), item.get("score")
        if not isinstance(page, int) or isinstance(page, bool) or not 0 <= page < 1_000_000:
            raise ValueError("a candidate has no page")
        if not isinstance(text, str) or not isinstance(item.get("prefix", ""), str) \
                or not isinstance(item.get("suffix", ""), str):
            raise ValueError("a candidate's text is not text")
        if not isinstance(score, (int, float)) or isinstance(score, bool) or not 0.0 <= score <= 1.0:
            raise ValueError("a candidate's score is not a number from 0 to 1")
        for offset in (start, end):
            if offset is not None and (not isinstance(offset, int) or isinstance(offset, bool) or offset < 0):
                raise ValueError("a candidate's offsets are not offsets")
        if not isinstance(quads, list) or not all(
                isinstance(q, list) and len(q) in (4, 5) and all(
                    isinstance(n, (int, float)) and not isinstance(n, bool) and abs(n) <= 1_000_000 for n in q)
                for q in quads):
            raise ValueError("a candidate's quads are not lists of four or five numbers")
        rects = tuple(Rect(*map(float, q[:4])) for q in quads)
        quad_pages = tuple(int(q[4]) for q in quads) if any(len(q) == 5 for q in quads) else ()
        if quad_pages and len(quad_pages) != len(rects):
            raise ValueError("a candidate's quads name their pages for some quads only")
        anchor = Anchor(page=page, quads=rects, exact=text, prefix=item.get("prefix", ""),
                        suffix=item.get("suffix", ""), start=start, end=end, quad_pages=quad_pages)
        found.append(Candidate(anchor, float(score)))
    return tuple(found)


def carried_from(row: Mapping[Any, Any], where: str) -> CarriedFrom:
    """A CarriedFrom from a row of the carried table."""
    try:
        return CarriedFrom(
            annotation_id=row["annotation_id"],
            original_id=row["original_id"],
            old_document=row["old_document"],
            outcome=AnchorStatus(row["outcome"]),
            old_quote=row["old_quote"],
            old_page=row["old_page"],
            score=float(row["score"]),
            candidates=candidates_from(json.loads(row["candidates"] or "[]")),
            kept=bool(row.get("kept", False)),
        )
    except (ValueError, TypeError) as error:
        raise CorruptDatabaseError(
            f"What {where} records of the carried-over annotation {row['annotation_id']} cannot be read "
            f"({error}); the database holds a value this version of the annotator does not understand."
        ) from error


def sort_key(a: Annotation) -> tuple[bool, int, float, float, str, str]:
    """Reading order: page, then the top of the first quad, then its left edge; unplaced annotations last."""
    anchor = a.anchor
    if anchor is None:
        return (True, 0, 0.0, 0.0, a.created.isoformat(), a.id)
    first = anchor.quads[0] if anchor.quads else None
    return (
        False,
        anchor.page,
        first.y0 if first else 0.0,
        first.x0 if first else 0.0,
        a.created.isoformat(),
        a.id,
    )
