import { describe, expect, it } from "vitest";
import type { ProductPairStat } from "../../app/analytics/pairs";
import {
  offeredPairs,
  pairKey,
  pairRows,
  type PairProduct,
} from "../../app/analytics/pair-suggestions";

const stat = (a: string, b: string, confidence: number): ProductPairStat => ({
  productA: a,
  productB: b,
  ordersWithA: 100,
  ordersWithB: 80,
  ordersWithBoth: 40,
  support: 0.1,
  confidence,
  lift: 2,
});
const product = (title: string, unitPrice: number): PairProduct => ({
  title,
  variantId: `${title}-variant`,
  variantTitle: null,
  unitPrice,
});
const P = (n: string) => `gid://shopify/Product/${n}`;

const products = new Map([
  ["1", product("Standard wash", 2000)],
  ["2", product("Premium wash", 2800)],
  ["3", product("Phone", 79900)],
  ["4", product("Phone case", 2500)],
]);

describe("frequently bought together rows", () => {
  it("lists each pair once, from the cheaper product to the dearer one (never a downgrade)", () => {
    // Mining keeps both directions; the premium → standard one ranks first here.
    const rows = pairRows(
      [stat("2", "1", 0.5), stat("1", "2", 0.4), stat("3", "4", 0.6), stat("4", "3", 0.9)],
      products,
      new Map(),
      1.5,
    );
    expect(rows.map((r) => [r.titleA, r.titleB])).toEqual([
      ["Standard wash", "Premium wash"],
      ["Phone case", "Phone"],
    ]);
    expect(rows[0]).toMatchObject({ productA: "1", productB: "2", confidence: 0.4, suggest: true });
    expect(rows[0]?.note).toBeNull();
    // A phone for every case buyer is far over the guardrail: said, not hidden.
    expect(rows[1]?.note).toContain("costs more than 1.5× Phone case");
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
    const rows = pairRows([stat("4", "3", 0.9), stat("1", "2", 0.4)], products, linked, 1.5);
    expect(rows.map((r) => [r.offer?.key, r.suggest])).toEqual([
      ["case-with-phone", false],
      ["wash-duo", false],
    ]);
  });

  it("keeps the stronger direction when prices are equal or unknown", () => {
    const rows = pairRows(
      [stat("8", "9", 0.2), stat("9", "8", 0.7)],
      new Map([["8", product("Dark bar", 500)]]),
      new Map(),
      1.5,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ productA: "9", productB: "8", suggest: true });
    const unknown = pairRows([stat("8", "9", 0.9)], new Map(), new Map(), 1.5);
    expect(unknown[0]).toMatchObject({ suggest: false });
    expect(unknown[0]?.note).toContain("can't draft it");
  });
});
