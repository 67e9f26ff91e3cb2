"""The annotation list panel: a filter bar over a table of the review's annotations, with keys to judge and delete."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import AnchorStatus, Judgment, Theme
from annotator.ui.annotation_table import (
    ID_ROLE,
    JUDGMENT_COLOURS,
    STATUS_NAMES,
    AnnotationFilterProxy,
    AnnotationTableModel,
    Column,
    judgment_name,
)
from annotator.ui.i18n import Translator, translatable


FILTER_DELAY_MS = 100
# The status filter's choices: what the reviewer of a carried-over review looks for, then each status on its own.
_STATUS_CHOICES: tuple[tuple[str, frozenset[AnchorStatus]], ...] = (
    (translatable("All statuses"), frozenset()),
    (translatable("To review (not exact)"),
     frozenset({AnchorStatus.FUZZY, AnchorStatus.AMBIGUOUS, AnchorStatus.ORPHANED})),
    (translatable("In place (exact)"), frozenset({AnchorStatus.ANCHORED})),
    *((STATUS_NAMES[status], frozenset({status}))
      for status in (AnchorStatus.FUZZY, AnchorStatus.AMBIGUOUS, AnchorStatus.ORPHANED)),
)
_JUDGMENT_KEYS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3, Qt.Key.Key_5: 4}


def colour_icon(colour: QColor, size: int = 12) -> QIcon:
    """A small filled square of ``colour``, for buttons and menu entries."""
    pixmap = QPixmap(size, size)
    pixmap.fill(colour)
    return QIcon(pixmap)


class FilterCombo(QComboBox):
    """A filter's drop-down: as wide as its longest choice where there is room, down to a few characters (the
    choice elided) where there is not, so that the list fits a small window beside the editor."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        narrow = self.fontMetrics().horizontalAdvance("M" * 3) + 24  # a word's start and the drop-down arrow
        return QSize(min(hint.width(), narrow), hint.height())


