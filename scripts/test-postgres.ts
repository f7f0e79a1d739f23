/**
 * `npm run test:postgres`: every database-backed suite (vitest's "app" project) against the
 * PostgreSQL server of DATABASE_URL. Each run migrates a template database with the committed
 * migrations (as `npm run db:deploy` does), each test file gets its own copy, and all of them are
 * dropped afterwards; the database named in the URL is only used to create them.
 *
 * The Prisma client is generated per provider, so it is generated for PostgreSQL first and for
 * SQLite again afterwards, leaving the working copy as `npm test` expects it.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { databaseProvider } from "../app/db-adapter.server";

const url = process.env.DATABASE_URL ?? "";
if (!url || databaseProvider(url) !== "postgresql") {
  console.error(
    "test:postgres needs DATABASE_URL=postgres://user@host:port/database (a server where the " +
      "user may create databases).",
  );
  process.exit(2);
}

const bin = (name: string) => path.resolve("node_modules", ".bin", name);
const run = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;

const sqliteEnv = { ...process.env };
delete sqliteEnv.DATABASE_URL;

let status = run(bin("prisma"), ["generate", "--no-hints"], process.env);
if (status === 0) {
  // vitest.config.ts leaves the demo's end-to-end test out on PostgreSQL (the demo refuses it).
  const args = ["run", "--project", "app"];
  status = run(bin("vitest"), [...args, ...process.argv.slice(2)], process.env);
}
const restored = run(bin("prisma"), ["generate", "--no-hints"], sqliteEnv);
process.exit(status || restored);
