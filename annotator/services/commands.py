"""Undoable edits of a review: add, edit and delete annotations, and theme changes.

Each command applies itself to a :class:`Repository` and reports what it changed, so the views update only what
was touched. Commands know nothing of Qt; the window wraps them in ``QUndoCommand``s. Undo and redo put back the
exact values that were there (only the revision and the modification time move on), and refuse with
:class:`ConflictError` when someone else changed an annotation in between, instead of overwriting their work.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.domain.model import Annotation, Theme

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when a review is opened, not when the window starts
    from annotator.store.repository import Repository


@dataclass(frozen=True)
class Changes:
    """What an operation changed: annotations now live (new or edited), ids no longer live, themes touched."""

    upserted: tuple[Annotation, ...] = ()
    removed: tuple[str, ...] = ()
    themes: bool = False
    # Annotations a colleague had changed in the meantime; the edit was applied on top of their version.
    rebased: tuple[str, ...] = ()

    def __add__(self, other: Changes) -> Changes:
        return Changes(self.upserted + other.upserted, self.removed + other.removed, self.themes or other.themes,
                       self.rebased + other.rebased)


class Command(ABC):
    """One undoable step; ``text`` names it in the Edit menu."""

    text: str = ""

    @abstractmethod
    def redo(self, repo: Repository) -> Changes:
        """Do (or do again) what the command stands for."""

    @abstractmethod
    def undo(self, repo: Repository) -> Changes:
        """Put back what was there before."""


# What a reviewer edits on an annotation (not its identity, place or bookkeeping).
_EDITABLE = ("judgment", "theme_id", "references", "comment", "sources", "include_in_letter")


@dataclass
class _Tracked:
    """The values one annotation had before and after the command, and the revision this program last wrote."""

    before: Annotation | None
    after: Annotation | None
    revision: int = 0


class AddAnnotations(Command):
    """New highlights (one, or many from an import)."""

    def __init__(self, annotations: Sequence[Annotation], text: str = "Add highlight") -> None:
        self.text = text
        self._items = [_Tracked(None, a) for a in annotations]
        self._done_once = False

    def redo(self, repo: Repository) -> Changes:
        stored = []
        for item in self._items:
            assert item.after is not None
            if not self._done_once:
                value = repo.add(item.after)
            else:
                value = repo.restore(item.after.changed(deleted=False), expected_revision=item.revision)
            item.revision = value.revision
            stored.append(value)
        self._done_once = True
        return Changes(upserted=tuple(stored))

    def undo(self, repo: Repository) -> Changes:
        removed = []
        for item in reversed(self._items):
            assert item.after is not None
            value = repo.delete(item.after.id, expected_revision=item.revision)
            item.revision = value.revision
            removed.append(value.id)
        return Changes(removed=tuple(removed))

    @property
    def annotations(self) -> list[Annotation]:
        return [item.after for item in self._items if item.after is not None]


class EditAnnotations(Command):
    """Changes to existing annotations: judgment, theme, references, comment, ... of one or several at once."""

    def __init__(self, before: Sequence[Annotation], after: Sequence[Annotation], text: str = "Edit highlight") -> None:
        if [a.id for a in before] != [a.id for a in after]:
            raise ValueError("An edit needs the same annotations before and after, in the same order.")
        self.text = text
        self._items = [_Tracked(b, a, b.revision) for b, a in zip(before, after)]
        self._done_once = False

    def redo(self, repo: Repository) -> Changes:
        if self._done_once:
            return self._put(repo, lambda item: item.after)
        self._done_once = True
        return self._first(repo)

    def _first(self, repo: Repository) -> Changes:
        """Save the edit; where a colleague changed an annotation meanwhile, apply it to their version instead.

        Only the fields this edit changed are taken over, so a colleague's change to other fields survives; on a
        field both changed, this (later) edit wins, and undo brings back the colleague's version exactly.
        """
        from annotator.store.errors import ConflictError

        stored, rebased = [], []
        for item in self._items:
            assert item.before is not None and item.after is not None
            try:
                value = repo.restore(item.after, expected_revision=item.revision)
            except ConflictError:
                current = repo.get(item.before.id)
                if current is None:
                    raise
                changed = {name: getattr(item.after, name) for name in _EDITABLE
                           if getattr(item.after, name) != getattr(item.before, name)}
                item.before = current
                item.after = current.changed(**changed)
                value = repo.restore(item.after, expected_revision=current.revision)
                rebased.append(value.id)
            item.revision = value.revision
            stored.append(value)
        return Changes(upserted=tuple(stored), rebased=tuple(rebased))

    def undo(self, repo: Repository) -> Changes:
        return self._put(repo, lambda item: item.before)

    def _put(self, repo: Repository, pick) -> Changes:  # type: ignore[no-untyped-def]
        stored = []
        for item in self._items:
            value = repo.restore(pick(item), expected_revision=item.revision)
            item.revision = value.revision
            stored.append(value)
        return Changes(upserted=tuple(stored))

    def merge(self, other: EditAnnotations) -> bool:
        """Fold a following edit of the same annotations (typing a comment) into this one."""
        if [i.before.id for i in self._items] != [i.before.id for i in other._items]:  # type: ignore[union-attr]
            return False
        for mine, theirs in zip(self._items, other._items):
            mine.after = theirs.after
            mine.revision = theirs.revision
        return True


class DeleteAnnotations(Command):
    """Removing highlights; undo brings them back exactly."""

    def __init__(self, annotations: Sequence[Annotation], text: str = "Delete highlight") -> None:
        self.text = text
        self._items = [_Tracked(a, None, a.revision) for a in annotations]

    def redo(self, repo: Repository) -> Changes:
        removed = []
        for item in self._items:
            assert item.before is not None
            value = repo.delete(item.before.id, expected_revision=item.revision)
            item.revision = value.revision
            removed.append(value.id)
        return Changes(removed=tuple(removed))

    def undo(self, repo: Repository) -> Changes:
        stored = []
        for item in reversed(self._items):
            assert item.before is not None
            value = repo.restore(item.before, expected_revision=item.revision)
            item.revision = value.revision
            stored.append(value)
        return Changes(upserted=tuple(stored))


@dataclass
class ThemeListEdit(Command):
    """A change to the theme list: add, rename, move or remove a theme."""

    before: list[Theme]
    after: list[Theme]
    text: str = "Edit themes"

    def redo(self, repo: Repository) -> Changes:
        _apply_themes(repo, self.before, self.after)
        return Changes(themes=True)

    def undo(self, repo: Repository) -> Changes:
        _apply_themes(repo, self.after, self.before)
        return Changes(themes=True)


def _apply_themes(repo: Repository, current: list[Theme], wanted: list[Theme]) -> None:
    """Make the stored theme list equal ``wanted``: restore, rename, move and delete as needed."""
    wanted_ids = {theme.id for theme in wanted}
    for theme in current:
        if theme.id not in wanted_ids:
            repo.delete_theme(theme.id)
    for theme in wanted:
        repo.restore_theme(theme)
