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
// The schema's datasource reads DATABASE_URL; give it the same default the app uses.
process.env.DATABASE_URL ??= url;
const postgres = databaseProvider(url) === "postgresql";

// PostgreSQL has its own schema and migrations, derived from the SQLite ones by
// scripts/db-migration.ts; DATABASE_URL decides which pair the CLI works on.
const folder = postgres ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  experimental: { adapter: true },
  // SQLite: Migrate runs on the bundled WebAssembly schema engine through the libSQL adapter, so
  // it needs nothing beyond the npm registry. PostgreSQL: Prisma 6.19's Migrate cannot read
  // PostgreSQL's catalog through @prisma/adapter-pg (it fails on the `name` column type), so the
  // CLI uses the classic schema engine there (fetched by Prisma on first use); the app itself
  // still talks to PostgreSQL through the pg adapter (app/db.server.ts).
  ...(postgres
    ? { engine: "classic" as const, datasource: { url } }
    : { engine: "js" as const, adapter: async () => createDriverAdapter(url) }),
});
