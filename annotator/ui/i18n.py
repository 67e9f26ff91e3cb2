"""Interface language: English source texts translated by Qt's translation system.

The interface writes its texts in English, ``tr_("Cannot open {name}", name=...)``; a :class:`Translator` looks them
up in the compiled Qt Linguist file of its language (``resources/translations/annotator_nl.qm``) and fills in the
values. A text that counts something says so the Qt way, with ``%n`` and the count as third argument::

    tr_("%n hit(s)", None, n=total)        # "1 hit", "3 hits"; in Dutch "1 treffer", "3 treffers"

(``None`` is the disambiguation slot of Qt's ``tr(text, disambiguation, n)``. ``tr_("%n hit(s)", n=total)`` looks
the forms up too, but only the third argument makes lupdate give the text singular and plural forms, so
tests/ui/test_i18n.py asks for it.) Texts kept in tables are marked with :func:`translatable` where they are
written, so that lupdate finds them; lupdate does not look into f-strings, so translate outside them.

The translations live in ``resources/translations/``: ``annotator_nl.ts`` holds every text in Dutch and
``annotator_en.ts`` the English singular and plural of the texts that count. After changing interface texts, run
``bash scripts/update-translations.sh``: it collects the texts (new ones are marked unfinished), translate those in
Qt Linguist (``.venv/bin/pyside6-linguist resources/translations/annotator_nl.ts``), and run it again to compile
the ``.qm`` files, which are committed with the ``.ts`` files (tests/ui/test_i18n.py checks both).

Choosing the language:

- At start the language is ``--lang``, else the setting ``language`` ("nl" or "en"; empty or absent: the system's),
  else ``system_language()``: ANNOTATOR_LANG if set, else Dutch on a Dutch system and English elsewhere.
- ``install(app, language)`` makes ``language`` the application's: it installs the translator of annotator's texts
  and Qt's own (``qtbase_nl.qm``: standard buttons such as "Annuleren", file dialogs, the context menus of text
  fields), then ``qt_extra_nl.qm``, kept by hand in ``resources/translations/qt_extra_nl.ts`` under Qt's own
  contexts for the texts Qt's Dutch lacks (the file dialog's "&Look in:" and "Files of &type:", the sidebar's and
  the Type column's "Drive" and "Folder"); installed last, it is asked first. It makes the language's locale the
  default too, so that what Qt words from the locale (the file types in the file dialog, "PDF-document", "map")
  follows the interface (the sizes and dates there follow the system's); and it returns the :class:`Translator`
  for building windows. Qt's own texts, and every window and dialog built with the returned translator, speak the
  new language at once; the texts of a window built before keep theirs until it is built again, so to switch the
  whole interface the Preferences dialog stores the choice under ``language`` in the settings (the next start uses
  it) and may call ``install`` for the dialogs from now on.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from annotator.paths import resources_dir

LANGUAGES = ("nl", "en")
CONTEXT = "annotator"  # every text is looked up under this one context (scripts/release_translations.py)
_QT_CATALOGUES = ("qtbase",)  # Qt's own texts the widgets use
_QT_EXTRA = "qt_extra"  # annotator's own translations of Qt's texts that Qt's catalogues lack (qt_extra_nl.ts)

_loaded: dict[str, QTranslator] = {}
_installed: list[QTranslator] = []


def translatable(text: str) -> str:
    """Mark a text kept in a table as one to translate (lupdate finds it); the table's user translates it."""
    return text


def translations_dir() -> Path:
    """The folder of annotator's .ts and .qm files."""
    return resources_dir() / "translations"


def _annotator_translator(language: str) -> QTranslator:
    """The translator of annotator's texts for ``language``, loaded once; empty when its .qm is missing."""
    translator = _loaded.get(language)
    if translator is None:
        translator = QTranslator()
        translator.load(f"annotator_{language}", str(translations_dir()))
        _loaded[language] = translator
    return translator


def _qt_translators(language: str) -> list[QTranslator]:
    """Qt's own translations for ``language``, from the Qt that PySide6 brings (also in the frozen app)."""
    import PySide6

    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
               str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")]
    found = []
    for catalogue in _QT_CATALOGUES:
        key = f"{catalogue}_{language}"
        translator = _loaded.get(key)
        if translator is None:
            translator = QTranslator()
            if not any(translator.load(key, folder) for folder in folders):
                continue
            _loaded[key] = translator
        found.append(translator)
    extra = _loaded.get(f"{_QT_EXTRA}_{language}")
    if extra is None:
        extra = QTranslator()
        extra.load(f"{_QT_EXTRA}_{language}", str(translations_dir()))
        _loaded[f"{_QT_EXTRA}_{language}"] = extra
    return [*found, extra]  # the extra last: installed last, asked first


def _locale(language: str) -> QLocale:
    """The locale for an interface in ``language``: the system's when it speaks it, else the language's own."""
    system = QLocale.system()
    wanted = QLocale.Language.Dutch if language == "nl" else QLocale.Language.English
    if system.language() == wanted or (language == "en" and system.language() == QLocale.Language.C):
        return system
    return QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands) if language == "nl" else \
        QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class Translator:
    """Looks up the interface texts for one language ("nl" or "en"; another language is English)."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "en"
        # Its own QTranslator, the one install() puts into the application: a window looks up its language's texts
        # whichever language the application has installed (an English and a Dutch window may live side by side).
        self.translator = _annotator_translator(self.language)

    def __call__(self, text: str, disambiguation: str | None = None, /, **values: object) -> str:
        count = values.get("n") if "%n" in text else None
        n = count if isinstance(count, int) else -1
        translated = self.translator.translate(CONTEXT, text, disambiguation, n) or text
        if n >= 0:
            translated = translated.replace("%n", str(n))
        return translated.format(**values) if values else translated


def install(app: QCoreApplication, language: str) -> Translator:
    """Make ``language`` the interface language of ``app`` (see the module's description); returns its translator."""
    translator = Translator(language)
    for earlier in _installed:
        app.removeTranslator(earlier)
    _installed.clear()
    QLocale.setDefault(_locale(translator.language))
    for qt in [translator.translator, *(_qt_translators(translator.language) if translator.language != "en" else [])]:
        if not qt.isEmpty() and app.installTranslator(qt):
            _installed.append(qt)
    return translator


def system_language() -> str:
    """ANNOTATOR_LANG if set, else Dutch on a Dutch system and English elsewhere."""
    configured = os.environ.get("ANNOTATOR_LANG", "")
    if configured in LANGUAGES:
        return configured
    return "nl" if QLocale.system().language() == QLocale.Language.Dutch else "en"
