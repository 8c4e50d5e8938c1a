import "server-only";
// The console store: PostgreSQL when DATABASE_URL is set, otherwise PGlite (real Postgres
// in WASM) under DATA_DIR. One instance per process, migrated before first use.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { PrismaClient } from "./generated/client";
import { migrate } from "./migrate";
import { pgliteSession, pgSession, type SqlSession } from "./sql";

export type Store = {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  sql: SqlSession;
  /** The audit anchor directory paired with this store (default AUDIT_ANCHOR_DIR); tests give each store its own. */
  auditAnchorDir?: string;
  close(): Promise<void>;
};

export type StoreOptions = { databaseUrl?: string; dataDir?: string; auditAnchorDir?: string };

/** Opens (and migrates) a store. Most code wants getStore(); tests and the CLI open their own. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store = options.databaseUrl ? openPostgres(options.databaseUrl) : await openPglite(options.dataDir ?? ".data");
  store.auditAnchorDir = options.auditAnchorDir;
  try {
    const applied = await migrate(store.sql);
    if (applied.length) log.info({ applied, store: store.kind }, "migrations applied");
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

function openPostgres(url: string): Store {
  // Every store call is bounded: a partition that drops packets must not hang a page.
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 3000,
    query_timeout: 10_000,
    keepAlive: true,
    max: 10,
    application_name: "phoenix-ops-console",
  });
  pool.on("error", (err) => log.warn({ err: err.message }, "console store connection error"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    sql: pgSession(pool),
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

async function openPglite(dataDir: string): Promise<Store> {
  const dir = path.resolve(dataDir, "store");
  mkdirSync(dir, { recursive: true });
  // PGlite is single-process: two processes on one directory would corrupt it.
  const lockFile = path.resolve(dataDir, "store.pid");
  const holder = readPid(lockFile);
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new AppError(
      "STORE_UNAVAILABLE",
      `The embedded store in ${dir} is in use by another process (pid ${holder}). Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
  writeFileSync(lockFile, String(process.pid));
  const db = new PGlite(dir);
  await db.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    kind: "pglite",
    prisma,
    sql: pgliteSession(db),
    close: async () => {
      await prisma.$disconnect();
      await db.close();
      if (readPid(lockFile) === process.pid) rmSync(lockFile, { force: true });
    },
  };
}

function readPid(file: string): number | undefined {
  try {
    return Number.parseInt(readFileSync(file, "utf8"), 10) || undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const g = globalThis as unknown as { __phoenixStore?: Promise<Store> };

/** The process's store. A failed open is not cached, so the next call tries again. */
export function getStore(): Promise<Store> {
  if (!g.__phoenixStore) {
    const { DATABASE_URL, DATA_DIR } = env();
    g.__phoenixStore = openStore({ databaseUrl: DATABASE_URL, dataDir: DATA_DIR }).catch((err) => {
      g.__phoenixStore = undefined;
      log.error({ err: err instanceof Error ? err.message : String(err) }, "console store unavailable");
      throw err instanceof AppError
        ? err
        : new AppError("STORE_UNAVAILABLE", `The console store is unavailable (${err instanceof Error ? err.message : String(err)}).`, { internal: err });
    });
  }
  return g.__phoenixStore;
}

/** Closes the process's store if it was opened (CLI and tests; the server keeps it). */
export async function closeStore(): Promise<void> {
  const pending = g.__phoenixStore;
  g.__phoenixStore = undefined;
  if (pending) await pending.then((s) => s.close()).catch(() => undefined);
}

/** Maps a store failure in the middle of work to a typed error (never a raw driver error). */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await getStore();
  try {
    return await fn(store);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (isConnectionError(err)) {
      throw new AppError("STORE_UNAVAILABLE", "The console store is unavailable; nothing was changed.", { internal: err });
    }
    throw err;
  }
}

export function isConnectionError(err: unknown): boolean {
  const text = `${(err as { code?: string })?.code ?? ""} ${err instanceof Error ? err.message : String(err)}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|timeout exceeded when trying to connect|Connection terminated|P1001|P1017|DatabaseNotReachable|Can.t reach database|terminating connection/i.test(
    text,
  );
}
