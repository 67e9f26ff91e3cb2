"""A review in progress: one document's annotations in one database, edited through undoable commands."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from annotator.domain.model import (
    Anchor,
    AnchorStatus,
    Annotation,
    AnnotationKind,
    Judgment,
    Theme,
    TreatyRef,
    new_id,
    utcnow,
)
from annotator.letter.arrangement import ARRANGEMENT_KEY
from annotator.services.commands import (
    AnnotationsCommand,
    Changes,
    Command,
    LetterSettingsEdit,
    Steps,
    ThemeListEdit,
)
from annotator.store.errors import PermissionDeniedError

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when a review is opened, not when the window starts
    from annotator.store.database import Database
    from annotator.store.repository import ChangeToken, Repository


@dataclass(frozen=True)
class DocumentIdentity:
    """Who a document is: fingerprint, title, pages and printed page labels, and the name it was opened under."""

    fingerprint: str
    title: str
    page_count: int
    labels: list[str]
    file_name: str


class ReviewState:
    """What is known of a review's document, annotations and themes: a plain copy, for the window to show.

    The window keeps one, updated from the :class:`Changes` that the review's worker sends back.
    """

    def __init__(self, document: DocumentIdentity, author: str, annotations: dict[str, Annotation],
                 themes: list[Theme]) -> None:
        self.document = document
        self.author = author
        self.annotations = annotations
        self.themes = themes

    def in_order(self) -> list[Annotation]:
        """The live annotations in reading order."""
        return sorted(self.annotations.values(), key=_reading_order)

    def theme(self, id: str | None) -> Theme | None:
        return next((theme for theme in self.themes if theme.id == id), None) if id else None

    def new_annotation(self, anchor: Anchor | None, *, kind: AnnotationKind = AnnotationKind.TEXT,
                       judgment: Judgment | None = None, theme_id: str | None = None,
                       references: Iterable[TreatyRef] = (), comment: str = "",
                       status: AnchorStatus = AnchorStatus.ANCHORED) -> Annotation:
        """A new annotation of this document by this reviewer (not stored yet: wrap it in AddAnnotations)."""
        now = utcnow()
        return Annotation(
            id=new_id(),
            document=self.document.fingerprint,
            author=self.author,
            modified_by=self.author,
            anchor=anchor,
            status=status,
            kind=kind,
            judgment=judgment,
            theme_id=theme_id,
            references=tuple(references),
            comment=comment,
            created=now,
            modified=now,
        )


class Review(ReviewState):
    """The live annotations of one document, kept in step with the database.

    Every change goes through :meth:`execute`, :meth:`undo` or :meth:`redo` and is committed at once; the returned
    :class:`Changes` tell the views what to redraw. :meth:`refresh` picks up what other programs wrote.
    """

    def __init__(self, repo: Repository, document: DocumentIdentity, author: str) -> None:
        super().__init__(document, author, {}, [])
        self.repo = repo
        repo.author = author  # every change is recorded as this reviewer's (modified_by)
        try:
            repo.ensure_document(document.fingerprint, document.title, document.page_count, document.labels,
                                 document.file_name)
        except PermissionDeniedError:
            pass  # a colleague who may only read: reading works, an edit is refused with the reason
        self._token: ChangeToken | None = None
        self._arrangement = ""  # the letter's arrangement as last read or written here (see absorb)
        self.reload()

    @classmethod
    def open(cls, db: Database, document: DocumentIdentity, author: str, default_themes: Sequence[str]) -> Review:
        """Open the review of ``document`` in ``db``, seeding the default themes in a new database."""
        from annotator.store.repository import Repository

        repo = Repository(db, author)
        try:
            repo.seed_default_themes(default_themes)
            repo.reviewer(author)
        except PermissionDeniedError:
            pass  # a read-only role: see __init__
        return cls(repo, document, author)

    # --- reading ----------------------------------------------------------------------------------

    def reload(self) -> Changes:
        """Read everything again; returns the annotations that differ from what was loaded before."""
        self._token = self.repo.change_token(self.document.fingerprint)
        fresh = {a.id: a for a in self.repo.annotations(self.document.fingerprint)}
        changed = tuple(a for id, a in fresh.items() if self.annotations.get(id) != a)
        removed = tuple(id for id in self.annotations if id not in fresh)
        themes = self.repo.themes()
        themes_changed = themes != self.themes
        self.annotations, self.themes = fresh, themes
        self._arrangement = self.repo.letter_settings().get(ARRANGEMENT_KEY, "")
        return Changes(upserted=changed, removed=removed, themes=themes_changed)

    def absorb(self, text: str) -> tuple[Changes, Command | None]:
        """Read what a long operation (import, merge, carry-over) stored, and make it one step to undo.

        Returns the changes to show and a command that is already applied (its first redo only reports it); undoing
        it puts back the annotations, themes and the letter's arrangement (which a merge takes from the colleague's,
        section by section) as they were before. None when the operation changed nothing here.
        """
        before, themes_before, arrangement_before = dict(self.annotations), list(self.themes), self._arrangement
        changes = self.reload()
        pairs = [(before.get(a.id) or a.changed(deleted=True), a) for a in changes.upserted]
        pairs += [(before[id], before[id].changed(deleted=True)) for id in changes.removed if id in before]
        steps: list[Command] = []
        if self.themes != themes_before:
            steps.append(ThemeListEdit(themes_before, list(self.themes), text=text))
        if pairs:
            steps.append(AnnotationsCommand(pairs, text, applied=True))
        if self._arrangement != arrangement_before:
            steps.append(LetterSettingsEdit({ARRANGEMENT_KEY: arrangement_before},
                                            {ARRANGEMENT_KEY: self._arrangement}, text=text))
            changes = replace(changes, letter_settings=True)
        return changes, (Steps(steps, text) if steps else None)

    def reread(self) -> Changes:
        """Read everything again and report all of it (after a step was refused: the window may show what never
        reached the database)."""
        self.reload()
        return Changes(upserted=tuple(self.annotations.values()), themes=True, complete=True)

    def refresh(self) -> Changes | None:
        """What others changed since we last looked, or None when nothing did (a cheap query)."""
        token = self.repo.changed_since(self.document.fingerprint, self._token) if self._token else None
        themes = self.repo.themes()
        if token is None and themes == self.themes:
            return None
        return self.reload()

    # --- changing ---------------------------------------------------------------------------------

    def sign_as(self, name: str) -> None:
        """New annotations are signed with ``name`` from now on (recorded among the database's reviewers)."""
        self.repo.reviewer(name)
        self.author = self.repo.author = name

    def execute(self, command: Command) -> Changes:
        """Do a command for the first time (or again, as redo), in one transaction: all of it or nothing."""
        with self.repo.transaction():
            seen = self.repo.change_token(self.document.fingerprint) == self._token
            changes = command.redo(self.repo)
            self._moved_on(seen)
        return self._apply(changes)

    def undo(self, command: Command) -> Changes:
        """Undo a command, in one transaction."""
        with self.repo.transaction():
            seen = self.repo.change_token(self.document.fingerprint) == self._token
            changes = command.undo(self.repo)
            self._moved_on(seen)
        return self._apply(changes)

    def _moved_on(self, seen: bool) -> None:
        # Our own writes move the token on; only others' writes should make refresh() reload. When others wrote
        # before this command, the old token stays, so the next refresh still reads their changes.
        if seen:
            self._token = self.repo.change_token(self.document.fingerprint)

    def _apply(self, changes: Changes) -> Changes:
        for annotation in changes.upserted:
            self.annotations[annotation.id] = annotation
        for id in changes.removed:
            self.annotations.pop(id, None)
        if changes.themes:
            self.themes = self.repo.themes()
        if changes.letter_settings:
            self._arrangement = self.repo.letter_settings().get(ARRANGEMENT_KEY, "")
        return changes


def _reading_order(annotation: Annotation) -> tuple[int, float, float]:
    anchor = annotation.anchor
    if anchor is None or not anchor.quads:
        return (1 << 30, 0.0, 0.0)
    first = anchor.quads[0]
    return (anchor.page, first.y0, first.x0)
