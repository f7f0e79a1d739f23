/**
 * Recording orders and refunds, and keeping the rollups in step with them.
 *
 * Each stored order carries the facts its rollup contribution is derived from, so recording a new
 * version of an order applies (new contribution − old contribution) to the daily rollups and the
 * cohort rollups in the same transaction: the dashboard then reads O(days), never O(orders), and
 * the rollups always equal a brute-force computation over the orders (tested).
 */
import { Prisma } from "@prisma/client";
import prisma from "../db.server";
import { fromDbInt, toDbInt } from "./db-integers.server";
import { chunked, findInChunks } from "./in-chunks.server";
import { purgeLateRedactions } from "./redaction.server";
import {
  applyCohortDeltas,
  applyRollupDeltas,
  insertNewProducts,
  lockCustomers,
  type CohortDelta,
} from "./set-writes.server";
import { redactedAmong } from "./tombstones.server";
import {
  accumulate,
  contribution,
  deriveFacts,
  isZeroDelta,
  type CountedOrder,
  type NormalizedOrder,
  type OrderFacts,
  type OrderGroup,
  type OrderLine,
  type OrderRefund,
  type RollupDelta,
} from "../analytics/order-facts";

type Tx = Prisma.TransactionClient;

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

export interface RecordOptions {
  /**
   * "webhook": the delivery is the order's full state (lines and refunds) and wins when it is as
   * new as what is stored. "backfill": history import; never overwrites an order already known.
   */
  source: "webhook" | "backfill";
}

export interface RecordResult {
  created: number;
  updated: number;
  skipped: number;
  /** Customers whose orders with an accepted offer changed (their metafield needs a refresh). */
  acceptedCustomers: string[];
  /** Orders left out because customers/redact erased them or their customer. */
  redacted: number;
}

const emptyResult = (): RecordResult => ({
  created: 0,
  updated: 0,
  skipped: 0,
  acceptedCustomers: [],
  redacted: 0,
});

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

/** Orders per transaction: SQLite binds at most 999 parameters to a statement. */
const CHUNK = 400;

/**
 * Records orders (one webhook delivery or a backfill batch) for a shop: upserts the orders and
 * their refunds, then applies the rollup deltas, one transaction per chunk of orders.
 */
export async function recordOrders(
  shop: string,
  orders: readonly NormalizedOrder[],
  options: RecordOptions,
): Promise<RecordResult> {
  const total = emptyResult();
  for (const chunk of chunked(orders, CHUNK)) {
    const result = await recordChunkRetrying(shop, chunk, options);
    total.created += result.created;
    total.updated += result.updated;
    total.skipped += result.skipped;
    total.redacted += result.redacted;
    total.acceptedCustomers.push(...result.acceptedCustomers);
    // A redaction that committed its tombstones after our check: delete what we just wrote.
    await purgeLateRedactions(shop, {
      orderIds: chunk.map((o) => o.id),
      customerIds: chunk.flatMap((o) => (o.customerId ? [o.customerId] : [])),
    });
  }
  return total;
}

async function recordChunkRetrying(
  shop: string,
  orders: readonly NormalizedOrder[],
  options: RecordOptions,
): Promise<RecordResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordChunk(shop, orders, options);
    } catch (error) {
      if (attempt >= RACE_ATTEMPTS || !lostRace(error)) throw error;
    }
  }
}

