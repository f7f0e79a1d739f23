import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureSchemaCache } from "../../scripts/admin-schema";
import { API_VERSION } from "../../app/shopify/api-version";
import { schemaFileName } from "../../app/shopify/schema-cache.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated SQLite database file to copy from (one copy per test file). */
    templateDatabase: string;
  }
}

export default function setup(project: TestProject) {
  ensureSchemaCache([schemaFileName("admin", API_VERSION)], console.log);

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
