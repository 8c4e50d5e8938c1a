import "server-only";
import type { Store } from "@/lib/db/store";
import { GENESIS_HASH, eventHash } from "./hash";

export type ChainVerdict =
  | { ok: true; checked: number; headHash: string; verifiedAt: string }
  | {
      ok: false;
      checked: number;
      verifiedAt: string;
      firstBroken: { seq: string; actionId: string; time: string; action: string; problem: string };
    };

const PAGE = 2000;

/** Walks the whole chain in order and names the first event whose hash or link is wrong. */
export async function verifyAuditChain(store: Store): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let cursor: bigint | undefined;
  let checked = 0;
  const verifiedAt = new Date().toISOString();
  for (;;) {
    const rows = await store.prisma.auditEvent.findMany({
      where: cursor === undefined ? undefined : { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    for (const row of rows) {
      const problem =
        row.prevHash !== prevHash
          ? "its link to the previous event is broken (an event before it was removed or altered)"
          : eventHash(prevHash, row) !== row.hash
            ? "its content does not match its hash (it was altered after it was written)"
            : undefined;
      if (problem) {
        return {
          ok: false,
          checked,
          verifiedAt,
          firstBroken: { seq: row.seq.toString(), actionId: row.actionId, time: row.time.toISOString(), action: row.action, problem },
        };
      }
      prevHash = row.hash;
      checked++;
    }
    if (rows.length < PAGE) break;
    cursor = rows[rows.length - 1]!.seq;
  }
  return { ok: true, checked, headHash: prevHash, verifiedAt };
}
