#!/usr/bin/env bash
# Issue 3's import benchmark: `nemis import learners` of the same file on SQLite and on PostgreSQL,
# each beside the raw loader of that database (sqlite3 .import, psql \copy) into a plain table with
# the file's columns, in the same run on the same machine. Wall time and peak RSS by /usr/bin/time.
#   swift build -c release --product nemis && scripts/bench/import.sh [rows]
# The learners come from `nemis generate --scale province` (Thái Nguyên, about 356,000 learners), or
# from the national set (5.9 GB, a few minutes to generate) for more rows; their schools are imported
# first and not timed.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$(realpath "${NEMIS_BIN:-.build/release/nemis}")"
ROWS="${1:-100000}"
WORK="$(mktemp -d /tmp/nemis-import-bench.XXXXXX)"
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT
TIME=(/usr/bin/time -f "%e %M")

echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); binary: $BIN"
SCALE=(--scale province --province 19)
if (( ROWS > 350000 )); then SCALE=(--scale national); fi
"$BIN" generate "${SCALE[@]}" --seed 2026 --out "$WORK/ds" >/dev/null 2>&1
AVAILABLE=$(($(wc -l < "$WORK/ds/learners.csv") - 1))
if (( ROWS > AVAILABLE )); then ROWS=$AVAILABLE; fi
head -n $((ROWS + 1)) "$WORK/ds/learners.csv" > "$WORK/learners.csv"
echo "# learners.csv: $ROWS rows, $(du -h "$WORK/learners.csv" | cut -f1)"

RAW_TABLE="CREATE TABLE learners_raw (learner_code TEXT, citizen_id TEXT, full_name TEXT, date_of_birth TEXT, sex TEXT, ethnicity TEXT, birthplace TEXT, school_code TEXT)"

report() {  # label seconds rss_kb baseline_seconds
    LABEL="$1" python3 -c "
import os
rows=$ROWS; s=$2; base=$4
print(f'{os.environ[\"LABEL\"]:<34} {s:8.2f} s {rows/s:10,.0f} rows/s  peak RSS {$3/1024:7.1f} MB' + (f'  = {base/s:.3f}x the raw loader' if base > 0 else ''))"
}

run_timed() {  # output file, command...
    local out="$1"; shift
    "${TIME[@]}" -o "$out" "$@" >/dev/null 2>"$out.err" || { cat "$out.err" >&2; return 1; }
}

# SQLite
run_timed "$WORK/t1" sqlite3 "$WORK/raw.sqlite" "$RAW_TABLE;" ".mode csv" ".import --skip 1 $WORK/learners.csv learners_raw"
read -r RAW_S RAW_KB < <(tail -1 "$WORK/t1")
"$BIN" migrate --sqlite "$WORK/nemis.sqlite" >/dev/null 2>&1
"$BIN" setup --school-year 2026-2027 --sqlite "$WORK/nemis.sqlite" --log-level error >/dev/null
"$BIN" import schools "$WORK/ds/schools.csv" --skip-invalid --sqlite "$WORK/nemis.sqlite" --log-level error >/dev/null || true
run_timed "$WORK/t2" "$BIN" import learners "$WORK/learners.csv" --skip-invalid --sqlite "$WORK/nemis.sqlite" --log-level error || true
read -r NEMIS_S NEMIS_KB < <(tail -1 "$WORK/t2")
echo "## SQLite"
report "sqlite3 .import" "$RAW_S" "$RAW_KB" 0
report "nemis import learners" "$NEMIS_S" "$NEMIS_KB" "$RAW_S"

# PostgreSQL: a throwaway cluster (fsync off, as the tests run it) for both loaders
export ROWS WORK BIN RAW_TABLE
scripts/with-postgres.sh bash -c '
    set -euo pipefail
    psql -q "$NEMIS_TEST_POSTGRES_URL" -c "CREATE DATABASE raw" -c "CREATE DATABASE nemis"
    RAW_URL="${NEMIS_TEST_POSTGRES_URL%/postgres}/raw"; URL="${NEMIS_TEST_POSTGRES_URL%/postgres}/nemis"
    psql -q "$RAW_URL" -c "$RAW_TABLE"
    /usr/bin/time -f "%e %M" -o "$WORK/t3" psql -q "$RAW_URL" -c "\\copy learners_raw FROM '"'"'$WORK/learners.csv'"'"' WITH (FORMAT csv, HEADER true)" >/dev/null
    "$BIN" migrate --database-url "$URL" >/dev/null 2>&1
    "$BIN" setup --school-year 2026-2027 --database-url "$URL" --log-level error >/dev/null
    "$BIN" import schools "$WORK/ds/schools.csv" --skip-invalid --database-url "$URL" --log-level error >/dev/null || true
    /usr/bin/time -f "%e %M" -o "$WORK/t4" "$BIN" import learners "$WORK/learners.csv" --skip-invalid --database-url "$URL" --log-level error >/dev/null 2>&1 || true
'
read -r RAW_S RAW_KB < <(tail -1 "$WORK/t3")
read -r NEMIS_S NEMIS_KB < <(tail -1 "$WORK/t4")
echo "## PostgreSQL"
report "psql \\copy" "$RAW_S" "$RAW_KB" 0
report "nemis import learners" "$NEMIS_S" "$NEMIS_KB" "$RAW_S"
