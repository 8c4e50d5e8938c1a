import { defineRunbook, manual, section } from "./common";

/** Runbook 3.2: the git and docker steps are the person's; the rest is the hotfix workflow's, followed here. */
export const emergencyHotfix = defineRunbook({
  id: "3.2-emergency-hotfix",
  number: "3.2",
  section: section(3),
  title: "Emergency Hotfix",
  purpose: "Deploy a critical fix bypassing the normal process.",
  authorization: "VP Engineering (in the console: an admin who is not the requester)",
  deployment: "hotfix",
  parameters: [{ name: "version", label: "Hotfix tag", default: "hotfix-", help: "hotfix-<short sha> of the image you pushed", pattern: "^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$" }],
  steps: [
    manual("branch", "Create hotfix branch", "git checkout -b hotfix/critical-fix", "Branch from the deployed release; the console does not run git."),
    manual("fix", "Apply fix and test locally", "# ... make changes ...\ngo test ./...", "Make and test the fix on your machine."),
    manual("image", "Build and push hotfix image", "docker build -t ghcr.io/phoenix/platform/api:hotfix-$(git rev-parse --short HEAD) .\ndocker push ghcr.io/phoenix/platform/api:hotfix-$(git rev-parse --short HEAD)", "Build and push the image from your machine or CI; the console never builds images."),
    { id: "request", kind: "deployment", phase: "request", title: "Request the hotfix and get an admin's authorisation", command: "# Authorization Required: VP Engineering" },
    { id: "one-pod", kind: "deployment", phase: "scale-down", title: "Deploy to single pod first", command: "kubectl patch deployment phoenix-api -n phoenix-system --type='json' \\\n  -p='[{\"op\": \"replace\", \"path\": \"/spec/replicas\", \"value\": 1}]'" },
    { id: "set-image", kind: "deployment", phase: "images", title: "Set the hotfix image", command: "kubectl set image deployment/phoenix-api \\\n  api=ghcr.io/phoenix/platform/api:hotfix-$(git rev-parse --short HEAD) -n phoenix-system" },
    { id: "monitor", kind: "deployment", phase: "window", title: "Monitor for 5 minutes", command: "watch 'kubectl logs -n phoenix-system deployment/phoenix-api --tail=50'" },
    { id: "scale-back", kind: "deployment", phase: "scale-up", title: "If stable, scale back up", command: "kubectl scale deployment/phoenix-api --replicas=3 -n phoenix-system" },
    manual("pr", "Create proper PR for main branch", "git push origin hotfix/critical-fix", "Open a pull request so a normal deployment supersedes the hotfix (the deployment keeps a reminder open until one does)."),
  ],
});
