"""The overview of a review: how many passages got each judgment, per theme and per chapter of the agreement.

Counted from the live annotations of one document: per theme in the themes' order (annotations without a theme, or
with a theme no longer in the list, as "Overige punten", as the letter puts them), or per chapter, the top-level
entries of the PDF's outline with their first pages (only placed annotations count there, by the page their
passage starts on). Each group counts the five judgments and "no judgment", in the scale's order.

The window computes it from its review (in the review's worker) with the outline it already read; the command line
reads the outline in a PDF process (:func:`read_document`) and the annotations from the database
(:func:`document_overview`). No Qt, and MuPDF only in the PDF process.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from annotator.domain.model import AnchorStatus, Annotation, Judgment, Theme

if TYPE_CHECKING:
    from annotator.store.database import Database

__all__ = ["COLUMNS", "By", "Chapter", "Group", "Overview", "OverviewError", "PdfOutline", "by_chapter", "by_theme",
           "chapters_from_outline", "document_overview", "read_document", "review_overview", "words"]

By = Literal["theme", "chapter"]
# The columns of every group: the judgments from welcome to violation, then "no judgment" (None).
COLUMNS: tuple[Judgment | None, ...] = (*Judgment, None)

_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "other": "Overige punten",
        "front": "Vóór het eerste hoofdstuk",
        "no_judgment": "Geen oordeel",
    },
    "en": {
        "other": "Other points",
        "front": "Before the first chapter",
        "no_judgment": "No judgment",
    },
}


def words(language: str) -> dict[str, str]:
    """The overview's own words in ``language`` ('nl' or 'en'; another language is Dutch, as the letter's)."""
    return _WORDS.get(language, _WORDS["nl"])


class OverviewError(ValueError):
    """The overview cannot be made as asked (a document the database does not hold)."""


class OutlineEntry(Protocol):
    """One bookmark of a PDF outline, as annotator.pdf.render.OutlineEntry has it (page 0-based, -1: nowhere)."""

    @property
    def level(self) -> int: ...

    @property
    def title(self) -> str: ...

    @property
    def page(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter of the agreement: its title and its first page (0-based)."""

    title: str
    page: int


@dataclass(frozen=True, slots=True)
class Group:
    """One bar of the overview: a theme or a chapter, and its counts in the order of :data:`COLUMNS`.

    ``theme_id`` is the theme's id (None for "Overige punten" and for chapters); ``pages`` the chapter's first and
    last page (0-based; None for themes)."""

    title: str
    counts: tuple[int, ...]
    theme_id: str | None = None
    pages: tuple[int, int] | None = None
    other: bool = False  # "Overige punten" or the pages before the first chapter: no theme or chapter of its own

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, judgment: Judgment | None) -> int:
        return self.counts[COLUMNS.index(judgment)]


@dataclass(frozen=True, slots=True)
class Overview:
    """The groups of one document's overview, by theme or by chapter, in the document's language of choice.

    ``has_outline`` is False for an overview by chapter of a document without an outline (it has no groups)."""

    by: By
    groups: tuple[Group, ...]
    language: str = "nl"
    title: str = ""
    has_outline: bool = True

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    def totals(self) -> tuple[int, ...]:
        """The count of each column over all groups."""
        return tuple(sum(group.counts[column] for group in self.groups) for column in range(len(COLUMNS)))


def _counts(annotations: Iterable[Annotation]) -> tuple[int, ...]:
    counts = [0] * len(COLUMNS)
    for annotation in annotations:
        counts[COLUMNS.index(annotation.judgment)] += 1
    return tuple(counts)


def _live(annotations: Iterable[Annotation]) -> list[Annotation]:
    return [annotation for annotation in annotations if not annotation.deleted]


def by_theme(annotations: Iterable[Annotation], themes: Sequence[Theme], language: str = "nl",
             title: str = "") -> Overview:
    """Counts per theme, in the themes' order; every theme has its bar (empty ones too), and the annotations
    without a theme (or with one that is no longer in the list) come last as "Overige punten" when there are any."""
    ordered = sorted(themes, key=lambda theme: theme.position)
    known = {theme.id for theme in ordered}
    members: dict[str | None, list[Annotation]] = {}
    for annotation in _live(annotations):
        key = annotation.theme_id if annotation.theme_id in known else None
        members.setdefault(key, []).append(annotation)
    groups = [Group(theme.title, _counts(members.get(theme.id, ())), theme_id=theme.id) for theme in ordered]
    if members.get(None):
        groups.append(Group(words(language)["other"], _counts(members[None]), other=True))
    return Overview("theme", tuple(groups), language, title)


