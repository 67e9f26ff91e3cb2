<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!--
  Dutch for Qt's own texts that the Dutch translation shipped with Qt (qtbase_nl.qm) lacks or words differently
  than annotator's interface. Kept by hand (scripts/update-translations.sh does not collect into it), under Qt's own
  contexts; annotator.ui.i18n installs it after qtbase_nl.qm, so it is asked first and fills the gaps. To find a gap:
  a text that stays English in the Dutch interface, its context and source as Qt asks for them (tests/ui/
  test_qt_dialogs_dutch.py walks the file dialog and the context menus).
-->
<TS version="2.1" language="nl_NL" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Zoeken in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Bestands&amp;type:</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Map</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Onbekend</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Type</source>
        <comment>All other platforms</comment>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Reset</source>
        <translation>Opnieuw instellen</translation>
    </message>
</context>
</TS>
