import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../app/config";
import {
  compile,
  earnedDiscounts,
  earnedTotals,
  loadForFunction,
  offerIdOf,
  parseMoney,
  pickVariant,
  type CheckoutInput,
  type Offer,
  type OfferConfig,
  type OfferVariant,
} from "../../app/engine";
import { CATALOG, checkoutArb, configArb } from "./arbitraries";
import { checkout, config, item, line, offers, run } from "./builders";

/** DESIGN §3.1 "Variants": A/B copies of an offer. */

const KEYS = Array.from({ length: 20_000 }, (_, i) => `visitor-${i}`);

const abCrossSell = (variants: OfferVariant[], extra: Partial<Offer> = {}) =>
  offers.crossSell("lens-ab", "camera", "lens", "40.00", {
    message: "Add {item.title}",
    discountPercent: 10,
    variants,
    ...extra,
  } as Partial<Offer>);

const keyFor = (cfg: OfferConfig, variantId: string, lines = [line("camera", "100.00")]) => {
  const key = KEYS.find((k) =>
    run(cfg, checkout(lines, { visitorKey: k })).offers.some((o) => o.variantId === variantId),
  );
  if (!key) throw new Error(`no key sees ${variantId}`);
  return key;
};

describe("variants: what a buyer sees", () => {
  const cfg = config([
    abCrossSell([
      { id: "A" },
      {
        id: "B",
        message: "Sharper shots with {item.title}",
        why: "Photographers pick it.",
        item: item("zoom", "60.00"),
      },
    ]),
  ]);

  it("a shown offer carries the copy's id; copy A keeps the offer's texts and item", () => {
    const ev = run(cfg, checkout([line("camera", "100.00")], { visitorKey: keyFor(cfg, "A") }));
    expect(ev.offers).toEqual([
      expect.objectContaining({
        offerId: "lens-ab",
        variantId: "A",
        headline: "Add lens",
        why: "Goes well with camera.",
        action: { type: "add-line", variantId: "v-lens", quantity: 1 },
        price: "36.00",
      }),
    ]);
  });

  it("copy B's message, why and item replace the offer's", () => {
    const ev = run(cfg, checkout([line("camera", "100.00")], { visitorKey: keyFor(cfg, "B") }));
    expect(ev.offers).toEqual([
      expect.objectContaining({
        offerId: "lens-ab",
        variantId: "B",
        headline: "Sharper shots with zoom",
        why: "Photographers pick it.",
        action: { type: "add-line", variantId: "v-zoom", quantity: 1 },
        price: "54.00",
        savings: "6.00",
      }),
    ]);
  });

  it("an offer without variants shows no variantId", () => {
    const ev = run(
      config([offers.crossSell("lens", "camera", "lens", "40.00")]),
      checkout([line("camera", "100.00")]),
    );
    expect(ev.offers).toHaveLength(1);
    expect(ev.offers[0]).not.toHaveProperty("variantId");
  });

  it.each([
    ["upgrade", offers.upgrade("up", "camera", "camera-pro", "120.00")],
    [
      "bundle",
      offers.bundle(
        "kit",
        [
          ["camera", "100.00"],
          ["bag", "30.00"],
        ],
        10,
      ),
    ],
    ["volume", offers.volume("bulk", "camera", [[2, 5]])],
    ["gift", offers.gift("gift", "50.00", "strap", "5.00")],
  ])("a %s's variants change its copy, not its action", (_kind, offer) => {
    const variants: OfferVariant[] = [
      { id: "plain" },
      { id: "bold", message: "Treat yourself", why: "Because you can." },
    ];
    const cfg2 = config([{ ...offer, variants } as Offer]);
    const lines = [line("camera", "100.00")];
    const seen = new Map<string, { headline: string; action: unknown }>();
    for (const key of KEYS.slice(0, 200)) {
      const shown = run(cfg2, checkout(lines, { visitorKey: key })).offers[0];
      if (shown?.variantId) seen.set(shown.variantId, shown);
    }
    expect([...seen.keys()].sort()).toEqual(["bold", "plain"]);
    expect(seen.get("bold")?.headline).toBe("Treat yourself");
    expect(seen.get("plain")?.headline).not.toBe("Treat yourself");
    expect(seen.get("bold")?.action).toEqual(seen.get("plain")?.action);
  });

  it("the copy's item decides already-in-cart: a buyer of copy B with the lens still sees the zoom", () => {
    const lines = [line("camera", "100.00"), line("lens", "40.00")];
    const evB = run(cfg, checkout(lines, { visitorKey: keyFor(cfg, "B") }));
    expect(evB.offers.map((o) => o.action.variantId)).toEqual(["v-zoom"]);
    const evA = run(cfg, checkout(lines, { visitorKey: keyFor(cfg, "A") }));
    expect(evA.suppressed).toEqual([{ offerId: "lens-ab", reason: "already-in-cart" }]);
  });

  it("a copy's item is held to the price ratio like the offer's own", () => {
    const priceyB = config(
      [abCrossSell([{ id: "A" }, { id: "B", item: item("tele", "500.00") }])],
      { maxPriceRatio: 1.5 },
    );
    const evB = run(
      priceyB,
      checkout([line("camera", "100.00")], { visitorKey: keyFor(cfg, "B") }),
    );
    expect(evB.suppressed).toEqual([{ offerId: "lens-ab", reason: "price-ratio" }]);
  });
});

