"""The review queue of a carried-over review: what the carry-over could not place with certainty, one at a time.

Each annotation whose passage changed (fuzzy) shows its old and new wording side by side with the changed words
marked; the reviewer accepts it, places it at text selected in the pages, or drops it. One that fits several
places (ambiguous) lists them: the reviewer picks one. One that was not found (orphaned) can be placed at selected
text, at one of the look-alike passages the carry-over did not take, or kept as not found. Every decision is one
step of the review's undo history (through the ReviewController); keys: A or Enter accepts or takes the chosen
place, 1–9 take a place from the list, U places at the selected text, K keeps an orphan, Del drops.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import AnchorStatus, Annotation, Candidate, CarriedFrom, Rect
from annotator.services.carry_review import WAITING, QueueItem, accepted, diff_words, placed
from annotator.services.commands import Changes, EditAnnotations, KeepAsNotFound
from annotator.ui.i18n import Translator
from annotator.ui.review_controller import ReviewController

_ID_ROLE = Qt.ItemDataRole.UserRole
_STATUS_WORDS = {AnchorStatus.FUZZY: "Wording changed", AnchorStatus.AMBIGUOUS: "Several places",
                 AnchorStatus.ORPHANED: "Not found"}
_STATUS_COLOURS = {AnchorStatus.FUZZY: "#8a5a00", AnchorStatus.AMBIGUOUS: "#1d4f91", AnchorStatus.ORPHANED: "#a61b1b"}
_GONE_STYLE = "color:#a61b1b; background-color:#fde2e2; text-decoration:line-through"
_NEW_STYLE = "color:#0f5c0f; background-color:#d9f2d9; text-decoration:underline; font-weight:600"
_SHORT = 48


class CarryQueue(QWidget):
    """The annotations of the open document that wait for the reviewer after a carry-over, and what to do."""

    def __init__(self, tr: Translator, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carry-queue")
        self.tr_ = tr
        self.controller = controller
        self._known: dict[str, CarriedFrom | None] = {}  # what is recorded of each annotation that waited
        self._names: dict[str, str] = {}  # old versions' names, by fingerprint
        self._kept: set[str] = set()  # orphans the reviewer chose to keep (recorded with their carry-over)
        self._asked: set[str] = set()  # records on their way from the database
        self._shown_id: str | None = None
        self._candidates: tuple[Candidate, ...] = ()

        self.summary = QLabel(self)
        self.summary.setObjectName("carry-queue-summary")
        self.summary.setWordWrap(True)
        self.items = QListWidget(self)
        self.items.setObjectName("carry-queue-items")
        self.items.setAccessibleName(tr("Annotations to review"))
        self.heading = QLabel(self)
        self.heading.setObjectName("carry-queue-heading")
        self.heading.setWordWrap(True)
        self.old_title, self.new_title = QLabel(self), QLabel(self)
        self.old_text, self.new_text = QTextBrowser(self), QTextBrowser(self)
        self.old_text.setObjectName("carry-queue-old")
        self.new_text.setObjectName("carry-queue-new")
        for browser, name in ((self.old_text, tr("The old wording")), (self.new_text, tr("The wording now"))):
            browser.setAccessibleName(name)
            browser.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes from the list to the places and buttons
            browser.setMinimumHeight(48)
        self.candidates_title = QLabel(self)
        self.candidates = QListWidget(self)
        self.candidates.setObjectName("carry-queue-candidates")
        self.candidates.setAccessibleName(tr("Places that fit"))

        self.accept_button = QPushButton(self)
        self.accept_button.setObjectName("carry-queue-accept")
        self.place_button = QPushButton(tr("Place at the Selected Text (U)"), self)
        self.place_button.setObjectName("carry-queue-place")
        self.place_button.setToolTip(tr("Select the passage in the pages with the mouse, then press U here: the "
                                        "selection becomes the annotation's place"))
        self.keep_button = QPushButton(tr("Keep as Not Found (K)"), self)
        self.keep_button.setObjectName("carry-queue-keep")
        self.keep_button.setToolTip(tr("The annotation stays, with its old quote, out of the letter"))
        self.drop_button = QPushButton(tr("Drop (Del)"), self)
        self.drop_button.setObjectName("carry-queue-drop")
        self.drop_button.setToolTip(tr("Delete the annotation from this version (Ctrl+Z brings it back)"))
        self.accept_button.clicked.connect(self.accept_current)
        self.place_button.clicked.connect(self.place_at_selection)
        self.keep_button.clicked.connect(self.keep_current)
        self.drop_button.clicked.connect(self.drop_current)

        sides = QGridLayout()
        sides.setContentsMargins(0, 0, 0, 0)
        sides.addWidget(self.old_title, 0, 0)
        sides.addWidget(self.new_title, 0, 1)
        sides.addWidget(self.old_text, 1, 0)
        sides.addWidget(self.new_text, 1, 1)
        buttons = QGridLayout()  # two rows: the queue stays usable in a narrow dock
        buttons.addWidget(self.accept_button, 0, 0)
        buttons.addWidget(self.place_button, 0, 1)
        buttons.addWidget(self.keep_button, 1, 0)
        buttons.addWidget(self.drop_button, 1, 1)
        buttons.setColumnStretch(2, 1)
        detail = self.detail = QWidget(self)
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addLayout(sides, 1)
        column.addWidget(self.candidates_title)
        column.addWidget(self.candidates, 1)
        column.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.items)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.items, self.candidates)
        self.setTabOrder(self.candidates, self.accept_button)

        self._shortcuts: list[QShortcut] = []
        for keys, slot in ((("A", "Return", "Enter"), self.accept_current), (("U",), self.place_at_selection),
                           (("K",), self.keep_current), (("Del",), self.drop_current)):
            for key in keys:
                self._shortcut(key, slot)
        for number in range(1, 10):
            self._shortcut(str(number), partial(self.take_candidate, number - 1))
        self.items.currentRowChanged.connect(lambda _row: self._show_current(activate=True))
        self.candidates.currentRowChanged.connect(lambda _row: self._candidate_chosen())
        controller.changed.connect(self._changed)
        controller.review_opened.connect(lambda _review: self._document_changed())
        controller.view.selection_changed.connect(lambda _on: self._update_buttons())
        self._show_current()

    def _shortcut(self, key: str, slot: Callable[[], object]) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append(shortcut)

    # --- what waits -------------------------------------------------------------------------------

    def reload(self, *, activate: bool = True) -> None:
        """Read (in the review's worker) what waits for the reviewer in the open document; with ``activate``,
        the entry shown then is selected in the pages and the editor."""
        from annotator.services.carry_review import queue

        self.controller.call(queue, lambda items: self._loaded(items, activate))

    def _loaded(self, items: list[QueueItem], activate: bool) -> None:
        self._kept = {item.annotation.id for item in items if item.carried is not None and item.carried.kept}
        for item in items:
            self._known[item.annotation.id] = item.carried
            if item.carried is not None and item.old_name:
                self._names[item.carried.old_document] = item.old_name
        self._rebuild()
        if activate and self._current() is not None:
            self._show_current(activate=True)

    def _document_changed(self) -> None:
        self._known.clear()
        self._kept.clear()
        self._asked.clear()
        self._shown_id = None
        self._rebuild()
        self.reload(activate=False)

    def _changed(self, changes: Changes) -> None:
        """A step was taken or undone, or a colleague changed something: the queue follows."""
        if changes.carried:  # kept as not found, or no longer: read what is recorded
            self.reload(activate=False)
        if not (changes.upserted or changes.removed):
            return
        unknown = [a.id for a in changes.upserted
                   if a.status in WAITING and a.id not in self._known and a.id not in self._asked]
        if unknown:
            self._asked.update(unknown)
            self.controller.call(lambda review: _records(review, unknown), self._records_read)
        relevant = any(a.id in self._known for a in changes.upserted) or any(id in self._known
                                                                              for id in changes.removed)
        if relevant:
            self._rebuild()

    def _records_read(self, found: tuple[dict[str, CarriedFrom], dict[str, str], list[str]]) -> None:
        records, names, ids = found
        self._names.update(names)
        for id in ids:
            self._asked.discard(id)
            self._known[id] = records.get(id)
        self._rebuild()

    def waiting(self) -> list[Annotation]:
        """The annotations in the queue, in reading order (those kept as not found last)."""
        review = self.controller.review
        if review is None:
            return []
        found = [a for a in review.in_order() if a.status in WAITING and a.id in self._known]
        return [a for a in found if a.id not in self._kept] + [a for a in found if a.id in self._kept]

    def _rebuild(self) -> None:
        """List what waits; the entry shown stays current, or the one that took its place (the next one)."""
        waiting = self.waiting()
        row = self.items.currentRow()
        current = self._shown_id
        self.items.blockSignals(True)
        self.items.clear()
        for annotation in waiting:
            entry = QListWidgetItem(self._entry_text(annotation))
            entry.setData(_ID_ROLE, annotation.id)
            entry.setForeground(_colour(annotation.status))
            entry.setToolTip(" ".join(annotation.quote.split()))
            self.items.addItem(entry)
        ids = [a.id for a in waiting]
        if current in ids:
            self.items.setCurrentRow(ids.index(current))
        elif ids:
            self.items.setCurrentRow(min(max(row, 0), len(ids) - 1))
        self.items.blockSignals(False)
        self._update_summary(waiting)
        self._show_current()

    def _entry_text(self, annotation: Annotation) -> str:
        words = self.tr_(_STATUS_WORDS[annotation.status])
        if annotation.id in self._kept:
            words = self.tr_("Kept as not found")
        page = self.controller.page_label(annotation) if annotation.status is not AnchorStatus.ORPHANED else ""
        where = f" · {self.tr_('p. {page}', page=page)}" if page else ""
        return f"{words}{where} · “{_short(annotation.quote)}”"

    def _update_summary(self, waiting: Sequence[Annotation]) -> None:
        open_ = [a for a in waiting if a.id not in self._kept]
        if not waiting:
            self.summary.setText(self.tr_("Nothing waits for review: every carried-over annotation is in place."))
            return
        count = {status: sum(1 for a in open_ if a.status is status) for status in WAITING}
        names = sorted({self._names.get(record.old_document, "") for a in waiting
                        if (record := self._known.get(a.id)) is not None} - {""})
        text = self.tr_("{n} to review: {fuzzy} with changed wording, {ambiguous} in several places, {orphaned} "
                        "not found.", n=len(open_), fuzzy=count[AnchorStatus.FUZZY],
                        ambiguous=count[AnchorStatus.AMBIGUOUS], orphaned=count[AnchorStatus.ORPHANED])
        if names:
            text = self.tr_("Carried over from {name}.", name=", ".join(names)) + " " + text
        if self._kept:
            text += " " + self.tr_("{n} kept as not found.", n=len(self._kept & {a.id for a in waiting}))
        self.summary.setText(text)

    # --- the one shown ----------------------------------------------------------------------------

    def _current(self) -> Annotation | None:
        entry = self.items.currentItem()
        review = self.controller.review
        if entry is None or review is None:
            return None
        return review.annotations.get(entry.data(_ID_ROLE))

    def _show_current(self, activate: bool = False) -> None:
        annotation = self._current()
        previous, self._shown_id = self._shown_id, annotation.id if annotation else None
        self.detail.setVisible(annotation is not None or not self._known)
        if annotation is None:
            self.heading.setText(self.tr_("Choose File › Carry Over Annotations from an Earlier Version… to bring "
                                          "a review to this version.") if not self._known else "")
            for widget in (self.old_text, self.new_text):
                widget.clear()
            self.old_title.clear()
            self.new_title.clear()
            self.candidates.clear()
            self.candidates_title.hide()
            self.candidates.hide()
            self._candidates = ()
            self._update_buttons()
            return
        record = self._known.get(annotation.id)
        self.heading.setText(self._heading(annotation, record))
        old_name = self._names.get(record.old_document, "") if record else ""
        old_page = record.old_page if record else None
        where = self.tr_("PDF page {n}", n=old_page + 1) if old_page is not None else ""
        self.old_title.setText(self.tr_("Before ({where})", where=", ".join(p for p in (old_name, where) if p))
                               if old_name or where else self.tr_("Before"))
        candidates = () if annotation.status is AnchorStatus.FUZZY or record is None else record.candidates
        if annotation.id != previous or candidates != self._candidates:
            self._candidates = candidates
            self.candidates.blockSignals(True)
            self.candidates.clear()
            for number, candidate in enumerate(candidates, start=1):
                self.candidates.addItem(self._candidate_text(number, candidate, annotation))
            at = next((i for i, c in enumerate(candidates) if _same_place(c, annotation)), 0 if candidates else -1)
            self.candidates.setCurrentRow(at)
            self.candidates.blockSignals(False)
        visible = bool(candidates)
        self.candidates_title.setVisible(visible)
        self.candidates.setVisible(visible)
        self.candidates_title.setText(self.tr_("Places that fit (1–9 takes one):")
                                      if annotation.status is AnchorStatus.AMBIGUOUS else
                                      self.tr_("Look-alike passages, not taken (1–9 takes one):"))
        self._show_wording(annotation, record)
        self._update_buttons()
        if activate:
            if annotation.anchor is not None and annotation.anchor.quads:
                self.controller.activate(annotation.id)  # selected, and its highlight brought into view
            else:
                self.controller.select(annotation.id)  # an orphan has no place to show

    def _heading(self, annotation: Annotation, record: CarriedFrom | None) -> str:
        status = annotation.status
        if status is AnchorStatus.FUZZY:
            score = f"{round(record.score * 100)} %" if record else ""
            return self.tr_("The passage is in this version with other words ({score} alike). Accept the new "
                            "wording, place the annotation at other text, or drop it.", score=score)
        if status is AnchorStatus.AMBIGUOUS:
            if record is None:
                return self.tr_("Placed with doubt when it was imported. Accept this place, place it at other "
                                "text, or drop it.")
            return self.tr_("More than one place fits equally well: pick the one it belongs to.")
        return self.tr_("Not found in this version. Place it at text you select, or keep it as not found (it "
                        "stays out of the letter).")

    def _show_wording(self, annotation: Annotation, record: CarriedFrom | None) -> None:
        old = record.old_quote if record else annotation.quote
        chosen = self._chosen_candidate()
        if annotation.status is AnchorStatus.ORPHANED and chosen is None:
            new, page = "", ""
        elif chosen is not None:
            new, page = chosen.anchor.exact, self._label(chosen.anchor.page)
        else:
            new, page = annotation.quote, self.controller.page_label(annotation)
        runs = diff_words(old, new) if new else [("same", " ".join(old.split()))]
        self.old_text.setHtml(_html(runs, "gone"))
        if new:
            self.new_text.setHtml(_html(runs, "new"))
            self.new_title.setText(self.tr_("Now (p. {page})", page=page))
        else:
            self.new_text.setHtml("<i>" + html.escape(self.tr_("Not in this version")) + "</i>")
            self.new_title.setText(self.tr_("Now"))

    def _candidate_text(self, number: int, candidate: Candidate, annotation: Annotation) -> str:
        anchor = candidate.anchor
        # Places with the same words differ in where they stand and in what surrounds them: both come first.
        context = f"…{anchor.prefix[-28:]} «{_short(anchor.exact, 32)}» {anchor.suffix[:28]}…"
        page = self.tr_("p. {page}", page=self._label(anchor.page))
        text_of_page = self.controller.view.page_text(anchor.page)
        if anchor.start is not None and text_of_page is not None:
            # The line it starts on, counting the lines with text (as a reviewer counts them on the page).
            before = text_of_page.text[:anchor.start].split("\n")
            page += ", " + self.tr_("line {n}", n=sum(1 for line in before[:-1] if line.strip()) + 1)
        text = self.tr_("{n}. {where}, {score} alike: {context}", n=number, where=page,
                        score=f"{round(candidate.score * 100)} %", context=" ".join(context.split()))
        if _same_place(candidate, annotation):
            text += " " + self.tr_("(placed here now)")
        return text

    def _label(self, page: int) -> str:
        labels = self.controller.labels
        return labels[page] if page < len(labels) and labels[page] else f"[{page + 1}]"

    def _chosen_candidate(self) -> Candidate | None:
        row = self.candidates.currentRow()
        return self._candidates[row] if 0 <= row < len(self._candidates) else None

    def _candidate_chosen(self) -> None:
        annotation = self._current()
        chosen = self._chosen_candidate()
        if annotation is None:
            return
        self._show_wording(annotation, self._known.get(annotation.id))
        self._update_buttons()
        if chosen is not None:
            self._show_place(chosen)

    def _show_place(self, candidate: Candidate) -> None:
        """Bring a candidate place into view, selected in the pages (U or "Take This Place" takes it)."""
        from annotator.pdf.selection import TextPosition, TextSelection

        anchor = candidate.anchor
        view = self.controller.view
        if anchor.start is not None and anchor.end is not None:
            last = anchor.quad_pages[-1] if anchor.quad_pages else anchor.page
            view.set_selection(TextSelection(TextPosition(anchor.page, anchor.start), TextPosition(last, anchor.end)))
        if anchor.quads:
            quads = anchor.quads_on(anchor.page) or anchor.quads
            view.ensure_visible(anchor.page, Rect(min(q.x0 for q in quads), min(q.y0 for q in quads),
                                                  max(q.x1 for q in quads), max(q.y1 for q in quads)))

    def _update_buttons(self) -> None:
        annotation = self._current()
        status = annotation.status if annotation else None
        chosen = self._chosen_candidate()
        if status is AnchorStatus.FUZZY:
            self.accept_button.setText(self.tr_("Accept the New Wording (A)"))
            self.accept_button.setToolTip(self.tr_("The annotation keeps the new wording at its place and goes "
                                                   "into the letter"))
        elif status is AnchorStatus.AMBIGUOUS and not self._candidates:
            self.accept_button.setText(self.tr_("Accept This Place (A)"))
            self.accept_button.setToolTip("")
        else:
            self.accept_button.setText(self.tr_("Take This Place (A)"))
            self.accept_button.setToolTip(self.tr_("The annotation goes to the place chosen in the list"))
        self.accept_button.setEnabled(status is AnchorStatus.FUZZY or status is AnchorStatus.AMBIGUOUS
                                      or (status is AnchorStatus.ORPHANED and chosen is not None))
        self.place_button.setEnabled(annotation is not None and self.controller.view.selection is not None)
        self.keep_button.setVisible(status is AnchorStatus.ORPHANED)
        self.keep_button.setEnabled(annotation is not None and annotation.id not in self._kept)
        self.drop_button.setEnabled(annotation is not None)

    # --- decisions --------------------------------------------------------------------------------

    def accept_current(self) -> None:
        """Accept the new wording (fuzzy), or take the place chosen in the list (ambiguous, a look-alike)."""
        annotation = self._current()
        if annotation is None:
            return
        chosen = self._chosen_candidate()
        if chosen is not None and annotation.status is not AnchorStatus.FUZZY:
            self._take(annotation, chosen)
        elif annotation.status is AnchorStatus.FUZZY:
            self._decide(annotation, accepted(annotation), self.tr_("Accept changed wording"))
        elif annotation.status is AnchorStatus.AMBIGUOUS:
            self._decide(annotation, accepted(annotation), self.tr_("Accept the place"))

    def take_candidate(self, index: int) -> None:
        """Take the ``index``-th place of the list (the key 1–9)."""
        annotation = self._current()
        if annotation is not None and annotation.status is not AnchorStatus.FUZZY \
                and 0 <= index < len(self._candidates):
            self.candidates.setCurrentRow(index)
            self._take(annotation, self._candidates[index])

    def _take(self, annotation: Annotation, candidate: Candidate) -> None:
        self.controller.view.set_selection(None)
        self._decide(annotation, placed(annotation, candidate.anchor), self.tr_("Choose the annotation's place"))

    def place_at_selection(self) -> None:
        """The text selected in the pages becomes the annotation's place."""
        from annotator.pdf.selection import make_anchor

        annotation = self._current()
        view = self.controller.view
        if annotation is None:
            return
        anchor = make_anchor(view.selection, view.texts) if view.selection is not None else None
        if anchor is None:
            self.heading.setText(self.tr_("First select the passage in the pages with the mouse, then press U."))
            return
        view.set_selection(None)
        self._decide(annotation, placed(annotation, anchor), self.tr_("Place the annotation at the selected text"))

    def keep_current(self) -> None:
        """Keep an orphan as it is (with its old quote, out of the letter), as a step to undo, and go on to the next."""
        annotation = self._current()
        if annotation is None or annotation.status is not AnchorStatus.ORPHANED or annotation.id in self._kept:
            return
        row = self.items.currentRow()
        self._kept.add(annotation.id)  # at once; the step records it, and undoing it brings the orphan back
        self.controller.push(KeepAsNotFound((annotation.id,), text=self.tr_("Keep as not found")))
        self._shown_id = None
        self._rebuild()
        # On to the next entry still open (the kept ones are last): the one that took its row, else the first.
        open_rows = len([a for a in self.waiting() if a.id not in self._kept])
        self._go_to(row if row < open_rows else 0 if open_rows else self.items.count() - 1)

    def drop_current(self) -> None:
        """Delete the annotation from this version (one step to undo)."""
        annotation = self._current()
        if annotation is not None:
            row = self.items.currentRow()
            self._shown_id = None
            self.controller.delete([annotation])
            self._go_to(row)

    def _decide(self, before: Annotation, after: Annotation, text: str) -> None:
        row = self.items.currentRow()
        self._shown_id = None  # the entry leaves the queue; the next one takes its row
        self.controller.push(EditAnnotations([before], [after], text=text))
        self._go_to(row)

    def _go_to(self, row: int) -> None:
        if self.items.count():
            target = min(max(row, 0), self.items.count() - 1)
            self.items.setCurrentRow(target)
            self._show_current(activate=True)
        else:
            self._show_current()
        self.items.setFocus(Qt.FocusReason.OtherFocusReason)


def _records(review: Any, ids: list[str]) -> tuple[dict[str, CarriedFrom], dict[str, str], list[str]]:
    from annotator.services.carry_review import carried_records, version_names

    records = carried_records(review, ids)
    return records, version_names(review, {record.old_document for record in records.values()}), ids


def _same_place(candidate: Candidate, annotation: Annotation) -> bool:
    anchor = annotation.anchor
    return anchor is not None and bool(anchor.quads) and candidate.anchor.page == anchor.page \
        and candidate.anchor.quads == anchor.quads


def _short(text: str, limit: int = _SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _colour(status: AnchorStatus) -> QColor:
    return QColor(_STATUS_COLOURS.get(status, "#000000"))


def _html(runs: list[tuple[str, str]], side: str) -> str:
    """One side of a word diff: the words the other side lacks marked (struck out when gone, underlined when new)."""
    style = _GONE_STYLE if side == "gone" else _NEW_STYLE
    parts = []
    for kind, text in runs:
        if kind == "same":
            parts.append(html.escape(text))
        elif kind == side:
            parts.append(f"<span style='{style}'>{html.escape(text)}</span>")
    return "<p>" + " ".join(parts) + "</p>"


def add_queue_dock(window: QMainWindow, tr: Translator, controller: ReviewController,
                   beside: QDockWidget) -> tuple[QDockWidget, CarryQueue]:
    """The queue in a dock tabbed with ``beside`` (the annotation list), hidden until asked for."""
    queue = CarryQueue(tr, controller)
    dock = QDockWidget(tr("Carried Over"), window)
    dock.setObjectName("carry-queue-dock")
    dock.setWidget(queue)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.tabifyDockWidget(beside, dock)
    dock.hide()
    return dock, queue
