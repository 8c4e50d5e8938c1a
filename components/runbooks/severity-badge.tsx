import { Badge, type Tone } from "@/components/ui/badge";

const TONE: Record<string, Tone> = { SEV1: "down", SEV2: "warn", SEV3: "info" };

export function SeverityBadge({ severity }: { severity: string | null }) {
  if (!severity) return null;
  return <Badge tone={TONE[severity] ?? "neutral"}>{severity}</Badge>;
}
