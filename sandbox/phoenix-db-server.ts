// The embedded Phoenix database for `npm run dev`: a PGlite (real Postgres in WASM) served on
// the Postgres wire protocol on loopback, seeded like the tests' one, so runbooks 2.2 and 2.3
// have an `experiments` table and a pg_stat_activity to query with nothing installed.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { seedPhoenixDatabase } from "./phoenix-db";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startPhoenixDb(options: { dataDir: string; port?: number }) {
  const db = await PGlite.create(options.dataDir);
  const port = options.port ?? (await freePort());
  // Without maxConnections every connection after the first is dropped.
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 20 });
  await server.start();
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  // A fresh incident history on every start: the runbooks ask about "the last hour".
  await seedPhoenixDatabase(url, { reset: true });
  return {
    url,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
