import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compile,
  evaluate,
  load,
  parseMoney,
  type CheckoutInput,
  type Evaluation,
  type OfferConfig,
} from "../../app/engine";
import { deliveryInput, functionInput, linesInput } from "../../app/shopify/function-input";
import { cartDeliveryOptionsDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_delivery_options_discounts_generate_run";
import { cartLinesDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_lines_discounts_generate_run";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
} from "../../extensions/offer-discounts/src/types";
import { checkoutArb, configArb } from "../engine/arbitraries";

/** What `ladder evaluate` reports: the config as published for checkout, no checkout limits. */
function evaluated(config: OfferConfig, checkout: CheckoutInput): Evaluation {
  const runtime = load(compile(config));
  if (!runtime) throw new Error("config did not load");
  return evaluate(runtime, checkout);
}

const minor = (amount: string, digits: number) => parseMoney(amount, digits) ?? Number.NaN;

/** Per line, what the evaluation's line discounts take off it (minor units). */
function evaluatedPerLine(evaluation: Evaluation, digits: number): Map<string, number> {
  const perLine = new Map<string, number>();
  for (const discount of evaluation.discounts) {
    if (discount.target !== "lines") continue;
    for (const { lineId, amount } of discount.lines) {
      perLine.set(lineId, (perLine.get(lineId) ?? 0) + minor(amount, digits));
    }
  }
  for (const [lineId, amount] of perLine) if (amount === 0) perLine.delete(lineId);
  return perLine;
}

/** Per line, what Shopify applies from the lines target's output. */
function appliedPerLine(input: CartLinesInput, digits: number): Map<string, number> {
  const perLine = new Map<string, number>();
  for (const operation of cartLinesDiscountsGenerateRun(input).operations) {
    for (const candidate of operation.productDiscountsAdd.candidates) {
      for (const target of candidate.targets) {
        const id = target.cartLine.id;
        perLine.set(id, (perLine.get(id) ?? 0) + minor(candidate.value.fixedAmount.amount, digits));
      }
    }
  }
  return perLine;
}

function freeDelivery(input: CartDeliveryOptionsInput): string[] {
  return cartDeliveryOptionsDiscountsGenerateRun(input).operations.flatMap((operation) =>
    operation.deliveryDiscountsAdd.candidates.flatMap((c) =>
      c.targets.map((t) => t.deliveryGroup.id),
    ),
  );
}

describe("function-input: the function's export on it gives what evaluate reports (fast-check)", () => {
  it("line discounts, line by line, and free delivery for the checkout's country", () => {
    let discounted = 0;
    let free = 0;
    fc.assert(
      fc.property(configArb, checkoutArb, (config, checkout) => {
        const evaluation = evaluated(config, checkout);
        const expected = evaluatedPerLine(evaluation, 2);
        const applied = appliedPerLine(linesInput(config, checkout), 2);
        expect(applied).toEqual(expected);
        const delivery = freeDelivery(deliveryInput(config, checkout));
        const shipping = evaluation.discounts.some((d) => d.target === "shipping");
        expect(delivery).toEqual(shipping ? ["gid://shopify/CartDeliveryGroup/1"] : []);
        if (applied.size > 0) discounted += 1;
        if (shipping) free += 1;
      }),
      { numRuns: 250 },
    );
    // About real discounts, not empty outputs.
    expect(discounted).toBeGreaterThan(20);
    expect(free).toBeGreaterThan(5);
    // Generous: a property run, not a timing (the machine may be busy).
  }, 300_000);

  it("is the lines or delivery input by target", () => {
    const [config] = fc.sample(configArb, { numRuns: 1, seed: 7 });
    const [checkout] = fc.sample(checkoutArb, { numRuns: 1, seed: 7 });
    if (!config || !checkout) throw new Error("no sample");
    expect(functionInput("lines", config, checkout)).toEqual(linesInput(config, checkout));
    expect(functionInput("delivery", config, checkout)).toEqual(deliveryInput(config, checkout));
  });

  it("emits operations only for the classes the discount has", () => {
    let lineOps = 0;
    let deliveryOps = 0;
    fc.assert(
      fc.property(configArb, checkoutArb, (config, checkout) => {
        const lines = cartLinesDiscountsGenerateRun(linesInput(config, checkout));
        const delivery = cartDeliveryOptionsDiscountsGenerateRun(deliveryInput(config, checkout));
        if (lines.operations.length > 0) lineOps += 1;
        if (delivery.operations.length > 0) deliveryOps += 1;
        const onlyShipping = { discountClasses: ["SHIPPING" as const] };
        const onlyProduct = { discountClasses: ["PRODUCT" as const] };
        expect(cartLinesDiscountsGenerateRun(linesInput(config, checkout, onlyShipping))).toEqual({
          operations: [],
        });
        expect(
          cartDeliveryOptionsDiscountsGenerateRun(deliveryInput(config, checkout, onlyProduct)),
        ).toEqual({ operations: [] });
        // The class it has still gets its operations.
        expect(cartLinesDiscountsGenerateRun(linesInput(config, checkout, onlyProduct))).toEqual(
          lines,
        );
        expect(
          cartDeliveryOptionsDiscountsGenerateRun(deliveryInput(config, checkout, onlyShipping)),
        ).toEqual(delivery);
      }),
      { numRuns: 150 },
    );
    // About outputs that had operations to remove.
    expect(lineOps).toBeGreaterThan(10);
    expect(deliveryOps).toBeGreaterThan(3);
  }, 300_000);
});
