import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";

/** Local default: an SQLite file next to the schema. */
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.sqlite";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseUrl(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/**
 * The provider follows the URL, so one code base runs on SQLite (demo, development, tests) and on
 * PostgreSQL (production) without a code change: only DATABASE_URL differs.
 */
export function databaseProvider(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `Unsupported DATABASE_URL "${url.split(":")[0]}:…": use file:… (SQLite) or postgres://… (PostgreSQL).`,
  );
}

/** The Prisma driver adapter for a database URL (Prisma runs without native engines). */
export function createDriverAdapter(url: string) {
  return databaseProvider(url) === "postgresql"
    ? new PrismaPg({ connectionString: url })
    : new PrismaLibSQL({ url });
}
