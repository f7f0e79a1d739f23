/**
 * Ensures the Admin GraphQL schema of the app's API version is cached locally.
 *
 * Shopify publishes no offline copy of the Admin schema on the npm registry except inside
 * @shopify/dev-mcp, whose dependency tree is large. We only need one data file, so we fetch the
 * package tarball with `npm pack` and extract that file with `tar`. The cache is gitignored: the
 * schema is Shopify's, we never commit it.
 *
 * Usage: tsx scripts/admin-schema.ts [--quiet]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { API_VERSION } from "../app/shopify/api-version";
import {
  SCHEMA_CACHE_DIR,
  SCHEMA_PACKAGE,
  schemaFileName,
} from "../app/shopify/schema-cache.server";

export function ensureSchemaCache(files: string[], log: (line: string) => void = () => {}): void {
  const missing = files.filter((file) => !existsSync(path.join(SCHEMA_CACHE_DIR, file)));
  if (missing.length === 0) return;

  log(`Fetching ${missing.join(", ")} from ${SCHEMA_PACKAGE}`);
  const work = mkdtempSync(path.join(tmpdir(), "ladder-schema-"));
  try {
    const tarball = execFileSync(
      "npm",
      ["pack", SCHEMA_PACKAGE, "--silent", "--pack-destination", work],
      { cwd: work, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    )
      .trim()
      .split("\n")
      .pop();
    if (!tarball) throw new Error(`npm pack ${SCHEMA_PACKAGE} printed no file name`);

    const members = missing.map((file) => `package/dist/data/${file}`);
    execFileSync("tar", ["-xzf", path.join(work, tarball), "-C", work, ...members], {
      stdio: "inherit",
    });

    mkdirSync(SCHEMA_CACHE_DIR, { recursive: true });
    for (const file of missing) {
      renameSync(
        path.join(work, "package", "dist", "data", file),
        path.join(SCHEMA_CACHE_DIR, file),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Run as a script (not when imported by the test setup).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const quiet = process.argv.includes("--quiet");
  ensureSchemaCache([schemaFileName("admin", API_VERSION)], quiet ? undefined : console.log);
}
