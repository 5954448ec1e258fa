#!/usr/bin/env bash
# Issue 3's import benchmark: `nemis import learners` of the same file on SQLite and on PostgreSQL,
# each beside the raw loader of that database (sqlite3 .import, psql \copy) into a plain table with
# the file's columns, in the same run on the same machine. Wall time and peak RSS by /usr/bin/time.
#   swift build -c release --product nemis && scripts/bench/import.sh [rows]
# The learners come from `nemis generate --scale province` (Thái Nguyên, about 356,000 learners), or
# from the national set (5.9 GB, a few minutes to generate) for more rows; their schools are imported
# first and not timed.
#
# Between the two, the floor: the rows the import stored (the learners, their change-feed entries and
# their audit entries) loaded again, as they are, into a database holding only the schools, by each
# engine's own bulk path: `INSERT … SELECT` from the attached file on SQLite, `\copy` on PostgreSQL,
# in one transaction. No importer that stores these records with these indexes can be faster than
# that load, which reads no file and checks nothing.
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
# What an import of learners adds, table by table.
STORED_TABLES="learners changes audit_log"
stored_rows() {  # table -> the rows of it an import of learners adds
    if [[ "$1" == learners ]]; then echo "SELECT * FROM learners"; else echo "SELECT * FROM $1 WHERE resource = 'learners'"; fi
}

report() {  # label seconds rss_kb baseline_seconds
    LABEL="$1" python3 -c "
import os
rows=$ROWS; s=$2; base=$4
print(f'{os.environ[\"LABEL\"]:<40} {s:8.2f} s {rows/s:10,.0f} rows/s  peak RSS {$3/1024:7.1f} MB' + (f'  = {base/s:.3f}x the raw loader' if base > 0 else ''))"
}

summary() {  # engine, raw loader's name, times of: the raw loader, the floor, the import; what the floor loaded
    echo "## $1"
    echo "# the floor loaded $6"
    local raw_s raw_kb floor_s floor_kb nemis_s nemis_kb
    read -r raw_s raw_kb < <(tail -1 "$3")
    read -r floor_s floor_kb < <(tail -1 "$4")
    read -r nemis_s nemis_kb < <(tail -1 "$5")
    report "$2" "$raw_s" "$raw_kb" 0
    report "the stored rows loaded again (the floor)" "$floor_s" "$floor_kb" "$raw_s"
    report "nemis import learners" "$nemis_s" "$nemis_kb" "$raw_s"
}

run_timed() {  # output file, command...
    local out="$1"; shift
    "${TIME[@]}" -o "$out" "$@" >/dev/null 2>"$out.err" || { cat "$out.err" >&2; return 1; }
}

# SQLite
run_timed "$WORK/s-raw" sqlite3 "$WORK/raw.sqlite" "$RAW_TABLE;" ".mode csv" ".import --skip 1 $WORK/learners.csv learners_raw"
"$BIN" migrate --sqlite "$WORK/schools.sqlite" >/dev/null 2>&1
"$BIN" setup --school-year 2026-2027 --sqlite "$WORK/schools.sqlite" --log-level error >/dev/null
"$BIN" import schools "$WORK/ds/schools.csv" --skip-invalid --sqlite "$WORK/schools.sqlite" --log-level error >/dev/null || true
cp "$WORK/schools.sqlite" "$WORK/nemis.sqlite"
mv "$WORK/schools.sqlite" "$WORK/floor.sqlite"
run_timed "$WORK/s-nemis" "$BIN" import learners "$WORK/learners.csv" --skip-invalid --sqlite "$WORK/nemis.sqlite" --log-level error || true
LOAD="ATTACH '$WORK/nemis.sqlite' AS imported; BEGIN;"
for table in $STORED_TABLES; do LOAD+=" INSERT INTO main.$table $(stored_rows "$table" | sed "s/FROM /FROM imported./");"; done
run_timed "$WORK/s-floor" sqlite3 "$WORK/floor.sqlite" "$LOAD COMMIT;"
LOADED=$(for table in $STORED_TABLES; do echo -n "$table $(sqlite3 "$WORK/floor.sqlite" "SELECT COUNT(*) FROM ($(stored_rows "$table"))"), "; done)
summary SQLite "sqlite3 .import" "$WORK/s-raw" "$WORK/s-floor" "$WORK/s-nemis" "${LOADED%, }"

# PostgreSQL: a throwaway cluster (fsync off, as the tests run it)
export ROWS WORK BIN RAW_TABLE STORED_TABLES
export -f stored_rows
scripts/with-postgres.sh bash -c '
    set -euo pipefail
    url() { echo "${NEMIS_TEST_POSTGRES_URL%/postgres}/$1"; }
    psql -q "$NEMIS_TEST_POSTGRES_URL" -c "CREATE DATABASE raw" -c "CREATE DATABASE schools"
    psql -q "$(url raw)" -c "$RAW_TABLE"
    /usr/bin/time -f "%e %M" -o "$WORK/p-raw" psql -q "$(url raw)" -c "\\copy learners_raw FROM '"'"'$WORK/learners.csv'"'"' WITH (FORMAT csv, HEADER true)" >/dev/null
    "$BIN" migrate --database-url "$(url schools)" >/dev/null 2>&1
    "$BIN" setup --school-year 2026-2027 --database-url "$(url schools)" --log-level error >/dev/null
    "$BIN" import schools "$WORK/ds/schools.csv" --skip-invalid --database-url "$(url schools)" --log-level error >/dev/null || true
    psql -q "$NEMIS_TEST_POSTGRES_URL" -c "CREATE DATABASE nemis TEMPLATE schools" -c "CREATE DATABASE floor TEMPLATE schools"
    /usr/bin/time -f "%e %M" -o "$WORK/p-nemis" "$BIN" import learners "$WORK/learners.csv" --skip-invalid --database-url "$(url nemis)" --log-level error >/dev/null 2>&1 || true
    LOAD=()
    for table in $STORED_TABLES; do
        psql -q "$(url nemis)" -c "\\copy ($(stored_rows "$table")) TO '"'"'$WORK/$table.copy'"'"'"
        LOAD+=(-c "\\copy $table FROM '"'"'$WORK/$table.copy'"'"'")
    done
    /usr/bin/time -f "%e %M" -o "$WORK/p-floor" psql -q -1 "$(url floor)" "${LOAD[@]}" >/dev/null
    for table in $STORED_TABLES; do
        echo -n "$table $(psql -tA "$(url floor)" -c "SELECT COUNT(*) FROM ($(stored_rows "$table")) t"), "
    done > "$WORK/p-loaded"
'
LOADED=$(cat "$WORK/p-loaded")
summary PostgreSQL "psql \\copy" "$WORK/p-raw" "$WORK/p-floor" "$WORK/p-nemis" "${LOADED%, }"
