import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "../../app/engine/allocate";
import { formatMoney, parseMoney, parseMoneyRounded } from "../../app/engine/money";
import { percentOf, toPercentUnits } from "../../app/engine/percent";
import { parseInstant } from "../../app/engine/instant";
import { renderTemplate } from "../../app/engine/template";
import { minorDigits } from "../../app/engine/currency";

describe("money", () => {
  it.each([
    ["24.00", 2, 2400],
    ["24.5", 2, 2450],
    ["24", 2, 2400],
    ["0.01", 2, 1],
    ["2400", 0, 2400],
    ["1.125", 3, 1125],
  ])("parses %s with %i digits as %i", (text, digits, minor) => {
    expect(parseMoney(text, digits)).toBe(minor);
  });

  it.each([
    ["24.001", 2],
    ["24.0", 0],
    ["-1.00", 2],
    ["1e3", 2],
    ["", 2],
    [" 1", 2],
  ])("rejects %s (%i digits)", (text, digits) => {
    expect(parseMoney(text, digits)).toBeNull();
  });

  it("formats minor units back to decimal strings", () => {
    expect(formatMoney(5, 2)).toBe("0.05");
    expect(formatMoney(123456, 2)).toBe("1234.56");
    expect(formatMoney(7, 0)).toBe("7");
    expect(formatMoney(1125, 3)).toBe("1.125");
    expect(formatMoney(-250, 2)).toBe("-2.50");
  });

  it("round-trips every amount", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(0, 2, 3),
        (minor, digits) => {
          expect(parseMoney(formatMoney(minor, digits), digits)).toBe(minor);
        },
      ),
    );
  });

  it("reads cart amounts leniently, rounding half-up to the currency", () => {
    expect(parseMoneyRounded("19.995", 2)).toBe(2000);
    expect(parseMoneyRounded("19.994", 2)).toBe(1999);
    expect(parseMoneyRounded("20.0", 2)).toBe(2000);
    expect(parseMoneyRounded("20.", 2)).toBe(2000);
    expect(parseMoneyRounded("abc", 2)).toBeNull();
  });

  it("reads every well-formed cart amount exactly, fast path or not", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 49 }),
        fc.constantFrom(0, 2, 3),
        fc.integer({ min: 0, max: 3 }),
        (minor, digits, shown) => {
          // The same amount written with fewer or as many decimals as the currency has.
          const text = formatMoney(minor * 10 ** Math.max(0, digits - shown), digits);
          const trimmed =
            digits > shown && shown < digits
              ? text.slice(0, text.length - (digits - shown)).replace(/\.$/, "")
              : text;
          expect(parseMoneyRounded(trimmed, digits)).toBe(parseMoney(text, digits));
        },
      ),
    );
  });

  it("knows the minor digits of 0-, 2- and 3-digit currencies", () => {
    expect([
      minorDigits("JPY"),
      minorDigits("usd"),
      minorDigits("KWD"),
      minorDigits("XXX"),
    ]).toEqual([0, 2, 3, 2]);
  });
});

describe("percentOf", () => {
  it("rounds half-up", () => {
    expect(percentOf(15, toPercentUnits(50))).toBe(8); // 7.5 → 8
    expect(percentOf(14, toPercentUnits(50))).toBe(7);
    expect(percentOf(1999, toPercentUnits(12.5))).toBe(250); // 249.875
    expect(percentOf(1000, toPercentUnits(33.33))).toBe(333);
  });

  it("is exact for large amounts, matching BigInt arithmetic", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_000_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (amount, units) => {
          const exact = (BigInt(amount) * BigInt(units) + 500_000n) / 1_000_000n;
          expect(BigInt(percentOf(amount, units))).toBe(exact);
        },
      ),
    );
  });
});

describe("allocate", () => {
  it("spreads by largest remainder, ties to the earlier line", () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(8, [5, 5, 5])).toEqual([3, 3, 2]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
  });

  it("sums exactly, stays within each weight, and is proportional to within one unit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, share) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const total = Math.floor(sum * share);
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((part, i) => {
            const weight = weights[i] ?? 0;
            expect(part).toBeLessThanOrEqual(weight);
            if (sum > 0) expect(Math.abs(part - (total * weight) / sum)).toBeLessThan(1.000001);
          });
        },
      ),
    );
  });
});

describe("parseInstant", () => {
  it.each([
    ["2026-11-22", Date.UTC(2026, 10, 22)],
    ["2026-11-22T12:00:00Z", Date.UTC(2026, 10, 22, 12)],
    ["2026-11-22T12:00:00", Date.UTC(2026, 10, 22, 12)],
    ["2026-11-22T12:00", Date.UTC(2026, 10, 22, 12)],
    ["2026-11-22T12:00:00.250Z", Date.UTC(2026, 10, 22, 12, 0, 0, 250)],
    ["2026-11-22T12:00:00+02:00", Date.UTC(2026, 10, 22, 10)],
    ["2026-11-22T12:00:00-0500", Date.UTC(2026, 10, 22, 17)],
  ])("%s", (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
  });

  it.each([
    "2026-02-30",
    "2026-13-01",
    "2026-11-22T24:00:00Z",
    "22/11/2026",
    "tomorrow",
    "2026-11-22T12:00:00+25:00",
  ])("rejects %s", (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});

describe("renderTemplate", () => {
  const values = {
    "item.title": "Waxing",
    price: "$12.00",
    savings: null,
    "customer.firstName": null,
  };
  it.each([
    ["{customer.firstName}, add {item.title} for {price}!", "Add Waxing for $12.00!"],
    ["Add {item.title}, save {savings}!", "Add Waxing!"],
    ["Great choice. {customer.firstName}, add {item.title}!", "Great choice. Add Waxing!"],
    ["Add {item.title} (save {savings})!", "Add Waxing!"],
    ["Add {item.title}. Save {savings}.", "Add Waxing."],
    ["Add {item.title}, save {savings}", "Add Waxing"],
    ["Save 10.5% on {item.title}, {customer.firstName}...", "Save 10.5% on Waxing..."],
    [
      "Hi {customer.firstName}! Treat yourself: {item.title} for {price}.",
      "Treat yourself: Waxing for $12.00.",
    ],
    ["{item.title} — {savings} off", "Waxing"],
    ["{item.title} for just {price} - save {savings}", "Waxing for just $12.00"],
    ["Your add-on: {item.title} - {savings} off", "Your add-on: Waxing"],
    ["Add {item.title} for {price}", "Add Waxing for $12.00"],
  ])("%s → %s", (template, expected) => {
    expect(renderTemplate(template, values)).toBe(expected);
  });

  it("returns null when nothing is left, so a default applies", () => {
    expect(renderTemplate("Save {savings} today", values)).toBeNull();
    expect(renderTemplate("{customer.firstName}!", values)).toBeNull();
  });

  it("never prints undefined or null, never starts with punctuation", () => {
    const pieces = [
      "{customer.firstName}",
      "{savings}",
      "{item.title}",
      "add",
      "save",
      ", ",
      ". ",
      "! ",
      " (",
      ") ",
      " — ",
      " - ",
      "-",
      ": ",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const out = renderTemplate(parts.join(""), values);
        if (out === null) return;
        expect(out).not.toMatch(/undefined|null|\{/);
        expect(out).not.toMatch(/^(?:[\s,;:.!?)—–]|- )/);
      }),
    );
  });
});
