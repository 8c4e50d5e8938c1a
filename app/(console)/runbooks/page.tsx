import type { Metadata } from "next";
import { RunbookCatalogue } from "@/components/runbooks/runbook-catalogue";

export const metadata: Metadata = { title: "Runbooks" };

export default function RunbooksPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Runbooks</h1>
        <p className="text-sm text-slate-600">Every Phoenix runbook as a guided checklist. Start one and the console walks you through it, recording each step.</p>
      </div>
      <RunbookCatalogue />
    </div>
  );
}
