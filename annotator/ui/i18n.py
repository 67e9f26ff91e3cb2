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
    "Fit &Width": "Pagina&breedte",
    "Fit &Page": "&Hele pagina",
    "&Actual Size": "&Ware grootte",
    "&Sidebar": "&Zijbalk",
    "&Go": "&Ga naar",
    "&Go to Page…": "&Ga naar pagina…",
    "&Next Page": "&Volgende pagina",
    "&Previous Page": "V&orige pagina",
    "F&irst Page": "&Eerste pagina",
    "&Last Page": "&Laatste pagina",
    "&Find…": "&Zoeken…",
    "Find Ne&xt": "Volge&nde zoeken",
    "Find Pre&vious": "Vo&rige zoeken",
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
    '(an area without text)': '(een gebied zonder tekst)',
    '(no theme)': '(geen thema)',
    'Accept suggested reference': 'Voorgestelde verwijzing overnemen',
    'Accept suggested theme': 'Voorgesteld thema overnemen',
    'Add a reference: “EVRM 5”, “refoulement”, “art. 33 Vluchtelingenverdrag”…': 'Verwijzing toevoegen: “EVRM 5”, “refoulement”, “art. 33 Vluchtelingenverdrag”…',
    'Add “{typed}” as written': '“{typed}” letterlijk toevoegen',
    'Already chosen': 'Al gekozen',
    'By {author}; created {created}, changed {modified}': 'Door {author}; gemaakt {created}, gewijzigd {modified}',
    'Change references': 'Verwijzingen wijzigen',
    'Click a suggestion to accept it': 'Klik op een voorstel om het over te nemen',
    'Comment': 'Toelichting',
    'Del removes the selected reference': 'Del verwijdert de gekozen verwijzing',
    'Edit comment': 'Toelichting bewerken',
    'Edit sources': 'Bronnen bewerken',
    'Edit the list of themes': "De lijst met thema's bewerken",
    'Include in letter': 'Opnemen in brief',
    'Include in the letter': 'Opnemen in de brief',
    'Key {n}': 'Toets {n}',
    'Not in the catalogue: kept as written': 'Niet in de catalogus: letterlijk bewaard',
    'Not placed in this document': 'Niet geplaatst in dit document',
    'Page {label}': 'Pagina {label}',
    'Select text in the agreement and press H to highlight it, or click a highlight to judge it.': 'Selecteer tekst in het akkoord en druk op H om die te markeren, of klik op een markering om haar te beoordelen.',
    'Sources': 'Bronnen',
    'Sources for the footnote, one per line': 'Bronnen voor de voetnoot, één per regel',
    'Suggestions': 'Voorstellen',
    'Theme: {title}': 'Thema: {title}',
    'Treaty references': 'Verdragsverwijzingen',
    'Your assessment, as it should read in the letter': 'Uw beoordeling, zoals die in de brief moet komen',
    '&Annotate': '&Markeren',
    '&Edit': 'Be&werken',
    'Annotation': 'Annotatie',
    'Annotations': 'Annotaties',
    '&Area Highlight': '&Gebied markeren',
    '&Copy': '&Kopiëren',
    '&Delete Highlight': 'Markering &verwijderen',
    '&Highlight Selection': 'Selectie &markeren',
    '&Keyboard Shortcuts': '&Sneltoetsen',
    '&Redo': 'Opnieuw &doen',
    '&Undo': '&Ongedaan maken',
    '&Undo {step}': '&Ongedaan maken: {step}',
    '&Redo {step}': 'Opnieuw &doen: {step}',
    'Copy the selected text': 'De geselecteerde tekst kopiëren',
    'Ctrl+wheel': 'Ctrl+scrollwiel',
    'Del': 'Del',
    'Delete the selected highlight': 'De gekozen markering verwijderen',
    'Double-click': 'Dubbelklikken',
    'Draw a rectangle around a table, figure or scanned passage (or Alt+drag)': 'Trek een rechthoek om een tabel, figuur of gescande passage (of Alt+slepen)',
    'Draw an area highlight (or Alt+drag)': 'Een gebied markeren (of Alt+slepen)',
    'Extend the selection': 'De selectie uitbreiden',
    'Find, next, previous': 'Zoeken, volgende, vorige',
    'Fit page / fit width': 'Hele pagina / paginabreedte',
    'Go to a page by its printed number': 'Naar een pagina gaan via het gedrukte nummer',
    'Highlight the selected text': 'De geselecteerde tekst markeren',
    'Keyboard Shortcuts': 'Sneltoetsen',
    'Reviewer &Name…': '&Naam van de beoordelaar…',
    'Reviewer name': 'Naam van de beoordelaar',
    'Select a word': 'Een woord selecteren',
    'Shift+click': 'Shift+klikken',
    'Show or hide the sidebar': 'De zijbalk tonen of verbergen',
    'Undo / redo': 'Ongedaan maken / opnieuw doen',
    'Your name, as it appears with your annotations:': 'Uw naam, zoals die bij uw annotaties staat:',
    'Zoom': 'Zoomen',
    'Add area highlight': 'Gebied markeren',
    'Add highlight': 'Markering toevoegen',
    'Delete highlight': 'Markering verwijderen',
    'Delete highlights': 'Markeringen verwijderen',
    'The annotations cannot be opened: {error}': 'De annotaties kunnen niet worden geopend: {error}',
    'Not judged yet': 'Nog niet beoordeeld',
    'because of': 'vanwege',
    'Themes': "Thema's",
    'Add…': 'Toevoegen…',
    'Rename…': 'Hernoemen…',
    'Remove': 'Verwijderen',
    'Move Up': 'Omhoog',
    'Move Down': 'Omlaag',
    'The themes become the sections of the letter, in this order. Removing a theme keeps its annotations; they are then without a theme.': "De thema's worden de paragrafen van de brief, in deze volgorde. Een verwijderd thema houdt zijn annotaties; die hebben dan geen thema.",
    'Title of the theme:': 'Titel van het thema:',
    '&Themes…': "&Thema's…",
    'Edit themes': "Thema's bewerken",
    'The annotation database was made by an earlier version of annotator and has been upgraded. A copy of the old file is kept at {path}.': 'De annotatiedatabase is gemaakt door een eerdere versie van annotator en is bijgewerkt. Een kopie van het oude bestand staat in {path}.',
    '&Import Annotations…': 'Annotaties &importeren…',
    '&Export Annotations…': 'Annotaties &exporteren…',
    'Import annotations': 'Annotaties importeren',
    'Import highlights': 'Markeringen importeren',
    'Export annotations': 'Annotaties exporteren',
    'Web annotations (*.jsonld *.json);;All files (*)': 'Webannotaties (*.jsonld *.json);;Alle bestanden (*)',
    'Web annotations (*.jsonld)': 'Webannotaties (*.jsonld)',
    'Spreadsheet (*.csv)': 'Spreadsheet (*.csv)',
    'Importing {name}…': '{name} importeren…',
    'Cancel': 'Annuleren',
    'Imported {name}: {summary}': '{name} geïmporteerd: {summary}',
    '{name} was not imported: {reason}': '{name} is niet geïmporteerd: {reason}',
    'Exported to {path}': 'Geëxporteerd naar {path}',
    'The export failed: {reason}': 'Het exporteren is mislukt: {reason}',
    'All treaties': 'Alle verdragen',
    '{n} change(s) not saved yet: the annotation database cannot be reached{reason}. They are kept and saved as soon as it can be.': '{n} wijziging(en) nog niet opgeslagen: de annotatiedatabase is niet bereikbaar{reason}. Ze worden bewaard en opgeslagen zodra dat weer kan.',
    'Retry now': 'Nu opnieuw proberen',
    'A colleague changed the same annotation at this very moment; nothing was changed. The window now shows their version.': 'Een collega wijzigde dezelfde annotatie op precies dit moment; er is niets gewijzigd. Het venster toont nu hun versie.',
    'A colleague changed “{quote}” in the meantime. Redo put back your version; Undo (Ctrl+Z) brings back theirs.': 'Een collega heeft “{quote}” intussen gewijzigd. Opnieuw heeft uw versie teruggezet; Ongedaan maken (Ctrl+Z) brengt die van de collega terug.',
    'A colleague changed “{quote}” in the meantime. Undo put back your earlier version; Redo (Ctrl+Shift+Z) brings back theirs.': 'Een collega heeft “{quote}” intussen gewijzigd. Ongedaan maken heeft uw eerdere versie teruggezet; Opnieuw (Ctrl+Shift+Z) brengt die van de collega terug.',
    'A colleague deleted “{quote}” in the meantime; it stays deleted. Your step was kept with it, so it comes back if they restore it.': 'Een collega heeft “{quote}” intussen verwijderd; het blijft verwijderd. Uw stap is erbij bewaard en komt terug als de collega het herstelt.',
    'Change letter settings': 'Briefinstellingen wijzigen',
    'Writing the letter…': 'De brief wordt geschreven…',
    'Adjust highlight': 'Markering aanpassen',
    'The change was not saved: {reason}': 'De wijziging is niet opgeslagen: {reason}',
    'The annotation database can be reached again; every change is saved.': 'De annotatiedatabase is weer bereikbaar; alle wijzigingen zijn opgeslagen.',
    'Annotation Database': 'Annotatiedatabase',
    'Annotation &Database…': 'Annotatie&database…',
    'On this computer ({path})': 'Op deze computer ({path})',
    "On the team's PostgreSQL server": 'Op de PostgreSQL-server van het team',
    'empty: use ~/.pgpass': 'leeg: ~/.pgpass gebruiken',
    'Test Connection': 'Verbinding testen',
    'Server': 'Server',
    'Port': 'Poort',
    'Database': 'Database',
    'User': 'Gebruiker',
    'Password': 'Wachtwoord',
    'Connecting…': 'Verbinden…',
    'Connected.': 'Verbonden.',
    'Encryption (TLS)': 'Versleuteling (TLS)',
    'When the server offers it': 'Als de server het aanbiedt',
    'Required': 'Vereist',
    "Required, with the server's certificate checked (verify-full)":
        'Vereist, met controle van het certificaat van de server (verify-full)',
    'CA certificate': 'CA-certificaat',
    'empty: ~/.postgresql/root.crt': 'leeg: ~/.postgresql/root.crt',
    'Your Name': 'Uw naam',
    'Your name, as colleagues see it with your annotations and changes. You can change it later with '
    'Annotate › Reviewer Name…':
        'Uw naam, zoals collega’s die bij uw annotaties en wijzigingen zien. U kunt hem later wijzigen met '
        'Markeren › Naam van de beoordelaar…',
    'Use This Name': 'Deze naam gebruiken',
    'Skip': 'Overslaan',
    'Annotations are now kept in {where}': 'Annotaties worden nu bewaard in {where}',
    'A serious concern or violation without a treaty reference: {where}': 'Een ernstige zorg of schending zonder verdragsverwijzing: {where}',
    'Without a theme (the letter puts it under “Other points”): {where}': 'Zonder thema (de brief zet het onder “Overige punten”): {where}',
    'Not judged yet: {where}': 'Nog niet beoordeeld: {where}',
    'Not found in this document, so left out of the letter: {where}': 'Niet gevonden in dit document, dus niet in de brief: {where}',
    'The letter has no annotations yet: include some with a judgment and a theme.': 'De brief heeft nog geen annotaties: neem er enkele op met een oordeel en een thema.',
    "The organisation's name is not set (Letter Settings).": 'De naam van de organisatie ontbreekt (Briefinstellingen).',
    "A letter setting in the database cannot be used, so the letter takes its default: {where}":
        "Een briefinstelling in de database is onbruikbaar; de brief neemt de standaardwaarde: {where}",
    'Organisation': 'Organisatie',
    'Short name in the text': 'Korte naam in de tekst',
    'Sender block': 'Afzender',
    'Place': 'Plaats',
    'Date (empty: the day of export)': 'Datum (leeg: de dag van exporteren)',
    'Reference': 'Kenmerk',
    'Subject': 'Onderwerp',
    'The agreement is cited as': 'Het akkoord heet in de brief',
    'Addressee': 'Geadresseerde',
    'Salutation': 'Aanhef',
    'Introduction': 'Inleiding',
    'Closing': 'Afsluiting',
    'Signatory': 'Ondertekenaar',
    "Signatory's function": 'Functie van de ondertekenaar',
    'Letter Settings': 'Briefinstellingen',
    'Language': 'Taal',
    'none: plain Word styles': 'geen: gewone Word-stijlen',
    'Choose…': 'Kiezen…',
    'Word template': 'Word-sjabloon',
    'Start with a summary of concerns and welcome points': 'Begin met een samenvatting van zorgen en lichtpuntjes',
    'Add an annex table of every annotation': 'Voeg een bijlage toe met een tabel van alle annotaties',
    "Word comments with each paragraph's author, page and judgment": 'Word-opmerkingen met auteur, pagina en oordeel per alinea',
    'Word documents (*.docx)': 'Word-documenten (*.docx)',
    'Letter Settings…': 'Briefinstellingen…',
    'Export Letter…': 'Brief exporteren…',
    'Nothing to check: the letter is ready to export.': 'Niets te controleren: de brief kan worden geëxporteerd.',
    'The letter cannot be compiled: {error}': 'De brief kan niet worden samengesteld: {error}',
    'Word document (*.docx)': 'Word-document (*.docx)',
    'Markdown (*.md)': 'Markdown (*.md)',
    'Web page (*.html)': 'Webpagina (*.html)',
    'Export Letter': 'Brief exporteren',
    'The letter is written to {path}': 'De brief staat in {path}',
    'The letter could not be written: {error}': 'De brief kon niet worden geschreven: {error}',
    'Letter': 'Brief',
    'Keep theirs': 'Die van de collega houden',
    'Keep mine': 'Mijn versie houden',
    'Keep both': 'Beide houden',
    'Changed on Both Sides': 'Aan beide kanten gewijzigd',
    'You and your colleague both changed these annotations since you last merged. Choose for each which version to keep; “both” keeps yours and adds theirs as a copy.': 'U en uw collega hebben deze annotaties allebei gewijzigd sinds de vorige samenvoeging. Kies per annotatie welke versie blijft; “beide” houdt de uwe en voegt die van de collega toe als kopie.',
    'Mine': 'Mijn versie',
    'Theirs': 'Versie van de collega',
    'Keep': 'Houden',
    'Merge': 'Samenvoegen',
    "Merge a colleague's annotations": 'Annotaties van een collega samenvoegen',
    'Annotation databases (*.sqlite *.db);;All files (*)': 'Annotatiedatabases (*.sqlite *.db);;Alle bestanden (*)',
    'Merged {name}: {added} added, {updated} updated, {deleted} deleted, {conflicts} changed on both sides.': '{name} samengevoegd: {added} toegevoegd, {updated} bijgewerkt, {deleted} verwijderd, {conflicts} aan beide kanten gewijzigd.',
    "&Merge a Colleague's Annotations…": 'Annotaties van een collega &samenvoegen…',
    'Import &Highlights Made in Other Readers': '&Markeringen uit andere pdf-lezers importeren',
    '&Carry Over Annotations from an Earlier Version…': 'Annotaties uit een eerdere &versie overnemen…',
    'The database holds no other version of a document.': 'De database bevat geen andere versie van een document.',
    'Carry over annotations': 'Annotaties overnemen',
    'Earlier version:': 'Eerdere versie:',
    'Annotations carried over: {summary}': 'Annotaties overgenomen: {summary}',
    'The annotations could not be carried over: {reason}': 'De annotaties konden niet worden overgenomen: {reason}',
    # Long operations in the background: import, export, carry-over, merge; what went wrong.
    "The password does not open {name}.": "Het wachtwoord opent {name} niet.",
    "{name} is protected with a password; open it with its password first.":
        "{name} is beveiligd met een wachtwoord; open het eerst met dat wachtwoord.",
    "{name} is not a PDF.": "{name} is geen pdf.",
    "{name} is a PDF without any pages.": "{name} is een pdf zonder pagina's.",
    "{name} is a damaged PDF that cannot be read.": "{name} is een beschadigde pdf die niet te lezen is.",
    "The annotation database is in use by another program; try again in a moment.":
        "De annotatiedatabase is in gebruik door een ander programma; probeer het zo opnieuw.",
    "The annotation database cannot be reached right now; try again later.":
        "De annotatiedatabase is nu niet bereikbaar; probeer het later opnieuw.",
    "The annotation database was made by a newer version of annotator; update annotator to use it.":
        "De annotatiedatabase is gemaakt door een nieuwere versie van annotator; werk annotator bij om haar te "
        "gebruiken.",
    "The annotation database is damaged or is no annotation database: {reason}":
        "De annotatiedatabase is beschadigd of is geen annotatiedatabase: {reason}",
    "Something went wrong: {error}. The details are in {path}.": "Er ging iets mis: {error}. De details staan in {path}.",
    "The import of {name} was cancelled; nothing was imported.":
        "Het importeren van {name} is geannuleerd; er is niets geïmporteerd.",
    "Imported {name}: {anchored} placed, {ambiguous} placed with doubt, {orphaned} not found in the document (kept), "
    "{skipped} already in the database.":
        "{name} geïmporteerd: {anchored} geplaatst, {ambiguous} geplaatst met twijfel, {orphaned} niet gevonden in het "
        "document (bewaard), {skipped} stonden al in de database.",
    "New themes: {titles}.": "Nieuwe thema's: {titles}.",
    "{n} were made on another version of the PDF and were placed by their quotes.":
        "{n} zijn gemaakt op een andere versie van de pdf en op hun citaat geplaatst.",
    "Imported the highlights of {name}: {added} added, {skipped} already in the database.":
        "De markeringen van {name} zijn geïmporteerd: {added} toegevoegd, {skipped} stonden al in de database.",
    "Annotations carried over: {exact} with the same words, {fuzzy} with changed words (to check), {ambiguous} "
    "placed with doubt, {orphaned} not found (kept, marked as not found), {skipped} carried over before.":
        "Annotaties overgenomen: {exact} met dezelfde woorden, {fuzzy} met gewijzigde woorden (na te kijken), "
        "{ambiguous} geplaatst met twijfel, {orphaned} niet gevonden (bewaard, gemarkeerd als niet gevonden), "
        "{skipped} eerder overgenomen.",
    "Both versions were aligned word by word.": "Beide versies zijn woord voor woord naast elkaar gelegd.",
    "Each passage was searched for by its words (without the earlier version's PDF).":
        "Elke passage is op haar woorden gezocht (zonder de pdf van de eerdere versie).",
    "{file} is not {name}: its content differs. Nothing was carried over.":
        "{file} is niet {name}: de inhoud verschilt. Er is niets overgenomen.",
    "Where is {name}? With the earlier version's PDF, both versions are aligned word by word, so passages are "
    "placed more surely and fewer need checking. Without it, each passage is searched for by its words.":
        "Waar staat {name}? Met de pdf van de eerdere versie worden beide versies woord voor woord naast elkaar "
        "gelegd, zodat passages zekerder geplaatst worden en er minder na te kijken is. Zonder die pdf wordt elke "
        "passage op haar woorden gezocht.",
    "&Locate {name}…": "{name} &zoeken…",
    "Carry Over &Without It": "Overnemen &zonder pdf",
    "Locate {name}": "{name} zoeken",
    "Carrying over was cancelled; nothing was changed.": "Het overnemen is geannuleerd; er is niets gewijzigd.",
    "Carrying over the annotations to {name}…": "Annotaties overnemen naar {name}…",
    "Exported {count} annotations to {path}": "{count} annotaties geëxporteerd naar {path}",
    "The export was cancelled; no file was written.": "Het exporteren is geannuleerd; er is geen bestand geschreven.",
    "Exporting to {name}…": "Exporteren naar {name}…",
    "Wait until the running import or export has finished.":
        "Wacht tot het lopende importeren of exporteren klaar is.",
    "From {name}: {added} new, {updated} changed and {deleted} deleted annotations come in.":
        "Uit {name} komen {added} nieuwe, {updated} gewijzigde en {deleted} verwijderde annotaties.",
    "Reading {name}…": "{name} lezen…",
    "Merging {name}…": "{name} samenvoegen…",
    "Nothing was merged.": "Er is niets samengevoegd.",
    "{name} was not merged: {reason}": "{name} is niet samengevoegd: {reason}",
    # The keyboard: panels, menus and the keys help.
    "Ne&xt Panel": "Volgend &paneel",
    "Pre&vious Panel": "Vorig pan&eel",
    "Move the keyboard focus between the pages, the annotation, the list, the letter and the sidebar (Tab moves "
    "between the fields of one)": "De toetsenbordfocus verplaatsen tussen de pagina's, de annotatie, de lijst, de "
                                  "brief en de zijbalk (Tab gaat naar het volgende veld binnen een paneel)",
    "Filter &Annotations": "&Annotaties filteren",
    "&Letter": "B&rief",
    "Letter &Settings…": "Brief&instellingen…",
    "&Export Letter…": "Brief &exporteren…",
    "Annotation &Editor": "&Annotatie",
    "Annotation &List": "Annotatie&lijst",
    "Le&tter": "B&rief",
    "In the pages": "In de pagina's",
    "Alt+drag": "Alt+slepen",
    "Draw an area highlight": "Een gebied markeren",
    "In the annotation list": "In de annotatielijst",
    "Go to an annotation: it opens in the editor and its highlight comes into view":
        "Naar een annotatie gaan: die opent in het annotatievenster en de markering komt in beeld",
    "Enter": "Enter",
    "Show the highlight of the current annotation again": "De markering van de huidige annotatie opnieuw tonen",
    "Set the judgment of the selected annotations": "Het oordeel van de geselecteerde annotaties instellen",
    "Delete the selected annotations": "De geselecteerde annotaties verwijderen",
    "Everywhere": "Overal",
    "Next / previous field": "Volgend / vorig veld",
    "Alt+underlined letter": "Alt+onderstreepte letter",
    "Open a menu, choose in it": "Een menu openen en daarin kiezen",
    "Enter / Shift+Enter": "Enter / Shift+Enter",
    "In the find bar: next / previous hit; Esc closes it": "In de zoekbalk: volgende / vorige treffer; Esc sluit hem",
    # Two reviewers changing one annotation at once
    'A colleague': 'Een collega',
    'Changed by Both of You': 'Door u allebei gewijzigd',
    "Keep {name}'s Version": 'Versie van {name} houden',
    'Save This': 'Dit opslaan',
    'Use mine': 'De mijne gebruiken',
    "Use {name}'s": 'Die van {name} gebruiken',
    "What it should say (both versions' words are in it; edit freely):":
        'Wat er moet staan (de woorden van beide versies staan erin; pas gerust aan):',
    'Your version': 'Uw versie',
    '{name} changed “{quote}” while you were changing it too. Their version is saved; choose what it should say. '
    'Nothing is changed until you choose.':
        '{name} wijzigde “{quote}” terwijl u het ook wijzigde. Die versie is opgeslagen; kies wat er moet staan. '
        'Er verandert niets tot u kiest.',
    "{name}'s version (saved)": 'Versie van {name} (opgeslagen)',
    'Highlighted text': 'Gemarkeerde tekst',
    'A colleague deleted “{quote}” in the meantime; your change is kept with it. Restore brings it back.':
        'Een collega heeft “{quote}” intussen verwijderd; uw wijziging is erbij bewaard. Herstellen brengt het terug.',
    'A colleague deleted “{quote}”, which you were editing.':
        'Een collega heeft “{quote}” verwijderd, waaraan u werkte.',
    '{name} deleted “{quote}”, which you were editing.': '{name} heeft “{quote}” verwijderd, waaraan u werkte.',
    'Choose between versions': 'Kiezen tussen versies',
    'Redo put back your change to “{quote}” beside what {name} wrote there since.':
        'Opnieuw heeft uw wijziging van “{quote}” teruggezet naast wat {name} er sindsdien schreef.',
    'Restore': 'Herstellen',
    'Restore highlight': 'Markering herstellen',
    'Undo took out your change to “{quote}” and kept what {name} wrote there since.':
        'Ongedaan maken heeft uw wijziging van “{quote}” teruggedraaid en bewaard wat {name} er sindsdien schreef.',
    'in the letter': 'in de brief',
    'left out of the letter': 'buiten de brief gelaten',
    '{name} changed the same text of “{quote}” a moment ago, in another place: both changes are kept.':
        '{name} wijzigde zojuist dezelfde tekst van “{quote}”, op een andere plek: beide wijzigingen zijn bewaard.',
    '“{quote}” is back.': '“{quote}” is terug.',
    "“{quote}” keeps {name}'s version.": '“{quote}” houdt de versie van {name}.',
    # Changes that wait for the database
    "There is no system keyring here to keep the server's password: it is kept while annotator runs, and asked "
    "again at the next start (or put it in ~/.pgpass).":
        'Er is hier geen sleutelhanger van het systeem om het wachtwoord van de server te bewaren: het blijft bewaard '
        'zolang annotator draait en wordt bij de volgende start opnieuw gevraagd (of zet het in ~/.pgpass).',
    '{name} restored “{quote}”, which you had deleted.': '{name} heeft “{quote}” hersteld, dat u had verwijderd.',
    '{name} changed “{quote}” a moment ago, in other fields than you; both changes are kept (Ctrl+Z takes out only '
    'yours).':
        '{name} wijzigde “{quote}” zojuist, in andere velden dan u; beide wijzigingen zijn bewaard (Ctrl+Z haalt '
        'alleen de uwe weg).',
    'The annotations cannot be opened yet: {error} Trying again every few seconds.':
        'De annotaties kunnen nog niet worden geopend: {error} Elke paar seconden wordt het opnieuw geprobeerd.',
    '{name} changed “{quote}” after you: {fields}.': '{name} wijzigde “{quote}” na u: {fields}.',
    'Changed {modified} by {name}': 'Gewijzigd {modified} door {name}',
    'By {author}; created {created}': 'Door {author}; gemaakt {created}',
    'Not saved yet: kept on this computer until the annotation database can be reached.':
        'Nog niet opgeslagen: bewaard op deze computer tot de annotatiedatabase bereikbaar is.',
    'not saved yet': 'nog niet opgeslagen',
    'Changes Not Saved Yet': 'Wijzigingen nog niet opgeslagen',
    'Close Anyway': 'Toch sluiten',
    'Keep the Window Open': 'Venster open houden',
    'They are kept on this computer, in {path}, and saved the next time you open this document with this database.':
        'Ze worden bewaard op deze computer, in {path}, en opgeslagen zodra u dit document weer met deze database '
        'opent.',
    "They could not be written to this computer's disk either: if you close the window now, they are lost.":
        'Ze konden ook niet op de schijf van deze computer worden geschreven: als u het venster nu sluit, gaan ze '
        'verloren.',
    '{n} change(s) could not be saved yet: the annotation database cannot be reached.':
        '{n} wijziging(en) konden nog niet worden opgeslagen: de annotatiedatabase is niet bereikbaar.',
    '{n} change(s) made while the annotation database could not be reached are saved now.':
        '{n} wijziging(en) die u maakte toen de annotatiedatabase niet bereikbaar was, zijn nu opgeslagen.',
    "{n} change(s) not saved yet: the annotation database cannot be reached, and they could not be written to this "
    "computer's disk either ({reason}). Keep this window open; they are saved as soon as the database can be "
    "reached.":
        '{n} wijziging(en) nog niet opgeslagen: de annotatiedatabase is niet bereikbaar en ze konden ook niet op de '
        'schijf van deze computer worden geschreven ({reason}). Houd dit venster open; ze worden opgeslagen zodra de '
        'database bereikbaar is.',
    '{n} change(s) not saved yet: the annotation database cannot be reached. They are kept on this computer and '
    'saved as soon as it can be, also if you close the window.':
        '{n} wijziging(en) nog niet opgeslagen: de annotatiedatabase is niet bereikbaar. Ze worden bewaard op deze '
        'computer en opgeslagen zodra dat kan, ook als u het venster sluit.',
    # Carried-over annotations: their status in the list, the review queue, the letter's checks.
    'Status': 'Status',
    'Wording changed': 'Tekst gewijzigd',
    'Several places': 'Meerdere plekken',
    'Not found': 'Niet gevonden',
    'Carried over onto a passage whose words changed in this version: it stays out of the letter until you accept '
    'it (Annotate › Review Carried-Over Annotations)':
        'Overgenomen op een passage waarvan de woorden in deze versie zijn gewijzigd: blijft buiten de brief tot u '
        'die accepteert (Markeren › Overgenomen annotaties nakijken)',
    'More than one place in this version fits: it stays out of the letter until you pick one (Annotate › Review '
    'Carried-Over Annotations)':
        'Er past meer dan één plek in deze versie: blijft buiten de brief tot u er een kiest (Markeren › '
        'Overgenomen annotaties nakijken)',
    'All statuses': 'Alle statussen',
    'To review (not exact)': 'Na te kijken (niet exact)',
    'In place (exact)': 'Op hun plek (exact)',
    'Show the annotations whose passage is in place, changed, in several places or not found in this version':
        'Toon de annotaties waarvan de passage op zijn plek staat, gewijzigd is, op meerdere plekken staat of niet '
        'gevonden is in deze versie',
    # The review queue of a carried-over review.
    'Carried Over': 'Overgenomen',
    'Re&view Carried-Over Annotations…': 'Overgenomen annotaties na&kijken…',
    '&Carried-Over Annotations': '&Overgenomen annotaties',
    'Annotations to review': 'Na te kijken annotaties',
    'Places that fit': 'Plekken die passen',
    'The old wording': 'De oude tekst',
    'The wording now': 'De tekst nu',
    '{n} to review: {fuzzy} with changed wording, {ambiguous} in several places, {orphaned} not found.':
        '{n} na te kijken: {fuzzy} met gewijzigde tekst, {ambiguous} op meerdere plekken, {orphaned} niet gevonden.',
    'Carried over from {name}.': 'Overgenomen uit {name}.',
    '{n} kept as not found.': '{n} bewaard als niet gevonden.',
    'Nothing waits for review: every carried-over annotation is in place.':
        'Er is niets meer na te kijken: elke overgenomen annotatie staat op haar plek.',
    'Choose File › Carry Over Annotations from an Earlier Version… to bring a review to this version.':
        'Kies Bestand › Annotaties uit een eerdere versie overnemen… om een beoordeling naar deze versie te brengen.',
    'Kept as not found': 'Bewaard als niet gevonden',
    'p. {page}': 'p. {page}',
    'PDF page {n}': 'pdf-pagina {n}',
    'Before ({where})': 'Eerst ({where})',
    'Before': 'Eerst',
    'Now (p. {page})': 'Nu (p. {page})',
    'Now': 'Nu',
    'Not in this version': 'Niet in deze versie',
    'The passage is in this version with other words ({score} alike). Accept the new wording, place the '
    'annotation at other text, or drop it.':
        'De passage staat in deze versie met andere woorden ({score} gelijk). Accepteer de nieuwe tekst, plaats de '
        'annotatie bij andere tekst, of laat haar vallen.',
    'More than one place fits equally well: pick the one it belongs to.':
        'Meer dan één plek past even goed: kies de plek waar zij hoort.',
    'Placed with doubt when it was imported. Accept this place, place it at other text, or drop it.':
        'Bij het importeren met twijfel geplaatst. Accepteer deze plek, plaats haar bij andere tekst, of laat haar '
        'vallen.',
    'Not found in this version. Place it at text you select, or keep it as not found (it stays out of the letter).':
        'Niet gevonden in deze versie. Plaats haar bij tekst die u selecteert, of bewaar haar als niet gevonden '
        '(zij blijft buiten de brief).',
    'Places that fit (1–9 takes one):': 'Plekken die passen (1–9 kiest er een):',
    'Look-alike passages, not taken (1–9 takes one):': 'Gelijkende passages, niet genomen (1–9 kiest er een):',
    '{n}. {where}, {score} alike: {context}': '{n}. {where}, {score} gelijk: {context}',
    'line {n}': 'regel {n}',
    '(placed here now)': '(staat hier nu)',
    'Accept the New Wording (A)': 'Nieuwe tekst accepteren (A)',
    'The annotation keeps the new wording at its place and goes into the letter':
        'De annotatie houdt de nieuwe tekst op haar plek en gaat in de brief',
    'Accept This Place (A)': 'Deze plek accepteren (A)',
    'Take This Place (A)': 'Deze plek nemen (A)',
    'The annotation goes to the place chosen in the list': 'De annotatie gaat naar de plek die in de lijst gekozen is',
    'Place at the Selected Text (U)': 'Bij de geselecteerde tekst plaatsen (U)',
    "Select the passage in the pages with the mouse, then press U here: the selection becomes the annotation's "
    "place":
        'Selecteer de passage met de muis in de pagina\'s en druk hier op U: de selectie wordt de plek van de '
        'annotatie',
    'First select the passage in the pages with the mouse, then press U.':
        'Selecteer eerst de passage met de muis in de pagina\'s en druk dan op U.',
    'Keep as Not Found (K)': 'Bewaren als niet gevonden (K)',
    'The annotation stays, with its old quote, out of the letter':
        'De annotatie blijft bewaard, met haar oude citaat, buiten de brief',
    'Drop (Del)': 'Laten vallen (Del)',
    'Delete the annotation from this version (Ctrl+Z brings it back)':
        'Verwijder de annotatie uit deze versie (Ctrl+Z haalt haar terug)',
    'Accept changed wording': 'Gewijzigde tekst accepteren',
    'Accept the place': 'Plek accepteren',
    "Choose the annotation's place": 'Plek van de annotatie kiezen',
    'Place the annotation at the selected text': 'Annotatie bij de geselecteerde tekst plaatsen',
    # The letter's checks of carried-over annotations.
    'Carried over onto changed words, so left out of the letter until you accept it (Annotate › Review Carried-Over '
    'Annotations): {where}':
        'Overgenomen op gewijzigde tekst, dus niet in de brief tot u die accepteert (Markeren › Overgenomen '
        'annotaties nakijken): {where}',
    'Fits several places in this version, so left out of the letter until you pick one (Annotate › Review '
    'Carried-Over Annotations): {where}':
        'Past op meerdere plekken in deze versie, dus niet in de brief tot u er een kiest (Markeren › Overgenomen '
        'annotaties nakijken): {where}',
    'This looks like a new version of {name}, which has {n} annotation(s). Carry them over to this version?':
        'Dit lijkt een nieuwe versie van {name}, met {n} annotatie(s). Wilt u ze naar deze versie overnemen?',
    'Carry Over': 'Overnemen',
    # Preferences, the welcome of the first start, and About.
    '&Preferences…': '&Voorkeuren…',
    'Preferences': 'Voorkeuren',
    'Your name': 'Uw naam',
    'The name colleagues see with your annotations and changes':
        'De naam die collega’s bij uw annotaties en wijzigingen zien',
    'You': 'U',
    '&Your name': '&Uw naam',
    'Defaults for new letters': 'Standaarden voor nieuwe brieven',
    '&Organisation': 'Or&ganisatie',
    '&Signatory': 'O&ndertekenaar',
    "Signatory's &function": '&Functie van de ondertekenaar',
    'A database without letter settings takes these; Letter › Letter Settings… changes them for one database.':
        'Een database zonder briefinstellingen neemt deze over; Brief › Briefinstellingen… wijzigt ze voor één '
        'database.',
    'Program': 'Programma',
    'System': 'Systeem',
    'Light': 'Licht',
    'Dark': 'Donker',
    'OK': 'OK',
    'Database at start': 'Database bij het starten',
    "A database file's path or the team server's URL": 'Het pad van een databasebestand of de URL van de teamserver',
    'the file in your data folder': 'het bestand in uw gegevensmap',
    'A file (…/annotations.sqlite) or a server URL (postgresql+psycopg://user@host:5432/annotator)':
        'Een bestand (…/annotations.sqlite) of een server-URL (postgresql+psycopg://gebruiker@host:5432/annotator)',
    '&Browse…': '&Bladeren…',
    'Choose the database file': 'Het databasebestand kiezen',
    'Opened at the next start; File › Annotation Database… switches now.':
        'Geopend bij de volgende start; Bestand › Annotatiedatabase… wisselt meteen.',
    'Appearance': 'Weergave',
    '&Appearance': '&Weergave',
    'Annotation databases (*.sqlite *.db);;All files (*)': 'Annotatiedatabases (*.sqlite *.db);;Alle bestanden (*)',
    'Applies at the next start.': 'Geldt vanaf de volgende start.',
    '&Language': '&Taal',
    '&Database at start': '&Database bij het starten',
    "The database must be a file's path or a server URL starting with postgresql+psycopg://.":
        'De database moet het pad van een bestand zijn of een server-URL die begint met postgresql+psycopg://.',
    'Welcome to annotator': 'Welkom bij annotator',
    'annotator is where you review a coalition agreement against human rights: highlight passages, judge them '
    'against the treaties, and draft the response letter to parliament.':
        'Met annotator toetst u een coalitieakkoord aan de mensenrechten: markeer passages, beoordeel ze aan de '
        'hand van de verdragen en stel de reactiebrief aan het parlement op.',
    '&Your name, as colleagues see it with your annotations and changes (Edit › Preferences… changes it later):':
        '&Uw naam, zoals collega’s die bij uw annotaties en wijzigingen zien (later te wijzigen via Bewerken › '
        'Voorkeuren…):',
    'Open the &Sample Agreement': 'Het &voorbeeldakkoord openen',
    'Open the sample agreement': 'Het voorbeeldakkoord openen',
    'S&tart': '&Beginnen',
    'Start': 'Beginnen',
    'Review a coalition agreement against human rights and draft the response letter.':
        'Toets een coalitieakkoord aan de mensenrechten en stel de reactiebrief op.',
    'Your files': 'Uw bestanden',
    'Libraries': 'Bibliotheken',
    'Libraries and their licences': 'Bibliotheken en hun licenties',
    'annotator bundles these libraries under their own licences; the source of each is available from its project.':
        'annotator bevat deze bibliotheken onder hun eigen licenties; de broncode van elk is verkrijgbaar bij het '
        'project.',
    '&Database': '&Database',
    "Open the database's folder": 'De map van de database openen',
    '&Log file': '&Logbestand',
    "Open the log file's folder": 'De map van het logbestand openen',
    '&Settings': '&Instellingen',
    "Open the settings file's folder": 'De map van het instellingenbestand openen',
    'Open Folder': 'Map openen',
    'Library': 'Bibliotheek',
    'Version': 'Versie',
    'Licence': 'Licentie',
    'not installed': 'niet geïnstalleerd',
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