describe("variants: discounts never depend on the copy", () => {
  const cfg = config([
    abCrossSell([{ id: "A" }, { id: "B", item: item("zoom", "60.00") }, { id: "C" }]),
  ]);

  it.each([
    ["the offer's item", "lens", "40.00", "4.00"],
    ["copy B's item", "zoom", "60.00", "6.00"],
  ])(
    "%s is discounted while the trigger is in the cart, whoever looks",
    (_what, name, price, off) => {
      for (const variant of ["A", "B", "C"]) {
        const added = line(name, price);
        const input = checkout([line("camera", "100.00"), added], {
          visitorKey: keyFor(cfg, variant),
        });
        expect(run(cfg, input).discounts).toEqual([
          {
            offerId: "lens-ab",
            target: "lines",
            lines: [{ lineId: added.id, amount: off }],
            amount: off,
            percent: 10,
          },
        ]);
      }
    },
  );

  it("both items in the cart are both discounted, and the function form agrees", () => {
    const lens = line("lens", "40.00");
    const zoom = line("zoom", "60.00");
    const input = checkout([line("camera", "100.00"), zoom, lens]);
    const expected = [
      {
        offerId: "lens-ab",
        target: "lines",
        lines: [
          { lineId: zoom.id, amount: "6.00" },
          { lineId: lens.id, amount: "4.00" },
        ],
        amount: "10.00",
        percent: 10,
      },
    ];
    expect(run(cfg, input).discounts).toEqual(expected);
    const fn = loadForFunction(JSON.parse(JSON.stringify(compile(cfg, { form: "function" }))));
    if (!fn) throw new Error("function form did not load");
    expect(earnedDiscounts(fn, input)).toEqual(expected);
  });

  it("without the trigger no copy's item is discounted", () => {
    const input = checkout([line("zoom", "60.00"), line("lens", "40.00")]);
    expect(run(cfg, input).discounts).toEqual([]);
  });
});

describe("variants: assignment", () => {
  it("is stable for the same visitor key and offer, on every call", () => {
    const variants = [
      { id: "A", weight: 1 },
      { id: "B", weight: 2 },
    ];
    for (const key of KEYS.slice(0, 500)) {
      expect(pickVariant(variants, "offer-1", key)).toBe(pickVariant(variants, "offer-1", key));
    }
  });

  it("follows the weights over many keys (3:1 → 75 % / 25 %)", () => {
    const variants = [
      { id: "A", weight: 3 },
      { id: "B", weight: 1 },
    ];
    const a = KEYS.filter((k) => pickVariant(variants, "offer-1", k)?.id === "A").length;
    expect(Math.abs(a / KEYS.length - 0.75)).toBeLessThan(0.01);
  });

  it("is independent across offers: a buyer's copy of one offer says nothing of another", () => {
    const variants = [
      { id: "A", weight: 1 },
      { id: "B", weight: 1 },
    ];
    const both = KEYS.filter(
      (k) =>
        pickVariant(variants, "offer-1", k)?.id === "A" &&
        pickVariant(variants, "offer-2", k)?.id === "A",
    ).length;
    expect(Math.abs(both / KEYS.length - 0.25)).toBeLessThan(0.01);
  });

  it("keeps known assignments (the hash must never change under merchants' running tests)", () => {
    const variants = [
      { id: "A", weight: 1 },
      { id: "B", weight: 1 },
    ];
    const ids = ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"].map(
      (k) => pickVariant(variants, "offer-1", k)?.id,
    );
    expect(ids.join("")).toBe("BAABAABA");
  });

  it("offerIdOf reads both attribute forms", () => {
    expect(offerIdOf("lens-ab#B")).toBe("lens-ab");
    expect(offerIdOf("lens-ab")).toBe("lens-ab");
  });
});

// --- properties --------------------------------------------------------------------------------

const variantIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
const catalogItem = fc.constantFrom(...CATALOG).map((c) => ({
  variantId: c.variantId,
  productId: c.productId,
  title: c.title,
  price: "12.00",
}));
const copiesArb = fc.uniqueArray(variantIdArb, { minLength: 2, maxLength: 4 }).chain((ids) =>
  fc.tuple(
    ...ids.map((id) =>
      fc.record(
        {
          id: fc.constant(id),
          weight: fc.integer({ min: 1, max: 5 }),
          message: fc.constantFrom("Try {item.title}", "Only {price}"),
          item: catalogItem,
        },
        { requiredKeys: ["id"] },
      ),
    ),
  ),
);

/** configArb's offers, some of them A/B tests (items only on cross-sells). */
const abConfigArb: fc.Arbitrary<OfferConfig> = fc
  .tuple(configArb, fc.array(fc.option(copiesArb, { nil: undefined }), { maxLength: 12 }))
  .map(([cfg, copies]) => ({
    ...cfg,
    offers: cfg.offers.map((offer, i) => {
      const variants = copies[i];
      if (!variants || offer.kind === "free-shipping") return offer;
      return {
        ...offer,
        variants: variants.map(({ item: own, ...v }) =>
          offer.kind === "cross-sell" && own ? { ...v, item: own } : v,
        ),
      } as Offer;
    }),
  }));

const RUNS = { numRuns: 300 };

describe("variants: invariants (fast-check)", () => {
  it("the generated A/B configs are valid", () => {
    fc.assert(
      fc.property(abConfigArb, (cfg) => {
        const result = validateConfig(cfg);
        expect(result.ok ? [] : result.problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("a shown offer carries a variantId exactly when it has copies, one of its own, stable", () => {
    fc.assert(
      fc.property(abConfigArb, checkoutArb, (cfg, input) => {
        const ev = run(cfg, input);
        expect(run(cfg, input)).toEqual(ev);
        for (const shown of ev.offers) {
          const offer = cfg.offers.find((o) => o.id === shown.offerId);
          const ids = offer?.variants?.map((v) => v.id);
          if (ids) expect(ids).toContain(shown.variantId);
          else expect(shown).not.toHaveProperty("variantId");
        }
      }),
      RUNS,
    );
  });

  it("discounts are the same whatever copy (visitor key) and equal the function's", () => {
    fc.assert(
      fc.property(abConfigArb, checkoutArb, fc.string({ maxLength: 10 }), (cfg, input, other) => {
        const discounts = run(cfg, input).discounts;
        const elsewhere: CheckoutInput = { ...input, visitorKey: other || "x" };
        expect(run(cfg, elsewhere).discounts).toEqual(discounts);
        const fn = loadForFunction(JSON.parse(JSON.stringify(compile(cfg, { form: "function" }))));
        if (!fn) throw new Error("function form did not load");
        // Per line, what the function charges equals what checkout promised. (Which of two
        // offers taking as much off one line gets the credit is rule 14's tie-break, which reads
        // priorities the function form does not carry: reported, not a matter of copies.)
        const perLine = new Map<string, number>();
        for (const d of discounts) {
          if (d.target !== "lines") continue;
          for (const l of d.lines) {
            perLine.set(l.lineId, (perLine.get(l.lineId) ?? 0) + (parseMoney(l.amount, 2) ?? NaN));
          }
        }
        const charged = earnedTotals(fn, input);
        expect(new Map(charged.lines.map((l) => [l.lineId, l.amount]))).toEqual(perLine);
        expect(charged.freeShipping).toBe(discounts.some((d) => d.target === "shipping"));
      }),
      RUNS,
    );
  });

  it("every offer is accounted for (rule 12), with copies", () => {
    fc.assert(
      fc.property(abConfigArb, checkoutArb, (cfg, input) => {
        const ev = run(cfg, input);
        const visible = new Set([
          ...ev.offers.map((o) => o.offerId),
          ...ev.progress.map((p) => p.offerId),
        ]);
        const suppressed = new Set(ev.suppressed.map((s) => s.offerId));
        for (const offer of cfg.offers) {
          expect(visible.has(offer.id) !== suppressed.has(offer.id), offer.id).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("assignment is proportional to the weights over many keys (±1.5 points)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 2, maxLength: 4 }),
        fc.stringMatching(/^[a-z0-9-]{1,12}$/),
        (weights, offerId) => {
          const variants = weights.map((weight, i) => ({ id: `v${i}`, weight }));
          const total = weights.reduce((a, b) => a + b, 0);
          const counts = new Map<string, number>();
          for (const key of KEYS) {
            const v = pickVariant(variants, offerId, key);
            if (v) counts.set(v.id, (counts.get(v.id) ?? 0) + 1);
          }
          variants.forEach((v) => {
            const share = (counts.get(v.id) ?? 0) / KEYS.length;
            expect(Math.abs(share - v.weight / total)).toBeLessThan(0.015);
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
