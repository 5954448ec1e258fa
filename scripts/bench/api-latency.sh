#!/usr/bin/env bash
# Issue 2's speed benchmark: GET a learner by ID and GET a class roster (about 40 learners) on SQLite,
# beside the /ping route of the same server in the same run; then the same routes paced at about
# 1,000 requests/s for p99; and `serve --demo` to its first answered request.
#   swift build -c release --product nemis && scripts/bench/api-latency.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${NEMIS_BIN:-.build/release/nemis}"
ROOT_BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
DURATION="${BENCH_DURATION:-10s}"
PORT="${BENCH_PORT:-18080}"
WORK="$(mktemp -d /tmp/nemis-bench.XXXXXX)"
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
B="http://127.0.0.1:$PORT"

echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# binary: $BIN"

# 1. serve --demo on an empty directory, to the first answered request.
START=$(date +%s.%N)
(cd "$WORK" && exec "$ROOT_BIN" serve --demo --port "$PORT" >"$WORK/serve.log" 2>&1) &
SERVER=$!
until curl -sf "$B/health" >/dev/null 2>&1; do
    kill -0 $SERVER 2>/dev/null || { cat "$WORK/serve.log"; exit 1; }
    sleep 0.05
done
END=$(date +%s.%N)
python3 -c "print(f'serve --demo to first answered request: {$END - $START:.2f} s (empty database, demo loaded)')"
grep -o "seconds=[0-9.]*" "$WORK/serve.log" | sed 's/^/  demo load /' || true

# 2. Sign in: a teacher reads without identity data; a school admin's reads include citizen IDs and
#    are therefore each written to the audit log.
cookie_for() {
    curl -s -D - -o /dev/null -X POST "$B/api/v1/session" -H 'content-type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"nemis-demo-2026\"}" | tr -d '\r' | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}'
}
TEACHER=$(cookie_for giaovien.19th001)
ADMIN=$(cookie_for truong.19th001)
LEARNER=$(curl -s -H "Cookie: $TEACHER" "$B/api/v1/learners?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
CLASS=$(curl -s -H "Cookie: $TEACHER" "$B/api/v1/classes?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
SIZE=$(curl -s -H "Cookie: $TEACHER" "$B/api/v1/classes/$CLASS/roster" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
echo "learner $LEARNER; class $CLASS with $SIZE learners"

run() { # name path cookie script [wrk args...]
    local name=$1 path=$2 cookie=$3 script=$4; shift 4
    local out
    out=$(BENCH_PATH="$path" BENCH_COOKIE="$cookie" wrk --latency -s "scripts/bench/$script" "$@" "$B" 2>&1)
    local rps p50 p99
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    printf "%-34s %10s req/s   p50 %8s   p99 %8s\n" "$name" "$rps" "$p50" "$p99"
}

# The five routes, with the same wrk script and arguments for each.
suite() { # script [wrk args...]
    local script=$1; shift
    run "GET /ping (baseline)" /ping "" "$script" "$@"
    run "GET learner by ID (teacher)" "/api/v1/learners/$LEARNER" "$TEACHER" "$script" "$@"
    run "GET class roster (teacher)" "/api/v1/classes/$CLASS/roster" "$TEACHER" "$script" "$@"
    run "GET learner by ID (admin, audited)" "/api/v1/learners/$LEARNER" "$ADMIN" "$script" "$@"
    run "GET class roster (admin, audited)" "/api/v1/classes/$CLASS/roster" "$ADMIN" "$script" "$@"
}

echo "## full speed: wrk -t2 -c16 -d$DURATION"
suite auth.lua -t2 -c16 -d"$DURATION"

echo "## paced: 10 connections x 1 request per 10 ms (about 1,000 req/s offered)"
suite paced.lua -t2 -c10 -d"$DURATION"
