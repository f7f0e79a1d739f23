/**
 * Stored orders (AnalyticsOrder) as the recording code reads and writes them: the row of an order,
 * its rollup contribution read back, and what every writer of orders shares (the race retry).
 */
import { Prisma } from "@prisma/client";
import prisma from "../db.server";
import { fromDbInt, toDbInt } from "./db-integers.server";
import type {
  CountedOrder,
  NormalizedOrder,
  OrderFacts,
  OrderGroup,
} from "../analytics/order-facts";

export class ConcurrentUpdateError extends Error {
  constructor(shop: string, orderIds: readonly string[]) {
    const which =
      orderIds.length === 1 ? `Order ${orderIds[0]}` : `One of orders ${orderIds.join(", ")}`;
    super(`${which} of ${shop} changed while it was being recorded; it will be retried.`);
    this.name = "ConcurrentUpdateError";
  }
}

export interface StoredOrderRow {
  orderId: string;
  customerId: string | null;
  createdAt: Date;
  sourceUpdatedAt: Date;
  day: string;
  group: string;
  cancelled: boolean;
  lines: string;
  value: bigint;
  attributed: bigint;
  accepted: string;
  shown: string;
  offerRevenue: string;
  version: number;
}

export const STORED_SELECT = {
  orderId: true,
  customerId: true,
  createdAt: true,
  sourceUpdatedAt: true,
  day: true,
  group: true,
  cancelled: true,
  lines: true,
  value: true,
  attributed: true,
  accepted: true,
  shown: true,
  offerRevenue: true,
  version: true,
} as const;

function splitList(value: string): string[] {
  return value === "" ? [] : value.split(",");
}

export function countedFromRow(row: StoredOrderRow): CountedOrder {
  return {
    day: row.day,
    group: row.group as OrderGroup,
    cancelled: row.cancelled,
    value: fromDbInt(row.value),
    attributed: fromDbInt(row.attributed),
    accepted: splitList(row.accepted),
    shown: splitList(row.shown),
    offerRevenue: JSON.parse(row.offerRevenue) as Record<string, number>,
  };
}

/** The stored row of an order: its payload's fields and the facts derived from them. */
export function orderRow(
  shop: string,
  order: NormalizedOrder,
  facts: OrderFacts,
): Prisma.AnalyticsOrderCreateManyInput {
  return {
    shop,
    orderId: order.id,
    name: order.name,
    customerId: order.customerId,
    createdAt: order.createdAt,
    sourceUpdatedAt: order.updatedAt,
    day: order.day,
    group: order.group,
    cancelled: order.cancelled,
    lines: JSON.stringify(order.lines),
    basket: facts.basket.join(" "),
    value: toDbInt(facts.value),
    attributed: toDbInt(facts.attributed),
    accepted: facts.accepted.join(","),
    shown: facts.shown.join(","),
    offerRevenue: JSON.stringify(facts.offerRevenue),
  };
}

/** Attempts of a chunk that lost a race (unique constraint, optimistic version) before giving up. */
const RACE_ATTEMPTS = 5;

/**
 * Another writer inserted or updated one of the orders between our read and our write (two
 * deliveries of one order processed at once, two instances): re-reading and retrying at once
 * resolves it, instead of failing the event and waiting for its backoff.
 */
function lostRace(error: unknown): boolean {
  return (
    error instanceof ConcurrentUpdateError ||
    (error instanceof Prisma.PrismaClientKnownRequestError &&
      (error.code === "P2002" || error.code === "P2034")) ||
    deadlocked(error)
  );
}

/** Runs `work` (one transaction) again at once each time it loses a race, up to RACE_ATTEMPTS. */
export async function retryingLostRaces<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= RACE_ATTEMPTS || !lostRace(error)) throw error;
    }
  }
}

/**
 * PostgreSQL broke a deadlock by failing this transaction (40P01, which Prisma's adapter passes
 * on unmapped). Writers take their locks in one order, so this is rare; retrying resolves it.
 */
function deadlocked(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (/\b40P01\b|deadlock detected/.test(e.message)) return true;
    e = e.cause;
  }
  return false;
}

/** The last time the customer accepted an offer (the checkout extension's cooldown input). */
export async function lastAcceptedAt(shop: string, customerId: string): Promise<Date | null> {
  const row = await prisma.analyticsOrder.findFirst({
    where: { shop, customerId, cancelled: false, NOT: { accepted: "" } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return row?.createdAt ?? null;
}
