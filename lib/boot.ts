import "server-only";
// Boot tasks, run once per process from instrumentation.ts: validate configuration,
// open and migrate the store, seed demo users (development), close orphaned intents.
import { ACTIONS } from "@/lib/actions/registry";
import { auditSigningKey } from "@/lib/audit/signing-key";
import { sweepOrphanIntents } from "@/lib/audit/sweep-orphans";
import { getStore } from "@/lib/db/store";
import { EnvError, env } from "@/lib/env";
import { log } from "@/lib/log";
import { escalateDueRuns, failInterruptedSteps, interruptStaleDeployments } from "@/lib/actions/system-sweeps";
import { seedDemoUsers } from "@/lib/users/seed-demo-users";

/** An intent with no outcome after the longest action timeout plus this is from a process that died. */
const ORPHAN_MARGIN_MS = 60_000;
const RETRY_MS = 30_000;
/** How often open runs are checked against their escalation deadlines, and executing deployments for a stopped replica. */
const ESCALATION_SWEEP_MS = 10_000;

const g = globalThis as unknown as { __phoenixBoot?: boolean };

export async function boot() {
  if (g.__phoenixBoot) return;
  g.__phoenixBoot = true;
  let e;
  try {
    e = env();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(`\nPhoenix Ops Console refuses to start.\n${err.message}\n`);
    process.exit(1);
  }
  log.info({ environment: e.phoenixEnv, store: e.DATABASE_URL ? "postgres" : `pglite:${e.DATA_DIR}` }, "console starting");
  // At boot rather than at the first checkpoint, so a generated development key is logged up front.
  try {
    auditSigningKey();
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err) }, "no audit signing key: checkpoints cannot be signed until AUDIT_SIGNING_KEY is set or DATA_DIR is writable");
  }
  await prepareStore();
  const timer = setInterval(() => void prepareStore(), RETRY_MS);
  timer.unref();
  const escalations = setInterval(() => void sweepEscalations(), ESCALATION_SWEEP_MS);
  escalations.unref();
}

async function sweepEscalations() {
  if (!prepared) return;
  try {
    const store = await getStore();
    await escalateDueRuns(store);
    const interrupted = await interruptStaleDeployments(store);
    if (interrupted) log.warn({ interrupted }, "marked deployments whose console stopped mid-execution as interrupted");
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err) }, "escalation sweep failed; retrying");
  }
}

let prepared = false;

async function prepareStore() {
  try {
    const store = await getStore();
    if (!prepared) {
      if (env().demoUsers) await seedDemoUsers(store, env().DEMO_PASSWORD);
      prepared = true;
    }
    const longest = Math.max(env().ACTION_TIMEOUT_MS, ...[...ACTIONS.values()].map((a) => a.timeoutMs ?? 0));
    const swept = await sweepOrphanIntents(store, longest + ORPHAN_MARGIN_MS);
    if (swept) log.warn({ swept }, "recorded outcome unknown for actions interrupted by a stop");
    const interrupted = await failInterruptedSteps(store, longest + ORPHAN_MARGIN_MS);
    if (interrupted) log.warn({ interrupted }, "marked runbook steps interrupted by a stop as failed");
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err) }, "console store not ready; retrying");
  }
}
