import { describe, expect, it } from "vitest";
import {
  compile,
  load,
  loadForFunction,
  type CheckoutLine,
  type Discount,
  type Offer,
} from "../../app/engine";
import { checkout, config, line, offers, reasonOf, run, shownIds } from "./builders";

/** Line amounts of an evaluation's line discounts, by offer. */
function byOffer(discounts: Discount[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const d of discounts) {
    if (d.target !== "lines") continue;
    out[d.offerId] = Object.fromEntries(d.lines.map((l) => [l.lineId, l.amount]));
  }
  return out;
}

const upgraded = (name: string, price: string, offerId: string, quantity = 1): CheckoutLine =>
  line(name, price, quantity, { attributes: { _ladder_offer: offerId } });

describe("rule 14: an upgrade's discount only on the line the upgrade made", () => {
  const upgrade = offers.upgrade("premium", "standard-wash", "premium-wash", "28.00", {
    discountPercent: 10,
  });
  const cases: { name: string; line: CheckoutLine; amount: string | null }[] = [
    {
      name: "the premium item bought directly gets no upgrade discount",
      line: line("premium-wash", "28.00"),
      amount: null,
    },
    {
      name: "a line another offer added gets no upgrade discount",
      line: upgraded("premium-wash", "28.00", "someone-else"),
      amount: null,
    },
    {
      name: "the upgraded line gets it",
      line: upgraded("premium-wash", "28.00", "premium"),
      amount: "2.80",
    },
    {
      name: "the attribute may carry the variant the buyer saw (offerId#variantId)",
      line: upgraded("premium-wash", "28.00", "premium#b"),
      amount: "2.80",
    },
    {
      name: "an attribute on a line of another variant earns nothing",
      line: upgraded("standard-wash", "20.00", "premium"),
      amount: null,
    },
  ];
  it.each(cases)("$name", ({ line: l, amount }) => {
    const ev = run(config([upgrade]), checkout([l]));
    expect(byOffer(ev.discounts)).toEqual(amount ? { premium: { [l.id]: amount } } : {});
  });
});

describe("rule 14: per line, the single offer that takes the most applies", () => {
  it("two quantity breaks at 10% and 5% on one line give 10% only", () => {
    const bars = line("dark", "10.00", 4);
    const ev = run(
      config([offers.volume("five", "dark", [[3, 5]]), offers.volume("ten", "dark", [[4, 10]])]),
      checkout([bars]),
    );
    expect(byOffer(ev.discounts)).toEqual({ ten: { [bars.id]: "4.00" } });
  });

  it("on a tie, the offer that ranks first keeps the line (upsells first, then priority)", () => {
    const bars = line("dark", "10.00", 4);
    const tie = (extra: Partial<Offer>) =>
      run(
        config([
          offers.volume("a", "dark", [[2, 10]]),
          offers.volume("b", "dark", [[2, 10]], extra),
        ]),
        checkout([bars]),
      );
    expect(Object.keys(byOffer(tie({}).discounts))).toEqual(["a"]);
    expect(Object.keys(byOffer(tie({ priority: 1 }).discounts))).toEqual(["b"]);
    // An upsell (quantity break) ranks before an add-on of the same line.
    const ev = run(
      config([
        offers.crossSell("add", "milk", "dark", "10.00", { discountPercent: 10 }),
        offers.volume("break", "dark", [[2, 10]]),
      ]),
      checkout([line("milk", "5.00"), bars]),
    );
    expect(Object.keys(byOffer(ev.discounts))).toEqual(["break"]);
  });

  it("an offer keeps the lines it wins, without re-spreading what it lost", () => {
    // The bundle spreads 10% of 30.00 = 3.00 as 2.00 + 1.00; the dark bar's 20% quantity break
    // (4.00) wins that line, so the bundle keeps only its 1.00 on the milk bar.
    const dark = line("dark", "10.00", 2);
    const milk = line("milk", "10.00");
    const ev = run(
      config([
        offers.bundle(
          "set",
          [
            ["dark", "10.00", 2],
            ["milk", "10.00"],
          ],
          10,
        ),
        offers.volume("break", "dark", [[2, 20]]),
      ]),
      checkout([dark, milk]),
    );
    expect(byOffer(ev.discounts)).toEqual({
      set: { [milk.id]: "1.00" },
      break: { [dark.id]: "4.00" },
    });
    const set = ev.discounts.find((d) => d.offerId === "set");
    expect(set?.target === "lines" && set.amount).toBe("1.00");
  });
});

