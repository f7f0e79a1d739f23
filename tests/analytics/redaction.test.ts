/**
 * Redaction you can prove: every Prisma model is classified (can it hold customer data? does it
 * have a shop column?), customers/redact empties every model that can hold the customer's data and
 * nothing can bring it back whatever the timing, and shop/redact empties every model with a shop.
 */
import { Prisma } from "@prisma/client";
import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { parseOrderPayload } from "../../app/analytics/payloads";
import prisma from "../../app/db.server";
import { drainWebhookInbox } from "../../app/jobs/webhook-worker.server";
import { recordOrders } from "../../app/models/orders.server";
import { purgeLateRedactions, redactCustomer } from "../../app/models/redaction.server";
import { recordTombstones } from "../../app/models/tombstones.server";
import {
  acceptWebhook,
  claimDueEvents,
  completeEvent,
  failEvent,
  MAX_ATTEMPTS,
} from "../../app/models/webhook-inbox.server";
import { processWebhookEvent } from "../../app/models/webhook-processor.server";
import { action as compliance } from "../../app/routes/webhooks.compliance";
import { sessionStorage } from "../../app/shopify.server";
import { clearAnalytics } from "../support/brute-force";
import { orderPayload, refundPayload } from "../support/orders";
import { responseOf, webhookRequest } from "../support/webhooks";

const OTHER_SHOP = "other-shop.myshopify.com";
const ANA = 7001;
const BEN = 7002;
const FACTS = { currency: "USD", timeZone: "UTC" };
const noAdmin = () => Promise.resolve(null);
const args = (request: Request) => ({ request, params: {}, context: {} });

/**
 * Every model, by what it can hold. Customer data: rows that name a customer or one of their
 * orders (ids, order lines, payloads). A new model fails the enumeration test until classified.
 */
const CUSTOMER_DATA = [
  "WebhookEvent",
  "AnalyticsOrder",
  "AnalyticsRefund",
  "AnalyticsCustomer",
  "DataRequest",
] as const;
const NO_CUSTOMER_DATA = [
  // The merchant's staff (the offline/online sessions), not the shop's customers.
  "Session",
  "AnalyticsShop",
  // Aggregates over many orders: no customer or order id.
  "DailyRollup",
  "CohortRollup",
  "AnalyticsProduct",
  "ProductPair",
  "PairMiningRun",
  "BackfillJob",
  "OfferDiscount",
  "Offer",
  "ShopSettings",
  "Publication",
  "OfferNotice",
  "ProductSync",
  // Hashes of shop, kind and id only.
  "RedactionTombstone",
];

type Delegate = {
  count(args?: { where?: Record<string, unknown> }): Promise<number>;
};
function delegate(model: string): Delegate {
  const key = model.charAt(0).toLowerCase() + model.slice(1);
  return (prisma as unknown as Record<string, Delegate>)[key] as Delegate;
}

const models = Prisma.dmmf.datamodel.models;

function deliverCompliance(topic: string, payload: unknown, shop = TEST_SHOP) {
  const request = webhookRequest("/webhooks/compliance", { topic, shop, payload });
  return responseOf(() => compliance(args(request)));
}

