<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>Searching… %n hit(s)</source>
        <translation>
            <numerusform>Searching… %n hit</numerusform>
            <numerusform>Searching… %n hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{i} of %n hit(s)</source>
        <translation>
            <numerusform>{i} of %n hit</numerusform>
            <numerusform>{i} of %n hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n annotation</numerusform>
            <numerusform>%n annotations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{group}: %n annotation(s)</source>
        <translation>
            <numerusform>{group}: %n annotation</numerusform>
            <numerusform>{group}: %n annotations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InterchangeActions</name>
    <message numerus="yes">
        <source>Exported %n annotation(s) to {path}</source>
        <translation>
            <numerusform>Exported %n annotation to {path}</numerusform>
            <numerusform>Exported %n annotations to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were made on another version of the PDF and were placed by their quotes.</source>
        <translation>
            <numerusform>%n was made on another version of the PDF and was placed by its quote.</numerusform>
            <numerusform>%n were made on another version of the PDF and were placed by their quotes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>This looks like a new version of {name}, which has %n annotation(s). Carry them over to this version?</source>
        <translation>
            <numerusform>This looks like a new version of {name}, which has %n annotation. Carry it over to this version?</numerusform>
            <numerusform>This looks like a new version of {name}, which has %n annotations. Carry them over to this version?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) have no text layer (scanned): their text cannot be searched or highlighted.</source>
        <translation>
            <numerusform>%n page has no text layer (scanned): its text cannot be searched or highlighted.</numerusform>
            <numerusform>%n pages have no text layer (scanned): their text cannot be searched or highlighted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be saved yet: the annotation database cannot be reached.</source>
        <translation>
            <numerusform>%n change could not be saved yet: the annotation database cannot be reached.</numerusform>
            <numerusform>%n changes could not be saved yet: the annotation database cannot be reached.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message numerus="yes">
        <source>%n change(s) not saved yet: the annotation database cannot be reached, and they could not be written to this computer&apos;s disk either ({reason}). Keep this window open; they are saved as soon as the database can be reached.</source>
        <translation>
            <numerusform>%n change not saved yet: the annotation database cannot be reached, and it could not be written to this computer&apos;s disk either ({reason}). Keep this window open; it is saved as soon as the database can be reached.</numerusform>
            <numerusform>%n changes not saved yet: the annotation database cannot be reached, and they could not be written to this computer&apos;s disk either ({reason}). Keep this window open; they are saved as soon as the database can be reached.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not saved yet: the annotation database cannot be reached. They are kept on this computer and saved as soon as it can be, also if you close the window.</source>
        <translation>
            <numerusform>%n change not saved yet: the annotation database cannot be reached. It is kept on this computer and saved as soon as the database can be reached, also if you close the window.</numerusform>
            <numerusform>%n changes not saved yet: the annotation database cannot be reached. They are kept on this computer and saved as soon as it can be, also if you close the window.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made while the annotation database could not be reached are saved now.</source>
        <translation>
            <numerusform>%n change made while the annotation database could not be reached is saved now.</numerusform>
            <numerusform>%n changes made while the annotation database could not be reached are saved now.</numerusform>
        </translation>
    </message>
</context>
</TS>