describe("rule 4: claiming a reached gift is not a pitch", () => {
  it("is shown with maxOffers = 1 next to another offer, and is never cut", () => {
    const cfg = config(
      [
        offers.crossSell("wax", "standard-wash", "waxing", "15.00"),
        offers.gift("gift", "10.00", "air-freshener", "4.00"),
        offers.crossSell("shine", "standard-wash", "tire-shine", "8.00"),
      ],
      { maxOffers: 1 },
    );
    const ev = run(cfg, checkout([line("standard-wash", "20.00")]));
    expect(shownIds(ev)).toEqual(["wax", "gift"]);
    expect(reasonOf(ev, "gift")).toBeNull();
    expect(reasonOf(ev, "shine")).toBe("max-offers");
    expect(ev.progress.find((p) => p.offerId === "gift")?.reached).toBe(true);
  });
});

describe("discountAmount: money off each unit", () => {
  it("takes the amount off each unit of an upgraded line", () => {
    const l = upgraded("premium-wash", "28.00", "premium", 2);
    const cfg = config([
      offers.upgrade("premium", "standard-wash", "premium-wash", "28.00", {
        discountAmount: "5.00",
      } as Partial<Offer>),
    ]);
    const ev = run(cfg, checkout([l]));
    expect(ev.discounts).toEqual([
      {
        offerId: "premium",
        target: "lines",
        lines: [{ lineId: l.id, amount: "10.00" }],
        amount: "10.00",
      },
    ]);
    // Shown before the upgrade: the savings are the amount, the headline says so.
    const shown = run(cfg, checkout([line("standard-wash", "20.00")])).offers[0];
    expect(shown).toMatchObject({ price: "23.00", savings: "5.00" });
    expect(shown?.headline).toBe("Upgrade to premium-wash and save $5.00");
  });

  it("is capped at the line's unit price", () => {
    const add = line("waxing", "3.00", 2);
    const cfg = config([
      offers.crossSell("wax", "standard-wash", "waxing", "3.00", {
        discountAmount: "5.00",
      } as Partial<Offer>),
    ]);
    const ev = run(cfg, checkout([line("standard-wash", "20.00"), add]));
    expect(byOffer(ev.discounts)).toEqual({ wax: { [add.id]: "6.00" } });
    const shown = run(cfg, checkout([line("standard-wash", "20.00")])).offers[0];
    expect(shown).toMatchObject({ price: "0.00", savings: "3.00" });
  });
});

