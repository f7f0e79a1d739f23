import { describe, expect, it } from "vitest";
import type { CheckoutInput, OfferConfig, SuppressionReason } from "../../app/engine";
import { checkout, config, customer, line, offers, reasonOf, run, shownIds } from "./builders";

const wash = line("standard-wash", "20.00");
const upgrade = offers.upgrade("premium", "standard-wash", "premium-wash", "28.00", {
  discountPercent: 10,
});
const wax = offers.crossSell("wax", "standard-wash", "waxing", "15.00");

interface Case {
  name: string;
  config: OfferConfig;
  checkout: CheckoutInput;
  shown?: string[];
  suppressed?: Record<string, SuppressionReason>;
}

const ruleCases: Case[] = [
  {
    name: "rule 1: an offer whose trigger matches no line is not shown",
    config: config([wax]),
    checkout: checkout([line("phone", "799.00")]),
    shown: [],
    suppressed: { wax: "not-relevant" },
  },
  {
    name: "rule 1: triggers match by variant",
    config: config([{ ...wax, trigger: { variantIds: ["v-standard-wash"] } } as typeof wax]),
    checkout: checkout([wash]),
    shown: ["wax"],
  },
  {
    name: "rule 1: triggers match by collection",
    config: config([{ ...wax, trigger: { collectionIds: ["washes"] } } as typeof wax]),
    checkout: checkout([line("standard-wash", "20.00", 1, { collectionIds: ["washes"] })]),
    shown: ["wax"],
  },
  {
    name: "rule 1: tag triggers ignore case",
    config: config([{ ...wax, trigger: { tags: ["Car-Care"] } } as typeof wax]),
    checkout: checkout([line("standard-wash", "20.00", 1, { tags: ["CAR-care"] })]),
    shown: ["wax"],
  },
  {
    name: "rule 2: upgrades rank before cross-sells whatever their priority or order",
    config: config([{ ...wax, priority: 99 } as typeof wax, upgrade]),
    checkout: checkout([wash]),
    shown: ["premium", "wax"],
  },
  {
    name: "rule 2: within a kind, higher priority first, then config order",
    config: config(
      [
        offers.crossSell("a", "standard-wash", "waxing", "15.00"),
        offers.crossSell("b", "standard-wash", "tire-shine", "8.00", { priority: 5 }),
        offers.crossSell("c", "standard-wash", "air-freshener", "4.00"),
      ],
      { maxOffers: 3 },
    ),
    checkout: checkout([wash]),
    shown: ["b", "a", "c"],
  },
  {
    name: "rule 3: an add-on above maxPriceRatio × the triggering unit price is hidden",
    config: config([offers.crossSell("pro-lens", "camera", "pro-lens", "1400.00")]),
    checkout: checkout([line("camera", "600.00")]),
    shown: [],
    suppressed: { "pro-lens": "price-ratio" },
  },
  {
    name: "rule 3: exactly the ratio is allowed",
    config: config([offers.crossSell("lens", "camera", "lens-kit", "900.00")]),
    checkout: checkout([line("camera", "600.00")]),
    shown: ["lens"],
  },
  {
    name: "rule 3: the triggering line is the matching line with the highest unit price",
    config: config([
      offers.crossSell("lens", "camera", "lens-kit", "900.00", { trigger: { tags: ["camera"] } }),
    ]),
    checkout: checkout([
      line("camera", "100.00", 1, { tags: ["camera"] }),
      line("camera-body", "600.00", 1, { tags: ["camera"] }),
    ]),
    shown: ["lens"],
  },
  {
    name: "rule 4: at most maxOffers offers are shown, the rest are accounted for",
    config: config(
      [
        offers.crossSell("a", "standard-wash", "waxing", "15.00"),
        offers.crossSell("b", "standard-wash", "tire-shine", "8.00"),
        offers.crossSell("c", "standard-wash", "air-freshener", "4.00"),
      ],
      { maxOffers: 1 },
    ),
    checkout: checkout([wash]),
    shown: ["a"],
    suppressed: { b: "max-offers", c: "max-offers" },
  },
  {
    name: "rule 5: a customer with a complaint tag sees nothing, not even progress",
    config: config([upgrade, wax, offers.freeShipping("ship", "50.00")]),
    checkout: checkout([wash], { customer: customer({ tags: ["Open-Complaint"] }) }),
    shown: [],
    suppressed: {
      premium: "suppressed-customer",
      wax: "suppressed-customer",
      ship: "suppressed-customer",
    },
  },
  {
    name: "rule 6: a budget-sensitive customer sees no upsells or cross-sells, but free-shipping progress",
    config: config([upgrade, wax, offers.freeShipping("ship", "50.00")]),
    checkout: checkout([wash], { customer: customer({ tags: ["budget-sensitive"] }) }),
    shown: [],
    suppressed: { premium: "budget", wax: "budget" },
  },
  {
    name: "rule 7: an offer accepted within cooldownDays hides upsells and cross-sells",
    config: config([upgrade, wax], { cooldownDays: 14 }),
    checkout: checkout([wash], { customer: customer({ lastAcceptedAt: "2026-11-10T12:00:00Z" }) }),
    shown: [],
    suppressed: { premium: "cooldown", wax: "cooldown" },
  },
  {
    name: "rule 7: after cooldownDays the offers come back",
    config: config([wax], { cooldownDays: 14 }),
    checkout: checkout([wash], { customer: customer({ lastAcceptedAt: "2026-11-08T12:00:00Z" }) }),
    shown: ["wax"],
  },
  {
    name: "rule 7: cooldownDays 0 disables the cooldown",
    config: config([wax], { cooldownDays: 0 }),
    checkout: checkout([wash], { customer: customer({ lastAcceptedAt: "2026-11-22T11:00:00Z" }) }),
    shown: ["wax"],
  },
  {
    name: "rule 9: an offer for returning customers is hidden from a guest",
    config: config([{ ...wax, segments: ["returning"] } as typeof wax]),
    checkout: checkout([wash]),
    shown: [],
    suppressed: { wax: "segment" },
  },
  {
    name: "rule 9: frequent needs frequentMinOrders orders",
    config: config([{ ...wax, segments: ["frequent"] } as typeof wax], {
      segments: { frequentMinOrders: 5 },
    }),
    checkout: checkout([wash], { customer: customer({ ordersCount: 5 }) }),
    shown: ["wax"],
  },
  {
    name: "rule 9: premium by spend",
    config: config([{ ...wax, segments: ["premium"] } as typeof wax]),
    checkout: checkout([wash], { customer: customer({ ordersCount: 2, amountSpent: "1000.00" }) }),
    shown: ["wax"],
  },
  {
    name: "rule 9: premium by tag, any of the offer's segments matches",
    config: config([{ ...wax, segments: ["frequent", "premium"] } as typeof wax]),
    checkout: checkout([wash], { customer: customer({ ordersCount: 1, tags: ["VIP"] }) }),
    shown: ["wax"],
  },
  {
    name: "rule 10: with holdoutPercent 50, a holdout visitor sees nothing",
    config: config([wax, offers.freeShipping("ship", "50.00")], { holdoutPercent: 50 }),
    checkout: checkout([wash], { visitorKey: holdoutKey(50) }),
    shown: [],
    suppressed: { wax: "holdout", ship: "holdout" },
  },
  {
    name: "schedule: before startsAt the offer is out of schedule",
    config: config([{ ...wax, startsAt: "2026-11-27T00:00:00Z" } as typeof wax]),
    checkout: checkout([wash]),
    shown: [],
    suppressed: { wax: "out-of-schedule" },
  },
  {
    name: "schedule: endsAt is exclusive",
    config: config([{ ...wax, endsAt: NOW_ISO() } as typeof wax]),
    checkout: checkout([wash]),
    shown: [],
    suppressed: { wax: "out-of-schedule" },
  },
  {
    name: "schedule: startsAt is inclusive and a zoneless time is UTC",
    config: config([{ ...wax, startsAt: "2026-11-22T12:00:00" } as typeof wax]),
    checkout: checkout([wash]),
    shown: ["wax"],
  },
  {
    name: "draft offers are reported as draft",
    config: config([{ ...wax, status: "draft" } as typeof wax]),
    checkout: checkout([wash]),
    shown: [],
    suppressed: { wax: "draft" },
  },
  {
    name: "free shipping limited to countries: other countries are wrong-country",
    config: config([offers.freeShipping("ship", "50.00", { countries: ["CA"] } as never)]),
    checkout: checkout([wash], { countryCode: "US" }),
    suppressed: { ship: "wrong-country" },
  },
  {
    name: "reason order: draft is reported before holdout and relevance",
    config: config([{ ...wax, status: "draft" } as typeof wax], { holdoutPercent: 50 }),
    checkout: checkout([line("phone", "799.00")], { visitorKey: holdoutKey(50) }),
    suppressed: { wax: "draft" },
  },
  {
    name: "reason order: budget is reported before not-relevant",
    config: config([wax]),
    checkout: checkout([line("phone", "799.00")], {
      customer: customer({ tags: ["budget-sensitive"] }),
    }),
    suppressed: { wax: "budget" },
  },
  {
    name: "reason order: not-relevant before price-ratio and already-in-cart",
    config: config([offers.crossSell("lens", "camera", "pro-lens", "1400.00")]),
    checkout: checkout([line("pro-lens", "1400.00")]),
    suppressed: { lens: "not-relevant" },
  },
  {
    name: "reason order: already-in-cart before price-ratio",
    config: config([offers.crossSell("lens", "camera", "pro-lens", "1400.00")]),
    checkout: checkout([line("camera", "600.00"), line("pro-lens", "1400.00")]),
    suppressed: { lens: "already-in-cart" },
  },
];

