import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { ordersStandIn } from "../../app/demo/stand-in/orders.server";
import { drainWebhookInbox } from "../../app/jobs/webhook-worker.server";
import { MAX_ATTEMPTS, retryFailedEvents } from "../../app/models/webhook-inbox.server";
import { action as ordersWebhook } from "../../app/routes/webhooks.orders";
import { action as customersWebhook } from "../../app/routes/webhooks.customers.update";
import { sessionStorage } from "../../app/shopify.server";
import { installAdminStandIn, type RecordingStandIn } from "../support/admin-api";
import {
  bruteForceRollups,
  clearAnalytics,
  rollupMismatches,
  storedRollups,
} from "../support/brute-force";
import { orderPayload, refundPayload } from "../support/orders";
import { responseOf, webhookRequest } from "../support/webhooks";

const args = (request: Request) => ({ request, params: {}, context: {} });
const CUSTOMER = 7001;

function deliver(
  topic: string,
  payload: unknown,
  options: { eventId?: string; secret?: string; shop?: string } = {},
) {
  const path = topic === "customers/update" ? "/webhooks/customers/update" : "/webhooks/orders";
  const request = webhookRequest(path, {
    topic,
    shop: options.shop ?? TEST_SHOP,
    payload,
    ...options,
  });
  const handler = topic === "customers/update" ? customersWebhook : ordersWebhook;
  return responseOf(() => handler(args(request)));
}

const acceptedOrder = orderPayload({
  id: 501,
  customerId: CUSTOMER,
  group: "treatment",
  shown: "lens-kit,tire-shine",
  lines: [
    { id: 1, productId: 1101, price: "600.00" },
    { id: 2, productId: 1102, price: "250.00", discount: "25.00", offerId: "lens-kit" },
  ],
});

let adminApi: RecordingStandIn;

beforeEach(async () => {
  await clearAnalytics();
  adminApi = installAdminStandIn(TEST_SHOP, {
    extensions: [
      ordersStandIn(() => ({
        customers: [{ id: CUSTOMER, firstName: "Ana", tags: ["VIP", "Budget-Sensitive"] }],
        orders: [],
      })),
    ],
  });
  await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
});

describe("order webhooks: acknowledgement", () => {
  it("rejects a forged delivery with 401 and stores nothing", async () => {
    const response = await deliver("orders/create", acceptedOrder, { secret: "forged" });
    expect(response.status).toBe(401);
    expect(await prisma.webhookEvent.count()).toBe(0);
  });

  it("acknowledges a valid delivery by storing it, before any processing", async () => {
    const response = await deliver("orders/create", acceptedOrder, { eventId: "evt-1" });
    expect(response.status).toBe(200);
    const events = await prisma.webhookEvent.findMany();
    expect(events).toMatchObject([
      {
        shop: TEST_SHOP,
        topic: "ORDERS_CREATE",
        eventId: "evt-1",
        status: "pending",
        customerId: String(CUSTOMER),
      },
    ]);
    expect(await prisma.analyticsOrder.count()).toBe(0);
    expect(adminApi.sent).toEqual([]);
  });

  it("records an event delivered three times once", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await deliver("orders/create", acceptedOrder, { eventId: "evt-dup" })).status).toBe(
        200,
      );
    }
    expect(await prisma.webhookEvent.count()).toBe(1);
    expect(await drainWebhookInbox()).toEqual({ processed: 1, failed: 0 });
    expect(await prisma.analyticsOrder.count()).toBe(1);
    const [total] = (await storedRollups(TEST_SHOP)).filter((r) => r.offerId === "");
    expect(total?.orders).toBe(1);
  });

  it("answers 400 to a topic the route does not handle", async () => {
    const response = await deliver("products/update", { id: 1 });
    expect(response.status).toBe(400);
    expect(await prisma.webhookEvent.count()).toBe(0);
  });

  it("stores a signed delivery for a shop without a session, and refuses one missing headers", async () => {
    // The inbox routes verify the signature without loading the shop's session.
    await prisma.session.deleteMany({});
    expect((await deliver("orders/create", acceptedOrder)).status).toBe(200);
    expect(await prisma.webhookEvent.count()).toBe(1);

    const unsigned = webhookRequest("/webhooks/orders", {
      topic: "orders/create",
      shop: TEST_SHOP,
      payload: acceptedOrder,
    });
    unsigned.headers.delete("X-Shopify-Topic");
    expect((await responseOf(() => ordersWebhook(args(unsigned)))).status).toBe(400);
    const fetched = new Request("https://app.example/webhooks/orders", { method: "GET" });
    expect((await responseOf(() => ordersWebhook(args(fetched)))).status).toBe(405);
    expect(await prisma.webhookEvent.count()).toBe(1);
  });
});

