import { PrismaClient } from "@prisma/client";
import { createDriverAdapter, databaseUrl } from "./db-adapter.server";

declare global {
  // Reused across Vite dev-server reloads so edits don't leak connections.
  var ladderPrisma: PrismaClient | undefined;
}

function createPrismaClient(): PrismaClient {
  return new PrismaClient({ adapter: createDriverAdapter(databaseUrl()) });
}

const prisma = globalThis.ladderPrisma ?? createPrismaClient();

if (process.env.NODE_ENV !== "production") {
  globalThis.ladderPrisma = prisma;
}

export default prisma;
