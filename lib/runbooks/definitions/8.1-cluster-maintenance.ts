import { defineRunbook, manual, nodeParam, section } from "./common";

export const clusterMaintenance = defineRunbook({
  id: "8.1-cluster-maintenance",
  number: "8.1",
  section: section(8),
  title: "Cluster Maintenance",
  purpose: "Kubernetes cluster updates, one node at a time.",
  parameters: [nodeParam()],
  steps: [
    manual("notify", "Notify users", './scripts/notify-maintenance.sh "Cluster maintenance starting in 30 minutes"', "Announce the window."),
    manual("backup", "Backup critical data", "./scripts/backup-all.sh", "Take the backups (runbook 4.1)."),
    {
      id: "cordon",
      kind: "action",
      title: "Cordon the node",
      command: "kubectl cordon $node",
      action: "cluster.cordon",
      input: { node: { param: "node" }, cordon: true },
      opens: { id: "node-cordoned", text: "the node is cordoned until it is uncordoned after maintenance" },
    },
    { id: "drain", kind: "action", title: "Drain the node", command: "kubectl drain $node --ignore-daemonsets --delete-emptydir-data", action: "cluster.drain", input: { node: { param: "node" } } },
    manual("maintain", "Perform maintenance on node", "# Perform maintenance on node", "Upgrade or repair the node."),
    { id: "uncordon", kind: "action", title: "Uncordon the node", command: "kubectl uncordon $node", action: "cluster.cordon", input: { node: { param: "node" }, cordon: false }, closes: "node-cordoned" },
    { id: "nodes", kind: "check", title: "Verify cluster health", command: "kubectl get nodes\nkubectl get pods -A | grep -v Running", check: "cluster.nodes", input: {} },
    manual("tests", "Run test suite", "./scripts/run-integration-tests.sh", "Run the integration tests. Repeat from the cordon step for the next node, 5 minutes apart."),
  ],
});