describe("bundlePrice: the price of one complete set", () => {
  const bundle = (currency: string, prices: [string, string, string], setPrice: string) =>
    config(
      [
        offers.bundle(
          "set",
          [
            ["a", prices[0]],
            ["b", prices[1]],
            ["c", prices[2]],
          ],
          0,
          { discountPercent: undefined, bundlePrice: setPrice } as Partial<Offer>,
        ),
      ],
      {},
      currency,
    );
  const cases: {
    currency: string;
    prices: [string, string, string];
    setPrice: string;
    sets: number;
    expected: [string, string, string];
    total: string;
  }[] = [
    // 10.00 off 30.00, spread 1:1:1 → 3.33 each and the cent left to the first line.
    {
      currency: "USD",
      prices: ["10.00", "10.00", "10.00"],
      setPrice: "20.00",
      sets: 1,
      expected: ["3.34", "3.33", "3.33"],
      total: "10.00",
    },
    // JPY has no minor unit: 100 yen off 3 equal lines → 34 + 33 + 33.
    {
      currency: "JPY",
      prices: ["1000", "1000", "1000"],
      setPrice: "2900",
      sets: 1,
      expected: ["34", "33", "33"],
      total: "100",
    },
    // KWD has 3 decimals: 1.000 off 2.000 + 1.000 + 1.000 in proportion → 0.500, 0.250, 0.250.
    {
      currency: "KWD",
      prices: ["2.000", "1.000", "1.000"],
      setPrice: "3.000",
      sets: 1,
      expected: ["0.500", "0.250", "0.250"],
      total: "1.000",
    },
    // Two complete sets: twice (list value − set price), spread once over the lines.
    {
      currency: "USD",
      prices: ["5.00", "3.00", "2.01"],
      setPrice: "9.00",
      sets: 2,
      expected: ["1.01", "0.60", "0.41"],
      total: "2.02",
    },
  ];
  it.each(cases)(
    "$currency: $sets set(s) at $setPrice → $expected",
    ({ currency, prices, setPrice, sets, expected, total }) => {
      const lines = [
        line("a", prices[0], sets),
        line("b", prices[1], sets),
        line("c", prices[2], sets),
      ];
      const ev = run(bundle(currency, prices, setPrice), checkout(lines));
      expect(ev.discounts).toEqual([
        {
          offerId: "set",
          target: "lines",
          lines: lines.map((l, i) => ({ lineId: l.id, amount: expected[i] })),
          amount: total,
        },
      ]);
    },
  );

  it("never goes below zero when the cart's prices are under the set price", () => {
    const ev = run(
      bundle("USD", ["10.00", "10.00", "10.00"], "20.00"),
      checkout([line("a", "5.00"), line("b", "5.00"), line("c", "5.00")]),
    );
    expect(ev.discounts).toEqual([]);
  });

  it("values each set as the cart prices it when lines of one item differ in price", () => {
    // Sets take units in cart order: set 1 = a@10 + b@10 + c@10 (30 → 10 off), set 2 =
    // a@4 + b@10 + c@10 (24 → 4 off): 14.00 in all, never the average.
    const lines = [
      line("a", "10.00"),
      line("b", "10.00", 2),
      line("c", "10.00", 2),
      { ...line("a", "4.00"), id: "line-a-cheap" },
    ];
    const ev = run(bundle("USD", ["10.00", "10.00", "10.00"], "20.00"), checkout(lines));
    const set = ev.discounts[0];
    expect(set?.target === "lines" && set.amount).toBe("14.00");
  });

  it("shows the set price in the offer's reason and the savings against the list total", () => {
    const ev = run(
      bundle("USD", ["10.00", "10.00", "10.00"], "24.00"),
      checkout([line("a", "10.00"), line("b", "10.00")]),
    );
    expect(ev.offers[0]).toMatchObject({ savings: "6.00" });
    expect(ev.offers[0]?.why).toBe("Bought together, the set costs $24.00.");
  });
});

describe("published forms carry the discount value", () => {
  const cfg = config([
    offers.upgrade("up", "a", "b", "30.00", { discountAmount: "5.00" } as Partial<Offer>),
    offers.bundle(
      "set",
      [
        ["c", "6.00"],
        ["d", "4.00"],
      ],
      0,
      { discountPercent: undefined, bundlePrice: "7.50" } as Partial<Offer>,
    ),
  ]);

  it("the function form packs the amount off each unit and the set price, and reads them back", () => {
    const packed = compile(cfg, { form: "function" });
    expect(packed.o).toEqual(["u|up||||~v-b||500", "b|set||||$750|~v-c|1|~v-d|1"]);
    const runtime = loadForFunction(JSON.parse(JSON.stringify(packed)));
    expect(runtime?.offerAt(0)).toMatchObject({ kind: "upgrade", amountOff: 500, percent: 0 });
    expect(runtime?.offerAt(1)).toMatchObject({ kind: "bundle", bundlePrice: 750, percent: 0 });
  });

  it("the checkout form keeps them in da and bp", () => {
    const published = compile(cfg);
    expect(published.o[0]).toMatchObject({ da: 500 });
    expect(published.o[0]).not.toHaveProperty("d");
    expect(published.o[1]).toMatchObject({ bp: 750 });
    expect(published.o[1]).not.toHaveProperty("d");
    const runtime = load(JSON.parse(JSON.stringify(published)));
    expect(runtime?.offerAt(1)).toMatchObject({ bundlePrice: 750 });
  });
});
