import type { Metadata } from "next";
import { AlertsPanel } from "@/components/alerts/alerts-panel";
import { HealthPanel } from "@/components/health/health-panel";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Overview</h1>
        <p className="text-sm text-slate-600">Firing alerts, each leading to its runbook, and runbook 1.1 “Quick Health Check”, live.</p>
      </div>
      <AlertsPanel refreshMs={env().HEALTH_REFRESH_MS} />
      <HealthPanel refreshMs={env().HEALTH_REFRESH_MS} />
    </div>
  );
}
