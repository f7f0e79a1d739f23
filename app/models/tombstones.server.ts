/**
 * Tombstones of what customers/redact erased (RedactionTombstone). Keys are SHA-256 hashes of
 * shop, kind and id, so the table holds no customer identifier; the worker and the backfill look
 * the ids they are about to record up here and record nothing that was erased.
 */
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import { chunked, findInChunks } from "./in-chunks.server";

type Db = PrismaClient | Prisma.TransactionClient;
export type SubjectKind = "customer" | "order";

export function tombstoneKey(shop: string, kind: SubjectKind, id: string): string {
  return createHash("sha256").update(`${shop}|${kind}|${id}`).digest("hex");
}

export interface Subjects {
  customerIds: readonly string[];
  orderIds: readonly string[];
}

function keyed(shop: string, subjects: Subjects): Map<string, [SubjectKind, string]> {
  const keys = new Map<string, [SubjectKind, string]>();
  for (const id of subjects.customerIds)
    keys.set(tombstoneKey(shop, "customer", id), ["customer", id]);
  for (const id of subjects.orderIds) keys.set(tombstoneKey(shop, "order", id), ["order", id]);
  return keys;
}

/** Records that these customers and orders were erased (idempotent). */
export async function recordTombstones(db: Db, shop: string, subjects: Subjects): Promise<void> {
  const keys = keyed(shop, subjects);
  const known = new Set(
    (
      await findInChunks([...keys.keys()], (chunk) =>
        db.redactionTombstone.findMany({ where: { key: { in: chunk } }, select: { key: true } }),
      )
    ).map((row) => row.key),
  );
  const fresh = [...keys.keys()].filter((key) => !known.has(key));
  for (const chunk of chunked(fresh, 200)) {
    await db.redactionTombstone.createMany({ data: chunk.map((key) => ({ key, shop })) });
  }
}

/** Which of these customers and orders were erased. */
export async function redactedAmong(
  db: Db,
  shop: string,
  subjects: Subjects,
): Promise<{ customerIds: Set<string>; orderIds: Set<string> }> {
  const keys = keyed(shop, subjects);
  const found = { customerIds: new Set<string>(), orderIds: new Set<string>() };
  if (keys.size === 0) return found;
  const rows = await findInChunks([...keys.keys()], (chunk) =>
    db.redactionTombstone.findMany({ where: { shop, key: { in: chunk } }, select: { key: true } }),
  );
  for (const { key } of rows) {
    const subject = keys.get(key);
    if (!subject) continue;
    (subject[0] === "customer" ? found.customerIds : found.orderIds).add(subject[1]);
  }
  return found;
}
