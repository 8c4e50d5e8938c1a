import { Badge, type Tone } from "@/components/ui/badge";

const TONE: Record<string, Tone> = { ok: "ok", failed: "down", denied: "down", unknown: "warn", started: "info" };

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={TONE[outcome] ?? "neutral"}>{outcome}</Badge>;
}
