#!/usr/bin/env bash
# Issue 3's OneRoster import at the scale of a province: the generated province is imported into a
# fresh SQLite database (not timed), exported as OneRoster 1.2 CSV with demographics, and imported back
# with `nemis oneroster import` (every record comes back unchanged). Wall time and peak RSS of the
# export and of the import by /usr/bin/time.
#   swift build -c release --product nemis && scripts/bench/oneroster-import.sh [province code]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$(realpath "${NEMIS_BIN:-.build/release/nemis}")"
PROVINCE="${1:-19}"
WORK="$(mktemp -d /tmp/nemis-oneroster-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
DB=(--sqlite "$WORK/nemis.sqlite" --log-level error)

echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); binary: $BIN"
"$BIN" generate --scale province --seed 2026 --province "$PROVINCE" --out "$WORK/ds" >/dev/null 2>&1
"$BIN" migrate --sqlite "$WORK/nemis.sqlite" >/dev/null 2>&1
"$BIN" setup --school-year 2026-2027 "${DB[@]}" >/dev/null
for kind in schools staff classes learners enrolments teaching_assignments; do
    "$BIN" import "$kind" "$WORK/ds/$kind.csv" --skip-invalid "${DB[@]}" >/dev/null 2>&1 || true
done
for table in staff classes learners enrolments teaching_assignments; do
    echo "# stored $table: $(sqlite3 "$WORK/nemis.sqlite" "SELECT COUNT(*) FROM $table")"
done

/usr/bin/time -f "%e %M" -o "$WORK/t-export" "$BIN" oneroster export --out "$WORK/or" --with-demographics "${DB[@]}" >/dev/null
read -r EXPORT_S EXPORT_KB < <(tail -1 "$WORK/t-export")
USERS=$(($(wc -l < "$WORK/or/users.csv") - 1))
ROWS=$(cat "$WORK"/or/*.csv | wc -l)
echo "oneroster export: $USERS users, $ROWS lines in ${EXPORT_S} s, peak RSS $((EXPORT_KB / 1024)) MB"

/usr/bin/time -f "%e %M" -o "$WORK/t-import" "$BIN" oneroster import "$WORK/or" "${DB[@]}" > "$WORK/import.out" 2>&1 || { cat "$WORK/import.out"; exit 1; }
read -r IMPORT_S IMPORT_KB < <(tail -1 "$WORK/t-import")
grep -E "unchanged|created|refused|rows" "$WORK/import.out" | head -12 || true
echo "oneroster import: ${IMPORT_S} s, peak RSS $((IMPORT_KB / 1024)) MB"