def chapters_from_outline(outline: Iterable[OutlineEntry]) -> list[Chapter]:
    """The chapters of a document: the top-level outline entries that point to a page, ordered by page.

    An outline with a single top-level entry above the others (the document's title) has its chapters one level
    down."""
    entries = [entry for entry in outline if entry.page >= 0]
    if not entries:
        return []
    top = min(entry.level for entry in entries)
    chapters = [entry for entry in entries if entry.level == top]
    deeper = [entry for entry in entries if entry.level > top]
    if len(chapters) == 1 and deeper:
        below = min(entry.level for entry in deeper)
        chapters = [entry for entry in deeper if entry.level == below]
    ordered = sorted(enumerate(chapters), key=lambda item: (item[1].page, item[0]))
    return [Chapter(" ".join(entry.title.split()) or "…", entry.page) for _index, entry in ordered]


def by_chapter(annotations: Iterable[Annotation], chapters: Sequence[Chapter], language: str = "nl",
               title: str = "", page_count: int | None = None) -> Overview:
    """Counts per chapter (see :func:`chapters_from_outline`), for the placed annotations, by the page their passage
    starts on; those on the pages before the first chapter come first, when there are any. Without chapters the
    overview has no groups and ``has_outline`` False."""
    if not chapters:
        return Overview("chapter", (), language, title, has_outline=False)
    starts = [chapter.page for chapter in chapters]
    members: list[list[Annotation]] = [[] for _ in chapters]
    front: list[Annotation] = []
    for annotation in _live(annotations):
        anchor = annotation.anchor
        if anchor is None or annotation.status is AnchorStatus.ORPHANED:
            continue
        index = bisect.bisect_right(starts, anchor.page) - 1
        (front if index < 0 else members[index]).append(annotation)
    groups: list[Group] = []
    if front:
        groups.append(Group(words(language)["front"], _counts(front), pages=(0, max(starts[0] - 1, 0)), other=True))
    for index, chapter in enumerate(chapters):
        following = starts[index + 1] if index + 1 < len(starts) else None
        last = (following - 1 if following is not None else
                (page_count - 1 if page_count else max(chapter.page, 0)))
        groups.append(Group(chapter.title, _counts(members[index]), pages=(chapter.page, max(last, chapter.page))))
    return Overview("chapter", tuple(groups), language, title)


def review_overview(annotations: Mapping[str, Annotation], themes: Sequence[Theme], by: By,
                    chapters: Sequence[Chapter], language: str = "nl", title: str = "",
                    page_count: int | None = None) -> Overview:
    """The overview of a review's annotations (by id, as a review keeps them) by theme or by chapter."""
    if by == "chapter":
        return by_chapter(annotations.values(), chapters, language, title, page_count)
    return by_theme(annotations.values(), themes, language, title)


# --- the command line's way: the outline from a PDF process, the annotations from the database ------------------


@dataclass(frozen=True, slots=True)
class PdfOutline:
    """What the overview needs of a PDF: its fingerprint, title, page count and chapters."""

    fingerprint: str
    title: str
    page_count: int
    chapters: tuple[Chapter, ...]


def read_document(path: Path, password: str | None = None) -> PdfOutline:
    """Open ``path`` in a PDF process of its own and read its fingerprint, title and outline.

    Raises the PdfOpenError of a file that is no usable PDF, or DamagedPdfError when MuPDF failed or gave no answer
    in time (the process is then killed), naming the file."""
    from annotator.pdf.errors import DamagedPdfError
    from annotator.pdf.jobs import OPEN_SECONDS
    from annotator.pdf.service import PdfProcess, PdfServiceError

    path = Path(path)
    process = PdfProcess()
    try:
        opened = process.call("open", path.absolute(), password, timeout=OPEN_SECONDS)
        fingerprint, _labels = process.call("facts", timeout=OPEN_SECONDS)
    except PdfServiceError as error:
        raise DamagedPdfError(path, f"{path.name}: gave up reading its outline ({error}).") from error
    finally:
        process.close()
    return PdfOutline(str(fingerprint), str(opened.title), int(opened.page_count),
                      tuple(chapters_from_outline(opened.outline)))


def document_overview(db: Database, document: PdfOutline, by: By, language: str = "nl") -> Overview:
    """The overview of ``document``'s annotations in ``db``; OverviewError when the database does not hold it."""
    from annotator.store.repository import Repository

    repo = Repository(db)
    if repo.document(document.fingerprint) is None:
        raise OverviewError(f"{db.where} holds no annotations of this document ({document.title}); open it in the "
                            "window or import its annotations first.")
    annotations = repo.annotations(document.fingerprint)
    if by == "chapter":
        return by_chapter(annotations, document.chapters, language, document.title, document.page_count)
    return by_theme(annotations, repo.themes(), language, document.title)
