import "server-only";
import type { ActionDefinition } from "./define-action";
import { clusterCordon, clusterDrain, clusterEditConfig, clusterRolloutRestart, clusterRolloutUndo, clusterScale, clusterSetImage } from "./cluster-actions";
import { tokensIssue, tokensRevoke } from "./token-actions";
import { deployApprove, deployExecute, deployReject, deployRequest, deployUpdate } from "./deployment-actions";
import { deployInterrupt, deployRecord, deployRollback, deployScale, deploySetImage } from "./deploy-pipeline-actions";
import { healthAcknowledge } from "./health-acknowledge";
import { phoenixDbTerminateBackends } from "./phoenix-db-actions";
import { runbookFinish, runbookStart, runbookStep } from "./runbook-actions";
import { runbookEscalate, runbookFailInterruptedStep } from "./runbook-system-actions";
import { usersCreate, usersDisable, usersEnable, usersSetRole } from "./user-actions";
import { usersProvision } from "./user-provisioning-actions";

/**
 * Every action the console can perform. Nothing changes anything except through these. The
 * internal ones (the policy table's INTERNAL_ACTIONS) run only under a system actor.
 *
 * Built on first use, not at import: the domain workflows some actions start (a deployment's
 * pipeline, a sweep) run their own steps through the runner, which reads this registry, so an
 * action module may be imported before the registry without finding its neighbours undefined.
 */
export const ACTIONS: ReadonlyMap<string, ActionDefinition> = lazyMap(() =>
  new Map(
    ([healthAcknowledge, usersCreate, usersSetRole, usersDisable, usersEnable, clusterRolloutRestart, clusterScale, clusterRolloutUndo, clusterSetImage, clusterCordon, clusterDrain, clusterEditConfig, phoenixDbTerminateBackends, runbookStart, runbookStep, runbookFinish, deployRequest, deployUpdate, deployApprove, deployReject, deployExecute, tokensIssue, tokensRevoke, deployRecord, deploySetImage, deployScale, deployRollback, deployInterrupt, runbookEscalate, runbookFailInterruptedStep, usersProvision] as ActionDefinition[]).map((a) => [a.id, a]),
  ),
);

/** A Map filled on first use (tests may still swap an entry, as with any Map). */
function lazyMap<K, V>(build: () => Map<K, V>): Map<K, V> {
  let map: Map<K, V> | undefined;
  const real = () => (map ??= build());
  return new Proxy(new Map<K, V>(), {
    get(_, prop) {
      const target = real();
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
