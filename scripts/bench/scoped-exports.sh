#!/usr/bin/env bash
# Scoped exports timed on a database that already holds a province's learners (see import-province.sh):
# `nemis export learners` of one school and of the province, and `nemis oneroster export` of the school
# and of the province, each with its wall time, peak RSS and the MD5 of what it wrote, so that two builds
# can be run alternately on the same database and their files compared.
#   scripts/bench/scoped-exports.sh BIN SCHOOL_CODE PROVINCE_CODE --database-url postgres://…   (or --sqlite FILE)
set -uo pipefail
BIN="$1"; SCHOOL="$2"; PROVINCE="$3"; shift 3
OUT="$(mktemp -d /tmp/nemis-scoped.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
run() {
  local label="$1"; shift
  local took
  took=$(/usr/bin/time -f "%e s, %M KB" "$BIN" "$@" --log-level error 2>&1 >/dev/null | tail -1)
  echo "$label: $took, md5 $(find "$OUT" -type f | sort | xargs cat | md5sum | cut -c1-8)"
  rm -rf "$OUT"/result*
}
run "export learners --school $SCHOOL" export learners --school "$SCHOOL" --out "$OUT/result.csv" "$@"
run "export learners --province $PROVINCE" export learners --province "$PROVINCE" --out "$OUT/result.csv" "$@"
run "oneroster export --school $SCHOOL" oneroster export --school "$SCHOOL" --out "$OUT/result" "$@"
run "oneroster export --province $PROVINCE" oneroster export --province "$PROVINCE" --out "$OUT/result" "$@"