class AnnotationTable(QTableView):
    """The list's table; a row reached with the keys (arrows, Page Up/Down, Home/End, typing) is reported as
    ``row_reached``, just as a click is. Tab leaves the table instead of moving from cell to cell."""

    row_reached = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Home and End go to the first and last annotation (in a table they would go to the first and last cell
        of the row, and every cell of a row shows the same annotation)."""
        if action in (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        before = self.currentIndex().row()
        super().keyPressEvent(event)
        current = self.currentIndex()
        # Ctrl moves the current row without selecting it, Shift extends the selection: neither opens a row.
        extending = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        if current.isValid() and current.row() != before and not extending:
            self.row_reached.emit(current)


class AnnotationListPanel(QWidget):
    """Lists the annotations of the open document; filters them, and asks for judgments, themes and deletions."""

    activated = Signal(str)
    selection_changed = Signal(list)
    judgment_requested = Signal(list, object)
    theme_requested = Signal(list, object)
    delete_requested = Signal(list)

    def __init__(self, tr: Translator, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._themes: list[Theme] = []
        self._quiet = False
        self.model = AnnotationTableModel(tr, catalogue, self)
        self.proxy = AnnotationFilterProxy(self.model, self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self._t("Filter…"))
        self.filter_edit.setToolTip(self._t("Filter by words in the quote, comment, references, theme or author"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self._t("Filter Annotations"))
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_text)
        self.filter_edit.textChanged.connect(self._filter_timer.start)

        self.judgment_buttons: dict[Judgment, QToolButton] = {}
        for judgment in Judgment:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIcon(colour_icon(JUDGMENT_COLOURS[judgment], 14))
            name = judgment_name(tr, judgment)
            button.setToolTip(self._t("Show only “{judgment}” (click more to add; none checked shows all)",
                                      judgment=name))
            button.setAccessibleName(name)
            button.toggled.connect(self._apply_judgments)
            self.judgment_buttons[judgment] = button

        self.theme_combo = FilterCombo(self)
        self.theme_combo.addItem(self._t("All themes"), None)
        self.theme_combo.currentIndexChanged.connect(self._apply_theme)
        self.reference_combo = FilterCombo(self)
        self.reference_combo.setObjectName("reference-filter")
        self.reference_combo.addItem(self._t("All treaties"), None)
        self.reference_combo.currentIndexChanged.connect(
            lambda _index: self.proxy.set_reference(self.reference_combo.currentData()))
        self._catalogue = catalogue
        self.author_combo = FilterCombo(self)
        self.author_combo.addItem(self._t("All authors"), None)
        self.author_combo.currentIndexChanged.connect(self._apply_author)
        self.status_combo = FilterCombo(self)
        self.status_combo.setObjectName("status-filter")
        self.status_combo.setToolTip(self._t("Show the annotations whose passage is in place, changed, in several "
                                             "places or not found in this version"))
        for text, statuses in _STATUS_CHOICES:
            self.status_combo.addItem(self._tr(text), statuses)
        self.status_combo.currentIndexChanged.connect(
            lambda _index: self.proxy.set_statuses(self.status_combo.currentData() or ()))
        self.status_combo.setVisible(False)  # until an annotation is anything but in place
        self.count_label = QLabel(self)
        # A drop-down's name would otherwise be its choice ("All themes"): say what it filters.
        for combo, name in ((self.theme_combo, translatable("Theme Filter")),
                            (self.reference_combo, translatable("Treaty Filter")),
                            (self.author_combo, translatable("Author Filter")),
                            (self.status_combo, translatable("Status Filter"))):
            combo.setAccessibleName(self._t(name))

        self.table = AnnotationTable(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self._t("Annotations"))
        self.table.setAccessibleDescription(self._t("Enter or a click opens an annotation; 1 to 5 judge the selected "
                                                    "ones, Del deletes them"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        rows = self.table.verticalHeader()
        # Fixed row heights let the view place 50,000 rows without measuring any of them.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        rows.setVisible(False)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(Column.QUOTE, QHeaderView.ResizeMode.Stretch)
        columns.setHighlightSections(False)
        for column, width in ((Column.PAGE, 60), (Column.JUDGMENT, 130), (Column.THEME, 160),
                              (Column.REFERENCES, 160), (Column.AUTHOR, 110), (Column.MODIFIED, 130),
                              (Column.STATUS, 120)):
            self.table.setColumnWidth(column, width)
        columns.moveSection(columns.visualIndex(Column.STATUS), 1)  # beside the quote it speaks of
        self.table.setColumnHidden(Column.STATUS, True)  # until an annotation is anything but in place
        columns.setSortIndicator(Column.PAGE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.table.installEventFilter(self)
        self.filter_edit.installEventFilter(self)
        self.table.clicked.connect(self._clicked)
        self.table.row_reached.connect(self._row_reached)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.layoutChanged,
                       self.proxy.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.modelReset, self.model.dataChanged):
            signal.connect(self._update_count)
        self._authors_timer = QTimer(self)
        self._authors_timer.setSingleShot(True)
        self._authors_timer.setInterval(0)
        self._authors_timer.timeout.connect(self._refresh_authors)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset,
                       self.model.dataChanged):
            signal.connect(self._authors_timer.start)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_edit, 1)
        for button in self.judgment_buttons.values():
            bar.addWidget(button)
        bar.addWidget(self.theme_combo)
        bar.addWidget(self.reference_combo)
        bar.addWidget(self.author_combo)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self._update_count()

    def _t(self, text: str, **values: object) -> str:
        return self._tr(text, **values)

    # -- public ------------------------------------------------------------------------------------------------

    def set_themes(self, themes: Sequence[Theme]) -> None:
        """Use these themes for the theme column, the theme filter and the "Set theme" menu."""
        self._themes = sorted(themes, key=lambda theme: theme.position)
        self.model.set_themes(self._themes)
        current = self.theme_combo.currentData()
        self.theme_combo.blockSignals(True)
        self.theme_combo.clear()
        self.theme_combo.addItem(self._t("All themes"), None)
        for theme in self._themes:
            self.theme_combo.addItem(theme.title, theme.id)
        found = self.theme_combo.findData(current) if current is not None else 0
        self.theme_combo.setCurrentIndex(max(found, 0))
        self.theme_combo.blockSignals(False)
        self._apply_theme()

    def select_annotation(self, id: str) -> bool:
        """Select annotation ``id`` and scroll to it, without emitting activated or selection_changed.

        Returns False when the table does not have it or the filter hides it.
        """
        row = self.model.row_of(id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._quiet = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
        finally:
            self._quiet = False
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def selected_ids(self) -> list[str]:
        """The ids of the selected rows, top to bottom."""
        # The selection's ranges, not selectedRows(): that one walks every selected cell (slow for thousands).
        selection = self.table.selectionModel().selection()
        spans = [selection.at(index) for index in range(selection.count())]
        rows = sorted({row for span in spans for row in range(span.top(), span.bottom() + 1)})
        proxy = self.table.model()
        return [proxy.index(row, 0).data(ID_ROLE) for row in rows]

    def context_menu(self) -> QMenu:
        """The menu for the selected rows: set judgment, set theme, delete."""
        menu = QMenu(self)
        judgments = menu.addMenu(self._t("Set judgment"))
        for key, judgment in enumerate(Judgment, start=1):
            action = judgments.addAction(colour_icon(JUDGMENT_COLOURS[judgment]),
                                         f"{judgment_name(self._tr, judgment)}\t{key}")
            action.triggered.connect(lambda _checked=False, chosen=judgment: self._request_judgment(chosen))
        themes = menu.addMenu(self._t("Set theme"))
        for theme_id, title in [(None, self._t("No theme"))] + [(theme.id, theme.title) for theme in self._themes]:
            action = themes.addAction(title)
            action.triggered.connect(lambda _checked=False, chosen=theme_id: self._request_theme(chosen))
        menu.addSeparator()
        delete = menu.addAction(self._t("Delete") + "\tDel")
        delete.triggered.connect(self._request_delete)
        enabled = bool(self.table.selectionModel().hasSelection())
        for action in menu.actions():
            action.setEnabled(enabled)
        return menu

    # -- filter bar --------------------------------------------------------------------------------------------

    def _apply_text(self) -> None:
        self.proxy.set_text(self.filter_edit.text())

    def _apply_judgments(self) -> None:
        self.proxy.set_judgments(judgment for judgment, button in self.judgment_buttons.items() if button.isChecked())

    def _apply_theme(self) -> None:
        self.proxy.set_theme(self.theme_combo.currentData())

    def _apply_author(self) -> None:
        self.proxy.set_author(self.author_combo.currentData())

    def _refresh_references(self) -> None:
        """Offer the treaties cited in the data, by their abbreviation."""
        instruments = self.model.instruments()
        offered = [self.reference_combo.itemData(position) for position in range(1, self.reference_combo.count())]
        if instruments == offered:
            return
        current = self.reference_combo.currentData()
        self.reference_combo.blockSignals(True)
        self.reference_combo.clear()
        self.reference_combo.addItem(self._t("All treaties"), None)
        for instrument_id in instruments:
            instrument = self._catalogue.instrument(instrument_id)
            name = (instrument.abbr_nl if self._tr.language == "nl" else instrument.abbr_en) if instrument else ""
            self.reference_combo.addItem(name or instrument_id, instrument_id)
        found = self.reference_combo.findData(current) if current is not None else 0
        self.reference_combo.setCurrentIndex(max(found, 0))
        self.reference_combo.blockSignals(False)
        self.proxy.set_reference(self.reference_combo.currentData())

    def _refresh_statuses(self) -> None:
        """Show the status column and filter while an annotation is anything but in place (after a carry-over
        or an import); the filter stays as chosen while it is shown."""
        marked = self.model.marked() or self.status_combo.currentIndex() > 0
        if marked == self.status_combo.isVisibleTo(self):
            return
        self.status_combo.setVisible(marked)
        self.table.setColumnHidden(Column.STATUS, not marked)

    def show_statuses(self, statuses: frozenset[AnchorStatus]) -> None:
        """Choose the status filter that shows these statuses (all of them for an empty set)."""
        for position, (_text, choice) in enumerate(_STATUS_CHOICES):
            if choice == statuses:
                self.status_combo.setCurrentIndex(position)
                break
        self._refresh_statuses()

    def _refresh_authors(self) -> None:
        """Offer the authors present in the data, keeping the chosen one while it still has annotations."""
        self._refresh_references()
        self._refresh_statuses()
        authors = self.model.authors()
        offered = [self.author_combo.itemData(position) for position in range(1, self.author_combo.count())]
        if authors == offered:
            return
        current = self.author_combo.currentData()
        self.author_combo.blockSignals(True)
        self.author_combo.clear()
        self.author_combo.addItem(self._t("All authors"), None)
        for author in authors:
            self.author_combo.addItem(author, author)
        found = self.author_combo.findData(current) if current is not None else 0
        self.author_combo.setCurrentIndex(max(found, 0))
        self.author_combo.blockSignals(False)
        self._apply_author()

    def _update_count(self) -> None:
        self.count_label.setText(self._t("{shown} of {total}", shown=self.proxy.rowCount(),
                                         total=self.model.live_count))

    # -- table -------------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keys 1-5 judge, Del deletes and Enter activates, while the table has focus; Enter and Down in the filter
        field go on to the table."""
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down) \
                    and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self._enter_table()
                return True
        if watched is self.table and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            action = self._key_action(event)
            if action is not None:
                if event.type() == QEvent.Type.ShortcutOverride:
                    # Claim the key so that a window-wide shortcut does not take it from the table.
                    event.accept()
                else:
                    action()
                return True
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent) -> Callable[[], None] | None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return None
        key = Qt.Key(event.key())
        if key in _JUDGMENT_KEYS:
            judgment = Judgment.from_rank(_JUDGMENT_KEYS[key])
            return lambda: self._request_judgment(judgment)
        if key == Qt.Key.Key_Delete:
            return self._request_delete
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._activate_current
        return None

    def _activate_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.activated.emit(index.data(ID_ROLE))

    def _enter_table(self) -> None:
        """From the filter field into the table, on the selected row or else the first, which is opened."""
        if self._filter_timer.isActive():
            self._filter_timer.stop()
            self._apply_text()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            index = self.proxy.index(0, 0)
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index)
            self.activated.emit(index.data(ID_ROLE))

    def _row_reached(self, index: QModelIndex) -> None:
        if not self._quiet:
            self.activated.emit(index.data(ID_ROLE))

    def _clicked(self, index: QModelIndex) -> None:
        # Ctrl- and Shift-clicks only extend the selection; they should not move the page view.
        if index.isValid() and QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
            self.activated.emit(index.data(ID_ROLE))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if not self._quiet:
            self.selection_changed.emit(self.selected_ids())

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _request_judgment(self, judgment: Judgment) -> None:
        ids = self.selected_ids()
        if ids:
            self.judgment_requested.emit(ids, judgment)

    def _request_theme(self, theme_id: str | None) -> None:
        ids = self.selected_ids()
        if ids:
            self.theme_requested.emit(ids, theme_id)

    def _request_delete(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.delete_requested.emit(ids)
