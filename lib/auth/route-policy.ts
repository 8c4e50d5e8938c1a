// Who may call each API route: one row per route file and method. The route declares the same
// thing to withRoute (`permission` or `action`); `route-policy.test.ts` reads app/api/**/route.ts
// and fails on a route or method without a row here, or one that disagrees with its row, and the
// e2e matrix (e2e/auth/route-matrix.spec.ts) calls every row as every identity.
import type { Permission } from "./policy";

export type RouteRule =
  /** No sign-in: the console's liveness, and next-auth's own sign-in endpoints. */
  | { public: true }
  /** A read: any identity whose role has this permission. */
  | { permission: Permission }
  /** A write that runs this action through runAction (policy, audit). */
  | { action: Permission }
  /** A write whose action comes from a route param: param value → action. */
  | { actionByParam: { param: string; actions: Record<string, Permission> } };

export const ROUTE_POLICY = {
  "GET /api/healthz": { public: true },
  "GET /api/auth/[...nextauth]": { public: true },
  "POST /api/auth/[...nextauth]": { public: true },
  // Paths no route serves: a JSON 404.
  "GET /api/[...path]": { public: true },
  "POST /api/[...path]": { public: true },
  "PUT /api/[...path]": { public: true },
  "PATCH /api/[...path]": { public: true },
  "DELETE /api/[...path]": { public: true },

  "GET /api/health": { permission: "health.read" },
  "GET /api/alerts": { permission: "health.read" },
  "GET /api/audit": { permission: "audit.read" },
  "GET /api/audit/verify": { permission: "audit.read" },
  "POST /api/audit/verify": { permission: "audit.read" }, // starts a full verification: reads only
  "GET /api/audit/export": { permission: "audit.export" },
  "GET /api/users": { permission: "users.read" },
  "GET /api/tokens": { permission: "tokens.read" },
  "GET /api/cluster/nodes": { permission: "cluster.read" },
  "GET /api/cluster/pods": { permission: "cluster.read" },
  "GET /api/cluster/pods/[name]/logs": { permission: "cluster.read" },
  "GET /api/cluster/workloads": { permission: "cluster.read" },
  "GET /api/cluster/events": { permission: "cluster.read" },
  "GET /api/cluster/logs/scan": { permission: "cluster.read" },
  "GET /api/cluster/rollout": { permission: "cluster.read" },
  "GET /api/cluster/deployments/[name]/history": { permission: "cluster.read" },
  "GET /api/runbooks": { permission: "runbooks.read" },
  "GET /api/runs": { permission: "runbooks.read" },
  "GET /api/runs/[id]": { permission: "runbooks.read" },
  "GET /api/runs/[id]/timeline": { permission: "runbooks.read" },
  "GET /api/deployments": { permission: "deployments.read" },
  "GET /api/deployments/[id]": { permission: "deployments.read" },
  "GET /api/deployments/[id]/checks": { permission: "deployments.read" },

  "POST /api/actions/[id]": { actionByParam: { param: "id", actions: {} } }, // every action of the registry, by id
  "POST /api/deployments": { action: "deploy.request" },
  "PATCH /api/deployments/[id]": { action: "deploy.update" },
  "POST /api/deployments/[id]/[decision]": {
    actionByParam: { param: "decision", actions: { approve: "deploy.approve", reject: "deploy.reject", execute: "deploy.execute" } },
  },
  "POST /api/runbooks/[id]/runs": { action: "runbook.start" },
  "POST /api/runs/[id]/finish": { action: "runbook.finish" },
  "POST /api/runs/[id]/steps/[stepId]": { action: "runbook.step" },
  "POST /api/tokens": { action: "tokens.issue" },
  "POST /api/tokens/[id]/revoke": { action: "tokens.revoke" },
} as const satisfies Record<string, RouteRule>;

export type RouteKey = keyof typeof ROUTE_POLICY;
