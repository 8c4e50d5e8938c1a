#!/usr/bin/env bash
# npm test — everything CI checks: types, Vitest (unit + integration against PostgreSQL,
# PGlite and Redis), a production build, and Playwright in Chromium against that build.
# Needs: PostgreSQL on 127.0.0.1:5432 (trust), Redis on 127.0.0.1:6379, and the Debian
# packages prometheus and chromium (.ci/run installs and starts them).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== typecheck"
npx tsc --noEmit

echo "== vitest"
npx vitest run

echo "== next build"
npx next build

echo "== playwright"
npx playwright test
