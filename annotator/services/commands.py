"""Undoable edits of a review: add, edit and delete annotations, the theme list, the letter settings.

Each command applies itself to a :class:`Repository` inside one transaction (the caller opens it) and reports what it
changed, so the views update only what was touched. Commands know nothing of Qt; the window wraps them in
``QUndoCommand``\\ s.

Every annotation command holds, per annotation, the value before and the value after (a deletion is the same value
with ``deleted`` set). Doing, undoing and redoing move each annotation from one end to the other, set-based: one read
of the stored rows, one write. Where the stored value is no longer the end the step starts from, a colleague changed
it in between; the step is then applied on top of their version, field by field:

- a field the step does not change keeps the colleague's value, now and at both ends of the step (so later undos
  and redos do not take it back either);
- a text (comment, sources) the colleague changed and the step changes too is merged three-way when the two changed
  different places (``Changes.merged``): both changes are kept;
- any other field both changed, on the first doing of the step (a reviewer's save meeting a colleague's change),
  keeps the colleague's value and is reported as a :class:`Question` (``Changes.questions``): the reviewer sees both
  and chooses, and the choice is a step of its own;
- on undo and redo, a text both changed in the same place is asked in the same way; any other such field gets the
  step's value (what the reviewer asked for), and the colleague's value goes to the *other* end, so the opposite
  step brings theirs back exactly (``Changes.conflicts``).

The window says plainly which of these happened. Nothing is refused, nothing is lost.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from annotator.domain.model import Annotation, Theme
from annotator.domain.textmerge import Merge, merge_items, merge_text

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when a review is opened, not when the window starts
    from annotator.store.repository import Repository


@dataclass(frozen=True)
class Conflict:
    """An annotation a colleague had changed since this program last wrote it, and what the step did about it."""

    annotation_id: str
    quote: str
    fields: tuple[str, ...]  # the fields both changed (empty: only the colleague's other changes were kept)
    deleted_by_colleague: bool = False
    colleague: str = ""  # who made the change met (their reviewer name; empty when not known)


@dataclass(frozen=True)
class Question:
    """A field that a colleague changed while this reviewer changed it too, differently, where the two cannot be
    combined: the stored value stays theirs and the reviewer chooses (the choice is a step of its own)."""

    annotation_id: str
    quote: str
    field: str
    mine: object
    theirs: object
    both: object | None  # a text keeping both versions' words (comment, sources), to edit from
    colleague: str = ""


@dataclass(frozen=True)
class Changes:
    """What an operation changed: annotations now live (new or edited), ids no longer live, themes touched."""

    upserted: tuple[Annotation, ...] = ()
    removed: tuple[str, ...] = ()
    themes: bool = False
    # Annotations a colleague had changed in the meantime; the first doing of an edit was applied on their version.
    rebased: tuple[str, ...] = ()
    # Undo or redo met a colleague's change of the same annotation (see the module's description).
    conflicts: tuple[Conflict, ...] = ()
    letter_settings: bool = False
    # ``upserted`` is every live annotation: whatever else a view shows is gone (after a refused step).
    complete: bool = False
    # A text (comment, sources) that both changed, in different places: both changes were combined.
    merged: tuple[Conflict, ...] = ()
    # Fields both changed that cannot be combined: the colleague's value stays until the reviewer chooses.
    questions: tuple[Question, ...] = ()
    # Who made the changes that ``rebased`` met (reviewer names, as far as known).
    rebased_by: tuple[str, ...] = ()
    # Carried-over annotations whose record changed (kept as not found, or no longer): the review queue reads again.
    carried: tuple[str, ...] = ()

    def __add__(self, other: Changes) -> Changes:
        return Changes(self.upserted + other.upserted, self.removed + other.removed, self.themes or other.themes,
                       self.rebased + other.rebased, self.conflicts + other.conflicts,
                       self.letter_settings or other.letter_settings, merged=self.merged + other.merged,
                       questions=self.questions + other.questions, rebased_by=self.rebased_by + other.rebased_by,
                       carried=self.carried + other.carried)

    @property
    def empty(self) -> bool:
        return not (self.upserted or self.removed or self.themes or self.letter_settings or self.carried)


class Command(ABC):
    """One undoable step; ``text`` names it in the Edit menu. Run it inside one transaction."""

    text: str = ""

    @abstractmethod
    def redo(self, repo: Repository) -> Changes:
        """Do (or do again) what the command stands for."""

    @abstractmethod
    def undo(self, repo: Repository) -> Changes:
        """Put back what was there before."""


# The fields an annotation's content is made of: what a reviewer sees and edits, where it sits, whether it is live.
# Identity (id, document, author, created) never changes; revision and modified are bookkeeping every write moves.
CONTENT = ("anchor", "status", "kind", "judgment", "theme_id", "references", "comment", "sources",
           "include_in_letter", "deleted")


# Texts both sides may change at once: changes in different places are combined (see annotator.domain.textmerge).
MERGED: dict[str, Callable[[Any, Any, Any], Merge]] = {"comment": merge_text, "sources": merge_items}
# What a reviewer decides when a colleague changed it differently at the same time (the rest: the step's value wins).
ASKED = ("anchor", "judgment", "theme_id", "references", "comment", "sources", "include_in_letter")


def content(a: Annotation) -> tuple[object, ...]:
    return tuple(getattr(a, name) for name in CONTENT)


@dataclass
class _Item:
    before: Annotation
    after: Annotation


class AnnotationsCommand(Command):
    """Moves annotations between two values each; the base of add, edit and delete (and of imports and merges)."""

    def __init__(self, pairs: Sequence[tuple[Annotation, Annotation]], text: str, *, applied: bool = False) -> None:
        ids = [after.id for _before, after in pairs]
        if any(before.id != after.id for before, after in pairs) or len(set(ids)) != len(ids):
            raise ValueError("A command needs each annotation once, with the same id before and after.")
        self.text = text
        self._items = [_Item(before, after) for before, after in pairs]
        # ``applied``: the change is already in the database (an import or merge made it); the first redo only
        # reports it.
        self._applied = applied
        self._done_once = False

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.after.id for item in self._items)

    @property
    def annotations(self) -> list[Annotation]:
        """The values after the step (``deleted`` set where it removes one)."""
        return [item.after for item in self._items]

    @property
    def annotations_before(self) -> list[Annotation]:
        """The values before the step."""
        return [item.before for item in self._items]

    def redo(self, repo: Repository) -> Changes:
        first = not self._done_once
        self._done_once = True
        if first and self._applied:
            current = repo.current(self.ids)
            return _report(current[id] for id in self.ids if id in current)
        return self._move(repo, forward=True, first=first)

    def undo(self, repo: Repository) -> Changes:
        return self._move(repo, forward=False, first=False)

    def _move(self, repo: Repository, *, forward: bool, first: bool) -> Changes:
        current = repo.current(self.ids)
        writes: list[Annotation] = []
        rebased: list[str] = []
        rebased_by: list[str] = []
        merged: list[Conflict] = []
        questions: list[Question] = []
        conflicts: list[Conflict] = []
        for item in self._items:
            start, end = (item.before, item.after) if forward else (item.after, item.before)
            stored = current.get(item.after.id)
            if stored is None:  # never stored (a new highlight), or gone from this database: put the end value in
                writes.append(end)
                continue
            if content(stored) == content(start):
                if content(stored) != content(end):
                    writes.append(_on(stored, end))
                continue
            # A colleague changed it since: apply the step on top of their version, field by field.
            colleague = getattr(stored, "modified_by", "")
            deleted_by_colleague = stored.deleted and not start.deleted
            removes_their_work = end.deleted and not stored.deleted
            both = [name for name in CONTENT if getattr(start, name) != getattr(end, name)
                    and getattr(stored, name) != getattr(start, name) and getattr(stored, name) != getattr(end, name)]
            untouched = {name: getattr(stored, name) for name in CONTENT
                         if getattr(start, name) == getattr(end, name)}
            combined: dict[str, object] = {}  # text both changed in different places: both changes are kept
            asked: dict[str, object] = {}  # both changed it differently: the reviewer decides (a step of its own)
            for name in both:
                merge = MERGED[name](getattr(start, name), getattr(end, name), getattr(stored, name)) \
                    if name in MERGED else None
                if merge is not None and merge.clean:
                    combined[name] = merge.value
                elif (first or name in MERGED) and name in ASKED and not deleted_by_colleague:
                    # (A text both changed in the same place is asked on undo and redo too: words are not lost
                    # from view without the reviewer seeing them.)
                    asked[name] = getattr(stored, name)
                    questions.append(Question(stored.id, stored.quote, name, getattr(end, name),
                                              getattr(stored, name), merge.both if merge else None, colleague))
            clashed = [name for name in both if name not in combined and name not in asked]
            start = start.changed(**untouched, **{name: getattr(stored, name) for name in both})
            end = end.changed(**untouched, **combined, **asked)
            item.before, item.after = (start, end) if forward else (end, start)
            value = _on(stored, end)
            if content(value) != content(stored):
                writes.append(value)
            if combined:
                merged.append(Conflict(stored.id, stored.quote, tuple(combined), colleague=colleague))
            if first and not deleted_by_colleague:
                if not asked and not combined:
                    rebased.append(stored.id)
                    rebased_by.append(colleague)
            elif clashed or removes_their_work or deleted_by_colleague:
                conflicts.append(Conflict(stored.id, stored.quote, tuple(clashed),
                                          deleted_by_colleague=deleted_by_colleague, colleague=colleague))
        written = repo.write(writes, current) if writes else []
        # What was left as stored is reported too: the window showed the step's values in advance.
        done = {a.id for a in written}
        kept = [current[id] for id in self.ids if id in current and id not in done]
        return replace(_report([*written, *kept], rebased=tuple(rebased), conflicts=tuple(conflicts)),
                       merged=tuple(merged), questions=tuple(questions), rebased_by=tuple(rebased_by))


def _on(stored: Annotation, value: Annotation) -> Annotation:
    """``value``'s content on the stored row's identity and bookkeeping."""
    return stored.changed(**{name: getattr(value, name) for name in CONTENT})


def _report(values: object, *, rebased: tuple[str, ...] = (), conflicts: tuple[Conflict, ...] = ()) -> Changes:
    live = tuple(a for a in values if not a.deleted)  # type: ignore[attr-defined]
    gone = tuple(a.id for a in values if a.deleted)  # type: ignore[attr-defined]
    return Changes(upserted=live, removed=gone, rebased=rebased, conflicts=conflicts)


class AddAnnotations(AnnotationsCommand):
    """New highlights (one, or many from an import)."""

    def __init__(self, annotations: Sequence[Annotation], text: str = "Add highlight", *,
                 applied: bool = False) -> None:
        super().__init__([(a.changed(deleted=True), a) for a in annotations], text, applied=applied)


class EditAnnotations(AnnotationsCommand):
    """Changes to existing annotations: judgment, theme, references, comment, ... of one or several at once."""

    def __init__(self, before: Sequence[Annotation], after: Sequence[Annotation], text: str = "Edit highlight") -> None:
        if [a.id for a in before] != [a.id for a in after]:
            raise ValueError("An edit needs the same annotations before and after, in the same order.")
        super().__init__(list(zip(before, after)), text)

    def merge(self, other: EditAnnotations) -> bool:
        """Fold a following edit of the same annotations (typing a comment) into this one (both already done)."""
        if self.ids != other.ids:
            return False
        for mine, theirs in zip(self._items, other._items):
            start = theirs.before
            if content(start) != content(mine.after):
                # A colleague's change came in between (the following edit was applied on their version): it is
                # not part of this step, so undoing the step must not take it out.
                kept: dict[str, object] = {}
                for name in CONTENT:
                    done, now, earlier = getattr(mine.after, name), getattr(start, name), getattr(mine.before, name)
                    if done == now:
                        continue
                    if earlier == done:  # the step did not touch it: theirs at both ends
                        kept[name] = now
                    elif name in MERGED:  # their words, put into the text as it was before the step
                        merge = MERGED[name](done, earlier, now)
                        if merge.clean:
                            kept[name] = merge.value
                mine.before = mine.before.changed(**kept)
            mine.after = theirs.after
        return True


class DeleteAnnotations(AnnotationsCommand):
    """Removing highlights; undo brings them back exactly."""

    def __init__(self, annotations: Sequence[Annotation], text: str = "Delete highlight") -> None:
        super().__init__([(a, a.changed(deleted=True)) for a in annotations], text)


@dataclass
class ThemeListEdit(Command):
    """A change to the theme list: add, rename, move or remove themes, as one step."""

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
    """Make the stored theme list equal ``wanted`` (restore, rename, move and delete as needed), in one
    transaction; themes a colleague added meanwhile (in neither list) stay."""
    wanted_ids = {theme.id for theme in wanted}
    repo.arrange_themes(wanted, retire=[theme.id for theme in current if theme.id not in wanted_ids])


class Steps(Command):
    """Several commands as one step (an import: the themes it created, then its annotations); undone in reverse."""

    def __init__(self, steps: Sequence[Command], text: str) -> None:
        self.text = text
        self.steps = list(steps)

    def redo(self, repo: Repository) -> Changes:
        changes = Changes()
        for step in self.steps:
            changes = changes + step.redo(repo)
        return changes

    def undo(self, repo: Repository) -> Changes:
        changes = Changes()
        for step in reversed(self.steps):
            changes = changes + step.undo(repo)
        return changes


@dataclass
class LetterSettingsEdit(Command):
    """A change to the letter's settings (sender, addressee, template, ...), as one step."""

    before: Mapping[str, str]
    after: Mapping[str, str]
    text: str = "Letter settings"
    _keys: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        self._keys = tuple(sorted(set(self.before) | set(self.after)))

    def redo(self, repo: Repository) -> Changes:
        return self._put(repo, self.after)

    def undo(self, repo: Repository) -> Changes:
        return self._put(repo, self.before)

    def _put(self, repo: Repository, values: Mapping[str, str]) -> Changes:
        stored = repo.letter_settings()
        for key in self._keys:
            value = values.get(key, "")
            if stored.get(key, "") != value:
                repo.set_letter_setting(key, value)
        return Changes(letter_settings=True)


@dataclass
class KeepAsNotFound(Command):
    """Keep carried-over annotations that were not found as they are, with their old quotes, out of the letter:
    they leave the review queue (``kept``), or come back to it (not ``kept``); as one step."""

    ids: tuple[str, ...]
    kept: bool = True
    text: str = "Keep as not found"

    def redo(self, repo: Repository) -> Changes:
        return self._set(repo, self.kept)

    def undo(self, repo: Repository) -> Changes:
        return self._set(repo, not self.kept)

    def _set(self, repo: Repository, kept: bool) -> Changes:
        repo.set_kept(self.ids, kept)
        return Changes(carried=tuple(self.ids))
