#!/usr/bin/env bash
# Install annotator with its test tools into .venv and run the whole test suite:
# the layer contracts (import-linter), the types (mypy), then pytest, against SQLite and a throwaway PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_setup.sh
if [ "$(uname -s)" = Linux ]; then
    ensure_debian_packages $QT_OFFSCREEN_PACKAGES
    # The window tests run a second time on X11 (Xvfb), where key bindings, focus and mouse events differ.
    ensure_debian_packages $QT_WINDOW_PACKAGES xvfb xauth || true
    if [ -z "${ANNOTATOR_TEST_PG_URL:-}" ] && [ "$(id -u)" = 0 ]; then
        ensure_debian_packages postgresql || true
    fi
fi
ensure_venv test

if [ -z "${ANNOTATOR_TEST_PG_URL:-}" ]; then
    # A private PostgreSQL server for the tests, if its programs are installed; stopped when the tests end.
    if pg_url=$(bash scripts/pg-temp.sh start); then
        export ANNOTATOR_TEST_PG_URL="$pg_url"
        trap 'bash scripts/pg-temp.sh stop' EXIT
    else
        echo "PostgreSQL is not installed: the PostgreSQL tests will be skipped." >&2
    fi
fi

export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
# The window tests again, on X11 under Xvfb, where key bindings, focus and mouse events differ (only when no test
# paths were named: `bash scripts/test.sh tests/pdf` runs just those).
named_paths=false
for argument in "$@"; do
    case "$argument" in -*) ;; *) named_paths=true ;; esac
done
if [ "$named_paths" = false ]; then
    if command -v xvfb-run >/dev/null 2>&1; then
        echo "The window tests on X11 (Xvfb):"
        xvfb-run -a -s "-screen 0 1400x1000x24" env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest "$@" tests/ui
    else
        echo "Xvfb is not installed: the window tests did not run on X11." >&2
    fi
fi
