import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  RequestType,
  setUpValidRequest,
  setUpValidSession,
  TEST_SHOP,
  TEST_SHOP_NAME,
} from "@shopify/shopify-api/test-helpers";
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it } from "vitest";
import { localDay, type NormalizedOrder } from "../../app/analytics/order-facts";
import { minePairs } from "../../app/analytics/pairs";
import { validateConfig } from "../../app/config";
import prisma from "../../app/db.server";
import { seededRandom } from "../../app/demo/orders";
import { exportCsv, loadDashboard, parseRange } from "../../app/models/analytics.server";
import { recordOrders } from "../../app/models/orders.server";
import { recordRefund } from "../../app/models/refunds.server";
import { mineProductPairs } from "../../app/models/pairs.server";
import { getOffer } from "../../app/models/offers.server";
import {
  createDraftFromPair,
  createSuggestedOffer,
  draftCrossSellFromPair,
} from "../../app/models/suggestions.server";
import { loader as exportLoader } from "../../app/routes/app.analytics.export";
import { loader as homeLoader } from "../../app/routes/app._index";
import { sessionStorage, unauthenticated } from "../../app/shopify.server";
import { installAdminStandIn } from "../support/admin-api";
import {
  bruteForceCohorts,
  bruteForceRollups,
  clearAnalytics,
  rollupMismatches,
  storedCohorts,
  storedRollups,
} from "../support/brute-force";

const OTHER_SHOP = "other-shop.myshopify.com";
const OFFERS = ["case", "lens", "wax"];

/** Random orders with lines, offers, refunds and cancellations, deterministic for a seed. */
function randomOrders(
  seed: number,
  count: number,
  startDay = Date.UTC(2026, 9, 1),
): NormalizedOrder[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const createdAt = new Date(startDay + Math.floor(random() * 40 * 86_400_000));
    const group = random() < 0.1 ? "holdout" : random() < 0.05 ? "none" : "treatment";
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, j) => {
      const quantity = 1 + Math.floor(random() * 2);
      const unitPrice = 500 + Math.floor(random() * 20_000);
      return {
        id: `${i}-${j}`,
        productId: String(1 + Math.floor(random() * 12)),
        variantId: String(100 + j),
        title: `Product ${j}`,
        variantTitle: null,
        quantity,
        unitPrice,
        value: quantity * unitPrice - (random() < 0.2 ? 100 : 0),
        offerId: group === "treatment" && random() < 0.2 ? pick(OFFERS) : null,
        snapshotRefunded: 0,
      };
    });
    return {
      id: String(10_000 + i),
      name: `#${i}`,
      customerId: random() < 0.3 ? null : String(500 + Math.floor(random() * 60)),
      createdAt,
      updatedAt: createdAt,
      day: localDay(createdAt, "UTC"),
      cancelled: false,
      group,
      shown: group === "treatment" && random() < 0.7 ? [pick(OFFERS)] : [],
      lines,
      refunds: [],
    } satisfies NormalizedOrder;
  });
}

beforeEach(async () => {
  await clearAnalytics();
});

// Hundreds of orders through the real ingest path: seconds on a busy machine.
describe("rollups", () => {
  it("equal a brute-force computation after creates, updates, refunds and cancellations", async () => {
    const orders = randomOrders(1, 400);
    await recordOrders(TEST_SHOP, orders, { source: "webhook" });
    const random = seededRandom(2);
    // Later versions of a third of the orders: moved day, other group, cancelled, lines dropped.
    const updates = orders
      .filter(() => random() < 0.33)
      .map((o, k) => ({
        ...o,
        updatedAt: new Date(o.updatedAt.getTime() + 1000),
        cancelled: k % 7 === 0,
        group: k % 5 === 0 ? ("holdout" as const) : o.group,
        lines: k % 3 === 0 ? o.lines.slice(0, 1) : o.lines,
        shown: k % 4 === 0 ? [] : o.shown,
      }));
    await recordOrders(TEST_SHOP, updates, { source: "webhook" });
    let refundId = 1;
    for (const order of orders.filter(() => random() < 0.2)) {
      const line = order.lines[0];
      if (!line) continue;
      await recordRefund(TEST_SHOP, {
        id: String(refundId++),
        orderId: order.id,
        createdAt: new Date(),
        lines: [{ lineId: line.id, amount: Math.floor(line.value / 2) }],
      });
    }
    // A backfill of the same orders changes nothing.
    await recordOrders(TEST_SHOP, randomOrders(1, 400), { source: "backfill" });

    expect(
      rollupMismatches(await storedRollups(TEST_SHOP), await bruteForceRollups(TEST_SHOP)),
    ).toEqual([]);
    expect(await storedCohorts(TEST_SHOP)).toEqual(await bruteForceCohorts(TEST_SHOP));
  });
});

