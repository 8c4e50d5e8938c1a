// The server stamps each request with its socket's peer, over whatever the client claimed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { PEER_HEADER } from "@/lib/auth/client-address";
import { recordPeerAddresses } from "./peer-address";

it("records the socket's address, not a header the client sent", async () => {
  recordPeerAddresses();
  const seen: (string | string[] | undefined)[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers[PEER_HEADER]);
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { [PEER_HEADER]: "6.6.6.6" } });
    expect(await res.text()).toBe("ok");
    expect(seen).toEqual(["127.0.0.1"]);
  } finally {
    await new Promise((r) => server.close(r));
  }
});
