/**
 * PostgreSQL for the database-backed suites (`npm run test:postgres`): one template database
 * migrated per run, and a private copy of it per test file (CREATE DATABASE … TEMPLATE), as the
 * SQLite run copies a file. Every database of a run shares a prefix and is dropped at the end.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { deployPostgres } from "../../scripts/db-deploy";

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function createTemplateDatabase(
  serverUrl: string,
): Promise<{ url: string; prefix: string }> {
  const prefix = `ladder_test_${Date.now().toString(36)}_${process.pid}`;
  const name = `${prefix}_template`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${quote(name)}`));
  const url = withDatabase(serverUrl, name);
  await deployPostgres(url);
  return { url, prefix };
}

/** A fresh database for one test file, copied from the template; returns its URL. */
export async function createTestDatabase(templateUrl: string): Promise<string> {
  const template = databaseName(templateUrl);
  const name = `${template.replace(/_template$/, "")}_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await withClient(withDatabase(templateUrl, "postgres"), (c) =>
    c.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`),
  );
  return withDatabase(templateUrl, name);
}

export async function dropTestDatabases(serverUrl: string, prefix: string): Promise<void> {
  await withClient(serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [prefix],
    );
    // FORCE: a test file's pool may still hold idle connections when its worker is reused.
    for (const { datname } of rows) await c.query(`DROP DATABASE ${quote(datname)} WITH (FORCE)`);
  });
}
