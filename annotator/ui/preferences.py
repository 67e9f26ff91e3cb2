"""Preferences (Edit › Preferences…, Ctrl+,): the reviewer's name, the organisation's defaults for new letters, the
interface language, the database opened at start and the appearance, all kept in the settings file (QSettings)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.ui import i18n
from annotator.ui.i18n import Translator

NAME_KEY = "reviewer_name"
LANGUAGE_KEY = "language"  # read by app.create_window at start ("" or missing: the system's, or ANNOTATOR_LANG)
DATABASE_KEY = "database_url"  # the database opened at start, also written by File › Annotation Database…
APPEARANCE_KEY = "appearance"
LETTER_DEFAULTS_GROUP = "letter_defaults"
# The letter settings a new letter takes from the preferences.
LETTER_DEFAULT_FIELDS = ("organisation", "signatory_name", "signatory_function")
LANGUAGES = ("", "nl", "en")  # "": the system's
APPEARANCES = ("", "light", "dark")  # "": the system's


def fallback_name(database_url: str | None) -> str:
    """What signs when no name is given: the server's user name on a team server, else the computer login."""
    from annotator.services.server import is_server_url, login_name, server_user_name

    return server_user_name(database_url) if is_server_url(database_url) else login_name()


def letter_defaults(settings: QSettings) -> dict[str, str]:
    """The organisation's defaults for new letters that are set (letter setting name to text)."""
    found: dict[str, str] = {}
    for name in LETTER_DEFAULT_FIELDS:
        value = str(settings.value(f"{LETTER_DEFAULTS_GROUP}/{name}", "") or "").strip()
        if value:
            found[name] = value
    return found


def seed_letter_defaults(review: Any, defaults: dict[str, str]) -> object:
    """In the review's worker: a database without any letter settings yet takes the preferences' defaults (as a
    new database takes the default themes). Returns the Changes that make the letter compile again, else None."""
    from annotator.services.commands import Changes
    from annotator.services.errors import PermissionDeniedError

    if not defaults or review.repo.letter_settings():
        return None
    try:
        for name, value in defaults.items():
            review.repo.set_letter_setting(name, value)
    except PermissionDeniedError:
        return None  # a colleague who may only read keeps the letter as it is
    return Changes(letter_settings=True)


def stored_database(settings: QSettings) -> str:
    """The database opened at start as the preferences show it: a file's path, a server's URL (its password is in
    the keyring, never here), or "" for the file in the user data folder."""
    stored = str(settings.value(DATABASE_KEY, "") or "")
    return stored.removeprefix("sqlite:///") if stored.startswith("sqlite:///") else stored


def database_value(typed: str) -> str | None:
    """The URL to keep for what was typed as the database (a file path or a server URL), "" for the default file,
    None when it is neither a file nor a PostgreSQL or SQLite URL."""
    from annotator.paths import database_url

    typed = typed.strip()
    if not typed:
        return ""
    if "://" in typed and not typed.startswith(("sqlite:///", "postgresql://", "postgresql+psycopg://")):
        return None
    return database_url(typed)


# --- appearance ---------------------------------------------------------------------------------------------------

_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}


