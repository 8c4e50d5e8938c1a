import { defineRunbook, manual, section } from "./common";

export const rotateSecrets = defineRunbook({
  id: "7.1-rotate-secrets",
  number: "7.1",
  section: section(7),
  title: "Rotate Secrets",
  purpose: "Regular secret rotation.",
  steps: [
    manual("generate", "Generate new secrets", "JWT_SECRET=$(openssl rand -base64 32)\nDB_PASSWORD=$(openssl rand -base64 24)\nAPI_KEY=$(uuidgen)", "Generate them on your machine; they never pass through the console."),
    manual("update", "Update Kubernetes secrets", "kubectl create secret generic phoenix-secrets --from-literal=… --dry-run=client -o yaml | kubectl apply -f -", "Apply the new values to phoenix-secrets."),
    manual("db-password", "Update database password", "kubectl exec -n phoenix-system deployment/postgres -- psql -U postgres -c \"ALTER USER phoenix PASSWORD '…';\"", "Change the database password to the new value."),
    ...(["phoenix-api", "experiment-controller", "config-generator"] as const).map((name) => ({
      id: `restart-${name}`,
      kind: "action" as const,
      title: `Restart ${name} to pick up new secrets`,
      command: `kubectl rollout restart deployment/${name} -n phoenix-system\nkubectl rollout status deployment/${name} -n phoenix-system`,
      action: "cluster.rollout-restart" as const,
      input: { namespace: "phoenix-system", kind: "Deployment", name },
    })),
  ],
});
