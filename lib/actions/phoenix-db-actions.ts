import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { listBackends, requirePhoenixDb, terminateBackends } from "@/lib/ops/postgres/phoenix-queries";
import { defineAction } from "./define-action";

const timeout = () => Math.max(env().HEALTH_TIMEOUT_MS, 5000);
const describe = (which: "idle" | "long-running", minutes: number) => (which === "idle" ? `idle for more than ${minutes} minutes` : `running a query for more than ${minutes} minutes`);

/** Runbook 2.3 steps 3–4: pg_terminate_backend for idle or long-running backends, listed first. */
export const phoenixDbTerminateBackends = defineAction({
  id: "phoenix-db.terminate-backends",
  title: "Terminate database backends",
  description: "Terminate the Phoenix database's backends that are idle (or running a query) for too long; the console's own sessions are never included.",
  input: z.object({ which: z.enum(["idle", "long-running"]), olderThanMinutes: z.number().int().min(0).max(1440) }).strict(),
  risk: "destructive",
  target: (i) => `phoenix-db backends ${describe(i.which, i.olderThanMinutes)}`,
  preview: async (i) => {
    const backends = await listBackends(requirePhoenixDb(env().PHOENIX_DATABASE_URL), i, timeout());
    return {
      summary: backends.length
        ? `Terminate these ${backends.length} backends, ${describe(i.which, i.olderThanMinutes)}. Their clients lose the connection; pooled clients reconnect.`
        : `No backend is ${describe(i.which, i.olderThanMinutes)}: nothing would be terminated.`,
      items: backends.map((b) => ({
        label: `pid ${b.pid} · ${b.user ?? "?"} · ${b.application ?? "(no application name)"} · ${b.state ?? "?"}`,
        detail: `${b.clientAddr ?? "local socket"}, since ${b.since ?? "?"}${b.query ? `: ${b.query.slice(0, 120)}` : ""}`,
      })),
      warnings: ["The list is taken again when you confirm; the audit log records exactly which pids were terminated."],
    };
  },
  run: async (i) => {
    const res = await terminateBackends(requirePhoenixDb(env().PHOENIX_DATABASE_URL), i, timeout());
    return { terminated: res.terminated.map((b) => ({ pid: b.pid, user: b.user, application: b.application, state: b.state })), refused: res.refused };
  },
  // pg_terminate_backend answers false for a pid that is no longer a backend: it had already gone.
  summarise: (r) => ({ terminated: r.terminated.map((b) => ({ pid: b.pid, user: b.user, application: b.application })), alreadyGone: r.refused }),
});