def dark_palette() -> QPalette:
    """The window's colours in dark mode where the platform has none to give (X11 without a desktop theme)."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a", QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a", QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535", QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff8a80", QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3e3e3e", QPalette.ColorRole.Mid: "#303030",
        QPalette.ColorRole.Dark: "#1a1a1a", QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#2f65b5", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4f8", QPalette.ColorRole.LinkVisited: "#c58af9",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#808080"))
    return palette


def light_palette() -> QPalette:
    """The window's colours in light mode where the platform has none to give: the style's own, with a selection
    dark enough for its white text (Fusion's #308cc6 gives 3.7:1, below WCAG's 4.5:1)."""
    application = QApplication.instance()
    style = application.style() if isinstance(application, QApplication) else None
    palette = style.standardPalette() if style is not None else QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor("#2a6db5"))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return palette


def apply_appearance(choice: str) -> None:
    """Ask the platform for light or dark ("light", "dark"; anything else: as the system is). Where it cannot
    (X11 without a desktop theme), the window takes a light or dark palette of its own."""
    application = QGuiApplication.instance()
    if not isinstance(application, QGuiApplication):
        return
    scheme = _SCHEMES.get(choice, Qt.ColorScheme.Unknown)
    hints = application.styleHints()
    hints.setColorScheme(scheme)
    if scheme == Qt.ColorScheme.Unknown or hints.colorScheme() == scheme:
        QGuiApplication.setPalette(QPalette())  # nothing set: the platform's and the style's colours
    else:
        QGuiApplication.setPalette(dark_palette() if scheme == Qt.ColorScheme.Dark else light_palette())


def apply_stored_appearance(settings: QSettings) -> None:
    """At start: the appearance chosen in the preferences, when one was (else the system's, untouched)."""
    choice = str(settings.value(APPEARANCE_KEY, "") or "")
    if choice in _SCHEMES:
        apply_appearance(choice)


# --- the dialog ---------------------------------------------------------------------------------------------------


class PreferencesDialog(QDialog):
    """Edits the preferences; OK stores them (``stored()`` says what changed)."""

    def __init__(self, tr: Translator, settings: QSettings, fallback_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._settings = settings
        self.setObjectName("preferences-dialog")
        self.setWindowTitle(tr("Preferences"))
        self.setAccessibleName(tr("Preferences"))

        self.name = QLineEdit(str(settings.value(NAME_KEY, "") or ""))
        self.name.setObjectName("preferences-name")
        self.name.setPlaceholderText(fallback_name)
        self.name.setAccessibleName(tr("Your name"))
        self.name.setAccessibleDescription(tr("The name colleagues see with your annotations and changes"))
        you = QGroupBox(tr("You"))
        you_form = QFormLayout(you)
        you_form.addRow(tr("&Your name"), self.name)

        letter = QGroupBox(tr("Defaults for new letters"))
        letter.setAccessibleName(tr("Defaults for new letters"))
        letter_form = QFormLayout(letter)
        self.letter_fields: dict[str, QLineEdit] = {}
        # Named as in the Letter Settings dialog.
        for name, accessible, shown in (("organisation", tr("Organisation"), tr("&Organisation")),
                                        ("signatory_name", tr("Signatory"), tr("&Signatory")),
                                        ("signatory_function", tr("Signatory's function"),
                                         tr("Signatory's &function"))):
            field = QLineEdit(str(settings.value(f"{LETTER_DEFAULTS_GROUP}/{name}", "") or ""))
            field.setObjectName(f"preferences-{name}")
            field.setAccessibleName(accessible)
            self.letter_fields[name] = field
            letter_form.addRow(shown, field)
        note = QLabel(tr("A database without letter settings takes these; Letter › Letter Settings… changes them "
                         "for one database."))
        note.setWordWrap(True)
        note.setObjectName("preferences-letter-note")
        letter_form.addRow(note)

        general = QGroupBox(tr("Program"))
        general_form = QFormLayout(general)
        self.language = QComboBox()
        self.language.setObjectName("preferences-language")
        self.language.setAccessibleName(tr("Language"))
        # Each language named in its own words.
        for value, text in zip(LANGUAGES, (tr("System"), "Nederlands", "English")):
            self.language.addItem(text, value)
        self.language.setCurrentIndex(max(0, self.language.findData(str(settings.value(LANGUAGE_KEY, "") or ""))))
        # The window's menus and panels take the language when they are built, at the next start; Qt's own texts
        # (standard buttons, file dialogs, the fields' context menus) take it at once.
        self.language_note = QLabel(tr("Applies at the next start."))
        self.language_note.setObjectName("preferences-language-note")
        language_row = QHBoxLayout()
        language_row.addWidget(self.language)
        language_row.addWidget(self.language_note, 1)
        general_form.addRow(_buddy(tr("&Language"), self.language), language_row)

        self.database = QLineEdit(stored_database(settings))
        self.database.setObjectName("preferences-database")
        self.database.setAccessibleName(tr("Database at start"))
        self.database.setAccessibleDescription(tr("A database file's path or the team server's URL"))
        self.database.setPlaceholderText(tr("the file in your data folder"))
        self.database.setToolTip(tr("A file (…/annotations.sqlite) or a server URL "
                                    "(postgresql+psycopg://user@host:5432/annotator)"))
        browse = QPushButton(tr("&Browse…"))
        browse.setObjectName("preferences-database-browse")
        browse.setAccessibleName(tr("Choose the database file"))
        browse.clicked.connect(self._browse)
        database_row = QHBoxLayout()
        database_row.addWidget(self.database, 1)
        database_row.addWidget(browse)
        general_form.addRow(_buddy(tr("&Database at start"), self.database), database_row)
        database_note = QLabel(tr("Opened at the next start; File › Annotation Database… switches now."))
        database_note.setWordWrap(True)
        general_form.addRow(database_note)

        self.appearance = QComboBox()
        self.appearance.setObjectName("preferences-appearance")
        self.appearance.setAccessibleName(tr("Appearance"))
        for value, text in zip(APPEARANCES, (tr("System"), tr("Light"), tr("Dark"))):
            self.appearance.addItem(text, value)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(
            str(settings.value(APPEARANCE_KEY, "") or ""))))
        appearance_row = QHBoxLayout()
        appearance_row.addWidget(self.appearance)
        appearance_row.addStretch(1)
        general_form.addRow(_buddy(tr("&Appearance"), self.appearance), appearance_row)

        self.problem = QLabel()
        self.problem.setObjectName("preferences-problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for button in self.buttons.buttons():  # Qt's own texts, in the language installed (i18n.install)
            button.setAccessibleName(button.text().replace("&", ""))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (you, letter, general):
            layout.addWidget(part)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.changed: set[str] = set()
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        """A database file, existing or new (it is created at the next start)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self, self._tr("Database at start"), self.database.text() if "://" not in self.database.text() else "",
            self._tr("Annotation databases (*.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if chosen:
            self.database.setText(chosen)

    def accept(self) -> None:
        """Store the preferences, unless the database typed is no file or server; ``changed`` names the keys."""
        database = database_value(self.database.text())
        if database is None:
            self.problem.setText(self._tr("The database must be a file's path or a server URL starting with "
                                          "postgresql+psycopg://."))
            self.problem.show()
            self.database.setFocus()
            return
        settings = self._settings
        values: dict[str, str] = {NAME_KEY: self.name.text().strip(),
                                  LANGUAGE_KEY: str(self.language.currentData() or ""),
                                  APPEARANCE_KEY: str(self.appearance.currentData() or "")}
        for name, field in self.letter_fields.items():
            values[f"{LETTER_DEFAULTS_GROUP}/{name}"] = field.text().strip()
        if database != str(settings.value(DATABASE_KEY, "") or ""):
            from annotator.services.credentials import remember

            values[DATABASE_KEY] = remember(database)[0] if database else ""  # a password goes to the keyring
        self.changed = set()
        for key, value in values.items():
            if str(settings.value(key, "") or "") != value:
                self.changed.add(key)
                if value:
                    settings.setValue(key, value)
                else:
                    settings.remove(key)
        if APPEARANCE_KEY in self.changed:
            apply_appearance(values[APPEARANCE_KEY])
        if LANGUAGE_KEY in self.changed:
            application = QApplication.instance()
            if application is not None:
                i18n.install(application, values[LANGUAGE_KEY] or i18n.system_language())
        super().accept()


def _buddy(text: str, field: QWidget) -> QLabel:
    """A form label whose underlined letter moves the focus to ``field``."""
    label = QLabel(text)
    label.setBuddy(field)
    return label
