/**
 * The demo's Home banner says its orders were generated with a +6% effect on average order value,
 * and the Analytics page compares customer lifetime value by cohort and suggests pairs: the seeded
 * data, read back through the app's own model functions on a real database, must tell the same
 * story in the views a visitor opens first.
 */
import { describe, expect, it } from "vitest";
import { deriveFacts, localDay } from "../../app/analytics/order-facts";
import { compareAov, type GroupSums } from "../../app/analytics/stats";
import prisma from "../../app/db.server";
import { DEMO_SHOP } from "../../app/demo/catalog";
import { DEMO_TRUE_AOV_LIFT, demoOrderHistory } from "../../app/demo/orders";
import { normalizeDemoOrder, seedDemoOrders } from "../../app/demo/seed-orders.server";
import { loadCohorts, loadHomeDashboard } from "../../app/models/analytics.server";
import { loadSuggestions } from "../../app/models/pairs.server";

const SHOP = "demo-story.myshopify.com";
const NOW = new Date("2026-12-06T22:00:00Z");

describe("the demo's seeded orders", () => {
  // Seeds a year of orders (about 11,000) and their rollups: seconds on a busy machine.
  it("show the banner's effect in Home's default view, and cohorts that compare", async () => {
    expect(DEMO_TRUE_AOV_LIFT).toBeCloseTo(0.06, 10);
    expect(await seedDemoOrders(SHOP, { now: NOW })).toBeGreaterThan(10_000);

    const home = await loadHomeDashboard(SHOP, new URLSearchParams(), NOW);
    const { comparison } = home.dashboard;
    expect(home.rangeError).toBeNull();
    if (comparison.status !== "ok") throw new Error(comparison.reason);
    expect(comparison.relative.estimate).toBeGreaterThan(0);
    expect(comparison.relative.low).toBeLessThanOrEqual(DEMO_TRUE_AOV_LIFT);
    expect(comparison.relative.high).toBeGreaterThanOrEqual(DEMO_TRUE_AOV_LIFT);
    expect(home.dashboard.holdout.orders).toBeGreaterThan(100);

    // Frequently bought together offers the add-on to buyers of the staple, never the reverse,
    // and never the standard wash to a premium buyer.
    const { suggestions } = await loadSuggestions(SHOP);
    const offered = suggestions.map((r) => `${r.titleB} to buyers of ${r.titleA}`);
    expect(offered).toEqual(
      expect.arrayContaining([
        "Tire shine to buyers of Standard wash",
        "Waxing to buyers of Standard wash",
        "Phone case to buyers of Phone",
        "Lens kit to buyers of Camera",
      ]),
    );
    expect(offered.filter((o) => /^(Standard wash|Phone|Camera) to /.test(o))).toEqual([]);

    const { cohorts } = await loadCohorts(SHOP);
    const compared = cohorts.filter((c) => c.difference !== null);
    // Every full month of the year has enough new customers in both groups; the current month
    // may not yet.
    expect(compared.length).toBeGreaterThanOrEqual(10);
    // Repeat buyers in both groups: lifetime value is more than one order's.
    for (const group of ["treatment", "holdout"]) {
      const repeat = await prisma.analyticsCustomer.count({
        where: { shop: SHOP, group, orders: { gte: 2 } },
      });
      expect(repeat, group).toBeGreaterThan(group === "holdout" ? 50 : 500);
    }
  });

  it("are the same for a seed, and keep the effect's sign whatever weekday the demo starts on", () => {
    const first = demoOrderHistory({ end: NOW });
    expect(demoOrderHistory({ end: NOW })).toEqual(first);
    const timeZone = DEMO_SHOP.ianaTimezone;
    for (let shift = 1; shift <= 7; shift++) {
      const now = new Date(NOW.getTime() + shift * 86_400_000);
      // Home's default range: the last 30 days of the shop's calendar.
      const from = localDay(new Date(now.getTime() - 29 * 86_400_000), timeZone);
      const sums: Record<"treatment" | "holdout", Required<GroupSums>> = {
        treatment: { n: 0, sum: 0, sumSq: 0, sumCube: 0, sumQuad: 0 },
        holdout: { n: 0, sum: 0, sumSq: 0, sumCube: 0, sumQuad: 0 },
      };
      for (const order of demoOrderHistory({ end: now })) {
        const normalized = normalizeDemoOrder(order, timeZone, now);
        if (normalized.day < from) continue;
        const { value } = deriveFacts(normalized.lines, normalized.refunds, normalized.shown);
        const s = sums[order.group];
        s.n++;
        s.sum += value;
        s.sumSq += value ** 2;
        s.sumCube += value ** 3;
        s.sumQuad += value ** 4;
      }
      const comparison = compareAov(sums.treatment, sums.holdout);
      if (comparison.status !== "ok") throw new Error(comparison.reason);
      expect(comparison.relative.estimate, now.toISOString()).toBeGreaterThan(0);
      expect(comparison.relative.low).toBeLessThanOrEqual(DEMO_TRUE_AOV_LIFT);
      expect(comparison.relative.high).toBeGreaterThanOrEqual(DEMO_TRUE_AOV_LIFT);
    }
  });
});
