#!/usr/bin/env bash
# A real Prometheus for the end-to-end tests (started and stopped by Playwright).
set -euo pipefail
dir=$(mktemp -d /tmp/phoenix-e2e-prometheus.XXXXXX)
cat > "$dir/prometheus.yml" <<YAML
global: { scrape_interval: 5s }
scrape_configs:
  - job_name: prometheus
    static_configs: [{ targets: ["127.0.0.1:${E2E_PROMETHEUS_PORT}"] }]
YAML
exec prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
  --web.listen-address="127.0.0.1:${E2E_PROMETHEUS_PORT}" --log.level=warn
