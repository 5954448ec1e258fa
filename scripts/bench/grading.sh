#!/usr/bin/env bash
# Issue 6's speed benchmark: year results under Circular 22/2021 for a million synthetic grade-6 learners
# × 12 subjects, through the bulk path (GradebookLayout.computeYearOutcomes) and the per-learner path
# (YearResults.compute), on one core and on all cores. Builds the separate Benchmarks/ package in
# release (only the Grading kernel and the benchmark are compiled), then runs it.
#   scripts/bench/grading.sh                      1,000,000 learners, 1 warm-up + 5 timed runs per row
#   scripts/bench/grading.sh --learners 100000    any grading-bench options pass through (--help lists them)
set -euo pipefail
cd "$(dirname "$0")/../.."
LOCK=/tmp/nemis-swift-build.lock

flock "$LOCK" swift build -c release --package-path Benchmarks --product grading-bench 2>&1 | tail -5

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GB, $(uname -r)"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
# The run measures CPU time on a machine where builds share the cores, so it holds the build lock too:
# no build starts until it ends. Other work may still run: the load average before the run hints at
# it, and an all-cores row whose CPU time is well under cores × wall time did not get every core.
echo "# load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
exec flock "$LOCK" Benchmarks/.build/release/grading-bench "$@"
