import { PrismaClient } from "@prisma/client";
import { createDriverAdapter, databaseProvider, databaseUrl } from "./db-adapter.server";

declare global {
  // Reused across Vite dev-server reloads so edits don't leak connections.
  var ladderPrisma: PrismaClient | undefined;
}

function createPrismaClient(): PrismaClient {
  const url = databaseUrl();
  const client = new PrismaClient({
    adapter: createDriverAdapter(url),
    // Prisma's defaults (2 s to start a transaction, 5 s to finish it) fail healthy work on a busy
    // host, where SQLite's single writer queues transactions behind each other; these bound only a
    // stuck one. Callers with bigger batches pass their own.
    transactionOptions: { maxWait: 30_000, timeout: 60_000 },
  });
  if (databaseProvider(url) === "sqlite") {
    // Write-ahead logging: one sync per commit instead of three, and readers never wait for the
    // writer, which webhook acknowledgements (one insert each) need. NORMAL sync keeps every
    // commit across an app crash; only a power cut can lose the last ones (production runs on
    // PostgreSQL).
    client
      .$queryRawUnsafe("PRAGMA journal_mode = WAL")
      .then(() => client.$executeRawUnsafe("PRAGMA synchronous = NORMAL"))
      .catch((error: unknown) =>
        console.warn("SQLite: could not enable write-ahead logging", error),
      );
  }
  return client;
}

const prisma = globalThis.ladderPrisma ?? createPrismaClient();

if (process.env.NODE_ENV !== "production") {
  globalThis.ladderPrisma = prisma;
}

export default prisma;
