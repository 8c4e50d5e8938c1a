import "server-only";
import type { ActionDefinition } from "./define-action";
import { clusterCordon, clusterDrain, clusterEditConfig, clusterRolloutRestart, clusterRolloutUndo, clusterScale, clusterSetImage } from "./cluster-actions";
import { tokensIssue, tokensRevoke } from "./token-actions";
import { deployApprove, deployExecute, deployReject, deployRequest, deployUpdate } from "./deployment-actions";
import { healthAcknowledge } from "./health-acknowledge";
import { phoenixDbTerminateBackends } from "./phoenix-db-actions";
import { runbookFinish, runbookStart, runbookStep } from "./runbook-actions";
import { usersCreate, usersDisable, usersEnable, usersSetRole } from "./user-actions";

/** Every action the console can perform. Nothing changes anything except through these. */
export const ACTIONS: ReadonlyMap<string, ActionDefinition> = new Map(
  ([healthAcknowledge, usersCreate, usersSetRole, usersDisable, usersEnable, clusterRolloutRestart, clusterScale, clusterRolloutUndo, clusterSetImage, clusterCordon, clusterDrain, clusterEditConfig, phoenixDbTerminateBackends, runbookStart, runbookStep, runbookFinish, deployRequest, deployUpdate, deployApprove, deployReject, deployExecute, tokensIssue, tokensRevoke] as ActionDefinition[]).map((a) => [a.id, a]),
);
