"""Compile translation sources (.ts) into the .qm files annotator loads, each beside its .ts.

lupdate files every text under the class it appears in; annotator looks all texts up under one context,
"annotator" (annotator.ui.i18n.CONTEXT), so that a text reads the same wherever the interface shows it. This puts
every message of a .ts under that context and runs pyside6-lrelease on the result. Two different finished
translations of one text (in different classes) are an error: make them the same in Qt Linguist.

A file of Qt's own texts (qt_extra_nl.ts: Dutch that Qt's qtbase_nl.qm lacks, kept by hand) keeps its contexts,
Qt's class names, which Qt looks its texts up under.

With --fill it first gives a text that lupdate found in a new place (marked unfinished) the translation it has
elsewhere in the file, also one that vanished from the code, so that only new texts wait for a translator.

    python scripts/release_translations.py resources/translations/annotator_*.ts resources/translations/qt_extra_*.ts
    python scripts/release_translations.py --fill resources/translations/annotator_*.ts
    python scripts/release_translations.py --check resources/translations/annotator_*.ts   (the .qm files are current)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

CONTEXT = "annotator"


def _lrelease() -> str:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: install PySide6 (it comes with annotator's dependencies)")
    return found


def _finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete")


def _key(message: ET.Element) -> tuple[str, str, bool]:
    return message.findtext("source") or "", message.findtext("comment") or "", message.get("numerus") == "yes"


def _translated(translation: ET.Element) -> bool:
    forms = list(translation.iter("numerusform"))
    return all(form.text for form in forms) if forms else bool(translation.text)


def fill(ts: Path) -> int:
    """Give unfinished texts of ``ts`` the translation the same text has elsewhere in it; how many were given one."""
    tree = ET.parse(ts)
    known: dict[tuple[str, str, bool], ET.Element] = {}
    for kinds in ((None,), ("vanished", "obsolete")):  # a translation in use before one that vanished
        for message in tree.getroot().iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in kinds and _translated(translation):
                known.setdefault(_key(message), translation)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished" or _key(message) not in known:
            continue
        given = known[_key(message)]
        translation.text = given.text
        for form in list(translation):
            translation.remove(form)
        for form in given.iter("numerusform"):
            ET.SubElement(translation, "numerusform").text = form.text
        del translation.attrib["type"]
        filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def one_context(ts: Path) -> ET.ElementTree:
    """The messages of ``ts`` under the single context annotator looks them up in."""
    root = ET.parse(ts).getroot()
    chosen: dict[tuple[str, str], ET.Element] = {}
    conflicts = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("vanished", "obsolete"):
            continue
        key = (message.findtext("source") or "", message.findtext("comment") or "")
        earlier = chosen.get(key)
        if earlier is None or (_finished(message) and not _finished(earlier)):
            chosen[key] = message
        elif _finished(message) and ET.tostring(earlier.find("translation")) != ET.tostring(translation):
            conflicts.append(key[0])
    if conflicts:
        raise SystemExit(f"{ts}: texts translated differently in different places: {sorted(set(conflicts))}")
    flat = ET.Element("TS", root.attrib)
    context = ET.SubElement(flat, "context")
    ET.SubElement(context, "name").text = CONTEXT
    context.extend(chosen.values())
    return ET.ElementTree(flat)


def _qt_s_own(ts: Path) -> bool:
    """A file of Qt's own texts under Qt's contexts (qt_extra_nl.ts), not of annotator's."""
    return ts.name.startswith("qt_")


def release(ts: Path, qm: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        flat = Path(work) / ts.name
        if _qt_s_own(ts):
            shutil.copyfile(ts, flat)
        else:
            one_context(ts).write(flat, encoding="utf-8", xml_declaration=True)
        subprocess.run([_lrelease(), "-silent", str(flat), "-qm", str(qm)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check that each .qm is what its .ts compiles to")
    parser.add_argument("--fill", action="store_true", help="only give texts the translation they have elsewhere")
    parser.add_argument("ts", nargs="+", type=Path)
    args = parser.parse_args()
    stale = []
    for ts in args.ts:
        if args.fill:
            if _qt_s_own(ts):
                continue
            filled = fill(ts)
            if filled:
                print(f"{ts}: {filled} text(s) took the translation they have elsewhere in it")
            continue
        qm = ts.with_suffix(".qm")
        if not args.check:
            release(ts, qm)
            continue
        with tempfile.TemporaryDirectory() as work:
            fresh = Path(work) / qm.name
            release(ts, fresh)
            if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
                stale.append(str(qm))
    if stale:
        print(f"not compiled from their .ts (run bash scripts/update-translations.sh --release): {stale}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
