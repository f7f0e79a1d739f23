import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { drainWebhookInbox } from "../../app/jobs/webhook-worker.server";
import { recordOrders } from "../../app/models/orders.server";
import { action as compliance } from "../../app/routes/webhooks.compliance";
import { action as ordersWebhook } from "../../app/routes/webhooks.orders";
import { sessionStorage } from "../../app/shopify.server";
import { parseOrderPayload } from "../../app/analytics/payloads";
import {
  bruteForceCohorts,
  bruteForceRollups,
  clearAnalytics,
  rollupMismatches,
  storedCohorts,
  storedRollups,
} from "../support/brute-force";
import { orderPayload } from "../support/orders";
import { adminRequest, outcome, routeArgs } from "../support/admin-routes";
import { action as privacyAction, loader as privacyLoader } from "../../app/routes/app.privacy";
import { loader as privacyReport } from "../../app/routes/app.privacy.$key";
import { loader as homeLoader } from "../../app/routes/app._index";
import { responseOf, webhookRequest } from "../support/webhooks";

const OTHER_SHOP = "other-shop.myshopify.com";
const ANA = 7001;
const BEN = 7002;
const args = (request: Request) => ({ request, params: {}, context: {} });

async function seedOrders(shop: string) {
  const payloads = [
    orderPayload({
      id: 1,
      customerId: ANA,
      group: "treatment",
      shown: "case",
      lines: [
        { id: 11, productId: 1301, price: "799.00" },
        { id: 12, productId: 1302, price: "30.00", offerId: "case" },
      ],
      refunds: [{ id: 91, lines: [{ lineId: 12, amount: "30.00" }] }],
    }),
    orderPayload({
      id: 2,
      customerId: ANA,
      group: "treatment",
      lines: [{ id: 21, productId: 1201, price: "6.00" }],
      createdAt: "2026-11-04T10:00:00-05:00",
    }),
    orderPayload({
      id: 3,
      customerId: BEN,
      group: "holdout",
      lines: [{ id: 31, productId: 1301, price: "799.00" }],
    }),
    orderPayload({
      id: 4,
      customerId: null,
      group: "treatment",
      lines: [{ id: 41, productId: 1101, price: "600.00" }],
    }),
  ];
  const orders = payloads.map((p) => {
    const parsed = parseOrderPayload(p, { currency: "USD", timeZone: "UTC" });
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  });
  await recordOrders(shop, orders, { source: "webhook" });
}

/** Every analytics row a shop has, per table (to compare before and after). */
async function snapshot(shop: string) {
  return {
    orders: await prisma.analyticsOrder.findMany({ where: { shop }, orderBy: { orderId: "asc" } }),
    refunds: await prisma.analyticsRefund.findMany({
      where: { shop },
      orderBy: { refundId: "asc" },
    }),
    customers: await prisma.analyticsCustomer.findMany({
      where: { shop },
      orderBy: { customerId: "asc" },
    }),
    rollups: await storedRollups(shop),
    cohorts: await storedCohorts(shop),
    products: await prisma.analyticsProduct.findMany({
      where: { shop },
      orderBy: { productId: "asc" },
    }),
    events: await prisma.webhookEvent.findMany({ where: { shop }, orderBy: { eventId: "asc" } }),
    dataRequests: await prisma.dataRequest.findMany({
      where: { shop },
      orderBy: { requestKey: "asc" },
    }),
  };
}

function deliverCompliance(topic: string, payload: unknown, shop = TEST_SHOP) {
  const request = webhookRequest("/webhooks/compliance", { topic, shop, payload });
  return responseOf(() => compliance(args(request)));
}

beforeEach(async () => {
  await clearAnalytics();
  await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
  await sessionStorage.storeSession(setUpValidSession({ shop: OTHER_SHOP }));
  await seedOrders(TEST_SHOP);
  await seedOrders(OTHER_SHOP);
  // A queued, unprocessed event of Ana's (it carries her details).
  const request = webhookRequest("/webhooks/orders", {
    topic: "orders/updated",
    shop: TEST_SHOP,
    payload: orderPayload({
      id: 5,
      customerId: ANA,
      group: "treatment",
      lines: [{ id: 51, productId: 1, price: "1.00" }],
    }),
  });
  await responseOf(() => ordersWebhook(args(request)));
});

