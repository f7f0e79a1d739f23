/**
 * Creates a database migration for both providers from the edited SQLite schema.
 *
 * prisma/schema.prisma (SQLite) is the schema we edit. PostgreSQL gets a derived copy,
 * prisma/postgresql/schema.prisma, with its own migrations folder, because Prisma needs one
 * provider per schema and SQL differs between the two. The committed derived schema doubles as
 * the snapshot of the previous data model, so migrations are diffed from schema to schema and no
 * database (nor a shadow database, which `migrate dev` would need) is involved.
 *
 * Usage:
 *   tsx scripts/db-migration.ts <name>   write prisma/migrations/<ts>_<name> and its PostgreSQL twin
 *   tsx scripts/db-migration.ts --check  fail when the derived PostgreSQL schema is out of date
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");
const SQLITE_MIGRATIONS = path.join("prisma", "migrations");
const POSTGRES_MIGRATIONS = path.join("prisma", "postgresql", "migrations");

const HEADER =
  "// Generated from prisma/schema.prisma by scripts/db-migration.ts. Do not edit: edit that file\n" +
  "// and run `npm run db:migration -- <name>`.\n\n";

const DATASOURCE = /datasource db \{[^}]*\}/;

function datasource(provider: "sqlite" | "postgresql"): string {
  return `datasource db {\n  provider = "${provider}"\n  url      = env("DATABASE_URL")\n}`;
}

/** The PostgreSQL schema for a SQLite schema: same models, other provider. */
export function derivePostgresSchema(sqliteSchema: string): string {
  if (!DATASOURCE.test(sqliteSchema))
    throw new Error(`${SQLITE_SCHEMA} has no "datasource db" block`);
  const body = sqliteSchema
    .replace(DATASOURCE, datasource("postgresql"))
    .split("\n")
    .filter(
      (line) =>
        !line.startsWith("// The connection comes from") &&
        !line.includes("is derived from this file"),
    )
    .join("\n");
  return HEADER + body.trimStart();
}

function sqliteFromPostgres(postgresSchema: string): string {
  return postgresSchema.replace(DATASOURCE, datasource("sqlite"));
}

function diff(from: string | null, to: string, work: string, label: string): string {
  const toFile = path.join(work, `${label}-to.prisma`);
  writeFileSync(toFile, to);
  const out = path.join(work, `${label}.sql`);
  const fromArgs =
    from === null
      ? ["--from-empty"]
      : ["--from-schema-datamodel", path.join(work, `${label}-from.prisma`)];
  if (from !== null) writeFileSync(path.join(work, `${label}-from.prisma`), from);
  execFileSync(
    "prisma",
    ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", toFile, "--script", "-o", out],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return readFileSync(out, "utf8");
}

function isEmptyMigration(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

function timestamp(): string {
  return new Date().toISOString().replace(/\D/g, "").slice(0, 14);
}

function writeMigration(dir: string, name: string, sql: string): void {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

function latestMigrationName(dir: string): string {
  const names = readdirSync(dir)
    .filter((n) => /^\d{14}_/.test(n))
    .sort();
  const last = names.at(-1);
  if (!last) throw new Error(`No migrations in ${dir}`);
  return last;
}

function main(argv: string[]): void {
  const sqliteSchema = readFileSync(SQLITE_SCHEMA, "utf8");
  const derived = derivePostgresSchema(sqliteSchema);
  const previous = existsSync(POSTGRES_SCHEMA) ? readFileSync(POSTGRES_SCHEMA, "utf8") : null;

  if (argv[0] === "--check") {
    if (previous !== derived) {
      console.error(`${POSTGRES_SCHEMA} is out of date: run npm run db:migration -- <name>`);
      process.exit(1);
    }
    return;
  }

  const name = argv[0];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name>   (lowercase letters, digits, _)");
    process.exit(2);
  }

  const work = mkdtempSync(path.join(tmpdir(), "ladder-migration-"));
  try {
    if (previous === null) {
      // First run: PostgreSQL catches up with the existing SQLite history in one migration
      // carrying the latest SQLite migration's name, so both folders line up from here on.
      const sql = diff(null, derived, work, "postgresql");
      writeMigration(POSTGRES_MIGRATIONS, latestMigrationName(SQLITE_MIGRATIONS), sql);
      writeFileSync(
        path.join(POSTGRES_MIGRATIONS, "migration_lock.toml"),
        'provider = "postgresql"\n',
      );
      writeFileSync(POSTGRES_SCHEMA, derived);
      console.log(`Created ${POSTGRES_SCHEMA} and its initial migration.`);
      return;
    }

    const sqliteSql = diff(sqliteFromPostgres(previous), sqliteSchema, work, "sqlite");
    const postgresSql = diff(previous, derived, work, "postgresql");
    if (isEmptyMigration(sqliteSql) && isEmptyMigration(postgresSql)) {
      console.log("No schema changes: nothing to migrate.");
      return;
    }
    const folder = `${timestamp()}_${name}`;
    writeMigration(SQLITE_MIGRATIONS, folder, sqliteSql);
    writeMigration(POSTGRES_MIGRATIONS, folder, postgresSql);
    writeFileSync(POSTGRES_SCHEMA, derived);
    console.log(`Created migration ${folder} for SQLite and PostgreSQL.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv.slice(2));
}
