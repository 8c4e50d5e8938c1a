// Calling withRoute-wrapped route handlers as Next does, against a test store.
import { NextRequest } from "next/server";
import type { Store } from "@/lib/db/store";

type Handler<P> = (req: NextRequest, route: { params: Promise<P> }) => Promise<Response>;

/** Makes getStore() answer this store (or this failure) for the rest of the file. */
export function serveStore(store: Store | Promise<Store>) {
  const p = Promise.resolve(store);
  p.catch(() => undefined);
  (globalThis as unknown as { __phoenixStore?: Promise<Store> }).__phoenixStore = p;
}

export type Answer = { status: number; text: string; json: any; headers: Headers };

/** One request to a handler; `body` is sent as JSON (a string is sent as it is). */
export async function call<P>(
  handler: Handler<P>,
  options: { method?: string; path: string; params?: P; headers?: Record<string, string>; body?: unknown },
): Promise<Answer> {
  const method = options.method ?? "GET";
  const headers = new Headers(options.headers);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new NextRequest(new URL(options.path, "http://localhost:3000"), { method, headers, body });
  const res = await handler(req, { params: Promise.resolve((options.params ?? {}) as P) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, json, headers: res.headers };
}