describe("order webhooks: processing", () => {
  it("records attribution and writes the customer's ladder_state metafield", async () => {
    await deliver("orders/create", acceptedOrder, { eventId: "evt-2" });
    await drainWebhookInbox();

    const order = await prisma.analyticsOrder.findUniqueOrThrow({
      where: { shop_orderId: { shop: TEST_SHOP, orderId: "501" } },
    });
    expect(order).toMatchObject({
      group: "treatment",
      day: "2026-11-02",
      value: 82500n,
      attributed: 22500n,
      accepted: "lens-kit",
      shown: "lens-kit,tire-shine",
      basket: "1101 1102",
    });
    const state = adminApi
      .metafields()
      .find((m) => m.ownerId === `gid://shopify/Customer/${CUSTOMER}`);
    expect(state?.key).toBe("ladder_state");
    expect(JSON.parse(state?.value ?? "null")).toEqual({
      v: 1,
      tags: ["vip", "budget-sensitive"],
      ordersCount: 0,
      amountSpent: "0.00",
      lastAcceptedAt: "2026-11-02T15:00:00.000Z",
    });
    expect((await prisma.webhookEvent.findFirstOrThrow()).payload).toBeNull();
  });

  it("counts an order without _ladder_group as excluded (group none), never in an arm", async () => {
    await deliver(
      "orders/create",
      orderPayload({ id: 9, lines: [{ id: 1, productId: 1, price: "10.00" }] }),
    );
    await drainWebhookInbox();
    expect((await storedRollups(TEST_SHOP)).map((r) => [r.group, r.orders])).toEqual([["none", 1]]);
  });

  it("mirrors tags on customers/update", async () => {
    await deliver("customers/update", { id: CUSTOMER, tags: "VIP, Budget-Sensitive" });
    await drainWebhookInbox();
    const state = adminApi.metafields().find((m) => m.key === "ladder_state");
    expect(JSON.parse(state?.value ?? "null")).toMatchObject({
      tags: ["vip", "budget-sensitive"],
      lastAcceptedAt: null,
    });
  });

  it("keeps a failed event, retries it with backoff, and records it once it succeeds", async () => {
    await deliver("orders/create", acceptedOrder, { eventId: "evt-3" });
    const t0 = new Date(Date.now() + 1_000);
    const down = async () => {
      throw new Error("Admin API unavailable");
    };
    expect(await drainWebhookInbox({ now: () => t0, adminFor: down })).toEqual({
      processed: 0,
      failed: 1,
    });
    const failed = await prisma.webhookEvent.findFirstOrThrow();
    expect(failed).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "Admin API unavailable",
    });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());
    expect(failed.payload).not.toBeNull();

    // Not due yet: nothing happens.
    expect(await drainWebhookInbox({ now: () => t0 })).toEqual({ processed: 0, failed: 0 });
    const later = new Date(failed.nextAttemptAt.getTime() + 1);
    expect(await drainWebhookInbox({ now: () => later })).toEqual({ processed: 1, failed: 0 });
    expect(await prisma.webhookEvent.findFirstOrThrow()).toMatchObject({
      status: "done",
      attempts: 2,
    });
    // The retry re-recorded the same order: the rollups still count it once.
    expect(
      rollupMismatches(await storedRollups(TEST_SHOP), await bruteForceRollups(TEST_SHOP)),
    ).toEqual([]);
    expect((await storedRollups(TEST_SHOP)).find((r) => r.offerId === "")?.orders).toBe(1);
  });

  it("parks an event as failed after its retries, with the error, until retried on demand", async () => {
    await deliver("orders/create", { id: 77, line_items: "not a list" }, { eventId: "evt-bad" });
    let now = new Date(Date.now() + 1_000);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await drainWebhookInbox({ now: () => now });
      now = new Date(now.getTime() + 7 * 3_600_000);
    }
    const parked = await prisma.webhookEvent.findFirstOrThrow();
    expect(parked).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(parked.lastError).toMatch(/ORDERS_CREATE payload is invalid: .*created_at|line_items/);
    expect(await drainWebhookInbox({ now: () => now })).toEqual({ processed: 0, failed: 0 });
    expect(await retryFailedEvents(TEST_SHOP, now)).toBe(1);
    expect(await prisma.webhookEvent.findFirstOrThrow()).toMatchObject({
      status: "pending",
      attempts: 0,
    });
  });

  it("picks up an event a crashed worker had claimed once its lease ends (restart)", async () => {
    await deliver("orders/create", acceptedOrder, { eventId: "evt-4" });
    const t0 = new Date(Date.now() + 1_000);
    // A worker claims the event and dies before finishing (simulated by claiming only).
    const { claimDueEvents } = await import("../../app/models/webhook-inbox.server");
    expect(await claimDueEvents(t0)).toHaveLength(1);
    expect(await drainWebhookInbox({ now: () => t0 })).toEqual({ processed: 0, failed: 0 });
    const afterLease = new Date(t0.getTime() + 5 * 60_000 + 1);
    expect(await drainWebhookInbox({ now: () => afterLease })).toEqual({ processed: 1, failed: 0 });
    expect(await prisma.analyticsOrder.count()).toBe(1);
  });
});