function parsed(payload: unknown) {
  const result = parseOrderPayload(payload, FACTS);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const anaOrder = (id: number) =>
  orderPayload({
    id,
    customerId: ANA,
    group: "treatment",
    lines: [{ id: id * 10, productId: 1301, price: "80.00", offerId: "case" }],
    refunds: [{ id: id * 100, lines: [{ lineId: id * 10, amount: "5.00" }] }],
  });
// A guest order Shopify lists in orders_to_redact: no customer on it.
const guestOrder = orderPayload({
  id: 30,
  customerId: null,
  lines: [{ id: 300, productId: 1302, price: "20.00" }],
});
const benOrder = orderPayload({
  id: 40,
  customerId: BEN,
  lines: [{ id: 400, productId: 1301, price: "80.00" }],
});

/** Ana's data in every customer-data model of both shops, and Ben's next to it. */
async function seedCustomers(shop: string) {
  await recordOrders(shop, [anaOrder(10), anaOrder(11), guestOrder, benOrder].map(parsed), {
    source: "webhook",
  });
  const events: [string, string, unknown][] = [
    ["ORDERS_UPDATED", "pending-ana", anaOrder(12)],
    ["ORDERS_UPDATED", "pending-guest", { ...guestOrder, updated_at: "2026-11-03T10:00:00Z" }],
    [
      "REFUNDS_CREATE",
      "pending-guest-refund",
      refundPayload(30, { id: 3001, lines: [{ lineId: 300, amount: "1.00" }] }),
    ],
    ["CUSTOMERS_UPDATE", "pending-ana-customer", { id: ANA, email: "ana@example.com" }],
    ["ORDERS_UPDATED", "pending-ben", { ...benOrder, updated_at: "2026-11-03T10:00:00Z" }],
  ];
  for (const [topic, eventId, payload] of events)
    await acceptWebhook({ shop, topic, eventId, payload });
  // A failed event of Ana's (retries exhausted), payload still kept.
  await acceptWebhook({
    shop,
    topic: "ORDERS_UPDATED",
    eventId: "failed-ana",
    payload: orderPayload({
      id: 13,
      customerId: ANA,
      lines: [{ id: 1, productId: 1, price: "x" }],
    }),
  });
  await prisma.webhookEvent.updateMany({
    where: { shop, eventId: "failed-ana" },
    data: { status: "failed", attempts: MAX_ATTEMPTS, processedAt: new Date() },
  });
  await deliverCompliance("customers/data_request", { customer: { id: ANA } }, shop);
  await deliverCompliance("customers/data_request", { customer: { id: BEN } }, shop);
}

const anaOrders = ["10", "11", "12", "13", "30"];

/** Rows in each customer-data model that are about Ana or her (and guest) orders. */
async function anaRows(shop: string): Promise<Record<string, number>> {
  const about = { OR: [{ customerId: String(ANA) }, { orderId: { in: anaOrders } }] };
  return {
    WebhookEvent: await prisma.webhookEvent.count({ where: { shop, ...about } }),
    AnalyticsOrder: await prisma.analyticsOrder.count({ where: { shop, ...about } }),
    AnalyticsRefund: await prisma.analyticsRefund.count({ where: { shop, ...about } }),
    AnalyticsCustomer: await prisma.analyticsCustomer.count({
      where: { shop, customerId: String(ANA) },
    }),
    DataRequest: await prisma.dataRequest.count({ where: { shop, customerId: String(ANA) } }),
  };
}

const redactAna = () =>
  deliverCompliance("customers/redact", {
    shop_domain: TEST_SHOP,
    customer: { id: ANA },
    orders_to_redact: [10, 11, 12, 13, 30],
  });

beforeEach(async () => {
  await clearAnalytics();
  await prisma.session.deleteMany();
  await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
});

describe("the models", () => {
  it("are every Prisma model, each classified as holding customer data or not", () => {
    expect(models.map((m) => m.name).sort()).toEqual(
      [...CUSTOMER_DATA, ...NO_CUSTOMER_DATA].sort(),
    );
  });

  it("that can hold customer data are exactly those naming a customer, an order or a payload", () => {
    const named = models
      .filter((m) =>
        m.fields.some((f) => ["customerId", "orderId", "orderIds", "payload"].includes(f.name)),
      )
      .map((m) => m.name);
    expect(named.sort()).toEqual([...CUSTOMER_DATA].sort());
  });
});

describe("customers/redact", { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await seedCustomers(TEST_SHOP);
    await seedCustomers(OTHER_SHOP);
  });

  it("empties every customer-data model of the customer and the listed guest orders", async () => {
    const before = await anaRows(TEST_SHOP);
    for (const model of CUSTOMER_DATA) expect(before[model], model).toBeGreaterThan(0);
    const otherBefore = await anaRows(OTHER_SHOP);

    expect((await redactAna()).status).toBe(200);

    const after = await anaRows(TEST_SHOP);
    for (const model of CUSTOMER_DATA) expect(after[model], model).toBe(0);
    // Ben and the other shop keep theirs.
    expect(await prisma.analyticsOrder.count({ where: { shop: TEST_SHOP, orderId: "40" } })).toBe(
      1,
    );
    expect(await prisma.webhookEvent.count({ where: { shop: TEST_SHOP, orderId: "40" } })).toBe(1);
    expect(await anaRows(OTHER_SHOP)).toEqual(otherBefore);
  });

  it("leaves nothing the worker can re-create: after draining, still nothing", async () => {
    await redactAna();
    await drainWebhookInbox({ adminFor: noAdmin });
    // Late, repeated deliveries of the redacted order, guest order and refund.
    await acceptWebhook({
      shop: TEST_SHOP,
      topic: "ORDERS_UPDATED",
      eventId: "late-1",
      payload: anaOrder(10),
    });
    await acceptWebhook({
      shop: TEST_SHOP,
      topic: "ORDERS_CREATE",
      eventId: "late-2",
      payload: guestOrder,
    });
    await acceptWebhook({
      shop: TEST_SHOP,
      topic: "REFUNDS_CREATE",
      eventId: "late-3",
      payload: refundPayload(30, { id: 3002, lines: [{ lineId: 300, amount: "1.00" }] }),
    });
    await drainWebhookInbox({ adminFor: noAdmin });
    const after = await anaRows(TEST_SHOP);
    expect({ ...after, WebhookEvent: 0 }).toEqual({
      WebhookEvent: 0,
      AnalyticsOrder: 0,
      AnalyticsRefund: 0,
      AnalyticsCustomer: 0,
      DataRequest: 0,
    });
    // Processed events keep no payload.
    expect(
      await prisma.webhookEvent.count({ where: { shop: TEST_SHOP, NOT: { payload: null } } }),
    ).toBe(0);
    expect(await prisma.analyticsOrder.count({ where: { shop: TEST_SHOP, orderId: "40" } })).toBe(
      1,
    );
  });

  it("an event claimed before the redaction and completed after it re-creates nothing", async () => {
    await prisma.webhookEvent.deleteMany({
      where: { shop: TEST_SHOP, NOT: { eventId: "pending-ana" } },
    });
    const now = new Date(Date.now() + 1_000);
    const [claimed] = await claimDueEvents(now);
    if (!claimed) throw new Error("nothing claimed");
    expect((await redactAna()).status).toBe(200);
    // The worker goes on with the event it claimed before the redaction.
    await processWebhookEvent(claimed, noAdmin);
    expect(await completeEvent(claimed, now)).toBe(false);
    expect(await anaRows(TEST_SHOP)).toMatchObject({ AnalyticsOrder: 0, AnalyticsRefund: 0 });
    // A failure reported late changes nothing either.
    expect(await failEvent(claimed, new Error("late"), now)).toBe(false);
    expect(await prisma.webhookEvent.count({ where: { shop: TEST_SHOP } })).toBe(0);
  });

  it("a write that checked before the tombstones and committed after is deleted by its re-check", async () => {
    await redactAna();
    // Simulate the interleaving: the order is written (its check passed before the tombstone),
    // the tombstone commits, then the writer re-checks.
    await prisma.redactionTombstone.deleteMany();
    await recordOrders(TEST_SHOP, [parsed(anaOrder(10))], { source: "webhook" });
    expect((await anaRows(TEST_SHOP)).AnalyticsOrder).toBe(1);
    await recordTombstones(prisma, TEST_SHOP, { customerIds: [String(ANA)], orderIds: ["10"] });
    expect(
      await purgeLateRedactions(TEST_SHOP, { customerIds: [String(ANA)], orderIds: ["10"] }),
    ).toBe(true);
    expect(await anaRows(TEST_SHOP)).toMatchObject({ AnalyticsOrder: 0, AnalyticsRefund: 0 });
  });

  it("the backfill does not bring a redacted order back", async () => {
    await redactCustomer(TEST_SHOP, String(ANA), ["30"]);
    const result = await recordOrders(TEST_SHOP, [anaOrder(10), guestOrder].map(parsed), {
      source: "backfill",
    });
    expect(result).toMatchObject({ created: 0, redacted: 2 });
    expect((await anaRows(TEST_SHOP)).AnalyticsOrder).toBe(0);
  });

  it("keeps no customer identifier in the tombstones", async () => {
    await redactAna();
    const rows = await prisma.redactionTombstone.findMany({ where: { shop: TEST_SHOP } });
    expect(rows.length).toBe(6);
    for (const row of rows) {
      expect(row.key).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(String(ANA));
    }
  });
});

