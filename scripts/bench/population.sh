#!/usr/bin/env bash
# Issue 4's registry: `nemis population generate` of N people (wall, peak RSS, size), the stand-in service
# loading that file, and lookups by citizen ID through the real HTTP client (batches of 1,000) and in process.
#   swift build -c release --product nemis && scripts/bench/population.sh [people] [lookups]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$(realpath "${NEMIS_BIN:-.build/release/nemis}")"
PEOPLE="${1:-2000000}"
LOOKUPS="${2:-200000}"
WORK="$(mktemp -d /tmp/nemis-population.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
SERVER=""
echo "# machine: $(nproc) cores, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ); binary: $BIN"

/usr/bin/time -f "generate: wall %e s, peak RSS %M KB" "$BIN" population generate --people "$PEOPLE" --seed 2026 --out "$WORK/registry.csv"
export NEMIS_POPULATION_URL="http://127.0.0.1:$PORT" NEMIS_POPULATION_CLIENT_ID=bench NEMIS_POPULATION_CLIENT_SECRET=bench-secret
START=$(date +%s.%N)
/usr/bin/time -f "serve: peak RSS %M KB" -o "$WORK/serve.time" "$BIN" population serve --data "$WORK/registry.csv" --port "$PORT" \
    --client-id bench --client-secret bench-secret >"$WORK/serve.log" 2>&1 &
SERVER=$!
until curl -s -o /dev/null "http://127.0.0.1:$PORT/v1/citizens/lookup"; do
    kill -0 $SERVER 2>/dev/null || { cat "$WORK/serve.log"; exit 1; }
    sleep 0.1
done
python3 -c "print(f'serve: loaded and answering after {$(date +%s.%N) - $START:.1f} s')"
echo -n "HTTP lookup: "; "$BIN" population lookup --from "$WORK/registry.csv" --limit "$LOOKUPS"
echo -n "in-process lookup: "; "$BIN" population lookup --from "$WORK/registry.csv" --in-process "$WORK/registry.csv"
pkill -TERM -P $SERVER; wait $SERVER 2>/dev/null || true
cat "$WORK/serve.time"
