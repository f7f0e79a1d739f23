/**
 * customers/redact, provably complete whatever the timing:
 * 1. tombstones for the customer and every order named are committed first (their own
 *    transaction), so from then on the worker and the backfill record nothing about them;
 * 2. then every row about them is deleted in one transaction: orders (the customer's and the
 *    listed guest orders), refunds, cohort row, data requests and webhook events of any status
 *    that concern them (by customer id or order id: refund events carry only the order);
 * 3. a writer that checked the tombstones before step 1 and committed after step 2 finds the
 *    tombstone when it re-checks after its commit (`purgeLateRedactions`) and deletes what it wrote.
 */
import type { Prisma } from "@prisma/client";
import { accumulate, contribution, type RollupDelta } from "../analytics/order-facts";
import prisma from "../db.server";
import { countInChunks, findInChunks } from "./in-chunks.server";
import { refreshCustomers } from "./customer-rollups.server";
import { countedFromRow, STORED_SELECT } from "./stored-orders.server";
import { applyRollupDeltas } from "./set-writes.server";
import { recordTombstones, redactedAmong, type Subjects } from "./tombstones.server";

type Tx = Prisma.TransactionClient;

export async function redactCustomer(
  shop: string,
  customerId: string,
  orderIds: readonly string[],
): Promise<{ orders: number }> {
  const subjects = { customerIds: [customerId], orderIds: [...new Set(orderIds)] };
  await prisma.$transaction((tx) => recordTombstones(tx, shop, subjects), { timeout: 60_000 });
  return purgeSubjects(shop, subjects);
}

/** Deletes every row about these customers and orders, and takes their orders out of the rollups. */
export async function purgeSubjects(shop: string, subjects: Subjects): Promise<{ orders: number }> {
  return prisma.$transaction((tx) => purgeIn(tx, shop, subjects), {
    timeout: 120_000,
    maxWait: 30_000,
  });
}

async function purgeIn(tx: Tx, shop: string, subjects: Subjects): Promise<{ orders: number }> {
  const customerIds = [...new Set(subjects.customerIds)];
  const byCustomer = await findInChunks(customerIds, (chunk) =>
    tx.analyticsOrder.findMany({
      where: { shop, customerId: { in: chunk } },
      select: STORED_SELECT,
    }),
  );
  const byId = await findInChunks([...new Set(subjects.orderIds)], (chunk) =>
    tx.analyticsOrder.findMany({ where: { shop, orderId: { in: chunk } }, select: STORED_SELECT }),
  );
  const orders = new Map([...byCustomer, ...byId].map((o) => [o.orderId, o]));
  const deltas = new Map<string, RollupDelta>();
  for (const order of orders.values()) accumulate(deltas, contribution(countedFromRow(order)), -1);
  const allOrderIds = [...new Set([...orders.keys(), ...subjects.orderIds])];

  await countInChunks([...orders.keys()], (chunk) =>
    tx.analyticsOrder.deleteMany({ where: { shop, orderId: { in: chunk } } }),
  );
  await countInChunks(customerIds, (chunk) =>
    tx.analyticsRefund.deleteMany({ where: { shop, customerId: { in: chunk } } }),
  );
  await countInChunks(allOrderIds, (chunk) =>
    tx.analyticsRefund.deleteMany({ where: { shop, orderId: { in: chunk } } }),
  );
  // Every event about them, whatever its status: a done event's row still names the customer,
  // and the tombstone (not the event id) now keeps a repeated delivery from recording anything.
  await countInChunks(customerIds, (chunk) =>
    tx.webhookEvent.deleteMany({ where: { shop, customerId: { in: chunk } } }),
  );
  await countInChunks(allOrderIds, (chunk) =>
    tx.webhookEvent.deleteMany({ where: { shop, orderId: { in: chunk } } }),
  );
  await countInChunks(customerIds, (chunk) =>
    tx.dataRequest.deleteMany({ where: { shop, customerId: { in: chunk } } }),
  );
  const customers = new Set<string>(customerIds);
  for (const order of orders.values()) if (order.customerId) customers.add(order.customerId);
  // Customers before the daily rollups: the lock order every writer of orders keeps.
  await refreshCustomers(tx, shop, [...customers]);
  await applyRollupDeltas(tx, shop, deltas);
  return { orders: orders.size };
}

/**
 * Called after a write committed: when a redaction of any of the written customers or orders
 * committed its tombstones meanwhile, what was written is deleted again.
 */
export async function purgeLateRedactions(shop: string, written: Subjects): Promise<boolean> {
  const late = await redactedAmong(prisma, shop, written);
  if (late.customerIds.size === 0 && late.orderIds.size === 0) return false;
  await purgeSubjects(shop, { customerIds: [...late.customerIds], orderIds: [...late.orderIds] });
  return true;
}