/** The stored row of an order: its payload's fields and the facts derived from them. */
function orderRow(
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

async function recordChunk(
  shop: string,
  orders: readonly NormalizedOrder[],
  { source }: RecordOptions,
): Promise<RecordResult> {
  // One order twice in a batch: the newest delivery wins.
  const unique = new Map<string, NormalizedOrder>();
  for (const order of orders) {
    const seen = unique.get(order.id);
    if (!seen || seen.updatedAt <= order.updatedAt) unique.set(order.id, order);
  }
  const candidates = [...unique.values()];
  if (candidates.length === 0) return emptyResult();

  return prisma.$transaction(
    async (tx) => {
      const erased = await redactedAmong(tx, shop, {
        orderIds: candidates.map((o) => o.id),
        customerIds: candidates.flatMap((o) => (o.customerId ? [o.customerId] : [])),
      });
      const batch = candidates.filter(
        (o) =>
          !erased.orderIds.has(o.id) && !(o.customerId && erased.customerIds.has(o.customerId)),
      );
      const redacted = candidates.length - batch.length;
      if (batch.length === 0) return { ...emptyResult(), redacted };
      const ids = batch.map((o) => o.id);
      const existing = new Map(
        (
          await tx.analyticsOrder.findMany({
            where: { shop, orderId: { in: ids } },
            select: STORED_SELECT,
          })
        ).map((row) => [row.orderId, row]),
      );

      // Refunds from the payloads: webhooks carry every refund with amounts (authoritative);
      // the backfill's refunds are already netted into its lines.
      const refundsByOrder = await storeRefunds(tx, shop, batch, source === "webhook");

      const deltas = new Map<string, RollupDelta>();
      const result: RecordResult = { ...emptyResult(), redacted };
      const accepted = new Set<string>();
      const touchedCustomers = new Set<string>();
      const rows: Prisma.AnalyticsOrderCreateManyInput[] = [];
      const replaced: { orderId: string; version: number }[] = [];

      for (const order of batch) {
        const before = existing.get(order.id);
        if (before && (source === "backfill" || before.sourceUpdatedAt > order.updatedAt)) {
          result.skipped++;
          continue;
        }
        const facts = deriveFacts(order.lines, refundsByOrder.get(order.id) ?? [], order.shown);
        const row = orderRow(shop, order, facts);
        const counted: CountedOrder = { ...order, ...facts };
        accumulate(deltas, contribution(counted), 1);
        if (before) {
          accumulate(deltas, contribution(countedFromRow(before)), -1);
          replaced.push({ orderId: order.id, version: before.version });
          rows.push({ ...row, version: before.version + 1 });
          result.updated++;
          if (before.customerId) touchedCustomers.add(before.customerId);
        } else {
          rows.push(row);
          result.created++;
        }
        if (order.customerId) {
          touchedCustomers.add(order.customerId);
          if (facts.accepted.length > 0 || (before && before.accepted !== "")) {
            accepted.add(order.customerId);
          }
        }
      }
      // Every lock is taken in one order (orders, products, customers, cohort rows, daily rows),
      // each set sorted, so concurrent instances queue instead of deadlocking; the rollup rows
      // every order shares are written last and so held the shortest.
      await deleteReplacedOrders(tx, shop, replaced);
      if (rows.length > 0) await tx.analyticsOrder.createMany({ data: rows });
      await rememberProducts(tx, shop, batch);
      await refreshCustomers(tx, shop, [...touchedCustomers]);
      await applyRollupDeltas(tx, shop, deltas);
      result.acceptedCustomers = [...accepted];
      return result;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/**
 * Updated orders are replaced (deleted here, inserted again with the new ones in one statement):
 * the delete matches the version read, so an order another writer changed meanwhile is not
 * deleted and the chunk is retried on fresh data.
 */
async function deleteReplacedOrders(
  tx: Tx,
  shop: string,
  replaced: readonly { orderId: string; version: number }[],
): Promise<void> {
  for (const part of chunked(replaced, 200)) {
    const { count } = await tx.analyticsOrder.deleteMany({
      where: { shop, OR: part.map(({ orderId, version }) => ({ orderId, version })) },
    });
    if (count !== part.length) {
      throw new ConcurrentUpdateError(
        shop,
        part.map((r) => r.orderId),
      );
    }
  }
}

interface StoredRefund {
  refundId: string;
  orderId: string;
  createdAt: Date;
  lines: string;
  customerId: string | null;
}

/**
 * Stores the refunds of the payloads (new ones in one insert; a known one is rewritten only by an
 * authoritative payload, and only when it differs) and returns the refunds of every order of the
 * batch, stored ones included: a refund that arrived before its order counts now.
 */
async function storeRefunds(
  tx: Tx,
  shop: string,
  orders: readonly NormalizedOrder[],
  authoritative: boolean,
): Promise<Map<string, Pick<OrderRefund, "lines">[]>> {
  const select = { refundId: true, orderId: true, createdAt: true, lines: true, customerId: true };
  const stored = new Map<string, StoredRefund>();
  const ids = orders.map((o) => o.id);
  for (const row of await findInChunks(ids, (chunk) =>
    tx.analyticsRefund.findMany({ where: { shop, orderId: { in: chunk } }, select }),
  ))
    stored.set(row.refundId, row);
  const payload = orders.flatMap((o) => o.refunds);
  // A refund stored under another order id (rare): read by its own id.
  const elsewhere = payload.map((r) => r.id).filter((id) => !stored.has(id));
  for (const row of await findInChunks(elsewhere, (chunk) =>
    tx.analyticsRefund.findMany({ where: { shop, refundId: { in: chunk } }, select }),
  ))
    stored.set(row.refundId, row);

  const customerOf = new Map(orders.map((o) => [o.id, o.customerId]));
  const creates: Prisma.AnalyticsRefundCreateManyInput[] = [];
  for (const refund of payload) {
    const data = {
      orderId: refund.orderId,
      createdAt: refund.createdAt,
      lines: JSON.stringify(refund.lines),
      customerId: customerOf.get(refund.orderId) ?? null,
    };
    const known = stored.get(refund.id);
    if (!known) {
      creates.push({ shop, refundId: refund.id, ...data });
    } else if (authoritative && !sameRefund(known, data)) {
      await tx.analyticsRefund.update({
        where: { shop_refundId: { shop, refundId: refund.id } },
        data,
      });
    } else {
      // A refund the backfill netted into the lines keeps its empty amounts unless a full order
      // payload (which also resets the lines' snapshot) brings them.
      continue;
    }
    stored.set(refund.id, { refundId: refund.id, ...data });
  }
  for (const part of chunked(creates, 100)) {
    await tx.analyticsRefund.createMany({ data: part });
  }

  const wanted = new Set(ids);
  const byOrder = new Map<string, Pick<OrderRefund, "lines">[]>();
  for (const row of stored.values()) {
    if (!wanted.has(row.orderId)) continue;
    const list = byOrder.get(row.orderId) ?? [];
    list.push({ lines: JSON.parse(row.lines) as OrderRefund["lines"] });
    byOrder.set(row.orderId, list);
  }
  return byOrder;
}

function sameRefund(a: Omit<StoredRefund, "refundId">, b: Omit<StoredRefund, "refundId">): boolean {
  return (
    a.orderId === b.orderId &&
    a.createdAt.getTime() === b.createdAt.getTime() &&
    a.lines === b.lines &&
    a.customerId === b.customerId
  );
}

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
  const outcome = await recordRefundRetrying(shop, refund, (id) => (customerId = id));
  await purgeLateRedactions(shop, {
    orderIds: [refund.orderId],
    customerIds: customerId ? [customerId] : [],
  });
  return outcome;
}

async function recordRefundRetrying(
  shop: string,
  refund: OrderRefund,
  onCustomer: (id: string | null) => void,
): Promise<{ applied: boolean; duplicate: boolean; redacted?: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordRefundOnce(shop, refund, onCustomer);
    } catch (error) {
      if (attempt >= RACE_ATTEMPTS || !lostRace(error)) throw error;
    }
  }
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

interface CustomerAggregate {
  firstOrderAt: Date;
  cohortMonth: string;
  group: string;
  orders: number;
  revenue: number;
}

/** Counts one order into its customer's aggregate: the earliest order decides the cohort. */
function addCustomerOrder(
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
  for (const ids of chunked(all, CHUNK)) {
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

/** Keeps a title, a variant and its price per product seen in orders (for pair suggestions). */
async function rememberProducts(
  tx: Tx,
  shop: string,
  orders: readonly NormalizedOrder[],
): Promise<void> {
  // The first line seen per product, as one-by-one processing would have stored it: a batch of
  // orders records the same products as the same orders delivered singly. Known products keep
  // what they have.
  const first = new Map<string, OrderLine>();
  for (const order of orders)
    for (const line of order.lines)
      if (line.productId && line.variantId && !first.has(line.productId))
        first.set(line.productId, line);
  await insertNewProducts(
    tx,
    shop,
    [...first.values()].map((l) => ({
      productId: l.productId ?? "",
      title: l.title,
      variantId: l.variantId ?? "",
      variantTitle: l.variantTitle,
      // Checked like every BigInt column: an exact integer or an error.
      unitPrice: Number(toDbInt(l.unitPrice)),
    })),
  );
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
