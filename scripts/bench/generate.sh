#!/usr/bin/env bash
# Issue 3's synthetic dataset: times `nemis generate` with /usr/bin/time (wall time, peak RSS) at the
# scale asked, then prints rows/s and the size of each file. The files go to a directory under /tmp
# (several GB at national scale), removed afterwards unless KEEP=1.
#   swift build -c release --product nemis && scripts/bench/generate.sh [national|province|school] [seed] [extra generate options]
# e.g. scripts/bench/generate.sh national 2026
#      scripts/bench/generate.sh province 2026 --province 79 --dirty 0.02
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${NEMIS_BIN:-.build/release/nemis}"
SCALE="${1:-province}"
SEED="${2:-2026}"
shift $(( $# > 2 ? 2 : $# ))
OUT="$(mktemp -d /tmp/nemis-generate.XXXXXX)"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$OUT"' EXIT

echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# command: $BIN generate --scale $SCALE --seed $SEED --out $OUT $*"
/usr/bin/time -f "wall %e s, user %U s, system %S s, peak RSS %M KB" \
    "$BIN" generate --scale "$SCALE" --seed "$SEED" --out "$OUT" "$@" 2>"$OUT.time" | tee "$OUT.summary"
grep -v "^generate: part" "$OUT.time" || true
ROWS=$(awk '/rows in/ {print $3}' "$OUT.summary")
WALL=$(awk '/^wall/ {print $2}' "$OUT.time")
python3 -c "print(f'{$ROWS:,} rows in {$WALL} s wall: {$ROWS / $WALL:,.0f} rows/s')"
du -sh "$OUT" | awk '{print "total size " $1}'
rm -f "$OUT.time" "$OUT.summary"
[ "${KEEP:-0}" = 1 ] && echo "kept in $OUT" || true
