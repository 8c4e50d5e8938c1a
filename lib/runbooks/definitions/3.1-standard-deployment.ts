import { defineRunbook, section } from "./common";

const followed = (id: string, title: string, phase: "checks" | "record" | "images" | "rollout" | "smoke" | "outcome", command: string) =>
  ({ id, kind: "deployment" as const, title, phase, command });

/** Runbook 3.1 leads into the deployment workflow: its steps are the deployment's, as they happen. */
export const standardDeployment = defineRunbook({
  id: "3.1-standard-deployment",
  number: "3.1",
  section: section(3),
  title: "Standard Deployment",
  purpose: "Deploy a new version to production.",
  prerequisites: ["All tests passing in CI", "Approval from team lead", "No ongoing incidents"],
  deployment: "standard",
  parameters: [{ name: "version", label: "Version (image tag)", pattern: "^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$" }],
  steps: [
    { id: "request", kind: "deployment", phase: "request", title: "Request the deployment and get a lead's approval", command: "./deploy.sh $VERSION $ENVIRONMENT" },
    followed("pre-checks", "Pre-deployment checks", "checks", "./scripts/pre-deploy-check.sh $ENVIRONMENT"),
    followed("record", "Create deployment record", "record", "cat <<EOF | kubectl apply -f -\nkind: ConfigMap\nmetadata: { name: deployment-$VERSION, namespace: phoenix-system }\n…"),
    followed("images", "Update image tags", "images", "for service in api controller generator; do\n  kubectl set image deployment/$service $service=ghcr.io/phoenix/platform/$service:$VERSION -n phoenix-system\ndone"),
    followed("rollout", "Wait for rollout", "rollout", "for service in api controller generator; do\n  kubectl rollout status deployment/$service -n phoenix-system\ndone"),
    followed("smoke", "Run smoke tests", "smoke", "./scripts/smoke-test.sh $ENVIRONMENT"),
    followed("status", "Update deployment status (or roll back)", "outcome", "./scripts/notify-slack.sh …  ||  ./scripts/rollback.sh $ENVIRONMENT"),
  ],
});
