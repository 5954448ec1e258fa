#!/usr/bin/env bash
# The project's test command: every test, on SQLite and on a real PostgreSQL server.
#   scripts/test.sh                 build and run all tests
#   scripts/test.sh --filter Citizen   any `swift test` arguments pass through (and skip the browser tests)
#   NEMIS_SKIP_E2E=1 scripts/test.sh   every Swift test, without the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_ARGS=()
if [[ -n "${NEMIS_BUILD_DIR:-}" ]]; then
    BUILD_ARGS+=(--scratch-path "$NEMIS_BUILD_DIR")
fi

# The OpenAPI test validates the served document with openapi-spec-validator.
if ! python3 -c "import openapi_spec_validator" 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check "openapi-spec-validator>=0.7" >&2
fi

# Swift Testing starts every test at once unless told otherwise. On the cooperative pool (a thread per
# core, two in CI) each await of an async test then waits behind every synchronous test not yet run,
# some 40 s of them in a debug build, and a live server's request could outlast its client's 20 s
# timeout. Eight tests at a time keep the database tests overlapping and that queue short. The variable
# is swift-testing's experimental name (read by Swift 6.3): a toolchain without it runs every test at once.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-8}"

swift build --build-tests "${BUILD_ARGS[@]}"
scripts/with-postgres.sh swift test --skip-build "${BUILD_ARGS[@]}" "$@"

# A full run ends with the web pages in a real browser (headless Chromium); a filtered run skips it.
if [[ $# -eq 0 && "${NEMIS_SKIP_E2E:-}" != "1" ]]; then
    scripts/e2e.sh
fi
