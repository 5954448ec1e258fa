#!/usr/bin/env bash
# Issue 4's verification run through the database: N learners of a generated province imported into
# SQLite (not timed), then `nemis identity verify` of them all against a registry file that holds them
# (from the learners file, for those with an ID) and M other generated people. Wall time, people/s and
# peak RSS by /usr/bin/time; then the rates the run left.
#   swift build -c release --product nemis && scripts/bench/identity-job.sh [learners] [other people]
# ENGINE=postgres runs it on a throwaway PostgreSQL cluster (fsync off, as the tests run it) instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
ENGINE="${ENGINE:-sqlite}"
if [[ "$ENGINE" == postgres && -z "${NEMIS_TEST_POSTGRES_URL:-}" ]]; then
    exec scripts/with-postgres.sh "$0" "$@"
fi
BIN="$(realpath "${NEMIS_BIN:-.build/release/nemis}")"
ROWS="${1:-20000}"
OTHERS="${2:-1000000}"
WORK="$(mktemp -d /tmp/nemis-identity-job.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
case "$ENGINE" in
    sqlite) DB=(--sqlite "$WORK/nemis.sqlite" --log-level error) ;;
    postgres)
        psql -q "$NEMIS_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS identity_job" -c "CREATE DATABASE identity_job"
        DB=(--database-url "${NEMIS_TEST_POSTGRES_URL%/postgres}/identity_job" --log-level error) ;;
    *) echo "ENGINE is sqlite or postgres" >&2; exit 1 ;;
esac

echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); binary: $BIN; database: $ENGINE"
"$BIN" generate --scale province --seed 2026 --province 19 --out "$WORK/ds" >/dev/null 2>&1
head -n $((ROWS + 1)) "$WORK/ds/learners.csv" > "$WORK/learners.csv"
"$BIN" migrate "${DB[@]}" >/dev/null
"$BIN" setup --school-year 2026-2027 "${DB[@]}" >/dev/null
"$BIN" import schools "$WORK/ds/schools.csv" --skip-invalid "${DB[@]}" >/dev/null || true
"$BIN" import learners "$WORK/learners.csv" --skip-invalid "${DB[@]}" >/dev/null || true

# The registry: every learner with an ID as the learners file has them, then the other people.
"$BIN" population generate --people "$OTHERS" --seed 7 --out "$WORK/others.csv" >/dev/null
python3 - "$WORK/learners.csv" "$WORK/others.csv" "$WORK/registry.csv" <<'PY'
import csv, sys
learners, others, out = sys.argv[1:]
seen = set()
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["citizen_id", "family_name", "middle_name", "given_name", "date_of_birth", "sex", "birth_province"])
    rows = csv.reader(open(learners, encoding="utf-8-sig"))
    next(rows)
    for row in rows:
        cid, name, dob, sex = row[1].strip(), row[2].split(), row[3].strip(), row[4].strip()
        if len(cid) != 12 or len(name) < 2 or cid in seen:
            continue
        d, m, y = dob.split("/")
        seen.add(cid)
        w.writerow([cid, name[0], " ".join(name[1:-1]), name[-1], f"{y}-{m}-{d}", "female" if sex == "Nữ" else "male", cid[:3]])
    rows = csv.reader(open(others, encoding="utf-8"))
    next(rows)
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            w.writerow(row)
PY
echo "# $ROWS learners in the database; registry of $(($(wc -l < "$WORK/registry.csv") - 1)) people"
/usr/bin/time -f "verify: wall %e s, peak RSS %M KB" "$BIN" identity verify --registry-file "$WORK/registry.csv" "${DB[@]}" 2>&1 \
    | grep -v "people/s, ETA\|people, [0-9]* people/s$" || true
"$BIN" identity rates --level nation "${DB[@]}"
