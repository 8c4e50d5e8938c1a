import "server-only";
// Next 16's route handlers see headers, not the socket. At boot the HTTP server is taught to
// stamp each request with its peer's address, overwriting a header of that name from the
// client, so the sign-in limits count real addresses (see lib/auth/client-address.ts).
import http from "node:http";
import { PEER_HEADER } from "@/lib/auth/client-address";

const g = globalThis as unknown as { __phoenixPeerAddress?: boolean };

export function recordPeerAddresses() {
  if (g.__phoenixPeerAddress) return;
  g.__phoenixPeerAddress = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
