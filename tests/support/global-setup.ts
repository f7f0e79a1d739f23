import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureSchemaCache } from "../../scripts/admin-schema";
import { API_VERSION } from "../../app/shopify/api-version";
import { schemaFileName } from "../../app/shopify/schema-cache.server";
import { databaseProvider } from "../../app/db-adapter.server";
import { createTemplateDatabase, dropTestDatabases } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * What each test file copies its private database from: a migrated SQLite file, or (with a
     * postgres:// DATABASE_URL, `npm run test:postgres`) the URL of a migrated template database.
     */
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  ensureSchemaCache([schemaFileName("admin", API_VERSION)], console.log);

  const server = process.env.DATABASE_URL;
  if (server && databaseProvider(server) === "postgresql") {
    // The committed migrations, applied the way production applies them (npm run db:deploy).
    const template = await createTemplateDatabase(server);
    project.provide("templateDatabase", template.url);
    return () => dropTestDatabases(server, template.prefix);
  }

  const dir = mkdtempSync(path.join(tmpdir(), "ladder-test-db-"));
  const file = path.join(dir, "template.sqlite");
  // The committed migrations, applied the way production applies them.
  execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });
  project.provide("templateDatabase", file);

  return () => rmSync(dir, { recursive: true, force: true });
}
