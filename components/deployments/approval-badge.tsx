import { Badge } from "@/components/ui/badge";
import type { DeploymentView } from "@/lib/deployments/requests";

export function ApprovalBadge({ d }: { d: DeploymentView }) {
  if (d.approval.state === "approved") return <Badge tone="ok">approved</Badge>;
  if (d.approval.state === "rejected") return <Badge tone="down">rejected</Badge>;
  return <Badge tone="warn">needs {d.approval.missing.join(" + ")}</Badge>;
}
