#!/usr/bin/env bash
# Issue 5's deadline burst on PostgreSQL: free candidates' registrations, then candidates' wishes,
# written over HTTP on loopback by wrk (every request a different record), first at full speed, then
# paced at about 3,000 writes/s for the p99. Afterwards the rows in the database are counted against
# the 201/200 answers wrk received: nothing acknowledged may be missing.
#   swift build -c release --product nemis && scripts/bench/write-burst.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export BIN="$(realpath "${NEMIS_BIN:-.build/release/nemis}")"
export DURATION="${BENCH_DURATION:-15s}"
export BURST_PORT="${BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
export WORK="$(mktemp -d /tmp/nemis-burst.XXXXXX)"
chmod 755 "$WORK"
trap 'rm -rf "$WORK"' EXIT
echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); binary: $BIN"

exec scripts/with-postgres.sh bash -c '
set -euo pipefail
URL="${NEMIS_TEST_POSTGRES_URL%/postgres}/burst"
psql -q "$NEMIS_TEST_POSTGRES_URL" -c "CREATE DATABASE burst"
"$BIN" migrate --database-url "$URL" >/dev/null 2>&1
"$BIN" setup --database-url "$URL" --log-level error >/dev/null
CREDENTIALS=$("$BIN" client create load-test --org MOET --scope exams:manage --database-url "$URL" --log-level error)
CLIENT_ID=$(echo "$CREDENTIALS" | awk "/client_id/ {print \$2}")
CLIENT_SECRET=$(echo "$CREDENTIALS" | awk "/client_secret/ {print \$2}")
NEMIS_LOG_LEVEL=error "$BIN" serve --database-url "$URL" --port "$BURST_PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap "kill $SERVER 2>/dev/null || true" EXIT
B="http://127.0.0.1:$BURST_PORT"
until curl -sf "$B/health" >/dev/null 2>&1; do kill -0 $SERVER 2>/dev/null || { cat "$WORK/serve.log"; exit 1; }; sleep 0.1; done
export BURST_TOKEN=$(curl -s -X POST "$B/oauth/token" -d "grant_type=client_credentials&client_id=$CLIENT_ID&client_secret=$CLIENT_SECRET" \
    | python3 -c "import json,sys; print(json.load(sys.stdin)[\"access_token\"])")
api() { curl -s -X "$1" "$B$2" -H "Authorization: Bearer $BURST_TOKEN" -H "content-type: application/json" ${3:+-d "$3"}; }
timeline() {  # registration open now, or results out and wishes open now
    python3 -c "
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc)
at = lambda days: (now + datetime.timedelta(days=days)).isoformat(timespec=\"seconds\")
offsets = [-1, 1, 10, 12, 30, 40] if sys.argv[1] == \"register\" else [-40, -30, -12, -10, -1, 5]
keys = [\"registrationOpens\", \"registrationCloses\", \"examStarts\", \"examEnds\", \"resultsPublished\", \"remarkingCloses\"]
body = {\"examYear\": 2027, \"name\": \"Kỳ thi tốt nghiệp THPT năm 2027\", **{k: at(d) for k, d in zip(keys, offsets)}}
if sys.argv[1] == \"wishes\": body.update(wishesClose=at(3), confirmationCloses=at(10))
print(json.dumps(body))" "$1"
}
export BURST_SEASON=$(api POST /api/v1/exam-seasons "$(timeline register)" | python3 -c "import json,sys; print(json.load(sys.stdin)[\"id\"])")

count() { psql -tA "$URL" -c "$1"; }
run() {  # label, wrk arguments
    local label="$1"; shift
    local out
    out=$(wrk --latency -s scripts/bench/burst.lua "$@" "$B" 2>&1) || { echo "$out" >&2; return 1; }
    local rps p50 p99 ok
    rps=$(echo "$out" | awk "/Requests\\/sec/ {print \$2}")
    p50=$(echo "$out" | awk "\$1==\"50%\" {print \$2}")
    p99=$(echo "$out" | awk "\$1==\"99%\" {print \$2}")
    ok=$(echo "$out" | awk "/^status 20[01]/ {s += \$3} END {print s + 0}")
    printf "%-46s %9s writes/s   p50 %8s   p99 %8s   %s acknowledged" "$label" "$rps" "$p50" "$p99" "$ok"
    echo "$out" | awk "/^status/ && \$2 !~ /^20[01]\$/ {printf \"   (%s answered %s)\", \$3, \$2}"
    echo
    ACKED=$((${ACKED:-0} + ok))
}

echo "## registrations (POST, free candidates by the exam board)"
ACKED=0
BURST_MODE=register run "full speed: wrk -t2 -c64 -d$DURATION" -t2 -c64 -d"$DURATION"
BURST_MODE=register BURST_OFFSET=500000 PACE_DELAY_MS=20 run "paced: 60 connections x 1 per 20 ms (3,000/s)" -t2 -c60 -d"$DURATION"
STORED=$(count "SELECT COUNT(*) FROM exam_registrations")
echo "registrations acknowledged $ACKED, stored $STORED: $(( ACKED > STORED ? ACKED - STORED : 0 )) acknowledged but missing (requests still in flight when wrk stopped are stored without being counted)"

echo "## wishes (PUT, 3 ordered programmes per candidate, replaced)"
api PUT "/api/v1/exam-seasons/$BURST_SEASON" "$(timeline wishes)" >/dev/null
for n in $(seq 1 20); do
    api POST "/api/v1/exam-seasons/$BURST_SEASON/programs" "{\"code\":\"P$(printf %03d $n)\",\"name\":\"Ngành $n\",\"institution\":\"DH$((n % 5))\",\"quota\":500,\"combinations\":[{\"code\":\"A00\",\"subjects\":[\"TOAN\",\"VATLI\",\"HOAHOC\"]}],\"threshold\":\"15\"}" >/dev/null
done
count "SELECT id FROM exam_registrations" > "$WORK/ids"
export BURST_IDS="$WORK/ids"
ACKED=0
BURST_MODE=wishes run "full speed: wrk -t2 -c64 -d$DURATION" -t2 -c64 -d"$DURATION"
BURST_MODE=wishes PACE_DELAY_MS=20 run "paced: 60 connections x 1 per 20 ms (3,000/s)" -t2 -c60 -d"$DURATION"
echo "wish lists written $ACKED; registrations with wishes $(count "SELECT COUNT(DISTINCT registration_id) FROM admission_wishes")"
'