/** One row for the shop in a model, for those the flows above do not fill. */
const SEED: Record<string, (shop: string) => Promise<unknown>> = {
  OfferDiscount: (shop) =>
    prisma.offerDiscount.create({ data: { shop, discountId: "gid://d/1", functionId: "f" } }),
  Offer: (shop) =>
    prisma.offer.create({
      data: {
        shop,
        key: "k",
        kind: "addon",
        status: "draft",
        title: "t",
        position: 0,
        body: "{}",
        complete: false,
      },
    }),
  ShopSettings: (shop) => prisma.shopSettings.create({ data: { shop } }),
  Publication: (shop) =>
    prisma.publication.create({
      data: { shop, version: 1, bytes: 2, offerCount: 0, trigger: "merchant", config: "{}" },
    }),
  OfferNotice: (shop) => prisma.offerNotice.create({ data: { shop, tone: "info", message: "m" } }),
  ProductSync: (shop) =>
    prisma.productSync.create({ data: { shop, productId: "p", updatedAt: new Date() } }),
  ProductPair: (shop) =>
    prisma.productPair.create({
      data: {
        shop,
        productA: "1",
        productB: "2",
        ordersWithA: 1,
        ordersWithB: 1,
        ordersWithBoth: 1,
        support: 1,
        confidence: 1,
        lift: 1,
      },
    }),
  PairMiningRun: (shop) =>
    prisma.pairMiningRun.create({
      data: { shop, orders: 1, minSupport: 0.1, pairs: 1, computedAt: new Date() },
    }),
  BackfillJob: (shop) =>
    prisma.backfillJob.create({ data: { shop, status: "completed", since: new Date() } }),
  AnalyticsShop: (shop) => prisma.analyticsShop.create({ data: { shop } }),
  RedactionTombstone: (shop) =>
    recordTombstones(prisma, shop, { customerIds: ["1"], orderIds: [] }),
};

