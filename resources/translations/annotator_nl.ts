<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>About annotator</source>
        <translation>Over annotator</translation>
    </message>
    <message>
        <source>Review a coalition agreement against human rights and draft the response letter.</source>
        <translation>Toets een coalitieakkoord aan de mensenrechten en stel de reactiebrief op.</translation>
    </message>
    <message>
        <source>Your files</source>
        <translation>Uw bestanden</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>&amp;Database</translation>
    </message>
    <message>
        <source>Open the database&apos;s folder</source>
        <translation>De map van de database openen</translation>
    </message>
    <message>
        <source>&amp;Log file</source>
        <translation>&amp;Logbestand</translation>
    </message>
    <message>
        <source>Open the log file&apos;s folder</source>
        <translation>De map van het logbestand openen</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Instellingen</translation>
    </message>
    <message>
        <source>Open the settings file&apos;s folder</source>
        <translation>De map van het instellingenbestand openen</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Map openen</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>Bibliotheken</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>niet geïnstalleerd</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliotheek</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licentie</translation>
    </message>
    <message>
        <source>Libraries and their licences</source>
        <translation>Bibliotheken en hun licenties</translation>
    </message>
    <message>
        <source>annotator bundles these libraries under their own licences; the source of each is available from its project.</source>
        <translation>annotator bevat deze bibliotheken onder hun eigen licenties; de broncode van elk is verkrijgbaar bij het project.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle statussen</translation>
    </message>
    <message>
        <source>To review (not exact)</source>
        <translation>Na te kijken (niet exact)</translation>
    </message>
    <message>
        <source>In place (exact)</source>
        <translation>Op hun plek (exact)</translation>
    </message>
    <message>
        <source>Theme Filter</source>
        <translation>Themafilter</translation>
    </message>
    <message>
        <source>Treaty Filter</source>
        <translation>Verdragsfilter</translation>
    </message>
    <message>
        <source>Author Filter</source>
        <translation>Auteursfilter</translation>
    </message>
    <message>
        <source>Status Filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Verwijzingen</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Gewijzigd</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Wording changed</source>
        <translation>Tekst gewijzigd</translation>
    </message>
    <message>
        <source>Several places</source>
        <translation>Meerdere plekken</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Niet gevonden</translation>
    </message>
    <message>
        <source>Carried over onto a passage whose words changed in this version: it stays out of the letter until you accept it (Annotate › Review Carried-Over Annotations)</source>
        <translation>Overgenomen op een passage waarvan de woorden in deze versie zijn gewijzigd: blijft buiten de brief tot u die accepteert (Markeren › Overgenomen annotaties nakijken)</translation>
    </message>
    <message>
        <source>More than one place in this version fits: it stays out of the letter until you pick one (Annotate › Review Carried-Over Annotations)</source>
        <translation>Er past meer dan één plek in deze versie: blijft buiten de brief tot u er een kiest (Markeren › Overgenomen annotaties nakijken)</translation>
    </message>
    <message>
        <source>Not found in this version of the document</source>
        <translation>Niet gevonden in deze versie van het document</translation>
    </message>
    <message>
        <source>The password does not open {name}.</source>
        <translation>Het wachtwoord opent {name} niet.</translation>
    </message>
    <message>
        <source>{name} is protected with a password; open it with its password first.</source>
        <translation>{name} is beveiligd met een wachtwoord; open het eerst met dat wachtwoord.</translation>
    </message>
    <message>
        <source>{name} is not a PDF.</source>
        <translation>{name} is geen pdf.</translation>
    </message>
    <message>
        <source>{name} is a PDF without any pages.</source>
        <translation>{name} is een pdf zonder pagina&apos;s.</translation>
    </message>
    <message>
        <source>{name} is a damaged PDF that cannot be read.</source>
        <translation>{name} is een beschadigde pdf die niet te lezen is.</translation>
    </message>
    <message>
        <source>The annotation database is in use by another program; try again in a moment.</source>
        <translation>De annotatiedatabase is in gebruik door een ander programma; probeer het zo opnieuw.</translation>
    </message>
    <message>
        <source>The annotation database cannot be reached right now; try again later.</source>
        <translation>De annotatiedatabase is nu niet bereikbaar; probeer het later opnieuw.</translation>
    </message>
    <message>
        <source>The annotation database was made by a newer version of annotator; update annotator to use it.</source>
        <translation>De annotatiedatabase is gemaakt door een nieuwere versie van annotator; werk annotator bij om haar te gebruiken.</translation>
    </message>
    <message>
        <source>The annotation database is damaged or is no annotation database: {reason}</source>
        <translation>De annotatiedatabase is beschadigd of is geen annotatiedatabase: {reason}</translation>
    </message>
    <message>
        <source>Annotations to review</source>
        <translation>Na te kijken annotaties</translation>
    </message>
    <message>
        <source>The old wording</source>
        <translation>De oude tekst</translation>
    </message>
    <message>
        <source>The wording now</source>
        <translation>De tekst nu</translation>
    </message>
    <message>
        <source>Places that fit</source>
        <translation>Plekken die passen</translation>
    </message>
    <message>
        <source>Place at the Selected Text (U)</source>
        <translation>Bij de geselecteerde tekst plaatsen (U)</translation>
    </message>
    <message>
        <source>Select the passage in the pages with the mouse, then press U here: the selection becomes the annotation&apos;s place</source>
        <translation>Selecteer de passage met de muis in de pagina&apos;s en druk hier op U: de selectie wordt de plek van de annotatie</translation>
    </message>
    <message>
        <source>Keep as Not Found (K)</source>
        <translation>Bewaren als niet gevonden (K)</translation>
    </message>
    <message>
        <source>The annotation stays, with its old quote, out of the letter</source>
        <translation>De annotatie blijft bewaard, met haar oude citaat, buiten de brief</translation>
    </message>
    <message>
        <source>Drop (Del)</source>
        <translation>Laten vallen (Del)</translation>
    </message>
    <message>
        <source>Delete the annotation from this version (Ctrl+Z brings it back)</source>
        <translation>Verwijder de annotatie uit deze versie (Ctrl+Z haalt haar terug)</translation>
    </message>
    <message>
        <source>Carried Over</source>
        <translation>Overgenomen</translation>
    </message>
    <message>
        <source>Changes Between the Versions</source>
        <translation>Wijzigingen tussen de versies</translation>
    </message>
    <message>
        <source>Reading the changes…</source>
        <translation>Wijzigingen lezen…</translation>
    </message>
    <message>
        <source>Changes between the versions</source>
        <translation>Wijzigingen tussen de versies</translation>
    </message>
    <message>
        <source>Per theme, the judged passages the new version removed, changed or kept</source>
        <translation>Per thema de beoordeelde passages die de nieuwe versie heeft geschrapt, gewijzigd of behouden</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>Op&amp;slaan als…</translation>
    </message>
    <message>
        <source>Annotation Database</source>
        <translation>Annotatiedatabase</translation>
    </message>
    <message>
        <source>On this computer ({path})</source>
        <translation>Op deze computer ({path})</translation>
    </message>
    <message>
        <source>On the team&apos;s PostgreSQL server</source>
        <translation>Op de PostgreSQL-server van het team</translation>
    </message>
    <message>
        <source>empty: use ~/.pgpass</source>
        <translation>leeg: ~/.pgpass gebruiken</translation>
    </message>
    <message>
        <source>When the server offers it</source>
        <translation>Als de server het aanbiedt</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Vereist</translation>
    </message>
    <message>
        <source>Required, with the server&apos;s certificate checked (verify-full)</source>
        <translation>Vereist, met controle van het certificaat van de server (verify-full)</translation>
    </message>
    <message>
        <source>empty: ~/.postgresql/root.crt</source>
        <translation>leeg: ~/.postgresql/root.crt</translation>
    </message>
    <message>
        <source>Test Connection</source>
        <translation>Verbinding testen</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Poort</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Encryption (TLS)</source>
        <translation>Versleuteling (TLS)</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-certificaat</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Bronnen</translation>
    </message>
    <message>
        <source>Judgment</source>
        <translation>Oordeel</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Treaty references</source>
        <translation>Verdragsverwijzingen</translation>
    </message>
    <message>
        <source>Include in the letter</source>
        <translation>Opnemen in de brief</translation>
    </message>
    <message>
        <source>Highlighted text</source>
        <translation>Gemarkeerde tekst</translation>
    </message>
    <message>
        <source>Changed by Both of You</source>
        <translation>Door u allebei gewijzigd</translation>
    </message>
    <message>
        <source>A colleague</source>
        <translation>Een collega</translation>
    </message>
    <message>
        <source>{name} changed “{quote}” while you were changing it too. Their version is saved; choose what it should say. Nothing is changed until you choose.</source>
        <translation>{name} wijzigde “{quote}” terwijl u het ook wijzigde. Die versie is opgeslagen; kies wat er moet staan. Er verandert niets tot u kiest.</translation>
    </message>
    <message>
        <source>{name}&apos;s version (saved)</source>
        <translation>Versie van {name} (opgeslagen)</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>Uw versie</translation>
    </message>
    <message>
        <source>Use {name}&apos;s</source>
        <translation>Die van {name} gebruiken</translation>
    </message>
    <message>
        <source>Use mine</source>
        <translation>De mijne gebruiken</translation>
    </message>
    <message>
        <source>What it should say (both versions&apos; words are in it; edit freely):</source>
        <translation>Wat er moet staan (de woorden van beide versies staan erin; pas gerust aan):</translation>
    </message>
    <message>
        <source>Save This</source>
        <translation>Dit opslaan</translation>
    </message>
    <message>
        <source>Keep {name}&apos;s Version</source>
        <translation>Versie van {name} houden</translation>
    </message>
    <message>
        <source>Del removes the selected reference</source>
        <translation>Del verwijdert de gekozen verwijzing</translation>
    </message>
    <message>
        <source>Treaty References</source>
        <translation>Verdragsverwijzingen</translation>
    </message>
    <message>
        <source>Add a reference: “EVRM 5”, “refoulement”, “art. 33 Vluchtelingenverdrag”…</source>
        <translation>Verwijzing toevoegen: “EVRM 5”, “refoulement”, “art. 33 Vluchtelingenverdrag”…</translation>
    </message>
    <message>
        <source>Add a Treaty Reference</source>
        <translation>Verdragsverwijzing toevoegen</translation>
    </message>
    <message>
        <source>Select text in the agreement and press H to highlight it, or click a highlight to judge it.</source>
        <translation>Selecteer tekst in het akkoord en druk op H om die te markeren, of klik op een markering om haar te beoordelen.</translation>
    </message>
    <message>
        <source>Key {n}</source>
        <translation>Toets {n}</translation>
    </message>
    <message>
        <source>Edit the list of themes</source>
        <translation>De lijst met thema&apos;s bewerken</translation>
    </message>
    <message>
        <source>Edit Themes</source>
        <translation>Thema&apos;s bewerken</translation>
    </message>
    <message>
        <source>Change references</source>
        <translation>Verwijzingen wijzigen</translation>
    </message>
    <message>
        <source>Click a suggestion to accept it</source>
        <translation>Klik op een voorstel om het over te nemen</translation>
    </message>
    <message>
        <source>Your assessment, as it should read in the letter</source>
        <translation>Uw beoordeling, zoals die in de brief moet komen</translation>
    </message>
    <message>
        <source>Sources for the footnote, one per line</source>
        <translation>Bronnen voor de voetnoot, één per regel</translation>
    </message>
    <message>
        <source>Not saved yet: kept on this computer until the annotation database can be reached.</source>
        <translation>Nog niet opgeslagen: bewaard op deze computer tot de annotatiedatabase bereikbaar is.</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Voorstellen</translation>
    </message>
    <message>
        <source>(an area without text)</source>
        <translation>(een gebied zonder tekst)</translation>
    </message>
    <message>
        <source>Page {label}</source>
        <translation>Pagina {label}</translation>
    </message>
    <message>
        <source>Not placed in this document</source>
        <translation>Niet geplaatst in dit document</translation>
    </message>
    <message>
        <source>A serious concern or violation without a treaty reference: {where}</source>
        <translation>Een ernstige zorg of schending zonder verdragsverwijzing: {where}</translation>
    </message>
    <message>
        <source>Without a theme (the letter puts it under “Other points”): {where}</source>
        <translation>Zonder thema (de brief zet het onder “Overige punten”): {where}</translation>
    </message>
    <message>
        <source>Not judged yet: {where}</source>
        <translation>Nog niet beoordeeld: {where}</translation>
    </message>
    <message>
        <source>Not found in this document, so left out of the letter: {where}</source>
        <translation>Niet gevonden in dit document, dus niet in de brief: {where}</translation>
    </message>
    <message>
        <source>Carried over onto changed words, so left out of the letter until you accept it (Annotate › Review Carried-Over Annotations): {where}</source>
        <translation>Overgenomen op gewijzigde tekst, dus niet in de brief tot u die accepteert (Markeren › Overgenomen annotaties nakijken): {where}</translation>
    </message>
    <message>
        <source>Fits several places in this version, so left out of the letter until you pick one (Annotate › Review Carried-Over Annotations): {where}</source>
        <translation>Past op meerdere plekken in deze versie, dus niet in de brief tot u er een kiest (Markeren › Overgenomen annotaties nakijken): {where}</translation>
    </message>
    <message>
        <source>The letter has no annotations yet: include some with a judgment and a theme.</source>
        <translation>De brief heeft nog geen annotaties: neem er enkele op met een oordeel en een thema.</translation>
    </message>
    <message>
        <source>The organisation&apos;s name is not set (Letter Settings).</source>
        <translation>De naam van de organisatie ontbreekt (Briefinstellingen).</translation>
    </message>
    <message>
        <source>A letter setting in the database cannot be used, so the letter takes its default: {where}</source>
        <translation>Een briefinstelling in de database is onbruikbaar; de brief neemt de standaardwaarde: {where}</translation>
    </message>
    <message>
        <source>The letter settings introduce a section that no theme has, so the introduction is left out: {where}</source>
        <translation>De briefinstellingen leiden een sectie in die geen thema heeft, dus die inleiding blijft weg: {where}</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>Short name in the text</source>
        <translation>Korte naam in de tekst</translation>
    </message>
    <message>
        <source>Sender block</source>
        <translation>Afzender</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Date (empty: the day of export)</source>
        <translation>Datum (leeg: de dag van exporteren)</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>The agreement is cited as</source>
        <translation>Het akkoord heet in de brief</translation>
    </message>
    <message>
        <source>Addressee</source>
        <translation>Geadresseerde</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Aanhef</translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation>Inleiding</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>Afsluiting</translation>
    </message>
    <message>
        <source>Signatory</source>
        <translation>Ondertekenaar</translation>
    </message>
    <message>
        <source>Signatory&apos;s function</source>
        <translation>Functie van de ondertekenaar</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Word template</source>
        <translation>Word-sjabloon</translation>
    </message>
    <message>
        <source>Start with a summary of concerns and welcome points</source>
        <translation>Begin met een samenvatting van zorgen en lichtpuntjes</translation>
    </message>
    <message>
        <source>Add an annex table of every annotation</source>
        <translation>Voeg een bijlage toe met een tabel van alle annotaties</translation>
    </message>
    <message>
        <source>Word comments with each paragraph&apos;s author, page and judgment</source>
        <translation>Word-opmerkingen met auteur, pagina en oordeel per alinea</translation>
    </message>
    <message>
        <source>Open the annex with a chart of the judgments per theme</source>
        <translation>De bijlage openen met een grafiek van de oordelen per thema</translation>
    </message>
    <message>
        <source>Treaty citations</source>
        <translation>Verwijzingen naar verdragen</translation>
    </message>
    <message>
        <source>Section introductions</source>
        <translation>Inleidingen van de secties</translation>
    </message>
    <message>
        <source>Letter Settings</source>
        <translation>Briefinstellingen</translation>
    </message>
    <message>
        <source>In full (artikel 3 EVRM, artikel 1 van de Grondwet)</source>
        <translation>Voluit (artikel 3 EVRM, artikel 1 van de Grondwet)</translation>
    </message>
    <message>
        <source>Short (art. 3 EVRM, art. 1 Gw)</source>
        <translation>Kort (art. 3 EVRM, art. 1 Gw)</translation>
    </message>
    <message>
        <source>none: plain Word styles</source>
        <translation>geen: gewone Word-stijlen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <source>Draft Letter</source>
        <translation>Conceptbrief</translation>
    </message>
    <message>
        <source>Checks Before Sending</source>
        <translation>Controles vóór verzending</translation>
    </message>
    <message>
        <source>Letter Settings…</source>
        <translation>Briefinstellingen…</translation>
    </message>
    <message>
        <source>Export Letter…</source>
        <translation>Brief exporteren…</translation>
    </message>
    <message>
        <source>Import Profile…</source>
        <translation>Profiel importeren…</translation>
    </message>
    <message>
        <source>Take the organisation, signatory, wording, citation style and section introductions from a letter profile (.json)</source>
        <translation>De organisatie, ondertekenaar, formuleringen, verwijsstijl en inleidingen van de secties uit een briefprofiel (.json) overnemen</translation>
    </message>
    <message>
        <source>Export Profile…</source>
        <translation>Profiel exporteren…</translation>
    </message>
    <message>
        <source>Save the organisation, signatory, wording, citation style and section introductions as a letter profile (.json)</source>
        <translation>De organisatie, ondertekenaar, formuleringen, verwijsstijl en inleidingen van de secties als briefprofiel (.json) opslaan</translation>
    </message>
    <message>
        <source>Drop a PDF here or choose File › Open</source>
        <translation>Sleep een pdf hierheen of kies Bestand › Openen</translation>
    </message>
    <message>
        <source>Annotation &amp;Editor</source>
        <translation>&amp;Annotatie</translation>
    </message>
    <message>
        <source>Annotation &amp;List</source>
        <translation>Annotatie&amp;lijst</translation>
    </message>
    <message>
        <source>Le&amp;tter</source>
        <translation>B&amp;rief</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Recent geopend</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ga naar</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>&amp;Markeren</translation>
    </message>
    <message>
        <source>&amp;Letter</source>
        <translation>B&amp;rief</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Pagina</translation>
    </message>
    <message>
        <source>Go to page (printed number or index)</source>
        <translation>Ga naar pagina (gedrukt nummer of volgnummer)</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Die van de collega houden</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Mijn versie houden</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Beide houden</translation>
    </message>
    <message>
        <source>Changed on Both Sides</source>
        <translation>Aan beide kanten gewijzigd</translation>
    </message>
    <message>
        <source>From {name}: {added} new, {updated} changed and {deleted} deleted annotations come in.</source>
        <translation>Uit {name} komen {added} nieuwe, {updated} gewijzigde en {deleted} verwijderde annotaties.</translation>
    </message>
    <message>
        <source>You and your colleague both changed these annotations since you last merged. Choose for each which version to keep; “both” keeps yours and adds theirs as a copy.</source>
        <translation>U en uw collega hebben deze annotaties allebei gewijzigd sinds de vorige samenvoeging. Kies per annotatie welke versie blijft; “beide” houdt de uwe en voegt die van de collega toe als kopie.</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Citaat</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mijn versie</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Versie van de collega</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Houden</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Samenvoegen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Openen</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Voorkeuren</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Uw naam</translation>
    </message>
    <message>
        <source>The name colleagues see with your annotations and changes</source>
        <translation>De naam die collega’s bij uw annotaties en wijzigingen zien</translation>
    </message>
    <message>
        <source>You</source>
        <translation>U</translation>
    </message>
    <message>
        <source>&amp;Your name</source>
        <translation>&amp;Uw naam</translation>
    </message>
    <message>
        <source>Defaults for new letters</source>
        <translation>Standaarden voor nieuwe brieven</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>Or&amp;ganisatie</translation>
    </message>
    <message>
        <source>&amp;Signatory</source>
        <translation>O&amp;ndertekenaar</translation>
    </message>
    <message>
        <source>Signatory&apos;s &amp;function</source>
        <translation>&amp;Functie van de ondertekenaar</translation>
    </message>
    <message>
        <source>A database without letter settings takes these; Letter › Letter Settings… changes them for one database.</source>
        <translation>Een database zonder briefinstellingen neemt deze over; Brief › Briefinstellingen… wijzigt ze voor één database.</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programma</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Systeem</translation>
    </message>
    <message>
        <source>Applies now.</source>
        <translation type="vanished">Geldt meteen.</translation>
    </message>
    <message>
        <source>Applies at the next start.</source>
        <translation>Geldt vanaf de volgende start.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>Database at start</source>
        <translation>Database bij het starten</translation>
    </message>
    <message>
        <source>A database file&apos;s path or the team server&apos;s URL</source>
        <translation>Het pad van een databasebestand of de URL van de teamserver</translation>
    </message>
    <message>
        <source>the file in your data folder</source>
        <translation>het bestand in uw gegevensmap</translation>
    </message>
    <message>
        <source>A file (…/annotations.sqlite) or a server URL (postgresql+psycopg://user@host:5432/annotator)</source>
        <translation>Een bestand (…/annotations.sqlite) of een server-URL (postgresql+psycopg://gebruiker@host:5432/annotator)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>Choose the database file</source>
        <translation>Het databasebestand kiezen</translation>
    </message>
    <message>
        <source>&amp;Database at start</source>
        <translation>&amp;Database bij het starten</translation>
    </message>
    <message>
        <source>Opened at the next start; File › Annotation Database… switches now.</source>
        <translation>Geopend bij de volgende start; Bestand › Annotatiedatabase… wisselt meteen.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Weergave</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Licht</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Donker</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Weergave</translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="vanished">OK</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>&amp;Ongedaan maken: {step}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Opnieuw &amp;doen</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>Opnieuw &amp;doen: {step}</translation>
    </message>
    <message>
        <source>Draw a rectangle around a table, figure or scanned passage (or Alt+drag)</source>
        <translation>Trek een rechthoek om een tabel, figuur of gescande passage (of Alt+slepen)</translation>
    </message>
    <message>
        <source>In the panels</source>
        <translation>In de panelen</translation>
    </message>
    <message>
        <source>In the pages</source>
        <translation>In de pagina&apos;s</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Dubbelklikken</translation>
    </message>
    <message>
        <source>Select a word</source>
        <translation>Een woord selecteren</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Shift+klikken</translation>
    </message>
    <message>
        <source>Extend the selection</source>
        <translation>De selectie uitbreiden</translation>
    </message>
    <message>
        <source>Alt+drag</source>
        <translation>Alt+slepen</translation>
    </message>
    <message>
        <source>Draw an area highlight</source>
        <translation>Een gebied markeren</translation>
    </message>
    <message>
        <source>Ctrl+wheel</source>
        <translation>Ctrl+scrollwiel</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoomen</translation>
    </message>
    <message>
        <source>In the annotation list</source>
        <translation>In de annotatielijst</translation>
    </message>
    <message>
        <source>Go to an annotation: it opens in the editor and its highlight comes into view</source>
        <translation>Naar een annotatie gaan: die opent in het annotatievenster en de markering komt in beeld</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Show the highlight of the current annotation again</source>
        <translation>De markering van de huidige annotatie opnieuw tonen</translation>
    </message>
    <message>
        <source>Set the judgment of the selected annotations</source>
        <translation>Het oordeel van de geselecteerde annotaties instellen</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Delete the selected annotations</source>
        <translation>De geselecteerde annotaties verwijderen</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Overal</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>Volgend / vorig veld</translation>
    </message>
    <message>
        <source>Alt+underlined letter</source>
        <translation>Alt+onderstreepte letter</translation>
    </message>
    <message>
        <source>Open a menu, choose in it</source>
        <translation>Een menu openen en daarin kiezen</translation>
    </message>
    <message>
        <source>Enter / Shift+Enter</source>
        <translation>Enter / Shift+Enter</translation>
    </message>
    <message>
        <source>In the find bar: next / previous hit; Esc closes it</source>
        <translation>In de zoekbalk: volgende / vorige treffer; Esc sluit hem</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <source>Search in the document</source>
        <translation>Zoeken in het document</translation>
    </message>
    <message>
        <source>Find in the document</source>
        <translation>Zoeken in het document</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorige</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Volgende</translation>
    </message>
    <message>
        <source>Previous Hit</source>
        <translation>Vorige treffer</translation>
    </message>
    <message>
        <source>Next Hit</source>
        <translation>Volgende treffer</translation>
    </message>
    <message>
        <source>Close the Find Bar</source>
        <translation>Zoekbalk sluiten</translation>
    </message>
    <message numerus="yes">
        <source>Searching… %n hit(s)</source>
        <translation>
            <numerusform>Zoeken… %n treffer</numerusform>
            <numerusform>Zoeken… %n treffers</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Zoeken…</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n treffer</numerusform>
            <numerusform>%n treffers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{i} of %n hit(s)</source>
        <translation>
            <numerusform>{i} van %n treffer</numerusform>
            <numerusform>{i} van %n treffers</numerusform>
        </translation>
    </message>
    <message>
        <source>No hits</source>
        <translation>Geen treffers</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pagina&apos;s</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Inhoud</translation>
    </message>
    <message>
        <source>Page Thumbnails</source>
        <translation>Paginaminiaturen</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Thema&apos;s</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Toevoegen…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Hernoemen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <source>The themes become the sections of the letter, in this order. Removing a theme keeps its annotations; they are then without a theme.</source>
        <translation>De thema&apos;s worden de paragrafen van de brief, in deze volgorde. Een verwijderd thema houdt zijn annotaties; die hebben dan geen thema.</translation>
    </message>
    <message>
        <source>Welcome to annotator</source>
        <translation>Welkom bij annotator</translation>
    </message>
    <message>
        <source>annotator is where you review a coalition agreement against human rights: highlight passages, judge them against the treaties, and draft the response letter to parliament.</source>
        <translation>Met annotator toetst u een coalitieakkoord aan de mensenrechten: markeer passages, beoordeel ze aan de hand van de verdragen en stel de reactiebrief aan het parlement op.</translation>
    </message>
    <message>
        <source>&amp;Your name, as colleagues see it with your annotations and changes (Edit › Preferences… changes it later):</source>
        <translation>&amp;Uw naam, zoals collega’s die bij uw annotaties en wijzigingen zien (later te wijzigen via Bewerken › Voorkeuren…):</translation>
    </message>
    <message>
        <source>Open the &amp;Sample Agreement</source>
        <translation>Het &amp;voorbeeldakkoord openen</translation>
    </message>
    <message>
        <source>Open the sample agreement</source>
        <translation>Het voorbeeldakkoord openen</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>&amp;Beginnen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginnen</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>Annotatie</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotaties</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Move a passage in the letter</source>
        <translation>Een passage in de brief verplaatsen</translation>
    </message>
    <message>
        <source>Argue passages together</source>
        <translation>Passages samen bespreken</translation>
    </message>
    <message>
        <source>Argue a passage on its own</source>
        <translation>Een passage apart bespreken</translation>
    </message>
    <message>
        <source>Part of the Letter</source>
        <translation>Deel van de brief</translation>
    </message>
    <message>
        <source>The part of the letter to write: its introduction, a section or its closing</source>
        <translation>Het deel van de brief dat u schrijft: de inleiding, een sectie of het slot</translation>
    </message>
    <message>
        <source>Letter Text</source>
        <translation>Tekst van de brief</translation>
    </message>
    <message>
        <source>What opens this part of the letter, in your own words</source>
        <translation>Waarmee dit deel van de brief opent, in uw eigen woorden</translation>
    </message>
    <message>
        <source>Passages, in the letter&apos;s order: drag one to another place, or onto another to argue them in one paragraph</source>
        <translation>Passages, in de volgorde van de brief: sleep er een naar een andere plek, of op een andere om ze in één alinea te bespreken</translation>
    </message>
    <message>
        <source>&amp;Write</source>
        <translation>&amp;Schrijven</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Welkom</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>Zorg</translation>
    </message>
    <message>
        <source>Serious concern</source>
        <translation>Ernstige zorg</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>Schending</translation>
    </message>
    <message>
        <source>No judgment</source>
        <translation>Geen oordeel</translation>
    </message>
    <message>
        <source>Other points</source>
        <translation>Overige punten</translation>
    </message>
    <message>
        <source>Before the first chapter</source>
        <translation>Vóór het eerste hoofdstuk</translation>
    </message>
    <message>
        <source>Judgments per theme</source>
        <translation>Oordelen per thema</translation>
    </message>
    <message>
        <source>Judgments per chapter</source>
        <translation>Oordelen per hoofdstuk</translation>
    </message>
    <message>
        <source>{chart} — {document}</source>
        <translation>{chart} — {document}</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n annotatie</numerusform>
            <numerusform>%n annotaties</numerusform>
        </translation>
    </message>
    <message>
        <source>This document has no outline (bookmarks): its chapters are not known.</source>
        <translation>Dit document heeft geen inhoudsopgave (bladwijzers): de hoofdstukken zijn niet bekend.</translation>
    </message>
    <message>
        <source>No annotations yet.</source>
        <translation>Nog geen annotaties.</translation>
    </message>
    <message>
        <source>{judgment} ({n})</source>
        <translation>{judgment} ({n})</translation>
    </message>
    <message>
        <source>{group}: {n} × {judgment}</source>
        <translation>{group}: {n} × {judgment}</translation>
    </message>
    <message numerus="yes">
        <source>{group}: %n annotation(s)</source>
        <translation>
            <numerusform>{group}: %n annotatie</numerusform>
            <numerusform>{group}: %n annotaties</numerusform>
        </translation>
    </message>
    <message>
        <source>The list cannot filter on this</source>
        <translation>De lijst kan hier niet op filteren</translation>
    </message>
    <message>
        <source>Click to go to the chapter and show this judgment in the list</source>
        <translation>Klik om naar het hoofdstuk te gaan en in de lijst dit oordeel te tonen</translation>
    </message>
    <message>
        <source>Click to show these annotations in the list</source>
        <translation>Klik om deze annotaties in de lijst te tonen</translation>
    </message>
    <message>
        <source>By &amp;theme</source>
        <translation>Per &amp;thema</translation>
    </message>
    <message>
        <source>By &amp;chapter</source>
        <translation>Per &amp;hoofdstuk</translation>
    </message>
    <message>
        <source>Click a bar to show its annotations in the list, a colour for only that judgment.</source>
        <translation>Klik op een balk om de annotaties ervan in de lijst te tonen, op een kleur voor alleen dat oordeel.</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Ove&amp;rview</source>
        <translation>O&amp;verzicht</translation>
    </message>
</context>
<context>
    <name>AnnotationEditor</name>
    <message>
        <source>(no theme)</source>
        <translation>(geen thema)</translation>
    </message>
    <message>
        <source>By {author}; created {created}, changed {modified}</source>
        <translation>Door {author}; gemaakt {created}, gewijzigd {modified}</translation>
    </message>
    <message>
        <source>By {author}; created {created}</source>
        <translation>Door {author}; gemaakt {created}</translation>
    </message>
    <message>
        <source>Changed {modified} by {name}</source>
        <translation>Gewijzigd {modified} door {name}</translation>
    </message>
    <message>
        <source>Theme: {title}</source>
        <translation>Thema: {title}</translation>
    </message>
    <message>
        <source>because of</source>
        <translation>vanwege</translation>
    </message>
    <message>
        <source>Set judgment</source>
        <translation>Oordeel geven</translation>
    </message>
    <message>
        <source>Set theme</source>
        <translation>Thema kiezen</translation>
    </message>
    <message>
        <source>Include in letter</source>
        <translation>Opnemen in brief</translation>
    </message>
    <message>
        <source>Edit comment</source>
        <translation>Toelichting bewerken</translation>
    </message>
    <message>
        <source>Edit sources</source>
        <translation>Bronnen bewerken</translation>
    </message>
    <message>
        <source>Accept suggested reference</source>
        <translation>Voorgestelde verwijzing overnemen</translation>
    </message>
    <message>
        <source>Accept suggested theme</source>
        <translation>Voorgesteld thema overnemen</translation>
    </message>
</context>
<context>
    <name>AnnotationListPanel</name>
    <message>
        <source>Filter…</source>
        <translation>Filteren…</translation>
    </message>
    <message>
        <source>Filter by words in the quote, comment, references, theme or author</source>
        <translation>Filter op woorden in citaat, commentaar, verwijzingen, thema of auteur</translation>
    </message>
    <message>
        <source>Filter Annotations</source>
        <translation>Annotaties filteren</translation>
    </message>
    <message>
        <source>Show only “{judgment}” (click more to add; none checked shows all)</source>
        <translation>Alleen “{judgment}” tonen (klik meer aan om toe te voegen; niets aangevinkt toont alles)</translation>
    </message>
    <message>
        <source>All themes</source>
        <translation>Alle thema&apos;s</translation>
    </message>
    <message>
        <source>All treaties</source>
        <translation>Alle verdragen</translation>
    </message>
    <message>
        <source>All authors</source>
        <translation>Alle auteurs</translation>
    </message>
    <message>
        <source>Show the annotations whose passage is in place, changed, in several places or not found in this version</source>
        <translation>Toon de annotaties waarvan de passage op zijn plek staat, gewijzigd is, op meerdere plekken staat of niet gevonden is in deze versie</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotaties</translation>
    </message>
    <message>
        <source>Enter or a click opens an annotation; 1 to 5 judge the selected ones, Del deletes them</source>
        <translation>Enter of een klik opent een annotatie; 1 tot 5 beoordelen de geselecteerde, Del verwijdert ze</translation>
    </message>
    <message>
        <source>Set judgment</source>
        <translation>Oordeel geven</translation>
    </message>
    <message>
        <source>Set theme</source>
        <translation>Thema kiezen</translation>
    </message>
    <message>
        <source>No theme</source>
        <translation>Geen thema</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} van {total}</translation>
    </message>
</context>
<context>
    <name>AnnotationTableModel</name>
    <message>
        <source>not saved yet</source>
        <translation>nog niet opgeslagen</translation>
    </message>
    <message>
        <source>Not saved yet: kept on this computer until the annotation database can be reached.</source>
        <translation>Nog niet opgeslagen: bewaard op deze computer tot de annotatiedatabase bereikbaar is.</translation>
    </message>
</context>
<context>
    <name>CarryQueue</name>
    <message>
        <source>Kept as not found</source>
        <translation>Bewaard als niet gevonden</translation>
    </message>
    <message>
        <source>Nothing waits for review: every carried-over annotation is in place.</source>
        <translation>Er is niets meer na te kijken: elke overgenomen annotatie staat op haar plek.</translation>
    </message>
    <message>
        <source>{n} to review: {fuzzy} with changed wording, {ambiguous} in several places, {orphaned} not found.</source>
        <translation>{n} na te kijken: {fuzzy} met gewijzigde tekst, {ambiguous} op meerdere plekken, {orphaned} niet gevonden.</translation>
    </message>
    <message>
        <source>Carried over from {name}.</source>
        <translation>Overgenomen uit {name}.</translation>
    </message>
    <message>
        <source>{n} kept as not found.</source>
        <translation>{n} bewaard als niet gevonden.</translation>
    </message>
    <message>
        <source>Choose File › Carry Over Annotations from an Earlier Version… to bring a review to this version.</source>
        <translation>Kies Bestand › Annotaties uit een eerdere versie overnemen… om een beoordeling naar deze versie te brengen.</translation>
    </message>
    <message>
        <source>PDF page {n}</source>
        <translation>pdf-pagina {n}</translation>
    </message>
    <message>
        <source>Before ({where})</source>
        <translation>Eerst ({where})</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Eerst</translation>
    </message>
    <message>
        <source>Places that fit (1–9 takes one):</source>
        <translation>Plekken die passen (1–9 kiest er een):</translation>
    </message>
    <message>
        <source>Look-alike passages, not taken (1–9 takes one):</source>
        <translation>Gelijkende passages, niet genomen (1–9 kiest er een):</translation>
    </message>
    <message>
        <source>The passage is in this version with other words ({score} alike). Accept the new wording, place the annotation at other text, or drop it.</source>
        <translation>De passage staat in deze versie met andere woorden ({score} gelijk). Accepteer de nieuwe tekst, plaats de annotatie bij andere tekst, of laat haar vallen.</translation>
    </message>
    <message>
        <source>Placed with doubt when it was imported. Accept this place, place it at other text, or drop it.</source>
        <translation>Bij het importeren met twijfel geplaatst. Accepteer deze plek, plaats haar bij andere tekst, of laat haar vallen.</translation>
    </message>
    <message>
        <source>More than one place fits equally well: pick the one it belongs to.</source>
        <translation>Meer dan één plek past even goed: kies de plek waar zij hoort.</translation>
    </message>
    <message>
        <source>Not found in this version. Place it at text you select, or keep it as not found (it stays out of the letter).</source>
        <translation>Niet gevonden in deze versie. Plaats haar bij tekst die u selecteert, of bewaar haar als niet gevonden (zij blijft buiten de brief).</translation>
    </message>
    <message>
        <source>Now (p. {page})</source>
        <translation>Nu (p. {page})</translation>
    </message>
    <message>
        <source>Not in this version</source>
        <translation>Niet in deze versie</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <source>p. {page}</source>
        <translation>p. {page}</translation>
    </message>
    <message>
        <source>line {n}</source>
        <translation>regel {n}</translation>
    </message>
    <message>
        <source>{n}. {where}, {score} alike: {context}</source>
        <translation>{n}. {where}, {score} gelijk: {context}</translation>
    </message>
    <message>
        <source>(placed here now)</source>
        <translation>(staat hier nu)</translation>
    </message>
    <message>
        <source>Accept the New Wording (A)</source>
        <translation>Nieuwe tekst accepteren (A)</translation>
    </message>
    <message>
        <source>The annotation keeps the new wording at its place and goes into the letter</source>
        <translation>De annotatie houdt de nieuwe tekst op haar plek en gaat in de brief</translation>
    </message>
    <message>
        <source>Accept This Place (A)</source>
        <translation>Deze plek accepteren (A)</translation>
    </message>
    <message>
        <source>Take This Place (A)</source>
        <translation>Deze plek nemen (A)</translation>
    </message>
    <message>
        <source>The annotation goes to the place chosen in the list</source>
        <translation>De annotatie gaat naar de plek die in de lijst gekozen is</translation>
    </message>
    <message>
        <source>Accept changed wording</source>
        <translation>Gewijzigde tekst accepteren</translation>
    </message>
    <message>
        <source>Accept the place</source>
        <translation>Plek accepteren</translation>
    </message>
    <message>
        <source>Choose the annotation&apos;s place</source>
        <translation>Plek van de annotatie kiezen</translation>
    </message>
    <message>
        <source>First select the passage in the pages with the mouse, then press U.</source>
        <translation>Selecteer eerst de passage met de muis in de pagina&apos;s en druk dan op U.</translation>
    </message>
    <message>
        <source>Place the annotation at the selected text</source>
        <translation>Annotatie bij de geselecteerde tekst plaatsen</translation>
    </message>
    <message>
        <source>Keep as not found</source>
        <translation>Bewaren als niet gevonden</translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <source>No annotation of this document was carried over from an earlier version.</source>
        <translation>Geen annotatie van dit document is overgenomen uit een eerdere versie.</translation>
    </message>
    <message>
        <source>From {old}: {removed} removed, {changed} changed, {unsure} not placed yet, {kept} kept.</source>
        <translation>Uit {old}: {removed} geschrapt, {changed} gewijzigd, {unsure} nog niet geplaatst, {kept} behouden.</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webpagina (*.html)</translation>
    </message>
    <message>
        <source>Save the changes report</source>
        <translation>Het wijzigingsrapport opslaan</translation>
    </message>
    <message>
        <source>changes.md</source>
        <translation>wijzigingen.md</translation>
    </message>
    <message>
        <source>The report could not be saved: {reason}</source>
        <translation>Het rapport kon niet worden opgeslagen: {reason}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Opgeslagen in {path}</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <source>Connecting…</source>
        <translation>Verbinden…</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Verbonden.</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <source>Something went wrong: {error}. The details are in {path}.</source>
        <translation>Er ging iets mis: {error}. De details staan in {path}.</translation>
    </message>
</context>
<context>
    <name>InterchangeActions</name>
    <message>
        <source>Import annotations</source>
        <translation>Annotaties importeren</translation>
    </message>
    <message>
        <source>Web annotations (*.jsonld *.json);;All files (*)</source>
        <translation>Webannotaties (*.jsonld *.json);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>{name} was not imported: {reason}</source>
        <translation>{name} is niet geïmporteerd: {reason}</translation>
    </message>
    <message>
        <source>The import of {name} was cancelled; nothing was imported.</source>
        <translation>Het importeren van {name} is geannuleerd; er is niets geïmporteerd.</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>{name} importeren…</translation>
    </message>
    <message>
        <source>Imported the highlights of {name}: {added} added, {skipped} already in the database.</source>
        <translation>De markeringen van {name} zijn geïmporteerd: {added} toegevoegd, {skipped} stonden al in de database.</translation>
    </message>
    <message>
        <source>Import highlights</source>
        <translation>Markeringen importeren</translation>
    </message>
    <message>
        <source>{file} is not {name}: its content differs. Nothing was carried over.</source>
        <translation>{file} is niet {name}: de inhoud verschilt. Er is niets overgenomen.</translation>
    </message>
    <message>
        <source>Both versions were aligned word by word.</source>
        <translation>Beide versies zijn woord voor woord naast elkaar gelegd.</translation>
    </message>
    <message>
        <source>Each passage was searched for by its words (without the earlier version&apos;s PDF).</source>
        <translation>Elke passage is op haar woorden gezocht (zonder de pdf van de eerdere versie).</translation>
    </message>
    <message>
        <source>Annotations carried over: {exact} with the same words, {fuzzy} with changed words (to check), {ambiguous} placed with doubt, {orphaned} not found (kept, marked as not found), {skipped} carried over before.</source>
        <translation>Annotaties overgenomen: {exact} met dezelfde woorden, {fuzzy} met gewijzigde woorden (na te kijken), {ambiguous} geplaatst met twijfel, {orphaned} niet gevonden (bewaard, gemarkeerd als niet gevonden), {skipped} eerder overgenomen.</translation>
    </message>
    <message>
        <source>Carry over annotations</source>
        <translation>Annotaties overnemen</translation>
    </message>
    <message>
        <source>The annotations could not be carried over: {reason}</source>
        <translation>De annotaties konden niet worden overgenomen: {reason}</translation>
    </message>
    <message>
        <source>Carrying over was cancelled; nothing was changed.</source>
        <translation>Het overnemen is geannuleerd; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Carrying over the annotations to {name}…</source>
        <translation>Annotaties overnemen naar {name}…</translation>
    </message>
    <message>
        <source>Web annotations (*.jsonld)</source>
        <translation>Webannotaties (*.jsonld)</translation>
    </message>
    <message>
        <source>Spreadsheet (*.csv)</source>
        <translation>Spreadsheet (*.csv)</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>Annotaties exporteren</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n annotation(s) to {path}</source>
        <translation>
            <numerusform>%n annotatie geëxporteerd naar {path}</numerusform>
            <numerusform>%n annotaties geëxporteerd naar {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were made on another version of the PDF and were placed by their quotes.</source>
        <translation>
            <numerusform>%n is gemaakt op een andere versie van de pdf en op haar citaat geplaatst.</numerusform>
            <numerusform>%n zijn gemaakt op een andere versie van de pdf en op hun citaat geplaatst.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export failed: {reason}</source>
        <translation>Het exporteren is mislukt: {reason}</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>Het exporteren is geannuleerd; er is geen bestand geschreven.</translation>
    </message>
    <message>
        <source>Exporting to {name}…</source>
        <translation>Exporteren naar {name}…</translation>
    </message>
    <message>
        <source>Imported {name}: {anchored} placed, {ambiguous} placed with doubt, {orphaned} not found in the document (kept), {skipped} already in the database.</source>
        <translation>{name} geïmporteerd: {anchored} geplaatst, {ambiguous} geplaatst met twijfel, {orphaned} niet gevonden in het document (bewaard), {skipped} stonden al in de database.</translation>
    </message>
    <message>
        <source>New themes: {titles}.</source>
        <translation>Nieuwe thema&apos;s: {titles}.</translation>
    </message>
    <message>
        <source>Wait until the running import or export has finished.</source>
        <translation>Wacht tot het lopende importeren of exporteren klaar is.</translation>
    </message>
</context>
<context>
    <name>LetterComposer</name>
    <message>
        <source>Introduction of the letter</source>
        <translation>Inleiding van de brief</translation>
    </message>
    <message>
        <source>Closing of the letter</source>
        <translation>Slot van de brief</translation>
    </message>
    <message>
        <source>No passages in this section yet: include annotations with this theme in the letter.</source>
        <translation>Nog geen passages in deze sectie: neem annotaties met dit thema op in de brief.</translation>
    </message>
    <message>
        <source>Passages, in the letter&apos;s order: drag one to another place, or onto another to argue them in one paragraph</source>
        <translation>Passages, in de volgorde van de brief: sleep er een naar een andere plek, of op een andere om ze in één alinea te bespreken</translation>
    </message>
</context>
<context>
    <name>LetterPanel</name>
    <message>
        <source>Nothing to check: the letter is ready to export.</source>
        <translation>Niets te controleren: de brief kan worden geëxporteerd.</translation>
    </message>
    <message>
        <source>The letter cannot be compiled: {error}</source>
        <translation>De brief kan niet worden samengesteld: {error}</translation>
    </message>
    <message>
        <source>The text is {length} characters long; a part of the letter holds at most {most}, so it is not saved. Shorten it.</source>
        <translation>De tekst is {length} tekens lang; een deel van de brief bevat er hoogstens {most}, dus hij is niet opgeslagen. Kort hem in.</translation>
    </message>
    <message>
        <source>Write the letter&apos;s introduction</source>
        <translation>Inleiding van de brief schrijven</translation>
    </message>
    <message>
        <source>Write the letter&apos;s closing</source>
        <translation>Slot van de brief schrijven</translation>
    </message>
    <message>
        <source>Write a section&apos;s introduction</source>
        <translation>Inleiding van een sectie schrijven</translation>
    </message>
    <message>
        <source>This text cannot be stored with the letter settings (it is too long together with the other section introductions), so it is not saved.</source>
        <translation>Deze tekst kan niet bij de briefinstellingen worden bewaard (hij is samen met de andere inleidingen van de secties te lang), dus hij is niet opgeslagen.</translation>
    </message>
    <message>
        <source>Change letter settings</source>
        <translation>Briefinstellingen wijzigen</translation>
    </message>
    <message>
        <source>Export Profile</source>
        <translation>Profiel exporteren</translation>
    </message>
    <message>
        <source>Import a letter profile</source>
        <translation>Briefprofiel importeren</translation>
    </message>
    <message>
        <source>The letter settings are taken from the profile {name}</source>
        <translation>De briefinstellingen zijn overgenomen uit het profiel {name}</translation>
    </message>
    <message>
        <source>Import Profile</source>
        <translation>Profiel importeren</translation>
    </message>
    <message>
        <source>Letter profiles (*.json)</source>
        <translation>Briefprofielen (*.json)</translation>
    </message>
    <message>
        <source>The letter profile is written to {path}</source>
        <translation>Het briefprofiel is geschreven naar {path}</translation>
    </message>
    <message>
        <source>The letter profile cannot be used: {error}</source>
        <translation>Het briefprofiel kan niet worden gebruikt: {error}</translation>
    </message>
    <message>
        <source>The letter profile could not be written: {error}</source>
        <translation>Het briefprofiel kon niet worden geschreven: {error}</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word-document (*.docx)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webpagina (*.html)</translation>
    </message>
    <message>
        <source>Export Letter</source>
        <translation>Brief exporteren</translation>
    </message>
    <message>
        <source>The letter could not be written: {error}</source>
        <translation>De brief kon niet worden geschreven: {error}</translation>
    </message>
    <message>
        <source>Writing the letter…</source>
        <translation>De brief wordt geschreven…</translation>
    </message>
    <message>
        <source>The letter is written to {path}</source>
        <translation>De brief staat in {path}</translation>
    </message>
</context>
<context>
    <name>LetterSettingsDialog</name>
    <message>
        <source>Word template</source>
        <translation>Word-sjabloon</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word-documenten (*.docx)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Merge</source>
        <translation>Samenvoegen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Openen</translation>
    </message>
    <message>
        <source>&amp;Carried-Over Annotations</source>
        <translation>&amp;Overgenomen annotaties</translation>
    </message>
    <message numerus="yes">
        <source>This looks like a new version of {name}, which has %n annotation(s). Carry them over to this version?</source>
        <translation>
            <numerusform>Dit lijkt een nieuwe versie van {name}, met %n annotatie. Wilt u die naar deze versie overnemen?</numerusform>
            <numerusform>Dit lijkt een nieuwe versie van {name}, met %n annotaties. Wilt u ze naar deze versie overnemen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Carry Over</source>
        <translation>Overnemen</translation>
    </message>
    <message>
        <source>The database holds no other version of a document.</source>
        <translation>De database bevat geen andere versie van een document.</translation>
    </message>
    <message>
        <source>Carry over annotations</source>
        <translation>Annotaties overnemen</translation>
    </message>
    <message>
        <source>Earlier version:</source>
        <translation>Eerdere versie:</translation>
    </message>
    <message>
        <source>Where is {name}? With the earlier version&apos;s PDF, both versions are aligned word by word, so passages are placed more surely and fewer need checking. Without it, each passage is searched for by its words.</source>
        <translation>Waar staat {name}? Met de pdf van de eerdere versie worden beide versies woord voor woord naast elkaar gelegd, zodat passages zekerder geplaatst worden en er minder na te kijken is. Zonder die pdf wordt elke passage op haar woorden gezocht.</translation>
    </message>
    <message>
        <source>&amp;Locate {name}…</source>
        <translation>{name} &amp;zoeken…</translation>
    </message>
    <message>
        <source>Carry Over &amp;Without It</source>
        <translation>Overnemen &amp;zonder pdf</translation>
    </message>
    <message>
        <source>Locate {name}</source>
        <translation>{name} zoeken</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf);;All files (*)</source>
        <translation>PDF-documenten (*.pdf);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>There is no system keyring here to keep the server&apos;s password: it is kept while annotator runs, and asked again at the next start (or put it in ~/.pgpass).</source>
        <translation>Er is hier geen sleutelhanger van het systeem om het wachtwoord van de server te bewaren: het blijft bewaard zolang annotator draait en wordt bij de volgende start opnieuw gevraagd (of zet het in ~/.pgpass).</translation>
    </message>
    <message>
        <source>Annotations are now kept in {where}</source>
        <translation>Annotaties worden nu bewaard in {where}</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Openen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Inzoomen</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Uitzoomen</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>Pagina&amp;breedte</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>&amp;Hele pagina</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Ware grootte</translation>
    </message>
    <message>
        <source>&amp;Sidebar</source>
        <translation>&amp;Zijbalk</translation>
    </message>
    <message>
        <source>&amp;Go to Page…</source>
        <translation>&amp;Ga naar pagina…</translation>
    </message>
    <message>
        <source>&amp;Next Page</source>
        <translation>&amp;Volgende pagina</translation>
    </message>
    <message>
        <source>&amp;Previous Page</source>
        <translation>V&amp;orige pagina</translation>
    </message>
    <message>
        <source>F&amp;irst Page</source>
        <translation>&amp;Eerste pagina</translation>
    </message>
    <message>
        <source>&amp;Last Page</source>
        <translation>&amp;Laatste pagina</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Zoeken…</translation>
    </message>
    <message>
        <source>Find Ne&amp;xt</source>
        <translation>Volge&amp;nde zoeken</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>Vo&amp;rige zoeken</translation>
    </message>
    <message>
        <source>&amp;About annotator</source>
        <translation>&amp;Over annotator</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Voorkeuren…</translation>
    </message>
    <message>
        <source>Annotation &amp;Database…</source>
        <translation>Annotatie&amp;database…</translation>
    </message>
    <message>
        <source>&amp;Merge a Colleague&apos;s Annotations…</source>
        <translation>Annotaties van een collega &amp;samenvoegen…</translation>
    </message>
    <message>
        <source>&amp;Import Annotations…</source>
        <translation>Annotaties &amp;importeren…</translation>
    </message>
    <message>
        <source>&amp;Export Annotations…</source>
        <translation>Annotaties &amp;exporteren…</translation>
    </message>
    <message>
        <source>&amp;Carry Over Annotations from an Earlier Version…</source>
        <translation>Annotaties uit een eerdere &amp;versie overnemen…</translation>
    </message>
    <message>
        <source>Re&amp;view Carried-Over Annotations…</source>
        <translation>Overgenomen annotaties na&amp;kijken…</translation>
    </message>
    <message>
        <source>&amp;Changes Between the Versions…</source>
        <translation>&amp;Wijzigingen tussen de versies…</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) have no text layer (scanned): their text cannot be searched or highlighted.</source>
        <translation>
            <numerusform>%n pagina heeft geen tekstlaag (gescand): de tekst is niet doorzoekbaar of te markeren.</numerusform>
            <numerusform>%n pagina&apos;s hebben geen tekstlaag (gescand): hun tekst is niet doorzoekbaar of te markeren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be saved yet: the annotation database cannot be reached.</source>
        <translation>
            <numerusform>%n wijziging kon nog niet worden opgeslagen: de annotatiedatabase is niet bereikbaar.</numerusform>
            <numerusform>%n wijzigingen konden nog niet worden opgeslagen: de annotatiedatabase is niet bereikbaar.</numerusform>
        </translation>
    </message>
    <message>
        <source>C&amp;hanges Between the Versions…</source>
        <translation type="vanished">Wij&amp;zigingen tussen de versies…</translation>
    </message>
    <message>
        <source>Per theme, the judged passages of the earlier version that this one removed, changed or kept, with the old and the new wording</source>
        <translation>Per thema de beoordeelde passages van de eerdere versie die deze versie heeft geschrapt, gewijzigd of behouden, met de oude en de nieuwe tekst</translation>
    </message>
    <message>
        <source>Import &amp;Highlights Made in Other Readers</source>
        <translation>&amp;Markeringen uit andere pdf-lezers importeren</translation>
    </message>
    <message>
        <source>Ne&amp;xt Panel</source>
        <translation>Volgend &amp;paneel</translation>
    </message>
    <message>
        <source>Pre&amp;vious Panel</source>
        <translation>Vorig pan&amp;eel</translation>
    </message>
    <message>
        <source>Move the keyboard focus between the pages, the annotation, the list, the letter and the sidebar (Tab moves between the fields of one)</source>
        <translation>De toetsenbordfocus verplaatsen tussen de pagina&apos;s, de annotatie, de lijst, de brief en de zijbalk (Tab gaat naar het volgende veld binnen een paneel)</translation>
    </message>
    <message>
        <source>Filter &amp;Annotations</source>
        <translation>&amp;Annotaties filteren</translation>
    </message>
    <message>
        <source>Letter &amp;Settings…</source>
        <translation>Brief&amp;instellingen…</translation>
    </message>
    <message>
        <source>&amp;Export Letter…</source>
        <translation>Brief &amp;exporteren…</translation>
    </message>
    <message>
        <source>Open agreement</source>
        <translation>Akkoord openen</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>{name} openen…</translation>
    </message>
    <message>
        <source>of {n}</source>
        <translation>van {n}</translation>
    </message>
    <message>
        <source>{name} was damaged and has been repaired to open it. Check that no pages are missing.</source>
        <translation>{name} was beschadigd en is hersteld om het te kunnen openen. Controleer of er geen pagina&apos;s ontbreken.</translation>
    </message>
    <message>
        <source>No text layer</source>
        <translation>Geen tekstlaag</translation>
    </message>
    <message>
        <source>Page {label} ({index} of {n})</source>
        <translation>Pagina {label} ({index} van {n})</translation>
    </message>
    <message>
        <source>No page labelled “{q}”.</source>
        <translation>Geen pagina met nummer “{q}”.</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Geen recente bestanden</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Lijst wissen</translation>
    </message>
    <message>
        <source>The file no longer exists: {path}</source>
        <translation>Het bestand bestaat niet meer: {path}</translation>
    </message>
    <message>
        <source>Changes Not Saved Yet</source>
        <translation>Wijzigingen nog niet opgeslagen</translation>
    </message>
    <message>
        <source>They are kept on this computer, in {path}, and saved the next time you open this document with this database.</source>
        <translation>Ze worden bewaard op deze computer, in {path}, en opgeslagen zodra u dit document weer met deze database opent.</translation>
    </message>
    <message>
        <source>They could not be written to this computer&apos;s disk either: if you close the window now, they are lost.</source>
        <translation>Ze konden ook niet op de schijf van deze computer worden geschreven: als u het venster nu sluit, gaan ze verloren.</translation>
    </message>
    <message>
        <source>Close Anyway</source>
        <translation>Toch sluiten</translation>
    </message>
    <message>
        <source>Keep the Window Open</source>
        <translation>Venster open houden</translation>
    </message>
