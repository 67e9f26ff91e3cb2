"""Annotate › Changes Between the Versions…: the changes report of a carried-over review, shown and saved.

Per theme, which judged passages of the earlier version the open one removed, changed or kept, with the old and the
new wording (annotator.services.changes). The report is read in the review's worker, as the annotations stand (the
reviewer's decisions in the review queue included), and read again after each step while it is open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.i18n import Translator


class ChangesDialog(QDialog):
    """The report in a text view, with Save As… (Markdown or HTML) and Close."""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.setObjectName("changes-dialog")
        self.setWindowTitle(tr("Changes Between the Versions"))
        self.report: Any = None
        self.folder = Path.home()  # where Save As… starts
        self.summary = QLabel(tr("Reading the changes…"), self)
        self.summary.setObjectName("changes-summary")
        self.summary.setWordWrap(True)
        self.view = QTextBrowser(self)
        self.view.setObjectName("changes-view")
        self.view.setOpenLinks(False)
        self.view.setAccessibleName(tr("Changes between the versions"))
        self.view.setAccessibleDescription(tr("Per theme, the judged passages the new version removed, changed or "
                                              "kept"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton(tr("&Save As…"), self)
        self.save_button.setObjectName("changes-save")
        self.save_button.setEnabled(False)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def show_report(self, report: Any) -> None:
        """Show a ChangesReport (annotator.services.changes)."""
        from annotator.services.changes import KINDS, render_html

        self.report = report
        counts = {kind: report.count(kind) for kind in KINDS}
        if not report.themes:
            self.summary.setText(self.tr_("No annotation of this document was carried over from an earlier version."))
        else:
            self.summary.setText(self.tr_(
                "From {old}: {removed} removed, {changed} changed, {unsure} not placed yet, {kept} kept.",
                old=report.old_name, **{kind: str(count) for kind, count in counts.items()}))
        scroll = self.view.verticalScrollBar().value()
        self.view.setHtml(render_html(report))
        self.view.verticalScrollBar().setValue(scroll)
        self.save_button.setEnabled(bool(report.themes))

    def save(self) -> None:
        """Ask where, and write the report there: HTML for .html, else Markdown."""
        if self.report is None:
            return
        markdown, page = self.tr_("Markdown (*.md)"), self.tr_("Web page (*.html)")
        chosen, kind = QFileDialog.getSaveFileName(self, self.tr_("Save the changes report"),
                                                   str(self.folder / self.tr_("changes.md")), f"{markdown};;{page}")
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".html" if kind == page else ".md")
        from annotator.services.changes import write_report

        try:
            write_report(self.report, path)
        except OSError as error:
            self.summary.setText(self.tr_("The report could not be saved: {reason}",
                                          reason=error.strerror or str(error)))
            return
        self.summary.setText(self.tr_("Saved to {path}", path=str(path)))
