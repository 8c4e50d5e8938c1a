#!/usr/bin/env bash
# The console as an operator runs it: a production build on the embedded store, users
# created with the CLI, real PostgreSQL / Redis / Prometheus as the Phoenix dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf "$DATA_DIR"
for role in viewer sre lead admin; do
  printf '%s' "$E2E_PASSWORD" | npm run -s user:add -- --email "$role@phoenix.local" --role "$role" --name "E2E $role" --password-stdin
done
exec npx next start -p "$E2E_PORT" -H 127.0.0.1
