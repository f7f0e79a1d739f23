/**
 * A shop's first load of orders in bulk (the demo seed, benchmarks).
 */
import type { Prisma } from "@prisma/client";
import prisma from "../db.server";
import { toDbInt } from "./db-integers.server";
import { addCustomerOrder, type CustomerAggregate } from "./customer-rollups.server";
import { orderRow } from "./stored-orders.server";
import {
  accumulate,
  contribution,
  deriveFacts,
  isZeroDelta,
  type NormalizedOrder,
  type OrderLine,
  type RollupDelta,
} from "../analytics/order-facts";

/**
 * Fast first load for a shop with no orders yet (the demo seed, benchmarks): facts, rollups,
 * customers and cohorts are computed in memory with the same functions as `recordOrders`, then
 * written with batched inserts. Refuses a shop that already has orders (use recordOrders).
 */
export async function bulkLoadOrders(
  shop: string,
  orders: readonly NormalizedOrder[],
): Promise<number> {
  if (await prisma.analyticsOrder.findFirst({ where: { shop }, select: { orderId: true } })) {
    throw new Error(`${shop} already has orders; record further orders with recordOrders.`);
  }
  const orderRows: Prisma.AnalyticsOrderCreateManyInput[] = [];
  const refundRows: Prisma.AnalyticsRefundCreateManyInput[] = [];
  const deltas = new Map<string, RollupDelta>();
  const customers = new Map<string, CustomerAggregate>();
  const products = new Map<string, OrderLine>();
  const seen = new Set<string>();
  for (const order of orders) {
    if (seen.has(order.id)) continue;
    seen.add(order.id);
    const facts = deriveFacts(order.lines, order.refunds, order.shown);
    accumulate(deltas, contribution({ ...order, ...facts }), 1);
    orderRows.push(orderRow(shop, order, facts));
    for (const refund of order.refunds) {
      refundRows.push({
        shop,
        refundId: refund.id,
        orderId: order.id,
        createdAt: refund.createdAt,
        lines: JSON.stringify(refund.lines),
        customerId: order.customerId,
      });
    }
    for (const line of order.lines)
      if (line.productId && line.variantId) products.set(line.productId, line);
    if (order.customerId && !order.cancelled) {
      addCustomerOrder(customers, order.customerId, order, facts.value);
    }
  }
  const cohorts = new Map<string, Prisma.CohortRollupCreateManyInput>();
  for (const c of customers.values()) {
    const key = `${c.cohortMonth}|${c.group}`;
    const row = cohorts.get(key) ?? {
      shop,
      month: c.cohortMonth,
      group: c.group,
      customers: 0,
      orders: 0,
      revenue: 0,
    };
    row.customers = (row.customers ?? 0) + 1;
    row.orders = (row.orders ?? 0) + c.orders;
    row.revenue = (row.revenue ?? 0) + c.revenue;
    cohorts.set(key, row);
  }

  const insert = async <T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
  };
  await prisma.$transaction(
    async (tx) => {
      await insert(orderRows, 50, (data) => tx.analyticsOrder.createMany({ data }));
      await insert(refundRows, 100, (data) => tx.analyticsRefund.createMany({ data }));
      await insert(
        [...deltas.values()].filter((d) => !isZeroDelta(d)),
        80,
        (data) => tx.dailyRollup.createMany({ data: data.map((d) => ({ shop, ...d })) }),
      );
      await insert([...customers.entries()], 100, (data) =>
        tx.analyticsCustomer.createMany({
          data: data.map(([customerId, c]) => ({
            shop,
            customerId,
            ...c,
            revenue: toDbInt(c.revenue),
          })),
        }),
      );
      await insert([...cohorts.values()], 100, (data) => tx.cohortRollup.createMany({ data }));
      await insert([...products.values()], 100, (data) =>
        tx.analyticsProduct.createMany({
          data: data.map((l) => ({
            shop,
            productId: l.productId ?? "",
            title: l.title,
            variantId: l.variantId ?? "",
            variantTitle: l.variantTitle,
            unitPrice: toDbInt(l.unitPrice),
          })),
        }),
      );
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  return orderRows.length;
}
