// Who is signing in, by network address. Next's route handlers do not see the socket, so the
// server records its peer in PEER_HEADER (lib/api/peer-address.ts) over anything the client
// sent. X-Forwarded-For is believed only behind TRUST_PROXY proxies, each of which appends the
// address it saw: with N of them, the client is the Nth entry from the right.
export const PEER_HEADER = "x-phoenix-peer-address";

export function clientAddress(headers: Headers, trustedProxies: number): string {
  const peer = headers.get(PEER_HEADER)?.trim() || null;
  if (trustedProxies > 0) {
    const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (hops.length) return hops[Math.max(0, hops.length - trustedProxies)]!;
  }
  return peer ?? "unknown";
}
