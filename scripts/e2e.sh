#!/usr/bin/env bash
# The web pages end to end in a real browser: headless Chromium (Debian's chromium and
# chromium-driver) driven by Python selenium through pytest, against `nemis serve --demo` on a
# throwaway SQLite file and a free port. It builds nothing: it runs the nemis binary of the last
# `swift build` (scripts/test.sh builds it first).
#   scripts/e2e.sh                 run every browser test
#   scripts/e2e.sh -k teacher      pytest arguments pass through
# Environment: NEMIS_BIN (the binary; default: the debug build under NEMIS_BUILD_DIR or .build),
# NEMIS_E2E_ARTIFACTS (screenshots and page sources of failed tests; default /tmp/nemis-e2e).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${NEMIS_BIN:-${NEMIS_BUILD_DIR:-.build}/debug/nemis}"
if [[ ! -x "$BIN" ]]; then
    echo "no nemis binary at $BIN: build it first (swift build --product nemis)" >&2
    exit 1
fi
for tool in chromium chromedriver; do
    command -v "$tool" >/dev/null || { echo "$tool not found; install it with: apt-get install -y chromium chromium-driver" >&2; exit 1; }
done
python3 -c "import selenium, pytest" 2>/dev/null || {
    echo "Python selenium and pytest not found; install them with: python3 -m pip install selenium pytest" >&2
    exit 1
}

WORK="$(mktemp -d /tmp/nemis-e2e-run.XXXXXX)"
export NEMIS_E2E_ARTIFACTS="${NEMIS_E2E_ARTIFACTS:-/tmp/nemis-e2e}"
rm -rf "$NEMIS_E2E_ARTIFACTS"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export NEMIS_E2E_URL="http://127.0.0.1:$PORT"

SERVER_PID=""
stop() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop EXIT

"$BIN" serve --demo --sqlite "$WORK/nemis.sqlite" --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

# The server answers once the schema is migrated and the demo province is loaded.
for _ in $(seq 1 240); do
    if curl -fsS "$NEMIS_E2E_URL/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "nemis serve --demo stopped before answering:" >&2
        cat "$WORK/server.log" >&2
        exit 1
    fi
    sleep 0.5
done
curl -fsS "$NEMIS_E2E_URL/health" >/dev/null || { echo "nemis did not answer within 120 s" >&2; cat "$WORK/server.log" >&2; exit 1; }

status=0
# Nothing is written into the checkout: no bytecode, no pytest cache.
PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q -p no:cacheprovider Tests/e2e "$@" || status=$?
if [[ $status -ne 0 ]]; then
    mkdir -p "$NEMIS_E2E_ARTIFACTS"
    cp "$WORK/server.log" "$NEMIS_E2E_ARTIFACTS/server.log"
    echo "browser tests failed: screenshots, page sources and the server log are in $NEMIS_E2E_ARTIFACTS" >&2
fi
exit $status