describe("customers/redact", () => {
  it("deletes every row of that customer in that shop, and nothing else", async () => {
    for (const shop of [TEST_SHOP, OTHER_SHOP]) {
      await deliverCompliance("customers/data_request", { customer: { id: ANA } }, shop);
      await deliverCompliance("customers/data_request", { customer: { id: BEN } }, shop);
    }
    const otherBefore = await snapshot(OTHER_SHOP);
    const response = await deliverCompliance("customers/redact", {
      shop_domain: TEST_SHOP,
      customer: { id: ANA, email: "ana@example.com" },
      orders_to_redact: [1, 2],
    });
    expect(response.status).toBe(200);

    const after = await snapshot(TEST_SHOP);
    expect(after.orders.map((o) => o.orderId)).toEqual(["3", "4"]);
    expect(after.orders.some((o) => o.customerId === String(ANA))).toBe(false);
    expect(after.refunds).toEqual([]);
    expect(after.customers.map((c) => c.customerId)).toEqual([String(BEN)]);
    expect(after.events).toEqual([]);
    expect(after.dataRequests.map((r) => r.customerId)).toEqual([String(BEN)]);
    // Aggregates follow: they equal what the remaining orders give.
    expect(rollupMismatches(after.rollups, await bruteForceRollups(TEST_SHOP))).toEqual([]);
    expect(after.cohorts).toEqual(await bruteForceCohorts(TEST_SHOP));
    // The other shop, where the same customer id exists, is untouched.
    expect(await snapshot(OTHER_SHOP)).toEqual(otherBefore);
    // A queued event of hers that was deleted can no longer bring her back.
    await drainWebhookInbox();
    expect(
      await prisma.analyticsOrder.count({ where: { shop: TEST_SHOP, customerId: String(ANA) } }),
    ).toBe(0);
  });

  it("rejects a payload without a customer id with 400, deleting nothing", async () => {
    const before = await snapshot(TEST_SHOP);
    const response = await deliverCompliance("customers/redact", { shop_domain: TEST_SHOP });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/customer/);
    expect(await snapshot(TEST_SHOP)).toEqual(before);
  });
});

describe("customers/data_request", () => {
  it("returns what Ladder stores about the customer, and only that", async () => {
    const response = await deliverCompliance("customers/data_request", {
      shop_domain: TEST_SHOP,
      customer: { id: ANA },
      orders_requested: [1, 2],
      data_request: { id: 55 },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      customerId: string;
      orders: {
        orderId: string;
        offersAccepted: string[];
        value: number;
        attributedRevenue: number;
      }[];
      refunds: { refundId: string }[];
      cohort: { orders: number } | null;
      queuedWebhookEvents: number;
    };
    expect(report.customerId).toBe(String(ANA));
    expect(report.orders.map((o) => o.orderId)).toEqual(["1", "2"]);
    expect(report.orders[0]).toMatchObject({
      offersAccepted: ["case"],
      value: 79900,
      attributedRevenue: 0,
    });
    expect(report.refunds.map((r) => r.refundId)).toEqual(["91"]);
    expect(report.cohort).toMatchObject({ orders: 2 });
    expect(report.queuedWebhookEvents).toBe(1);
    // Nothing was deleted by a data request.
    expect(await prisma.analyticsOrder.count({ where: { shop: TEST_SHOP } })).toBe(4);
  });
});

describe("privacy requests in the admin", () => {
  const request = {
    shop_domain: TEST_SHOP,
    customer: { id: ANA },
    orders_requested: [1],
    data_request: { id: 77 },
  };
  type Listed = {
    requests: {
      requestKey: string;
      customerId: string;
      answeredAt: string | null;
      orders: number;
    }[];
  };

  it("keeps one request per Shopify request, however often it is delivered", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await deliverCompliance("customers/data_request", request)).status).toBe(200);
    }
    const listed = await outcome<Listed>(async () =>
      privacyLoader(routeArgs(await adminRequest("/app/privacy"))),
    );
    // Shopify listed one order; the report holds both of Ana's, and the table says so.
    expect(listed.data.requests).toEqual([
      expect.objectContaining({
        requestKey: "77",
        customerId: String(ANA),
        answeredAt: null,
        orders: 2,
      }),
    ]);
    const home = await outcome<{ openDataRequests: number }>(async () =>
      homeLoader(routeArgs(await adminRequest("/app"))),
    );
    expect(home.data.openDataRequests).toBe(1);
  });

  it("serves the report to the merchant, from what Ladder holds when downloaded", async () => {
    const webhook = await deliverCompliance("customers/data_request", request);
    const answered = (await webhook.json()) as { orders: { orderId: string }[] };
    const download = await outcome<{ customerId: string; orders: { orderId: string }[] }>(
      async () => privacyReport(routeArgs(await adminRequest("/app/privacy/77"), { key: "77" })),
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toContain(`ladder-customer-${ANA}.json`);
    expect(download.data.customerId).toBe(String(ANA));
    expect(download.data.orders.map((o) => o.orderId)).toEqual(
      answered.orders.map((o) => o.orderId),
    );
    expect(download.data.orders.map((o) => o.orderId)).toEqual(["1", "2"]);
  });

  it("never shows one shop's requests to another", async () => {
    await deliverCompliance("customers/data_request", request);
    const asOther = async (path: string) => adminRequest(path, { shop: OTHER_SHOP });
    const listed = await outcome<Listed>(async () =>
      privacyLoader(routeArgs(await asOther("/app/privacy"))),
    );
    expect(listed.data.requests).toEqual([]);
    const download = await outcome(async () =>
      privacyReport(routeArgs(await asOther("/app/privacy/77"), { key: "77" })),
    );
    expect(download.status).toBe(404);
    const mark = await outcome(async () =>
      privacyAction(
        routeArgs(
          await adminRequest("/app/privacy", {
            shop: OTHER_SHOP,
            json: { requestKey: "77", answered: true },
          }),
        ),
      ),
    );
    expect(mark.status).toBe(404);
    const stored = await prisma.dataRequest.findMany({ where: { requestKey: "77" } });
    expect(stored.map((r) => [r.shop, r.answeredAt])).toEqual([[TEST_SHOP, null]]);
  });

  it("marks a request sent and reopens it; a malformed body changes nothing", async () => {
    await deliverCompliance("customers/data_request", request);
    const post = async (json: unknown) =>
      outcome(async () => privacyAction(routeArgs(await adminRequest("/app/privacy", { json }))));
    expect((await post({ requestKey: "77", answered: "yes" })).status).toBe(400);
    expect(
      (await prisma.dataRequest.findFirstOrThrow({ where: { shop: TEST_SHOP } })).answeredAt,
    ).toBeNull();
    expect((await post({ requestKey: "77", answered: true })).status).toBe(200);
    expect(
      (await prisma.dataRequest.findFirstOrThrow({ where: { shop: TEST_SHOP } })).answeredAt,
    ).not.toBeNull();
    const home = await outcome<{ openDataRequests: number }>(async () =>
      homeLoader(routeArgs(await adminRequest("/app"))),
    );
    expect(home.data.openDataRequests).toBe(0);
    expect((await post({ requestKey: "77", answered: false })).status).toBe(200);
    expect(
      (await prisma.dataRequest.findFirstOrThrow({ where: { shop: TEST_SHOP } })).answeredAt,
    ).toBeNull();
  });
});

