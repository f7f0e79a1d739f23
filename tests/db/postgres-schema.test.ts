import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "../../scripts/db-migration";

describe("PostgreSQL schema", () => {
  it("is derived from the SQLite schema (run `npm run db:migration -- <name>` after edits)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(
      derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")),
    );
  });

  it("differs only in its provider", () => {
    const derived = derivePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).not.toContain('provider = "sqlite"');
    expect(derived).toContain("model Session {");
  });

  it("has a migration for every SQLite migration, under the same name", () => {
    const migrations = (dir: string) =>
      readdirSync(dir)
        .filter((name) => /^\d{14}_/.test(name))
        .sort();
    expect(migrations("prisma/postgresql/migrations")).toEqual(migrations("prisma/migrations"));
  });
});
