import { describe, expect, it } from "vitest";
import type { ProductPairStat } from "../../app/analytics/pairs";
import {
  anchorFirst,
  offeredPairs,
  pairKey,
  pairRows,
  type PairProduct,
} from "../../app/analytics/pair-suggestions";

/** A → B as mining stores it: `withA` orders hold A, `withB` hold B, 40 hold both. */
const stat = (a: string, b: string, withA = 100, withB = 100): ProductPairStat => ({
  productA: a,
  productB: b,
  ordersWithA: withA,
  ordersWithB: withB,
  ordersWithBoth: 40,
  support: 0.1,
  confidence: 40 / withA,
  lift: 2,
});
/** Both directions of a pair, the way mining keeps them. */
const both = (a: string, b: string, withA: number, withB: number) => [
  stat(a, b, withA, withB),
  stat(b, a, withB, withA),
];
const product = (title: string, unitPrice: number): PairProduct => ({
  title,
  variantId: `${title}-variant`,
  variantTitle: null,
  unitPrice,
});
const P = (n: string) => `gid://shopify/Product/${n}`;

const products = new Map([
  ["1", product("Standard wash", 2000)],
  ["2", product("Premium wash", 3500)],
  ["3", product("Phone", 79900)],
  ["4", product("Phone case", 2500)],
  ["5", product("Tire shine", 800)],
  ["6", product("Lens kit", 25000)],
  ["7", product("Pro lens", 140000)],
]);

describe("frequently bought together rows", () => {
  it("offers the add-on to buyers of the staple it is bought with", () => {
    // Most tire shine orders hold a wash; most wash orders don't hold tire shine. Either
    // direction may come first from mining.
    const rows = pairRows(
      [...both("5", "1", 60, 900), ...both("4", "3", 50, 300)],
      products,
      new Map(),
      1.5,
    );
    expect(rows.map((r) => [r.titleA, r.titleB])).toEqual([
      ["Standard wash", "Tire shine"],
      ["Phone", "Phone case"],
    ]);
    expect(rows[0]).toMatchObject({
      productA: "1",
      productB: "5",
      ordersWithA: 900,
      confidence: 40 / 900,
      suggest: true,
      note: null,
    });
  });

  it("never offers a cheaper tier of the same product, however often the premium one sells", () => {
    // Premium washes sell more here, yet the standard one anchors: the suggestion is the step up.
    const rows = pairRows(both("2", "1", 900, 300), products, new Map(), 1.5);
    expect(rows.map((r) => [r.titleA, r.titleB])).toEqual([["Standard wash", "Premium wash"]]);
    expect(rows[0]?.note).toContain("costs more than 1.5× Standard wash");
    expect(anchorFirst(stat("2", "1", 900, 300), stat("1", "2", 300, 900), products)).toBe(false);
  });

  it("says when the add-on is over the price guardrail, not hides it", () => {
    const rows = pairRows(both("7", "6", 20, 200), products, new Map(), 1.5);
    expect(rows.map((r) => [r.titleA, r.titleB])).toEqual([["Lens kit", "Pro lens"]]);
    expect(rows[0]).toMatchObject({ suggest: true });
    expect(rows[0]?.note).toContain("costs more than 1.5× Lens kit");
  });

  it("marks pairs an offer already links, either way round, and offers no draft for them", () => {
    const linked = offeredPairs([
      {
        key: "case-with-phone",
        title: "Case with a phone",
        body: {
          kind: "cross-sell",
          trigger: { productIds: [P("3")] },
          item: { productId: P("4"), variantId: "v", title: "Phone case", price: "25.00" },
        },
      },
      {
        key: "wash-duo",
        title: "Wash duo",
        body: { kind: "bundle", items: [{ productId: P("1") }, { productId: P("2") }] },
      },
    ]);
    expect([...linked.keys()].sort()).toEqual([pairKey("1", "2"), pairKey("3", "4")].sort());
    const rows = pairRows([stat("4", "3"), stat("1", "2")], products, linked, 1.5);
    expect(rows.map((r) => [r.offer?.key, r.suggest])).toEqual([
      ["case-with-phone", false],
      ["wash-duo", false],
    ]);
  });

  it("keeps the stronger direction when both products sell as often", () => {
    const rows = pairRows(
      [
        { ...stat("8", "9"), confidence: 0.2 },
        { ...stat("9", "8"), confidence: 0.7 },
      ],
      new Map([["8", product("Dark bar", 500)]]),
      new Map(),
      1.5,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ productA: "9", productB: "8", suggest: true });
    const unknown = pairRows([stat("8", "9")], new Map(), new Map(), 1.5);
    expect(unknown[0]).toMatchObject({ suggest: false });
    expect(unknown[0]?.note).toContain("can't draft it");
  });
});
