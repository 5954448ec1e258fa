#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster on a free local port, and tears it down after.
# The cluster's admin URL is exported as NEMIS_TEST_POSTGRES_URL. If that variable is already set,
# the command runs against that server instead.
#   scripts/with-postgres.sh swift test
set -euo pipefail

if [[ -n "${NEMIS_TEST_POSTGRES_URL:-}" ]]; then
    exec "$@"
fi

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
    echo "PostgreSQL server binaries not found; install them with: apt-get install -y postgresql-15" >&2
    exit 1
fi

DATA_DIR="$(mktemp -d /tmp/nemis-pg.XXXXXX)"
PORT="${NEMIS_TEST_POSTGRES_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"

# initdb refuses to run as root: run the cluster as an unprivileged user.
AS=()
if [[ "$(id -u)" == "0" ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$DATA_DIR"
    AS=(runuser -u postgres --)
fi

cleanup() {
    "${AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DATA_DIR"
}
trap cleanup EXIT

"${AS[@]}" "$PG_BIN/initdb" -D "$DATA_DIR/data" -U nemis --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA_DIR/data" -l "$DATA_DIR/server.log" -w \
    -o "-p $PORT -k $DATA_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null

export NEMIS_TEST_POSTGRES_URL="postgres://nemis@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') for tests at 127.0.0.1:$PORT" >&2
"$@"