describe("shop/redact", { timeout: 60_000 }, () => {
  const shopModels = models
    .filter((m) => m.fields.some((f) => f.name === "shop"))
    .map((m) => m.name);

  it("is every model: each has a shop column", () => {
    expect(shopModels.sort()).toEqual(models.map((m) => m.name).sort());
  });

  it("empties every model with a shop column for that shop, and only that shop", async () => {
    await sessionStorage.storeSession(setUpValidSession({ shop: OTHER_SHOP }));
    for (const shop of [TEST_SHOP, OTHER_SHOP]) {
      await seedCustomers(shop);
      for (const model of shopModels) {
        if ((await delegate(model).count({ where: { shop } })) === 0) await SEED[model]?.(shop);
      }
    }
    const counts = async (shop: string) =>
      Object.fromEntries(
        await Promise.all(
          shopModels.map(async (m) => [m, await delegate(m).count({ where: { shop } })] as const),
        ),
      );
    const before = await counts(TEST_SHOP);
    for (const model of shopModels) expect(before[model], `${model} seeded`).toBeGreaterThan(0);
    const otherBefore = await counts(OTHER_SHOP);

    const response = await deliverCompliance("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP });
    expect(response.status).toBe(200);

    const after = await counts(TEST_SHOP);
    for (const model of shopModels) expect(after[model], model).toBe(0);
    expect(await counts(OTHER_SHOP)).toEqual(otherBefore);
  });
});
