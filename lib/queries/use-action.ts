"use client";
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { ActionResponse } from "@/lib/actions/run-action";
import { fetcher } from "./fetcher";
import { keys } from "./keys";

export type ActionCall = { input: unknown; confirm?: boolean; reason?: string };

/** Runs an audited action; on success refreshes the audit log and the keys the action changes. */
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
