import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMoney, type CheckoutInput, type Evaluation } from "../../app/engine";
import { cartDeliveryOptionsDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_delivery_options_discounts_generate_run";
import {
  cartLinesDiscountsGenerateRun,
  OUTPUT_LIMIT,
  withinOutputLimit,
} from "../../extensions/offer-discounts/src/cart_lines_discounts_generate_run";
import { checkoutArb, configArb } from "../engine/arbitraries";
import { run } from "../engine/builders";
import { deliveryInput, functionInput } from "./build-input";

const cents = (amount: string) => parseMoney(amount, 2) ?? Number.NaN;

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

const GROUP_COUNTRIES = fc.subarray(["US", "CA", "DE"], { minLength: 1 });

describe("the function applies what the engine promised (fast-check)", () => {
  it("line amounts equal the engine's discounts for the same cart", () => {
    let discounted = 0;
    fc.assert(
      fc.property(configArb, checkoutArb, (config, checkout: CheckoutInput) => {
        const promised = run(config, checkout);
        const output = cartLinesDiscountsGenerateRun(functionInput(config, checkout));
        const applied = appliedPerLine(output);
        expect(applied).toEqual(promisedPerLine(promised));
        if (applied.size > 0) discounted += 1;
      }),
      { numRuns: 400 },
    );
    // The generators meet often enough for the property to be about real discounts.
    expect(discounted).toBeGreaterThan(20);
  });

  it("free delivery goes to exactly the groups whose country the engine grants it for", () => {
    let free = 0;
    fc.assert(
      fc.property(configArb, checkoutArb, GROUP_COUNTRIES, (config, checkout, countries) => {
        const groups = countries.map((countryCode, i) => ({
          id: `gid://shopify/CartDeliveryGroup/${i}`,
          deliveryAddress: { countryCode },
        }));
        const expected = groups
          .filter((group) =>
            run(config, {
              ...checkout,
              countryCode: group.deliveryAddress.countryCode,
            }).discounts.some((d) => d.target === "shipping"),
          )
          .map((group) => group.id);
        const output = cartDeliveryOptionsDiscountsGenerateRun(
          deliveryInput(config, checkout, groups),
        );
        const granted = output.operations.flatMap((op) =>
          op.deliveryDiscountsAdd.candidates.flatMap((c) => {
            expect(c.value.percentage.value).toBe("100");
            return c.targets.map((t) => t.deliveryGroup.id);
          }),
        );
        expect(granted).toEqual(expected);
        if (granted.length > 0) free += 1;
      }),
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
          const promised = run(config, checkout);
          const output = cartLinesDiscountsGenerateRun(
            functionInput(config, checkout, { publishedAt }),
          );
          expect(appliedPerLine(output)).toEqual(promisedPerLine(promised));
        },
      ),
      { numRuns: 200 },
    );
  });
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
