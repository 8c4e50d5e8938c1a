import "server-only";
// A full verification runs in the background with its progress readable by id, so the Audit
// page can show "events checked / total" on a long chain. Jobs live in this process's memory
// (one at a time per store); a replica asked about another's job answers 404.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Store } from "@/lib/db/store";
import { log } from "@/lib/log";
import { type ChainVerdict, verifyAuditChain } from "./verify-chain";

export type VerificationJob = {
  id: string;
  state: "running" | "done" | "failed";
  checked: number;
  total: number;
  startedAt: string;
  verdict?: ChainVerdict;
  error?: string;
};

const jobs = new Map<string, VerificationJob>();
const running = new WeakMap<Store, VerificationJob>();
const KEEP = 20;

/** Starts a full verification, or answers the one already running on this store. */
export function startFullVerification(store: Store): VerificationJob {
  const current = running.get(store);
  if (current?.state === "running") return current;
  const job: VerificationJob = { id: randomUUID(), state: "running", checked: 0, total: 0, startedAt: new Date().toISOString() };
  jobs.set(job.id, job);
  running.set(store, job);
  for (const old of [...jobs.keys()].slice(0, Math.max(0, jobs.size - KEEP))) jobs.delete(old);
  void verifyAuditChain(store, {
    mode: "full",
    onProgress: (checked, total) => Object.assign(job, { checked, total }),
  })
    .then((verdict) => Object.assign(job, { state: "done", verdict, checked: verdict.checked, total: verdict.total }))
    .catch((err: unknown) => {
      log.error({ err: err instanceof Error ? err.message : String(err) }, "full audit verification failed");
      Object.assign(job, { state: "failed", error: err instanceof AppError ? err.message : "the verification could not read the store" });
    });
  return job;
}

export function getVerificationJob(id: string): VerificationJob {
  const job = jobs.get(id);
  if (!job) throw new AppError("NOT_FOUND", "No such verification on this server (it may have run on another replica, or been forgotten); start a new one.");
  return job;
}

/** GET /api/audit/verify's query: nothing (the badge), or a full verification's id. */
export const verifyQuerySchema = z.object({ job: z.uuid("must be the id a POST answered").optional() }).strict();
