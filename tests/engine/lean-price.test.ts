/**
 * The discount function's lean pricing (`encodeLean` → `readLean` → `leanPrice`) against the
 * engine's `earnedTotals` with checkout limits: the same discounts per line and the same free
 * delivery, on random configs and carts (every kind, rules 4 and 14, bundles with set prices,
 * tiers, gifts, schedules, segments, upgrades marked `_ladder_offer`), in carts of 0, 2 and 3
 * decimals at a presentment rate, and in carts long enough for the capacity rule to stand aside.
 * The reference converts the config into the cart's currency independently of the lean reader.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compile,
  earnedTotals,
  encodeLean,
  formatMoney,
  leanPrice,
  loadForFunction,
  minorDigits,
  parseMoneyRounded,
  readLean,
  type CheckoutInput,
  type LeanCart,
  type LeanConfig,
  type Offer,
  type RuntimeConfig,
} from "../../app/engine";
import { offerOfAttribute } from "../../app/engine/normalize";
import { checkoutArb, configArb, CATALOG_RESOLVER } from "./arbitraries";
import { config as configOf, line, offers } from "./builders";

const resolve = CATALOG_RESOLVER;

/** Cart currencies and the shop (USD) → cart rate. */
const CURRENCIES = [
  { code: "USD", rate: "1" },
  { code: "EUR", rate: "0.9123" },
  { code: "JPY", rate: "151.37" },
  { code: "KWD", rate: "0.3071" },
] as const;

/** The runtime config with its amounts in the cart's currency, written apart from `readLean`. */
function inCart(config: RuntimeConfig, currency: string, rate: number): RuntimeConfig {
  if (currency === config.currency) return config;
  const digits = minorDigits(currency);
  const scale = rate * 10 ** (digits - config.digits);
  const convert = (minor: number) => Math.round(minor * scale);
  return {
    ...config,
    currency,
    digits,
    settings: { ...config.settings, premiumMinSpent: convert(config.settings.premiumMinSpent) },
    offerAt: (index) => {
      const offer = config.offerAt(index);
      switch (offer.kind) {
        case "free-shipping":
        case "gift":
          return { ...offer, threshold: convert(offer.threshold) };
        case "upgrade":
        case "cross-sell":
          return offer.amountOff > 0 ? { ...offer, amountOff: convert(offer.amountOff) } : offer;
        case "bundle":
          return offer.bundlePrice === null
            ? offer
            : { ...offer, bundlePrice: convert(offer.bundlePrice) };
        default:
          return offer;
      }
    },
  };
}

/**
 * The lean pricing of checkout lines as the function's adapter hands them over (every line an
 * offer names, in cart order; the lines' subtotal plus `extra` minor units of lines no offer
 * names), as the amounts per line id that are above zero, and free delivery by country.
 */
function priceLean(
  lean: LeanConfig,
  lines: CheckoutInput["lines"],
  options: {
    digits: number;
    now: string;
    padding?: number;
    customer?: LeanCart["customer"];
    delivery?: boolean;
  },
): { lines: { lineId: string; amount: number }[]; freeShippingIn: (c: string | null) => boolean } {
  const padding = options.padding ?? 0;
  const cart: LeanCart = {
    keys: [],
    found: [],
    quantities: [],
    unitPrices: [],
    ladderOffers: [],
    subtotal: padding * 10 ** options.digits,
    lineCount: lines.length + padding,
    customer: options.customer ?? null,
    now: Date.parse(options.now),
  };
  const ids: string[] = [];
  for (const line of lines) {
    const unitPrice = parseMoneyRounded(line.unitPrice, options.digits) ?? 0;
    cart.subtotal += unitPrice * line.quantity;
    const found = lean.find(line.variantId, cart.keys);
    if (found < 0) continue;
    cart.found.push(found);
    cart.quantities.push(line.quantity);
    cart.unitPrices.push(unitPrice);
    cart.ladderOffers.push(offerOfAttribute(line.attributes?._ladder_offer));
    ids.push(line.id);
  }
  const priced = leanPrice(lean, cart, options.delivery ?? true);
  return {
    lines: ids
      .map((lineId, i) => ({ lineId, amount: priced.lineAmounts[i] ?? 0 }))
      .filter((l) => l.amount > 0),
    freeShippingIn: priced.freeShippingIn,
  };
}

const caseArb = fc.record({
  config: configArb,
  input: checkoutArb,
  currency: fc.constantFrom(...CURRENCIES),
  // Lines of products no offer names: long carts make the capacity rule stand aside.
  padding: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 150, max: 199 }),
  ),
});

