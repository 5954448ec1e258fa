#!/usr/bin/env bash
# Issue 4's identity benchmark: school records of learners and staff verified against the population
# registry by `nemis identity verify-file`, beside a Splink baseline, both scored on the same labelled
# records (identity_records.py: damaged names, dates and IDs, absent people, dense namesakes).
#   swift build -c release --product nemis && scripts/bench/identity.sh [people] [records]
# Defaults: 2,000,000 registry people, 1,000,000 records. SPLINK_RECORDS=K runs the baseline on the
# first K records only (the registry stays whole) when the full size takes too long; the output says so.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$(realpath "${NEMIS_BIN:-.build/release/nemis}")"
PEOPLE="${1:-2000000}"
RECORDS="${2:-1000000}"
SPLINK_RECORDS="${SPLINK_RECORDS:-}"
HERE=scripts/bench
WORK="$(mktemp -d /tmp/nemis-identity.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
[[ -x "$BIN" ]] || { echo "no $BIN: run swift build -c release --product nemis first" >&2; exit 1; }
echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); binary: $BIN"

/usr/bin/time -f "registry: wall %e s, peak RSS %M KB" "$BIN" population generate --people "$PEOPLE" --seed 2026 --out "$WORK/full-registry.csv"
/usr/bin/time -f "records: wall %e s, peak RSS %M KB" python3 "$HERE/identity_records.py" --registry "$WORK/full-registry.csv" \
    --records "$RECORDS" --seed 2026 --out-dir "$WORK"
rm "$WORK/full-registry.csv"

echo
echo "## nemis identity verify-file"
# An unknown subcommand prints the root help and still exits 0: look for the command's own options.
if ! "$BIN" identity verify-file --help 2>&1 | grep -q -- '--records'; then
    echo "$BIN has no 'identity verify-file' command: build a binary that has it" >&2
    exit 1
fi
/usr/bin/time -f "nemis: wall %e s, peak RSS %M KB" "$BIN" identity verify-file --registry "$WORK/registry.csv" \
    --records "$WORK/records.csv" --out "$WORK/nemis-decisions.csv"
python3 "$HERE/identity_score.py" --records "$WORK/records.csv" --decisions "$WORK/nemis-decisions.csv" \
    --label "nemis, $RECORDS records, $PEOPLE people" > "$WORK/nemis-score.md"

echo
echo "## Splink baseline"
SPLINK_INPUT="$WORK/records.csv"
SPLINK_LABEL="splink, $RECORDS records, $PEOPLE people"
if [[ -n "$SPLINK_RECORDS" && "$SPLINK_RECORDS" -lt "$RECORDS" ]]; then
    head -n "$((SPLINK_RECORDS + 1))" "$WORK/records.csv" > "$WORK/records-splink.csv"
    SPLINK_INPUT="$WORK/records-splink.csv"
    SPLINK_LABEL="splink, first $SPLINK_RECORDS of $RECORDS records (SPLINK_RECORDS), $PEOPLE people"
    echo "Splink runs on the first $SPLINK_RECORDS records only (SPLINK_RECORDS); its figures are not for the full file."
fi
/usr/bin/time -f "splink: wall %e s, peak RSS %M KB" "$HERE/identity-baseline.sh" --registry "$WORK/registry.csv" \
    --records "$SPLINK_INPUT" --out "$WORK/splink-decisions.csv"
python3 "$HERE/identity_score.py" --records "$SPLINK_INPUT" --decisions "$WORK/splink-decisions.csv" \
    --label "$SPLINK_LABEL" > "$WORK/splink-score.md"

echo
cat "$WORK/nemis-score.md" "$WORK/splink-score.md"
