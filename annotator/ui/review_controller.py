"""Ties the review (database, undo stack) to the page view, the editor and the annotation list."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import Annotation, AnnotationKind, Judgment, Rect, Theme
from annotator.domain.themes import default_themes
from annotator.pdf.selection import area_anchor, make_anchor
from annotator.services.commands import (
    AddAnnotations,
    Changes,
    Command,
    DeleteAnnotations,
    EditAnnotations,
    ThemeListEdit,
)
from annotator.services.review import DocumentIdentity, Review
from annotator.ui.annotating_view import AnnotatingPageView, Highlight
from annotator.ui.annotation_list import AnnotationListPanel
from annotator.ui.background import Task, run_in_background
from annotator.ui.editor import AnnotationEditor
from annotator.ui.i18n import Translator
from annotator.ui.palette import judgment_colour, judgment_name

REFRESH_MS = 2000  # how often to look for colleagues' changes in a shared database
RETRY_MS = 5000  # how soon to try again to save changes when the database could not be reached


class _UndoAdapter(QUndoCommand):
    """A service command on Qt's undo stack."""

    def __init__(self, controller: ReviewController, command: Command, merge_key: str) -> None:
        super().__init__(command.text)
        self.controller = controller
        self.command = command
        self._id = (hash(merge_key) & 0x7FFFFFFF) if merge_key else -1

    def redo(self) -> None:
        if not self.controller.run(lambda review: review.execute(self.command)):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.controller.run(lambda review: review.undo(self.command)):
            self.setObsolete(True)

    def id(self) -> int:  # noqa: A003 (Qt's name)
        return self._id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if isinstance(other, _UndoAdapter) and isinstance(self.command, EditAnnotations) \
                and isinstance(other.command, EditAnnotations):
            return self.command.merge(other.command)
        return False


