import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compile,
  earnedTotals,
  evaluate,
  load,
  loadForFunction,
  pricedLineCapacity,
  type CheckoutInput,
} from "../../app/engine";
import { checkoutArb, configArb } from "./arbitraries";
import { checkout, config, line, offers } from "./builders";

describe("checkout limits: what the discount function can afford", () => {
  it("lowers the capacity as the cart grows, never below zero", () => {
    const capacities = [1, 10, 50, 100, 200, 400].map(pricedLineCapacity);
    expect(capacities).toEqual([...capacities].sort((a, b) => b - a));
    expect(capacities[0]).toBeGreaterThanOrEqual(40);
    expect(pricedLineCapacity(400)).toBe(0);
  });

  // Every line its own product with its own discounted add-on, plus free shipping over 10.00.
  const many = 60;
  const cfg = config([
    ...Array.from({ length: many }, (_, i) =>
      offers.crossSell(`x${i}`, `p${i}`, `add${i}`, "5.00", { discountPercent: 10 } as never),
    ),
    offers.freeShipping("ship", "10.00"),
    offers.crossSell("plain", "p0", "extra", "5.00"),
  ]);
  const cart = (lines: number): CheckoutInput =>
    checkout(
      Array.from({ length: lines }, (_, i) => [
        line(`p${i}`, "20.00"),
        line(`add${i}`, "5.00"),
      ]).flat(),
    );

  it("stands aside on a cart with more lines to price than that", () => {
    const input = cart(many);
    const runtime = load(compile(cfg));
    if (!runtime) throw new Error("did not load");
    expect(2 * many).toBeGreaterThan(pricedLineCapacity(2 * many));
    const limited = evaluate(runtime, input, { checkoutLimits: true });
    expect(limited.discounts).toEqual([{ offerId: "ship", target: "shipping", percent: 100 }]);
    expect(limited.suppressed.find((s) => s.offerId === "x0")?.reason).toBe("too-many-lines");
    // An offer that promises no discount is still shown; free shipping still applies.
    expect(limited.offers.map((o) => o.offerId)).toContain("plain");
    expect(limited.progress.map((p) => p.offerId)).toEqual(["ship"]);
    // Without the limits (the command line, rule previews) every discount is priced.
    const full = evaluate(runtime, input);
    expect(full.discounts.filter((d) => d.target === "lines")).toHaveLength(many);
    // The function, given only the lines it prices, the subtotal and the line count, agrees.
    const fn = loadForFunction(compile(cfg, { form: "function" }));
    if (!fn) throw new Error("did not load");
    const totals = earnedTotals(
      fn,
      { ...input, lineCount: input.lines.length },
      { checkoutLimits: true },
    );
    expect(totals).toEqual({ lines: [], freeShipping: true });
  });

  it("prices a cart within capacity exactly as without limits", () => {
    const input = cart(5);
    const runtime = load(compile(cfg));
    if (!runtime) throw new Error("did not load");
    expect(evaluate(runtime, input, { checkoutLimits: true })).toEqual(evaluate(runtime, input));
  });

  it("keeps the extension and the function in agreement under the limits", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, fc.integer({ min: 0, max: 300 }), (c, input, extra) => {
        // Pretend the cart also has `extra` lines no offer reads.
        const sized = { ...input, lineCount: input.lines.length + extra };
        const runtime = load(compile(c));
        const fn = loadForFunction(compile(c, { form: "function" }));
        if (!runtime || !fn) throw new Error("did not load");
        const ev = evaluate(runtime, sized, { checkoutLimits: true });
        const totals = earnedTotals(fn, sized, { checkoutLimits: true });
        const lines = new Set(totals.lines.map((l) => l.lineId));
        const promised = new Set(
          ev.discounts.flatMap((d) => (d.target === "lines" ? d.lines.map((l) => l.lineId) : [])),
        );
        expect(lines).toEqual(promised);
        expect(totals.freeShipping).toBe(ev.discounts.some((d) => d.target === "shipping"));
      }),
      { numRuns: 300 },
    );
  });
});
