/**
 * refunds/create: a refund recorded once by its id, and its order's facts and rollups re-derived.
 */
import type { Prisma } from "@prisma/client";
import prisma from "../db.server";
import { toDbInt } from "./db-integers.server";
import { refreshCustomers } from "./customer-rollups.server";
import { purgeLateRedactions } from "./redaction.server";
import { applyRollupDeltas } from "./set-writes.server";
import {
  ConcurrentUpdateError,
  countedFromRow,
  retryingLostRaces,
  STORED_SELECT,
  type StoredOrderRow,
} from "./stored-orders.server";
import { redactedAmong } from "./tombstones.server";
import {
  accumulate,
  contribution,
  deriveFacts,
  type OrderLine,
  type OrderRefund,
  type RollupDelta,
} from "../analytics/order-facts";

type Tx = Prisma.TransactionClient;

async function refundLinesByOrder(
  tx: Tx,
  shop: string,
  orderIds: readonly string[],
): Promise<Map<string, Pick<OrderRefund, "lines">[]>> {
  const rows = await tx.analyticsRefund.findMany({
    where: { shop, orderId: { in: [...orderIds] } },
    select: { orderId: true, lines: true },
  });
  const byOrder = new Map<string, Pick<OrderRefund, "lines">[]>();
  for (const row of rows) {
    const list = byOrder.get(row.orderId) ?? [];
    list.push({ lines: JSON.parse(row.lines) as OrderRefund["lines"] });
    byOrder.set(row.orderId, list);
  }
  return byOrder;
}

/**
 * refunds/create: stores the refund once (by id) and, when the order is known, re-derives its
 * facts. A refund that arrives before its order waits in the table and counts when the order does.
 */
export async function recordRefund(
  shop: string,
  refund: OrderRefund,
): Promise<{ applied: boolean; duplicate: boolean; redacted?: boolean }> {
  let customerId: string | null = null;
  const outcome = await retryingLostRaces(() =>
    recordRefundOnce(shop, refund, (id) => (customerId = id)),
  );
  await purgeLateRedactions(shop, {
    orderIds: [refund.orderId],
    customerIds: customerId ? [customerId] : [],
  });
  return outcome;
}

async function recordRefundOnce(
  shop: string,
  refund: OrderRefund,
  onCustomer: (id: string | null) => void,
): Promise<{ applied: boolean; duplicate: boolean; redacted?: boolean }> {
  return prisma.$transaction(async (tx) => {
    const known = await tx.analyticsRefund.findUnique({
      where: { shop_refundId: { shop, refundId: refund.id } },
      select: { refundId: true },
    });
    if (known) return { applied: false, duplicate: true };
    const order = await tx.analyticsOrder.findUnique({
      where: { shop_orderId: { shop, orderId: refund.orderId } },
      select: STORED_SELECT,
    });
    const customerId = order?.customerId ?? null;
    onCustomer(customerId);
    const erased = await redactedAmong(tx, shop, {
      orderIds: [refund.orderId],
      customerIds: customerId ? [customerId] : [],
    });
    if (erased.orderIds.size > 0 || erased.customerIds.size > 0) {
      return { applied: false, duplicate: false, redacted: true };
    }
    await tx.analyticsRefund.create({
      data: {
        shop,
        refundId: refund.id,
        orderId: refund.orderId,
        createdAt: refund.createdAt,
        lines: JSON.stringify(refund.lines),
        customerId,
      },
    });
    if (!order) return { applied: false, duplicate: false };
    await rederive(tx, shop, order);
    return { applied: true, duplicate: false };
  });
}

/** Re-derives a stored order's facts from its lines and refunds and applies the rollup delta. */
async function rederive(tx: Tx, shop: string, before: StoredOrderRow): Promise<void> {
  const lines = JSON.parse(before.lines) as OrderLine[];
  const refunds = (await refundLinesByOrder(tx, shop, [before.orderId])).get(before.orderId) ?? [];
  const old = countedFromRow(before);
  const facts = deriveFacts(lines, refunds, old.shown);
  const deltas = new Map<string, RollupDelta>();
  accumulate(deltas, contribution({ ...old, ...facts }), 1);
  accumulate(deltas, contribution(old), -1);
  const { count } = await tx.analyticsOrder.updateMany({
    where: { shop, orderId: before.orderId, version: before.version },
    data: {
      value: toDbInt(facts.value),
      attributed: toDbInt(facts.attributed),
      offerRevenue: JSON.stringify(facts.offerRevenue),
      version: { increment: 1 },
    },
  });
  if (count !== 1) throw new ConcurrentUpdateError(shop, [before.orderId]);
  // Customers before the daily rollups: the lock order every writer keeps (see recordChunk).
  if (before.customerId) await refreshCustomers(tx, shop, [before.customerId]);
  await applyRollupDeltas(tx, shop, deltas);
}
