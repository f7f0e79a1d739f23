import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../app/config";
import {
  assignGroup,
  compile,
  earnedDiscounts,
  earnedTotals,
  loadForFunction,
  parseMoney,
  type CheckoutInput,
  type Evaluation,
  type OfferConfig,
} from "../../app/engine";
import { checkoutArb, configArb } from "./arbitraries";
import { run } from "./builders";

const cents = (amount: string) => parseMoney(amount, 2) ?? Number.NaN;
const RUNS = { numRuns: 400 };

function lineTotals(input: CheckoutInput): Map<string, number> {
  return new Map(input.lines.map((l) => [l.id, cents(l.unitPrice) * l.quantity]));
}

describe("engine invariants (fast-check)", () => {
  it("the generators produce configs the validator accepts", () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const result = validateConfig(config);
        expect(result.ok ? [] : result.problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("discounts never exceed a line's total, alone or together", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        const totals = lineTotals(input);
        const used = new Map<string, number>();
        for (const d of run(config, input).discounts) {
          if (d.target !== "lines") continue;
          for (const l of d.lines) {
            const amount = cents(l.amount);
            expect(amount).toBeGreaterThan(0);
            used.set(l.lineId, (used.get(l.lineId) ?? 0) + amount);
          }
        }
        for (const [lineId, amount] of used)
          expect(amount).toBeLessThanOrEqual(totals.get(lineId) ?? -1);
      }),
      RUNS,
    );
  });

  it("per-line amounts sum exactly to the offer's amount", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        for (const d of run(config, input).discounts) {
          if (d.target !== "lines") continue;
          const sum = d.lines.reduce((acc, l) => acc + cents(l.amount), 0);
          expect(sum).toBe(cents(d.amount));
        }
      }),
      RUNS,
    );
  });

  it("at most one offer discounts a line, and an upgrade only the lines it made (rule 14)", () => {
    let upgraded = 0;
    fc.assert(
      fc.property(configArb, checkoutArb, (config, random) => {
        // Half the lines of an upgrade's target carry that upgrade's id, the way checkout marks
        // the line it replaced; the others keep the generator's random attribute.
        const input = {
          ...random,
          lines: random.lines.map((l, i) => {
            const made = config.offers.find(
              (o) => o.kind === "upgrade" && o.to.variantId === l.variantId,
            );
            return made && i % 2 === 0 ? { ...l, attributes: { _ladder_offer: made.id } } : l;
          }),
        };
        const ev = run(config, input);
        const owner = new Map<string, string>();
        for (const d of ev.discounts) {
          if (d.target !== "lines") continue;
          const offer = config.offers.find((o) => o.id === d.offerId);
          for (const { lineId } of d.lines) {
            expect(owner.get(lineId)).toBeUndefined();
            owner.set(lineId, d.offerId);
            if (offer?.kind !== "upgrade") continue;
            const line = input.lines.find((l) => l.id === lineId);
            expect(line?.variantId).toBe(offer.to.variantId);
            expect(line?.attributes?._ladder_offer?.split("#")[0]).toBe(offer.id);
            upgraded += 1;
          }
        }
      }),
      RUNS,
    );
    expect(upgraded).toBeGreaterThan(5);
  });

  it("each line keeps the largest amount any single offer would take off it alone", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        const together = run(config, input).discounts;
        const kept = new Map<string, number>();
        for (const d of together) {
          if (d.target !== "lines") continue;
          for (const l of d.lines) kept.set(l.lineId, cents(l.amount));
        }
        // Line offers alone (gifts read the subtotal others leave, so they are left out here).
        for (const offer of config.offers) {
          if (offer.kind === "gift" || offer.kind === "free-shipping") continue;
          const alone = run({ ...config, offers: [offer] }, input).discounts;
          for (const d of alone) {
            if (d.target !== "lines") continue;
            for (const l of d.lines) {
              expect(kept.get(l.lineId) ?? 0).toBeGreaterThanOrEqual(cents(l.amount));
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("evaluation is deterministic", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        expect(run(config, structuredClone(input))).toEqual(run(structuredClone(config), input));
      }),
      { numRuns: 200 },
    );
  });

  it("every offer is accounted for, and none is both shown and suppressed (rule 12)", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        const ev = run(config, input);
        const visible = new Set([
          ...ev.offers.map((o) => o.offerId),
          ...ev.progress.map((p) => p.offerId),
        ]);
        const suppressed = new Set(ev.suppressed.map((s) => s.offerId));
        for (const offer of config.offers) {
          expect(visible.has(offer.id) !== suppressed.has(offer.id), offer.id).toBe(true);
        }
        expect(ev.suppressed).toHaveLength(suppressed.size);
      }),
      RUNS,
    );
  });

  it("ranking puts upsells first, then by priority, and never shows more than maxOffers", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        const ev = run(config, input);
        const byId = new Map(config.offers.map((o, i) => [o.id, { ...o, index: i }]));
        const keys = ev.offers.map((o) => {
          const offer = byId.get(o.offerId);
          const upsell = o.kind === "upgrade" || o.kind === "volume";
          return [upsell ? 0 : 1, -(offer?.priority ?? 0), offer?.index ?? 0] as const;
        });
        for (let i = 1; i < keys.length; i += 1) {
          const [a, b] = [keys[i - 1], keys[i]];
          if (!a || !b) continue;
          expect(
            a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))),
          ).toBe(true);
        }
        // Rule 4: a reached gift's claim is not a pitch and never counts against maxOffers.
        const pitches = ev.offers.filter((o) => o.kind !== "gift");
        expect(pitches.length).toBeLessThanOrEqual(config.settings?.maxOffers ?? 2);
        for (const claim of ev.offers.filter((o) => o.kind === "gift")) {
          expect(ev.progress.find((p) => p.offerId === claim.offerId)?.reached).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("shown upgrades and add-ons respect the price ratio (rule 3)", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        const ev = run(config, input);
        const ratio = config.settings?.maxPriceRatio ?? 1.5;
        for (const shown of ev.offers) {
          const offer = config.offers.find((o) => o.id === shown.offerId);
          if (offer?.kind !== "upgrade" && offer?.kind !== "cross-sell") continue;
          const offeredPrice = cents(offer.kind === "upgrade" ? offer.to.price : offer.item.price);
          const target = offer.kind === "upgrade" ? offer.to.variantId : offer.item.variantId;
          const best = Math.max(
            ...input.lines.filter((l) => l.variantId !== target).map((l) => cents(l.unitPrice)),
          );
          expect(offeredPrice).toBeLessThanOrEqual(ratio * best * (1 + 1e-12));
        }
      }),
      RUNS,
    );
  });

  it("discounts do not depend on who is looking: holdout, muted, budget and cooling buyers earn the same", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        // Same customer (so the same segments), with and without the rules that hide offers.
        const plain = input.customer && {
          ...input.customer,
          tags: (input.customer.tags ?? []).filter(
            (t) => t !== "open-complaint" && t !== "budget-sensitive",
          ),
          lastAcceptedAt: null,
        };
        const as = (extra: Partial<NonNullable<CheckoutInput["customer"]>>) => ({
          ...input,
          customer: plain && {
            ...plain,
            ...extra,
            tags: [...(plain.tags ?? []), ...(extra.tags ?? [])],
          },
        });
        const reference = run(config, as({}));
        const shy: OfferConfig = {
          ...config,
          settings: { ...config.settings, holdoutPercent: 50 },
        };
        const variants: Evaluation[] = [
          run(shy, as({})),
          run(config, as({ tags: ["open-complaint"] })),
          run(config, as({ tags: ["budget-sensitive"] })),
          run(config, as({ lastAcceptedAt: "2026-11-21T00:00:00Z" })),
        ];
        for (const ev of variants) expect(ev.discounts).toEqual(reference.discounts);
      }),
      { numRuns: 200 },
    );
  });

  it("earnedDiscounts (the function's entry point) equals the evaluation's discounts", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        const runtime = loadForFunction(compile(config, { form: "function" }));
        if (!runtime) throw new Error("did not load");
        expect(earnedDiscounts(runtime, input)).toEqual(run(config, input).discounts);
      }),
      RUNS,
    );
  });

  it("earnedTotals (the function's output) sums the evaluation's discounts per line", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        const runtime = loadForFunction(compile(config, { form: "function" }));
        if (!runtime) throw new Error("did not load");
        const ev = run(config, input);
        const expected = new Map<string, number>();
        for (const d of ev.discounts) {
          if (d.target !== "lines") continue;
          for (const l of d.lines)
            expected.set(l.lineId, (expected.get(l.lineId) ?? 0) + cents(l.amount));
        }
        const totals = earnedTotals(runtime, input);
        expect(new Map(totals.lines.map((l) => [l.lineId, l.amount]))).toEqual(expected);
        expect(totals.lines.map((l) => l.lineId)).toEqual(
          input.lines.map((l) => l.id).filter((id) => expected.has(id)),
        );
        expect(totals.freeShipping).toBe(ev.discounts.some((d) => d.target === "shipping"));
      }),
      RUNS,
    );
  });

  it("holdout buyers see no offers and no progress", () => {
    fc.assert(
      fc.property(configArb, checkoutArb, (config, input) => {
        const ev = run(config, input);
        if (ev.group === "holdout") {
          expect(ev.offers).toEqual([]);
          expect(ev.progress).toEqual([]);
        }
      }),
      RUNS,
    );
  });
});

describe("holdout assignment", () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `checkout-${i.toString(36)}-token`);

  it.each([5, 10, 25, 50])("puts about %i percent of 20,000 visitors in the holdout", (percent) => {
    const held = keys.filter((k) => assignGroup(k, percent) === "holdout").length / keys.length;
    // Binomial standard error at 20k keys is ≤ 0.36 points; allow four of them.
    expect(Math.abs(held * 100 - percent)).toBeLessThan(1.5);
  });

  it("is stable for a key and nested as the share grows", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 49 }), (key, percent) => {
        expect(assignGroup(key, percent)).toBe(assignGroup(key, percent));
        if (assignGroup(key, percent) === "holdout")
          expect(assignGroup(key, percent + 1)).toBe("holdout");
      }),
    );
    expect(assignGroup("anyone", 0)).toBe("treatment");
  });
});