describe("dashboard", () => {
  beforeEach(async () => {
    await recordOrders(TEST_SHOP, randomOrders(3, 300), { source: "webhook" });
    await recordOrders(
      OTHER_SHOP,
      randomOrders(4, 300).map((o) => ({ ...o, shown: ["other-offer"] })),
      {
        source: "webhook",
      },
    );
  });

  it("reports the figures a brute-force pass over the orders gives", async () => {
    const range = { from: "2026-10-05", to: "2026-10-30" };
    const d = await loadDashboard(TEST_SHOP, range);
    const orders = await prisma.analyticsOrder.findMany({
      where: { shop: TEST_SHOP, cancelled: false, day: { gte: range.from, lte: range.to } },
    });
    const arm = (g: string) => orders.filter((o) => o.group === g);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(d.treatment.orders).toBe(arm("treatment").length);
    expect(d.holdout.orders).toBe(arm("holdout").length);
    expect(d.excludedOrders).toBe(arm("none").length);
    expect(d.treatment.aov).toBeCloseTo(mean(arm("treatment").map((o) => Number(o.value))), 6);
    expect(d.holdout.aov).toBeCloseTo(mean(arm("holdout").map((o) => Number(o.value))), 6);
    expect(d.acceptedOrders).toBe(arm("treatment").filter((o) => o.accepted !== "").length);
    expect(d.attributedRevenue).toBe(orders.reduce((s, o) => s + Number(o.attributed), 0));
    const lens = d.offers.find((o) => o.offerId === "lens");
    expect(lens?.impressions).toBe(
      arm("treatment").filter((o) => o.shown.split(",").includes("lens")).length,
    );
    expect(d.offers.map((o) => o.offerId)).not.toContain("other-offer");
    expect(d.trend.every((p) => p.period >= range.from && p.period <= range.to)).toBe(true);
  });

  it("charts by week from 90 days on, by day below", async () => {
    // 2 August to 30 October: 90 days; from 3 August: 89.
    const ninety = await loadDashboard(TEST_SHOP, { from: "2026-08-02", to: "2026-10-30" });
    expect(ninety.trendBucket).toBe("week");
    expect(
      new Set(ninety.trend.map((p) => new Date(`${p.period}T00:00:00Z`).getUTCDay())).size,
    ).toBe(1);
    const under = await loadDashboard(TEST_SHOP, { from: "2026-08-03", to: "2026-10-30" });
    expect(under.trendBucket).toBe("day");
  });

  it("exports the daily table as CSV, one row per day and group, only for this shop", async () => {
    const csv = await exportCsv(TEST_SHOP, { from: "2026-10-01", to: "2026-11-30" }, "daily");
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "date",
      "group",
      "orders",
      "revenue_USD",
      "aov_USD",
      "orders_with_accepted_offer",
      "attributed_revenue_USD",
      "orders_shown_an_offer",
    ]);
    expect(rows.reduce((s, r) => s + Number(r.orders), 0)).toBe(300);
    const stored = await prisma.analyticsOrder.findMany({ where: { shop: TEST_SHOP } });
    const totalRevenue = stored.reduce((s, o) => s + Number(o.value), 0);
    expect(rows.reduce((s, r) => s + Math.round(Number(r.revenue_USD) * 100), 0)).toBe(
      totalRevenue,
    );
    expect(new Set(rows.map((r) => r.group))).toEqual(
      new Set(["treatment", "holdout", "excluded"]),
    );
  });

  it("exports the offers table through the route, with the session's shop only", async () => {
    const request = await setUpValidRequest(
      {
        type: RequestType.Bearer,
        store: TEST_SHOP_NAME,
        apiKey: API_KEY,
        apiSecretKey: API_SECRET_KEY,
      },
      new Request(`${APP_URL}/app/analytics/export?table=offers&from=2026-10-01&to=2026-11-30`),
    );
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
    const response = await exportLoader({ request, params: {}, context: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.offer_id).sort()).toEqual([...OFFERS].sort());
    const bad = await setUpValidRequest(
      {
        type: RequestType.Bearer,
        store: TEST_SHOP_NAME,
        apiKey: API_KEY,
        apiSecretKey: API_SECRET_KEY,
      },
      new Request(`${APP_URL}/app/analytics/export?from=2026-13-01&to=2026-11-30`),
    );
    const refused = await exportLoader({ request: bad, params: {}, context: {} });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/^from: /);
  });

  it("the home loader shows the range in the URL, and explains a bad one", async () => {
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
    const request = await setUpValidRequest(
      {
        type: RequestType.Admin,
        store: TEST_SHOP_NAME,
        apiKey: API_KEY,
        apiSecretKey: API_SECRET_KEY,
      },
      new Request(`${APP_URL}/app?from=2026-10-10&to=2026-10-01`),
    );
    const data = await homeLoader({ request, params: {}, context: {} });
    expect(data.rangeError).toBe("from: must not be after the end date");
    expect(data.dashboard.range.to).toBe(data.today);
    expect(parseRange(new URLSearchParams("days=7"), "2026-11-22").range).toEqual({
      from: "2026-11-16",
      to: "2026-11-22",
    });
  });
});

