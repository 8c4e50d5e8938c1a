import { CheckCircle2, CircleSlash, Clock, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { HealthRow } from "@/lib/health/health-types";

export function HealthStatusBadge({ row }: { row: HealthRow }) {
  if (row.status === "ok")
    return (
      <Badge tone="ok">
        <CheckCircle2 className="size-3.5" aria-hidden /> ok
      </Badge>
    );
  if (row.status === "not_configured")
    return (
      <Badge tone="neutral">
        <CircleSlash className="size-3.5" aria-hidden /> not configured
      </Badge>
    );
  return (
    <Badge tone="down">
      {row.timedOut ? <Clock className="size-3.5" aria-hidden /> : <XCircle className="size-3.5" aria-hidden />}
      {row.timedOut ? "timed out" : "down"}
    </Badge>
  );
}
