"""Theme operations inside one session: unique titles, positions kept as 0..n-1, soft deletes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annotator.domain.model import Theme, new_id
from annotator.store.errors import DuplicateError, NotFoundError, StoreError
from annotator.store.models import ThemeRow


def to_theme(row: ThemeRow) -> Theme:
    """The domain value of a theme row."""
    return Theme(id=row.id, title=row.title, position=row.position)


def live(session: Session) -> list[ThemeRow]:
    """The themes that are not deleted, in letter order."""
    query = select(ThemeRow).where(ThemeRow.deleted.is_(False)).order_by(ThemeRow.position, ThemeRow.title)
    return list(session.scalars(query))


def add(session: Session, title: str, position: int | None, where: str) -> Theme:
    """Insert a new theme at ``position`` (last when None)."""
    clean = _clean(title)
    _require_free(session, clean, None, where)
    row = ThemeRow(id=new_id(), title=clean, position=0, deleted=False)
    session.add(row)
    _place(session, row, position, where)
    return to_theme(row)


def add_many(session: Session, titles: list[str], where: str) -> list[Theme]:
    """Insert new themes after the live ones, in the given order, with one read and one write (an import of ten
    thousand themes takes as long as ten thousand rows, not ten thousand times the list)."""
    rows = live(session)
    taken = {row.title.casefold() for row in rows}
    added: list[ThemeRow] = []
    for title in titles:
        clean = _clean(title)
        if clean.casefold() in taken:
            raise DuplicateError(f"There is already a theme called {clean!r} in {where}.")
        taken.add(clean.casefold())
        added.append(ThemeRow(id=new_id(), title=clean, position=len(rows) + len(added), deleted=False))
    session.add_all(added)
    _renumber([*rows, *added])
    _flush(session, ", ".join(row.title for row in added[:3]), where)
    return [to_theme(row) for row in added]


def rename(session: Session, id: str, title: str, where: str) -> Theme:
    """Change a live theme's title."""
    row = _live_row(session, id, where)
    clean = _clean(title)
    _require_free(session, clean, id, where)
    row.title = clean
    _flush(session, clean, where)
    return to_theme(row)


def move(session: Session, id: str, position: int, where: str) -> Theme:
    """Move a live theme to ``position``."""
    row = _live_row(session, id, where)
    _place(session, row, position, where)
    return to_theme(row)


def delete(session: Session, id: str, where: str) -> Theme:
    """Mark a theme deleted and close the gap it leaves."""
    row = _live_row(session, id, where)
    before = to_theme(row)
    row.deleted = True
    _renumber([other for other in live(session) if other.id != id])
    session.flush()
    return before


def restore(session: Session, theme: Theme, where: str) -> Theme:
    """Make ``theme`` live again with its title, at its position."""
    clean = _clean(theme.title)
    _require_free(session, clean, theme.id, where)
    row = session.get(ThemeRow, theme.id)
    if row is None:
        row = ThemeRow(id=theme.id, title=clean, position=0, deleted=False)
        session.add(row)
    row.title = clean
    row.deleted = False
    _place(session, row, theme.position, where)
    return to_theme(row)


def arrange(session: Session, wanted: list[Theme], retire: set[str], where: str) -> None:
    """Make ``wanted`` live with their titles at their positions, and retire the live themes in ``retire``; other
    live themes (a colleague's, added meanwhile) stay, in their order. One read and one write however many themes
    (undoing an import of ten thousand themes is as quick as the import)."""
    rows = {row.id: row for row in session.scalars(select(ThemeRow))}
    wanted_ids = {theme.id for theme in wanted}
    order = sorted((row for row in rows.values() if not row.deleted and row.id not in wanted_ids
                    and row.id not in retire), key=lambda row: (row.position, row.title))
    for id in retire - wanted_ids:
        if id in rows:
            rows[id].deleted = True
    titles: dict[str, str] = {}  # the title each wanted theme gets, by id
    for theme in sorted(wanted, key=lambda theme: theme.position):
        row = rows.get(theme.id)
        if row is None:
            row = rows[theme.id] = ThemeRow(id=theme.id, title=_clean(theme.title), position=0, deleted=True)
            session.add(row)
        titles[row.id] = _clean(theme.title)
        order.insert(max(0, min(theme.position, len(order))), row)
    seen: set[str] = set()
    for row in order:
        title = titles.get(row.id, row.title)
        if title.casefold() in seen:
            raise DuplicateError(f"There is already a theme called {title!r} in {where}.")
        seen.add(title.casefold())
    # Titles change while their rows are out of the live set, so that two themes swapping titles never meet the
    # rule that live titles are unique halfway through.
    changed = [row for row in order if row.id in titles and (row.deleted or row.title != titles[row.id])]
    for row in changed:
        row.deleted = True
    session.flush()
    for row in changed:
        row.title = titles[row.id]
        row.deleted = False
    _renumber(order)
    _flush(session, ", ".join(titles[row.id] for row in changed[:3]), where)


def _clean(title: str) -> str:
    clean = " ".join(title.split())
    if not clean:
        raise StoreError(f"A theme needs a title; {title!r} is empty.")
    return clean


def _require_free(session: Session, title: str, own_id: str | None, where: str) -> None:
    """Refuse a title that another live theme has, ignoring case, so the letter never gets two equal headings."""
    wanted = title.casefold()
    for row in live(session):
        if row.id != own_id and row.title.casefold() == wanted:
            raise DuplicateError(f"There is already a theme called {row.title!r} in {where}.")


def _live_row(session: Session, id: str, where: str) -> ThemeRow:
    row = session.get(ThemeRow, id)
    if row is None or row.deleted:
        raise NotFoundError(f"There is no theme {id} in {where}.")
    return row


def _place(session: Session, row: ThemeRow, position: int | None, where: str) -> None:
    """Put ``row`` at ``position`` among the live themes and number them all 0..n-1."""
    others = [other for other in live(session) if other.id != row.id]
    index = len(others) if position is None else max(0, min(position, len(others)))
    others.insert(index, row)
    _renumber(others)
    _flush(session, row.title, where)


def _renumber(rows: list[ThemeRow]) -> None:
    for index, row in enumerate(rows):
        if row.position != index:
            row.position = index


def _flush(session: Session, title: str, where: str) -> None:
    """Flush now, turning a race on the unique title (two programs at once) into a readable error."""
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateError(f"There is already a theme called {title!r} in {where}.") from error
