/**
 * Recording orders, and keeping the rollups in step with them.
 *
 * Each stored order carries the facts its rollup contribution is derived from, so recording a new
 * version of an order applies (new contribution − old contribution) to the daily rollups and the
 * cohort rollups in the same transaction: the dashboard then reads O(days), never O(orders), and
 * the rollups always equal a brute-force computation over the orders (tested). Refunds are in
 * refunds.server.ts, customers and cohorts in customer-rollups.server.ts.
 */
import type { Prisma } from "@prisma/client";
import prisma from "../db.server";
import { toDbInt } from "./db-integers.server";
import { refreshCustomers } from "./customer-rollups.server";
import { chunked, findInChunks } from "./in-chunks.server";
import { purgeLateRedactions } from "./redaction.server";
import { applyRollupDeltas, insertNewProducts } from "./set-writes.server";
import {
  ConcurrentUpdateError,
  countedFromRow,
  orderRow,
  retryingLostRaces,
  STORED_SELECT,
} from "./stored-orders.server";
import { redactedAmong } from "./tombstones.server";
import {
  accumulate,
  contribution,
  deriveFacts,
  type CountedOrder,
  type NormalizedOrder,
  type OrderLine,
  type OrderRefund,
  type RollupDelta,
} from "../analytics/order-facts";

type Tx = Prisma.TransactionClient;

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
    const result = await retryingLostRaces(() => recordChunk(shop, chunk, options));
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
