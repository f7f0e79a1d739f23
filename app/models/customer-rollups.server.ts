/**
 * Customers (AnalyticsCustomer: cohort and lifetime revenue) and the cohort rollups, re-derived
 * from the customers' orders whenever their orders change.
 */
import type { Prisma } from "@prisma/client";
import { fromDbInt, toDbInt } from "./db-integers.server";
import { chunked } from "./in-chunks.server";
import { applyCohortDeltas, lockCustomers, type CohortDelta } from "./set-writes.server";

type Tx = Prisma.TransactionClient;

/** Customers per query (SQLite's bind limit). */
const CUSTOMERS_PER_QUERY = 400;

export interface CustomerAggregate {
  firstOrderAt: Date;
  cohortMonth: string;
  group: string;
  orders: number;
  revenue: number;
}

/** Counts one order into its customer's aggregate: the earliest order decides the cohort. */
export function addCustomerOrder(
  customers: Map<string, CustomerAggregate>,
  customerId: string,
  order: { createdAt: Date; day: string; group: string },
  value: number,
): void {
  const current = customers.get(customerId);
  if (!current) {
    customers.set(customerId, {
      firstOrderAt: order.createdAt,
      cohortMonth: order.day.slice(0, 7),
      group: order.group,
      orders: 1,
      revenue: value,
    });
    return;
  }
  current.orders++;
  current.revenue += value;
  if (order.createdAt < current.firstOrderAt) {
    current.firstOrderAt = order.createdAt;
    current.cohortMonth = order.day.slice(0, 7);
    current.group = order.group;
  }
}

/**
 * Re-derives each customer's cohort (month and group of their first order) and lifetime revenue
 * from their orders, and moves the difference into the cohort rollups: the customers that changed
 * are rewritten in one delete and one insert, the cohorts in one upsert. On PostgreSQL the
 * customers are locked first, so a concurrent writer's orders are read, never overwritten.
 */
export async function refreshCustomers(
  tx: Tx,
  shop: string,
  customerIds: readonly string[],
): Promise<void> {
  if (customerIds.length === 0) return;
  const all = [...new Set(customerIds)].sort();
  await lockCustomers(tx, shop, all);
  const cohortDeltas = new Map<string, CohortDelta>();
  const add = (c: CustomerAggregate | undefined, sign: 1 | -1) => {
    if (!c) return;
    const key = `${c.cohortMonth}|${c.group}`;
    const d = cohortDeltas.get(key) ?? {
      month: c.cohortMonth,
      group: c.group,
      customers: 0,
      orders: 0,
      revenue: 0,
    };
    d.customers += sign;
    d.orders += sign * c.orders;
    d.revenue += sign * c.revenue;
    cohortDeltas.set(key, d);
  };
  for (const ids of chunked(all, CUSTOMERS_PER_QUERY)) {
    const [orders, stored] = await Promise.all([
      tx.analyticsOrder.findMany({
        where: { shop, customerId: { in: ids } },
        select: {
          customerId: true,
          createdAt: true,
          day: true,
          group: true,
          cancelled: true,
          value: true,
        },
      }),
      tx.analyticsCustomer.findMany({ where: { shop, customerId: { in: ids } } }),
    ]);
    const next = new Map<string, CustomerAggregate>();
    for (const o of orders) {
      if (o.customerId && !o.cancelled) {
        addCustomerOrder(next, o.customerId, o, fromDbInt(o.value));
      }
    }
    const before = new Map(
      stored.map((c) => [c.customerId, { ...c, revenue: fromDbInt(c.revenue) }]),
    );
    const stale: string[] = [];
    const rows: Prisma.AnalyticsCustomerCreateManyInput[] = [];
    for (const customerId of ids) {
      const old = before.get(customerId);
      const now = next.get(customerId);
      if (sameAggregate(old, now)) continue;
      add(old, -1);
      add(now, 1);
      if (old) stale.push(customerId);
      if (now) rows.push({ shop, customerId, ...now, revenue: toDbInt(now.revenue) });
    }
    if (stale.length > 0) {
      await tx.analyticsCustomer.deleteMany({ where: { shop, customerId: { in: stale } } });
    }
    if (rows.length > 0) await tx.analyticsCustomer.createMany({ data: rows });
  }
  await applyCohortDeltas(tx, shop, cohortDeltas.values());
}

function sameAggregate(a: CustomerAggregate | undefined, b: CustomerAggregate | undefined) {
  if (!a || !b) return a === b;
  return (
    a.firstOrderAt.getTime() === b.firstOrderAt.getTime() &&
    a.cohortMonth === b.cohortMonth &&
    a.group === b.group &&
    a.orders === b.orders &&
    a.revenue === b.revenue
  );
}
