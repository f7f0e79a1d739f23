import { describe, expect, it } from "vitest";
import {
  contribution,
  deriveFacts,
  parseOfferId,
  parseShown,
  type OrderLine,
} from "../../app/analytics/order-facts";

/** `offerId#variantId` in attributes → per-offer and per-copy rollup rows (DESIGN §3.5). */

const line = (id: string, value: number, offerId: string | null): OrderLine => ({
  id,
  productId: `p-${id}`,
  variantId: `v-${id}`,
  title: id,
  variantTitle: null,
  quantity: 1,
  unitPrice: value,
  value,
  offerId,
  snapshotRefunded: 0,
});

describe("variant attribution", () => {
  it("reads offer references with and without a copy", () => {
    expect(parseOfferId("lens#B")).toBe("lens#B");
    expect(parseOfferId("lens")).toBe("lens");
    expect(parseOfferId("lens#")).toBeNull();
    expect(parseOfferId("lens#B#C")).toBeNull();
    expect(parseShown("lens#B,wax,lens#B,bad id")).toEqual(["lens#B", "wax"]);
  });

  it("an order counts once for its offer and once for the copy, revenue net of refunds", () => {
    const lines = [line("a", 4000, "lens#B"), line("b", 2000, null), line("c", 1000, "wax")];
    const facts = deriveFacts(
      lines,
      [{ lines: [{ lineId: "a", amount: 500 }] }],
      ["lens#B", "wax"],
    );
    expect(facts.offerRevenue).toEqual({ "lens#B": 3500, wax: 1000 });
    const rows = contribution({
      day: "2026-11-22",
      group: "treatment",
      cancelled: false,
      ...facts,
    });
    const pick = (offerId: string) => {
      const row = rows.find((r) => r.offerId === offerId);
      return (
        row && { orders: row.orders, impressions: row.impressions, attributed: row.attributed }
      );
    };
    expect(rows.map((r) => r.offerId)).toEqual(["", "lens", "lens#B", "wax"]);
    expect(pick("lens")).toEqual({ orders: 1, impressions: 1, attributed: 3500 });
    expect(pick("lens#B")).toEqual({ orders: 1, impressions: 1, attributed: 3500 });
    expect(pick("wax")).toEqual({ orders: 1, impressions: 1, attributed: 1000 });
    expect(rows[0]?.attributed).toBe(4500);
  });

  it("a copy shown but not accepted counts an impression only", () => {
    const facts = deriveFacts([line("b", 2000, null)], [], ["lens#A"]);
    const rows = contribution({ day: "d", group: "treatment", cancelled: false, ...facts });
    expect(
      rows.filter((r) => r.offerId !== "").map((r) => [r.offerId, r.orders, r.impressions]),
    ).toEqual([
      ["lens", 0, 1],
      ["lens#A", 0, 1],
    ]);
  });
});
