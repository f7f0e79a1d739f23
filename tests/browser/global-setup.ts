/**
 * The browser suite's server: the demo store as `npm run demo` serves it (production build,
 * LADDER_DEMO=1, schema-backed Admin API stand-in), on its own SQLite database and a free port,
 * so it never touches a developer's demo database or another server.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureSchemaCache } from "../../scripts/admin-schema";
import { API_VERSION } from "../../app/shopify/api-version";
import { schemaFileName } from "../../app/shopify/schema-cache.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the demo admin answers, e.g. http://localhost:41234. */
    baseUrl: string;
    /** The demo server's own SQLite database, for tests that set up data a merchant can't type. */
    databaseUrl: string;
  }
}

const bin = (name: string) => path.resolve("node_modules", ".bin", name);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The demo server exited (${child.exitCode})`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The demo server did not answer ${url} within ${timeoutMs / 1000} s`);
}

export default async function setup(project: TestProject) {
  ensureSchemaCache([schemaFileName("admin", API_VERSION)], console.log);
  const dir = mkdtempSync(path.join(tmpdir(), "ladder-browser-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LADDER_DEMO: "1",
    DATABASE_URL: `file:${path.join(dir, "demo.sqlite")}`,
    PORT: String(port),
    // The demo bypasses authentication: loopback only, as `npm run demo` serves it.
    HOST: "127.0.0.1",
    NODE_ENV: "production",
  };
  delete env.SHOPIFY_API_KEY;
  delete env.SHOPIFY_API_SECRET;

  if (process.env.LADDER_BROWSER_SKIP_BUILD !== "1") {
    execFileSync(bin("remix"), ["vite:build", "--logLevel", "error"], { env, stdio: "inherit" });
  }
  execFileSync(bin("prisma"), ["migrate", "deploy"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  execFileSync(bin("tsx"), ["tests/browser/seed.ts"], { env, stdio: "inherit" });

  const server = spawn(bin("remix-serve"), ["./build/server/index.js"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://localhost:${port}`;
  // A hang guard, not a speed check: a loaded CI machine starts the server slowly.
  await waitForServer(`${baseUrl}/app`, server, 300_000);
  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", env.DATABASE_URL ?? "");

  return () => {
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
}
