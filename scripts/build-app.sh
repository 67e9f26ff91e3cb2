#!/usr/bin/env bash
# Build the desktop app as one folder with PyInstaller: dist/annotator/ holds the program (dist/annotator/annotator,
# annotator.exe on Windows), its own Python, Qt and MuPDF, the catalogue, migrations, letter phrases and the sample
# agreement. It runs without a Python installed. Uses .venv (made by start.sh or test.sh; PYTHON=... for another).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
if [ ! -x "$python" ]; then
    echo "No $python: run scripts/start.sh first (or set PYTHON to a Python with annotator installed)." >&2
    exit 1
fi
# The build-only tools, as pyproject's "freeze" extra names them.
freeze=$("$python" -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["freeze"]))')
"$python" -m pip install -q $freeze 2>&1 | { grep -v "is ignored: it is neither" || true; }
rm -rf dist/annotator
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/annotator.spec
if [ "$(uname -s)" = Linux ]; then
    # What a desktop needs to list it: the .desktop entry, the AppStream metainfo and the icons, laid out as under
    # /usr or ~/.local (packaging/README.md says where to copy them).
    mkdir -p dist/annotator/share/applications dist/annotator/share/metainfo dist/annotator/share/icons
    cp packaging/linux/org.annotator.Annotator.desktop dist/annotator/share/applications/
    cp packaging/linux/org.annotator.Annotator.metainfo.xml dist/annotator/share/metainfo/
    cp -r packaging/icons/hicolor dist/annotator/share/icons/
fi
echo "built dist/annotator/ ($(du -sh dist/annotator | cut -f1))"
