import { z } from "zod";
import { defineAction } from "./define-action";

export const healthAcknowledgeInput = z
  .object({
    rows: z
      .array(
        z
          .object({
            check: z.union([z.enum(["gateway", "postgres", "redis", "prometheus"]), z.string().regex(/^service:[a-z][a-z0-9-]*$/, "must be a health row id")]),
            status: z.enum(["ok", "down", "not_configured"]),
            error: z.string().max(2000).nullish(),
          })
          .strict(),
      )
      .min(1, "name at least one reviewed row")
      .max(10),
    note: z.string().trim().min(1, "say what you found or did").max(2000),
  })
  .strict();

/** Records that an SRE reviewed the failing health rows (runbook 1.1), with a note. */
export const healthAcknowledge = defineAction({
  id: "health.acknowledge",
  title: "Acknowledge health check",
  description: "Record that you reviewed the failing rows of the platform health check, with a note.",
  input: healthAcknowledgeInput,
  risk: "write",
  target: (input) => `health:${input.rows.map((r) => r.check).join(",")}`,
  run: async (input, ctx) => ({ acknowledgedBy: ctx.actor.email, rows: input.rows.length, at: new Date().toISOString() }),
});
