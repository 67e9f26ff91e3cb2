"""Changes that could not be saved yet, kept in a file until the database takes them.

When the team's server is away (or a colleague's program holds a shared file too long), each change the reviewer
makes is written here, in order, before the window says it is kept; the file is removed once every change is saved.
A program that quits or is killed meanwhile finds the file at the next start of the same document on the same
database and saves the changes then, through the same rules as any save that meets a colleague's change.

One file per database and document, in the user data folder (``unsaved/``): JSON, written whole to a temporary
file and moved into place, so that a kill at any moment leaves either the old or the new list, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.domain.model import Anchor, AnchorStatus, Annotation, AnnotationKind, Judgment, Rect, Theme, TreatyRef
from annotator.services.commands import AnnotationsCommand, Command, LetterSettingsEdit, Steps, ThemeListEdit

VERSION = 1
FOLDER = "unsaved"


class JournalError(ValueError):
    """A journal file that cannot be read (damaged, or written by a newer version)."""


@dataclass(frozen=True)
class Entry:
    """One change as it was asked for: the values it moves from and to, and its name in the Edit menu."""

    data: dict[str, Any]

    @property
    def text(self) -> str:
        return str(self.data.get("text", ""))


def journal_path(folder: Path, database: str, document: str) -> Path:
    """Where the unsaved changes of ``document`` in ``database`` are kept."""
    digest = hashlib.sha256(f"{database}\n{document}".encode()).hexdigest()[:32]
    return folder / FOLDER / f"{digest}.json"


class Journal:
    """The unsaved changes of one document in one database, oldest first."""

    def __init__(self, folder: Path, database: str, document: str) -> None:
        self.database = database
        self.document = document
        self.path = journal_path(folder, database, document)
        self._entries: list[dict[str, Any]] | None = None

    def entries(self) -> list[Entry]:
        """What the file holds; raises JournalError for a file that cannot be read (it is left as it is)."""
        return [Entry(data) for data in self._load()]

    def __len__(self) -> int:
        return len(self._load())

    def append(self, entry: Entry) -> None:
        """Add a change at the end; on disk before this returns."""
        self._write([*self._load(), entry.data])

    def drop_first(self) -> None:
        """The oldest change is saved: forget it (and the file, once none is left)."""
        self._write(self._load()[1:])

    def clear(self) -> None:
        self._write([])

    def set_aside(self) -> Path:
        """Move a file that cannot be read out of the way (kept beside, for a person to look at)."""
        aside = self.path.with_suffix(".unreadable.json")
        os.replace(self.path, aside)
        self._entries = []
        return aside

    def _load(self) -> list[dict[str, Any]]:
        if self._entries is None:
            self._entries = _read(self.path, self.database, self.document)
        return self._entries

    def _write(self, entries: list[dict[str, Any]]) -> None:
        self._entries = entries
        if not entries:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"format": "annotator-unsaved-changes", "version": VERSION, "database": self.database,
                           "document": self.document, "changes": entries}, ensure_ascii=False, indent=1)
        temporary = self.path.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)


def _read(path: Path, database: str, document: str) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise JournalError(f"{path} cannot be read ({error}).") from error
    try:
        data = json.loads(text)
    except ValueError as error:
        raise JournalError(f"{path} is damaged ({error}).") from error
    if not isinstance(data, dict) or data.get("format") != "annotator-unsaved-changes":
        raise JournalError(f"{path} is not a file of unsaved changes.")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise JournalError(f"{path} was written by a newer version of annotator.")
    changes = data.get("changes")
    if data.get("database") != database or data.get("document") != document or not isinstance(changes, list):
        raise JournalError(f"{path} does not belong to this document and database.")
    for change in changes:
        command(Entry(change))  # every entry must read back, or none is used
    return list(changes)


# --- changes as JSON ------------------------------------------------------------------------------------------


def entry_for(command: Command, forward: bool) -> Entry | None:
    """The change a command makes when done (``forward``) or undone, as values; None if it writes nothing here."""
    if isinstance(command, AnnotationsCommand):
        pairs = zip(command.annotations_before, command.annotations) if forward else \
            zip(command.annotations, command.annotations_before)
        return Entry({"kind": "annotations", "text": command.text,
                      "pairs": [[annotation_json(start), annotation_json(end)] for start, end in pairs]})
    if isinstance(command, ThemeListEdit):
        start, end = (command.before, command.after) if forward else (command.after, command.before)
        return Entry({"kind": "themes", "text": command.text, "from": [_theme_json(t) for t in start],
                      "to": [_theme_json(t) for t in end]})
    if isinstance(command, LetterSettingsEdit):
        start_values, end_values = (command.before, command.after) if forward else (command.after, command.before)
        return Entry({"kind": "letter", "text": command.text, "from": dict(start_values), "to": dict(end_values)})
    if isinstance(command, Steps):
        steps = command.steps if forward else list(reversed(command.steps))
        parts = [entry_for(step, forward) for step in steps]
        return Entry({"kind": "steps", "text": command.text, "steps": [p.data for p in parts if p is not None]})
    return None


def command(entry: Entry) -> Command:
    """A command whose first doing makes the change of ``entry`` (raises JournalError for one that is not valid)."""
    data = entry.data
    try:
        kind = data["kind"]
        text = str(data.get("text", ""))
        if kind == "annotations":
            pairs = [(annotation_from_json(start), annotation_from_json(end)) for start, end in data["pairs"]]
            return AnnotationsCommand(pairs, text)
        if kind == "themes":
            return ThemeListEdit([_theme(t) for t in data["from"]], [_theme(t) for t in data["to"]], text)
        if kind == "letter":
            return LetterSettingsEdit(_strings(data["from"]), _strings(data["to"]), text)
        if kind == "steps":
            return Steps([command(Entry(step)) for step in data["steps"]], text)
    except JournalError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise JournalError(f"a change that cannot be read ({type(error).__name__}: {error})") from error
    raise JournalError(f"a change of an unknown kind ({kind!r})")


def annotation_json(a: Annotation) -> dict[str, Any]:
    anchor = a.anchor
    return {
        "id": a.id, "document": a.document, "author": a.author,
        "anchor": None if anchor is None else {
            "page": anchor.page, "quads": [[q.x0, q.y0, q.x1, q.y1] for q in anchor.quads], "exact": anchor.exact,
            "prefix": anchor.prefix, "suffix": anchor.suffix, "start": anchor.start, "end": anchor.end,
            "quad_pages": list(anchor.quad_pages)},
        "status": a.status.value, "kind": a.kind.value, "judgment": a.judgment.value if a.judgment else None,
        "theme_id": a.theme_id, "references": [str(ref) if not ref.is_custom else {"custom": ref.custom}
                                               for ref in a.references],
        "comment": a.comment, "sources": list(a.sources), "include_in_letter": a.include_in_letter,
        "created": a.created.isoformat(), "modified": a.modified.isoformat(), "revision": a.revision,
        "deleted": a.deleted, "modified_by": a.modified_by,
    }


def annotation_from_json(data: Mapping[str, Any]) -> Annotation:
    anchor = data["anchor"]
    return Annotation(
        id=_string(data["id"]), document=_string(data["document"]), author=_string(data["author"]),
        anchor=None if anchor is None else Anchor(
            page=int(anchor["page"]), quads=tuple(Rect(*(float(v) for v in quad)) for quad in anchor["quads"]),
            exact=_string(anchor["exact"]), prefix=_string(anchor["prefix"]), suffix=_string(anchor["suffix"]),
            start=_optional_int(anchor["start"]), end=_optional_int(anchor["end"]),
            quad_pages=tuple(int(p) for p in anchor["quad_pages"])),
        status=AnchorStatus(data["status"]), kind=AnnotationKind(data["kind"]),
        judgment=Judgment(data["judgment"]) if data["judgment"] is not None else None,
        theme_id=None if data["theme_id"] is None else _string(data["theme_id"]),
        references=tuple(TreatyRef("", "", _string(ref["custom"])) if isinstance(ref, dict)
                         else TreatyRef.parse(_string(ref)) for ref in data["references"]),
        comment=_string(data["comment"]), sources=tuple(_string(s) for s in data["sources"]),
        include_in_letter=bool(data["include_in_letter"]),
        created=_time(data["created"]), modified=_time(data["modified"]), revision=int(data["revision"]),
        deleted=bool(data["deleted"]), modified_by=_string(data.get("modified_by", "")),
    )


def _theme_json(theme: Theme) -> dict[str, Any]:
    return {"id": theme.id, "title": theme.title, "position": theme.position}


def _theme(data: Mapping[str, Any]) -> Theme:
    return Theme(_string(data["id"]), _string(data["title"]), int(data["position"]))


def _strings(data: object) -> dict[str, str]:
    if not isinstance(data, dict):
        raise TypeError("letter settings must be an object")
    return {_string(key): _string(value) for key, value in data.items()}


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _optional_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _time(value: object) -> datetime:
    moment = datetime.fromisoformat(_string(value))
    if moment.tzinfo is None:
        raise ValueError("a time without a timezone")
    return moment


def describe(entries: Sequence[Entry]) -> Iterator[str]:
    """The names of the changes, for a message ("Set judgment", "Edit comment", ...)."""
    return (entry.text for entry in entries)
