"""The review's data: judgments, anchors, treaty references, themes and annotations. Standard library only."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from annotator.domain.text import check_text


class Judgment(enum.StrEnum):
    """How a passage measures up to human rights, from best to worst."""

    WELCOME = "welcome"
    NOTE = "note"
    CONCERN = "concern"
    SERIOUS_CONCERN = "serious-concern"
    VIOLATION = "violation"

    @property
    def rank(self) -> int:
        """0 for welcome up to 4 for violation; keys 1-5 in the editor map to rank + 1."""
        return list(Judgment).index(self)

    @classmethod
    def from_rank(cls, rank: int) -> Judgment:
        """The judgment at position ``rank`` (0-based) of the scale."""
        return list(cls)[rank]


# The colour of each judgment (hex RGB), the same on screen, in the annotated PDF and in the list.
JUDGMENT_COLOURS: dict[Judgment, str] = {
    Judgment.WELCOME: "#2e9e5b",
    Judgment.NOTE: "#3a7bd5",
    Judgment.CONCERN: "#f0b400",
    Judgment.SERIOUS_CONCERN: "#e8711a",
    Judgment.VIOLATION: "#d0342c",
}
UNJUDGED_COLOUR = "#9a9a9a"  # neutral grey, so that a highlight not yet judged does not read as one


class AnchorStatus(enum.StrEnum):
    """Whether an annotation's quote has a place in its document.

    ``ANCHORED``: placed (the same words, or a place the reviewer accepted). ``FUZZY``: carried over to a new
    version onto a passage whose words changed; placed, and waiting for the reviewer to accept it. ``AMBIGUOUS``:
    placed at the best of several places that fit about equally. ``ORPHANED``: no place; kept with its quote.
    """

    ANCHORED = "anchored"
    FUZZY = "fuzzy"
    AMBIGUOUS = "ambiguous"
    ORPHANED = "orphaned"


class AnnotationKind(enum.StrEnum):
    """A highlight of text, or of a drawn area (scans, tables, figures)."""

    TEXT = "text"
    AREA = "area"


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle in PDF points, origin top left (PyMuPDF's convention)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def contains(self, x: float, y: float) -> bool:
        """True when the point lies inside or on the edge."""
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


# An instrument id and an article number as the catalogue writes them ('echr', 'P4-4', '8(2013/33)'), bounded.
_INSTRUMENT = re.compile(r"[a-z0-9][a-z0-9_]{0,39}", re.ASCII)
_ARTICLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.,()/\-]{0,31}", re.ASCII)
MAX_REFERENCE_LENGTH = 200  # a custom reference ('HR-Comité, General Comment 36, par. 12') is a citation, no essay


@dataclass(frozen=True, slots=True)
class TreatyRef:
    """A reference ``<instrument-id>:<article>``; anything else is kept verbatim as a custom reference."""

    instrument: str
    article: str
    custom: str = ""

    @classmethod
    def parse(cls, text: str) -> TreatyRef:
        """Read ``echr:5`` or ``echr:P4-4``; text that is not of that shape (an article of more than 32 letters and
        digits among them) becomes a custom reference."""
        value = text.strip()
        head, sep, tail = value.partition(":")
        if sep and _INSTRUMENT.fullmatch(head) and _ARTICLE.fullmatch(tail):
            return cls(instrument=head, article=tail)
        return cls(instrument="", article="", custom=value)

    @classmethod
    def checked(cls, text: str) -> TreatyRef:
        """:meth:`parse` for untrusted input: ValueError when the text is empty, longer than
        MAX_REFERENCE_LENGTH, or holds characters that cannot be stored (see annotator.domain.text)."""
        value = check_text(text).strip()
        if not value:
            raise ValueError("the reference is empty")
        if len(value) > MAX_REFERENCE_LENGTH:
            raise ValueError(f"the reference is {len(value):,} characters long; a reference has at most "
                             f"{MAX_REFERENCE_LENGTH} (an article number at most 32)")
        if "\n" in value or "\t" in value:
            raise ValueError("the reference runs over more than one line")
        return cls.parse(value)

    @property
    def is_custom(self) -> bool:
        return not self.instrument

    def __str__(self) -> str:
        return self.custom if self.is_custom else f"{self.instrument}:{self.article}"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a highlight sits: page (0-based), quads in PDF points, and the quote with its context.

    A passage that runs over a page break has quads on more than one page: ``quad_pages`` then gives the page of
    each quad; it is empty when every quad lies on ``page``. ``start`` is an offset in the page text of ``page``,
    ``end`` one in the page text of the last page.
    """

    page: int
    quads: tuple[Rect, ...]
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    quad_pages: tuple[int, ...] = ()

    def pages(self) -> tuple[int, ...]:
        """The pages the highlight covers, in order."""
        return tuple(sorted(set(self.quad_pages))) if self.quad_pages else (self.page,)

    def quads_on(self, page: int) -> tuple[Rect, ...]:
        """The quads that lie on ``page``."""
        if not self.quad_pages:
            return self.quads if page == self.page else ()
        return tuple(quad for quad, on in zip(self.quads, self.quad_pages) if on == page)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place in a new version that fits a carried annotation's quote: the anchor there (page, quads, the words
    printed there as ``exact``) and how close those words are to the old quote (0-1)."""

    anchor: Anchor
    score: float


@dataclass(frozen=True, slots=True)
class CarriedFrom:
    """How an annotation came to a new version of its document, for the reviewer who checks the carry-over.

    ``outcome`` is the status the carry-over gave it (ANCHORED: the same words; FUZZY: changed words; AMBIGUOUS;
    ORPHANED), kept when the reviewer later accepts or re-places it; ``score`` how close the new words are to
    ``old_quote`` (1.0 for the same words, 0.0 for an orphan). ``candidates`` are, for an ambiguous one, the places
    that fit about equally (best first); for an orphan, look-alike passages that were not close or certain enough
    to take (never placed by themselves). ``old_page`` is 0-based, None when the old annotation had no place.
    ``kept``: the reviewer decided to keep the annotation as not found (the one part that changes afterwards).
    """

    annotation_id: str
    original_id: str
    old_document: str
    outcome: AnchorStatus
    old_quote: str
    old_page: int | None
    score: float
    candidates: tuple[Candidate, ...] = ()
    kept: bool = False  # the reviewer kept it as not found: it no longer waits in the review queue


def new_id() -> str:
    """A fresh annotation id, as used in the W3C mapping (without the ``urn:uuid:`` prefix)."""
    import uuid  # here: the window loads this module before its first page, and uuid loads platform

    return str(uuid.uuid4())


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(timezone.utc)


@dataclass(frozen=True, slots=True)
class Theme:
    """A heading under which annotations are grouped; becomes a section of the letter."""

    id: str
    title: str
    position: int


@dataclass(frozen=True, slots=True)
class Annotation:
    """One highlight with its judgment. Immutable: edits produce a new value via :meth:`changed`."""

    id: str
    document: str
    author: str
    anchor: Anchor | None
    status: AnchorStatus = AnchorStatus.ANCHORED
    kind: AnnotationKind = AnnotationKind.TEXT
    judgment: Judgment | None = None
    theme_id: str | None = None
    references: tuple[TreatyRef, ...] = ()
    comment: str = ""
    sources: tuple[str, ...] = ()
    include_in_letter: bool = True
    created: datetime = field(default_factory=utcnow)
    modified: datetime = field(default_factory=utcnow)
    revision: int = 1
    deleted: bool = False
    # Bookkeeping like revision: the reviewer whose write stored this revision ("" when not known).
    modified_by: str = ""

    def changed(self, **changes: object) -> Annotation:
        """A copy with ``changes`` applied (the store bumps revision and modified when it saves)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def quote(self) -> str:
        """The highlighted words, or an empty string for an area without text."""
        return self.anchor.exact if self.anchor else ""
