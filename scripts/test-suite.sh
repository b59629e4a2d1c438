#!/usr/bin/env bash
# The whole test suite, as `./run test` and CI run it. Expects ensure_toolchain to
# have run (./run does it); sourcing toolchain.sh again is cheap and makes this
# script runnable on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=toolchain.sh
source scripts/toolchain.sh
ensure_toolchain

started=$(date +%s)
step() { log "── $* ($(($(date +%s) - started))s)"; }

# ── PostgreSQL: the database tests run on SQLite always, and on PostgreSQL when
# a server answers. Backstage's TestDatabases picks it up from an environment
# variable named after the server's major version.
pg_url="${ML_DEBT_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
if pg_major=$(node scripts/postgres-major.js "$pg_url" 2>/tmp/ml-debt-pg-probe.err); then
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${pg_major}_CONNECTION_STRING=$pg_url"
  log "PostgreSQL $pg_major answers at $pg_url: database tests run on SQLite and PostgreSQL"
else
  if [ -n "${ML_DEBT_REQUIRE_POSTGRES:-}" ]; then
    die "PostgreSQL is required (ML_DEBT_REQUIRE_POSTGRES) but $pg_url does not answer: $(cat /tmp/ml-debt-pg-probe.err)"
  fi
  printf '\n\033[1;33m%s\033[0m\n%s\n\n' \
    "!! PostgreSQL test cases will be SKIPPED: $pg_url does not answer ($(cat /tmp/ml-debt-pg-probe.err))." \
    "!! Start PostgreSQL or set ML_DEBT_PG_URL to run them; the SQLite cases run either way." >&2
fi
# No Docker here: never let the test utilities try to start database containers.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

step "type check (tsc)"
yarn tsc

step "lint"
yarn backstage-cli repo lint

step "formatting (prettier)"
yarn prettier --check .

step "unit and integration tests"
rm -rf test-results e2e-test-results/results.json
mkdir -p test-results
# CI=true disables watch mode; --ci makes missing snapshots fail. The JSON
# report feeds the summary at the end.
CI=true yarn backstage-cli repo test --ci --json --outputFile="$PWD/test-results/jest.json"

e2e_report=""
if [ -n "${ML_DEBT_SKIP_E2E:-}" ]; then
  printf '\n\033[1;33m!! browser tests SKIPPED (ML_DEBT_SKIP_E2E is set)\033[0m\n\n' >&2
else
  step "browser tests (headless Chromium)"
  bash scripts/ensure-chromium.sh
  yarn playwright test
  e2e_report=e2e-test-results/results.json
fi

step "all tests passed"
node scripts/summarise-tests.js test-results/jest.json $e2e_report
