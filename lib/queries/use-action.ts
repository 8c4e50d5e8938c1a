"use client";
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { ActionResponse } from "@/lib/actions/run-action";
import { fetcher } from "./fetcher";
import { keys } from "./keys";

export type ActionCall = { input: unknown; confirm?: boolean; reason?: string };

/** Runs an audited action; on success refreshes the audit log and the keys the action changes. */
export function useAction(id: string, invalidates: QueryKey[] = []) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (call: ActionCall) => fetcher<ActionResponse>(`/api/actions/${id}`, { method: "POST", body: call }),
    onSettled: async () => {
      await Promise.all([keys.audit.all(), ...invalidates].map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
