/**
 * Money beyond 2^31 minor units (Rp 21,474,836.48, or ¥2,147,483,648: one large order in some
 * currencies) goes through the whole pipeline exactly, on SQLite and on PostgreSQL alike: the
 * webhook, the worker, the stored order and customer, the rollups, the dashboard, the cohorts,
 * pair suggestions and the customer data report (JSON).
 */
import { setUpValidSession, TEST_SHOP } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { ordersStandIn } from "../../app/demo/stand-in/orders.server";
import { drainWebhookInbox } from "../../app/jobs/webhook-worker.server";
import { loadCohorts, loadDashboard } from "../../app/models/analytics.server";
import { customerDataReport } from "../../app/models/compliance.server";
import { fromDbInt, toDbInt } from "../../app/models/db-integers.server";
import { loadSuggestions, mineProductPairs } from "../../app/models/pairs.server";
import { action as ordersWebhook } from "../../app/routes/webhooks.orders";
import { sessionStorage } from "../../app/shopify.server";
import { installAdminStandIn } from "../support/admin-api";
import { clearAnalytics } from "../support/brute-force";
import { orderPayload } from "../support/orders";
import { responseOf, webhookRequest } from "../support/webhooks";

const CUSTOMER = 7100;
const INT32_MAX = 2 ** 31 - 1;

beforeEach(async () => {
  await clearAnalytics();
  installAdminStandIn(TEST_SHOP, {
    extensions: [
      ordersStandIn(() => ({
        customers: [{ id: CUSTOMER, firstName: "Ana", tags: [] }],
        orders: [],
      })),
    ],
  });
  await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
});

async function deliverOrder(id: number, lines: Parameters<typeof orderPayload>[0]["lines"]) {
  const request = webhookRequest("/webhooks/orders", {
    topic: "orders/create",
    shop: TEST_SHOP,
    payload: orderPayload({ id, customerId: CUSTOMER, group: "treatment", shown: "big", lines }),
  });
  const response = await responseOf(() => ordersWebhook({ request, params: {}, context: {} }));
  expect(response.status).toBe(200);
}

describe("amounts beyond 2^31 minor units", () => {
  it("are recorded, rolled up and reported exactly", async () => {
    // 47,000,000.00 of items, of which 22,000,000.00 an offer added: both over 2^31 minor units.
    await deliverOrder(801, [
      { id: 1, productId: 2101, price: "25000000.00" },
      { id: 2, productId: 2102, price: "22000000.00", offerId: "big" },
    ]);
    await deliverOrder(802, [
      { id: 3, productId: 2101, price: "25000000.00" },
      { id: 4, productId: 2102, price: "22000000.01" },
    ]);
    await drainWebhookInbox();
    expect(await prisma.webhookEvent.count({ where: { status: { not: "done" } } })).toBe(0);

    const order = await prisma.analyticsOrder.findUniqueOrThrow({
      where: { shop_orderId: { shop: TEST_SHOP, orderId: "801" } },
    });
    expect(order.value).toBe(4_700_000_000n);
    expect(order.attributed).toBe(2_200_000_000n);
    expect(Number(order.value)).toBeGreaterThan(INT32_MAX);

    const customer = await prisma.analyticsCustomer.findUniqueOrThrow({
      where: { shop_customerId: { shop: TEST_SHOP, customerId: String(CUSTOMER) } },
    });
    expect(customer.revenue).toBe(9_400_000_001n);

    const dashboard = await loadDashboard(TEST_SHOP, { from: "2026-11-01", to: "2026-11-30" });
    expect(dashboard.treatment.orders).toBe(2);
    expect(dashboard.treatment.aov).toBe(4_700_000_000.5);
    expect(dashboard.attributedRevenue).toBe(2_200_000_000);

    const { cohorts } = await loadCohorts(TEST_SHOP);
    expect(cohorts.map((c) => [c.month, c.treatment])).toEqual([
      ["2026-11", { customers: 1, revenuePerCustomer: 9_400_000_001 }],
    ]);

    await mineProductPairs(TEST_SHOP, { minSupport: 0.01 });
    const { suggestions } = await loadSuggestions(TEST_SHOP);
    // Both products' prices survive BigInt storage too (they sell as often: either may anchor).
    const pair = suggestions[0];
    expect(pair && { [pair.productA]: pair.unitPriceA, [pair.productB]: pair.unitPriceB }).toEqual({
      "2101": 2_500_000_000,
      "2102": 2_200_000_000,
    });

    const report = await customerDataReport(TEST_SHOP, String(CUSTOMER), []);
    const json = JSON.parse(JSON.stringify(report)) as {
      orders: { orderId: string; value: number; attributedRevenue: number }[];
      cohort: { revenue: number } | null;
    };
    expect(json.orders.find((o) => o.orderId === "801")).toMatchObject({
      value: 4_700_000_000,
      attributedRevenue: 2_200_000_000,
    });
    expect(json.cohort?.revenue).toBe(9_400_000_001);
  });
});

describe("database integer conversion", () => {
  it("round-trips every safe integer and refuses what a number cannot carry exactly", () => {
    for (const n of [0, 1, -1, INT32_MAX + 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(fromDbInt(toDbInt(n))).toBe(n);
    }
    expect(() => toDbInt(1.5)).toThrow(RangeError);
    expect(() => toDbInt(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => toDbInt(Number.NaN)).toThrow(RangeError);
    expect(() => fromDbInt(2n ** 53n)).toThrow(/beyond the exact range/);
    expect(() => fromDbInt(-(2n ** 53n))).toThrow(RangeError);
  });
});
