import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compile,
  evaluate,
  load,
  parseMoney,
  pricedLineCapacity,
  type CheckoutInput,
  type CheckoutLine,
  type Evaluation,
  type OfferConfig,
} from "../../app/engine";
import { cartDeliveryOptionsDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_delivery_options_discounts_generate_run";
import {
  cartLinesDiscountsGenerateRun,
  OUTPUT_LIMIT,
  withinOutputLimit,
} from "../../extensions/offer-discounts/src/cart_lines_discounts_generate_run";
import { CATALOG_RESOLVER, checkoutArb, configArb } from "../engine/arbitraries";
import { checkout as checkoutOf, config as configOf, line, offers } from "../engine/builders";
import { deliveryInput, functionInput } from "./build-input";

const cents = (amount: string) => parseMoney(amount, 2) ?? Number.NaN;

/** The arbitraries' shop, as publishing looks it up: every trigger resolves to its variants. */
const resolve = CATALOG_RESOLVER;

/**
 * What the checkout extension promises for this cart: the published checkout form (triggers
 * resolved the same way), evaluated with the checkout limits it applies.
 */
function promise(config: OfferConfig, checkout: CheckoutInput): Evaluation {
  const runtime = load(JSON.parse(JSON.stringify(compile(config, { activeOnly: true, resolve }))));
  if (!runtime) throw new Error("config did not load");
  return evaluate(runtime, checkout, { checkoutLimits: true });
}

/** What the engine promises per line: every offer's amount on that line, summed. */
function promisedPerLine(evaluation: Evaluation): Map<string, number> {
  const perLine = new Map<string, number>();
  for (const discount of evaluation.discounts) {
    if (discount.target !== "lines") continue;
    for (const { lineId, amount } of discount.lines) {
      perLine.set(lineId, (perLine.get(lineId) ?? 0) + cents(amount));
    }
  }
  return perLine;
}

/** What Shopify applies from the function's output: one fixed amount per targeted line. */
function appliedPerLine(output: ReturnType<typeof cartLinesDiscountsGenerateRun>) {
  const perLine = new Map<string, number>();
  for (const operation of output.operations) {
    expect(operation.productDiscountsAdd.selectionStrategy).toBe("ALL");
    for (const candidate of operation.productDiscountsAdd.candidates) {
      expect(candidate.targets).toHaveLength(1);
      const id = candidate.targets[0]?.cartLine.id ?? "";
      // One candidate per line, so nothing at Shopify stacks or competes.
      expect(perLine.has(id)).toBe(false);
      perLine.set(id, cents(candidate.value.fixedAmount.amount));
    }
  }
  return perLine;
}

/** Lines of products no offer names: long carts, where the function's capacity matters. */
function withOtherLines(checkout: CheckoutInput, count: number): CheckoutInput {
  const others: CheckoutLine[] = Array.from({ length: count }, (_, i) => ({
    id: `gid://shopify/CartLine/${1000 + i}`,
    variantId: `gid://shopify/ProductVariant/${90_000 + i}`,
    productId: `gid://shopify/Product/${80_000 + i}`,
    quantity: 1 + (i % 3),
    unitPrice: `${1 + (i % 40)}.${String(i % 100).padStart(2, "0")}`,
  }));
  // Interleaved, so the lines offers read are anywhere in the cart.
  const lines: CheckoutLine[] = [];
  const step = Math.max(1, Math.floor(count / Math.max(1, checkout.lines.length)));
  let next = 0;
  for (const own of checkout.lines) {
    lines.push(...others.slice(next, next + step), own);
    next += step;
  }
  lines.push(...others.slice(next));
  return { ...checkout, lines };
}

/** Up to 400 other lines: past about 220, the capacity is zero, so stand-aside is exercised. */
const OTHER_LINES = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 40 }), weight: 1 },
  { arbitrary: fc.integer({ min: 100, max: 219 }), weight: 1 },
  { arbitrary: fc.integer({ min: 220, max: 400 }), weight: 2 },
);
const GROUP_COUNTRIES = fc.subarray(["US", "CA", "DE"], { minLength: 1 });

