/**
 * Applies the committed migrations to DATABASE_URL, offline: `npm run db:deploy`.
 *
 * SQLite: `prisma migrate deploy` (its schema engine runs as bundled WebAssembly).
 * PostgreSQL: Prisma 6.19 cannot migrate offline there (the classic schema engine is a binary
 * download; the WebAssembly one fails on PostgreSQL's catalog through the pg adapter), so this
 * script does what `migrate deploy` does, with the same bookkeeping: each pending migration of
 * prisma/postgresql/migrations, in name order, runs in its own transaction together with its row
 * in `_prisma_migrations` (id, sha-256 checksum of migration.sql, start and finish times, one
 * applied step), under Prisma's advisory lock. Running it again applies nothing; Prisma's own
 * `migrate deploy` or `migrate status` reads the same table, so either tool can take over.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseProvider, databaseUrl } from "../app/db-adapter.server";

export const POSTGRES_MIGRATIONS = path.join("prisma", "postgresql", "migrations");

/** The key Prisma's schema engine locks on PostgreSQL, so this never races with Prisma itself. */
const PRISMA_ADVISORY_LOCK = 72707369;

// The table exactly as Prisma's schema engine creates it.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function checksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/** The committed migrations of a folder, in the order they apply. */
export function readMigrations(dir: string = POSTGRES_MIGRATIONS): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksum(sql) };
    });
}

export interface DeployResult {
  applied: string[];
  /** Applied earlier, but migration.sql has changed since (Prisma would flag it too). */
  modified: string[];
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Applies the pending migrations of `dir` to a PostgreSQL database. Idempotent. */
export async function deployPostgres(
  url: string,
  { dir = POSTGRES_MIGRATIONS, log = (_line: string) => {} } = {},
): Promise<DeployResult> {
  const migrations = readMigrations(dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const live = rows.filter((row) => row.rolled_back_at === null);
    const failed = live.filter((row) => row.finished_at === null);
    if (failed.length > 0) {
      // Prisma's P3009: a failed migration must be resolved by a person before anything else runs.
      throw new Error(
        `Migration ${failed.map((r) => r.migration_name).join(", ")} failed earlier and is ` +
          "recorded as unfinished in _prisma_migrations; fix the database, then mark it with " +
          "`prisma migrate resolve`, before deploying again.",
      );
    }
    const done = new Map(live.map((row) => [row.migration_name, row.checksum]));
    const result: DeployResult = { applied: [], modified: [] };
    for (const migration of migrations) {
      const recorded = done.get(migration.name);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) result.modified.push(migration.name);
        continue;
      }
      log(`Applying migration ${migration.name}`);
      await client.query("BEGIN");
      try {
        const id = randomUUID();
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
           VALUES ($1, $2, $3, now())`,
          [id, migration.checksum, migration.name],
        );
        await client.query(migration.sql);
        await client.query(
          `UPDATE "_prisma_migrations"
           SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed, nothing of it was applied`, {
          cause: error,
        });
      }
      result.applied.push(migration.name);
    }
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...done.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      log(`The database has migrations this code base does not: ${unknown.join(", ")}`);
    }
    return result;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = databaseUrl();
  if (databaseProvider(url) === "sqlite") {
    execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      stdio: "inherit",
    });
    return;
  }
  const { applied, modified } = await deployPostgres(url, { log: console.log });
  for (const name of modified) {
    console.warn(`Warning: migration ${name} was modified after it was applied.`);
  }
  console.log(
    applied.length === 0
      ? "No pending migrations to apply."
      : `Applied ${applied.length} migration(s) to PostgreSQL.`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