</context>
<context>
    <name>MergeRunner</name>
    <message>
        <source>Merge a colleague&apos;s annotations</source>
        <translation>Annotaties van een collega samenvoegen</translation>
    </message>
    <message>
        <source>Annotation databases (*.sqlite *.db);;All files (*)</source>
        <translation>Annotatiedatabases (*.sqlite *.db);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>{name} lezen…</translation>
    </message>
    <message>
        <source>Nothing was merged.</source>
        <translation>Er is niets samengevoegd.</translation>
    </message>
    <message>
        <source>Merging {name}…</source>
        <translation>{name} samenvoegen…</translation>
    </message>
    <message>
        <source>{name} was not merged: {reason}</source>
        <translation>{name} is niet samengevoegd: {reason}</translation>
    </message>
    <message>
        <source>Merged {name}: {added} added, {updated} updated, {deleted} deleted, {conflicts} changed on both sides.</source>
        <translation>{name} samengevoegd: {added} toegevoegd, {updated} bijgewerkt, {deleted} verwijderd, {conflicts} aan beide kanten gewijzigd.</translation>
    </message>
</context>
<context>
    <name>PassageList</name>
    <message>
        <source>Move Up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <source>Argue Together with the Previous</source>
        <translation>Samen met de vorige bespreken</translation>
    </message>
    <message>
        <source>Argue on Its Own</source>
        <translation>Apart bespreken</translation>
    </message>
    <message>
        <source>not judged</source>
        <translation>niet beoordeeld</translation>
    </message>
    <message>
        <source>Argued in paragraph {number}, together with the passage above</source>
        <translation>Besproken in alinea {number}, samen met de passage erboven</translation>
    </message>
    <message>
        <source>Paragraph {number} of the section</source>
        <translation>Alinea {number} van de sectie</translation>
    </message>
    <message>
        <source>Drag to another place, or onto a passage to argue the two in one paragraph; Alt+Up, Alt+Down, Alt+Right, Alt+Left</source>
        <translation>Sleep naar een andere plek, of op een passage om de twee in één alinea te bespreken; Alt+Up, Alt+Down, Alt+Right, Alt+Left</translation>
    </message>
    <message>
        <source>Argue passages together</source>
        <translation>Passages samen bespreken</translation>
    </message>
    <message>
        <source>Move a passage in the letter</source>
        <translation>Een passage in de brief verplaatsen</translation>
    </message>