function NOW_ISO() {
  return "2026-11-22T12:00:00Z";
}

/** A visitor key that the stable hash puts in the holdout group at the given share. */
function holdoutKey(percent: number): string {
  for (let i = 0; i < 1000; i += 1) {
    const key = `visitor-${i}`;
    const ev = run(config([], { holdoutPercent: percent }), checkout([], { visitorKey: key }));
    if (ev.group === "holdout") return key;
  }
  throw new Error("no holdout key found");
}

describe("product rules (DESIGN §1), table-driven", () => {
  it.each(ruleCases)("$name", (c) => {
    const ev = run(c.config, c.checkout);
    if (c.shown) expect(shownIds(ev)).toEqual(c.shown);
    for (const [offerId, reason] of Object.entries(c.suppressed ?? {})) {
      expect(reasonOf(ev, offerId), offerId).toBe(reason);
    }
    // Rule 12 on every case: each offer is shown, in progress, discounting, or suppressed.
    const accounted = new Set([
      ...ev.offers.map((o) => o.offerId),
      ...ev.progress.map((p) => p.offerId),
      ...ev.discounts.map((d) => d.offerId),
      ...ev.suppressed.map((s) => s.offerId),
    ]);
    for (const offer of c.config.offers) expect(accounted.has(offer.id), offer.id).toBe(true);
  });

  it("rule 8: every shown offer carries a reason, the merchant's or a default", () => {
    const ev = run(
      config([upgrade, { ...wax, why: "Protects the paint for {item.title}." } as typeof wax]),
      checkout([wash]),
    );
    expect(ev.offers).toHaveLength(2);
    expect(ev.offers[0]?.why).toMatch(/premium-wash.*standard-wash/);
    expect(ev.offers[1]?.why).toBe("Protects the paint for waxing.");
  });

  it("rule 10: holdout buyers still get the discounts their cart earns", () => {
    const key = holdoutKey(50);
    const ev = run(
      config([offers.volume("vol", "dark", [[3, 10]]), offers.freeShipping("ship", "10.00")], {
        holdoutPercent: 50,
      }),
      checkout([line("dark", "6.00", 3)], { visitorKey: key }),
    );
    expect(ev.group).toBe("holdout");
    expect(ev.offers).toEqual([]);
    expect(ev.progress).toEqual([]);
    expect(ev.discounts.map((d) => d.offerId)).toEqual(["vol", "ship"]);
  });

  it("rules 5–7 hide offers but never the discounts earned", () => {
    const cfg = config([{ ...wax, discountPercent: 20 } as typeof wax]);
    const cart = [wash, line("waxing", "15.00")];
    for (const who of [
      customer({ tags: ["open-complaint"] }),
      customer({ tags: ["budget-sensitive"] }),
      customer({ lastAcceptedAt: "2026-11-21T00:00:00Z" }),
    ]) {
      const ev = run(cfg, checkout(cart, { customer: who }));
      expect(ev.offers).toEqual([]);
      expect(ev.discounts).toEqual([
        {
          offerId: "wax",
          target: "lines",
          lines: [{ lineId: cart[1]?.id, amount: "3.00" }],
          amount: "3.00",
          percent: 20,
        },
      ]);
    }
  });

  it("offers out of force (draft, schedule, segment, country) earn no discount", () => {
    const ev = run(
      config([
        { ...wax, discountPercent: 20, status: "draft" } as typeof wax,
        offers.volume("vol", "dark", [[2, 10]], { endsAt: "2026-01-01" }),
        offers.freeShipping("ship", "1.00", { countries: ["FR"] } as never),
        offers.volume("vip", "dark", [[2, 50]], { segments: ["premium"] }),
      ]),
      checkout([wash, line("waxing", "15.00"), line("dark", "6.00", 2)]),
    );
    expect(ev.discounts).toEqual([]);
  });
});

