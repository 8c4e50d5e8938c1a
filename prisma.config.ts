// Prisma CLI configuration. The console applies migrations itself at boot (lib/db/migrate.ts);
// `prisma migrate deploy` reads the same folder wherever the schema engine is available.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/phoenix_console" },
});
