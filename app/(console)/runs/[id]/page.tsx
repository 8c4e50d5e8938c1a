import type { Metadata } from "next";
import { RunView } from "@/components/runbooks/run-view";

export const metadata: Metadata = { title: "Runbook run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RunView id={id} />;
}
