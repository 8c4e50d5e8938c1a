// Route params, validated like queries and bodies (withRoute's `params` option): a malformed one
// is a 422 naming it, before any lookup.
import { z } from "zod";

/** Ids the console's store issues (runs, deployments, tokens). */
export const storeId = z.uuid("must be an id the console issued (a UUID)");
/** A Kubernetes object name (RFC 1123 subdomain). */
export const kubeName = z.string().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes name (lower-case letters, digits, '-' and '.')");
/** A runbook of the catalogue ("2.1-api-service-down") or one of its steps ("verify"). */
export const runbookId = z.string().max(100).regex(/^\d+\.\d+-[a-z0-9-]+$/, "must be a runbook id such as 2.1-api-service-down");
export const stepId = z.string().max(100).regex(/^[a-z0-9][a-z0-9-]*$/, "must be a step id such as verify");