</context>
<context>
    <name>PasswordBar</name>
    <message>
        <source>{name} is protected with a password. Enter it to open the document:</source>
        <translation>{name} is beveiligd met een wachtwoord. Voer het in om het document te openen:</translation>
    </message>
    <message>
        <source>The password was wrong. Try again:</source>
        <translation>Het wachtwoord klopt niet. Probeer het opnieuw:</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Database at start</source>
        <translation>Database bij het starten</translation>
    </message>
    <message>
        <source>Annotation databases (*.sqlite *.db);;All files (*)</source>
        <translation>Annotatiedatabases (*.sqlite *.db);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>The database must be a file&apos;s path or a server URL starting with postgresql+psycopg://.</source>
        <translation>De database moet het pad van een bestand zijn of een server-URL die begint met postgresql+psycopg://.</translation>
    </message>
</context>
<context>
    <name>ReferencePicker</name>
    <message>
        <source>Not in the catalogue: kept as written</source>
        <translation>Niet in de catalogus: letterlijk bewaard</translation>
    </message>
    <message>
        <source>Already chosen</source>
        <translation>Al gekozen</translation>
    </message>
    <message>
        <source>Add “{typed}” as written</source>
        <translation>“{typed}” letterlijk toevoegen</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiëren</translation>
    </message>
    <message>
        <source>&amp;Highlight Selection</source>
        <translation>Selectie &amp;markeren</translation>
    </message>
    <message>
        <source>&amp;Area Highlight</source>
        <translation>&amp;Gebied markeren</translation>
    </message>
    <message>
        <source>&amp;Delete Highlight</source>
        <translation>Markering &amp;verwijderen</translation>
    </message>
    <message>
        <source>Reviewer &amp;Name…</source>
        <translation>&amp;Naam van de beoordelaar…</translation>
    </message>
    <message>
        <source>&amp;Themes…</source>
        <translation>&amp;Thema&apos;s…</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <source>Set judgment</source>
        <translation>Oordeel geven</translation>
    </message>
    <message>
        <source>Reviewer name</source>
        <translation>Naam van de beoordelaar</translation>
    </message>
    <message>
        <source>Your name, as it appears with your annotations:</source>
        <translation>Uw naam, zoals die bij uw annotaties staat:</translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <source>The annotation database was made by an earlier version of annotator and has been upgraded. A copy of the old file is kept at {path}.</source>
        <translation>De annotatiedatabase is gemaakt door een eerdere versie van annotator en is bijgewerkt. Een kopie van het oude bestand staat in {path}.</translation>
    </message>
    <message>
        <source>The annotations cannot be opened yet: {error} Trying again every few seconds.</source>
        <translation>De annotaties kunnen nog niet worden geopend: {error} Elke paar seconden wordt het opnieuw geprobeerd.</translation>
    </message>
    <message>
        <source>The annotations cannot be opened: {error}</source>
        <translation>De annotaties kunnen niet worden geopend: {error}</translation>
    </message>
    <message>
        <source>A colleague changed the same annotation at this very moment; nothing was changed. The window now shows their version.</source>
        <translation>Een collega wijzigde dezelfde annotatie op precies dit moment; er is niets gewijzigd. Het venster toont nu hun versie.</translation>
    </message>
    <message>
        <source>The change was not saved: {reason}</source>
        <translation>De wijziging is niet opgeslagen: {reason}</translation>
    </message>
    <message>
        <source>A colleague deleted “{quote}” in the meantime; your change is kept with it. Restore brings it back.</source>
        <translation>Een collega heeft “{quote}” intussen verwijderd; uw wijziging is erbij bewaard. Herstellen brengt het terug.</translation>
    </message>
    <message>
        <source>A colleague changed “{quote}” in the meantime. Redo put back your version; Undo (Ctrl+Z) brings back theirs.</source>
        <translation>Een collega heeft “{quote}” intussen gewijzigd. Opnieuw heeft uw versie teruggezet; Ongedaan maken (Ctrl+Z) brengt die van de collega terug.</translation>
    </message>
    <message>
        <source>A colleague changed “{quote}” in the meantime. Undo put back your earlier version; Redo (Ctrl+Shift+Z) brings back theirs.</source>
        <translation>Een collega heeft “{quote}” intussen gewijzigd. Ongedaan maken heeft uw eerdere versie teruggezet; Opnieuw (Ctrl+Shift+Z) brengt die van de collega terug.</translation>
    </message>
    <message>
        <source>A colleague</source>
        <translation>Een collega</translation>
    </message>
    <message>
        <source>{name} changed the same text of “{quote}” a moment ago, in another place: both changes are kept.</source>
        <translation>{name} wijzigde zojuist dezelfde tekst van “{quote}”, op een andere plek: beide wijzigingen zijn bewaard.</translation>
    </message>
    <message>
        <source>Redo put back your change to “{quote}” beside what {name} wrote there since.</source>
        <translation>Opnieuw heeft uw wijziging van “{quote}” teruggezet naast wat {name} er sindsdien schreef.</translation>
    </message>
    <message>
        <source>Undo took out your change to “{quote}” and kept what {name} wrote there since.</source>
        <translation>Ongedaan maken heeft uw wijziging van “{quote}” teruggedraaid en bewaard wat {name} er sindsdien schreef.</translation>
    </message>
    <message>
        <source>Choose between versions</source>
        <translation>Kiezen tussen versies</translation>
    </message>
    <message>
        <source>“{quote}” keeps {name}&apos;s version.</source>
        <translation>“{quote}” houdt de versie van {name}.</translation>
    </message>
    <message>
        <source>Not judged yet</source>
        <translation>Nog niet beoordeeld</translation>
    </message>
    <message>
        <source>(no theme)</source>
        <translation>(geen thema)</translation>
    </message>
    <message>
        <source>in the letter</source>
        <translation>in de brief</translation>
    </message>
    <message>
        <source>left out of the letter</source>
        <translation>buiten de brief gelaten</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not saved yet: the annotation database cannot be reached, and they could not be written to this computer&apos;s disk either ({reason}). Keep this window open; they are saved as soon as the database can be reached.</source>
        <translation>
            <numerusform>%n wijziging nog niet opgeslagen: de annotatiedatabase is niet bereikbaar en zij kon ook niet op de schijf van deze computer worden geschreven ({reason}). Houd dit venster open; zij wordt opgeslagen zodra de database bereikbaar is.</numerusform>
            <numerusform>%n wijzigingen nog niet opgeslagen: de annotatiedatabase is niet bereikbaar en ze konden ook niet op de schijf van deze computer worden geschreven ({reason}). Houd dit venster open; ze worden opgeslagen zodra de database bereikbaar is.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not saved yet: the annotation database cannot be reached. They are kept on this computer and saved as soon as it can be, also if you close the window.</source>
        <translation>
            <numerusform>%n wijziging nog niet opgeslagen: de annotatiedatabase is niet bereikbaar. Zij wordt bewaard op deze computer en opgeslagen zodra dat kan, ook als u het venster sluit.</numerusform>
            <numerusform>%n wijzigingen nog niet opgeslagen: de annotatiedatabase is niet bereikbaar. Ze worden bewaard op deze computer en opgeslagen zodra dat kan, ook als u het venster sluit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made while the annotation database could not be reached are saved now.</source>
        <translation>
            <numerusform>%n wijziging die u maakte toen de annotatiedatabase niet bereikbaar was, is nu opgeslagen.</numerusform>
            <numerusform>%n wijzigingen die u maakte toen de annotatiedatabase niet bereikbaar was, zijn nu opgeslagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Nu opnieuw proberen</translation>
    </message>
    <message>
        <source>The annotation database can be reached again; every change is saved.</source>
        <translation>De annotatiedatabase is weer bereikbaar; alle wijzigingen zijn opgeslagen.</translation>
    </message>
    <message>
        <source>{name} deleted “{quote}”, which you were editing.</source>
        <translation>{name} heeft “{quote}” verwijderd, waaraan u werkte.</translation>
    </message>
    <message>
        <source>A colleague deleted “{quote}”, which you were editing.</source>
        <translation>Een collega heeft “{quote}” verwijderd, waaraan u werkte.</translation>
    </message>
    <message>
        <source>{name} restored “{quote}”, which you had deleted.</source>
        <translation>{name} heeft “{quote}” hersteld, dat u had verwijderd.</translation>
    </message>
    <message>
        <source>{name} changed “{quote}” after you: {fields}.</source>
        <translation>{name} wijzigde “{quote}” na u: {fields}.</translation>
    </message>
    <message>
        <source>Restore highlight</source>
        <translation>Markering herstellen</translation>
    </message>
    <message>
        <source>“{quote}” is back.</source>
        <translation>“{quote}” is terug.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Herstellen</translation>
    </message>
    <message>
        <source>{name} changed “{quote}” a moment ago, in other fields than you; both changes are kept (Ctrl+Z takes out only yours).</source>
        <translation>{name} wijzigde “{quote}” zojuist, in andere velden dan u; beide wijzigingen zijn bewaard (Ctrl+Z haalt alleen de uwe weg).</translation>
    </message>
    <message>
        <source>Add highlight</source>
        <translation>Markering toevoegen</translation>
    </message>
    <message>
        <source>Add area highlight</source>
        <translation>Gebied markeren</translation>
    </message>
    <message>
        <source>Adjust highlight</source>
        <translation>Markering aanpassen</translation>
    </message>
    <message>
        <source>Delete highlight</source>
        <translation>Markering verwijderen</translation>
    </message>
    <message>
        <source>Delete highlights</source>
        <translation>Markeringen verwijderen</translation>
    </message>
    <message>
        <source>Set judgment</source>
        <translation>Oordeel geven</translation>
    </message>
    <message>
        <source>Set theme</source>
        <translation>Thema kiezen</translation>
    </message>
    <message>
        <source>Edit themes</source>
        <translation>Thema&apos;s bewerken</translation>
    </message>
    <message>
        <source>Change letter settings</source>
        <translation>Briefinstellingen wijzigen</translation>
    </message>
</context>
<context>
    <name>RichTextField</name>
    <message>
        <source>Bold</source>
        <translation>Vet</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Cursief</translation>
    </message>
    <message>
        <source>Bulleted List</source>
        <translation>Lijst met opsommingstekens</translation>
    </message>
</context>
<context>
    <name>ThemeDialog</name>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Title of the theme:</source>
        <translation>Titel van het thema:</translation>
    </message>
</context>
<context>
    <name>failures</name>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
</TS>
