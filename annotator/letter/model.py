"""The draft letter as data: blocks, sections, paragraphs of runs, footnotes and annex rows; every renderer reads it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class RunKind(enum.StrEnum):
    """What a piece of a paragraph is: plain text, the agreement's words, or a footnote mark."""

    TEXT = "text"
    QUOTE = "quote"
    FOOTNOTE = "footnote"


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a paragraph. A quote's text carries its quotation marks; a footnote run names its number.
    ``bold`` and ``italic`` come from the reviewer's own texts (annotator.letter.markup)."""

    text: str
    kind: RunKind = RunKind.TEXT
    footnote: int = 0
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a paragraph comes from, for a reviewer finishing the letter (shown as a Word comment if asked)."""

    annotation_id: str
    author: str
    page: str
    judgment: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of body text, or one bullet of a list. A paragraph that argues several passages together has the
    first one's provenance and the others' in ``also``."""

    runs: tuple[Run, ...]
    bullet: bool = False
    provenance: Provenance | None = None
    also: tuple[Provenance, ...] = ()

    @property
    def text(self) -> str:
        """The paragraph's words without footnote marks."""
        return "".join(run.text for run in self.runs if run.kind is not RunKind.FOOTNOTE)


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the letter under a heading: one per theme, or the summary. ``introduction`` opens it before the
    passages (the section introduction of the letter settings)."""

    title: str
    paragraphs: tuple[Paragraph, ...]
    introduction: tuple[Paragraph, ...] = ()


@dataclass(frozen=True, slots=True)
class Footnote:
    """A numbered footnote (numbers start at 1, in order of appearance)."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class AnnexRow:
    """One line of the annex table: an included annotation."""

    passage: str
    page: str
    judgment: str
    theme: str
    references: str
    author: str


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One line of the annex's table of changes: a judged passage of the previous version that the new one removed
    or changed (``became`` says which, with the new wording), its page and judgment."""

    passage: str
    became: str
    page: str
    judgment: str
    theme: str


@dataclass(frozen=True, slots=True)
class Letter:
    """A compiled draft: header blocks, opening, sections, closing (paragraphs before the signature, the last of them
    usually the greeting), footnotes and an optional annex."""

    language: str
    title: str
    author: str
    subject: str
    sender: tuple[str, ...]
    place_date: str
    reference: str
    subject_line: str
    addressee: str
    salutation: str
    introduction: tuple[Paragraph, ...]
    summary: Section | None
    sections: tuple[Section, ...]
    closing: tuple[Paragraph, ...]
    signature: tuple[str, ...]
    footnotes: tuple[Footnote, ...]
    annex_title: str = ""
    annex_header: tuple[str, ...] = ()
    annex: tuple[AnnexRow, ...] = ()
    # With the annex, for a version the review was carried over to: what changed since the previous version.
    changes_title: str = ""
    changes_header: tuple[str, ...] = ()
    changes: tuple[ChangeRow, ...] = ()
    # With the annex: a chart of the judgments per theme (PNG), with its caption.
    figure: bytes = b""
    figure_caption: str = ""
    template: str = ""
    comments: bool = False

    def footnote(self, number: int) -> Footnote:
        """The footnote with this number."""
        return self.footnotes[number - 1]
