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
</context>
</TS>
