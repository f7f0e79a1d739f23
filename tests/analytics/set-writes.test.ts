/**
 * The set-based rollup writes (one statement per batch) on SQLite and PostgreSQL: Float sums far
 * beyond 2^63 (Σx⁴), fractions and negative deltas add exactly as doubles; BigInt prices beyond
 * 2^31 stay exact; and concurrent writers of one customer's orders (two app instances) leave
 * customers and cohorts equal to a recomputation from the orders.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { parseOrderPayload } from "../../app/analytics/payloads";
import type { RollupDelta } from "../../app/analytics/order-facts";
import prisma from "../../app/db.server";
import { drainWebhookInbox } from "../../app/jobs/webhook-worker.server";
import { recordOrders } from "../../app/models/orders.server";
import { acceptWebhook } from "../../app/models/webhook-inbox.server";
import {
  applyCohortDeltas,
  applyRollupDeltas,
  insertNewProducts,
} from "../../app/models/set-writes.server";
import {
  bruteForceCohorts,
  bruteForceRollups,
  clearAnalytics,
  rollupMismatches,
  storedCohorts,
  storedRollups,
} from "../support/brute-force";
import { orderPayload } from "../support/orders";

const SHOP = "set-writes.myshopify.com";

beforeEach(async () => {
  await clearAnalytics();
});

function delta(day: string, offerId: string, scale: number): RollupDelta {
  return {
    day,
    group: "treatment",
    offerId,
    orders: 2 * scale,
    valueSum: 0.1 * scale,
    valueSumSq: 2 ** 70 * scale,
    valueSumCube: 1e21 * scale,
    valueSumQuad: 1.5e38 * scale,
    acceptedOrders: scale,
    attributed: (2 ** 53 + 2) * scale,
    impressions: 3 * scale,
  };
}

const deltas = (...rows: RollupDelta[]) =>
  new Map(rows.map((d) => [`${d.day}|${d.group}|${d.offerId}`, d]));

describe("daily rollup upsert", () => {
  it("inserts and adds Float sums beyond 2^63 as doubles, and subtracts", async () => {
    await prisma.$transaction((tx) =>
      applyRollupDeltas(tx, SHOP, deltas(delta("2026-11-01", "", 1), delta("2026-11-01", "a", 1))),
    );
    await prisma.$transaction((tx) =>
      applyRollupDeltas(tx, SHOP, deltas(delta("2026-11-01", "", 2), delta("2026-11-02", "", 1))),
    );
    const rows = await prisma.dailyRollup.findMany({
      where: { shop: SHOP },
      orderBy: [{ day: "asc" }, { offerId: "asc" }],
    });
    expect(rows.map((r) => [r.day, r.offerId])).toEqual([
      ["2026-11-01", ""],
      ["2026-11-01", "a"],
      ["2026-11-02", ""],
    ]);
    const [both] = rows;
    expect(both).toMatchObject({
      orders: 6,
      valueSum: 0.1 + 0.2,
      valueSumSq: 2 ** 70 + 2 ** 71,
      valueSumCube: 1e21 + 2e21,
      valueSumQuad: 1.5e38 + 3e38,
      acceptedOrders: 3,
      attributed: 2 ** 53 + 2 + (2 ** 53 + 2) * 2,
      impressions: 9,
    });

    await prisma.$transaction((tx) =>
      applyRollupDeltas(tx, SHOP, deltas(delta("2026-11-02", "", -1))),
    );
    const emptied = await prisma.dailyRollup.findUniqueOrThrow({
      where: {
        shop_day_group_offerId: { shop: SHOP, day: "2026-11-02", group: "treatment", offerId: "" },
      },
    });
    expect(emptied).toMatchObject({
      orders: 0,
      valueSum: 0,
      valueSumSq: 0,
      valueSumQuad: 0,
      attributed: 0,
    });
  });

  it("writes nothing for zero deltas", async () => {
    await prisma.$transaction((tx) =>
      applyRollupDeltas(tx, SHOP, deltas(delta("2026-11-01", "", 0))),
    );
    expect(await prisma.dailyRollup.count()).toBe(0);
  });
});

describe("cohort upsert", () => {
  it("adds customers, orders and Float revenue", async () => {
    const row = { month: "2026-11", group: "holdout", customers: 1, orders: 3, revenue: 2 ** 60 };
    await prisma.$transaction((tx) => applyCohortDeltas(tx, SHOP, [row]));
    await prisma.$transaction((tx) =>
      applyCohortDeltas(tx, SHOP, [{ ...row, customers: 2, revenue: 0.5 }]),
    );
    expect(await prisma.cohortRollup.findFirstOrThrow({ where: { shop: SHOP } })).toMatchObject({
      customers: 3,
      orders: 6,
      revenue: 2 ** 60 + 0.5,
    });
  });
});

describe("products", () => {
  it("inserts new products with exact BigInt prices and keeps known ones", async () => {
    const product = {
      productId: "1",
      title: "Camera",
      variantId: "11",
      variantTitle: null,
      unitPrice: 2 ** 40 + 1,
    };
    await prisma.$transaction((tx) => insertNewProducts(tx, SHOP, [product]));
    await prisma.$transaction((tx) =>
      insertNewProducts(tx, SHOP, [
        { ...product, title: "Renamed", unitPrice: 5 },
        { ...product, productId: "2", variantTitle: "Large", unitPrice: 7 },
      ]),
    );
    const rows = await prisma.analyticsProduct.findMany({ orderBy: { productId: "asc" } });
    expect(rows).toEqual([
      { ...product, shop: SHOP, unitPrice: 2n ** 40n + 1n },
      { ...product, shop: SHOP, productId: "2", variantTitle: "Large", unitPrice: 7n },
    ]);
  });
});

describe("concurrent writers of the same customers", { timeout: 120_000 }, () => {
  it("leave customers, cohorts and rollups equal to a recomputation", async () => {
    // Eight batches at once (eight instances' transactions), each with an order of every one of
    // 20 customers: without serializing per customer, a writer overwrites another's aggregate.
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 20 }, (_, c) => {
        const parsed = parseOrderPayload(
          orderPayload({
            id: 1_000 + b * 100 + c,
            customerId: 500 + c,
            group: (b + c) % 2 === 0 ? "treatment" : "holdout",
            createdAt: `2026-${10 + (b % 2)}-${String(1 + b).padStart(2, "0")}T10:00:00Z`,
            lines: [{ id: b * 100 + c, productId: 1 + c, price: `${10 + b}.00` }],
          }),
          { currency: "USD", timeZone: "UTC" },
        );
        if (!parsed.ok) throw new Error(parsed.error);
        return parsed.value;
      }),
    );
    await Promise.all(batches.map((orders) => recordOrders(SHOP, orders, { source: "webhook" })));

    expect(await prisma.analyticsOrder.count()).toBe(160);
    expect(rollupMismatches(await storedRollups(SHOP), await bruteForceRollups(SHOP))).toEqual([]);
    expect(await storedCohorts(SHOP)).toEqual(await bruteForceCohorts(SHOP));
    const customers = await prisma.analyticsCustomer.findMany({ orderBy: { customerId: "asc" } });
    expect(customers).toHaveLength(20);
    for (const customer of customers) {
      expect(customer.orders).toBe(8);
      // 10.00 + 11.00 + … + 17.00
      expect(customer.revenue).toBe(10_800n);
      expect(customer.firstOrderAt.toISOString()).toBe("2026-10-01T10:00:00.000Z");
    }
  });
});

describe("two workers draining one inbox", { timeout: 300_000 }, () => {
  it("process every event once, and the aggregates equal a recomputation", async () => {
    // 300 orders of 40 customers, plus orders/updated deliveries of every fifth order, delivered
    // in one burst; two workers (two instances) drain it at once in small batches.
    for (let n = 0; n < 300; n++) {
      const payload = (price: string, updatedAt: string) =>
        orderPayload({
          id: 5_000 + n,
          customerId: n % 4 === 0 ? null : 900 + (n % 40),
          group: n % 10 === 0 ? "holdout" : "treatment",
          shown: "wax",
          createdAt: `2026-11-${String(1 + (n % 28)).padStart(2, "0")}T10:00:00Z`,
          updatedAt,
          lines: [
            { id: n * 10, productId: 1 + (n % 7), price },
            {
              id: n * 10 + 1,
              productId: 20,
              price: "5.00",
              offerId: n % 3 === 0 ? "wax" : undefined,
            },
          ],
        });
      await acceptWebhook({
        shop: SHOP,
        topic: "ORDERS_CREATE",
        eventId: `c-${n}`,
        payload: payload(`${10 + (n % 9)}.00`, "2026-11-29T10:00:00Z"),
      });
      if (n % 5 === 0) {
        await acceptWebhook({
          shop: SHOP,
          topic: "ORDERS_UPDATED",
          eventId: `u-${n}`,
          payload: payload("99.00", "2026-11-30T10:00:00Z"),
        });
      }
    }
    const drain = () =>
      drainWebhookInbox({ adminFor: () => Promise.resolve(null), batchSize: 20, maxEvents: 400 });
    const [a, b] = await Promise.all([drain(), drain()]);

    expect(a.failed + b.failed).toBe(0);
    expect(a.processed + b.processed).toBe(360);
    expect(await prisma.webhookEvent.count({ where: { status: "done", attempts: 1 } })).toBe(360);
    expect(await prisma.analyticsOrder.count()).toBe(300);
    // The newest delivery of each order won, whichever worker took which.
    expect(await prisma.analyticsOrder.count({ where: { value: 10_400n } })).toBe(60);
    expect(rollupMismatches(await storedRollups(SHOP), await bruteForceRollups(SHOP))).toEqual([]);
    expect(await storedCohorts(SHOP)).toEqual(await bruteForceCohorts(SHOP));
    const customers = await prisma.analyticsCustomer.findMany();
    const orders = await prisma.analyticsOrder.findMany({ where: { NOT: { customerId: null } } });
    expect(customers).toHaveLength(new Set(orders.map((o) => o.customerId)).size);
    for (const customer of customers) {
      const own = orders.filter((o) => o.customerId === customer.customerId);
      expect(customer.orders).toBe(own.length);
      expect(customer.revenue).toBe(own.reduce((sum, o) => sum + o.value, 0n));
    }
  });
});
