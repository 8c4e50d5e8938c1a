import "server-only";
// Files the console keeps outside its store: append-only logs of JSON lines, and secrets it
// generates once for development. Local disk, so no timeout; every write reaches the disk
// (fsync) before the call returns.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";

/** Appends lines (opened with the 'a' flag, so nothing before them can be overwritten) and fsyncs. */
export async function appendLines(options: { file: string; lines: string[] }) {
  if (!options.lines.length) return;
  await mkdir(path.dirname(options.file), { recursive: true, mode: 0o700 });
  const handle = await open(options.file, "a", 0o600);
  try {
    await handle.appendFile(options.lines.map((l) => `${l}\n`).join(""));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The file's non-empty lines, or null when it does not exist. */
export async function readLines(options: { file: string }): Promise<string[] | null> {
  try {
    return (await readFile(options.file, "utf8")).split("\n").filter((l) => l.trim() !== "");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Reads a secret file, creating it (mode 0600, 32 random bytes as hex) if absent; `created` says which. */
export function readOrCreateSecretFile(options: { file: string }): { secret: string; created: boolean } {
  try {
    return { secret: readFileSync(options.file, "utf8").trim(), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("hex");
  try {
    // 'wx': if another process created it meanwhile, keep theirs.
    writeFileSync(options.file, `${secret}\n`, { flag: "wx", mode: 0o600 });
    return { secret, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return { secret: readFileSync(options.file, "utf8").trim(), created: false };
  }
}
