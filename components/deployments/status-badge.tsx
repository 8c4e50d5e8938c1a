import { Badge, type Tone } from "@/components/ui/badge";

const STATUS: Record<string, { tone: Tone; label: string }> = {
  open: { tone: "neutral", label: "not started" },
  executing: { tone: "info", label: "executing" },
  succeeded: { tone: "ok", label: "succeeded" },
  rolled_back: { tone: "warn", label: "rolled back" },
  failed: { tone: "down", label: "failed" },
  interrupted: { tone: "down", label: "interrupted" },
  cancelled: { tone: "neutral", label: "cancelled" },
};

/** Where a deployment stands, in words and colour. */
export function DeploymentStatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { tone: "neutral" as const, label: status };
  return (
    <Badge tone={s.tone} className="whitespace-nowrap">
      {s.label}
    </Badge>
  );
}
