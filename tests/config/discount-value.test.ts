import { describe, expect, it } from "vitest";
import { formatProblem, validateConfig } from "../../app/config";

const problems = (offer: Record<string, unknown>, currency = "USD") => {
  const result = validateConfig({ version: 1, currency, offers: [offer] });
  return result.ok ? [] : result.problems.map(formatProblem);
};

const item = (n: number, price: string, quantity?: number) => ({
  variantId: `v${n}`,
  productId: `p${n}`,
  title: `Item ${n}`,
  price,
  ...(quantity === undefined ? {} : { quantity }),
});
const upgrade = {
  id: "up",
  kind: "upgrade",
  title: "Up",
  status: "active",
  trigger: { productIds: ["p1"] },
  to: item(2, "35.00"),
};
const { to: _to, ...upgradeBase } = upgrade;
const addOn = { ...upgradeBase, id: "add", kind: "cross-sell", item: item(3, "9.00") };
const bundle = {
  id: "set",
  kind: "bundle",
  title: "Set",
  status: "active",
  items: [item(4, "6.00", 2), item(5, "12.00")],
};

describe("discount value fields (DESIGN §3.1)", () => {
  it.each([
    ["an upgrade's discountAmount", { ...upgrade, discountAmount: "5.00" }],
    [
      "an upgrade's discountAmount above its price (capped when applied)",
      { ...upgrade, discountAmount: "50.00" },
    ],
    ["an add-on's discountAmount", { ...addOn, discountAmount: "1.50" }],
    ["a bundle's bundlePrice", { ...bundle, bundlePrice: "20.00" }],
    ["a bundle's discountPercent", { ...bundle, discountPercent: 10 }],
  ])("accepts %s", (_, offer) => {
    expect(problems(offer)).toEqual([]);
  });

  it.each([
    [
      { ...upgrade, discountPercent: 10, discountAmount: "5.00" },
      "USD",
      "offers[0].discountAmount: give either discountPercent or discountAmount, not both",
    ],
    [
      { ...addOn, discountAmount: "1.505" },
      "USD",
      'offers[0].discountAmount: must be a positive amount with at most 2 decimals, like "24.00"',
    ],
    [{ ...addOn, discountAmount: "0" }, "USD", "offers[0].discountAmount: must be greater than 0"],
    [
      { ...addOn, discountAmount: 5 },
      "USD",
      'offers[0].discountAmount: must be a positive amount with at most 2 decimals, like "24.00", as a string',
    ],
    [bundle, "USD", "offers[0].discountPercent: is required, or give bundlePrice"],
    [
      { ...bundle, discountPercent: 10, bundlePrice: "20.00" },
      "USD",
      "offers[0].bundlePrice: give either discountPercent or bundlePrice, not both",
    ],
    [
      { ...bundle, bundlePrice: "24.00" },
      "USD",
      "offers[0].bundlePrice: must be lower than the set's list total (24.00)",
    ],
    [
      { ...bundle, items: [item(4, "600", 2), item(5, "1200")], bundlePrice: "2400.5" },
      "JPY",
      'offers[0].bundlePrice: must be a positive whole amount (this currency has no minor unit), like "2400"',
    ],
    [
      { ...bundle, items: [item(4, "6.000", 2), item(5, "12.000")], bundlePrice: "25.000" },
      "KWD",
      "offers[0].bundlePrice: must be lower than the set's list total (24.000)",
    ],
    [{ ...bundle, discountAmount: "5.00" }, "USD", "offers[0].discountAmount: unknown field"],
  ])("rejects %j (%s)", (offer, currency, expected) => {
    expect(problems(offer as Record<string, unknown>, currency)).toContain(expected);
  });
});