describe("frequently bought together", () => {
  it("mines support, confidence and lift equal to counting by hand", () => {
    const random = seededRandom(9);
    const baskets = Array.from({ length: 2000 }, () =>
      [
        ...new Set(
          Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
            String(1 + Math.floor(random() * 15)),
          ),
        ),
      ].join(" "),
    );
    const result = minePairs(baskets, 0.01);
    const has = (b: string, p: string) => b.split(" ").includes(p);
    for (const pair of result.pairs.slice(0, 20)) {
      const withA = baskets.filter((b) => has(b, pair.productA)).length;
      const withB = baskets.filter((b) => has(b, pair.productB)).length;
      const both = baskets.filter((b) => has(b, pair.productA) && has(b, pair.productB)).length;
      expect(pair).toMatchObject({ ordersWithA: withA, ordersWithB: withB, ordersWithBoth: both });
      expect(pair.support).toBeCloseTo(both / 2000, 12);
      expect(pair.confidence).toBeCloseTo(both / withA, 12);
      expect(pair.lift).toBeCloseTo(both / withA / (withB / 2000), 12);
    }
    expect(result.pairs.every((p) => p.support >= 0.01)).toBe(true);
    expect(minePairs(baskets, 0.2).pairs).toEqual([]);
  });

  it("suggests a cross-sell draft that the offer config schema accepts", async () => {
    const orders = randomOrders(5, 200).map((o, i) => ({
      ...o,
      lines: [
        {
          ...o.lines[0],
          id: `${i}-a`,
          productId: "1301",
          variantId: "2301",
          title: "Phone",
          unitPrice: 79_900,
          value: 79_900,
          quantity: 1,
          offerId: null,
          variantTitle: null,
          snapshotRefunded: 0,
        },
        ...(i % 2 === 0
          ? [
              {
                id: `${i}-b`,
                productId: "1302",
                variantId: "2302",
                title: "Phone case",
                variantTitle: "Black",
                quantity: 1,
                // Paid back then; the catalog's price today is 30.00.
                unitPrice: 2_500,
                value: 2_500,
                offerId: null,
                snapshotRefunded: 0,
              },
            ]
          : []),
      ],
    }));
    await recordOrders(TEST_SHOP, orders, { source: "webhook" });
    await mineProductPairs(TEST_SHOP, { minSupport: 0.05 });
    installAdminStandIn();
    await sessionStorage.storeSession(setUpValidSession({ shop: TEST_SHOP }));
    const { admin } = await unauthenticated.admin(TEST_SHOP);
    const offer = await draftCrossSellFromPair(TEST_SHOP, "1301", "1302", admin);
    expect(offer).toMatchObject({
      kind: "cross-sell",
      status: "draft",
      trigger: { productIds: ["gid://shopify/Product/1301"] },
      item: {
        variantId: "gid://shopify/ProductVariant/2302",
        price: "30.00",
        title: "Phone case – Black",
      },
    });
    expect(validateConfig({ version: 1, currency: "USD", offers: [offer] })).toMatchObject({
      ok: true,
    });

    // One click: the draft is stored by the offers model, for this shop only.
    const created = await createDraftFromPair(
      TEST_SHOP,
      "1301",
      "1302",
      admin,
      createSuggestedOffer,
    );
    expect(await getOffer(TEST_SHOP, created.id)).toMatchObject({ status: "draft" });
    expect(await getOffer(OTHER_SHOP, created.id)).toBeNull();
    await expect(draftCrossSellFromPair(OTHER_SHOP, "1301", "1302", admin)).rejects.toThrow(
      /no longer available/,
    );
  });
});
