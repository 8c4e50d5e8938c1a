import "server-only";
// The key that signs audit checkpoints. HMAC-SHA256 rather than Ed25519: the console both
// signs and verifies, so a public key would buy nothing today, and a shared secret is set
// like NEXTAUTH_SECRET (any 32+ characters). The database never holds it; only a fingerprint.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import path from "node:path";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { readOrCreateSecretFile } from "@/lib/ops/files/append-only-file";

type SigningKey = { secret: string; id: string };

let cached: SigningKey | undefined;

/** AUDIT_SIGNING_KEY, or outside production a key generated once into DATA_DIR (logged). */
export function auditSigningKey(): SigningKey {
  if (cached) return cached;
  const e = env();
  let secret = e.AUDIT_SIGNING_KEY;
  if (!secret) {
    // lib/env refuses production without the key, so this is development, a test or staging.
    const file = path.resolve(e.DATA_DIR, "audit-signing.key");
    const read = readOrCreateSecretFile({ file });
    if (read.created) log.warn({ file }, "AUDIT_SIGNING_KEY is not set: generated a development key to sign audit checkpoints; set AUDIT_SIGNING_KEY outside development");
    else log.info({ file }, "AUDIT_SIGNING_KEY is not set: signing audit checkpoints with the development key");
    secret = read.secret;
  }
  cached = { secret, id: createHash("sha256").update(`phoenix-audit-key:${secret}`).digest("hex").slice(0, 16) };
  return cached;
}

export function hmacHex(key: SigningKey, text: string): string {
  return createHmac("sha256", key.secret).update(text).digest("hex");
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
