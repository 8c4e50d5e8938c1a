import { notFound, redirect } from "next/navigation";
import { findRunbook } from "@/lib/runbooks/catalogue";

// /runbooks/<id>: where alerts' runbook_url points; opens the catalogue on that runbook.
export default async function RunbookLink({ params }: { params: Promise<{ id: string }> }) {
  const runbook = findRunbook((await params).id);
  if (!runbook) notFound();
  redirect(`/runbooks?q=${encodeURIComponent(runbook.number)}`);
}