describe("the function's lean pricing equals the engine's", () => {
  it("per line and for free delivery, in every currency and cart length", () => {
    fc.assert(
      fc.property(caseArb, ({ config, input, currency, padding }) => {
        const published = compile(config, { activeOnly: true, form: "function", resolve });
        const runtime = loadForFunction(published);
        const lean = readLean(encodeLean(published, []), currency.code, currency.rate);
        if (!runtime || !lean) throw new Error("did not load");
        const digits = minorDigits(currency.code);
        const reference = inCart(runtime, currency.code, Number(currency.rate));
        // The cart in its own currency: prices converted from the generated USD ones.
        const toCart = (usd: string) =>
          formatMoney(
            Math.round(
              (parseMoneyRounded(usd, 2) ?? 0) * Number(currency.rate) * 10 ** (digits - 2),
            ),
            digits,
          );
        const lines = input.lines.map((line) => ({ ...line, unitPrice: toCart(line.unitPrice) }));
        // A customer's recorded spend is in the shop's currency.
        const spent = parseMoneyRounded(input.customer?.amountSpent ?? "0", 2) ?? 0;
        const got = priceLean(lean, lines, {
          digits,
          now: input.now,
          padding,
          customer: input.customer
            ? {
                ordersCount: input.customer.ordersCount ?? 0,
                amountSpent: lean.convert(spent),
                tags: (input.customer.tags ?? []).map((tag) => tag.toLowerCase()),
              }
            : null,
        });
        let subtotal = padding * 10 ** digits;
        for (const line of lines) {
          subtotal += (parseMoneyRounded(line.unitPrice, digits) ?? 0) * line.quantity;
        }
        const checkout: CheckoutInput = {
          ...input,
          lines,
          subtotal: formatMoney(subtotal, digits),
          lineCount: lines.length + padding,
          customer: input.customer && {
            ...input.customer,
            amountSpent: formatMoney(
              reference === runtime
                ? spent
                : Math.round(spent * Number(currency.rate) * 10 ** (digits - 2)),
              digits,
            ),
          },
        };
        for (const country of ["US", "CA", "DE", null]) {
          const expected = earnedTotals(
            reference,
            { ...checkout, countryCode: country },
            { checkoutLimits: true },
          );
          expect(got.lines).toEqual(expected.lines);
          expect(got.freeShippingIn(country)).toBe(expected.freeShipping);
        }
      }),
      { numRuns: 600 },
    );
  });

  it("reads a lines-only cart without free-shipping offers, pricing lines alike", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        const published = compile(config, { activeOnly: true, form: "function", resolve });
        const runtime = loadForFunction(published);
        const lean = readLean(encodeLean(published, []), "USD", "1");
        if (!runtime || !lean) throw new Error("did not load");
        const got = priceLean(lean, input.lines, { digits: 2, now: input.now, delivery: false });
        const expected = earnedTotals(
          runtime,
          { ...input, customer: null },
          { checkoutLimits: true },
        );
        expect(got.lines).toEqual(expected.lines);
        // Free-shipping offers were not read: delivery is not asked about.
        expect(got.freeShippingIn("US")).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the lean pricing's edges", () => {
  /** The lean pricing's amounts per line name for a config and lines of the builders. */
  function leanAmounts(offerList: Offer[], lines: CheckoutInput["lines"]): Record<string, number> {
    // The builders' product p-x has the one variant v-x.
    const published = compile(configOf(offerList), {
      activeOnly: true,
      form: "function",
      resolve: { product: (id) => [id.replace(/^p-/, "v-")] },
    });
    const lean = readLean(encodeLean(published, []), "USD", "1");
    if (!lean) throw new Error("did not load");
    const got = priceLean(lean, lines, {
      digits: 2,
      now: "2026-11-22T12:00:00Z",
      delivery: false,
    });
    const title = new Map(lines.map((l) => [l.id, l.title ?? ""]));
    const amounts: Record<string, number> = {};
    for (const l of lines) if (lean.find(l.variantId, []) >= 0) amounts[l.title ?? ""] = 0;
    for (const l of got.lines) amounts[title.get(l.lineId) ?? ""] = l.amount;
    return amounts;
  }

  it("gives a gift exactly at its threshold, and not a cent below", () => {
    const gift = offers.gift("truffle", "50.00", "truffle", "10.00");
    expect(leanAmounts([gift], [line("bag", "50.00"), line("truffle", "10.00")])).toEqual({
      truffle: 1000,
    });
    expect(leanAmounts([gift], [line("bag", "49.99"), line("truffle", "10.00")])).toEqual({
      truffle: 0,
    });
  });

  it("gives an upgrade's discount only to the line it made, one offer per line", () => {
    const upgrade = offers.upgrade("premium", "standard", "premium", "30.00", {
      discountPercent: 10,
    } as Partial<Offer>);
    const volume = offers.volume("more", "premium", [[2, 5]]);
    expect(
      leanAmounts(
        [upgrade, volume],
        [
          line("premium", "30.00", 2, { attributes: { _ladder_offer: "premium" } }),
          line("premium", "30.00", 1, { title: "bought directly" }),
        ],
      ),
      // The quantity break's 5% of both lines (450) spreads 300 / 150; the upgraded line keeps
      // the upgrade's larger 600, the other the break's 150: never a sum.
    ).toEqual({ premium: 600, "bought directly": 150 });
  });
});