class ReviewController(QObject):
    """Opens the review of the document on screen and carries every change through the undo stack."""

    review_opened = Signal(object)  # Review
    review_failed = Signal(str)
    changed = Signal(object)  # Changes

    def __init__(self, tr: Translator, catalogue: Catalogue, view: AnnotatingPageView, editor: AnnotationEditor,
                 open_database: Callable[[], object], author: Callable[[], str],
                 report: Callable[[str], None], inform: Callable[[str], None],
                 warn: Callable[[str, tuple[str, Callable[[], object]]], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.catalogue = catalogue
        self.view = view
        self.editor = editor
        self._open_database = open_database
        self._author = author
        self._report = report
        self._inform = inform
        self._warn = warn
        self._unsaved: list[Callable[[Review], Changes]] = []
        self._retry_timer = QTimer(self, interval=RETRY_MS, singleShot=True)
        self._retry_timer.timeout.connect(self.retry_unsaved)
        self._told_backup = False
        self.review: Review | None = None
        self.list_panel: AnnotationListPanel | None = None
        self.labels: list[str] = []
        self.undo_stack = QUndoStack(self)
        self._database: object | None = None
        self._pending_identity: DocumentIdentity | None = None
        self._tasks: set[Task] = set()
        self._refresh_timer = QTimer(self, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        view.tooltip_for = self.tooltip
        view.highlight_clicked.connect(self.select)
        view.area_drawn.connect(self.add_area)
        editor.edited.connect(self._edited)

    # --- opening ----------------------------------------------------------------------------------

    def open_document(self, identity: DocumentIdentity) -> None:
        """Open (in the background) the review of this document in the database."""
        self.close_document()
        self.labels = identity.labels
        self._pending_identity = identity
        author = self._author()

        def work() -> Review:
            if self._database is None:
                self._database = self._open_database()
            return Review.open(self._database, identity, author, default_themes("nl"))  # type: ignore[arg-type]

        run_in_background(self, work, lambda review: self._opened(identity, review), self._failed, self._tasks)

    def _opened(self, identity: DocumentIdentity, review: Review) -> None:
        if identity is not self._pending_identity:
            return
        self.review = review
        backup = getattr(self._database, "backup_path", None)
        if backup is not None and not self._told_backup:
            self._told_backup = True
            self._inform(self.tr_("The annotation database was made by an earlier version of annotator and has "
                                  "been upgraded. A copy of the old file is kept at {path}.", path=backup))
        self.editor.set_themes(review.themes)
        self.view.set_highlights([self.highlight_of(a) for a in review.annotations.values()])
        if self.list_panel is not None:
            self.list_panel.model.set_labels(self.labels)
            self.list_panel.set_themes(review.themes)
            self.list_panel.model.set_annotations(review.in_order())
        self._refresh_timer.start()
        self.review_opened.emit(review)

    def _failed(self, error: BaseException) -> None:
        message = self.tr_("The annotations cannot be opened: {error}", error=error)
        self._report(message)
        self.review_failed.emit(message)

    def use_database(self, open_database: Callable[[], object]) -> None:
        """Keep the annotations elsewhere from now on (another file, or a team server) and reopen the review."""
        identity = self._pending_identity or (self.review.document if self.review else None)
        self.shutdown()
        self._open_database = open_database
        if identity is not None:
            self.open_document(identity)

    def shutdown(self) -> None:
        """Wait for background work to end and close the database (the window is closing)."""
        self.close_document()
        for task in list(self._tasks):
            if shiboken6.isValid(task):
                task.wait()
        if self._database is not None:
            self._database.close()  # type: ignore[attr-defined]
            self._database = None

    def close_document(self) -> None:
        self._refresh_timer.stop()
        self.review = None
        self._pending_identity = None
        self.undo_stack.clear()
        self.editor.show_annotation(None)
        if self.list_panel is not None:
            self.list_panel.model.set_annotations([])

    def set_labels(self, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        if self.list_panel is not None:
            self.list_panel.model.set_labels(self.labels)

    def attach_list(self, panel: AnnotationListPanel) -> None:
        """Keep the annotation list in step with the review, and act on what the reviewer does in it."""
        self.list_panel = panel
        panel.activated.connect(self.activate)
        panel.judgment_requested.connect(lambda ids, judgment: self.set_judgment(self.by_ids(ids), judgment))
        panel.theme_requested.connect(lambda ids, theme: self.set_theme(self.by_ids(ids), theme))
        panel.delete_requested.connect(lambda ids: self.delete(self.by_ids(ids)))
        self.view.highlight_clicked.connect(panel.select_annotation)

    def activate(self, id: str) -> None:
        """Select an annotation and bring its highlight into view (from the list, the letter's checks, ...)."""
        annotation = self.review.annotations.get(id) if self.review else None
        if annotation is None:
            return
        self.select(id)
        if annotation.anchor is not None:
            self.view.flash(id)

    def by_ids(self, ids: Sequence[str]) -> list[Annotation]:
        review = self.review
        return [review.annotations[id] for id in ids if review and id in review.annotations]

    def author_changed(self, name: str) -> None:
        """New annotations are signed with ``name`` from now on."""
        if self.review is not None:
            self.review.author = name
            self.review.repo.reviewer(name)

    # --- changes ----------------------------------------------------------------------------------

    def run(self, step: Callable[[Review], Changes]) -> bool:
        """Apply one step to the review and show its changes; a refused step is reported and undone in the views.

        When the database cannot be reached (a team server gone, a file locked by a colleague for too long) the
        step is kept and tried again, in order with any later ones, until it is saved: no edit is lost.
        """
        if self.review is None:
            return False
        from annotator.store.errors import ConnectionLostError, DatabaseLockedError, StoreError

        if self._unsaved:
            self._unsaved.append(step)  # keeps the order of the reviewer's changes
            self._tell_unsaved(None)
            return True
        try:
            changes = step(self.review)
        except (ConnectionLostError, DatabaseLockedError) as error:
            self._unsaved.append(step)
            self._tell_unsaved(error)
            self._retry_timer.start()
            return True
        except StoreError as error:
            self._report(str(error))
            changes = self.review.reload()
            self._show(changes)
            return False
        self._show(changes)
        return True

    def _tell_unsaved(self, error: BaseException | None) -> None:
        reason = f" ({error})" if error else ""
        self._warn(self.tr_("{n} change(s) not saved yet: the annotation database cannot be reached{reason}. They are "
                            "kept and saved as soon as it can be.", n=len(self._unsaved), reason=reason),
                   (self.tr_("Retry now"), self.retry_unsaved))

    def retry_unsaved(self) -> bool:
        """Try to save the changes that could not be saved; True when none are left."""
        from annotator.store.errors import ConnectionLostError, DatabaseLockedError, StoreError

        while self._unsaved and self.review is not None:
            try:
                changes = self._unsaved[0](self.review)
            except (ConnectionLostError, DatabaseLockedError) as error:
                self._tell_unsaved(error)
                self._retry_timer.start()
                return False
            except StoreError as error:
                self._report(str(error))
                self._unsaved.pop(0)
                self._show(self.review.reload())
                continue
            self._unsaved.pop(0)
            self._show(changes)
        self._retry_timer.stop()
        self._inform(self.tr_("The annotation database can be reached again; every change is saved."))
        return True

    @property
    def database(self) -> object | None:
        """The open database, once a review has been opened."""
        return self._database

    @property
    def unsaved(self) -> int:
        return len(self._unsaved)

    def push(self, command: Command, merge_key: str = "") -> None:
        self.undo_stack.push(_UndoAdapter(self, command, merge_key))

    def refresh(self) -> None:
        """Pick up changes made by colleagues (another program on the same database)."""
        if self.review is None:
            return
        from annotator.store.errors import StoreError

        if self._unsaved:
            return  # our own unsaved changes go first
        try:
            changes = self.review.refresh()
        except StoreError as error:
            self._report(str(error))
            return
        if changes is not None:
            self._show(changes)

    def _show(self, changes: Changes) -> None:
        review = self.review
        if review is None:
            return
        if changes.rebased:
            self._inform(self.tr_("A colleague changed the same annotation a moment ago; your change was made to "
                                  "their version, so both are kept (Ctrl+Z brings back theirs exactly)."))
        self.view.update_highlights([self.highlight_of(a) for a in changes.upserted], list(changes.removed))
        if changes.themes:
            self.editor.set_themes(review.themes)
        if self.list_panel is not None:
            if changes.themes:
                self.list_panel.set_themes(review.themes)
            if changes.removed:
                self.list_panel.model.remove(list(changes.removed))
            if changes.upserted:
                self.list_panel.model.upsert(list(changes.upserted))
        current = self.editor.annotation
        if current is not None:
            fresh = review.annotations.get(current.id)
            if fresh is None:
                self.editor.show_annotation(None)
                self.view.select_highlight(None)
            elif fresh != current:
                self.editor.show_annotation(fresh, self.page_label(fresh))
        self.changed.emit(changes)

    # --- actions ----------------------------------------------------------------------------------

    def highlight_selection(self) -> Annotation | None:
        """Turn the text selection into a highlight and select it."""
        if self.review is None or self.view.selection is None:
            return None
        anchor = make_anchor(self.view.selection, self.view.texts)
        if anchor is None:
            return None
        annotation = self.review.new_annotation(anchor)
        self.push(AddAnnotations([annotation], text=self.tr_("Add highlight")))
        self.view.set_selection(None)
        self.select(annotation.id)
        return annotation

    def add_area(self, page: int, area: Rect) -> None:
        """A drawn rectangle becomes an area highlight, keeping any text beneath it."""
        if self.review is None:
            return
        anchor = area_anchor(self.view.page_text(page), page, area)
        annotation = self.review.new_annotation(anchor, kind=AnnotationKind.AREA)
        self.push(AddAnnotations([annotation], text=self.tr_("Add area highlight")))
        self.select(annotation.id)

    def select(self, id: str | None) -> None:
        annotation = self.review.annotations.get(id) if self.review and id else None
        self.view.select_highlight(annotation.id if annotation else None)
        self.editor.show_annotation(annotation, self.page_label(annotation) if annotation else "")

    def selected(self) -> list[Annotation]:
        annotation = self.editor.annotation
        return [annotation] if annotation is not None else []

    def delete(self, annotations: Sequence[Annotation]) -> None:
        if annotations:
            text = self.tr_("Delete highlight") if len(annotations) == 1 else self.tr_("Delete highlights")
            self.push(DeleteAnnotations(list(annotations), text=text))

    def set_judgment(self, annotations: Sequence[Annotation], judgment: Judgment) -> None:
        self._bulk(annotations, self.tr_("Set judgment"), judgment=judgment)

    def set_theme(self, annotations: Sequence[Annotation], theme_id: str | None) -> None:
        self._bulk(annotations, self.tr_("Set theme"), theme_id=theme_id)

    def _bulk(self, annotations: Sequence[Annotation], text: str, **changes: object) -> None:
        before = [a for a in annotations if self.review and a.id in self.review.annotations]
        if before:
            self.push(EditAnnotations(before, [a.changed(**changes) for a in before], text=text))

    def set_themes(self, themes: Sequence[Theme]) -> None:
        """Replace the theme list (added, renamed, removed, reordered) as one undoable step."""
        if self.review is not None and list(themes) != self.review.themes:
            self.push(ThemeListEdit(list(self.review.themes), list(themes), text=self.tr_("Edit themes")))

    def _edited(self, after: Annotation, text: str, merge_key: str) -> None:
        if self.review is None or after.id not in self.review.annotations:
            return
        before = self.review.annotations[after.id]
        self.push(EditAnnotations([before], [after.changed(revision=before.revision)], text=text),
                  f"{merge_key}:{after.id}" if merge_key else "")

    # --- presentation -----------------------------------------------------------------------------

    def page_label(self, annotation: Annotation) -> str:
        if annotation.anchor is None:
            return ""
        page = annotation.anchor.page
        return self.labels[page] if page < len(self.labels) and self.labels[page] else f"[{page + 1}]"

    def highlight_of(self, annotation: Annotation) -> Highlight:
        anchor = annotation.anchor
        rects = {page: anchor.quads_on(page) for page in anchor.pages()} if anchor else {}
        return Highlight(annotation.id, rects, judgment_colour(annotation.judgment),
                         area=annotation.kind is AnnotationKind.AREA)

    def tooltip(self, id: str) -> str:
        review = self.review
        annotation = review.annotations.get(id) if review else None
        if annotation is None or review is None:
            return ""
        lang = self.tr_.language
        lines = [f"<b>{_escape(judgment_name(annotation.judgment, lang) or self.tr_('Not judged yet'))}</b>"]
        theme = review.theme(annotation.theme_id)
        if theme is not None:
            lines.append(_escape(theme.title))
        if annotation.references:
            lines.append(_escape(", ".join(self.catalogue.cite(ref, lang) for ref in annotation.references)))
        if annotation.comment.strip():
            first = annotation.comment.strip().splitlines()[0]
            lines.append(f"<i>{_escape(first[:160])}</i>")
        lines.append(f"<span style='color:#777'>{_escape(annotation.author)}</span>")
        return "<br>".join(lines)

    @property
    def themes(self) -> list[Theme]:
        return self.review.themes if self.review else []


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
