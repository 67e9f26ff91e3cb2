"""The annotation table: a Qt model over a review's annotations, and the proxy that filters it."""

from __future__ import annotations

import bisect
import enum
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import Anchor, AnchorStatus, Annotation, Judgment, Theme, TreatyRef
from annotator.ui.i18n import Translator

# Strings of the annotation list not yet in i18n.py; they move there once the panel is wired in.
_NL: dict[str, str] = {
    "Quote": "Citaat",
    "Page": "Pagina",
    "Judgment": "Oordeel",
    "Theme": "Thema",
    "References": "Verwijzingen",
    "Author": "Auteur",
    "Modified": "Gewijzigd",
    "Welcome": "Welkom",
    "Note": "Opmerking",
    "Concern": "Zorg",
    "Serious concern": "Ernstige zorg",
    "Violation": "Schending",
    "Not found in this version of the document": "Niet gevonden in deze versie van het document",
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

JUDGMENT_COLOURS: dict[Judgment, QColor] = {
    Judgment.WELCOME: QColor("#2e9e5b"),
    Judgment.NOTE: QColor("#3a7bd5"),
    Judgment.CONCERN: QColor("#f0b400"),
    Judgment.SERIOUS_CONCERN: QColor("#e8711a"),
    Judgment.VIOLATION: QColor("#d0342c"),
}

_JUDGMENT_NAMES: dict[Judgment, str] = {
    Judgment.WELCOME: "Welcome",
    Judgment.NOTE: "Note",
    Judgment.CONCERN: "Concern",
    Judgment.SERIOUS_CONCERN: "Serious concern",
    Judgment.VIOLATION: "Violation",
}

QUOTE_LENGTH = 120
ORPHAN_MARKER = "⚠ "
# Rows without a place in the document sort after every placed row.
_NO_POSITION = 1 << 62
_NO_THEME = 1 << 30


class Column(enum.IntEnum):
    """The table's columns, in display order."""

    QUOTE = 0
    PAGE = 1
    JUDGMENT = 2
    THEME = 3
    REFERENCES = 4
    AUTHOR = 5
    MODIFIED = 6


_HEADERS = ("Quote", "Page", "Judgment", "Theme", "References", "Author", "Modified")


def translate(tr: Translator, table: dict[str, str], text: str, **values: object) -> str:
    """``text`` in the interface language, from ``table`` for Dutch strings i18n.py does not have yet."""
    if tr.language != "nl" or text not in table:
        return tr(text, **values)
    translated = table[text]
    return translated.format(**values) if values else translated


def judgment_name(tr: Translator, judgment: Judgment) -> str:
    """The judgment as shown to the reviewer: 'Serious concern', 'Ernstige zorg'."""
    return translate(tr, _NL, _JUDGMENT_NAMES[judgment])


def document_position(anchor: Anchor | None) -> int:
    """An integer that orders anchors as they are read: by page, then the top of the first line, then its left edge."""
    if anchor is None:
        return _NO_POSITION
    if not anchor.quads:
        return anchor.page << 40
    top = min(anchor.quads, key=lambda quad: (quad.y0, quad.x0))
    # Sixteenths of a point keep the order of lines and words; 20 bits hold the largest PDF page (14,400 pt).
    y = min(max(int(top.y0 * 16), 0), (1 << 20) - 1)
    x = min(max(int(top.x0 * 16), 0), (1 << 20) - 1)
    return (anchor.page << 40) | (y << 20) | x


def _one_line(text: str) -> str:
    """The text with runs of whitespace and line breaks collapsed to one space."""
    return " ".join(text.split())


def _elide(text: str, length: int = QUOTE_LENGTH) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass(slots=True, eq=False)
class _Row:
    """One annotation with everything the table shows and filters on, computed once per change."""

    annotation: Annotation
    texts: tuple[str, ...]
    keys: tuple[tuple[object, ...], ...]
    sort_values: tuple[object, ...]
    blob: str
    ref_keys: frozenset[str]


class AnnotationTableModel(QAbstractTableModel):
    """A thin adapter that shows annotations as rows; edits arrive as upserts and removals, never as resets."""

    def __init__(self, tr: Translator, catalogue: Catalogue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._catalogue = catalogue
        self._rows: list[_Row] = []
        self._index: dict[str, int] = {}
        self._index_valid = True
        self._labels: list[str] = []
        self._themes: dict[str, Theme] = {}
        self._citations: dict[TreatyRef, str] = {}
        self._sort_column = Column.PAGE
        self._descending = False
        self._live = 0
        self._italic = QFont()
        self._italic.setItalic(True)
        self._judgment_texts = {judgment: judgment_name(tr, judgment) for judgment in Judgment}
        # Bumped before every change of rows or their content, so the proxy knows when its cache is stale.
        self.version = 0

    # -- reading -----------------------------------------------------------------------------------------------

    @property
    def rows(self) -> list[_Row]:
        """The rows in model order (for the filter proxy, which reads them without going through Qt)."""
        return self._rows

    @property
    def live_count(self) -> int:
        """The number of annotations that are not deleted."""
        return self._live

    def annotation(self, row: int) -> Annotation:
        """The annotation shown in ``row``."""
        if not 0 <= row < len(self._rows):
            raise IndexError(f"row {row} is outside the annotation table of {len(self._rows)} rows")
        return self._rows[row].annotation

    def row_of(self, id: str) -> int | None:
        """The row that shows annotation ``id``, or None when the table does not have it."""
        if not self._index_valid:
            self._index = {row.annotation.id: position for position, row in enumerate(self._rows)}
            self._index_valid = True
        return self._index.get(id)

    def authors(self) -> list[str]:
        """The distinct authors of the annotations that are not deleted, alphabetically."""
        names = {row.annotation.author for row in self._rows if not row.annotation.deleted}
        return sorted(names, key=str.casefold)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """The number of annotations (none under a valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """The number of columns."""
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """What the view shows for one cell, its sort key and the annotation id."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == SORT_ROLE:
            return row.sort_values[column]
        if role == ID_ROLE:
            return row.annotation.id
        annotation = row.annotation
        if role == Qt.ItemDataRole.DecorationRole:
            if column == Column.JUDGMENT and annotation.judgment is not None:
                return JUDGMENT_COLOURS[annotation.judgment]
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column == Column.QUOTE and annotation.status == AnchorStatus.ORPHANED:
                return self._italic
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.QUOTE:
                return self._tooltip(annotation)
            return row.texts[column] or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Translated column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_HEADERS):
            return translate(self._tr, _NL, _HEADERS[section])
        return None

    def _tooltip(self, annotation: Annotation) -> str:
        """The whole quote and the comment, as rich text so that Qt wraps long lines."""
        parts = [f"<p>{html.escape(_one_line(annotation.quote))}</p>"]
        if annotation.status == AnchorStatus.ORPHANED:
            warning = translate(self._tr, _NL, "Not found in this version of the document")
            parts.insert(0, f"<p><i>{html.escape(warning)}</i></p>")
        if annotation.comment.strip():
            comment = html.escape(annotation.comment.strip()).replace("\n", "<br>")
            parts.append(f"<p>{comment}</p>")
        return "".join(parts)

    # -- building rows -----------------------------------------------------------------------------------------

    def _cite(self, ref: TreatyRef) -> str:
        citation = self._citations.get(ref)
        if citation is None:
            citation = self._catalogue.cite(ref, self._tr.language)
            self._citations[ref] = citation
        return citation

    def _page_label(self, page: int) -> str:
        label = self._labels[page] if 0 <= page < len(self._labels) else ""
        return label or str(page + 1)

    def _build(self, annotation: Annotation) -> _Row:
        """Precompute the row's texts, sort keys and search blob."""
        quote = _one_line(annotation.quote)
        shown_quote = _elide(quote)
        if annotation.status == AnchorStatus.ORPHANED:
            shown_quote = ORPHAN_MARKER + shown_quote
        anchor = annotation.anchor
        page = self._page_label(anchor.page) if anchor is not None else ""
        judgment = self._judgment_texts[annotation.judgment] if annotation.judgment is not None else ""
        theme = self._themes.get(annotation.theme_id) if annotation.theme_id else None
        theme_title = theme.title if theme else ""
        references = ", ".join(self._cite(ref) for ref in annotation.references)
        modified = annotation.modified.astimezone()
        texts = (shown_quote, page, judgment, theme_title, references, annotation.author,
                 modified.strftime("%Y-%m-%d %H:%M"))
        position = document_position(anchor)
        rank = annotation.judgment.rank if annotation.judgment is not None else -1
        theme_order = theme.position if theme else _NO_THEME
        folded_quote = quote.casefold()
        folded_refs = references.casefold()
        folded_author = annotation.author.casefold()
        stamp = modified.timestamp()
        keys = (
            (folded_quote, position), (position,), (rank, position), (theme_order, theme_title.casefold(), position),
            (folded_refs, position), (folded_author, position), (stamp, position),
        )
        sort_values = (folded_quote, position, rank, theme_order, folded_refs, folded_author, annotation.modified)
        blob = "\n".join((folded_quote, annotation.comment.casefold(), folded_refs, theme_title.casefold(),
                          folded_author))
        ref_keys = frozenset(key for ref in annotation.references for key in (str(ref), ref.instrument) if key)
        return _Row(annotation, texts, keys, sort_values, blob, ref_keys)

    def _key(self, row: _Row) -> tuple[object, ...]:
        return row.keys[self._sort_column]

    # -- changing ----------------------------------------------------------------------------------------------

    def set_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Show a new set of annotations (when a document is opened): a full reset."""
        self.beginResetModel()
        self.version += 1
        self._rows = sorted((self._build(annotation) for annotation in annotations), key=self._key,
                            reverse=self._descending)
        self._index_valid = False
        self._live = sum(1 for row in self._rows if not row.annotation.deleted)
        self.endResetModel()

    def upsert(self, annotations: Sequence[Annotation]) -> None:
        """Show new and changed annotations: changed rows stay where they are, new rows go to their sorted place."""
        fresh: dict[str, _Row] = {}
        changed: list[int] = []
        for annotation in annotations:
            position = self.row_of(annotation.id)
            if position is None:
                fresh[annotation.id] = self._build(annotation)
            else:
                self.version += 1
                self._live += self._rows[position].annotation.deleted - annotation.deleted
                self._rows[position] = self._build(annotation)
                changed.append(position)
        last = len(Column) - 1
        for first, end in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))
        if fresh:
            self._insert(list(fresh.values()))

    def _insert(self, new_rows: list[_Row]) -> None:
        """Insert rows at their place in the current order, one insertion per place, from the bottom up."""
        keys = [self._key(row) for row in self._rows]
        if self._descending:
            # bisect wants ascending keys: search the reversed list and mirror the position.
            keys.reverse()
        places: dict[int, list[_Row]] = {}
        for row in new_rows:
            if self._descending:
                place = len(keys) - bisect.bisect_left(keys, self._key(row))
            else:
                place = bisect.bisect_right(keys, self._key(row))
            places.setdefault(place, []).append(row)
        for place in sorted(places, reverse=True):
            group = sorted(places[place], key=self._key, reverse=self._descending)
            self.beginInsertRows(QModelIndex(), place, place + len(group) - 1)
            self.version += 1
            self._rows[place:place] = group
            self._index_valid = False
            self._live += sum(1 for row in group if not row.annotation.deleted)
            self.endInsertRows()

    def remove(self, ids: Sequence[str]) -> None:
        """Take annotations out of the table; unknown ids are ignored (they may have been removed already)."""
        positions = sorted({row for row in (self.row_of(id) for id in ids) if row is not None})
        for first, end in reversed(list(_runs(positions))):
            self.beginRemoveRows(QModelIndex(), first, end)
            self.version += 1
            self._live -= sum(1 for row in self._rows[first:end + 1] if not row.annotation.deleted)
            del self._rows[first:end + 1]
            self._index_valid = False
            self.endRemoveRows()

    def set_labels(self, labels: Sequence[str]) -> None:
        """Use the document's printed page labels (by page index; an empty label shows the page number)."""
        self._labels = list(labels)
        self._rebuild_all(Column.PAGE, Column.PAGE)

    def set_themes(self, themes: Sequence[Theme]) -> None:
        """Show theme titles, and order the theme column by the themes' positions."""
        self._themes = {theme.id: theme for theme in themes}
        self._rebuild_all(Column.THEME, Column.THEME)

    def _rebuild_all(self, first: Column, last: Column) -> None:
        if not self._rows:
            return
        self.version += 1
        self._rows = [self._build(row.annotation) for row in self._rows]
        self.dataChanged.emit(self.index(0, first), self.index(len(self._rows) - 1, last))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column's sort key (PAGE is document order), keeping selections on their rows."""
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        self.version += 1
        self._sort_column = Column(column)
        self._descending = order == Qt.SortOrder.DescendingOrder
        order_of = sorted(range(len(self._rows)), key=lambda position: self._key(self._rows[position]),
                          reverse=self._descending)
        new_place = [0] * len(order_of)
        for place, old in enumerate(order_of):
            new_place[old] = place
        self._rows = [self._rows[old] for old in order_of]
        self._index_valid = False
        before = self.persistentIndexList()
        after = [self.index(new_place[index.row()], index.column()) for index in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()


def _runs(positions: Iterable[int]) -> Iterable[tuple[int, int]]:
    """Contiguous runs (first, last) of sorted row numbers."""
    start = previous = None
    for position in sorted(positions):
        if start is None:
            start = previous = position
        elif position == previous + 1:  # type: ignore[operator]
            previous = position
        else:
            yield start, previous  # type: ignore[misc]
            start = previous = position
    if start is not None:
        yield start, previous  # type: ignore[misc]


class AnnotationFilterProxy(QSortFilterProxyModel):
    """Filters the annotation table by words, judgments, theme, author and reference; never shows deleted ones."""

    # Beyond this many separate runs of rows appearing or disappearing, one layout change beats row signals.
    INCREMENTAL_RUNS = 64

    def __init__(self, model: AnnotationTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(False)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.setSourceModel(model)
        self._model = model
        self._words: tuple[str, ...] = ()
        self._judgments: frozenset[Judgment] = frozenset()
        self._theme: str | None = None
        self._author: str | None = None
        self._reference: str | None = None
        self._accepted: list[bool] = []
        self._accepted_version = -1

    # -- the filter --------------------------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show rows containing every word of ``text`` (in quote, comment, references, theme or author)."""
        words = tuple(dict.fromkeys(text.casefold().split()))
        if words == self._words:
            return
        # Longer or more words can only hide rows, so only the rows shown now need checking.
        narrowing = all(any(old in new for new in words) for old in self._words)
        self._words = words
        self._apply(narrowing)

    def set_judgments(self, judgments: Iterable[Judgment]) -> None:
        """Show rows with one of these judgments; an empty set shows every judgment (and rows without one)."""
        chosen = frozenset(judgments)
        if chosen != self._judgments:
            narrowing = bool(chosen) and (not self._judgments or chosen <= self._judgments)
            self._judgments = chosen
            self._apply(narrowing)

    def set_theme(self, theme_id: str | None) -> None:
        """Show rows of one theme, or all (None)."""
        if theme_id != self._theme:
            narrowing = self._theme is None
            self._theme = theme_id
            self._apply(narrowing)

    def set_author(self, author: str | None) -> None:
        """Show rows by one author, or all (None)."""
        if author != self._author:
            narrowing = self._author is None
            self._author = author
            self._apply(narrowing)

    def set_reference(self, reference: str | None) -> None:
        """Show rows citing an instrument ('echr') or one reference ('echr:5', or a custom text), or all (None)."""
        value = reference.strip() if reference else None
        if value != self._reference:
            narrowing = self._reference is None
            self._reference = value or None
            self._apply(narrowing)

    def accepts(self, row: _Row) -> bool:
        """Whether the current filter shows this row."""
        annotation = row.annotation
        if annotation.deleted:
            return False
        if self._judgments and annotation.judgment not in self._judgments:
            return False
        if self._theme is not None and annotation.theme_id != self._theme:
            return False
        if self._author is not None and annotation.author != self._author:
            return False
        if self._reference is not None and self._reference not in row.ref_keys:
            return False
        blob = row.blob
        return all(word in blob for word in self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        """Qt asks row by row: answer from the cache made when the filter changed, else check the row."""
        if self._accepted_version == self._model.version:
            return self._accepted[source_row]
        return self.accepts(self._model.rows[source_row])

    def _apply(self, narrowing: bool) -> None:
        """Recompute which rows pass in one Python pass, then tell Qt in the cheapest way."""
        rows = self._model.rows
        valid = self._accepted_version == self._model.version
        previous = self._accepted if valid else None
        if previous is not None and narrowing:
            accepted = list(previous)
            accepts = self.accepts
            for position, shown in enumerate(previous):
                if shown and not accepts(rows[position]):
                    accepted[position] = False
        else:
            accepted = [self.accepts(row) for row in rows]
        self._accepted = accepted
        self._accepted_version = self._model.version
        # Rows removed or inserted in many separate runs each cost a signal through every view; past a few dozen,
        # rebuilding the mapping once is an order of magnitude faster (and keeps the selection via persistent indexes).
        if previous is not None and _changed_runs(previous, accepted, self.INCREMENTAL_RUNS) <= self.INCREMENTAL_RUNS:
            if hasattr(self, "endFilterChange"):
                self.beginFilterChange()
                self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            else:
                self.invalidateRowsFilter()
        else:
            self.invalidate()

    # -- sorting -----------------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the source model by the SORT_ROLE keys, in Python: Qt's own sort would call data() a million times."""
        self._model.sort(column, order)

    def source_row(self, proxy_row: int) -> int:
        """The model row shown at ``proxy_row``."""
        return self.mapToSource(self.index(proxy_row, 0)).row()


def _changed_runs(before: list[bool], after: list[bool], limit: int) -> int:
    """How many separate runs of rows change visibility, counting no further than ``limit + 1``."""
    runs = 0
    inside = False
    for old, new in zip(before, after):
        if old != new:
            if not inside:
                runs += 1
                if runs > limit:
                    return runs
                inside = True
        else:
            inside = False
    return runs
