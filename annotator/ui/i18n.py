"""Interface language: English source strings with a Dutch table, chosen from the setting or the system locale."""

from __future__ import annotations

import os

from PySide6.QtCore import QLocale

_NL: dict[str, str] = {
    "&File": "&Bestand",
    "&Open…": "&Openen…",
    "Open &Recent": "&Recent geopend",
    "No recent files": "Geen recente bestanden",
    "Clear list": "Lijst wissen",
    "&Quit": "&Afsluiten",
    "&View": "Beel&d",
    "Zoom &In": "&Inzoomen",
    "Zoom &Out": "&Uitzoomen",
    "Fit &Width": "Paginabreedte",
    "Fit &Page": "Hele pagina",
    "Actual Size": "Ware grootte",
    "&Sidebar": "&Zijbalk",
    "&Go": "&Ga naar",
    "Go to Page…": "Ga naar pagina…",
    "Next Page": "Volgende pagina",
    "Previous Page": "Vorige pagina",
    "First Page": "Eerste pagina",
    "Last Page": "Laatste pagina",
    "&Find…": "&Zoeken…",
    "Find Next": "Volgende zoeken",
    "Find Previous": "Vorige zoeken",
    "&Help": "&Help",
    "&About annotator": "&Over annotator",
    "Outline": "Inhoud",
    "Pages": "Pagina's",
    "Search in the document": "Zoeken in het document",
    "Previous": "Vorige",
    "Next": "Volgende",
    "Close": "Sluiten",
    "Open": "Openen",
    "Page": "Pagina",
    "of {n}": "van {n}",
    "{n} hits": "{n} treffers",
    "1 hit": "1 treffer",
    "No hits": "Geen treffers",
    "Searching… {n} hits": "Zoeken… {n} treffers",
    "{i} of {n}": "{i} van {n}",
    "Open agreement": "Akkoord openen",
    "PDF documents (*.pdf);;All files (*)": "PDF-documenten (*.pdf);;Alle bestanden (*)",
    "Cannot open {name}": "{name} kan niet worden geopend",
    "Password required": "Wachtwoord nodig",
    "{name} is protected with a password. Enter it to open the document:":
        "{name} is beveiligd met een wachtwoord. Voer het in om het document te openen:",
    "The password was wrong. Try again:": "Het wachtwoord klopt niet. Probeer het opnieuw:",
    "{name} was damaged and has been repaired to open it. Check that no pages are missing.":
        "{name} was beschadigd en is hersteld om het te kunnen openen. Controleer of er geen pagina's ontbreken.",
    "{n} pages have no text layer (scanned): their text cannot be searched or highlighted.":
        "{n} pagina's hebben geen tekstlaag (gescand): hun tekst is niet doorzoekbaar of te markeren.",
    "1 page has no text layer (scanned): its text cannot be searched or highlighted.":
        "1 pagina heeft geen tekstlaag (gescand): de tekst is niet doorzoekbaar of te markeren.",
    "No text layer": "Geen tekstlaag",
    "Opening {name}…": "{name} openen…",
    "Gave up opening {name}: it did not open within {s} seconds.":
        "Openen van {name} afgebroken: het lukte niet binnen {s} seconden.",
    "No page labelled “{q}”.": "Geen pagina met nummer “{q}”.",
    "Page {label} ({index} of {n})": "Pagina {label} ({index} van {n})",
    "Drop a PDF here or choose File › Open": "Sleep een pdf hierheen of kies Bestand › Openen",
    "Only PDF files can be opened: {name}": "Alleen pdf-bestanden kunnen worden geopend: {name}",
    "Go to page (printed number or index)": "Ga naar pagina (gedrukt nummer of volgnummer)",
    "About annotator": "Over annotator",
    "annotator {version}\n\nReview a coalition agreement against human rights and draft the response letter.":
        "annotator {version}\n\nToets een coalitieakkoord aan de mensenrechten en stel de reactiebrief op.",
    "The file no longer exists: {path}": "Het bestand bestaat niet meer: {path}",
    'Quote': 'Citaat',
    'Page': 'Pagina',
    'Judgment': 'Oordeel',
    'Theme': 'Thema',
    'References': 'Verwijzingen',
    'Author': 'Auteur',
    'Modified': 'Gewijzigd',
    'Welcome': 'Welkom',
    'Note': 'Opmerking',
    'Concern': 'Zorg',
    'Serious concern': 'Ernstige zorg',
    'Violation': 'Schending',
    'Not found in this version of the document': 'Niet gevonden in deze versie van het document',
    'Filter…': 'Filteren…',
    'All themes': "Alle thema's",
    'All authors': 'Alle auteurs',
    '{shown} of {total}': '{shown} van {total}',
    'Set judgment': 'Oordeel geven',
    'Set theme': 'Thema kiezen',
    'No theme': 'Geen thema',
    'Delete': 'Verwijderen',
    'Show only “{judgment}” (click more to add; none checked shows all)': 'Alleen “{judgment}” tonen (klik meer aan om toe te voegen; niets aangevinkt toont alles)',
    'Filter by words in the quote, comment, references, theme or author': 'Filter op woorden in citaat, commentaar, verwijzingen, thema of auteur',
}


class Translator:
    """Looks up the interface text for one language ("nl" or "en")."""

    def __init__(self, language: str) -> None:
        self.language = language if language in ("nl", "en") else "en"

    def __call__(self, text: str, **values: object) -> str:
        translated = _NL.get(text, text) if self.language == "nl" else text
        return translated.format(**values) if values else translated


def system_language() -> str:
    """ANNOTATOR_LANG if set, else Dutch on a Dutch system and English elsewhere."""
    configured = os.environ.get("ANNOTATOR_LANG", "")
    if configured in ("nl", "en"):
        return configured
    return "nl" if QLocale.system().language() == QLocale.Language.Dutch else "en"
