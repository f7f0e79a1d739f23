import { TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { parseOrderPayload, parseRefundPayload } from "../../app/analytics/payloads";
import type { NormalizedOrder } from "../../app/analytics/order-facts";
import prisma from "../../app/db.server";
import { drainWebhookInbox } from "../../app/jobs/webhook-worker.server";
import { recordOrders } from "../../app/models/orders.server";
import { redactCustomer } from "../../app/models/redaction.server";
import {
  acceptWebhook,
  claimDueEvents,
  CLAIM_LEASE_MS,
  completeEvent,
  expireFailedPayloads,
  failEvent,
  FAILED_PAYLOAD_RETENTION_DAYS,
  MAX_ATTEMPTS,
} from "../../app/models/webhook-inbox.server";
import { clearAnalytics } from "../support/brute-force";
import { orderPayload, refundPayload } from "../support/orders";

const FACTS = { currency: "USD", timeZone: "UTC" };
const noAdmin = () => Promise.resolve(null);

function order(payload: unknown): NormalizedOrder {
  const parsed = parseOrderPayload(payload, FACTS);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

beforeEach(clearAnalytics);

describe("amounts", { timeout: 30_000 }, () => {
  for (const bad of ["abc", "1e308", "", "12.3.4", "NaN", "Infinity"]) {
    it(`fails an order whose price is ${JSON.stringify(bad)}, naming the field`, () => {
      const payload = orderPayload({ id: 1, lines: [{ id: 1, productId: 1, price: bad }] });
      const parsed = parseOrderPayload(payload, FACTS);
      expect(parsed).toMatchObject({ ok: false });
      if (!parsed.ok) expect(parsed.error).toContain("line_items.0.price");
    });
  }

  it("fails a refund whose amount is unparseable", () => {
    const refund = refundPayload(1, { id: 5, lines: [{ lineId: 1, amount: "1e308" }] });
    const parsed = parseRefundPayload(refund, FACTS);
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.error).toContain("refund_line_items.0.subtotal");
  });

  it("keeps the event for a retry and records nothing (never 0)", async () => {
    const payload = orderPayload({
      id: 77,
      lines: [
        { id: 1, productId: 1, price: "10.00" },
        { id: 2, productId: 2, price: "abc" },
      ],
    });
    await acceptWebhook({ shop: TEST_SHOP, topic: "ORDERS_CREATE", eventId: "e-abc", payload });
    expect(await drainWebhookInbox({ adminFor: noAdmin })).toEqual({ processed: 0, failed: 1 });
    expect(await prisma.analyticsOrder.count()).toBe(0);
    expect(await prisma.webhookEvent.findFirstOrThrow()).toMatchObject({
      status: "pending",
      lastError: expect.stringContaining("line_items.1.price") as unknown,
    });
  });
});

describe("claims", { timeout: 30_000 }, () => {
  const payload = orderPayload({ id: 5, lines: [{ id: 1, productId: 1, price: "5.00" }] });

  it("a late failEvent after the lease ran out cannot reset an event another claim completed", async () => {
    await acceptWebhook({ shop: TEST_SHOP, topic: "ORDERS_CREATE", eventId: "e-1", payload });
    const t0 = new Date(Date.now() + 1_000);
    const [first] = await claimDueEvents(t0);
    if (!first) throw new Error("not claimed");
    const afterLease = new Date(t0.getTime() + CLAIM_LEASE_MS + 1);
    const [second] = await claimDueEvents(afterLease);
    if (!second) throw new Error("not reclaimed");
    expect(second.claimToken).not.toBe(first.claimToken);
    expect(await completeEvent(second, afterLease)).toBe(true);

    expect(await failEvent(first, new Error("slow worker"), afterLease)).toBe(false);
    expect(await completeEvent(first, afterLease)).toBe(false);
    expect(await prisma.webhookEvent.findFirstOrThrow()).toMatchObject({
      status: "done",
      lastError: null,
      payload: null,
    });
  });

  it("the expired claim cannot complete an event the new claim is still working on", async () => {
    await acceptWebhook({ shop: TEST_SHOP, topic: "ORDERS_CREATE", eventId: "e-2", payload });
    const t0 = new Date(Date.now() + 1_000);
    const [first] = await claimDueEvents(t0);
    if (!first) throw new Error("not claimed");
    const afterLease = new Date(t0.getTime() + CLAIM_LEASE_MS + 1);
    expect(await claimDueEvents(afterLease)).toHaveLength(1);
    expect(await completeEvent(first, afterLease)).toBe(false);
    expect((await prisma.webhookEvent.findFirstOrThrow()).status).toBe("pending");
  });

  it("two claims at the same moment never share an event", async () => {
    for (let i = 0; i < 30; i++) {
      await acceptWebhook({ shop: TEST_SHOP, topic: "ORDERS_CREATE", eventId: `c-${i}`, payload });
    }
    const now = new Date(Date.now() + 1_000);
    const [a, b] = await Promise.all([claimDueEvents(now, 20), claimDueEvents(now, 20)]);
    const ids = [...(a ?? []), ...(b ?? [])].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("failed events' payloads expire", { timeout: 30_000 }, () => {
  it(`erases the payload ${FAILED_PAYLOAD_RETENTION_DAYS} days after the event was given up`, async () => {
    const payload = orderPayload({
      id: 8,
      customerId: 4242,
      lines: [{ id: 1, productId: 1, price: "x" }],
    });
    await acceptWebhook({ shop: TEST_SHOP, topic: "ORDERS_CREATE", eventId: "f-1", payload });
    let now = new Date(Date.now() + 1_000);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await drainWebhookInbox({ now: () => now, adminFor: noAdmin });
      now = new Date(now.getTime() + 7 * 3_600_000);
    }
    const failed = await prisma.webhookEvent.findFirstOrThrow();
    expect(failed.status).toBe("failed");
    expect(failed.payload).not.toBeNull();
    const givenUp = failed.processedAt ?? new Date(0);

    const day = 24 * 3_600_000;
    const retention = FAILED_PAYLOAD_RETENTION_DAYS * day;
    expect(await expireFailedPayloads(new Date(givenUp.getTime() + retention - day))).toBe(0);
    expect(await prisma.webhookEvent.findFirstOrThrow()).toMatchObject({ status: "failed" });
    expect(await expireFailedPayloads(new Date(givenUp.getTime() + retention + 1))).toBe(1);
    expect(await prisma.webhookEvent.findFirstOrThrow()).toMatchObject({
      status: "expired",
      payload: null,
      customerId: null,
      orderId: null,
      lastError: expect.stringContaining("line_items.0.price") as unknown,
    });
  });
});

describe("concurrent deliveries of one order", { timeout: 60_000 }, () => {
  it("orders/create and orders/updated at once: both succeed without waiting for a retry, newest wins", async () => {
    const created = order(
      orderPayload({ id: 600, lines: [{ id: 1, productId: 1, price: "10.00" }] }),
    );
    const updated = order(
      orderPayload({
        id: 600,
        lines: [{ id: 1, productId: 1, price: "12.00" }],
        updatedAt: "2026-11-02T11:00:00-05:00",
      }),
    );
    await Promise.all([
      recordOrders(TEST_SHOP, [created], { source: "webhook" }),
      recordOrders(TEST_SHOP, [updated], { source: "webhook" }),
    ]);
    const row = await prisma.analyticsOrder.findFirstOrThrow();
    expect(row.value).toBe(1200n);
    const rollup = await prisma.dailyRollup.findFirstOrThrow({ where: { offerId: "" } });
    expect(rollup.orders).toBe(1);
    expect(rollup.valueSum).toBe(1200);
  });
});

describe("SQLite's bind limit", { timeout: 120_000 }, () => {
  it("records a backfill chunk whose orders touch 1,200 products", async () => {
    const orders = Array.from({ length: 400 }, (_, i) =>
      order(
        orderPayload({
          id: 10_000 + i,
          lines: [0, 1, 2].map((k) => ({
            id: i * 3 + k,
            productId: 50_000 + i * 3 + k,
            price: "1.00",
          })),
        }),
      ),
    );
    const result = await recordOrders(TEST_SHOP, orders, { source: "backfill" });
    expect(result.created).toBe(400);
    expect(await prisma.analyticsProduct.count()).toBe(1200);
  });

  it("redacts a customer with 1,200 orders, all of them", async () => {
    const orders = Array.from({ length: 1200 }, (_, i) =>
      order(
        orderPayload({
          id: 20_000 + i,
          customerId: 99,
          lines: [{ id: i, productId: 1, price: "1.00" }],
        }),
      ),
    );
    await recordOrders(TEST_SHOP, orders, { source: "backfill" });
    expect(await prisma.analyticsOrder.count()).toBe(1200);
    const result = await redactCustomer(
      TEST_SHOP,
      "99",
      orders.map((o) => o.id),
    );
    expect(result.orders).toBe(1200);
    expect(await prisma.analyticsOrder.count()).toBe(0);
    expect(await prisma.analyticsCustomer.count()).toBe(0);
  });
});

describe("batches", { timeout: 60_000 }, () => {
  it("records a claimed batch of orders together; a bad order fails alone", async () => {
    for (let i = 0; i < 30; i++) {
      const price = i === 7 ? "abc" : "3.00";
      await acceptWebhook({
        shop: TEST_SHOP,
        topic: "ORDERS_CREATE",
        eventId: `b-${i}`,
        payload: orderPayload({ id: 900 + i, lines: [{ id: i, productId: 1, price }] }),
      });
    }
    expect(await drainWebhookInbox({ adminFor: noAdmin })).toEqual({ processed: 29, failed: 1 });
    expect(await prisma.analyticsOrder.count()).toBe(29);
    expect(await prisma.webhookEvent.count({ where: { status: "done" } })).toBe(29);
    const rollup = await prisma.dailyRollup.findFirstOrThrow({ where: { offerId: "" } });
    expect(rollup.orders).toBe(29);
  });
});
