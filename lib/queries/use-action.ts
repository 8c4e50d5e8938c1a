"use client";
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { ActionResponse } from "@/lib/actions/run-action";
import { ApiError, fetcher } from "./fetcher";
import { keys } from "./keys";

export type ActionCall = { input: unknown; confirm?: boolean; reason?: string };

/**
 * The action's dependency got the request and never answered: it may have happened, so the
 * page shows the target's re-read state (its keys are invalidated on settle) instead of a failure.
 */
export function isOutcomeUnknown(error: unknown): error is ApiError {
  return error instanceof ApiError && error.envelope.code === "DEPENDENCY_TIMEOUT";
}

/** What to tell the person whose action got no answer. */
export const OUTCOME_UNKNOWN_HINT = "Here is its current state, read again just now.";

/** Runs an audited action; on success (or an unknown outcome) refreshes the audit log and the keys the action changes. */
export function useAction(id: string, invalidates: QueryKey[] = []) {
  return useActionAt(`/api/actions/${id}`, invalidates);
}

/** The same, through another endpoint that runs an action (a runbook step's): the body is that endpoint's. */
export function useActionAt(url: string, invalidates: QueryKey[] = []) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => fetcher<ActionResponse>(url, { method: "POST", body }),
    onSettled: async () => {
      await Promise.all([keys.audit.all(), ...invalidates].map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
