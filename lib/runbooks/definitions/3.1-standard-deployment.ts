import { defineRunbook, manual, section } from "./common";

export const standardDeployment = defineRunbook({
  id: "3.1-standard-deployment",
  number: "3.1",
  section: section(3),
  title: "Standard Deployment",
  purpose: "Deploy a new version to production.",
  prerequisites: ["All tests passing in CI", "Approval from team lead", "No ongoing incidents"],
  parameters: [{ name: "version", label: "Version (image tag)", pattern: "^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$" }],
  steps: [
    manual("pre-checks", "Pre-deployment checks", "./scripts/pre-deploy-check.sh $ENVIRONMENT", "Confirm CI is green for this version, a lead approved it, and no SEV1/SEV2 run is open (Runbooks page)."),
    manual("record", "Create deployment record", "cat <<EOF | kubectl apply -f -\nkind: ConfigMap\nmetadata: { name: deployment-$VERSION, namespace: phoenix-system }\n…", "Create the ConfigMap deployment-<version> in phoenix-system with version, timestamp and deployer."),
    manual("images", "Update image tags", "for service in api controller generator; do\n  kubectl set image deployment/$service $service=ghcr.io/phoenix/platform/$service:$VERSION -n phoenix-system\ndone", "Set each service's image on the Cluster page (Set image…), one deployment at a time."),
    manual("rollout", "Wait for rollout", "for service in api controller generator; do\n  kubectl rollout status deployment/$service -n phoenix-system\ndone", "Watch each rollout to the end in the Cluster page's rollout view."),
    manual("smoke", "Run smoke tests", "./scripts/smoke-test.sh $ENVIRONMENT", "Run the smoke tests against the environment."),
    manual("status", "Update deployment status (or roll back)", "./scripts/notify-slack.sh …  ||  ./scripts/rollback.sh $ENVIRONMENT", "Announce success, or roll each deployment back from its history."),
  ],
});