describe("offer kinds (DESIGN §3.1)", () => {
  it("upgrade: replaces the triggering line with the target, keeping its quantity", () => {
    const twoWashes = line("standard-wash", "20.00", 2);
    const ev = run(config([upgrade]), checkout([twoWashes]));
    expect(ev.offers[0]).toMatchObject({
      offerId: "premium",
      kind: "upgrade",
      action: {
        type: "replace-line",
        variantId: "v-premium-wash",
        quantity: 2,
        lineId: twoWashes.id,
      },
      price: "50.40",
      savings: "5.60",
    });
  });

  it("upgrade: once upgraded, the discount applies to the upgraded line and the offer is not shown again", () => {
    const premium = line("premium-wash", "28.00", 1, { attributes: { _ladder_offer: "premium" } });
    const ev = run(
      config([
        {
          ...upgrade,
          trigger: { productIds: ["p-standard-wash", "p-premium-wash"] },
        } as typeof upgrade,
      ]),
      checkout([premium]),
    );
    expect(reasonOf(ev, "premium")).toBe("already-in-cart");
    expect(ev.discounts).toEqual([
      {
        offerId: "premium",
        target: "lines",
        lines: [{ lineId: premium.id, amount: "2.80" }],
        amount: "2.80",
        percent: 10,
      },
    ]);
  });

  it("cross-sell: adds one unit; the discount holds only while the trigger is in the cart", () => {
    const cfg = config([{ ...wax, discountPercent: 20 } as typeof wax]);
    const waxing = line("waxing", "15.00");
    expect(run(cfg, checkout([wash]))?.offers[0]?.action).toEqual({
      type: "add-line",
      variantId: "v-waxing",
      quantity: 1,
    });
    expect(run(cfg, checkout([wash, waxing])).discounts).toHaveLength(1);
    expect(run(cfg, checkout([waxing])).discounts).toEqual([]);
  });

  it("bundle: offers the first missing item with its missing quantity", () => {
    const bundle = offers.bundle(
      "choco",
      [
        ["dark", "6.00", 2],
        ["pralines", "12.00"],
        ["truffle-sauce", "9.00"],
      ],
      15,
    );
    const ev = run(
      config([bundle]),
      checkout([line("dark", "6.00", 1), line("truffle-sauce", "9.00")]),
    );
    expect(ev.offers[0]?.action).toEqual({ type: "add-line", variantId: "v-dark", quantity: 1 });
    expect(ev.offers[0]?.kind).toBe("bundle");
  });

  it("bundle: discount on complete sets only, spread over the bundle's lines", () => {
    const bundle = offers.bundle(
      "choco",
      [
        ["dark", "6.00", 2],
        ["pralines", "12.00"],
      ],
      10,
    );
    const dark = line("dark", "6.00", 5);
    const pralines = line("pralines", "12.00", 2);
    const ev = run(config([bundle]), checkout([dark, pralines]));
    // Two complete sets: 4 dark (24.00) + 2 pralines (24.00) = 48.00 → 4.80.
    expect(ev.discounts).toEqual([
      {
        offerId: "choco",
        target: "lines",
        lines: [
          { lineId: dark.id, amount: "2.40" },
          { lineId: pralines.id, amount: "2.40" },
        ],
        amount: "4.80",
        percent: 10,
      },
    ]);
    expect(reasonOf(ev, "choco")).toBe("already-in-cart");
  });

  it("bundle: not shown when none of its items is in the cart", () => {
    const bundle = offers.bundle(
      "choco",
      [
        ["dark", "6.00"],
        ["pralines", "12.00"],
      ],
      10,
    );
    expect(reasonOf(run(config([bundle]), checkout([wash])), "choco")).toBe("not-relevant");
  });

  it("volume: tier by total quantity across variants, nudge to the next tier", () => {
    const vol = offers.volume(
      "choco-volume",
      "dark",
      [
        [3, 5],
        [6, 10],
      ],
      { trigger: { tags: ["chocolate"] } },
    );
    const dark = line("dark", "6.00", 2, { tags: ["chocolate"] });
    const milk = line("milk", "5.00", 2, { tags: ["chocolate"] });
    const ev = run(config([vol]), checkout([dark, milk]));
    expect(ev.offers[0]).toMatchObject({
      offerId: "choco-volume",
      action: { type: "add-line", variantId: "v-dark", quantity: 2 },
      headline: "Add 2 more to save 10%",
    });
    // Tier 1 (4 units ≥ 3): 5% of 22.00 = 1.10, spread 12:10.
    expect(ev.discounts).toEqual([
      {
        offerId: "choco-volume",
        target: "lines",
        lines: [
          { lineId: dark.id, amount: "0.60" },
          { lineId: milk.id, amount: "0.50" },
        ],
        amount: "1.10",
        percent: 5,
      },
    ]);
  });

  it("volume: at the top tier nothing more is offered", () => {
    const vol = offers.volume("vol", "dark", [
      [3, 5],
      [6, 10],
    ]);
    const ev = run(config([vol]), checkout([line("dark", "6.00", 7)]));
    expect(ev.offers).toEqual([]);
    expect(reasonOf(ev, "vol")).toBe("already-in-cart");
    expect(ev.discounts[0]).toMatchObject({ amount: "4.20", percent: 10 });
  });

  it("free shipping: progress with the remaining amount, then a shipping discount", () => {
    const ship = offers.freeShipping("ship", "50.00");
    const below = run(config([ship]), checkout([line("pralines", "12.00", 3)]));
    expect(below.progress).toEqual([
      {
        offerId: "ship",
        kind: "free-shipping",
        threshold: "50.00",
        remaining: "14.00",
        reached: false,
      },
    ]);
    expect(below.discounts).toEqual([]);
    const above = run(config([ship]), checkout([line("pralines", "12.00", 5)]));
    expect(above.progress[0]).toMatchObject({ remaining: "0.00", reached: true });
    expect(above.discounts).toEqual([{ offerId: "ship", target: "shipping", percent: 100 }]);
  });

  it("free shipping: the threshold compares the subtotal after Ladder's line discounts", () => {
    const ev = run(
      config([offers.volume("vol", "pralines", [[4, 10]]), offers.freeShipping("ship", "50.00")]),
      checkout([line("pralines", "13.00", 4)]),
    );
    // 52.00 − 5.20 = 46.80 < 50.00
    expect(ev.progress[0]).toMatchObject({ remaining: "3.20", reached: false });
    expect(ev.discounts.map((d) => d.target)).toEqual(["lines"]);
  });

  it("free shipping: matching country gets it", () => {
    const ship = offers.freeShipping("ship", "10.00", { countries: ["ca", "US"] } as never);
    expect(run(config([ship]), checkout([wash], { countryCode: "us" })).discounts).toHaveLength(1);
    expect(reasonOf(run(config([ship]), checkout([wash], { countryCode: null })), "ship")).toBe(
      "wrong-country",
    );
  });

  it("gift: progress, then 'add your free gift', then one free unit; the gift never counts toward itself", () => {
    const gift = offers.gift("gift", "30.00", "tire-shine", "8.00");
    const before = run(config([gift]), checkout([wash]));
    expect(before.progress).toEqual([
      { offerId: "gift", kind: "gift", threshold: "30.00", remaining: "10.00", reached: false },
    ]);
    expect(before.offers).toEqual([]);

    const reached = run(config([gift]), checkout([line("premium-wash", "30.00")]));
    expect(reached.offers[0]).toMatchObject({
      offerId: "gift",
      action: { type: "add-line", variantId: "v-tire-shine", quantity: 1 },
      price: "0.00",
      savings: "8.00",
    });

    const shine = line("tire-shine", "8.00", 2);
    const inCart = run(config([gift]), checkout([line("premium-wash", "30.00"), shine]));
    expect(inCart.offers).toEqual([]);
    expect(inCart.progress[0]?.reached).toBe(true);
    expect(inCart.discounts).toEqual([
      {
        offerId: "gift",
        target: "lines",
        lines: [{ lineId: shine.id, amount: "8.00" }],
        amount: "8.00",
        percent: 100,
      },
    ]);

    const giftOnly = run(
      config([gift]),
      checkout([line("standard-wash", "25.00"), line("tire-shine", "8.00")]),
    );
    expect(giftOnly.progress[0]).toMatchObject({ remaining: "5.00", reached: false });
    expect(giftOnly.discounts).toEqual([]);

    // A cart of only the gift item works towards the gift from zero: it never counts itself.
    const onlyTheGift = run(config([gift]), checkout([line("tire-shine", "8.00", 6)]));
    expect(onlyTheGift.progress).toEqual([
      { offerId: "gift", kind: "gift", threshold: "30.00", remaining: "30.00", reached: false },
    ]);
    expect(onlyTheGift.suppressed).toEqual([]);
    expect(onlyTheGift.discounts).toEqual([]);
  });
});

