#!/usr/bin/env bash
# Issue 6's credential benchmark: raw swift-crypto Ed25519 sign and verify (64-byte messages) beside
# end-to-end credential signing and verification of realistic year records (CLR 2.0 with 12 subjects,
# eddsa-jcs-2022), on one core and on all cores, in one run; then a province's 1.5 million year records
# built, signed and serialised in one batch on all cores, in memory.
#   flock /tmp/nemis-swift-build.lock swift build -c release --product nemis && scripts/bench/credentials.sh
# Environment: BENCH_COUNT (records in the batch, default 1500000), BENCH_SECONDS (seconds per rate,
# default 3), BENCH_WORKERS (threads, default all cores), NEMIS_BIN (default .build/release/nemis).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${NEMIS_BIN:-.build/release/nemis}"
COUNT="${BENCH_COUNT:-1500000}"
SECONDS_PER_RATE="${BENCH_SECONDS:-3}"
WORKERS="${BENCH_WORKERS:-$(nproc)}"

echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# binary: $BIN"
/usr/bin/time -f "# wall %e s, max RSS %M KB" \
    "$BIN" credentials bench --count "$COUNT" --seconds "$SECONDS_PER_RATE" --workers "$WORKERS"
