import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { withRoute } from "@/lib/api/with-route";
import { actorRef } from "@/lib/auth/session";
import { withStore } from "@/lib/db/store";
import { listTokens } from "@/lib/tokens/api-tokens";

export const dynamic = "force-dynamic";

const body = z.record(z.string(), z.unknown());

// GET /api/tokens – the API tokens issued (never the tokens themselves), newest first
export const GET = withRoute(async () => ({ tokens: await withStore((store) => listTokens(store)) }), { permission: "tokens.read" });

// POST /api/tokens – {name, role, expiresInDays?}: issue a token; the answer's `token` is shown this once
export const POST = withRoute<Record<string, string>, typeof body>(
  async ({ actor, body }) => {
    const res = await runAction({ id: "tokens.issue", request: { input: body }, actor: actorRef(actor) });
    return res.status === "done" ? { ...(res.result as object), actionId: res.actionId } : res;
  },
  { body, action: "tokens.issue" },
);