describe("money", () => {
  it("rounds half-up on the offer's total, not line by line", () => {
    // Three lines of 0.05 at 50 %: per line 0.025 → 0.03 each would give 0.09; on the total 0.15 → 0.08.
    const lines = [line("a", "0.05"), line("b", "0.05"), line("c", "0.05")];
    const vol = offers.volume("vol", "a", [[3, 50]], { trigger: { tags: ["x"] } });
    const tagged = lines.map((l) => ({ ...l, tags: ["x"] }));
    const ev = run(config([vol]), checkout(tagged));
    const d = ev.discounts[0];
    expect(d).toMatchObject({ amount: "0.08" });
    if (d?.target !== "lines") throw new Error("expected a line discount");
    expect(d.lines.map((l) => l.amount)).toEqual(["0.03", "0.03", "0.02"]);
  });

  it("works in currencies with 0 and 3 minor digits", () => {
    const jpy = run(
      config(
        [offers.crossSell("x", "a", "b", "1000", { discountPercent: 15 } as never)],
        {},
        "JPY",
      ),
      checkout([line("a", "1500"), line("b", "1005")]),
    );
    expect(jpy.discounts[0]).toMatchObject({ amount: "151" });
    expect(jpy.offers).toEqual([]);
    const kwd = run(
      config([offers.freeShipping("ship", "10.500")], {}, "KWD"),
      checkout([line("a", "3.125", 3)]),
    );
    expect(kwd.progress[0]).toMatchObject({ threshold: "10.500", remaining: "1.125" });
  });

  it("two offers on one line never add up: the line keeps the larger discount (rule 14)", () => {
    const sauce = line("truffle-sauce", "9.00");
    const ev = run(
      config([
        offers.crossSell("sauce", "pralines", "truffle-sauce", "9.00", {
          discountPercent: 50,
        } as never),
        offers.gift("gift", "20.00", "truffle-sauce", "9.00"),
      ]),
      checkout([line("pralines", "12.00", 2), sauce]),
    );
    expect(ev.discounts).toEqual([
      {
        offerId: "gift",
        target: "lines",
        lines: [{ lineId: sauce.id, amount: "9.00" }],
        amount: "9.00",
        percent: 100,
      },
    ]);
  });
});

describe("message templates", () => {
  it("renders placeholders and drops the clause of a missing value", () => {
    const cfg = config([
      {
        ...wax,
        discountPercent: 20,
        message: "{customer.firstName}, add {item.title} for {price}, save {savings}!",
      } as typeof wax,
    ]);
    expect(
      run(cfg, checkout([wash], { customer: customer({ firstName: "Ana" }) })).offers[0]?.headline,
    ).toBe("Ana, add waxing for $12.00, save $3.00!");
    expect(run(cfg, checkout([wash])).offers[0]?.headline).toBe(
      "Add waxing for $12.00, save $3.00!",
    );
    const noSavings = config([
      { ...wax, message: "{customer.firstName}, add {item.title}, save {savings}!" } as typeof wax,
    ]);
    expect(run(noSavings, checkout([wash])).offers[0]?.headline).toBe("Add waxing!");
  });
});
