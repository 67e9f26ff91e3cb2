#!/usr/bin/env bash
# The programs as reviewers get them, run the way they run them, with no Python on PATH:
#   1. the frozen app, dist/annotator/annotator, built by scripts/build-app.sh (unless --no-build);
#   2. the wheel, built from this checkout and installed into a fresh virtual environment.
# Each one takes a screenshot of the sample agreement in a real X11 window (under Xvfb; the PNG must show pages),
# describes the sample with `info`, and imports a small review in W3C JSON-LD onto the sample and compiles the
# letter to Word. Any failure fails the script. Usage: bash scripts/check-builds.sh [--no-build] [--frozen-only]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
build=true frozen_only=false
for argument in "$@"; do
    case "$argument" in
        --no-build) build=false ;;
        --frozen-only) frozen_only=true ;;
        *) echo "usage: bash scripts/check-builds.sh [--no-build] [--frozen-only]" >&2; exit 2 ;;
    esac
done
checker="$ROOT/.venv/bin/python"  # reads the results; the programs under test never run with it
if [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null 2>&1 || { echo "check-builds: Xvfb is not installed (apt-get install xvfb xauth)" >&2; exit 1; }
    exec xvfb-run -a -s "-screen 0 1400x1000x24" bash "$0" "$@"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/annotator-builds.XXXXXX")
wheel_job=""
trap '[ -z "$wheel_job" ] || kill "$wheel_job" 2>/dev/null || true; [ -n "${KEEP_CHECK:-}" ] || rm -rf "$work"' EXIT
mkdir -p "$work/no-python-here"  # the only folder on PATH: no python, no python3, nothing else either
sample="$ROOT/resources/sample/regeerakkoord-voorbeeld.pdf"
SECONDS=0

# Run a program as a reviewer's desktop would: a clean environment, the X display, and no Python to be found.
clean() {
    local name="$1"; shift
    mkdir -p "$work/$name/home"
    ${CLEAN_EXEC:+exec} env -i PATH="$work/no-python-here" HOME="$work/$name/home" LANG=C.UTF-8 DISPLAY="$DISPLAY" \
        XAUTHORITY="${XAUTHORITY:-}" QT_QPA_PLATFORM=xcb ANNOTATOR_DATA_DIR="$work/$name/data" "$@"
}

check_program() {
    local name="$1" program="$2" out="$work/$1"
    mkdir -p "$out"
    if clean "$name" /bin/sh -c 'command -v python3 || command -v python' >/dev/null; then
        echo "check-builds: a Python is on the clean PATH" >&2; return 1
    fi
    echo "[$name] $program --sample --screenshot"
    clean "$name" "$program" --sample --screenshot "$out/window.png" --db "$out/review.sqlite"
    "$checker" - "$out/window.png" <<'PY'
import sys
import fitz

pixmap = fitz.Pixmap(sys.argv[1])
samples, step = pixmap.samples, pixmap.n
pixels = [bytes(samples[i:i + 3]) for i in range(0, len(samples), step)]
background = max(set(pixels[::97]), key=pixels[::97].count)
share = sum(pixel != background for pixel in pixels) / len(pixels)
dark = sum(sum(pixel) < 200 for pixel in pixels)  # text: menus, lists and the page's
# The sample's title page is printed in navy (its band and title): only a painted page shows that colour.
navy = sum(r < 90 and r + 30 <= b < 140 for r, _, b in pixels)
print(f"    {pixmap.width}x{pixmap.height}: {share:.0%} of the pixels differ from the background, "
      f"{dark} dark, {navy} of the page's navy")
if pixmap.width < 400 or share < 0.05 or dark < 500 or navy < 2000:
    sys.exit("check-builds: the screenshot shows no page")
PY
    echo "[$name] $program info"
    clean "$name" "$program" info "$sample" > "$out/info.txt"
    grep -q "^pages: *16$" "$out/info.txt" || { cat "$out/info.txt"; echo "check-builds: info is wrong" >&2; return 1; }
    grep -q "Samen verder, met open blik" "$out/info.txt"

    echo "[$name] $program import + compile"
    cat > "$out/review.jsonld" <<'JSON'
{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "items": [
 {"id": "urn:uuid:00000000-0000-4000-8000-000000000001", "type": "Annotation",
  "creator": {"type": "Person", "name": "Sanne"},
  "body": [{"type": "TextualBody", "purpose": "assessing", "value": "serious-concern"},
           {"type": "TextualBody", "purpose": "tagging", "value": "Asiel en migratie"},
           {"type": "TextualBody", "purpose": "classifying", "value": "echr:3"}],
  "target": {"selector": [{"type": "TextQuoteSelector",
             "exact": "De coalitie kiest daarom voor een strenger asielbeleid."}]}}]}
JSON
    clean "$name" "$program" import "$out/review.jsonld" --pdf "$sample" --db "$out/review.sqlite" > "$out/import.txt"
    grep -q "^anchored 1," "$out/import.txt" || { cat "$out/import.txt"; echo "check-builds: the quote was not placed" >&2; return 1; }
    clean "$name" "$program" compile --out "$out/brief.docx" --pdf "$sample" --db "$out/review.sqlite" \
        > "$out/compile.txt" 2>&1 || { cat "$out/compile.txt"; return 1; }
    "$checker" - "$out/brief.docx" <<'PY'
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as letter:
    body = letter.read("word/document.xml").decode("utf-8")
    notes = letter.read("word/footnotes.xml").decode("utf-8")
if "strenger asielbeleid" not in body or "artikel 3 EVRM" not in notes:
    sys.exit("check-builds: the letter lacks the quote or its footnote")
print("    the letter quotes the passage and cites artikel 3 EVRM")
PY
}

# The frozen app is self-contained: its PDF processes are the app itself started with --pdf-child, and no process
# of it maps a file of a Python installed on this machine.
check_self_contained() {
    local program="$1" app children=() child found=false pdfs=0
    CLEAN_EXEC=1 clean frozen "$program" --sample --db "$work/frozen/running.sqlite" > "$work/frozen/running.log" 2>&1 &
    app=$!
    for _ in $(seq 100); do
        pgrep -P "$app" -f -- "--pdf-child" > /dev/null && break
        sleep 0.2
    done
    sleep 2  # what else the app starts in its first moments
    children=($(pgrep -P "$app" || true))
    for child in "$app" "${children[@]}"; do
        local exe pdf=false
        exe=$(readlink "/proc/$child/exe" 2>/dev/null || true)
        [ -n "$exe" ] || continue  # it has ended already (a helper of the system's, such as D-Bus's autolaunch)
        if [ "$child" != "$app" ] && tr '\0' ' ' < "/proc/$child/cmdline" | grep -q -- "--pdf-child"; then
            pdf=true
            found=true
            pdfs=$((pdfs + 1))
        fi
        if [ "$child" = "$app" ] || [ "$pdf" = true ]; then
            [ "$exe" = "$program" ] || { echo "check-builds: process $child is $exe" >&2; kill "$app"; return 1; }
        elif basename "$exe" | grep -E -q "^python"; then
            echo "check-builds: process $child is a Python of this machine: $exe" >&2; kill "$app"; return 1
        fi
        if grep -v "$(dirname "$program")/" "/proc/$child/maps" 2>/dev/null | grep -E -q "python3|/site-packages/|\.pyenv"; then
            echo "check-builds: process $child uses a Python outside the app:" >&2
            grep -v "$(dirname "$program")/" "/proc/$child/maps" | grep -E "python3|/site-packages/|\.pyenv" | head -3 >&2
            kill "$app"; return 1
        fi
    done
    kill "$app"; wait "$app" 2>/dev/null || true
    [ "$found" = true ] || { echo "check-builds: the app started no PDF process" >&2; return 1; }
    echo "    the app and its $pdfs PDF processes are $program; no Python of this machine is loaded"
}

# What the frozen app and the wheel must carry: every file of resources/ and of the migrations.
check_carried() {
    local name="$1" package="$2" folder missing=0
    for folder in resources:_resources db:_db; do
        while IFS= read -r file; do
            if [ ! -f "$package/${folder#*:}/$file" ]; then
                echo "check-builds: $name lacks ${folder%%:*}/$file" >&2; missing=1
            fi
        done < <(cd "${folder%%:*}" && find . -type f ! -path '*/__pycache__/*' ! -name '*.pyc' | sed 's|^\./||')
    done
    return $missing
}

# The wheel is built and installed into a fresh virtual environment meanwhile (pip waits on the network and the
# disk, PyInstaller mostly on one core).
make_wheel_venv() {
    local started=$SECONDS python
    "$checker" -m pip wheel -q --no-deps -w "$work/wheel" "$ROOT" > "$work/pip-wheel.log" 2>&1 \
        || { cat "$work/pip-wheel.log"; return 1; }
    python="$("$checker" -c 'import sys; print(sys._base_executable)')"
    "$python" -m venv "$work/venv"
    "$work/venv/bin/python" -m pip install -q --no-compile "$work"/wheel/annotator-*.whl > "$work/pip-install.log" 2>&1 \
        || { cat "$work/pip-install.log"; return 1; }
    echo "(wheel built and installed into a fresh virtual environment in $((SECONDS - started)) s)"
}
if [ "$frozen_only" = false ]; then
    make_wheel_venv > "$work/wheel.log" 2>&1 &
    wheel_job=$!
fi

# 1. The frozen app.
if [ "$build" = true ]; then
    started=$SECONDS
    bash scripts/build-app.sh
    echo "(built in $((SECONDS - started)) s)"
fi
check_carried "the frozen app" "$ROOT/dist/annotator/_internal/annotator"
check_program frozen "$ROOT/dist/annotator/annotator"
check_self_contained "$ROOT/dist/annotator/annotator"
if [ "$frozen_only" = true ]; then
    echo "check-builds: the frozen app passed (${SECONDS} s)"
    exit 0
fi

# 2. The wheel, in a fresh virtual environment (made while the frozen app was built and checked).
status=0
wait "$wheel_job" || status=$?
wheel_job=""  # ended and reaped: nothing to stop on exit
[ "$status" = 0 ] || { cat "$work/wheel.log"; echo "check-builds: the wheel could not be built or installed" >&2; exit 1; }
cat "$work/wheel.log"
check_carried "the wheel" "$(cd "$work" && "$work/venv/bin/python" -c 'import annotator, os; print(os.path.dirname(annotator.__file__))')"
check_program wheel "$work/venv/bin/annotator"
echo "check-builds: the frozen app and the wheel passed (${SECONDS} s)"
