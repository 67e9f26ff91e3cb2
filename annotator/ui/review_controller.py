"""Ties the review (in its database worker) and the undo stack to the page view, the editor and the annotation list.

The window keeps a plain copy of the review (:class:`ReviewState`) and shows it; every change is a command sent to
the :class:`ReviewWorker`, which runs it in one transaction off the UI thread and sends back what changed. The copy
is updated at once with what the command will do (so the next key acts on it), and then with what the database
holds; a command the database refuses is rolled back whole and the window rereads it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QPushButton

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import Annotation, AnnotationKind, Judgment, Rect, Theme, utcnow
from annotator.domain.themes import default_themes
from annotator.pdf.selection import area_anchor, make_anchor
from annotator.services.commands import (
    ASKED,
    AddAnnotations,
    AnnotationsCommand,
    Changes,
    Command,
    DeleteAnnotations,
    EditAnnotations,
    Steps,
    ThemeListEdit,
    content,
)
from annotator.services.review import DocumentIdentity, Review, ReviewState
from annotator.ui.annotating_view import AnnotatingPageView, Highlight
from annotator.ui.annotation_list import AnnotationListPanel
from annotator.ui.background import Failures
from annotator.ui.editor import AnnotationEditor
from annotator.ui.i18n import Translator
from annotator.ui.palette import judgment_colour, judgment_name
from annotator.ui.review_worker import RETRY_MS, Opened, ReviewWorker, Ticket, Unsaved

REFRESH_MS = 2000  # how often to look for colleagues' changes in a shared database
OUTBOX_DELAY_MS = 16  # a frame: what the window shows of a step is painted before the worker starts on it


class _UndoAdapter(QUndoCommand):
    """A service command on Qt's undo stack; doing and undoing are sent to the review's worker."""

    def __init__(self, controller: ReviewController, command: Command, merge_key: str) -> None:
        super().__init__(command.text)
        self.controller = controller
        self.command = command
        self.failed = False
        self._id = (hash(merge_key) & 0x7FFFFFFF) if merge_key else -1

    def redo(self) -> None:
        if self.failed:
            self.setObsolete(True)
            return
        self.controller.send(self, forward=True)

    def undo(self) -> None:
        if self.failed:
            self.setObsolete(True)
            return
        self.controller.send(self, forward=False)

    def id(self) -> int:  # noqa: A003 (Qt's name)
        return self._id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        """Typing a comment: the following edit of the same field of the same annotation joins this step."""
        mine, theirs = self.command, getattr(other, "command", None)
        if self.failed or not isinstance(mine, EditAnnotations) or not isinstance(theirs, EditAnnotations) \
                or mine.ids != theirs.ids:
            return False
        # The commands' values are touched only in the worker, in order: the merge waits for both to be done.
        self.controller.send_merge(mine, theirs)
        return True


class ReviewController(QObject):
    """Opens the review of the document on screen and carries every change through the undo stack."""

    review_opened = Signal(object)  # ReviewState
    review_failed = Signal(str)
    retract = Signal(str)  # a message shown earlier whose cause is gone (the server is back, ...)
    all_saved = Signal()  # no change waits for the database any more
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
        self._author = author
        self._report = report
        self._inform = inform
        self._warn = warn
        self._told_backup = False
        self._failures = Failures(tr, report)
        self.review: ReviewState | None = None
        self.list_panel: AnnotationListPanel | None = None
        self.labels: list[str] = []
        self.undo_stack = QUndoStack(self)
        self._generation = 0
        self._pending_identity: DocumentIdentity | None = None
        # Annotations with commands still on their way: what the database sends back for them in the meantime is
        # older than what the window shows.
        self._in_flight: Counter[str] = Counter()
        self._outbox: list[Ticket] = []
        self._tickets: dict[int, tuple[Ticket, list[str], Callable[[Any], None] | None]] = {}
        self._unsaved = 0
        self._last_trouble = ""
        self._asking: list[list[Any]] = []  # questions waiting for the reviewer, one annotation's at a time
        self.conflict_dialog: QDialog | None = None
        self._gone: dict[str, Annotation] = {}  # annotations just removed from view, newest last
        self.unsaved_ids: frozenset[str] = frozenset()  # annotations with changes waiting for the database
        self.unsaved_path: object | None = None  # the file that keeps them meanwhile
        self._kept = self._replays = 0
        self._mine: dict[str, Annotation] = {}  # what this window last saved of each annotation it changed
        self._deleted_by_me: set[str] = set()  # so that a colleague's restore of one of them is said
        self._restore_offers: dict[str, str] = {}  # bars with a Restore button, by annotation
        self._shown_trouble = ""  # the bar shown for a database that cannot be reached, until it can be again
        self._open_retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._open_retry.timeout.connect(self._reopen)
        self._told_deleted: set[str] = set()
        self._worker = self._new_worker(open_database)
        self._refresh_timer = QTimer(self, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        view.tooltip_for = self.tooltip
        view.highlight_clicked.connect(self.select)
        view.area_drawn.connect(self.add_area)
        view.highlight_adjusted.connect(self.adjust_highlight)
        editor.edited.connect(self._edited)

    def _new_worker(self, open_database: Callable[[], object]) -> ReviewWorker:
        from annotator.paths import user_data_dir

        worker = ReviewWorker(open_database, journal_folder=user_data_dir())
        worker.replayed.connect(self._replayed)
        worker.opened.connect(self._opened)
        worker.open_failed.connect(self._open_failed)
        worker.done.connect(self._done)
        worker.refused.connect(self._refused)
        worker.unsaved.connect(self._waiting)
        worker.saved.connect(self._all_saved)
        worker.refreshed.connect(self._refreshed)
        worker.trouble.connect(self._trouble)
        worker.reachable.connect(self._reachable)
        return worker

    # --- opening ----------------------------------------------------------------------------------

    def open_document(self, identity: DocumentIdentity) -> None:
        """Open (in the background) the review of this document in the database."""
        self.close_document()
        self.labels = identity.labels
        self._pending_identity = identity
        self._generation += 1
        self._worker.open(self._generation, identity, self._author(), list(default_themes("nl")))

    def _opened(self, opened: Opened) -> None:
        if opened.generation != self._generation:
            return
        review = ReviewState(opened.document, opened.author, opened.annotations, opened.themes)
        self.review = review
        if opened.backup_path is not None and not self._told_backup:
            self._told_backup = True
            self._inform(self.tr_("The annotation database was made by an earlier version of annotator and has "
                                  "been upgraded. A copy of the old file is kept at {path}.", path=opened.backup_path))
        self.editor.set_themes(review.themes)
        self.view.set_highlights([self.highlight_of(a) for a in review.annotations.values()])
        if self.list_panel is not None:
            self.list_panel.model.set_labels(self.labels)
            self.list_panel.set_themes(review.themes)
            self.list_panel.model.set_annotations(review.in_order())
        self._refresh_timer.start()
        self._kept, self._replays = opened.kept, 0
        self._open_retry.stop()
        self._reachable()
        self.review_opened.emit(review)

    def _open_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        if _unreachable(error) and self._pending_identity is not None:
            # Away for now (the server, a colleague's lock): try again by itself until it opens.
            if not self._open_retry.isActive():
                message = self._failures.report(
                    error, lambda reason: self.tr_("The annotations cannot be opened yet: {error} Trying again "
                                                   "every few seconds.", error=reason),
                    context="opening the review")
                self._shown_trouble = message
                self.review_failed.emit(message)
            self._open_retry.start()
            return
        message = self._failures.report(
            error, lambda reason: self.tr_("The annotations cannot be opened: {error}", error=reason),
            context="opening the review")
        self.review_failed.emit(message)

    def _reopen(self) -> None:
        identity = self._pending_identity
        if identity is not None and self.review is None:
            self._worker.open(self._generation, identity, self._author(), list(default_themes("nl")))

    def use_database(self, open_database: Callable[[], object]) -> None:
        """Keep the annotations elsewhere from now on (another file, or a team server) and reopen the review."""
        identity = self._pending_identity or (self.review.document if self.review else None)
        self.shutdown()
        self._worker = self._new_worker(open_database)
        if identity is not None:
            self.open_document(identity)

    def shutdown(self) -> None:
        """Let the worker save what was sent, then close the database (the window is closing)."""
        self.close_document()
        self._worker.shutdown()

    def close_document(self) -> None:
        self._refresh_timer.stop()
        self._open_retry.stop()
        self._generation += 1
        self.review = None
        self._pending_identity = None
        self._in_flight.clear()
        self._tickets.clear()
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
            self.call(lambda review: review.sign_as(name), writes=True)

    # --- sending work to the worker ---------------------------------------------------------------

    def call(self, run: Callable[[Review], Any], then: Callable[[Any], None] | None = None, *,
             writes: bool = False, ids: Sequence[str] = ()) -> Ticket | None:
        """Run ``run(review)`` in the worker, after everything sent before; ``then(result)`` on the UI thread."""
        if self.review is None:
            return None
        ticket = Ticket(self._generation, run, writes=writes, ids=tuple(ids))
        self._tickets[ticket.number] = (ticket, list(ids), then)
        self._in_flight.update(ids)
        # Sent once the window has shown the step: the worker, once awake, competes for the interpreter, and every
        # call from Qt into Python (a table repainting its rows asks for each cell) would wait its turn. Repaints
        # are the lowest-priority events, so a zero timer would still come first: the outbox waits a frame.
        self._outbox.append(ticket)
        if len(self._outbox) == 1:
            QTimer.singleShot(OUTBOX_DELAY_MS, self, self._send_outbox)
        return ticket

    def _send_outbox(self) -> None:
        outbox, self._outbox = self._outbox, []
        for ticket in outbox:
            self._worker.submit(ticket)

    def send(self, adapter: _UndoAdapter, *, forward: bool) -> None:
        """Do or undo a step of the undo stack: the window shows its effect at once, the worker saves it."""
        command = adapter.command
        ids: list[str] = []
        if isinstance(command, Steps):
            ids = [id for step in command.steps if isinstance(step, AnnotationsCommand) for id in step.ids]
        if isinstance(command, AnnotationsCommand):
            ids = list(command.ids)
            self._preview(command, forward)
        elif isinstance(command, ThemeListEdit):
            self._themes_read(list(command.after if forward else command.before))

        first = forward and not getattr(adapter, "done_once", False)
        adapter.done_once = True  # type: ignore[attr-defined]

        def run(review: Review) -> Changes:
            return review.execute(command) if forward else review.undo(command)

        def then(changes: Changes) -> None:
            if changes.conflicts:
                self._tell_conflicts(changes, forward)
            if changes.merged:
                self._tell_merged(changes.merged[0], forward, first)
            if changes.questions:
                self._ask(list(changes.questions))

        from annotator.services.journal import entry_for

        journal = entry_for(command, forward)  # kept on disk if it has to wait for the database
        ticket = self.call(run, then, writes=True, ids=ids)
        if ticket is not None:
            ticket.adapter = adapter  # type: ignore[attr-defined]
            ticket.journal = journal

    def absorb(self, text: str) -> None:
        """Show what a long operation (import, merge, carry-over) stored, and make it one step of the undo history."""
        def then(result: tuple[Changes, Command | None]) -> None:
            changes, command = result
            self._show(self._without_in_flight(changes))
            if command is not None:
                self.push(command)

        self.call(lambda review: review.absorb(text), then, writes=True)

    def send_merge(self, mine: EditAnnotations, theirs: EditAnnotations) -> None:
        self.call(lambda _review: mine.merge(theirs), writes=True)

    def _preview(self, command: AnnotationsCommand, forward: bool) -> None:
        """Show what a step is about to do, before the database has it (so the next key acts on it); what the
        database then holds follows a moment later."""
        review = self.review
        if review is None:
            return
        values = command.annotations if forward else command.annotations_before
        now = utcnow()  # the list shows when it was changed: now, to the second, as the database will have it
        upserted = tuple(a.changed(modified=now) for a in values if not a.deleted)
        removed = tuple(a.id for a in values if a.deleted)
        self._show(Changes(upserted=upserted, removed=removed))

    def _done(self, ticket: Ticket, result: Any) -> None:
        entry = self._tickets.pop(ticket.number, None)
        if entry is None or ticket.generation != self._generation:
            return
        _ticket, ids, then = entry
        self._in_flight.subtract(ids)
        self._in_flight += Counter()  # drop the zeros
        if isinstance(result, Changes) and ticket.writes:
            for annotation in result.upserted:
                if annotation.id in ids:
                    self._mine[annotation.id] = annotation
        if isinstance(result, Changes):
            self._show(self._without_in_flight(result))
        if then is not None:
            then(result)

    def _refused(self, ticket: Ticket, error: BaseException, reread: Changes) -> None:
        entry = self._tickets.pop(ticket.number, None)
        if entry is None or ticket.generation != self._generation:
            return
        _ticket, ids, _then = entry
        self._in_flight.subtract(ids)
        self._in_flight += Counter()
        told = self._tell_failure(error)
        if _unreachable(error):
            self._shown_trouble = told  # goes away when the database answers again
        self._show(self._without_in_flight(reread))
        adapter = getattr(ticket, "adapter", None)
        if isinstance(adapter, _UndoAdapter):
            # The step was rolled back whole: drop it from the history, which stays usable before and after it.
            adapter.failed = True
            index = self.undo_stack.index()
            if index > 0 and self.undo_stack.command(index - 1) is adapter:
                self.undo_stack.undo()
            elif index < self.undo_stack.count() and self.undo_stack.command(index) is adapter:
                self.undo_stack.redo()

    def _tell_failure(self, error: BaseException) -> str:
        from annotator.services.errors import ConflictError

        if isinstance(error, ConflictError):
            text = self.tr_("A colleague changed the same annotation at this very moment; nothing was changed. "
                            "The window now shows their version.")
            self._report(text)
            return text
        return self._failures.report(error, lambda reason: self.tr_("The change was not saved: {reason}",
                                                                    reason=reason),
                                     context="a change to the review")

    def _without_in_flight(self, changes: Changes) -> Changes:
        """Leave out what is older than the window's own pending commands for the same annotations."""
        changes = self._resolved(changes)
        if not self._in_flight:
            return changes
        return replace(changes, upserted=tuple(a for a in changes.upserted if a.id not in self._in_flight),
                       removed=tuple(id for id in changes.removed if id not in self._in_flight))

    def _resolved(self, changes: Changes) -> Changes:
        """A complete list of the live annotations as upserts and removals of what the window shows."""
        if not changes.complete or self.review is None:
            return changes
        live = {a.id for a in changes.upserted}
        return replace(changes, removed=tuple(id for id in self.review.annotations if id not in live), complete=False)

    def _tell_conflicts(self, changes: Changes, forward: bool) -> None:
        conflict = changes.conflicts[0]
        quote = _short(conflict.quote)
        if conflict.deleted_by_colleague:
            if conflict.annotation_id in self._told_deleted:
                return
            self._offer_restore(conflict.annotation_id, self.tr_(
                "A colleague deleted “{quote}” in the meantime; your change is kept with it. Restore brings it back.",
                quote=quote))
            return
        elif forward:
            text = self.tr_("A colleague changed “{quote}” in the meantime. Redo put back your version; Undo "
                            "(Ctrl+Z) brings back theirs.", quote=quote)
        else:
            text = self.tr_("A colleague changed “{quote}” in the meantime. Undo put back your earlier version; "
                            "Redo (Ctrl+Shift+Z) brings back theirs.", quote=quote)
        self._inform(text)

    def _by_colleague(self, name: str) -> bool:
        """Whether ``name`` (who made a change) is someone else than this reviewer."""
        return bool(name) and name != (self.review.author if self.review else "")

    def _colleague(self, name: str) -> str:
        return name if self._by_colleague(name) else self.tr_("A colleague")

    def _tell_merged(self, merged: Any, forward: bool, first: bool) -> None:
        quote = _short(merged.quote)
        name = self._colleague(merged.colleague)
        if first:
            text = self.tr_("{name} changed the same text of “{quote}” a moment ago, in another place: both changes "
                            "are kept.", name=name, quote=quote)
        elif forward:
            text = self.tr_("Redo put back your change to “{quote}” beside what {name} wrote there since.",
                            name=name, quote=quote)
        else:
            text = self.tr_("Undo took out your change to “{quote}” and kept what {name} wrote there since.",
                            name=name, quote=quote)
        self._inform(text)

    def _ask(self, questions: list[Any]) -> None:
        """Both changed the same field differently: show both, the reviewer chooses (one annotation at a time)."""
        first = questions[0].annotation_id
        self._asking.append([q for q in questions if q.annotation_id == first])
        rest = [q for q in questions if q.annotation_id != first]
        if rest:
            self._ask(rest)
        elif len(self._asking) == 1:
            self._ask_next()

    def _ask_next(self) -> None:
        from annotator.ui.edit_conflict import EditConflictDialog

        if not self._asking or self.review is None:
            self._asking.clear()
            return
        questions = [replace(q, colleague=self._colleague(q.colleague)) for q in self._asking[0]]
        dialog = EditConflictDialog(self.tr_, questions[0].quote, questions, self.describe, self.view.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conflict_dialog = dialog

        def finished(result: int) -> None:
            self.conflict_dialog = None
            self._asking.pop(0)
            annotation = self.review.annotations.get(questions[0].annotation_id) if self.review else None
            if result == QDialog.DialogCode.Accepted and annotation is not None:
                # The choice starts from the version the dialog showed: what a colleague saved while it was open
                # meets it like any other change (merged, or asked again), never overwritten.
                shown = annotation.changed(**{q.field: q.theirs for q in questions})
                after = annotation.changed(**dialog.choice())
                if content(after) != content(shown):
                    self.push(EditAnnotations([shown], [after], text=self.tr_("Choose between versions")))
            elif annotation is not None:
                self._inform(self.tr_("“{quote}” keeps {name}'s version.", quote=_short(annotation.quote),
                                      name=self._colleague(questions[0].colleague)))
            QTimer.singleShot(0, self, self._ask_next)

        dialog.finished.connect(finished)
        dialog.open()

    def describe(self, field: str, value: object) -> str:
        """A field's value as the reviewer reads it (a judgment's name, a theme's title, citations)."""
        lang = self.tr_.language
        if field == "judgment":
            return judgment_name(value, lang) or self.tr_("Not judged yet")  # type: ignore[arg-type]
        if field == "theme_id":
            theme = self.review.theme(value) if self.review else None  # type: ignore[arg-type]
            return theme.title if theme else self.tr_("(no theme)")
        if field == "references":
            return ", ".join(self.catalogue.cite(ref, lang) for ref in value) or "–"  # type: ignore[attr-defined]
        if field == "include_in_letter":
            return self.tr_("in the letter") if value else self.tr_("left out of the letter")
        if field == "anchor":
            return f"“{_short(getattr(value, 'exact', ''))}”"
        return str(value)

    def _waiting(self, count: int, error: BaseException | None, unsaved: Unsaved) -> None:
        self._unsaved = count
        self.unsaved_path = unsaved.path
        self._mark_unsaved(unsaved.ids)
        if unsaved.disk_error is not None:
            text = self.tr_("%n change(s) not saved yet: the annotation database cannot be reached, and they could "
                            "not be written to this computer's disk either ({reason}). Keep this window open; they "
                            "are saved as soon as the database can be reached.", None, n=count,
                            reason=unsaved.disk_error)
        else:
            text = self.tr_("%n change(s) not saved yet: the annotation database cannot be reached. They are kept on "
                            "this computer and saved as soon as it can be, also if you close the window.", None,
                            n=count)
        self._warn(text, (self.tr_("Retry now"), self.retry_unsaved))

    def _mark_unsaved(self, ids: frozenset[str]) -> None:
        self.unsaved_ids = ids
        if self.list_panel is not None:
            self.list_panel.model.set_unsaved(ids)
        current = self.editor.annotation
        self.editor.set_unsaved(current is not None and current.id in ids)

    def _all_saved(self) -> None:
        self._mark_unsaved(frozenset())
        self._reachable()
        self.all_saved.emit()
        self.unsaved_path = None
        if self._unsaved:
            self._unsaved = 0
            self._inform(self.tr_("The annotation database can be reached again; every change is saved."))

    def _replayed(self, generation: int, changes: Changes) -> None:
        """A change kept from an earlier session is saved now."""
        if generation != self._generation:
            return
        self._show(self._without_in_flight(changes))
        self._replays += 1
        if self._replays == self._kept:
            self._inform(self.tr_("%n change(s) made while the annotation database could not be reached are saved "
                                  "now.", None, n=self._kept))
        if changes.questions:
            self._ask(list(changes.questions))

    def retry_unsaved(self) -> bool:
        """Try now to save the changes that could not be saved; True when none were waiting before."""
        self._worker.retry()
        return self._unsaved == 0

    @property
    def database(self) -> object | None:
        """The open database, once a review has been opened."""
        return self._worker.database

    @property
    def idle(self) -> bool:
        """Nothing sent to the worker is still on its way (every change the window shows has been answered)."""
        return not self._tickets

    @property
    def unsaved(self) -> int:
        """How many changes wait for the database to be reachable again."""
        return self._unsaved

    def undo(self) -> None:
        """Undo the last step; text still being typed in the editor is saved first, so that is the step undone."""
        self.editor.save_typing()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.editor.save_typing()
        self.undo_stack.redo()

    def push(self, command: Command, merge_key: str = "") -> None:
        self.undo_stack.push(_UndoAdapter(self, command, merge_key))

    def refresh(self) -> None:
        """Pick up changes made by colleagues (another program on the same database)."""
        if self.review is not None:
            self._worker.refresh()

    def _trouble(self, error: BaseException) -> None:
        text = str(error)
        if text != self._last_trouble:  # said once, not every two seconds
            self._last_trouble = text
            self._shown_trouble = self._failures.report(error, context="looking for colleagues' changes")

    def _reachable(self) -> None:
        """The database answers again: a bar that said it could not be reached goes away."""
        self._last_trouble = ""
        if self._shown_trouble:
            self.retract.emit(self._shown_trouble)
            self._shown_trouble = ""

    def _refreshed(self, generation: int, changes: Changes) -> None:
        self._last_trouble = ""
        if generation != self._generation:
            return
        changes = self._without_in_flight(changes)
        self._tell_changed_after_me(changes)
        editing = self.editor.annotation
        if editing is not None and editing.id in changes.removed:
            # A colleague deleted what the reviewer has open: what they were typing is saved with it first (it
            # stays deleted, but a restore brings it back with their words), then the window says so.
            id, quote = editing.id, _short(editing.quote)
            focused = self.view.window().focusWidget()  # (the window's, also while another window is active)
            typing = focused is not None and self.editor.isAncestorOf(focused)

            def tell(tombstone: Annotation | None) -> None:
                name = tombstone.modified_by if tombstone is not None else ""
                if self._by_colleague(name):
                    text = self.tr_("{name} deleted “{quote}”, which you were editing.", name=name, quote=quote)
                else:
                    text = self.tr_("A colleague deleted “{quote}”, which you were editing.", quote=quote)
                self._offer_restore(id, text, take_focus=typing)

            # Who deleted it is read before the typing is saved onto it.
            self.call(lambda review: review.repo.get(id, include_deleted=True), tell)
            self.editor.save_typing()
            self._show(changes)
            self._told_deleted.add(id)
            return
        self._show(changes)

    def _tell_changed_after_me(self, changes: Changes) -> None:
        """A colleague changed what this reviewer changed in this session: say who and what (once per change)."""
        for fresh in changes.upserted:
            offer = self._restore_offers.pop(fresh.id, None)
            if offer is not None:
                self.retract.emit(offer)
        for fresh in changes.upserted:
            if fresh.id in self._deleted_by_me and self._by_colleague(fresh.modified_by):
                self._deleted_by_me.discard(fresh.id)
                self._inform(self.tr_("{name} restored “{quote}”, which you had deleted.", name=fresh.modified_by,
                                      quote=_short(fresh.quote)))
                return
            mine = self._mine.get(fresh.id)
            if mine is None or not self._by_colleague(fresh.modified_by):
                continue
            fields = [name for name in ASKED if getattr(fresh, name) != getattr(mine, name)]
            if not fields:
                continue
            self._mine[fresh.id] = fresh
            from annotator.ui.edit_conflict import FIELD_NAMES

            names = ", ".join(self.tr_(FIELD_NAMES[name]).lower() for name in fields)
            self._inform(self.tr_("{name} changed “{quote}” after you: {fields}.", name=fresh.modified_by,
                                  quote=_short(fresh.quote), fields=names))
            return

    def _offer_restore(self, id: str, text: str, *, take_focus: bool = False) -> None:
        def restore() -> None:
            latest = self._gone.get(id)
            if latest is None or self.review is None or id in self.review.annotations:
                return
            self.push(AnnotationsCommand([(latest.changed(deleted=True), latest.changed(deleted=False))],
                                         self.tr_("Restore highlight")))
            self.select(id)
            self._inform(self.tr_("“{quote}” is back.", quote=_short(latest.quote)))

        self._warn(text, (self.tr_("Restore"), restore))
        self._restore_offers[id] = text  # taken back if it comes back another way (a colleague restores it)
        if take_focus:
            # The editor is gone from under the reviewer's hands: what they type next must not land elsewhere
            # (the list's filter, a key that judges): the Restore button takes the focus.
            button = self.view.window().findChild(QPushButton, "message-action")
            if button is not None:
                button.setFocus()

    def _show(self, changes: Changes) -> None:
        review = self.review
        if review is None:
            return
        changes = self._resolved(changes)
        # What the database sends back for a step already shown differs only in its bookkeeping (revision, time):
        # the page needs no repaint for it.
        redraw = [a for a in changes.upserted
                  if (shown := review.annotations.get(a.id)) is None or content(shown) != content(a)]
        for annotation in changes.upserted:
            review.annotations[annotation.id] = annotation
        for id in changes.removed:
            gone = review.annotations.pop(id, None)
            if gone is not None:  # kept a while, for a Restore button
                self._gone[id] = gone
                while len(self._gone) > 200:
                    del self._gone[next(iter(self._gone))]
        if changes.rebased:
            name = next((name for name in changes.rebased_by if self._by_colleague(name)), "")
            changed = review.annotations.get(changes.rebased[0])
            self._inform(self.tr_("{name} changed “{quote}” a moment ago, in other fields than you; both changes are "
                                  "kept (Ctrl+Z takes out only yours).", name=self._colleague(name),
                                  quote=_short(changed.quote if changed else "")))
        if redraw or changes.removed:
            self.view.update_highlights([self.highlight_of(a) for a in redraw], list(changes.removed))
        if changes.themes:
            self.call(lambda worker_review: list(worker_review.themes), self._themes_read)
        if self.list_panel is not None:
            if changes.removed:
                self.list_panel.model.remove(list(changes.removed))
            if redraw:
                self.list_panel.model.upsert(redraw)
        current = self.editor.annotation
        if current is not None:
            fresh = review.annotations.get(current.id)
            if fresh is None:
                self.editor.show_annotation(None)
                self.view.select_highlight(None)
            elif fresh != current:
                self.editor.show_annotation(fresh, self.page_label(fresh))
            self.editor.set_unsaved(fresh is not None and fresh.id in self.unsaved_ids)
        self.changed.emit(changes)

    def _themes_read(self, themes: list[Theme]) -> None:
        review = self.review
        if review is None or themes == review.themes:
            return
        review.themes = themes
        self.editor.set_themes(themes)
        if self.list_panel is not None:
            self.list_panel.set_themes(themes)
        self.changed.emit(Changes(themes=True))

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

    def adjust_highlight(self, id: str, selection: object) -> None:
        """The ends of a highlight were dragged: it covers the new words from now on, as one undoable step."""
        review = self.review
        before = review.annotations.get(id) if review else None
        if before is None:
            return
        anchor = make_anchor(selection, self.view.texts)  # type: ignore[arg-type]
        if anchor is None or anchor == before.anchor:
            return
        self.push(EditAnnotations([before], [before.changed(anchor=anchor)], text=self.tr_("Adjust highlight")))

    def select(self, id: str | None) -> None:
        annotation = self.review.annotations.get(id) if self.review and id else None
        self.view.select_highlight(annotation.id if annotation else None)
        self.editor.show_annotation(annotation, self.page_label(annotation) if annotation else "")
        self.editor.set_unsaved(annotation is not None and annotation.id in self.unsaved_ids)
        if annotation is not None and self.list_panel is not None:
            self.list_panel.select_annotation(annotation.id)  # the list shows the same one as the page

    def selected(self) -> list[Annotation]:
        annotation = self.editor.annotation
        return [annotation] if annotation is not None else []

    def delete(self, annotations: Sequence[Annotation]) -> None:
        if annotations:
            self._deleted_by_me.update(a.id for a in annotations)
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

    def read_letter_settings(self, then: Callable[[Any], None]) -> None:
        """Read the stored letter settings in the worker; ``then(settings)`` on the UI thread."""
        def read(review: Review) -> Any:
            from annotator.services.letter import letter_settings

            return letter_settings(review.repo)

        self.call(read, then)

    def save_letter_settings(self, before: Any, after: Any, text: str = "") -> None:
        """Store edited letter settings as one undoable step, named ``text`` in the Edit menu."""
        from annotator.services.commands import LetterSettingsEdit
        from annotator.services.letter import settings_values

        old, new = settings_values(before), settings_values(after)
        if old != new:
            self.push(LetterSettingsEdit(old, new, text=text or self.tr_("Change letter settings")))

    def _edited(self, after: Annotation, base: dict[str, object], text: str, merge_key: str) -> None:
        if self.review is None or after.id not in self.review.annotations:
            return
        # Typing began from an earlier text than the window shows now (a colleague's words came in meanwhile and
        # could not be merged into it): the step starts from there, so that their words meet it as a conflict.
        before = self.review.annotations[after.id].changed(**base)
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


def _unreachable(error: BaseException) -> bool:
    """A database away for now (a server gone, a file a colleague holds): the same request may work later."""
    from annotator.services.errors import ConnectionLostError, DatabaseLockedError

    return isinstance(error, (ConnectionLostError, DatabaseLockedError))


def _short(quote: str, limit: int = 60) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[:limit - 3] + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
