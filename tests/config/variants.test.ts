import { describe, expect, it } from "vitest";
import { formatProblem, validateConfig } from "../../app/config";

/** DESIGN §3.1 "Variants": what the validator accepts and how it words what it refuses. */

const lines = (input: unknown) => {
  const result = validateConfig(input);
  return result.ok ? [] : result.problems.map(formatProblem);
};

const add = { variantId: "v9", productId: "p9", title: "Zoom", price: "60.00" };

const crossSell = (variants: unknown, extra: Record<string, unknown> = {}) => ({
  version: 1,
  currency: "USD",
  offers: [
    {
      id: "lens",
      kind: "cross-sell",
      title: "Lens",
      status: "active",
      trigger: { productIds: ["p1"] },
      item: { variantId: "v3", productId: "p3", title: "Lens", price: "40.00" },
      variants,
      ...extra,
    },
  ],
});

const withKind = (offer: Record<string, unknown>) => ({
  version: 1,
  currency: "USD",
  offers: [{ id: "o", title: "O", status: "active", ...offer }],
});

describe("config variants", () => {
  it("accepts 2–4 copies with weights, texts and (cross-sell) items", () => {
    expect(
      lines(
        crossSell([
          { id: "A" },
          { id: "B_2", weight: 3, message: "Try {item.title}", why: "Sharper.", item: add },
          { id: "c-3", weight: 1 },
          { id: "D" },
        ]),
      ),
    ).toEqual([]);
  });

  it.each([
    ["too few", [{ id: "A" }], ["offers[0].variants: must list 2 to 4 variants, or be left out"]],
    [
      "too many",
      [{ id: "A" }, { id: "B" }, { id: "C" }, { id: "D" }, { id: "E" }],
      ["offers[0].variants: must list 2 to 4 variants"],
    ],
    [
      "duplicate ids",
      [{ id: "A" }, { id: "A" }],
      ['offers[0].variants[1].id: duplicate variant id "A" (also variants[0].id)'],
    ],
    [
      "an id with a separator",
      [{ id: "A#1" }, { id: "B" }],
      [
        "offers[0].variants[0].id: must be 1 to 32 letters, digits, - or _ (it is written after # in attributes)",
      ],
    ],
    [
      "an id too long",
      [{ id: "x".repeat(33) }, { id: "B" }],
      [
        "offers[0].variants[0].id: must be 1 to 32 letters, digits, - or _ (it is written after # in attributes)",
      ],
    ],
    ["no id", [{ weight: 2 }, { id: "B" }], ["offers[0].variants[0].id: is required"]],
    [
      "a zero weight",
      [{ id: "A", weight: 0 }, { id: "B" }],
      ["offers[0].variants[0].weight: must be a whole number from 1 to 1000000"],
    ],
    [
      "a fractional weight",
      [{ id: "A", weight: 1.5 }, { id: "B" }],
      ["offers[0].variants[0].weight: must be a whole number from 1 to 1000000"],
    ],
    [
      "an unknown placeholder",
      [{ id: "A", message: "Hi {name}" }, { id: "B" }],
      [
        "offers[0].variants[0].message: unknown placeholder {name}; use {customer.firstName}, {item.title}, {price}, {savings}, {remaining}, {threshold}",
      ],
    ],
    [
      "a bad item",
      [{ id: "A", item: { ...add, price: "-1" } }, { id: "B" }],
      [
        'offers[0].variants[0].item.price: must be a positive amount with at most 2 decimals, like "24.00"',
      ],
    ],
    [
      "an unknown field",
      [{ id: "A", colour: "red" }, { id: "B" }],
      ["offers[0].variants[0].colour: unknown field"],
    ],
    ["not an array", { id: "A" }, ["offers[0].variants: must be an array of variants"]],
  ])("refuses %s, naming the path", (_what, variants, expected) => {
    expect(lines(crossSell(variants))).toEqual(expected);
  });

  it("refuses an item on a copy of any offer but a cross-sell", () => {
    expect(
      lines(
        withKind({
          kind: "upgrade",
          trigger: { productIds: ["p1"] },
          to: add,
          variants: [{ id: "A", item: add }, { id: "B" }],
        }),
      ),
    ).toEqual([
      "offers[0].variants[0].item: only a cross-sell's variants can offer their own item",
    ]);
  });

  it("refuses variants on free shipping", () => {
    expect(
      lines(
        withKind({
          kind: "free-shipping",
          threshold: "50.00",
          variants: [{ id: "A" }, { id: "B" }],
        }),
      ),
    ).toEqual(["offers[0].variants: free shipping has no variants: it shows progress, not copy"]);
  });

  it.each([
    ["bundle", { items: [{ ...add }, { ...add, variantId: "v8" }], discountPercent: 10 }],
    ["volume", { trigger: { tags: ["x"] }, tiers: [{ minQuantity: 2, discountPercent: 5 }] }],
    ["gift", { threshold: "50.00", item: add }],
    ["upgrade", { trigger: { tags: ["x"] }, to: add }],
  ])("accepts copies on a %s", (kind, fields) => {
    expect(
      lines(withKind({ kind, ...fields, variants: [{ id: "A", why: "Because." }, { id: "B" }] })),
    ).toEqual([]);
  });

  it("refuses offer ids with # or , (attributes use them as separators)", () => {
    expect(lines(crossSell(undefined, { id: "lens#1" }))).toEqual([
      "offers[0].id: must not contain # or ,",
    ]);
    expect(lines(crossSell(undefined, { id: "a,b" }))).toEqual([
      "offers[0].id: must not contain # or ,",
    ]);
  });
});
