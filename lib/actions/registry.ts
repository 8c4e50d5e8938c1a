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
 */
export const ACTIONS: ReadonlyMap<string, ActionDefinition> = new Map(
  ([healthAcknowledge, usersCreate, usersSetRole, usersDisable, usersEnable, clusterRolloutRestart, clusterScale, clusterRolloutUndo, clusterSetImage, clusterCordon, clusterDrain, clusterEditConfig, phoenixDbTerminateBackends, runbookStart, runbookStep, runbookFinish, deployRequest, deployUpdate, deployApprove, deployReject, deployExecute, tokensIssue, tokensRevoke, deployRecord, deploySetImage, deployScale, deployRollback, deployInterrupt, runbookEscalate, runbookFailInterruptedStep, usersProvision] as ActionDefinition[]).map((a) => [a.id, a]),
);
