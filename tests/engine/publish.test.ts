import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate, load, PUBLISHED_VERSION } from "../../app/engine";
import { checkoutArb, configArb } from "./arbitraries";
import { config, offers } from "./builders";

describe("compile → load (the published form checkout reads)", () => {
  it("cuts Shopify GIDs to numbers and restores them", () => {
    const cfg = config([
      {
        id: "wax",
        kind: "cross-sell",
        title: "Wax",
        status: "active",
        trigger: {
          productIds: ["gid://shopify/Product/8123456789012"],
          collectionIds: ["gid://shopify/Collection/5"],
          tags: ["Car"],
        },
        item: {
          variantId: "gid://shopify/ProductVariant/44",
          productId: "gid://shopify/Product/45",
          title: "Waxing",
          price: "15.00",
        },
      },
    ]);
    const published = compile(cfg);
    expect(published.o[0]?.t).toEqual({ p: [8123456789012], c: [5], g: ["car"] });
    expect(published.o[0]?.it).toEqual([44, "Waxing", 1500]);
    const runtime = load(published);
    const offer = runtime?.offers[0];
    expect(offer?.kind === "cross-sell" && offer.item.variantId).toBe(
      "gid://shopify/ProductVariant/44",
    );
    expect(offer?.kind === "cross-sell" && offer.trigger.productIds).toEqual([
      "gid://shopify/Product/8123456789012",
    ]);
  });

  it("stores a text several offers share once", () => {
    const message = "Treat yourself to {item.title}";
    const published = compile(
      config([
        offers.crossSell("a", "x", "gift-box", "5.00", { message } as never),
        offers.crossSell("b", "y", "gift-box", "5.00", { message } as never),
      ]),
    );
    expect(published.x).toEqual([message, "gift-box"]);
    expect(published.o.map((o) => [o.m, o.it?.[1]])).toEqual([
      [0, 1],
      [0, 1],
    ]);
    const runtime = load(published);
    expect(runtime?.offers.map((o) => o.message)).toEqual([message, message]);
  });

  it("keeps ids that are not numeric GIDs as they are", () => {
    const published = compile(config([offers.crossSell("x", "a", "b", "1.00")]));
    expect(published.o[0]?.t?.p).toEqual(["p-a"]);
  });

  it("drops drafts when publishing, keeps them for previews", () => {
    const cfg = config([
      offers.crossSell("x", "a", "b", "1.00"),
      offers.crossSell("y", "a", "c", "1.00", { status: "draft" }),
    ]);
    expect(compile(cfg).o.map((o) => o.i)).toEqual(["x", "y"]);
    expect(compile(cfg, { activeOnly: true }).o.map((o) => o.i)).toEqual(["x"]);
  });

  it("omits default settings and keeps the others", () => {
    expect(compile({ version: 1, currency: "USD", offers: [] }).s).toBeUndefined();
    expect(
      compile({
        version: 1,
        currency: "USD",
        settings: { maxOffers: 2, holdoutPercent: 0, suppressTags: [] },
        offers: [],
      }).s,
    ).toEqual({
      hp: 0,
      st: [],
    });
  });

  it("evaluates the same through JSON as straight from the compiler", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (cfg, input) => {
        const published = compile(cfg);
        const direct = load(published);
        const viaJson = load(JSON.parse(JSON.stringify(published)));
        if (!direct || !viaJson) throw new Error("did not load");
        expect(evaluate(viaJson, input)).toEqual(evaluate(direct, input));
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ["nothing", undefined],
    ["null", null],
    ["a string", "{}"],
    ["a newer version", { v: PUBLISHED_VERSION + 1, cur: "USD", o: [] }],
    ["no offers array", { v: 1, cur: "USD" }],
    ["an unknown kind", { v: 1, cur: "USD", o: [{ i: "a", k: "z" }] }],
    [
      "a bundle with one item",
      { v: 1, cur: "USD", o: [{ i: "a", k: "b", bi: [["v", "t", 100, 1]], d: 10 }] },
    ],
    [
      "a percent over 100",
      { v: 1, cur: "USD", o: [{ i: "a", k: "x", t: {}, it: ["v", "t", 1], d: 150 }] },
    ],
    ["a negative price", { v: 1, cur: "USD", o: [{ i: "a", k: "x", t: {}, it: ["v", "t", -1] }] }],
    [
      "a dangling text reference",
      { v: 1, cur: "USD", o: [{ i: "a", k: "x", t: {}, it: ["v", 3, 100] }], x: ["only one"] },
    ],
    ["bad settings", { v: 1, cur: "USD", s: { mo: "two" }, o: [] }],
  ])("refuses %s without throwing", (_, doc) => {
    expect(load(doc)).toBeNull();
  });
});

describe("compile without copy (the discount function's form)", () => {
  it("keeps every amount the function applies, drops the texts", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (cfg, input) => {
        const full = load(compile(cfg));
        const lean = load(compile(cfg, { withoutCopy: true }));
        if (!full || !lean) throw new Error("did not load");
        expect(evaluate(lean, input).discounts).toEqual(evaluate(full, input).discounts);
      }),
      { numRuns: 100 },
    );
    const lean = JSON.stringify(
      compile(
        config([
          offers.crossSell("x", "a", "b", "1.00", {
            message: "Hello {item.title}",
            why: "Because",
          } as never),
        ]),
        { withoutCopy: true },
      ),
    );
    expect(lean).not.toMatch(/Hello|Because|"b"/);
  });
});
