import { describe, expect, it } from "vitest";
import { compile } from "../../app/engine";
import { compileForCheckout } from "../../app/offers/checkout-config";
import { config, offers } from "../engine/builders";

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

const cfg = config([
  offers.crossSell("a", "phone", "case", "5.00"),
  offers.crossSell("b", "tablet", "stand", "9.00"),
]);
const images = new Map([
  ["v-case", `https://cdn.example/${"c".repeat(200)}.png`],
  ["v-stand", `https://cdn.example/${"s".repeat(200)}.png`],
]);

describe("the checkout form publishing writes", () => {
  it("carries the offered items' images when they fit Ladder's budget", () => {
    const withImages = compile(cfg, { images });
    const published = compileForCheckout(cfg, { images }, bytes(withImages));
    expect(published).toEqual(withImages);
    expect(published.im).toHaveLength(2);
  });

  it("goes out without images when they would take it over the budget, offers unchanged", () => {
    const plain = compile(cfg);
    const withImages = compile(cfg, { images });
    const budget = bytes(withImages) - 1;
    expect(bytes(plain)).toBeLessThanOrEqual(budget);
    const published = compileForCheckout(cfg, { images }, budget);
    expect(published).toEqual(plain);
    expect(published.im).toBeUndefined();
  });
});