describe("refunds", () => {
  const base = {
    id: 600,
    customerId: CUSTOMER,
    group: "treatment",
    shown: "phone-case",
    lines: [
      { id: 11, productId: 1301, price: "799.00" },
      { id: 12, productId: 1302, price: "30.00", quantity: 2, offerId: "phone-case" },
    ],
  };

  async function order600() {
    return prisma.analyticsOrder.findUniqueOrThrow({
      where: { shop_orderId: { shop: TEST_SHOP, orderId: "600" } },
    });
  }

  it("reduce attributed revenue, once per refund whichever webhook brings it", async () => {
    await deliver("orders/create", orderPayload(base));
    await drainWebhookInbox();
    expect(await order600()).toMatchObject({ value: 85900n, attributed: 6000n });

    const refund = { id: 900, lines: [{ lineId: 12, amount: "30.00" }] };
    await deliver("refunds/create", refundPayload(600, refund), { eventId: "r-1" });
    await deliver("refunds/create", refundPayload(600, refund), { eventId: "r-2" }); // another event, same refund
    await deliver(
      "orders/updated",
      orderPayload({ ...base, refunds: [refund], updatedAt: "2026-11-05T10:00:00-05:00" }),
    );
    await drainWebhookInbox();

    expect(await order600()).toMatchObject({ value: 82900n, attributed: 3000n });
    const offerRow = (await storedRollups(TEST_SHOP)).find((r) => r.offerId === "phone-case");
    expect(offerRow).toMatchObject({ attributed: 3000, orders: 1, impressions: 1 });
    expect(
      rollupMismatches(await storedRollups(TEST_SHOP), await bruteForceRollups(TEST_SHOP)),
    ).toEqual([]);
  });

  it("counts a refund that arrives before its order when the order arrives", async () => {
    await deliver(
      "refunds/create",
      refundPayload(600, { id: 901, lines: [{ lineId: 12, amount: "60.00" }] }),
    );
    await drainWebhookInbox();
    await deliver("orders/create", orderPayload(base));
    await drainWebhookInbox();
    expect(await order600()).toMatchObject({ value: 79900n, attributed: 0n });
  });

  it("ignores an older delivery of an order that arrives after a newer one", async () => {
    const refund = { id: 902, lines: [{ lineId: 12, amount: "30.00" }] };
    await deliver(
      "orders/updated",
      orderPayload({ ...base, refunds: [refund], updatedAt: "2026-11-05T10:00:00-05:00" }),
    );
    await deliver("orders/create", orderPayload({ ...base, shown: "" }));
    await drainWebhookInbox();
    expect(await order600()).toMatchObject({ attributed: 3000n, shown: "phone-case" });
  });

  it("takes a cancelled order out of the rollups", async () => {
    await deliver("orders/create", orderPayload(base));
    await deliver(
      "orders/updated",
      orderPayload({
        ...base,
        cancelledAt: "2026-11-03T09:00:00-05:00",
        updatedAt: "2026-11-03T09:00:00-05:00",
      }),
    );
    await drainWebhookInbox();
    expect(await storedRollups(TEST_SHOP)).toEqual([]);
  });
});
