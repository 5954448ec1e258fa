#!/usr/bin/env bash
# Issue 4's baseline: Splink (DuckDB backend) linking school records to the registry, in a virtual
# environment of its own (created on first use at $SPLINK_VENV, default /var/tmp/nemis-splink-venv).
#   scripts/bench/identity-baseline.sh --registry DIR/registry.csv --records DIR/records.csv --out decisions.csv [--limit K]
# Arguments go to identity_splink.py unchanged.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${SPLINK_VENV:-/var/tmp/nemis-splink-venv}"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c "import splink, duckdb" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check splink duckdb >&2
fi
exec "$VENV/bin/python" scripts/bench/identity_splink.py "$@"
