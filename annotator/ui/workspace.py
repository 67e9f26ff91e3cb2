"""The reviewer's workspace around the pages: the editor and list docks, the review and its actions.

It is built once the first pages are on screen (or at once when no document is being opened), so that opening the
program shows the agreement first and loads the annotation machinery right after.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QMenu, QScrollArea, QToolBar, QWidget

from annotator.domain.catalogue import Catalogue
from annotator.ui.annotating_view import AnnotatingPageView
from annotator.ui.annotation_list import AnnotationListPanel
from annotator.ui.editor import AnnotationEditor
from annotator.ui.letter_panel import LetterPanel
from annotator.ui.i18n import Translator
from annotator.ui.icons import REVIEW_ICONS, decorate
from annotator.ui.review_actions import ReviewActions, reviewer_name
from annotator.ui.review_controller import ReviewController


def scrolling(panel: QWidget) -> QScrollArea:
    """``panel`` in a frameless scroll area: a dock lower than the panel needs scrolls it instead of squeezing its
    parts over each other, so the window fits a small screen (or a large scale factor)."""
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName() or 'panel'}-scroll")
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


class ReviewWorkspace:
    """Creates the docks, the review controller and its actions, and puts them into the window."""

    def __init__(self, window: QMainWindow, docks: tuple[QDockWidget, QDockWidget, QDockWidget], tr: Translator,
                 settings: QSettings, catalogue: Catalogue, view: AnnotatingPageView,
                 open_database: Callable[[], object],
                 report: Callable[[str], None], inform: Callable[[str], None],
                 warn: Callable[[str, tuple[str, Callable[[], object]]], None],
                 offer_open: Callable[[str, Path], None]) -> None:
        """``docks``: those of the editor, the list and the letter (window_state.panel_docks), already laid out."""
        self.editor_dock, self.list_dock, self.letter_dock = docks
        self.editor = AnnotationEditor(tr, catalogue)
        self.editor_dock.setWidget(self.editor)

        def author() -> str:
            # The window's database at the time of asking (it may be switched to a team server and back).
            return reviewer_name(settings, getattr(window, "database_url", None))

        self.review = ReviewController(tr, catalogue, view, self.editor, open_database,
                                       author=author, report=report, inform=inform,
                                       warn=warn, parent=window)
        self.annotation_list = AnnotationListPanel(tr, catalogue)
        self.list_dock.setWidget(self.annotation_list)
        self.review.attach_list(self.annotation_list)
        self.letter = LetterPanel(
            tr, catalogue, database=lambda: self.review.database,
            fingerprint=lambda: self.review.review.document.fingerprint if self.review.review else None,
            report=lambda text, error: (report if error else inform)(text), offer_open=offer_open)
        self.letter_dock.setWidget(scrolling(self.letter))  # on a small screen it scrolls rather than overlaps
        self.letter_dock.visibilityChanged.connect(self.letter.set_on_screen)
        self.letter.set_on_screen(self.letter_dock.isVisible())  # in front when the reviewer left it there
        self.review.changed.connect(self.letter.schedule)
        self.editor.drafted.connect(self.letter.show_edit)
        self.review.review_opened.connect(lambda _review: self.letter.schedule())
        self.letter.check_activated.connect(self.review.activate)
        self.letter.use_settings(self.review.read_letter_settings, self.review.save_letter_settings)
        self.actions = ReviewActions(tr, self.review, settings, window, author)
        self.annotation_list.selection_changed.connect(self.actions.set_list_selection)

    def fill(self, edit_menu: QMenu, annotate_menu: QMenu, help_menu: QMenu, toolbar: QToolBar) -> None:
        """Put the review's actions into the window's menus and toolbar."""
        self.actions.edit_menu(edit_menu)
        self.actions.annotate_menu(annotate_menu)
        if help_menu.actions():
            help_menu.insertAction(help_menu.actions()[0], self.actions.keys)
        else:
            help_menu.addAction(self.actions.keys)
        decorate(self.actions, REVIEW_ICONS)
        toolbar.addSeparator()
        for action in (self.actions.highlight, self.actions.area, self.actions.undo, self.actions.redo):
            toolbar.addAction(action)
