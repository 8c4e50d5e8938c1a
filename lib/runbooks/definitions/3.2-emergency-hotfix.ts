import type { Runbook } from "../types";
import { manual, section } from "./common";

export const emergencyHotfix: Runbook = {
  id: "3.2-emergency-hotfix",
  number: "3.2",
  section: section(3),
  title: "Emergency Hotfix",
  purpose: "Deploy a critical fix bypassing the normal process.",
  symptoms: [],
  severity: null,
  prerequisites: [],
  authorization: "VP Engineering",
  alerts: [],
  parameters: [{ name: "image", label: "Hotfix image", default: "ghcr.io/phoenix/platform/api:hotfix-", help: "ghcr.io/phoenix/platform/api:hotfix-<short sha>" }],
  steps: [
    manual("branch", "Create hotfix branch", "git checkout -b hotfix/critical-fix", "Branch from the deployed release; the console does not run git."),
    manual("fix", "Apply fix and test locally", "# make the fix, run the tests", "Make and test the fix on your machine."),
    manual("image", "Build and push hotfix image", "docker build -t ghcr.io/phoenix/platform/api:hotfix-$(git rev-parse --short HEAD) .\ndocker push ghcr.io/phoenix/platform/api:hotfix-$(git rev-parse --short HEAD)", "Build and push the image from your machine or CI; the console never builds images."),
    {
      id: "one-pod",
      kind: "action",
      title: "Deploy to single pod first",
      command: "kubectl patch deployment phoenix-api -n phoenix-system --type='json' -p='[{\"op\": \"replace\", \"path\": \"/spec/replicas\", \"value\": 1}]'",
      action: "cluster.scale",
      input: { namespace: "phoenix-system", name: "phoenix-api", replicas: 1 },
    },
    {
      id: "set-image",
      kind: "action",
      title: "Set the hotfix image",
      command: "kubectl set image deployment/phoenix-api api=ghcr.io/phoenix/platform/api:hotfix-$(git rev-parse --short HEAD) -n phoenix-system",
      action: "cluster.set-image",
      input: { namespace: "phoenix-system", name: "phoenix-api", container: "api", image: { param: "image" } },
    },
    {
      id: "monitor",
      kind: "check",
      title: "Monitor for 5 minutes",
      command: "watch 'kubectl logs -n phoenix-system deployment/phoenix-api --tail=50'",
      check: "cluster.logs",
      input: { namespace: "phoenix-system", selector: "app=phoenix-api", tail: 50 },
    },
    {
      id: "scale-back",
      kind: "action",
      title: "If stable, scale back up",
      command: "kubectl scale deployment/phoenix-api --replicas=3 -n phoenix-system",
      action: "cluster.scale",
      input: { namespace: "phoenix-system", name: "phoenix-api", replicas: { ask: { label: "Replicas", type: "number", default: 3 } } },
    },
    manual("pr", "Create proper PR for main branch", "git push origin hotfix/critical-fix", "Open a pull request so a normal deployment supersedes the hotfix."),
  ],
};
