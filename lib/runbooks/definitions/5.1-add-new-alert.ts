import { defineRunbook, manual, section } from "./common";

export const addNewAlert = defineRunbook({
  id: "5.1-add-new-alert",
  number: "5.1",
  section: section(5),
  title: "Add New Alert",
  purpose: "Create a new Prometheus alert rule.",
  steps: [
    manual("edit", "Edit prometheus rules", "kubectl edit configmap prometheus-rules -n monitoring", "Open the rules ConfigMap."),
    manual("rule", "Add new rule", "- alert: NewAlertName\n  expr: your_prometheus_query > threshold\n  for: 5m\n  labels: { severity: warning, team: platform }\n  annotations: { summary: …, runbook_url: … }", "Add the rule with a runbook_url pointing at this console's runbook."),
    manual("reload", "Reload Prometheus", "curl -X POST http://prometheus:9090/-/reload", "Reload Prometheus's configuration."),
    manual("verify", "Verify alert is loaded", "curl http://prometheus:9090/api/v1/rules | jq '.data.groups[].rules[] | select(.name==\"NewAlertName\")'", "Check the rule is listed."),
    manual("test", "Test alert", "# Trigger condition and verify in AlertManager", "Trigger the condition and see the alert fire."),
  ],
});
