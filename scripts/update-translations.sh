#!/usr/bin/env bash
# Bring the interface translations up to date: pyside6-lupdate collects every interface text of annotator/ui into
# resources/translations/annotator_nl.ts (all texts) and annotator_en.ts (only the texts that count something, for
# their English singular and plural), keeping what is translated; translate the new ones (marked unfinished) in
# Qt Linguist (.venv/bin/pyside6-linguist resources/translations/annotator_nl.ts), then run this script again:
# pyside6-lrelease compiles each .ts into the .qm beside it, which annotator loads and which is committed with it.
# qt_extra_nl.ts, Dutch for Qt's own texts that Qt's qtbase_nl.qm lacks (under Qt's contexts, such as QFileDialog),
# is kept by hand: lupdate does not touch it, and it is compiled with the others.
#
#   bash scripts/update-translations.sh            update the .ts files, then compile them
#   bash scripts/update-translations.sh --release  only compile the .ts files into .qm files
#
# lupdate knows the translating calls by the names the interface calls them: tr_, tr, _tr, _t, MainWindow._action
# (whose first argument is the text) and translatable() for texts kept in tables; it does not look into f-strings.
# It files each text under the class it is in; a text reads the same wherever it appears, so one already translated
# elsewhere in the file takes that translation, and the .qm has every text under the one context "annotator", which
# Translator looks them up in. A text that counts something is written tr_("%n hit(s)", None, n=count): the third
# argument is what makes lupdate give it singular and plural forms.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VENV:-.venv}/bin"
folder=resources/translations
aliases="tr+=tr_,tr+=_tr,tr+=_t,tr+=_action,QT_TR_NOOP+=translatable"

collect() {
    "$bin/pyside6-lupdate" -silent -extensions py -locations none -tr-function-alias "$aliases" -source-language en \
        -target-language nl_NL annotator/ui -ts "$folder/annotator_nl.ts"
    "$bin/pyside6-lupdate" -silent -extensions py -locations none -tr-function-alias "$aliases" -source-language en \
        -target-language en_GB -pluralonly annotator/ui -ts "$folder/annotator_en.ts"
}

if [ "${1:-}" != "--release" ]; then
    collect
    if "$bin/python" scripts/release_translations.py --fill "$folder"/annotator_*.ts | grep .; then
        collect  # written again as lupdate writes them
    fi
    grep -l 'type="unfinished"' "$folder"/annotator_*.ts | sed 's/^/to translate in Qt Linguist: /' || true
fi
"$bin/python" scripts/release_translations.py "$folder"/annotator_*.ts "$folder"/qt_extra_*.ts
