#!/usr/bin/env bash
# What storing an import's records costs the database alone, beside the raw loader and the import.
#   swift build -c release --product nemis && scripts/bench/import-floor.sh [rows]
# `nemis import learners` runs as in scripts/bench/import.sh. Then the rows it stored (the learners,
# their change-feed entries and their audit entries) are loaded again, as they are, into a database
# holding only the schools, with each engine's own bulk path: `\copy` in one transaction on
# PostgreSQL, `INSERT … SELECT` from the attached database in one transaction on SQLite. No importer
# that stores these records, with these indexes, can be faster than that load: it is the floor under
# the import, with nothing read, checked or built. Wall time and peak RSS by /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$(realpath "${NEMIS_BIN:-.build/release/nemis}")"
ROWS="${1:-100000}"
WORK="$(mktemp -d /tmp/nemis-import-floor.XXXXXX)"
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); binary: $BIN"
"$BIN" generate --scale province --province 19 --seed 2026 --out "$WORK/ds" >/dev/null 2>&1
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

report() {  # label seconds rss_kb raw_seconds
    LABEL="$1" python3 -c "
import os
rows=$ROWS; s=$2; raw=$4
print(f'{os.environ[\"LABEL\"]:<44} {s:8.2f} s {rows/s:10,.0f} rows/s  peak RSS {$3/1024:7.1f} MB' + (f'  = {raw/s:.3f}x the raw loader' if raw > 0 else ''))"
}

timed() {  # output file, command...
    local out="$1"; shift
    /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>"$out.err" || { cat "$out.err" >&2; return 1; }
}

# SQLite
timed "$WORK/s1" sqlite3 "$WORK/raw.sqlite" "$RAW_TABLE;" ".mode csv" ".import --skip 1 $WORK/learners.csv learners_raw"
"$BIN" migrate --sqlite "$WORK/schools.sqlite" >/dev/null 2>&1
"$BIN" setup --school-year 2026-2027 --sqlite "$WORK/schools.sqlite" --log-level error >/dev/null
"$BIN" import schools "$WORK/ds/schools.csv" --skip-invalid --sqlite "$WORK/schools.sqlite" --log-level error >/dev/null || true
cp "$WORK/schools.sqlite" "$WORK/nemis.sqlite"
cp "$WORK/schools.sqlite" "$WORK/floor.sqlite"
timed "$WORK/s2" "$BIN" import learners "$WORK/learners.csv" --skip-invalid --sqlite "$WORK/nemis.sqlite" --log-level error || true
LOAD="ATTACH '$WORK/nemis.sqlite' AS imported; BEGIN;"
for table in $STORED_TABLES; do LOAD+=" INSERT INTO main.$table $(stored_rows "$table" | sed "s/FROM /FROM imported./");"; done
timed "$WORK/s3" sqlite3 "$WORK/floor.sqlite" "$LOAD COMMIT;"
echo "## SQLite"
for table in $STORED_TABLES; do
    echo "# $table: $(sqlite3 "$WORK/floor.sqlite" "SELECT COUNT(*) FROM ($(stored_rows "$table"))") rows stored"
done
read -r RAW_S RAW_KB < <(tail -1 "$WORK/s1")
read -r FLOOR_S FLOOR_KB < <(tail -1 "$WORK/s3")
read -r NEMIS_S NEMIS_KB < <(tail -1 "$WORK/s2")
report "sqlite3 .import of the file" "$RAW_S" "$RAW_KB" 0
report "the stored rows loaded again (the floor)" "$FLOOR_S" "$FLOOR_KB" "$RAW_S"
report "nemis import learners" "$NEMIS_S" "$NEMIS_KB" "$RAW_S"

# PostgreSQL: a throwaway cluster (fsync off, as the tests run it)
export ROWS WORK BIN RAW_TABLE STORED_TABLES
export -f stored_rows
scripts/with-postgres.sh bash -c '
    set -euo pipefail
    url() { echo "${NEMIS_TEST_POSTGRES_URL%/postgres}/$1"; }
    psql -q "$NEMIS_TEST_POSTGRES_URL" -c "CREATE DATABASE raw" -c "CREATE DATABASE schools"
    psql -q "$(url raw)" -c "$RAW_TABLE"
    /usr/bin/time -f "%e %M" -o "$WORK/p1" psql -q "$(url raw)" -c "\\copy learners_raw FROM '"'"'$WORK/learners.csv'"'"' WITH (FORMAT csv, HEADER true)" >/dev/null
    "$BIN" migrate --database-url "$(url schools)" >/dev/null 2>&1
    "$BIN" setup --school-year 2026-2027 --database-url "$(url schools)" --log-level error >/dev/null
    "$BIN" import schools "$WORK/ds/schools.csv" --skip-invalid --database-url "$(url schools)" --log-level error >/dev/null || true
    psql -q "$NEMIS_TEST_POSTGRES_URL" -c "CREATE DATABASE nemis TEMPLATE schools" -c "CREATE DATABASE floor TEMPLATE schools"
    /usr/bin/time -f "%e %M" -o "$WORK/p2" "$BIN" import learners "$WORK/learners.csv" --skip-invalid --database-url "$(url nemis)" --log-level error >/dev/null 2>&1 || true
    LOAD=()
    for table in $STORED_TABLES; do
        psql -q "$(url nemis)" -c "\\copy ($(stored_rows "$table")) TO '"'"'$WORK/$table.copy'"'"'"
        LOAD+=(-c "\\copy $table FROM '"'"'$WORK/$table.copy'"'"'")
    done
    /usr/bin/time -f "%e %M" -o "$WORK/p3" psql -q -1 "$(url floor)" "${LOAD[@]}" >/dev/null
    for table in $STORED_TABLES; do
        echo "# $table: $(psql -tA "$(url floor)" -c "SELECT COUNT(*) FROM ($(stored_rows "$table")) t") rows stored"
    done > "$WORK/p-counts"
'
echo "## PostgreSQL"
cat "$WORK/p-counts"
read -r RAW_S RAW_KB < <(tail -1 "$WORK/p1")
read -r FLOOR_S FLOOR_KB < <(tail -1 "$WORK/p3")
read -r NEMIS_S NEMIS_KB < <(tail -1 "$WORK/p2")
report "psql \\copy of the file" "$RAW_S" "$RAW_KB" 0
report "the stored rows loaded again (the floor)" "$FLOOR_S" "$FLOOR_KB" "$RAW_S"
report "nemis import learners" "$NEMIS_S" "$NEMIS_KB" "$RAW_S"
