"""The editor of the selected highlight: judgment, theme, treaty references with suggestions, comment, sources."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.catalogue import Catalogue
from annotator.domain.text import printable
from annotator.domain.textmerge import merge_text
from annotator.domain.model import Annotation, Judgment, Theme, TreatyRef
from annotator.domain.suggest import Suggester, Suggestion
from annotator.services.commands import content as _content
from annotator.ui.i18n import Translator
from annotator.ui.palette import JUDGMENT_COLOURS, judgment_name, text_colour_on

_REF_ROLE = Qt.ItemDataRole.UserRole


class ReferencePicker(QWidget):
    """Treaty references: the chosen ones, and a field that lists the matching catalogue entries as one types.

    The matches show in a list right under the field, inside the panel rather than in a popup window, so the keyboard
    focus stays in the field on every window system: Up and Down move the highlight, Enter or a click takes the
    highlighted entry, Escape closes the list (a second Escape clears the field). The last entry always adds the
    typed text as written, a custom reference. In the list of chosen references Del (or Backspace) removes one.
    """

    changed = Signal(tuple)  # tuple[TreatyRef, ...]

    MATCHES = 10  # catalogue entries listed at most, before the "as written" entry
    RESULTS_HEIGHT = 180  # the list of matches grows with its entries up to this, then scrolls

    def __init__(self, tr: Translator, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._catalogue = catalogue
        self._refs: tuple[TreatyRef, ...] = ()
        self.chosen = QListWidget()
        self.chosen.setObjectName("chosen-references")
        self.chosen.setMaximumHeight(90)
        self.chosen.setWordWrap(True)
        self.chosen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chosen.setToolTip(tr("Del removes the selected reference"))
        self.chosen.setAccessibleName(tr("Treaty References"))
        self.chosen.installEventFilter(self)
        self.field = QLineEdit()
        self.field.setObjectName("reference-search")
        self.field.setPlaceholderText(tr("Add a reference: “EVRM 5”, “refoulement”, “art. 33 Vluchtelingenverdrag”…"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(tr("Add a Treaty Reference"))
        self.field.installEventFilter(self)
        self.results = QListWidget()
        self.results.setObjectName("reference-results")
        # The list never takes the focus: arrow keys, Enter and clicks leave the reviewer typing in the field.
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.results.setFocusProxy(self.field)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        palette = self.results.palette()  # the highlight shows as strongly as in a focused list
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role))
        self.results.setPalette(palette)
        self.results.hide()
        self.results.itemClicked.connect(self._take)
        self.field.textChanged.connect(self._search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chosen)
        layout.addWidget(self.field)
        layout.addWidget(self.results)

    @property
    def references(self) -> tuple[TreatyRef, ...]:
        return self._refs

    def set_references(self, refs: Sequence[TreatyRef]) -> None:
        self._refs = tuple(refs)
        keep_row = self.chosen.currentRow() if self.chosen.hasFocus() else -1
        self.chosen.clear()
        lang = self._tr.language
        for ref in self._refs:
            item = QListWidgetItem(self._catalogue.display(ref, lang))
            item.setData(_REF_ROLE, str(ref))
            if ref.is_custom or self._catalogue.article(ref) is None:
                item.setToolTip(self._tr("Not in the catalogue: kept as written"))
            self.chosen.addItem(item)
        if keep_row >= 0 and self.chosen.count():
            self.chosen.setCurrentRow(min(keep_row, self.chosen.count() - 1))  # Del again removes the next one
        # An empty list is no stop for Tab (it would take the focus and show nothing of it); emptied while it had
        # the focus, the focus goes on to the field that adds a reference.
        self.chosen.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.chosen.count() else Qt.FocusPolicy.NoFocus)
        if keep_row >= 0 and not self.chosen.count():
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def add(self, ref: TreatyRef) -> None:
        if ref not in self._refs:
            self._refs = self._refs + (ref,)
            self.set_references(self._refs)
            self.changed.emit(self._refs)

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.chosen.selectedIndexes()}
        if not rows and self.chosen.currentRow() >= 0:
            rows = {self.chosen.currentRow()}
        if rows:
            self._refs = tuple(ref for row, ref in enumerate(self._refs) if row not in rows)
            self.set_references(self._refs)
            self.changed.emit(self._refs)

    # --- the list of matches ----------------------------------------------------------------------

    def _search(self, text: str) -> None:
        """List the catalogue entries matching ``text``, then the entry that adds it as written."""
        typed = text.strip()
        self.results.clear()
        if not typed:
            self.results.hide()
            return
        lang = self._tr.language
        for article in self._catalogue.search(typed, lang=lang, limit=self.MATCHES) if len(typed) >= 2 else ():
            label = self._catalogue.display(article.ref, lang)
            item = QListWidgetItem(label)
            item.setData(_REF_ROLE, article.ref)
            if article.ref in self._refs:
                item.setText("✓ " + label)
                item.setToolTip(self._tr("Already chosen"))
            self.results.addItem(item)
        custom = QListWidgetItem(self._tr("Add “{typed}” as written", typed=typed))
        custom.setData(_REF_ROLE, TreatyRef(instrument="", article="", custom=typed))
        custom.setToolTip(self._tr("Not in the catalogue: kept as written"))
        custom.setForeground(QColor(90, 90, 90))
        self.results.addItem(custom)
        self.results.show()
        self._fit_results()
        self.results.setCurrentRow(0)
        QTimer.singleShot(0, self, self._reveal_results)

    def _fit_results(self) -> None:
        """As tall as the entries (wrapped to the field's width), up to RESULTS_HEIGHT."""
        results = self.results
        results.resize(self.field.width(), results.height())
        results.doItemsLayout()
        rows = sum(results.visualItemRect(results.item(row)).height() for row in range(results.count()))
        results.setFixedHeight(min(self.RESULTS_HEIGHT, rows + 2 * results.frameWidth()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.results.isVisible() and event.size().width() != event.oldSize().width():
            self._fit_results()

    def _reveal_results(self) -> None:
        """Scroll the editor so that the field and its list of matches are in view."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None and self.results.isVisible():
            area.ensureWidgetVisible(self.results, 0, 0)
            area.ensureWidgetVisible(self.field, 0, 0)

    def _move(self, step: int) -> None:
        if not self.results.isVisible():
            self._search(self.field.text())
            return
        row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
        self.results.setCurrentRow(row)

    def _take(self, item: QListWidgetItem | None) -> None:
        """Add the entry's reference; the field clears, ready for the next one."""
        if item is None:
            return
        ref: TreatyRef = item.data(_REF_ROLE)
        self.field.clear()  # also empties and hides the list
        self.add(ref)

    def _close_results(self) -> bool:
        if self.results.isVisible():
            self.results.hide()
            return True
        if self.field.text():
            self.field.clear()
            return True
        return False

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        if not isinstance(event, QKeyEvent):
            if (watched is self.field and isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut
                    and event.reason() not in (Qt.FocusReason.ActiveWindowFocusReason,
                                               Qt.FocusReason.PopupFocusReason)):
                self.results.hide()
            return super().eventFilter(watched, event)  # type: ignore[arg-type]
        kind, key = event.type(), event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if watched is self.chosen and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # the key removes a reference here, whatever a window shortcut says
                return True
            if kind == QEvent.Type.KeyPress:
                self.remove_selected()
                return True
        if watched is self.field and plain and key in (
                Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            if kind == QEvent.Type.ShortcutOverride:
                if self.results.isVisible() or self.field.text():
                    event.accept()
                    return True
            elif kind == QEvent.Type.KeyPress:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and (self.results.isVisible() or self.field.text()):
                    self._move(1 if key == Qt.Key.Key_Down else -1)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if self.results.isVisible():
                        self._take(self.results.currentItem())
                        return True
                    if self.field.text().strip():
                        self._search(self.field.text())  # shows what Enter would take, never takes it unseen
                        return True
                if key == Qt.Key.Key_Escape and self._close_results():
                    return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]


class AnnotationEditor(QScrollArea):
    """Edits one annotation; every change is emitted as a new value for an undoable command."""

    # new value, description for the undo menu, merge key ("" = never merge with the previous edit)
    # (after, what the edit started from where it differs from what is shown: the text typing began from, the
    # name of the step, the merge key of typing)
    edited = Signal(object, object, str, str)
    # The annotation as it would be with what is being typed (comment, sources), at every keystroke; the edit itself
    # follows after the typing pause (``edited``). The letter's preview shows it at once.
    drafted = Signal(object)
    manage_themes_requested = Signal()

    def __init__(self, tr: Translator, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotation-editor")
        self._tr = tr
        self._catalogue = catalogue
        self._suggested: tuple[str, list[Suggestion]] = ("", [])
        self._suggester: Suggester | None = None
        self._annotation: Annotation | None = None
        self._themes: list[Theme] = []
        self._loading = False
        self._typed_from: dict[str, object] = {}  # where a text being typed (not saved yet) started from
        body = QWidget()
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(300)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields, not to the frame around them

        self.empty = QLabel(tr("Select text in the agreement and press H to highlight it, or click a highlight "
                               "to judge it."))
        self.empty.setWordWrap(True)
        self.empty.setObjectName("editor-empty")
        self.quote = QLabel()
        self.quote.setObjectName("editor-quote")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote.setStyleSheet("#editor-quote { font-style: italic; padding: 4px; border-left: 3px solid #999; }")
        self.where = QLabel()

        self.judgment_buttons = QButtonGroup(self)
        self.judgment_buttons.setExclusive(True)
        judgments = QGridLayout()
        judgments.setSpacing(3)
        for judgment in Judgment:
            button = QPushButton(f"{judgment.rank + 1} {judgment_name(judgment, tr.language)}")
            button.setCheckable(True)
            button.setObjectName(f"judgment-{judgment.value}")
            colour = JUDGMENT_COLOURS[judgment]
            button.setStyleSheet(
                f"QPushButton {{ border: 1px solid {colour.name()}; border-radius: 3px; padding: 3px 5px; }}"
                f"QPushButton:checked {{ background: {colour.name()}; color: {text_colour_on(colour).name()}; }}")
            button.setToolTip(tr("Key {n}", n=judgment.rank + 1))
            self.judgment_buttons.addButton(button, judgment.rank)
            judgments.addWidget(button, judgment.rank // 3, judgment.rank % 3)
        self.judgment_buttons.idClicked.connect(self._judgment_clicked)

        self.theme = QComboBox()
        self.theme.setObjectName("theme-combo")
        # Long theme titles must not widen the panel; the open list shows them whole.
        self.theme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.theme.setMinimumContentsLength(14)
        self.theme.currentIndexChanged.connect(self._theme_chosen)
        self.theme.setAccessibleName(tr("Theme"))
        manage = QToolButton()
        manage.setText("…")
        manage.setToolTip(tr("Edit the list of themes"))
        manage.setAccessibleName(tr("Edit Themes"))
        manage.clicked.connect(self.manage_themes_requested)
        theme_row = QHBoxLayout()
        theme_row.addWidget(self.theme, 1)
        theme_row.addWidget(manage)

        self.references = ReferencePicker(tr, catalogue)
        self.references.changed.connect(
            lambda refs: self._emit(references=tuple(refs), text=tr("Change references")))

        self.suggestions = QListWidget()
        self.suggestions.setObjectName("suggestions")
        self.suggestions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.suggestions.setWordWrap(True)
        self.suggestions.setMaximumHeight(150)
        self.suggestions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.suggestions.itemClicked.connect(self._accept_suggestion)
        self.suggestions.setToolTip(tr("Click a suggestion to accept it"))

        self.comment = QPlainTextEdit()
        self.comment.setUndoRedoEnabled(False)  # Ctrl+Z undoes the review's steps, typing included: one history
        self.comment.installEventFilter(self)
        self.comment.setObjectName("comment")
        self.comment.setPlaceholderText(tr("Your assessment, as it should read in the letter"))
        self.comment.setMinimumHeight(90)
        self.comment.textChanged.connect(lambda: self._typing("comment", self._comment_timer))
        self._comment_timer: QTimer = QTimer(self, singleShot=True, interval=500)
        self._comment_timer.timeout.connect(self._comment_changed)

        self.sources = QPlainTextEdit()
        self.sources.setUndoRedoEnabled(False)
        self.sources.installEventFilter(self)
        self.sources.setObjectName("sources")
        self.sources.setPlaceholderText(tr("Sources for the footnote, one per line"))
        self.sources.setMaximumHeight(70)
        self.sources.textChanged.connect(lambda: self._typing("sources", self._sources_timer))
        self._sources_timer: QTimer = QTimer(self, singleShot=True, interval=500)
        self._sources_timer.timeout.connect(self._sources_changed)

        self.include = QCheckBox(tr("Include in the letter"))
        self.include.setObjectName("include-in-letter")
        self.include.toggled.connect(self._include_toggled)
        self.unsaved = QLabel(tr("Not saved yet: kept on this computer until the annotation database can be "
                                 "reached."))
        self.unsaved.setObjectName("editor-unsaved")
        self.unsaved.setStyleSheet("#editor-unsaved { color: #8a6100; font-style: italic; }")
        self.unsaved.setWordWrap(True)
        self.unsaved.hide()
        self.meta = QLabel()
        self.meta.setObjectName("editor-meta")
        self.meta.setStyleSheet("#editor-meta { color: #666; }")
        self.meta.setWordWrap(True)

        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.quote)
        form.addRow(self.where)
        form.addRow(tr("Judgment"), judgments)
        form.addRow(tr("Theme"), theme_row)
        form.addRow(tr("Treaty references"), self.references)
        form.addRow(tr("Suggestions"), self.suggestions)
        form.addRow(tr("Comment"), self.comment)
        form.addRow(tr("Sources"), self.sources)
        form.addRow(self.include)
        form.addRow(self.unsaved)
        form.addRow(self.meta)
        column = QVBoxLayout(body)
        column.addWidget(self.empty)
        column.addWidget(self.form)
        column.addStretch(1)
        self.show_annotation(None)

    # --- showing ----------------------------------------------------------------------------------

    def set_themes(self, themes: Sequence[Theme]) -> None:
        self._themes = list(themes)
        self._suggester = None
        self._suggested = ("", [])
        self._fill_themes()

    def _fill_themes(self) -> None:
        self._loading = True
        listed = [(self.theme.itemText(i), self.theme.itemData(i)) for i in range(1, self.theme.count())]
        if listed != [(theme.title, theme.id) for theme in self._themes] or self.theme.count() == 0:
            self.theme.clear()
            self.theme.addItem(self._tr("(no theme)"), None)
            for theme in self._themes:
                self.theme.addItem(theme.title, theme.id)
        current = self._annotation.theme_id if self._annotation else None
        self.theme.setCurrentIndex(max(0, self.theme.findData(current)) if current else 0)
        self._loading = False

    @property
    def annotation(self) -> Annotation | None:
        return self._annotation

    def show_annotation(self, annotation: Annotation | None, page_label: str = "") -> None:
        """Show ``annotation`` (None: the hint), unless it is the one shown and only its revision moved on."""
        shown = self._annotation
        same = annotation is not None and shown is not None and annotation.id == shown.id
        if same and _content(annotation) == _content(shown):  # type: ignore[arg-type]
            self._annotation = annotation  # the stored copy of what is shown: only its time moves on
            self._show_meta(annotation)  # type: ignore[arg-type]
            return
        if not same:
            self._flush_typing()
        self._annotation = annotation
        self.empty.setVisible(annotation is None)
        self.form.setVisible(annotation is not None)
        if annotation is None:
            return
        self._loading = True
        tr = self._tr
        quote = annotation.quote or tr("(an area without text)")
        self.quote.setText(f"“{quote}”" if annotation.quote else quote)
        self.where.setText(tr("Page {label}", label=page_label) if page_label else tr("Not placed in this document"))
        button = self.judgment_buttons.button(annotation.judgment.rank) if annotation.judgment else None
        self.judgment_buttons.setExclusive(False)
        for other in self.judgment_buttons.buttons():
            other.setChecked(other is button)
        self.judgment_buttons.setExclusive(True)
        self._fill_themes()
        self.references.set_references(annotation.references)
        # Text being typed (not saved yet) is the newest value: a stored copy from a moment ago does not replace it,
        # but a colleague's words saved meanwhile in another place of the same text join it as it is typed.
        if not same:
            self._typed_from.clear()
        typing = same and self._comment_timer.isActive() and "comment" in self._typed_from
        if _show_text(self.comment, annotation.comment,
                      str(self._typed_from["comment"]) if typing else None):
            self._typed_from["comment"] = annotation.comment
        typing = same and self._sources_timer.isActive() and "sources" in self._typed_from
        if _show_text(self.sources, "\n".join(annotation.sources),
                      "\n".join(self._typed_from["sources"]) if typing else None):  # type: ignore[arg-type]
            self._typed_from["sources"] = annotation.sources
        self.include.setChecked(annotation.include_in_letter)
        self._show_meta(annotation)
        self._show_suggestions(annotation)
        self._loading = False

    def set_unsaved(self, unsaved: bool) -> None:
        """Say whether the annotation shown has changes that wait for the database."""
        self.unsaved.setVisible(unsaved and self._annotation is not None)

    def _show_meta(self, annotation: Annotation) -> None:
        # Dates as the interface language writes them (the system's locale may be "C" and print "1 12 2026").
        locale = QLocale("nl_NL" if self._tr.language == "nl" else "en_GB")
        # PySide6 converts a datetime to a QDateTime; its stubs only name QDateTime.
        created = locale.toString(annotation.created.astimezone(),  # type: ignore[call-overload]
                                  QLocale.FormatType.ShortFormat)
        modified = locale.toString(annotation.modified.astimezone(),  # type: ignore[call-overload]
                                   QLocale.FormatType.ShortFormat)
        text = self._tr("By {author}; created {created}, changed {modified}", author=annotation.author,
                        created=created, modified=modified)
        if annotation.modified_by and annotation.modified_by != annotation.author:
            text = self._tr("By {author}; created {created}", author=annotation.author, created=created) + ". " + \
                self._tr("Changed {modified} by {name}", modified=modified, name=annotation.modified_by)
        self.meta.setText(text)

    def _show_suggestions(self, annotation: Annotation) -> None:
        self.suggestions.clear()
        if not annotation.quote:
            self.suggestions.hide()
            return
        if self._suggester is None:
            self._suggester = Suggester(self._catalogue, [theme.title for theme in self._themes])
            self._suggested = ("", [])
        lang = self._tr.language
        words = annotation.quote + "\n" + annotation.comment
        if self._suggested[0] != words:  # judging or citing does not change what the words suggest
            self._suggested = (words, self._suggester.suggest(words, limit=4))
        for suggestion in self._suggested[1]:
            if suggestion.ref is not None:
                if suggestion.ref in annotation.references:
                    continue
                label = self._catalogue.display(suggestion.ref, lang)
            else:
                theme = next((t for t in self._themes if t.title == suggestion.theme), None)
                if theme is None or theme.id == annotation.theme_id:
                    continue
                label = self._tr("Theme: {title}", title=theme.title)
            because = self._tr("because of")
            item = QListWidgetItem(f"+ {label}\n    {because}: {', '.join(suggestion.matched)}")
            item.setData(_REF_ROLE, suggestion)
            self.suggestions.addItem(item)
        self.suggestions.setVisible(self.suggestions.count() > 0)

    # --- editing ----------------------------------------------------------------------------------

    def _typing(self, field: str, timer: QTimer) -> None:
        if self._loading:
            return
        if field not in self._typed_from and self._annotation is not None:
            self._typed_from[field] = getattr(self._annotation, field)
        timer.start()
        if self._annotation is not None:
            self.drafted.emit(self._annotation.changed(**self._typed()))

    def _typed(self) -> dict[str, object]:
        """The comment and sources as the fields hold them now."""
        return {"comment": printable(self.comment.toPlainText()), "sources": _source_lines(self.sources.toPlainText())}

    def _emit(self, text: str, merge: str = "", base: dict[str, object] | None = None, **changes: object) -> None:
        if self._loading or self._annotation is None:
            return
        after = self._annotation.changed(**changes)
        if after != self._annotation:
            self.edited.emit(after, base or {}, text, merge)

    def set_judgment(self, judgment: Judgment) -> None:
        self._emit(judgment=judgment, text=self._tr("Set judgment"))

    def _judgment_clicked(self, rank: int) -> None:
        self.set_judgment(Judgment.from_rank(rank))

    def _theme_chosen(self, index: int) -> None:
        # Arrowing through the list is one step: the theme it ends on.
        self._emit(theme_id=self.theme.itemData(index), text=self._tr("Set theme"), merge="theme")

    def _include_toggled(self, on: bool) -> None:
        if not self._loading:
            self._emit(include_in_letter=on, text=self._tr("Include in letter"))

    def _comment_changed(self) -> None:
        base = self._typed_from.pop("comment", None)
        self._emit(comment=printable(self.comment.toPlainText()), text=self._tr("Edit comment"), merge="comment",
                   base={"comment": base} if base is not None else None)

    def _sources_changed(self) -> None:
        sources = _source_lines(self.sources.toPlainText())
        base = self._typed_from.pop("sources", None)
        self._emit(sources=sources, text=self._tr("Edit sources"), merge="sources",
                   base={"sources": base} if base is not None else None)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        """In the comment and sources fields, the undo and redo keys are the window's (the review's history)."""
        fields = (getattr(self, "comment", None), getattr(self, "sources", None))  # (the scroll area filters too)
        if watched is not None and watched in fields and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab \
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            # Tab moves on from the field; Ctrl+Tab types a tab, for whoever needs one.
            watched.insertPlainText("\t")  # type: ignore[attr-defined]
            return True
        if watched is not None and watched in fields and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.ShortcutOverride and _is_history_key(event):
            event.ignore()  # not the field's: the window's Undo / Redo shortcut takes it
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def save_typing(self) -> None:
        """Save what is being typed in the comment or sources now, not after the typing pause."""
        self._flush_typing()

    def _flush_typing(self) -> None:
        """Save a comment still being typed before another annotation is shown."""
        for timer, save in ((self._comment_timer, self._comment_changed), (self._sources_timer, self._sources_changed)):
            if timer.isActive():
                timer.stop()
                save()

    def _accept_suggestion(self, item: QListWidgetItem) -> None:
        suggestion: Suggestion = item.data(_REF_ROLE)
        if self._annotation is None:
            return
        if suggestion.ref is not None:
            self._emit(references=self._annotation.references + (suggestion.ref,),
                       text=self._tr("Accept suggested reference"))
        else:
            theme = next((t for t in self._themes if t.title == suggestion.theme), None)
            if theme is not None:
                self._emit(theme_id=theme.id, text=self._tr("Accept suggested theme"))


def _source_lines(text: str) -> tuple[str, ...]:
    """The sources a reviewer typed: one a line, blank lines left out."""
    return tuple(line.strip() for line in printable(text).splitlines() if line.strip())


def _show_text(field: QPlainTextEdit, stored: str, typed_from: str | None) -> bool:
    """Show ``stored`` in ``field``; while the reviewer is typing there (``typed_from``: the text they started
    from), what changed in the stored text is merged into what they typed, and the cursor stays where it was.
    True when what is typed now starts from ``stored``."""
    shown = field.toPlainText()
    if typed_from is None:
        if shown != stored:
            _replace_text(field, shown, stored)
        return True
    if stored == typed_from:
        return False  # only the reviewer's own typing differs: keep it
    merge = merge_text(typed_from, shown, stored)
    if not merge.clean or not isinstance(merge.value, str):
        return False  # overlapping: what they typed is saved in a moment, and the window asks which to keep
    if merge.value == shown:
        return True
    _replace_text(field, shown, merge.value)
    return True


def _replace_text(field: QPlainTextEdit, shown: str, text: str) -> None:
    """Put ``text`` in ``field``, keeping the cursor beside the same words (a colleague's words came in)."""
    position = field.textCursor().position()
    before, after = shown[:position], shown[position:]
    if text.endswith(after):
        new_position = len(text) - len(after)
    elif text.startswith(before):
        new_position = len(before)
    else:
        new_position = min(position, len(text))
    field.setPlainText(text)
    cursor = field.textCursor()
    cursor.setPosition(max(0, new_position))
    field.setTextCursor(cursor)


def _is_history_key(event: QKeyEvent) -> bool:
    sequence = event.keyCombination()
    return any(QKeySequence(sequence).matches(QKeySequence(key)) == QKeySequence.SequenceMatch.ExactMatch
               for key in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z"))
