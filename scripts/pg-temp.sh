#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server on 127.0.0.1 for the tests; "start" prints its SQLAlchemy URL.
set -euo pipefail
state="${ANNOTATOR_TEST_PG_STATE:-${TMPDIR:-/tmp}/annotator-pg-test}"
port="${ANNOTATOR_TEST_PG_PORT:-54329}"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || { echo "no PostgreSQL server programs found" >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
    if [ -f "$state/data/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$state/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$state"
    mkdir -p "$state"
    [ "$(id -u)" = 0 ] && chown postgres "$state"
    as_owner "$bindir/initdb" -D "$state/data" -U postgres -A trust --no-sync >/dev/null
    as_owner "$bindir/pg_ctl" -D "$state/data" -l "$state/log" -w \
        -o "-h 127.0.0.1 -p $port -k $state -c fsync=off -c full_page_writes=off" start >/dev/null
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres annotator_test
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/annotator_test"
    ;;
stop)
    [ -d "$state/data" ] && as_owner "$bindir/pg_ctl" -D "$state/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$state"
    ;;
pause)  # the server goes away, its data stays (for testing a lost connection)
    as_owner "$bindir/pg_ctl" -D "$state/data" -m immediate stop >/dev/null
    ;;
resume)
    as_owner "$bindir/pg_ctl" -D "$state/data" -l "$state/log" -w \
        -o "-h 127.0.0.1 -p $port -k $state -c fsync=off -c full_page_writes=off" start >/dev/null
    ;;
esac
