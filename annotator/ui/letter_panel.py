"""The draft letter beside the agreement: a live preview, the checks before sending, settings and export."""

from __future__ import annotations

from collections.abc import Callable
import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.background import Failures, Progress, Task, run_in_background, run_operation
from annotator.ui.i18n import Translator, translatable
from annotator.ui.letter_compose import CLOSING, INTRODUCTION, SECTION, LetterComposer
from annotator.ui.letter_preview import LetterPreview

# A compile reads the whole review again, so it waits for a pause in the edits; the paragraph edited is on screen
# before that (LetterPanel.show_edit).
PREVIEW_DELAY_MS = 400
# An edit seen in the window that no compile has shown after this long was not stored (refused, undone meanwhile):
# the compiles' letter stands.
DRAFT_TIMEOUT_S = 10.0
_CHECK_TEXTS = {
    "no-reference": translatable("A serious concern or violation without a treaty reference: {where}"),
    "no-theme": translatable("Without a theme (the letter puts it under “Other points”): {where}"),
    "no-judgment": translatable("Not judged yet: {where}"),
    "orphaned": translatable("Not found in this document, so left out of the letter: {where}"),
    "not-accepted": translatable("Carried over onto changed words, so left out of the letter until you accept it "
                                 "(Annotate › Review Carried-Over Annotations): {where}"),
    "place-not-chosen": translatable("Fits several places in this version, so left out of the letter until you pick "
                                     "one (Annotate › Review Carried-Over Annotations): {where}"),
    "empty-letter": translatable("The letter has no annotations yet: include some with a judgment and a theme."),
    "no-organisation": translatable("The organisation's name is not set (Letter Settings)."),
    "setting-ignored": translatable("A letter setting in the database cannot be used, so the letter takes its "
                                    "default: {where}"),
    "section-not-found": translatable("The letter settings introduce a section that no theme has, so the "
                                      "introduction is left out: {where}"),
}
_ID_ROLE = Qt.ItemDataRole.UserRole
_EDITS_SHOWN_AT_ONCE = 20  # a change of more annotations (a merge, an import) waits for the compile

# (settings field, label, kind) in the order of the letter
_FIELDS = (
    ("organisation", translatable("Organisation"), "line"),
    ("organisation_short", translatable("Short name in the text"), "line"),
    ("sender", translatable("Sender block"), "text"),
    ("place", translatable("Place"), "line"),
    ("date", translatable("Date (empty: the day of export)"), "line"),
    ("reference", translatable("Reference"), "line"),
    ("subject", translatable("Subject"), "line"),
    ("agreement_title", translatable("The agreement is cited as"), "line"),
    ("addressee", translatable("Addressee"), "line"),
    ("salutation", translatable("Salutation"), "line"),
    ("introduction", translatable("Introduction"), "text"),
    ("closing", translatable("Closing"), "text"),
    ("signatory_name", translatable("Signatory"), "line"),
    ("signatory_function", translatable("Signatory's function"), "line"),
)

# Labels of the settings that are not in _FIELDS, as the dialog shows them.
_SETTING_LABELS = {
    **{name: label for name, label, _kind in _FIELDS},
    "language": translatable("Language"),
    "template": translatable("Word template"),
    "summary": translatable("Start with a summary of concerns and welcome points"),
    "annex": translatable("Add an annex table of every annotation"),
    "comments": translatable("Word comments with each paragraph's author, page and judgment"),
    "chart": translatable("Open the annex with a chart of the judgments per theme"),
    "citation_style": translatable("Treaty citations"),
    "sections": translatable("Section introductions"),
}


