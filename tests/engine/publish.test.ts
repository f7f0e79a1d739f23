import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compile,
  earnedDiscounts,
  evaluate,
  formatMoney,
  load,
  loadForFunction,
  MalformedConfig,
  parseMoney,
  PUBLISHED_VERSION,
  touches,
} from "../../app/engine";
import { checkoutArb, configArb } from "./arbitraries";
import { checkout, config, line, offers } from "./builders";

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
    const offer = runtime?.offerAt(0);
    expect(offer?.kind === "cross-sell" && offer.item.variantId).toBe(
      "gid://shopify/ProductVariant/44",
    );
    expect(runtime?.byProduct("gid://shopify/Product/8123456789012")).toEqual([0]);
    expect(runtime?.byCollection("gid://shopify/Collection/5")).toEqual([0]);
    expect(runtime?.byTag("car")).toEqual([0]);
    // The offered item leads to the offer too: its line carries the discount.
    expect(runtime?.byTarget("gid://shopify/ProductVariant/44")).toEqual([0]);
    expect(runtime?.byVariant("gid://shopify/ProductVariant/44")).toBeUndefined();
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
    expect([runtime?.offerAt(0).message, runtime?.offerAt(1).message]).toEqual([message, message]);
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

  it("carries the offered items' images once each, and loads them by full variant id", () => {
    const cfg = config([
      offers.crossSell("a", "phone", "case", "5.00"),
      offers.crossSell("b", "tablet", "case", "5.00"),
      offers.bundle(
        "set",
        [
          ["brush", "4.00"],
          ["paste", "3.00"],
        ],
        10,
      ),
    ]);
    const images = new Map([
      ["v-case", "https://cdn.example/case.png"],
      ["v-brush", "https://cdn.example/brush.png"],
      // The trigger's variant is no offered item: its image stays out.
      ["v-phone", "https://cdn.example/phone.png"],
    ]);
    const published = compile(cfg, { images });
    expect(published.im).toEqual([
      ["v-case", "https://cdn.example/case.png"],
      ["v-brush", "https://cdn.example/brush.png"],
    ]);
    const runtime = load(JSON.parse(JSON.stringify(published)));
    expect(runtime?.images?.get("v-case")).toBe("https://cdn.example/case.png");
    expect(runtime?.images?.get("v-paste")).toBeUndefined();
    expect(runtime?.images?.get("v-phone")).toBeUndefined();
  });

  it("loads configs without images, and none with a malformed image list", () => {
    const cfg = config([offers.crossSell("a", "phone", "case", "5.00")]);
    const plain = compile(cfg);
    expect(plain.im).toBeUndefined();
    expect(compile(cfg, { images: new Map() }).im).toBeUndefined();
    const runtime = load(plain);
    expect(runtime?.size).toBe(1);
    expect(runtime?.images).toBeUndefined();
    expect(load({ ...plain, im: "case.png" })).toBeNull();
    expect(load({ ...plain, im: [["v-case", 7]] })).toBeNull();
  });

  it("cuts an image's numeric variant GID like the item's", () => {
    const gid = "gid://shopify/ProductVariant/44";
    const cfg = config([
      {
        ...offers.crossSell("w", "car", "wax", "9.00"),
        item: {
          variantId: gid,
          productId: "gid://shopify/Product/45",
          title: "Wax",
          price: "9.00",
        },
      } as never,
    ]);
    const published = compile(cfg, { images: new Map([[gid, "https://cdn.example/wax.png"]]) });
    expect(published.im).toEqual([[44, "https://cdn.example/wax.png"]]);
    expect(load(published)?.images?.get(gid)).toBe("https://cdn.example/wax.png");
  });

  it("keeps images out of the function form", () => {
    const cfg = config([offers.crossSell("a", "phone", "case", "5.00", { discountPercent: 10 })]);
    const images = new Map([["v-case", "https://cdn.example/case.png"]]);
    expect(JSON.stringify(compile(cfg, { form: "function", images }))).not.toContain("case.png");
  });

  it("leaves the function form to the function's loader, and the reverse", () => {
    const cfg = config([offers.volume("v", "a", [[2, 10]])]);
    expect(load(compile(cfg, { form: "function" }))).toBeNull();
    expect(loadForFunction(compile(cfg))).toBeNull();
    expect(loadForFunction(compile(cfg, { form: "function" }))?.size).toBe(1);
  });

  it("leaves out of the function form what can never earn a discount", () => {
    const cfg = config([
      offers.crossSell("plain", "a", "b", "1.00"),
      offers.crossSell("discounted", "a", "c", "1.00", { discountPercent: 5 } as never),
      offers.upgrade("draft", "a", "d", "1.00", { discountPercent: 5, status: "draft" } as never),
    ]);
    expect(compile(cfg, { form: "function" }).o).toEqual(["x|discounted||||~v-c|5"]);
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

describe("the discount function's form", () => {
  it("keeps every amount the function applies, drops the texts", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (cfg, input) => {
        const full = load(compile(cfg));
        const lean = loadForFunction(compile(cfg, { form: "function" }));
        if (!full || !lean) throw new Error("did not load");
        expect(earnedDiscounts(lean, input)).toEqual(evaluate(full, input).discounts);
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
        { form: "function" },
      ),
    );
    expect(lean).not.toMatch(/Hello|Because|"b"/);
  });
});