describe("shop/redact", () => {
  it("deletes every row of the shop in every table, and no other shop's", async () => {
    const otherBefore = await snapshot(OTHER_SHOP);
    await prisma.backfillJob.create({
      data: { shop: TEST_SHOP, status: "completed", since: new Date() },
    });
    await prisma.productPair.create({
      data: {
        shop: TEST_SHOP,
        productA: "1",
        productB: "2",
        ordersWithA: 1,
        ordersWithB: 1,
        ordersWithBoth: 1,
        support: 1,
        confidence: 1,
        lift: 1,
      },
    });
    await deliverCompliance("customers/data_request", {
      customer: { id: ANA },
      data_request: { id: 56 },
    });
    const response = await deliverCompliance("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP });
    expect(response.status).toBe(200);

    const models = [
      prisma.webhookEvent,
      prisma.analyticsOrder,
      prisma.analyticsRefund,
      prisma.dailyRollup,
      prisma.analyticsCustomer,
      prisma.cohortRollup,
      prisma.analyticsProduct,
      prisma.productPair,
      prisma.pairMiningRun,
      prisma.backfillJob,
      prisma.analyticsShop,
      prisma.session,
      prisma.dataRequest,
    ] as unknown as { count(args: { where: { shop: string } }): Promise<number> }[];
    for (const model of models) expect(await model.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await snapshot(OTHER_SHOP)).toEqual(otherBefore);
    expect(await sessionStorage.findSessionsByShop(OTHER_SHOP)).toHaveLength(1);
  });
});

describe("tenancy", () => {
  it("keeps each shop's rollups to its own orders", async () => {
    expect(
      rollupMismatches(await storedRollups(TEST_SHOP), await bruteForceRollups(TEST_SHOP)),
    ).toEqual([]);
    expect(
      rollupMismatches(await storedRollups(OTHER_SHOP), await bruteForceRollups(OTHER_SHOP)),
    ).toEqual([]);
    expect(await storedCohorts(OTHER_SHOP)).toEqual(await bruteForceCohorts(OTHER_SHOP));
  });
});
