import "server-only";
import { kubeCall, requireKube } from "./client";

export type EventRow = { type: string; reason: string; object: string; message: string; count: number; lastSeen: string | null };

/** Runbook 1.2: `kubectl get events -n NS --sort-by=.lastTimestamp | tail -20`, newest first. */
export async function listEvents(options: { namespace: string; limit: number }): Promise<EventRow[]> {
  const { core } = requireKube();
  const list = await kubeCall(`list events in ${options.namespace}`, () => core.listNamespacedEvent({ namespace: options.namespace }));
  const at = (e: (typeof list.items)[number]) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return list.items
    .map((e) => ({
      type: e.type ?? "Normal",
      reason: e.reason ?? "",
      object: `${(e.involvedObject.kind ?? "").toLowerCase()}/${e.involvedObject.name ?? ""}`,
      message: e.message ?? "",
      count: e.count ?? 1,
      lastSeen: at(e) ? new Date(at(e) as Date).toISOString() : null,
      rv: Number(e.metadata?.resourceVersion ?? 0),
    }))
    // Newest first; within one second, the later write first.
    .sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? "") || b.rv - a.rv)
    .map(({ rv: _rv, ...row }) => row)
    .slice(0, options.limit);
}
