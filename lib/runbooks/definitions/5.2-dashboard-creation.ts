import { defineRunbook, manual, section } from "./common";

export const dashboardCreation = defineRunbook({
  id: "5.2-dashboard-creation",
  number: "5.2",
  section: section(5),
  title: "Dashboard Creation",
  purpose: "Create a new Grafana dashboard.",
  steps: [
    manual("template", "Export existing dashboard as template", 'curl -H "Authorization: Bearer $GRAFANA_API_KEY" http://grafana.phoenix.io/api/dashboards/uid/template > dashboard-template.json', "Export the template dashboard from Grafana."),
    manual("json", "Create new dashboard JSON", 'cat > new-dashboard.json <<EOF\n{ "dashboard": { "title": "Phoenix - New Feature", "panels": [ … ] } }\nEOF', "Write the new dashboard's JSON."),
    manual("import", "Import dashboard", "curl -X POST … -d @new-dashboard.json http://grafana.phoenix.io/api/dashboards/db", "Import it through Grafana's API."),
    manual("provision", "Add to dashboard provisioning", "kubectl edit configmap grafana-dashboards -n monitoring", "Add it to the provisioned dashboards."),
  ],
});
