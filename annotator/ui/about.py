"""Help › About annotator: the version, the licences of the libraries it bundles, and where its files are."""

from __future__ import annotations

import html
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__
from annotator.ui.i18n import Translator

# (name shown, distributions to read the version of, licence) of what the app bundles.
LIBRARIES = (
    ("Qt", (), "LGPL-3.0"),
    ("PySide6", ("PySide6_Essentials", "PySide6"), "LGPL-3.0"),
    ("PyMuPDF (MuPDF)", ("PyMuPDF",), "AGPL-3.0"),
    ("SQLAlchemy", ("SQLAlchemy",), "MIT"),
    ("Alembic", ("alembic",), "MIT"),
    ("python-docx", ("python-docx",), "MIT"),
    ("platformdirs", ("platformdirs",), "MIT"),
    ("rapidfuzz", ("rapidfuzz",), "MIT"),
    ("keyring", ("keyring",), "MIT"),
    ("psycopg", ("psycopg",), "LGPL-3.0"),
    ("Lucide icons", (), "ISC"),
)


def annotator_version() -> str:
    """The installed version (the package's metadata), else the one in the source."""
    try:
        return metadata.version("annotator")
    except metadata.PackageNotFoundError:
        return __version__


def library_versions() -> list[tuple[str, str, str]]:
    """(name, version, licence) of each bundled library; the version is "" when it is not installed here."""
    rows = []
    for name, distributions, licence in LIBRARIES:
        version = qVersion() if name == "Qt" else ""
        for distribution in distributions:
            try:
                version = metadata.version(distribution)
                break
            except metadata.PackageNotFoundError:
                continue
        rows.append((name, version, licence))
    return rows


def open_folder(path: Path) -> bool:
    """Show the folder holding ``path`` in the system's file manager."""
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    """The version, the libraries and their licences, and the database and log file, each copyable."""

    def __init__(self, tr: Translator, database: str, database_file: Path | None, log_file: Path,
                 settings_file: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle(tr("About annotator"))
        self.setAccessibleName(tr("About annotator"))
        title = QLabel(f"<h2>annotator {html.escape(annotator_version())}</h2>")
        title.setObjectName("about-version")
        title.setAccessibleName(f"annotator {annotator_version()}")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        what = QLabel(tr("Review a coalition agreement against human rights and draft the response letter."))
        what.setWordWrap(True)

        places = QGroupBox(tr("Your files"))
        grid = QGridLayout(places)
        self.paths: dict[str, QLineEdit] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        rows = (("database", tr("&Database"), database, database_file, tr("Open the database's folder")),
                ("log", tr("&Log file"), str(log_file), log_file, tr("Open the log file's folder")),
                ("settings", tr("&Settings"), settings_file, Path(settings_file) if settings_file else None,
                 tr("Open the settings file's folder")))
        for row, (key, label, shown, folder_of, open_text) in enumerate(rows):
            field = QLineEdit(shown)
            field.setObjectName(f"about-{key}")
            field.setReadOnly(True)  # selectable and copyable (Ctrl+A, Ctrl+C), not editable
            field.setCursorPosition(0)
            field.setAccessibleName(label.replace("&", ""))
            field.setMinimumWidth(420)
            caption = QLabel(label)
            caption.setBuddy(field)
            button = QPushButton(tr("Open Folder"))
            button.setObjectName(f"about-open-{key}")
            button.setAccessibleName(open_text)
            button.setToolTip(open_text)
            button.setAutoDefault(False)
            if folder_of is None:
                button.setEnabled(False)  # a team server: no folder on this computer
            else:
                button.clicked.connect(lambda _=False, path=folder_of: open_folder(path))
            grid.addWidget(caption, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(button, row, 2)
            self.paths[key] = field
            self.open_buttons[key] = button

        libraries = QGroupBox(tr("Libraries"))
        missing = tr("not installed")
        cells = "".join(
            f"<tr><td style='padding-right:14px'>{html.escape(name)}</td>"
            f"<td style='padding-right:14px'>{html.escape(version or missing)}</td>"
            f"<td>{html.escape(licence)}</td></tr>"
            for name, version, licence in library_versions())
        headings = "".join(f"<th align='left' style='padding-right:14px'>{html.escape(text)}</th>"
                           for text in (tr("Library"), tr("Version"), tr("Licence")))
        self.licences = QLabel(f"<table><tr>{headings}</tr>{cells}</table>")
        self.licences.setObjectName("about-licences")
        self.licences.setAccessibleName(tr("Libraries and their licences"))
        self.licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        licence_note = QLabel(tr("annotator bundles these libraries under their own licences; the source of each "
                                 "is available from its project."))
        licence_note.setWordWrap(True)
        library_layout = QVBoxLayout(libraries)
        library_layout.addWidget(self.licences)
        library_layout.addWidget(licence_note)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("Close"))
        close.setAccessibleName(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(what)
        layout.addWidget(places)
        layout.addWidget(libraries)
        layout.addWidget(buttons)
        close.setFocus()