class LetterSettingsDialog(QDialog):
    """Edits the letter settings kept in the database (so they travel with it)."""

    def __init__(self, tr: Translator, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._settings = settings
        self.setObjectName("letter-settings")
        self.setWindowTitle(tr("Letter Settings"))
        self.resize(560, 640)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(tr("Language"), self.language)
        self.citation_style = QComboBox()
        self.citation_style.setObjectName("letter-citation_style")
        self.citation_style.addItem(tr("In full (artikel 3 EVRM, artikel 1 van de Grondwet)"), "full")
        self.citation_style.addItem(tr("Short (art. 3 EVRM, art. 1 Gw)"), "short")
        self.citation_style.setCurrentIndex(max(0, self.citation_style.findData(settings.citation_style)))
        # As wide as the form, not as its longest entry: the dialog keeps its width.
        self.citation_style.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.citation_style.setMinimumContentsLength(16)
        form.addRow(tr("Treaty citations"), self.citation_style)
        for name, label, kind in _FIELDS:
            value = str(getattr(settings, name))
            field: QLineEdit | QPlainTextEdit
            if kind == "text":
                field = QPlainTextEdit(value)
                field.setFixedHeight(56 if name == "closing" else 80)
            else:
                field = QLineEdit(value)
            field.setObjectName(f"letter-{name}")
            self.fields[name] = field
            form.addRow(tr(label), field)
        template_row = QHBoxLayout()
        self.template = QLineEdit(settings.template)
        self.template.setPlaceholderText(tr("none: plain Word styles"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._choose_template)
        template_row.addWidget(self.template, 1)
        template_row.addWidget(browse)
        form.addRow(tr("Word template"), template_row)
        self.summary = QCheckBox(tr("Start with a summary of concerns and welcome points"))
        self.summary.setChecked(settings.summary)
        self.annex = QCheckBox(tr("Add an annex table of every annotation"))
        self.annex.setChecked(settings.annex)
        self.comments = QCheckBox(tr("Word comments with each paragraph's author, page and judgment"))
        self.comments.setChecked(settings.comments)
        self.chart = QCheckBox(tr("Open the annex with a chart of the judgments per theme"))
        self.chart.setChecked(settings.chart)
        self.chart.setEnabled(settings.annex)
        self.annex.toggled.connect(self.chart.setEnabled)
        for box in (self.summary, self.annex, self.chart, self.comments):
            form.addRow(box)
        scroll = QScrollArea()
        scroll.setWidget(form_widget)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _choose_template(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self._tr("Word template"), self.template.text(),
                                                self._tr("Word documents (*.docx)"))
        if chosen:
            self.template.setText(chosen)

    def settings(self) -> Any:
        """The settings as edited."""
        from dataclasses import replace

        values: dict[str, object] = {}
        for name, field in self.fields.items():
            values[name] = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
        return replace(self._settings, language=self.language.currentData(), template=self.template.text().strip(),
                       summary=self.summary.isChecked(), annex=self.annex.isChecked(), chart=self.chart.isChecked(),
                       comments=self.comments.isChecked(), citation_style=self.citation_style.currentData(),
                       **values)


class LetterPanel(QWidget):
    """Shows the draft letter as it stands and what to check before sending it."""

    check_activated = Signal(str)  # annotation id
    exported = Signal(object)  # the Path written
    compiled = Signal()
    settings_dialog_shown = Signal(object)  # LetterSettingsDialog
    profile_dialog_shown = Signal(object)  # the QFileDialog of Export Profile / Import Profile
    profile_exported = Signal(object)  # the Path written
    profile_imported = Signal(object)  # the Path read, once its settings are saved

    def __init__(self, tr: Translator, catalogue: Any, database: Callable[[], object | None],
                 fingerprint: Callable[[], str | None], report: Callable[[str, bool], None],
                 offer_open: Callable[[str, Path], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self._catalogue = catalogue
        self._database = database
        self._settings_access: tuple[Any, Any] | None = None
        self._fingerprint = fingerprint
        self._report = report
        self._failures = Failures(tr, lambda text: report(text, True))
        self._offer_open = offer_open
        self._tasks: set[Task] = set()
        self._busy = False
        self._again = False
        self.setObjectName("letter-panel")
        self.preview = LetterPreview()
        self.preview.setObjectName("letter-preview")
        self.preview.setAccessibleName(tr("Draft Letter"))
        self._view: Any = None  # the last compile's LetterView
        # Annotations as edited in the window since (by id): the annotation and when it was seen (time.monotonic).
        self._edits: dict[str, tuple[Any, float]] = {}
        self.checks = QListWidget()
        self.checks.setObjectName("letter-checks")
        self.checks.setAccessibleName(tr("Checks Before Sending"))
        self.checks.setWordWrap(True)
        self.checks.itemActivated.connect(self._check_activated)
        self.checks.itemClicked.connect(self._check_activated)
        settings = QPushButton(tr("Letter Settings…"))
        settings.clicked.connect(self.edit_settings)
        self.settings_button = settings
        export = QPushButton(tr("Export Letter…"))
        export.setObjectName("export-letter")
        export.clicked.connect(lambda: self.export())
        # A letter profile: the organisation's way of writing its letters, as a file to share (README).
        import_profile = QPushButton(tr("Import Profile…"))
        import_profile.setObjectName("import-profile")
        import_profile.setToolTip(tr("Take the organisation, signatory, wording, citation style and section "
                                     "introductions from a letter profile (.json)"))
        import_profile.clicked.connect(self.import_profile)
        export_profile = QPushButton(tr("Export Profile…"))
        export_profile.setObjectName("export-profile")
        export_profile.setToolTip(tr("Save the organisation, signatory, wording, citation style and section "
                                     "introductions as a letter profile (.json)"))
        export_profile.clicked.connect(self.export_profile)
        buttons = QHBoxLayout()
        buttons.addWidget(settings)
        buttons.addStretch(1)
        buttons.addWidget(export)
        profile_buttons = QHBoxLayout()
        profile_buttons.addWidget(import_profile)
        profile_buttons.addWidget(export_profile)
        profile_buttons.addStretch(1)
        # Writing the letter's own texts and arranging the passages, between the checks and the preview.
        self.composer = LetterComposer(tr)
        self.composer.text_edited.connect(self._store_text)
        self.composer.arranged.connect(self._store_arrangement)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.checks)
        split.addWidget(self.composer)
        split.addWidget(self.preview)
        split.setSizes([90, 300, 400])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addLayout(profile_buttons)
        layout.addWidget(split, 1)
        self._stale = False
        self._on_screen = True  # until the window says otherwise
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        # The stored settings as the composer changes them: taken from a compile that began after the panel's last
        # save (``_saves`` counts them), and read again from the database when anything changed since (``_changes``
        # counts what the review reported: an undo, a colleague, the settings dialog).
        self._settings: Any = None
        self._saves = 0
        self._changes = 0
        self._settings_fresh = False
        self._waiting: list[tuple[Callable[[Any], Any], str, str]] | None = None  # changes waiting for a read

    # --- preview ----------------------------------------------------------------------------------

    def schedule(self, changes: Any = None) -> None:
        """Compile again shortly (called on every change of the review, with its annotator.services.commands.Changes
        when there are any); while the Letter panel is out of sight (behind the Annotation tab, or closed), once it
        comes into sight: compiling a long review is not free. The paragraphs of the annotations a change edited are
        composed again and shown at once."""
        for annotation in getattr(changes, "upserted", ())[:_EDITS_SHOWN_AT_ONCE]:
            self.show_edit(annotation)
        self._changes += 1
        self._settings_fresh = False
        if self._on_screen:
            self._timer.start()
        else:
            self._stale = True

    def show_edit(self, annotation: Any) -> None:
        """Show the paragraph of ``annotation`` (annotator.domain.model.Annotation) as it is now edited in the
        window, before the review has stored the edit (a comment as it is typed): composed again from the last
        compile, without reading the database. Where the edit moves the passage (another theme, out of the letter),
        the next compile places it."""
        self._edits[annotation.id] = (annotation, time.monotonic())
        if self._view is not None and self._on_screen:
            from annotator.services.letter import edited_paragraph

            block = edited_paragraph(self._view, annotation)
            if block is not None and self.preview.replace_paragraph(block):
                self.preview.reveal(block.key)

    def set_on_screen(self, on_screen: bool) -> None:
        """The panel came into sight (its tab chosen, its dock opened) or went out of it."""
        self._on_screen = on_screen
        if on_screen and self._stale:
            self._stale = False
            self._timer.start()

    def refresh(self) -> Task | None:
        """Compile the letter in the background and show it; one compile at a time, the latest wins."""
        db, fingerprint = self._database(), self._fingerprint()
        if db is None or not fingerprint:
            return None
        if self._busy:
            self._again = True
            return None
        self._busy = True
        catalogue = self._catalogue
        saves, changes = self._saves, self._changes
        started = time.monotonic()

        def work() -> Any:
            from annotator.services.letter import letter_view

            return letter_view(db, fingerprint, catalogue=catalogue)  # type: ignore[arg-type]

        return run_in_background(self, work, lambda view: self._show(view, saves, changes, started), self._failed,
                                 self._tasks)

    def _page(self, view: Any, started: float) -> Any:
        """The compile's page with the edits seen in the window since it began on top; an edit that the compile
        shows, or that no compile shows for a while, is forgotten."""
        from dataclasses import replace

        from annotator.services.letter import edited_paragraph

        page = view.page
        overrides = {}
        for key, (annotation, seen) in list(self._edits.items()):
            block = edited_paragraph(view, annotation)
            shown = next((item for item in page.blocks if block is not None and item.key == block.key), None)
            if block is None or shown is None or shown.inline == block.inline or seen < started - DRAFT_TIMEOUT_S:
                del self._edits[key]
            elif seen >= started - 1.0:  # the compile may have read the database before the edit was stored
                overrides[block.key] = block.inline
        if not overrides:
            return page
        return replace(page, blocks=tuple(replace(item, inline=overrides[item.key]) if item.key in overrides else item
                                          for item in page.blocks))

    def _show(self, view: Any, saves: int, changes: int, started: float) -> None:
        checks = view.checks
        if saves == self._saves:  # else a save of the panel's came after this compile began: the next one has it
            self._settings = view.settings
            self._settings_fresh = changes == self._changes
            self.composer.set_content(view.outline, view.settings)
        self._view = view
        self.preview.show_page(self._page(view, started))
        self.checks.clear()
        for check in checks:
            where = check.where
            if str(check.code) == "setting-ignored":  # the setting as the Letter Settings dialog names it
                where = self.tr_(_SETTING_LABELS.get(where, where))
            text = self.tr_(_CHECK_TEXTS.get(str(check.code), check.message), where=where)
            item = QListWidgetItem("⚠ " + text)
            item.setData(_ID_ROLE, check.annotation_id)
            self.checks.addItem(item)
        if not checks:
            self.checks.addItem(QListWidgetItem("✓ " + self.tr_("Nothing to check: the letter is ready to export.")))
        self._done()
        self.compiled.emit()

    def _failed(self, error: BaseException) -> None:
        self._view = None
        self.preview.show_text(self.tr_("The letter cannot be compiled: {error}", error=error))
        self._done()

    def _done(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.schedule()

    def _check_activated(self, item: QListWidgetItem) -> None:
        annotation_id = item.data(_ID_ROLE)
        if annotation_id:
            self.check_activated.emit(str(annotation_id))

    # --- writing and arranging ---------------------------------------------------------------------

    def _store_text(self, part: str, markup: str) -> None:
        """Store a text the reviewer wrote in the composer (cleaned of what a letter cannot hold), as one step."""
        from annotator.domain.text import printable
        from annotator.letter.settings import MAX_SETTING_LENGTH

        text = printable(markup).strip()
        if len(text) > MAX_SETTING_LENGTH:
            self._report(self.tr_("The text is {length} characters long; a part of the letter holds at most "
                                  "{most}, so it is not saved. Shorten it.", length=f"{len(text):,}",
                                  most=f"{MAX_SETTING_LENGTH:,}"), True)
            self.composer.refused()
            return
        section = None
        if part.startswith(SECTION):
            section = next((item for item in self.composer.outline if SECTION + item.key == part), None)
            if section is None:
                return

        def change(current: Any) -> Any:
            from dataclasses import replace

            if part == INTRODUCTION:
                return replace(current, introduction=text)
            if part == CLOSING:
                return replace(current, closing=text)
            assert section is not None
            wanted = " ".join(section.title.split()).casefold()
            sections = [(title, value) for title, value in current.sections
                        if " ".join(title.split()).casefold() != wanted]
            at = next((index for index, (title, _value) in enumerate(current.sections)
                       if " ".join(title.split()).casefold() == wanted), len(sections))
            if text:
                sections.insert(at, (section.title, text))
            return replace(current, sections=tuple(sections))

        steps = {INTRODUCTION: self.tr_("Write the letter's introduction"),
                 CLOSING: self.tr_("Write the letter's closing")}
        self._change_settings(change, "sections" if section is not None else part,
                              steps.get(part) or self.tr_("Write a section's introduction"))

    def _store_arrangement(self, key: str, groups: Any, shown: Any, text: str) -> None:
        """Store a section's arrangement (the order of its passages, which are argued together), as one step."""
        def change(current: Any) -> Any:
            from dataclasses import replace

            from annotator.domain.model import utcnow
            from annotator.letter.arrangement import with_section

            return replace(current, arrangement=with_section(current.arrangement, key, groups, shown,
                                                             utcnow().isoformat(timespec="microseconds")))

        self._change_settings(change, "arrangement", text)

    def _change_settings(self, change: Callable[[Any], Any], name: str, text: str) -> None:
        """Apply ``change`` to the stored settings and store the result as one undoable step: on the settings as
        the panel last stored them, or as read again when the review changed since; ``text`` names the step in
        the Edit menu ("Undo Move a passage in the letter")."""
        if self._settings_access is None or self._settings is None:
            return
        if self._waiting is not None:  # a read is on its way: this change follows the ones before it
            self._waiting.append((change, name, text))
            return
        if self._settings_fresh:
            self._push_settings(self._settings, change, name, text)
            return
        self._waiting = [(change, name, text)]
        read, _save = self._settings_access

        def take(current: Any) -> None:
            waiting, self._waiting = self._waiting or [], None
            for step, label, step_text in waiting:
                current = self._push_settings(current, step, label, step_text)

        read(take)

    def _push_settings(self, before: Any, change: Callable[[Any], Any], name: str, text: str) -> Any:
        from annotator.letter.settings import read_settings, settings_to

        after = change(before)
        if read_settings(settings_to(after))[1].count(name):  # it would be stored, but not read back
            self._report(self.tr_("This text cannot be stored with the letter settings (it is too long "
                                  "together with the other section introductions), so it is not saved."), True)
            self.composer.refused()
            return before
        if after == before:
            return before
        assert self._settings_access is not None
        self._saves += 1
        self._settings = after
        self._settings_fresh = True
        self._settings_access[1](before, after, text)
        return after

    # --- settings and export ----------------------------------------------------------------------

    def edit_settings(self) -> None:
        """The settings dialog, once the stored settings are read; OK stores them as one undoable step."""
        if self._settings_access is None:
            return
        read, save = self._settings_access

        def show(current: Any) -> None:
            dialog = LetterSettingsDialog(self.tr_, current, self)
            dialog.accepted.connect(lambda: save(current, dialog.settings(), self.tr_("Change letter settings")))
            dialog.open()
            self.settings_dialog = dialog
            self.settings_dialog_shown.emit(dialog)

        read(show)

    def export_profile(self) -> None:
        """Ask for a file and write the stored settings' letter profile to it (annotator.letter.settings)."""
        if self._settings_access is None:
            return
        read, _save = self._settings_access

        def write(current: Any, path: Path) -> None:
            def work() -> Path:
                from annotator.letter.settings import write_profile

                write_profile(current, path)
                return path

            run_in_background(self, work, self._profile_written, self._profile_failed, self._tasks)

        def chosen(name: str) -> None:
            path = Path(name)
            read(lambda current: write(current, path if path.suffix else path.with_suffix(".json")))

        self._ask_profile_file(self.tr_("Export Profile"), chosen, save=True)

    def import_profile(self) -> None:
        """Ask for a letter profile and take its settings over the stored ones, as one undoable step."""
        if self._settings_access is None:
            return
        read, save = self._settings_access

        def take(current: Any, profile: dict[str, object], path: Path) -> None:
            from annotator.letter.settings import apply_profile

            save(current, apply_profile(current, profile), self.tr_("Import a letter profile"))
            self._report(self.tr_("The letter settings are taken from the profile {name}", name=path.name), False)
            self.profile_imported.emit(path)

        def chosen(name: str) -> None:
            path = Path(name)

            def work() -> dict[str, object]:
                from annotator.letter.settings import read_profile

                return read_profile(path)

            run_in_background(self, work, lambda profile: read(lambda current: take(current, profile, path)),
                              self._profile_failed, self._tasks)

        self._ask_profile_file(self.tr_("Import Profile"), chosen, save=False)

    def _ask_profile_file(self, title: str, chosen: Callable[[str], None], *, save: bool) -> None:
        """Qt's own file dialog (the same on every system, and what the window tests drive), opened window-modal."""
        dialog = QFileDialog(self, title, "", self.tr_("Letter profiles (*.json)"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setObjectName("profile-file-dialog")
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("json")
            dialog.selectFile("letter-profile.json")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.profile_dialog_shown.emit(dialog)

    def _profile_written(self, path: Path) -> None:
        self._report(self.tr_("The letter profile is written to {path}", path=path), False)
        self.profile_exported.emit(path)

    def _profile_failed(self, error: BaseException) -> None:
        from annotator.letter.settings import ProfileError

        if isinstance(error, ProfileError):
            self._report(self.tr_("The letter profile cannot be used: {error}", error=error), True)
        else:
            self._failures.report(error, lambda reason: self.tr_("The letter profile could not be written: "
                                                                 "{error}", error=reason), "letter profile")

    def use_settings(self, read: Callable[[Callable[[Any], None]], None], save: Callable[[Any, Any, str], None]) -> None:
        """How the panel reads the stored settings and saves edited ones (through the review's worker)."""
        self._settings_access = (read, save)

    def export(self, path: Path | None = None) -> Task | None:
        """Ask where (unless given) and write the letter as .docx, .md or .html in the background."""
        db, fingerprint = self._database(), self._fingerprint()
        if db is None or not fingerprint:
            return None
        self.composer.save_typing()
        if path is None:
            word, markdown, web = (self.tr_("Word document (*.docx)"), self.tr_("Markdown (*.md)"),
                                   self.tr_("Web page (*.html)"))
            chosen, kind = QFileDialog.getSaveFileName(self, self.tr_("Export Letter"), "reactie.docx",
                                                       f"{word};;{markdown};;{web}")
            if not chosen:
                return None
            path = Path(chosen)
            if not path.suffix:
                path = path.with_suffix({markdown: ".md", web: ".html"}.get(kind, ".docx"))
        catalogue = self._catalogue
        target = path

        def work(progress: Progress) -> Path:
            from annotator.services.letter import compile_letter, write_letter

            progress(0, 2)
            from annotator.ui.overview_chart import chart_png

            letter, _checks = compile_letter(db, fingerprint, catalogue=catalogue,  # type: ignore[arg-type]
                                             chart=chart_png)
            progress(1, 2)  # the last moment Cancel can stop it: the file is written whole or not at all
            write_letter(letter, target)
            return target

        return run_operation(
            self, work, failures=self._failures, on_done=self._exported, running=self._tasks,
            frame=lambda reason: self.tr_("The letter could not be written: {error}", error=reason),
            context=f"writing the letter to {target}", progress_label=self.tr_("Writing the letter…"),
            title=self.tr_("Export Letter"), object_name="letter-progress")

    def _exported(self, path: Path) -> None:
        self._offer_open(self.tr_("The letter is written to {path}", path=path), path)
        self.exported.emit(path)

    def wait(self) -> None:
        """Let background compiles finish (the window is closing)."""
        for task in list(self._tasks):
            if shiboken6.isValid(task):
                task.wait()


def open_file(path: Path) -> None:
    """Open a written file in the program the system uses for it (Word, a browser)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