describe("the function form's index", () => {
  const cfg = config([
    offers.crossSell("wax", "wash", "waxing", "15.00", { discountPercent: 20 } as never),
    offers.volume("bars", "dark", [[3, 10]], {
      trigger: { collectionIds: ["gid://shopify/Collection/9"] },
    }),
    offers.freeShipping("ship", "50.00"),
    offers.gift("gift", "30.00", "sauce", "9.00"),
  ]);

  it("is precomputed with full ids, triggers resolved to variants", () => {
    const published = compile(cfg, {
      form: "function",
      resolve: {
        product: (id) => (id === "p-wash" ? ["v-wash", "v-wash-xl"] : undefined),
        collection: (id) =>
          id === "gid://shopify/Collection/9" ? ["v-dark", "v-milk"] : undefined,
      },
    });
    expect(published.ix).toEqual({
      v: { "v-wash": 0, "v-wash-xl": 0, "v-dark": 1, "v-milk": 1 },
      t: { "v-waxing": 0, "v-sauce": 3 },
      e: [2],
    });
    expect(published.o).toEqual([
      "x|wax||||~v-waxing|20",
      "v|bars||||3|10",
      "f|ship||||5000|",
      "g|gift||||~v-sauce|3000",
    ]);
  });

  it("packs ids with separators, GID tails, schedules and segments so they read back", () => {
    const packed = compile(
      config([
        {
          id: "odd|id%",
          kind: "upgrade",
          title: "U",
          status: "active",
          startsAt: "2026-11-27",
          endsAt: "2026-12-01",
          segments: ["returning", "premium"],
          trigger: { variantIds: ["gid://shopify/ProductVariant/5"] },
          to: {
            variantId: "gid://shopify/ProductVariant/77",
            productId: "p",
            title: "T",
            price: "9.00",
          },
          discountPercent: 12.5,
        },
      ]),
      { form: "function" },
    );
    expect(packed.o[0]).toBe("u|odd%7Cid%25|1795737600000|1796083200000|rp|77|12.5");
    const offer = loadForFunction(packed)?.offerAt(0);
    expect(offer).toMatchObject({
      id: "odd|id%",
      kind: "upgrade",
      startsAt: Date.UTC(2026, 10, 27),
      endsAt: Date.UTC(2026, 11, 1),
      segments: ["returning", "premium"],
      to: { variantId: "gid://shopify/ProductVariant/77" },
      percentShown: 12.5,
    });
  });

  it("keeps what the resolver does not know as product, collection or tag keys", () => {
    const published = compile(cfg, { form: "function" });
    expect(published.ix?.p).toEqual({ "p-wash": 0 });
    expect(published.ix?.c).toEqual({ "gid://shopify/Collection/9": 1 });
  });

  it("decodes only the offers a cart touches", () => {
    const runtime = loadForFunction(compile(cfg, { form: "function" }));
    if (!runtime) throw new Error("did not load");
    const decoded: number[] = [];
    const spy = { ...runtime, offerAt: (i: number) => (decoded.push(i), runtime.offerAt(i)) };
    earnedDiscounts(spy, checkout([line("wash", "20.00"), line("waxing", "15.00")]));
    expect([...new Set(decoded)].sort()).toEqual([0, 2]);
  });

  it("reads a malformed offer as an error only when it is reached", () => {
    const published = compile(cfg, { form: "function" });
    const broken = {
      ...published,
      o: published.o.map((o, i) => (i === 1 ? "v|bars||||three|x" : o)),
    };
    const runtime = loadForFunction(broken);
    if (!runtime) throw new Error("the frame is fine");
    expect(() => earnedDiscounts(runtime, checkout([line("wash", "20.00")]))).not.toThrow();
    expect(() => runtime.offerAt(1)).toThrow(MalformedConfig);
  });

  it("gives the same discounts for the touched lines plus the subtotal as for the whole cart", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (c, input) => {
        const runtime = loadForFunction(compile(c, { form: "function" }));
        if (!runtime) throw new Error("did not load");
        const subtotal = input.lines.reduce(
          (sum, l) => sum + (parseMoney(l.unitPrice, 2) ?? 0) * l.quantity,
          0,
        );
        const partial = {
          ...input,
          lines: input.lines.filter((l) => touches(runtime, l)),
          subtotal: formatMoney(subtotal, 2),
        };
        expect(earnedDiscounts(runtime, partial)).toEqual(earnedDiscounts(runtime, input));
      }),
      { numRuns: 300 },
    );
  });
});
