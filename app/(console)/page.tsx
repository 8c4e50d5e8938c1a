import type { Metadata } from "next";
import { HealthPanel } from "@/components/health/health-panel";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Overview</h1>
        <p className="text-sm text-slate-600">Runbook 1.1 “Quick Health Check”, live.</p>
      </div>
      <HealthPanel refreshMs={env().HEALTH_REFRESH_MS} />
    </div>
  );
}
