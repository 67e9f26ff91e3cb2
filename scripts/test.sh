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

# Whether the window tests also run on X11 (Xvfb), where key bindings, focus and mouse events differ: only when no
# test paths were named (`bash scripts/test.sh tests/pdf` runs just those).
named_paths=false
for argument in "$@"; do
    case "$argument" in -*) ;; *) named_paths=true ;; esac
done
x11_round=false
if [ "$named_paths" = false ]; then
    if command -v xvfb-run >/dev/null 2>&1; then
        x11_round=true
    else
        echo "Xvfb is not installed: the window tests did not run on X11." >&2
    fi
fi

servers=()
stop_servers() {
    local state
    for state in "${servers[@]}"; do ANNOTATOR_TEST_PG_STATE="$state" bash scripts/pg-temp.sh stop || true; done
}
trap stop_servers EXIT
# A private PostgreSQL server for the tests, if its programs are installed (one per round, so that the rounds can
# run side by side); its URL in server_url (empty without one); stopped when the tests end.
private_server() {  # state folder, port
    server_url=""
    if server_url=$(ANNOTATOR_TEST_PG_STATE="$1" ANNOTATOR_TEST_PG_PORT="$2" bash scripts/pg-temp.sh start); then
        servers+=("$1")
    else
        server_url=""
    fi
}
state="${ANNOTATOR_TEST_PG_STATE:-${TMPDIR:-/tmp}/annotator-pg-test}"
port="${ANNOTATOR_TEST_PG_PORT:-54329}"
own_server=false
if [ -z "${ANNOTATOR_TEST_PG_URL:-}" ]; then
    own_server=true
    private_server "$state" "$port"
    if [ -n "$server_url" ]; then
        export ANNOTATOR_TEST_PG_URL="$server_url"
    else
        echo "PostgreSQL is not installed: the PostgreSQL tests will be skipped." >&2
    fi
fi

export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/mypy
# The types once more as Windows sees them: what is POSIX-only must say so (sys.platform checks) to pass.
.venv/bin/mypy --platform win32 --no-incremental

x11() {  # pytest options
    xvfb-run -a -s "-screen 0 1400x1000x24" env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest "$@" tests/ui
}
if [ "$x11_round" = true ] && [ "$own_server" = true ]; then
    # The X11 round runs beside the first one, with a server of its own (the window tests mostly wait for events).
    x11_url=""
    if [ -n "${ANNOTATOR_TEST_PG_URL:-}" ]; then
        private_server "$state-x11" $((port + 1))
        x11_url="$server_url"
    fi
    x11_log=$(mktemp)
    x11_temp=$(mktemp -d)  # its own temporary folders: the other round cleans up its own
    ( ANNOTATOR_TEST_PG_URL="$x11_url" x11 --basetemp="$x11_temp" "$@" ) >"$x11_log" 2>&1 &
    x11_pid=$!
    status=0
    .venv/bin/python -m pytest "$@" || status=$?
    x11_status=0
    wait "$x11_pid" || x11_status=$?
    echo "The window tests on X11 (Xvfb):"
    cat "$x11_log"
    rm -rf "$x11_log" "$x11_temp"
    [ "$status" = 0 ] && [ "$x11_status" = 0 ]
else
    .venv/bin/python -m pytest "$@"
    if [ "$x11_round" = true ]; then
        echo "The window tests on X11 (Xvfb):"
        x11 "$@"
    fi
fi