describe("the function applies what the checkout promised (fast-check)", () => {
  it("line amounts equal the engine's discounts for the same cart, under the checkout limits", () => {
    let discounted = 0;
    let stoodAside = 0;
    fc.assert(
      fc.property(configArb, checkoutArb, OTHER_LINES, (config, small, others) => {
        const checkout = withOtherLines(small, others);
        const promised = promise(config, checkout);
        const output = cartLinesDiscountsGenerateRun(functionInput(config, checkout, { resolve }));
        const applied = appliedPerLine(output);
        expect(applied).toEqual(promisedPerLine(promised));
        if (applied.size > 0) discounted += 1;
        if (promised.suppressed.some((s) => s.reason === "too-many-lines")) stoodAside += 1;
      }),
      { numRuns: 400 },
    );
    // The generators meet often enough for the property to be about real discounts, and about
    // carts the function stands aside for.
    expect(discounted).toBeGreaterThan(20);
    expect(stoodAside).toBeGreaterThan(5);
  });

  it("free delivery goes to exactly the groups whose country the engine grants it for", () => {
    let free = 0;
    fc.assert(
      fc.property(
        configArb,
        checkoutArb,
        OTHER_LINES,
        GROUP_COUNTRIES,
        (config, small, others, countries) => {
          const checkout = withOtherLines(small, others);
          const groups = countries.map((countryCode, i) => ({
            id: `gid://shopify/CartDeliveryGroup/${i}`,
            deliveryAddress: { countryCode },
          }));
          const expected = groups
            .filter((group) =>
              promise(config, {
                ...checkout,
                countryCode: group.deliveryAddress.countryCode,
              }).discounts.some((d) => d.target === "shipping"),
            )
            .map((group) => group.id);
          const output = cartDeliveryOptionsDiscountsGenerateRun(
            deliveryInput(config, checkout, groups, { resolve }),
          );
          const granted = output.operations.flatMap((op) =>
            op.deliveryDiscountsAdd.candidates.flatMap((c) => {
              expect(c.value.percentage.value).toBe("100");
              return c.targets.map((t) => t.deliveryGroup.id);
            }),
          );
          expect(granted).toEqual(expected);
          if (granted.length > 0) free += 1;
        },
      ),
      { numRuns: 300 },
    );
    expect(free).toBeGreaterThan(10);
  });

  it("holds when the config was published before the cart's time (schedules folded in)", () => {
    fc.assert(
      fc.property(
        configArb,
        checkoutArb,
        fc.constantFrom("2026-10-15T00:00:00Z", "2026-11-01T00:00:00Z", "2026-11-22T11:00:00Z"),
        (config, checkout, publishedAt) => {
          const promised = promise(config, checkout);
          const output = cartLinesDiscountsGenerateRun(
            functionInput(config, checkout, { publishedAt, resolve }),
          );
          expect(appliedPerLine(output)).toEqual(promisedPerLine(promised));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("checkout limits in the function", () => {
  // Every line its own upgraded product, 10% off; free shipping over 10.00.
  const many = 80;
  const cfg = configOf([
    ...Array.from({ length: many }, (_, i) =>
      offers.upgrade(`u${i}`, `base${i}`, `up${i}`, "5.00", { discountPercent: 10 } as never),
    ),
    offers.freeShipping("ship", "10.00"),
  ]);
  /** `priced` upgraded lines (each discounted: its upgrade made it) in a cart of `total` lines. */
  function cart(priced: number, total: number): CheckoutInput {
    const lines = [
      ...Array.from({ length: priced }, (_, i) =>
        line(`up${i}`, "5.00", 1, { attributes: { _ladder_offer: `u${i}` } }),
      ),
      ...Array.from({ length: total - priced }, (_, i) => line(`other${i}`, "3.00")),
    ];
    return checkoutOf(lines);
  }
  const group = [
    { id: "gid://shopify/CartDeliveryGroup/1", deliveryAddress: { countryCode: "US" } },
  ];

  it.each([50, 100, 200])(
    "prices up to the capacity of a %i-line cart, then stands aside",
    (total) => {
      // Zero for the longest carts: reading them leaves no room to price a line.
      const capacity = pricedLineCapacity(total);
      expect(capacity).toBeLessThan(Math.min(many, total));
      const at = cartLinesDiscountsGenerateRun(functionInput(cfg, cart(capacity, total)));
      expect(appliedPerLine(at).size).toBe(capacity);
      const over = cart(capacity + 1, total);
      expect(cartLinesDiscountsGenerateRun(functionInput(cfg, over))).toEqual({ operations: [] });
      // Free delivery does not depend on pricing lines: it still applies.
      const delivery = cartDeliveryOptionsDiscountsGenerateRun(deliveryInput(cfg, over, group));
      expect(delivery.operations).toHaveLength(1);
    },
  );
});

describe("output size", () => {
  const candidate = (n: number, amount: string) => ({
    targets: [{ cartLine: { id: `gid://shopify/CartLine/${n}` } }],
    value: { fixedAmount: { amount } },
  });

  it("keeps every candidate of a 150-line cart, and the largest ones of a 200-line cart, within 20 kB", () => {
    const some = Array.from({ length: 150 }, (_, i) => candidate(i, "12.34"));
    expect(withinOutputLimit(some)).toEqual(some);

    const all = Array.from({ length: 200 }, (_, i) => candidate(i, `${(i % 50) + 1}.00`));
    const kept = withinOutputLimit(all);
    const output = {
      operations: [{ productDiscountsAdd: { selectionStrategy: "ALL", candidates: kept } }],
    };
    expect(JSON.stringify(output).length).toBeLessThanOrEqual(OUTPUT_LIMIT);
    expect(JSON.stringify(output).length).toBeGreaterThan(OUTPUT_LIMIT - 110);
    expect(kept.length).toBeGreaterThan(180);
    // The dropped ones are the smallest, and the kept ones stay in cart order.
    const dropped = all.filter((c) => !kept.includes(c));
    const amounts = (list: typeof all) => list.map((c) => Number(c.value.fixedAmount.amount));
    expect(Math.max(...amounts(dropped))).toBeLessThanOrEqual(Math.min(...amounts(kept)));
    expect(kept).toEqual(all.filter((c) => kept.includes(c)));
  });
});
