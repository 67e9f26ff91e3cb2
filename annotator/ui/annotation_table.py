"""The annotation table: a Qt model over a review's annotations, and the proxy that filters it."""

from __future__ import annotations

import bisect
import enum
import html
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import Anchor, AnchorStatus, Annotation, Judgment, Theme, TreatyRef
from annotator.ui import palette
from annotator.ui.i18n import Translator, translatable
from annotator.ui.list_query import Query, QueryParser
from annotator.ui.palette import JUDGMENT_COLOURS

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


QUOTE_LENGTH = 120
# Rows without a place in the document sort after every placed row.
_NO_POSITION = 1 << 62
_NO_THEME = 1 << 30
_COORDINATE_MAX = (1 << 20) - 1


class Column(enum.IntEnum):
    """The table's columns, in display order."""

    QUOTE = 0
    PAGE = 1
    JUDGMENT = 2
    THEME = 3
    REFERENCES = 4
    AUTHOR = 5
    MODIFIED = 6
    # Where a carried-over or imported annotation stands: empty when its words are in place (exact), else
    # "Wording changed" (fuzzy), "Several places" (ambiguous) or "Not found" (orphaned). Shown after the quote.
    STATUS = 7


# The columns' titles, in the order of Column.
COLUMN_TITLES = (translatable("Quote"), translatable("Page"), translatable("Judgment"), translatable("Theme"),
                 translatable("References"), translatable("Author"), translatable("Modified"), translatable("Status"))


# What the status column says of each status, in the order it sorts (the words in place first).
STATUS_NAMES: dict[AnchorStatus, str] = {
    AnchorStatus.ANCHORED: "",
    AnchorStatus.FUZZY: translatable("Wording changed"),
    AnchorStatus.AMBIGUOUS: translatable("Several places"),
    AnchorStatus.ORPHANED: translatable("Not found"),
}
STATUS_EXPLAINED: dict[AnchorStatus, str] = {
    AnchorStatus.FUZZY: translatable("Carried over onto a passage whose words changed in this version: it stays "
                                     "out of the letter until you accept it (Annotate › Review Carried-Over "
                                     "Annotations)"),
    AnchorStatus.AMBIGUOUS: translatable("More than one place in this version fits: it stays out of the letter until "
                                         "you pick one (Annotate › Review Carried-Over Annotations)"),
    AnchorStatus.ORPHANED: translatable("Not found in this version of the document"),
}
_STATUS_RANKS = {status: rank for rank, status in enumerate(STATUS_NAMES)}
_STATUS_COLOURS = {AnchorStatus.FUZZY: "#8a5a00", AnchorStatus.AMBIGUOUS: "#1d4f91", AnchorStatus.ORPHANED: "#a61b1b"}


def judgment_name(tr: Translator, judgment: Judgment) -> str:
    """The judgment as shown to the reviewer: 'Serious concern', 'Ernstige zorg'."""
    return palette.judgment_name(judgment, tr.language)


def document_position(anchor: Anchor | None) -> int:
    """An integer that orders anchors as they are read: by page, then the top of the first line, then its left edge."""
    if anchor is None:
        return _NO_POSITION
    quads = anchor.quads
    if not quads:
        return anchor.page << 40
    top = quads[0] if len(quads) == 1 else min(quads, key=lambda quad: (quad.y0, quad.x0))
    # Sixteenths of a point keep the order of lines and words; 20 bits hold the largest PDF page (14,400 pt).
    y = int(top.y0 * 16)
    x = int(top.x0 * 16)
    y = 0 if y < 0 else _COORDINATE_MAX if y > _COORDINATE_MAX else y
    x = 0 if x < 0 else _COORDINATE_MAX if x > _COORDINATE_MAX else x
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
    blob: str
    quote_key: str
    position: int
    rank: int
    theme_order: int
    stamp: float
    ref_keys: frozenset[str]
    # Copies of the annotation's fields the filter reads, one attribute lookup away.
    deleted: bool
    judgment: Judgment | None
    theme_id: str | None
    author: str
    status: AnchorStatus


