#!/usr/bin/env bash
# Issue 5's clearing benchmark: `nemis admissions clear` beside a plain-Python deferred acceptance
# (clearing_reference.py) and PyPI's `matching` (HospitalResident), on the same generated files.
#   swift build -c release --product nemis && scripts/bench/clearing.sh
#
# Instances (clearing_generate.py, fixed seeds, cached under $BENCH_DATA):
#   600k: 600,000 candidates, ~3.04M wishes, 4,000 programs (the issue's first goal)
#   849k: 849,000 candidates, ~7.08M wishes, 4,000 programs (the 2025 scale)
#   matching: $BENCH_MATCHING_CANDIDATES candidates (default 10,000), strict programs only, since the
#     library has no ties and takes about half a minute at that size
# For each: nemis $BENCH_RUNS times (DA-only time from its summary, whole command and peak RSS from
# /usr/bin/time -v), the Python reference once, and a byte comparison of assignment.csv and
# cutoffs.csv with the reference's. Exits non-zero if any output differs.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${NEMIS_BIN:-.build/release/nemis}"
DATA="${BENCH_DATA:-/tmp/nemis-clearing-bench}"
RUNS="${BENCH_RUNS:-3}"
VENV="${BENCH_VENV:-/tmp/nemis-bench-venv}"
MATCHING_CANDIDATES="${BENCH_MATCHING_CANDIDATES:-10000}"
HERE=scripts/bench

[[ -x "$BIN" ]] || { echo "no $BIN: run swift build -c release --product nemis first" >&2; exit 1; }
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c "import matching" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check matching >&2
fi
mkdir -p "$DATA"

echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); binary: $BIN"

# generate NAME CANDIDATES MEAN_WISHES PROGRAMS SEED [--strict-only]
generate() {
    local dir="$DATA/$1"
    if [[ ! -s "$dir/wishes.csv" ]]; then
        echo "generating $1 ..." >&2
        python3 "$HERE/clearing_generate.py" --candidates "$2" --mean-wishes "$3" --programs "$4" --seed "$5" ${6:-} --out "$dir"
    fi
    echo "## $1: $(($(wc -l <"$dir/wishes.csv") - 1)) wishes, $(($(wc -l <"$dir/programs.csv") - 1)) programs," \
         "$(du -m "$dir/wishes.csv" | cut -f1) MB of wishes.csv"
}

# timed LABEL LOG COMMAND...: runs COMMAND with its output in LOG; prints wall time and peak RSS.
timed() {
    local label="$1" log="$2"; shift 2
    /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1 || { cat "$log" "$log.time" >&2; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log.time")
    printf '%-34s wall %7.2f s   peak RSS %6s MB' "$label" "$wall" "$rss"
}

# same NAME A B: byte comparison.
same() {
    if cmp -s "$2" "$3"; then echo "$1 identical"; else echo "$1 DIFFERENT"; DIFFERENT=1; fi
}
DIFFERENT=0

run_instance() {
    local name="$1" dir="$DATA/$1"
    for run in $(seq 1 "$RUNS"); do
        timed "nemis admissions clear (run $run)" "$dir/nemis.log" \
            "$BIN" admissions clear --programs "$dir/programs.csv" --wishes "$dir/wishes.csv" \
            --out "$dir/nemis-assignment.csv" --cutoffs "$dir/nemis-cutoffs.csv"
        awk '/^deferred acceptance/ {da = $3; dacpu = $6} /^read wishes/ {rw = $3} /^total/ {t = $2; tcpu = $5}
             END {printf "   DA only %.3f s (cpu %.3f), read wishes %.3f s, in-process total %.3f s (cpu %.3f)\n", da, dacpu, rw, t, tcpu}' \
            "$dir/nemis.log"
    done
    sed 's/^/    /' "$dir/nemis.log"
    timed "python reference" "$dir/reference.log" \
        python3 "$HERE/clearing_reference.py" --programs "$dir/programs.csv" --wishes "$dir/wishes.csv" \
        --out "$dir/reference-assignment.csv" --cutoffs "$dir/reference-cutoffs.csv"
    echo "   ($(cat "$dir/reference.log"))"
    same "assignment.csv vs reference:" "$dir/nemis-assignment.csv" "$dir/reference-assignment.csv"
    same "cutoffs.csv vs reference:" "$dir/nemis-cutoffs.csv" "$dir/reference-cutoffs.csv"
}

generate 600k 600000 5.07 4000 2025
run_instance 600k
echo
generate 849k 849000 8.34 4000 2026
run_instance 849k
echo

# The matching library: a smaller strict-only instance, about 15 candidates per program as above.
name="matching-$MATCHING_CANDIDATES"
generate "$name" "$MATCHING_CANDIDATES" 5.07 $((MATCHING_CANDIDATES / 150)) 2027 --strict-only
dir="$DATA/$name"
RUNS=1 run_instance "$name"
timed "matching.HospitalResident" "$dir/matching.log" \
    "$VENV/bin/python" "$HERE/clearing_matching.py" --programs "$dir/programs.csv" --wishes "$dir/wishes.csv" \
    --out "$dir/matching-assignment.csv"
echo "   ($(cat "$dir/matching.log"))"
same "matching assignment vs reference:" "$dir/matching-assignment.csv" "$dir/reference-assignment.csv"

exit "$DIFFERENT"
