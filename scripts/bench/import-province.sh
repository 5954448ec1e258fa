#!/usr/bin/env bash
# Issue 3: every kind of a generated province (Thái Nguyên, seed 2026) imported in order, into a fresh
# SQLite file and into a fresh PostgreSQL database (a throwaway cluster with fsync off, as the tests run
# it); for each kind its rows, seconds, rows/s and peak RSS (/usr/bin/time).
#   swift build -c release --product nemis && scripts/bench/import-province.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$(realpath "${NEMIS_BIN:-.build/release/nemis}")"
WORK="$(mktemp -d /tmp/nemis-province-bench.XXXXXX)"
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT
export BIN WORK

echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); binary: $BIN"
"$BIN" generate --scale province --seed 2026 --province 19 --out "$WORK/ds" >/dev/null 2>&1

import_all() {  # engine, database options...
    local engine="$1"; shift
    "$BIN" migrate "$@" --log-level error >/dev/null
    "$BIN" setup --school-year 2026-2027 "$@" --log-level error >/dev/null
    for kind in schools staff classes learners guardians enrolments teaching_assignments; do
        local rows=$(($(wc -l < "$WORK/ds/$kind.csv") - 1))
        /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" import "$kind" "$WORK/ds/$kind.csv" --skip-invalid "$@" --log-level error \
            >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; return 1; }
        read -r seconds kb < <(tail -1 "$WORK/time")
        python3 -c "print(f'$engine  {\"$kind\":<21} {$rows:>9,} rows {$seconds:8.2f} s {$rows/$seconds:9,.0f} rows/s  peak RSS {$kb/1024:6.1f} MB')"
    done
}
export -f import_all

import_all sqlite --sqlite "$WORK/nemis.sqlite"
scripts/with-postgres.sh bash -c '
    set -euo pipefail
    psql -q "$NEMIS_TEST_POSTGRES_URL" -c "CREATE DATABASE nemis"
    import_all postgres --database-url "${NEMIS_TEST_POSTGRES_URL%/postgres}/nemis"
'
