import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createDriverAdapter, databaseProvider, databaseUrl } from "./app/db-adapter.server";

// The client runs on driver adapters (engineType "client"), so no query engine library is used.
// The CLI still checks that one exists and would download it, which fails offline; pointing it at
// any existing file skips that download.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= createRequire(import.meta.url).resolve(
  "prisma/package.json",
);

const url = databaseUrl();

// PostgreSQL has its own schema and migrations, derived from the SQLite ones by
// scripts/db-migration.ts; DATABASE_URL decides which pair the CLI works on.
const schema =
  databaseProvider(url) === "postgresql"
    ? path.join("prisma", "postgresql", "schema.prisma")
    : path.join("prisma", "schema.prisma");

export default defineConfig({
  schema,
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return createDriverAdapter(url);
  },
});
