#!/usr/bin/env bash
# Two builds of `nemis import learners` on PostgreSQL, alternating, each run into a fresh `TEMPLATE` copy of
# one database holding a generated province's schools, so that both start from the same state. Prints the
# wall time, the import's own CPU (user + system, by /usr/bin/time) and the whole machine's busy CPU over
# the run (from /proc/stat: the import and the server's backend together, as both share the two cores).
# The learners' MD5 (code, citizen ID, document without its generated ID) tells whether both stored the same.
#   scripts/bench/import-pairs.sh BEFORE_BINARY AFTER_BINARY [rows] [pairs] [awk-action]
# An awk action damages the file first, e.g. 'NR > 1 && NR % 10 == 7 { $1 = "" }' blanks every tenth row's code.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${NEMIS_TEST_POSTGRES_URL:-}" ]]; then
    exec scripts/with-postgres.sh "$0" "$@"
fi
BEFORE="$(realpath "$1")"; AFTER="$(realpath "$2")"
ROWS="${3:-100000}"; PAIRS="${4:-4}"; DAMAGE="${5:-}"
WORK="$(mktemp -d /tmp/nemis-import-pairs.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
server() { echo "${NEMIS_TEST_POSTGRES_URL%/postgres}/$1"; }
busy_ticks() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }

echo "# machine: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); before: $BEFORE; after: $AFTER"
"$AFTER" generate --scale province --province 19 --seed 2026 --out "$WORK/ds" >/dev/null 2>&1
head -n $((ROWS + 1)) "$WORK/ds/learners.csv" | awk -F, 'BEGIN { OFS = "," } '"$DAMAGE"' { print }' > "$WORK/learners.csv"
psql -q "$NEMIS_TEST_POSTGRES_URL" -c "CREATE DATABASE schools_only"
"$AFTER" migrate --database-url "$(server schools_only)" >/dev/null 2>&1
"$AFTER" setup --school-year 2026-2027 --database-url "$(server schools_only)" --log-level error >/dev/null
"$AFTER" import schools "$WORK/ds/schools.csv" --skip-invalid --database-url "$(server schools_only)" --log-level error >/dev/null || true

run=0
for _ in $(seq "$PAIRS"); do
    for label in before after; do
        run=$((run + 1))
        bin="$BEFORE"; [[ "$label" == after ]] && bin="$AFTER"
        psql -q "$NEMIS_TEST_POSTGRES_URL" -c "CREATE DATABASE run_$run TEMPLATE schools_only"
        ticks=$(busy_ticks)
        /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$bin" import learners "$WORK/learners.csv" --skip-invalid \
            --database-url "$(server run_$run)" --log-level error >/dev/null 2>&1 || true
        ticks=$(( $(busy_ticks) - ticks ))
        read -r wall user system < <(tail -n 1 "$WORK/time")  # after "Command exited with non-zero status" when rows were refused
        stored=$(psql -tA "$(server run_$run)" -c "SELECT COUNT(*) || ' ' || md5(string_agg(natural_key || '|' ||
            coalesce(citizen_id, '') || '|' || (body::jsonb - 'id')::text, ',' ORDER BY natural_key)) FROM learners")
        python3 -c "
wall, cpu, machine = $wall, $user + $system, $ticks / $(getconf CLK_TCK)
print(f'$label  {wall:6.2f} s  {$ROWS / wall:8,.0f} rows/s  import CPU {cpu:6.2f} s  machine CPU {machine:6.2f} s  stored $stored')"
        psql -q "$NEMIS_TEST_POSTGRES_URL" -c "DROP DATABASE run_$run"
    done
done
