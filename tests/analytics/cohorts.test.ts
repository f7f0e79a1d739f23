import { beforeEach, describe, expect, it } from "vitest";
import { parseOrderPayload } from "../../app/analytics/payloads";
import { loadCohorts, MIN_COHORT_CUSTOMERS } from "../../app/models/analytics.server";
import { recordOrders } from "../../app/models/orders.server";
import { clearAnalytics } from "../support/brute-force";
import { orderPayload } from "../support/orders";

const SHOP = "cohorts.myshopify.com";

/** `count` customers of a group, each with one order of `price` in November 2026. */
async function customers(
  group: "treatment" | "holdout",
  count: number,
  price: string,
  from: number,
) {
  const orders = Array.from({ length: count }, (_, i) => {
    const parsed = parseOrderPayload(
      orderPayload({
        id: from + i,
        customerId: from + i,
        group,
        createdAt: "2026-11-10T10:00:00Z",
        lines: [{ id: (from + i) * 10, productId: 1, price }],
      }),
      { currency: "USD", timeZone: "UTC" },
    );
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  });
  await recordOrders(SHOP, orders, { source: "webhook" });
}

beforeEach(async () => {
  await clearAnalytics();
});

describe("CLV by first-order cohort", () => {
  it("compares the groups only when both have enough customers", async () => {
    await customers("treatment", MIN_COHORT_CUSTOMERS, "110.00", 1000);
    await customers("holdout", MIN_COHORT_CUSTOMERS - 1, "100.00", 2000);
    const few = await loadCohorts(SHOP);
    expect(few.cohorts).toEqual([
      {
        month: "2026-11",
        treatment: { customers: MIN_COHORT_CUSTOMERS, revenuePerCustomer: 11000 },
        holdout: { customers: MIN_COHORT_CUSTOMERS - 1, revenuePerCustomer: 10000 },
        difference: null,
      },
    ]);

    await customers("holdout", 1, "100.00", 3000);
    const enough = await loadCohorts(SHOP);
    expect(enough.cohorts[0]?.holdout.customers).toBe(MIN_COHORT_CUSTOMERS);
    expect(enough.cohorts[0]?.difference).toBeCloseTo(0.1, 10);
  });
});
