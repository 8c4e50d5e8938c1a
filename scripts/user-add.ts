// npm run user:add -- --email ops@example.com --role admin [--name "Ops Lead"] [--password-stdin]
// Creates a user through the same audited action as the Users page (actor: cli:<os user>).
// Without a password it generates one and prints it once.
import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { runAction } from "@/lib/actions/run-action";
import { AppError } from "@/lib/errors";
import { closeStore } from "@/lib/db/store";
import { EnvError } from "@/lib/env";

const USAGE = "usage: npm run user:add -- --email EMAIL --role viewer|sre|lead|admin [--name NAME] [--password-stdin]";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        "password-stdin": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help || !args.email || !args.role) {
    console.error(USAGE);
    return args.help ? 0 : 2;
  }
  const generated = !args["password-stdin"];
  const password = generated ? randomBytes(12).toString("base64url") : await readStdin();

  try {
    const res = await runAction({
      id: "users.create",
      request: { input: { email: args.email, role: args.role, name: args.name, password } },
      actor: { email: `cli:${userInfo().username}`, role: "admin", via: "cli" },
    });
    if (res.status !== "done") throw new Error("unexpected preview");
    const user = res.result as { email: string; role: string };
    console.log(`Created ${user.email} with role ${user.role}.`);
    if (generated) console.log(`Password (shown once): ${password}`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`error: ${err.message}`);
      return err.code === "VALIDATION_FAILED" ? 2 : 1;
    }
    if (err instanceof EnvError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    await closeStore();
  }
}

process.exitCode = await main();
