import { describe, expect, it } from "vitest";
import type { Offer, OfferConfig } from "../../app/engine";
import { findOverlaps } from "../../app/offers/overlaps";

const P = (n: number) => `gid://shopify/Product/${n}`;
const V = (n: number) => `gid://shopify/ProductVariant/${n}`;
const item = (n: number, price: string) => ({
  variantId: V(n),
  productId: P(n),
  title: `Item ${n}`,
  price,
});
const config = (offers: Offer[]): OfferConfig => ({ version: 1, currency: "USD", offers });

describe("findOverlaps", () => {
  it("two quantity breaks on the same product: the engine's best per line applies", () => {
    const found = findOverlaps(
      config([
        {
          id: "small",
          kind: "volume",
          title: "Small break",
          status: "active",
          trigger: { productIds: [P(1)] },
          tiers: [{ minQuantity: 2, discountPercent: 5 }],
        },
        {
          id: "big",
          kind: "volume",
          title: "Big break",
          status: "active",
          trigger: { productIds: [P(1), P(2)] },
          tiers: [{ minQuantity: 3, discountPercent: 15 }],
        },
      ]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "volume", winner: "big", shared: "the same product" });
    expect(found[0]?.offers.map((o) => o.id)).toEqual(["big", "small"]);
    expect(found[0]?.outcome).toMatch(/“Big break” only/);
  });

  it("two cross-sells of the same item: the larger discount applies, never both", () => {
    const found = findOverlaps(
      config([
        {
          id: "a",
          kind: "cross-sell",
          title: "Wax 10%",
          status: "active",
          trigger: { productIds: [P(1)] },
          item: item(3, "15.00"),
          discountPercent: 10,
        },
        {
          id: "b",
          kind: "cross-sell",
          title: "Wax 20%",
          status: "active",
          trigger: { tags: ["car"] },
          item: item(3, "15.00"),
          discountPercent: 20,
        },
      ]),
    );
    expect(found).toMatchObject([{ kind: "cross-sell", winner: "b" }]);
    expect(found[0]?.outcome).toContain("$3.00 off Item 3");
  });

  it("free shipping for shared countries and upgrades from the same product; drafts don't count", () => {
    const found = findOverlaps(
      config([
        {
          id: "s1",
          kind: "free-shipping",
          title: "US $50",
          status: "active",
          threshold: "50.00",
          countries: ["US", "CA"],
        },
        { id: "s2", kind: "free-shipping", title: "All $40", status: "active", threshold: "40.00" },
        {
          id: "s3",
          kind: "free-shipping",
          title: "DE",
          status: "active",
          threshold: "30.00",
          countries: ["DE"],
        },
        {
          id: "u1",
          kind: "upgrade",
          title: "Up 1",
          status: "active",
          trigger: { variantIds: [V(1)] },
          to: item(2, "30.00"),
        },
        {
          id: "u2",
          kind: "upgrade",
          title: "Up 2",
          status: "active",
          priority: 5,
          trigger: { variantIds: [V(1)] },
          to: item(4, "30.00"),
        },
        {
          id: "u3",
          kind: "upgrade",
          title: "Up 3",
          status: "draft",
          trigger: { variantIds: [V(1)] },
          to: item(5, "30.00"),
        },
      ]),
    );
    const summary = found.map((o) => [o.kind, o.offers.map((x) => x.id).join("+"), o.winner]);
    expect(summary).toEqual([
      ["free-shipping", "s2+s1", "s2"],
      ["free-shipping", "s3+s2", "s3"],
      ["upgrade", "u2+u1", "u2"],
    ]);
    expect(found[0]?.shared).toBe("US, CA");
  });

  it("offers on different products do not overlap", () => {
    const found = findOverlaps(
      config([
        {
          id: "a",
          kind: "volume",
          title: "A",
          status: "active",
          trigger: { productIds: [P(1)] },
          tiers: [{ minQuantity: 2, discountPercent: 5 }],
        },
        {
          id: "b",
          kind: "volume",
          title: "B",
          status: "active",
          trigger: { productIds: [P(2)] },
          tiers: [{ minQuantity: 2, discountPercent: 5 }],
        },
      ]),
    );
    expect(found).toEqual([]);
  });
});
