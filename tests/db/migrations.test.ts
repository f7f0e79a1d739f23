/**
 * The migration bookkeeping of `npm run db:deploy` is Prisma's own. On the SQLite run, the test
 * database was migrated by `prisma migrate deploy`: its `_prisma_migrations` rows must carry the
 * checksums our script computes. On the PostgreSQL run (`npm run test:postgres`) it was migrated by
 * the script: the rows must be complete, and deploying again must apply nothing.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { databaseProvider, databaseUrl } from "../../app/db-adapter.server";
import { deployPostgres, POSTGRES_MIGRATIONS, readMigrations } from "../../scripts/db-deploy";

interface Row {
  migration_name: string;
  checksum: string;
  finished: boolean;
  applied_steps_count: number;
}

async function recorded(): Promise<Row[]> {
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count
     FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => ({
    ...r,
    finished: Boolean(r.finished),
    applied_steps_count: Number(r.applied_steps_count),
  }));
}

describe("applied migrations", () => {
  const url = databaseUrl();
  const postgres = databaseProvider(url) === "postgresql";
  const dir = postgres ? POSTGRES_MIGRATIONS : path.join("prisma", "migrations");

  it(`are every committed migration, in order, with Prisma's checksums (${postgres ? "PostgreSQL" : "SQLite"})`, async () => {
    const committed = readMigrations(dir);
    expect(committed.length).toBeGreaterThan(0);
    expect((await recorded()).map((r) => [r.migration_name, r.checksum, r.finished])).toEqual(
      committed.map((m) => [m.name, m.checksum, true]),
    );
  });

  it("deploy again applies nothing and changes no record", async () => {
    const before = await recorded();
    if (postgres) {
      expect(await deployPostgres(url)).toEqual({ applied: [], modified: [] });
    } else {
      // SQLite's deploy is Prisma's own; the script's PostgreSQL path reads the same folder shape.
      expect(readMigrations(POSTGRES_MIGRATIONS).map((m) => m.name)).toEqual(
        readMigrations(dir).map((m) => m.name),
      );
    }
    expect(await recorded()).toEqual(before);
    expect(before.every((r) => r.applied_steps_count >= 1)).toBe(true);
  });
});
