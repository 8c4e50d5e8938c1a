#!/usr/bin/env bash
# A real Prometheus for the end-to-end tests (started and stopped by Playwright): it scrapes
# the sandbox cluster's exporters and evaluates the project's alert rules (prometheus/), with
# their `for:` durations cut to 5 s and a 1 s cadence so an alert fires within a test.
set -euo pipefail
dir=$(mktemp -d /tmp/phoenix-e2e-prometheus.XXXXXX)
sed -E 's/^( +for: ).*/\15s/' prometheus/phoenix-alerts.yml > "$dir/phoenix-alerts.yml"
cat > "$dir/prometheus.yml" <<YAML
global: { scrape_interval: 5s, evaluation_interval: 1s }
rule_files: ["$dir/phoenix-alerts.yml"]
scrape_configs:
  - job_name: prometheus
    static_configs: [{ targets: ["127.0.0.1:${E2E_PROMETHEUS_PORT}"] }]
  # The sandbox serves its own CA, regenerated when the e2e server starts (after this).
  - job_name: phoenix-sandbox
    scrape_interval: 1s
    scheme: https
    tls_config: { insecure_skip_verify: true }
    static_configs: [{ targets: ["127.0.0.1:${E2E_SANDBOX_PORT}"] }]
YAML
exec prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
  --web.listen-address="127.0.0.1:${E2E_PROMETHEUS_PORT}" --log.level=warn
