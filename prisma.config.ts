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
  // Both databases run the CLI on the bundled WebAssembly engine through the app's driver adapter,
  // so `prisma generate` needs nothing beyond the npm registry. `migrate deploy` works that way on
  // SQLite only: on PostgreSQL, Prisma 6.19's WebAssembly Migrate cannot read the catalog through
  // @prisma/adapter-pg (it fails on the `name` column type) and the classic engine is a binary
  // download, so `npm run db:deploy` (scripts/db-deploy.ts) applies PostgreSQL's migrations.
  engine: "js",
  adapter: async () => createDriverAdapter(url),
});