# Sort keys by column; ties fall back to document order.
_SORT_KEYS: dict[Column, Callable[[_Row], SupportsRichComparison]] = {
    Column.QUOTE: lambda row: (row.quote_key, row.position),
    Column.PAGE: lambda row: row.position,
    Column.JUDGMENT: lambda row: (row.rank, row.position),
    Column.THEME: lambda row: (row.theme_order, row.texts[Column.THEME].casefold(), row.position),
    Column.REFERENCES: lambda row: (row.texts[Column.REFERENCES].casefold(), row.position),
    Column.AUTHOR: lambda row: (row.author.casefold(), row.position),
    Column.MODIFIED: lambda row: (row.stamp, row.position),
    Column.STATUS: lambda row: (_STATUS_RANKS[row.status], row.position),
}
# What SORT_ROLE gives for each column: one comparable value per cell.
_SORT_VALUES: dict[Column, Callable[[_Row], object]] = {
    Column.QUOTE: lambda row: row.quote_key,
    Column.PAGE: lambda row: row.position,
    Column.JUDGMENT: lambda row: row.rank,
    Column.THEME: lambda row: row.theme_order,
    Column.REFERENCES: lambda row: row.texts[Column.REFERENCES].casefold(),
    Column.AUTHOR: lambda row: row.author.casefold(),
    Column.MODIFIED: lambda row: row.annotation.modified,
    Column.STATUS: lambda row: _STATUS_RANKS[row.status],
}
_RANKS = {judgment: judgment.rank for judgment in Judgment}


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
        self._references: dict[tuple[TreatyRef, ...], tuple[str, frozenset[str], str]] = {}
        self._parser: QueryParser | None = None
        self._sorted_at = -1
        self._sort_column = Column.PAGE
        self._descending = False
        self._live = 0
        self._author_counts: Counter[str] = Counter()
        self._italic = QFont()
        self._warning: QIcon | None = None
        self._italic.setItalic(True)
        self._unsaved: frozenset[str] = frozenset()  # rows whose changes wait for the database
        self._judgment_texts = {judgment: judgment_name(tr, judgment) for judgment in Judgment}
        self._status_texts = {status: tr(name) if name else "" for status, name in STATUS_NAMES.items()}
        self._status_counts: Counter[AnchorStatus] = Counter()
        # Bumped before every change of rows or their content, so the proxy knows when its cache is stale.
        self.version = 0
        # The last sort as (version before, version after, new row of each old row): a proxy can carry its answers.
        self.permutation: tuple[int, int, list[int]] | None = None

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

    def instruments(self) -> list[str]:
        """The ids of the instruments cited by the annotations shown (custom references not included)."""
        return sorted({ref.instrument for row in self._rows if not row.deleted
                       for ref in row.annotation.references if not ref.is_custom})

    def marked(self) -> bool:
        """Whether a live annotation is anything but in place (the status column has something to say)."""
        return any(count > 0 for status, count in self._status_counts.items() if status is not AnchorStatus.ANCHORED)

    def authors(self) -> list[str]:
        """The distinct authors of the annotations that are not deleted, alphabetically."""
        return sorted((name for name, count in self._author_counts.items() if count > 0), key=str.casefold)

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
            if column == Column.MODIFIED and self._unsaved and row.annotation.id in self._unsaved:
                return self._tr("not saved yet")
            return row.texts[column]
        if role == SORT_ROLE:
            return _SORT_VALUES[Column(column)](row)
        if role == ID_ROLE:
            return row.annotation.id
        annotation = row.annotation
        if column == Column.STATUS and annotation.status is not AnchorStatus.ANCHORED:
            if role == Qt.ItemDataRole.ForegroundRole:  # readable on the list's background, light or dark
                return palette.legible(QColor(_STATUS_COLOURS[annotation.status]),
                                       QApplication.palette().base().color())
            if role == Qt.ItemDataRole.ToolTipRole and annotation.id not in self._unsaved:
                return self._tr(STATUS_EXPLAINED[annotation.status])
        if role == Qt.ItemDataRole.DecorationRole:
            if column == Column.JUDGMENT and annotation.judgment is not None:
                return JUDGMENT_COLOURS[annotation.judgment]
            if column == Column.QUOTE and annotation.status == AnchorStatus.ORPHANED:
                return self._orphan_icon()
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column == Column.QUOTE and annotation.status == AnchorStatus.ORPHANED or annotation.id in self._unsaved:
                return self._italic
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if annotation.id in self._unsaved:
                return self._tr("Not saved yet: kept on this computer until the annotation database can be reached.")
            if column == Column.QUOTE:
                return self._tooltip(annotation)
            return row.texts[column] or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Translated column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(Column):
            return self._tr(COLUMN_TITLES[section])
        return None

    def _orphan_icon(self) -> QIcon:
        """The style's warning sign (an icon rather than a character: not every font has a glyph for one)."""
        if self._warning is None:
            self._warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning

    def _tooltip(self, annotation: Annotation) -> str:
        """The whole quote and the comment, as rich text so that Qt wraps long lines."""
        parts = [f"<p>{html.escape(_one_line(annotation.quote))}</p>"]
        if annotation.status is not AnchorStatus.ANCHORED:
            warning = self._tr(STATUS_EXPLAINED[annotation.status])
            parts.insert(0, f"<p><i>{html.escape(warning)}</i></p>")
        if annotation.comment.strip():
            comment = html.escape(annotation.comment.strip()).replace("\n", "<br>")
            parts.append(f"<p>{comment}</p>")
        return "".join(parts)

    # -- building rows -----------------------------------------------------------------------------------------

    @property
    def query_parser(self) -> QueryParser:
        """Reads the filter text with this model's catalogue."""
        if self._parser is None:
            self._parser = QueryParser(self._catalogue)
        return self._parser

    def _cite(self, references: tuple[TreatyRef, ...]) -> tuple[str, frozenset[str], str]:
        """The references as shown ('art. 5 EVRM, art. 8 EVRM'), the keys the filters match, and the text the
        free-text filter searches: the citations in both languages with the treaties' names."""
        cited = self._references.get(references)
        if cited is None:
            text = ", ".join(self._catalogue.cite(ref, self._tr.language) for ref in references)
            parser = self.query_parser
            cited = self._references[references] = (text, parser.keys(references), parser.search_text(references))
        return cited

    def _page_label(self, page: int) -> str:
        label = self._labels[page] if 0 <= page < len(self._labels) else ""
        return label or str(page + 1)

    def _build(self, annotation: Annotation) -> _Row:
        """Precompute the row's texts, sort keys and search blob."""
        quote = _one_line(annotation.quote)
        shown_quote = _elide(quote)
        anchor = annotation.anchor
        page = self._page_label(anchor.page) if anchor is not None else ""
        judgment = self._judgment_texts[annotation.judgment] if annotation.judgment is not None else ""
        theme = self._themes.get(annotation.theme_id) if annotation.theme_id else None
        theme_title = theme.title if theme else ""
        references, ref_keys, reference_text = self._cite(annotation.references)
        # time.localtime and an f-string: datetime.astimezone/strftime import a module per call, 5x slower here.
        stamp = annotation.modified.timestamp()
        local = time.localtime(stamp)
        modified = f"{local.tm_year:04d}-{local.tm_mon:02d}-{local.tm_mday:02d} {local.tm_hour:02d}:{local.tm_min:02d}"
        texts = (shown_quote, page, judgment, theme_title, references, annotation.author, modified,
                 self._status_texts[annotation.status])
        folded_quote = quote.casefold()
        blob = "\n".join((folded_quote, annotation.comment.casefold(), reference_text, theme_title.casefold(),
                          annotation.author.casefold()))
        return _Row(
            annotation=annotation, texts=texts, blob=blob, quote_key=folded_quote, position=document_position(anchor),
            rank=_RANKS[annotation.judgment] if annotation.judgment is not None else -1,
            theme_order=theme.position if theme else _NO_THEME, stamp=stamp, ref_keys=ref_keys,
            deleted=annotation.deleted, judgment=annotation.judgment, theme_id=annotation.theme_id,
            author=annotation.author, status=annotation.status,
        )

    def _tally(self, rows: Iterable[_Row], sign: int) -> None:
        """Count rows that are not deleted in or out of the totals the filter bar shows."""
        for row in rows:
            if not row.deleted:
                self._live += sign
                self._author_counts[row.author] += sign
                self._status_counts[row.status] += sign

    def _key(self, row: _Row) -> SupportsRichComparison:
        return _SORT_KEYS[self._sort_column](row)

    # -- changing ----------------------------------------------------------------------------------------------

    def set_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Show a new set of annotations (when a document is opened): a full reset."""
        self.beginResetModel()
        self.version += 1
        self._rows = sorted((self._build(annotation) for annotation in annotations), key=self._key,
                            reverse=self._descending)
        self._index_valid = False
        self._live = 0
        self._author_counts.clear()
        self._status_counts.clear()
        self._tally(self._rows, 1)
        self.endResetModel()

    def set_unsaved(self, ids: frozenset[str]) -> None:
        """Mark the rows whose changes wait for the database (in italics, "not saved yet" as their time)."""
        touched = self._unsaved ^ ids
        self._unsaved = ids
        for id in touched:
            row = self.row_of(id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

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
                self._tally([self._rows[position]], -1)
                self._rows[position] = self._build(annotation)
                self._tally([self._rows[position]], 1)
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
            self._tally(group, 1)
            self.endInsertRows()

    def remove(self, ids: Sequence[str]) -> None:
        """Take annotations out of the table; unknown ids are ignored (they may have been removed already)."""
        positions = sorted({row for row in (self.row_of(id) for id in ids) if row is not None})
        for first, end in reversed(list(_runs(positions))):
            self.beginRemoveRows(QModelIndex(), first, end)
            self.version += 1
            self._tally(self._rows[first:end + 1], -1)
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
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending) and self._sorted_at == self.version:
            return  # QTableView.sortByColumn can ask twice for the same order
        self.layoutAboutToBeChanged.emit()
        unsorted = self.version
        self.version += 1
        self._sort_column = Column(column)
        self._descending = descending
        key = _SORT_KEYS[self._sort_column]
        rows = self._rows
        order_of = sorted(range(len(rows)), key=lambda position: key(rows[position]), reverse=descending)
        new_place = [0] * len(order_of)
        for place, old in enumerate(order_of):
            new_place[old] = place
        self._rows = [rows[old] for old in order_of]
        self._index_valid = False
        self._sorted_at = self.version
        self.permutation = (unsorted, self.version, new_place)
        before = self.persistentIndexList()
        after = [self.index(new_place[index.row()], index.column()) for index in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()


def _runs(positions: Iterable[int]) -> Iterable[tuple[int, int]]:
    """Contiguous runs (first, last) of row numbers, in ascending order."""
    ordered = sorted(positions)
    start = 0
    for end in range(1, len(ordered) + 1):
        if end == len(ordered) or ordered[end] != ordered[end - 1] + 1:
            yield ordered[start], ordered[end - 1]
            start = end


class AnnotationFilterProxy(QSortFilterProxyModel):
    """Filters the annotation table by words, judgments, theme, author and reference; never shows deleted ones.

    Qt asks ``filterAcceptsRow`` once per row on every change; a call from C++ into Python costs about half a
    microsecond, so the answers are computed beforehand in a few list comprehensions and looked up.
    """

    # Up to this many separate runs of rows appearing or disappearing, Qt's row signals are used; beyond, one
    # layout change is cheaper than thousands of removals each rippling through the view.
    INCREMENTAL_RUNS = 64
    # After this many rows asked about since the model changed, answer them all at once instead of one by one.
    _BULK_AFTER = 512
    _MEMO_SIZE = 32

    def __init__(self, model: AnnotationTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(False)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.setSourceModel(model)
        self._model = model
        self._query = Query()
        self._judgments: frozenset[Judgment] = frozenset()
        self._theme: str | None = None
        self._author: str | None = None
        self._reference: str | None = None
        self._statuses: frozenset[AnchorStatus] = frozenset()
        self._accepted: frozenset[int] = frozenset()
        self._shown: list[int] = []
        self._accepted_version = -1
        self._misses = 0
        # Answers for recent filters in this model version: backspacing over a query costs nothing.
        self._memo: dict[tuple[object, ...], list[int]] = {}
        self._memo_version = -1

    # -- the filter --------------------------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show rows containing every word of ``text`` (in quote, comment, references, theme or author) and citing
        (or mentioning) every treaty or article it names, in Dutch or English ("EVRM 3", "art. 3 ECHR")."""
        query = self._model.query_parser.parse(text)
        if query != self._query:
            # Longer or more words can only hide rows, so only the rows shown now need checking.
            narrowing = query.narrows(self._query)
            self._query = query
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
        value = (reference.strip() or None) if reference else None
        if value != self._reference:
            narrowing = self._reference is None
            self._reference = value
            self._apply(narrowing)

    def set_statuses(self, statuses: Iterable[AnchorStatus]) -> None:
        """Show rows with one of these statuses (in place, wording changed, several places, not found); an empty set
        shows them all."""
        chosen = frozenset(statuses)
        if chosen != self._statuses:
            narrowing = bool(chosen) and (not self._statuses or chosen <= self._statuses)
            self._statuses = chosen
            self._apply(narrowing)

    @property
    def statuses(self) -> frozenset[AnchorStatus]:
        return self._statuses

    def accepts(self, row: _Row) -> bool:
        """Whether the current filter shows this row."""
        return bool(self._matching([row], [0]))

    def _matching(self, rows: Sequence[_Row], candidates: list[int] | None) -> list[int]:
        """The positions among ``candidates`` (None: all) whose rows pass: one comprehension per active criterion."""
        if candidates is None:
            found = [i for i, row in enumerate(rows) if not row.deleted]
        else:
            found = [i for i in candidates if not rows[i].deleted]
        if self._judgments:
            judgments = self._judgments
            found = [i for i in found if rows[i].judgment in judgments]
        if self._statuses:
            statuses = self._statuses
            found = [i for i in found if rows[i].status in statuses]
        if self._theme is not None:
            theme = self._theme
            found = [i for i in found if rows[i].theme_id == theme]
        if self._author is not None:
            author = self._author
            found = [i for i in found if rows[i].author == author]
        if self._reference is not None:
            reference = self._reference
            found = [i for i in found if reference in rows[i].ref_keys]
        for term in self._query.references:
            found = term.select(rows, found)
        for word in self._query.words:
            found = [i for i in found if word in rows[i].blob]
        return found

    def _filter_key(self) -> tuple[object, ...]:
        return self._query, self._judgments, self._theme, self._author, self._reference, self._statuses

    def _recompute(self, candidates: list[int] | None = None) -> None:
        """Find the rows that pass, reusing an answer from earlier in this model version (backspacing)."""
        if self._memo_version != self._model.version:
            self._memo.clear()
            self._memo_version = self._model.version
        key = self._filter_key()
        shown = self._memo.get(key)
        if shown is None:
            shown = self._matching(self._model.rows, candidates)
            if len(self._memo) >= self._MEMO_SIZE:
                del self._memo[next(iter(self._memo))]
            self._memo[key] = shown
        self._shown = shown
        self._accepted = frozenset(shown)
        self._accepted_version = self._model.version
        self._misses = 0

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        """Qt asks row by row: answer from the precomputed set, checking single rows after a small model change."""
        if self._accepted_version != self._model.version:
            permutation = self._model.permutation
            if permutation is not None and permutation[0] == self._accepted_version \
                    and permutation[1] == self._model.version:
                self._carry(permutation[2])
                return source_row in self._accepted
            self._misses += 1
            if self._misses < self._BULK_AFTER:
                return self.accepts(self._model.rows[source_row])
            self._recompute()
        return source_row in self._accepted

    def _carry(self, new_place: list[int]) -> None:
        """After the model sorted its rows, the same rows pass: renumber them instead of checking them again."""
        self._shown = sorted(new_place[position] for position in self._shown)
        self._accepted = frozenset(self._shown)
        self._accepted_version = self._model.version
        self._memo.clear()

    def _apply(self, narrowing: bool) -> None:
        """Recompute which rows pass, then tell Qt in the cheapest way (or not at all when nothing changed)."""
        if self._accepted_version != self._model.version:
            self._recompute()
            self.invalidate()
            return
        before, shown_before = self._accepted, self._shown
        self._recompute(shown_before if narrowing else None)
        after = self._accepted
        hidden = [i for i in shown_before if i not in after]
        revealed = [i for i in self._shown if i not in before]
        if not hidden and not revealed:
            return
        changed = sorted(hidden + revealed) if hidden and revealed else hidden or revealed
        runs = 1 + sum(1 for a, b in zip(changed, changed[1:]) if b != a + 1)
        if runs > self.INCREMENTAL_RUNS:
            self.invalidate()
        elif hasattr(self, "endFilterChange"):  # Qt 6.9+; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    # -- sorting -----------------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the source model by its SORT_ROLE keys: Qt's own sort would call data() a million times."""
        self._model.sort(column, order)
