import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  measureStorefront,
  STOREFRONT_ASSET_BUDGET,
  STOREFRONT_PAGE_BUDGET,
  storefrontOverBudget,
} from "../../scripts/extension-size";
import {
  assetPath,
  buildStorefront,
  PRIVATE_PROPS,
  propertyNames,
} from "../../scripts/storefront-build";

describe("storefront assets", () => {
  it("are what `npm run build:storefront` makes from the source", async () => {
    for (const asset of await buildStorefront()) {
      expect(readFileSync(assetPath(asset.name), "utf8"), `assets/${asset.name} is stale`).toBe(
        asset.code,
      );
    }
  });

  it("stay within 10,000 B gzip per script and 12,000 B for a page's scripts together", () => {
    const sizes = measureStorefront();
    expect(sizes.map((s) => s.name)).toEqual(["ladder-engine.js", "ladder.css", "ladder.js"]);
    const scripts = sizes.filter((s) => s.name.endsWith(".js"));
    // The engine asset holds the engine: a bundle that lost it would be suspiciously small.
    expect(scripts[0]?.raw).toBeGreaterThan(15_000);
    for (const script of scripts) expect(script.gzip).toBeLessThanOrEqual(STOREFRONT_ASSET_BUDGET);
    const page = scripts.reduce((sum, s) => sum + s.gzip, 0);
    expect(page).toBeLessThanOrEqual(STOREFRONT_PAGE_BUDGET);
    expect(STOREFRONT_PAGE_BUDGET).toBe(12_000);
    expect(storefrontOverBudget(sizes)).toEqual([]);
  });

  it("rename only Ladder's private property names, alike in both assets", () => {
    const [engine, script] = ["ladder-engine.js", "ladder.js"].map((name) =>
      readFileSync(assetPath(name), "utf8"),
    );
    // Names that cross the page's boundary stay as they are: the Cart API's, the page data's.
    for (const name of ["variant_id", "quantity", "properties", "attributes", "items"]) {
      expect(script).toContain(`.${name}`);
    }
    // The engine's objects reach the script: neither may use a private name as it is.
    for (const code of [engine ?? "", script ?? ""]) {
      const used = propertyNames(code);
      expect(PRIVATE_PROPS.filter((name) => used.has(name))).toEqual([]);
    }
  });

  it("flags a page whose scripts together exceed the budget", () => {
    expect(
      storefrontOverBudget([
        { name: "a.js", raw: 1, gzip: 7_000 },
        { name: "b.js", raw: 1, gzip: 6_000 },
      ]),
    ).toEqual(["all scripts on a page: 13000 B gzip > 12000"]);
  });
});
