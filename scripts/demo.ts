/**
 * `npm run demo`: the full admin on a seeded demo shop, outside Shopify, offline.
 *
 * Migrates and seeds an SQLite database of its own, builds the admin, and serves it with
 * remix-serve at http://localhost:$PORT/app (3000 by default). Ctrl+C stops it.
 */
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { API_VERSION } from "../app/shopify/api-version";
import { schemaFileName } from "../app/shopify/schema-cache.server";
import { DEMO_DATABASE_URL, demoModeFromEnv } from "../app/demo/mode.server";
import { ensureSchemaCache } from "./admin-schema";

const bin = (name: string) => path.resolve("node_modules", ".bin", name);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  LADDER_DEMO: "1",
  // The demo never touches another database, whatever DATABASE_URL says.
  DATABASE_URL: DEMO_DATABASE_URL,
  PORT: process.env.PORT || "3000",
  NODE_ENV: "production",
};

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
  await step("Database (SQLite, prisma/demo.sqlite)", () => {
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

  console.log(`› Serving the demo store admin at http://localhost:${env.PORT}/app`);
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
