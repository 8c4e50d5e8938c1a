#!/usr/bin/env bash
# npm test — everything CI checks: types, Vitest (unit + integration against PostgreSQL,
# PGlite and Redis), a production build, and Playwright in Chromium against that build.
# Needs: PostgreSQL on 127.0.0.1:5432 (trust), Redis on 127.0.0.1:6379, and the Debian
# packages prometheus and chromium (.ci/run installs and starts them); kubectl on PATH, and
# apt-get download for Debian's kubectl 1.20 (scripts/get-kubectl-1.20.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p reports

echo "== typecheck"
npx tsc --noEmit

echo "== lint (ESLint, then the import boundaries)"
npm run --silent lint

echo "== kubectl 1.20 for the conformance tests"
bash scripts/get-kubectl-1.20.sh >/dev/null

echo "== vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json

echo "== next build"
npx next build

echo "== playwright"
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json

# One closing line over both runners.
node -e '
const v = require("./reports/vitest.json");
const p = require("./reports/playwright.json").stats;
const passed = v.numPassedTests + p.expected;
const failed = v.numFailedTests + p.unexpected + p.flaky;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
'
