"""Compile the draft response letter from the database, check it, and write it as .docx, .md or .html."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import Annotation, CarriedFrom, Judgment
from annotator.letter.checks import Check, ignored_settings, run_checks
from annotator.letter.compose import (
    Composition,
    Sources,
    arranged_sections,
    compose,
    compose_letter,
    page_citation,
    quoted,
    recompose_paragraph,
)
from annotator.letter.model import Letter
from annotator.letter.phrases import Phrases, load_phrases
from annotator.letter.render_docx import render_docx
from annotator.letter.render_html import Block, PreviewPage, paragraph_html, preview_page, render_html
from annotator.letter.render_md import render_md
from annotator.letter.settings import LetterSettings, load_settings, read_settings, settings_to, with_overrides
from annotator.paths import resources_dir
from annotator.services.files import write_file
from annotator.store.database import Database
from annotator.store.repository import Repository

if TYPE_CHECKING:
    from annotator.services.overview import Overview

__all__ = ["RENDERERS", "LetterError", "LetterView", "OutlinePassage", "OutlineSection", "compile_letter",
           "latest_document", "letter_preview", "letter_settings", "letter_view", "settings_values", "write_letter"]

RENDERERS: dict[str, Callable[[Letter, Path], None]] = {
    ".docx": render_docx,
    ".md": render_md,
    ".html": render_html,
    ".htm": render_html,
}


class LetterError(ValueError):
    """The letter cannot be compiled or written as asked (unknown document, unknown file type, ...)."""


def latest_document(db: Database) -> dict[str, object] | None:
    """The most recently added document in the database, or None when it has none."""
    documents = Repository(db).documents()
    return documents[-1] if documents else None


@dataclass(frozen=True)
class _Prepared:
    sources: Sources
    settings: LetterSettings
    catalogue: Catalogue
    phrases: Phrases
    ignored: list[str]


def _prepare(db: Database, fingerprint: str, settings_override: Mapping[str, object] | None,
             catalogue: Catalogue | None) -> _Prepared:
    repo = Repository(db)
    document = repo.document(fingerprint)
    if document is None:
        raise LetterError(f"The document {fingerprint[:12]}… is not in {db.where}; open or import it first.")
    overrides = dict(settings_override or {})
    language = overrides.pop("language", None)
    stored, ignored = read_settings(repo.letter_settings(), str(language) if language else None)
    settings = with_overrides(stored, overrides)
    resources = resources_dir()
    if catalogue is None:
        catalogue = Catalogue.load(resources / "treaties.json")
    phrases = load_phrases(resources / "letter" / "phrases.json", settings.language)
    annotations = repo.annotations(fingerprint)
    carried: dict[str, CarriedFrom] = {}
    previous: dict[str, tuple[str, list[str]]] = {}
    if settings.annex:  # the annex says what changed since the version the review was carried over from
        carried = {record.annotation_id: record for record in repo.carried_into(fingerprint)}
        for old in {record.old_document for record in carried.values()}:
            info = repo.document(old) or {}
            previous[old] = (str(info.get("file_name") or info.get("title") or old[:12]),
                             list(info.get("page_labels") or []))
    sources = Sources(annotations, repo.themes(), list(document["page_labels"]), carried, previous)
    return _Prepared(sources, settings, catalogue, phrases, ignored)


def compile_letter(
    db: Database,
    fingerprint: str,
    settings_override: Mapping[str, object] | None = None,
    *,
    catalogue: Catalogue | None = None,
    today: date | None = None,
    chart: Callable[[Overview], bytes] | None = None,
) -> tuple[Letter, list[Check]]:
    """The draft letter for the document ``fingerprint`` and the findings a reviewer should see before sending it.

    ``settings_override`` replaces stored settings for this compile only (e.g. ``{"language": "en"}``; a language
    change also takes that language's salutation, closing and other worded settings). With the annex and its chart
    (settings ``annex`` and ``chart``), ``chart(overview)`` draws the judgments per theme as a PNG for the annex
    (the window's or the command line's chart; without it there is no figure).
    """
    prepared = _prepare(db, fingerprint, settings_override, catalogue)
    letter = compose_letter(prepared.sources, prepared.settings, prepared.catalogue, prepared.phrases,
                            today or date.today())
    if chart is not None and prepared.settings.annex and prepared.settings.chart:
        from annotator.services.overview import by_theme

        overview = by_theme(prepared.sources.annotations, prepared.sources.themes, prepared.settings.language)
        # A letter's figure shows what was judged: a theme without passages is no bar of it (the window's panel
        # keeps them, to show where nothing was judged yet).
        overview = replace(overview, groups=tuple(group for group in overview.groups if group.total))
        letter = replace(letter, figure=chart(overview), figure_caption=prepared.phrases.word("figure_caption"))
    return letter, ignored_settings(prepared.ignored) + run_checks(prepared.sources, prepared.settings)


def letter_preview(db: Database, fingerprint: str, *, catalogue: Catalogue | None = None) -> tuple[str, list[Check]]:
    """The draft letter as one HTML page (for the window's preview), and its checks."""
    view = letter_view(db, fingerprint, catalogue=catalogue)
    return view.html, view.checks


@dataclass(frozen=True)
class OutlinePassage:
    """A passage as the Letter panel lists it: its annotation, the start of its quote, page and judgment."""

    id: str
    quote: str
    page: str
    judgment: Judgment | None


@dataclass(frozen=True)
class OutlineSection:
    """A section of the letter as the Letter panel arranges it: its key in the arrangement (the theme's id; ''
    for the points without a theme), title, introduction (markup) and paragraphs of passages."""

    key: str
    title: str
    introduction: str
    paragraphs: tuple[tuple[OutlinePassage, ...], ...]


@dataclass(frozen=True)
class LetterView:
    """What the Letter panel shows: the letter as an HTML page of anchored paragraphs, its checks, the stored
    settings and the sections' outline; and the composition, to compose a paragraph again as the reviewer edits
    (see :func:`edited_paragraph`)."""

    page: PreviewPage
    checks: list[Check]
    settings: LetterSettings
    outline: tuple[OutlineSection, ...]
    composition: Composition

    @property
    def html(self) -> str:
        return self.page.html


OUTLINE_QUOTE_WORDS = 12


def letter_view(db: Database, fingerprint: str, *, catalogue: Catalogue | None = None,
                today: date | None = None) -> LetterView:
    """The draft letter for the window: one HTML page, the checks, the settings it was compiled with and the
    outline of its sections (every theme's, in the letter's order, also those without passages yet)."""
    prepared = _prepare(db, fingerprint, None, catalogue)
    sources, settings, phrases = prepared.sources, prepared.settings, prepared.phrases
    composition = compose(sources, settings, prepared.catalogue, phrases, today or date.today())
    outline = []
    for key, title, paragraphs in arranged_sections(sources, settings, phrases):
        outline.append(OutlineSection(key, title, settings.section_introduction(title), tuple(
            tuple(OutlinePassage(a.id, quoted(a.quote, OUTLINE_QUOTE_WORDS, OUTLINE_QUOTE_WORDS - 2, "…"),
                                 page_citation(a, sources.page_labels, phrases)[0], a.judgment) for a in group)
            for group in paragraphs)))
    checks = ignored_settings(prepared.ignored) + run_checks(sources, settings)
    return LetterView(preview_page(composition.letter), checks, settings, tuple(outline), composition)


def edited_paragraph(view: LetterView, edited: Annotation) -> Block | None:
    """The preview's section paragraph that argues ``edited``, composed again with the annotation as the reviewer
    has it now (a comment being typed, a judgment just set), without reading the database: None when the edit moves
    the passage elsewhere in the letter, which only a new compile can place."""
    again = recompose_paragraph(view.composition, edited)
    if again is None:
        return None
    key, paragraph = again
    return Block("", "p", paragraph_html(paragraph), key)


def letter_settings(repo: Repository) -> LetterSettings:
    """The letter's settings as stored in the review's database."""
    return load_settings(repo)


def settings_values(settings: LetterSettings) -> dict[str, str]:
    """The stored form of letter settings (key to text), as the database keeps them."""
    return settings_to(settings)


def write_letter(letter: Letter, path: Path) -> None:
    """Write ``letter`` to ``path`` in the format its suffix names: whole or not at all, through a link and to a
    device the way ``cp`` does (annotator.services.files); a failed write raises WriteError naming ``path``."""
    path = Path(path)
    renderer = RENDERERS.get(path.suffix.lower())
    if renderer is None:
        raise LetterError(f"{path.name}: cannot write a letter as {path.suffix or 'a file without suffix'}; "
                          f"use {', '.join(sorted(set(RENDERERS) - {'.htm'}))}")
    write_file(path, lambda partial: renderer(letter, partial))
