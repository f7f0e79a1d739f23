/**
 * `npm run demo`: the full admin on a seeded demo shop, outside Shopify, offline.
 *
 * Migrates and seeds an SQLite database of its own, builds the admin, and serves it with
 * remix-serve at http://localhost:$PORT/app (3000 by default). Ctrl+C stops it.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { API_VERSION } from "../app/shopify/api-version";
import { schemaFileName } from "../app/shopify/schema-cache.server";
import { DEMO_DATABASE_URL, demoHost, demoModeFromEnv } from "../app/demo/mode.server";
import { createDriverAdapter } from "../app/db-adapter.server";
import { ensureSchemaCache } from "./admin-schema";

const bin = (name: string) => path.resolve("node_modules", ".bin", name);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  LADDER_DEMO: "1",
  // The demo never touches another database, whatever DATABASE_URL says.
  DATABASE_URL: DEMO_DATABASE_URL,
  PORT: process.env.PORT || "3000",
  // remix-serve listens on HOST, and on every interface without it: the demo stays on loopback.
  HOST: demoHost(process.env),
  NODE_ENV: "production",
};

const DEMO_DATABASE_FILE = path.resolve("prisma", "demo.sqlite");

/** SQLite's own integrity check of an existing demo database (a missing one is fine). */
async function demoDatabaseDamaged(): Promise<boolean> {
  if (!existsSync(DEMO_DATABASE_FILE)) return false;
  const client = new PrismaClient({ adapter: createDriverAdapter(DEMO_DATABASE_URL) });
  try {
    const rows = await client.$queryRawUnsafe<{ quick_check: string }[]>("PRAGMA quick_check");
    return rows[0]?.quick_check !== "ok";
  } catch {
    return true;
  } finally {
    await client.$disconnect();
  }
}

function step(label: string, run: () => void | Promise<void>) {
  console.log(`› ${label}`);
  return run();
}

async function main() {
  // Fail fast, before any work, when the environment holds real credentials.
  demoModeFromEnv(env);

  await step("Admin GraphQL schema", () =>
    ensureSchemaCache([schemaFileName("admin", API_VERSION)], console.log),
  );
  await step("Database (SQLite, prisma/demo.sqlite)", async () => {
    if (await demoDatabaseDamaged()) {
      // A demo stopped mid-write can leave a damaged file. The demo shop is reseeded anyway, so
      // keep the damaged copy aside for inspection and start from an empty database.
      const aside = `${DEMO_DATABASE_FILE}.damaged-${Date.now()}`;
      renameSync(DEMO_DATABASE_FILE, aside);
      for (const suffix of ["-wal", "-shm", "-journal"]) {
        rmSync(DEMO_DATABASE_FILE + suffix, { force: true });
      }
      console.log(`  The demo database was damaged: moved it to ${aside}, starting afresh.`);
    }
    execFileSync(bin("prisma"), ["migrate", "deploy"], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
  });
  await step("Demo shop", async () => {
    Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL });
    const { default: prisma } = await import("../app/db.server");
    const { PrismaSessionStorage } = await import("@shopify/shopify-app-session-storage-prisma");
    const { seedDemoShop } = await import("../app/demo/seed.server");
    await seedDemoShop(new PrismaSessionStorage(prisma));
    await prisma.$disconnect();
  });
  await step("Build", () => {
    execFileSync(bin("remix"), ["vite:build", "--logLevel", "warn"], { env, stdio: "inherit" });
  });

  const shown = env.HOST === "127.0.0.1" ? "localhost" : env.HOST;
  console.log(
    `› Serving the demo store admin at http://${shown}:${env.PORT}/app (HOST=${env.HOST})`,
  );
  const server = spawn(bin("remix-serve"), ["./build/server/index.js"], { env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => server.kill(signal));
  }
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
