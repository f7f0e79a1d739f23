import { readdirSync } from "node:fs";
import path from "node:path";
import {
  loadFixture,
  loadInputQuery,
  loadSchema,
  validateTestAssets,
  type FixtureData,
} from "@shopify/shopify-function-test-helpers";
import { describe, expect, it } from "vitest";
import { loadForFunction } from "../../app/engine";
import { cartDeliveryOptionsDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_delivery_options_discounts_generate_run";
import { cartLinesDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_lines_discounts_generate_run";
import { joinConfig, queriedTerms } from "../../extensions/offer-discounts/src/contract";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
} from "../../extensions/offer-discounts/src/types";
import { FUNCTION_SCHEMA_PATH, TARGETS } from "./support";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const files = readdirSync(FIXTURES).filter((file) => file.endsWith(".json"));

/** Runs a fixture's export the way the Shopify CLI maps the toml's export name to the function. */
function runExport(fixture: FixtureData): unknown {
  if (fixture.export === TARGETS.lines.export) {
    return cartLinesDiscountsGenerateRun(fixture.input as CartLinesInput);
  }
  if (fixture.export === TARGETS.delivery.export) {
    return cartDeliveryOptionsDiscountsGenerateRun(fixture.input as CartDeliveryOptionsInput);
  }
  throw new Error(`unknown export ${fixture.export}`);
}

function targetOf(fixture: FixtureData) {
  const found = Object.values(TARGETS).find((t) => t.target === fixture.target);
  if (!found) throw new Error(`unknown target ${fixture.target}`);
  return found;
}

describe("function fixtures (literal input JSON, validated by Shopify's function test helpers)", () => {
  it("covers every offer kind, both targets, and bad or missing config", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "upgrade.json",
        "cross-sell.json",
        "bundle.json",
        "volume.json",
        "free-shipping.json",
        "gift.json",
        "missing-config.json",
        "malformed-config.json",
        "malformed-config-delivery.json",
      ]),
    );
  });

  describe.each(files)("%s", (file) => {
    it("input, query and expected output are valid for the function's schema", async () => {
      const fixture = await loadFixture(path.join(FIXTURES, file));
      const target = targetOf(fixture);
      expect(fixture.export).toBe(target.export);
      // The helpers' own loaders: the schema and the query must come from their graphql module.
      const result = await validateTestAssets({
        schema: await loadSchema(FUNCTION_SCHEMA_PATH),
        fixture,
        inputQueryAST: await loadInputQuery(target.query),
      });
      expect(result.error).toBeUndefined();
      expect(result.mutationName).toBe(target.mutation);
      expect(result.inputQuery.errors).toEqual([]);
      expect(result.inputFixture.errors).toEqual([]);
      expect(result.outputFixture.errors).toEqual([]);
    });

    it("the function returns the expected output", async () => {
      const fixture = await loadFixture(path.join(FIXTURES, file));
      expect(runExport(fixture)).toEqual(fixture.expectedOutput);
    });
  });

  it("asks each line about the collections and tags the config's triggers name, in that order", async () => {
    const fixture = await loadFixture(path.join(FIXTURES, "cross-sell.json"));
    const input = fixture.input as CartLinesInput;
    const joined = joinConfig(input.discount.config?.jsonValue, input.discount.config2?.jsonValue);
    if (!joined || !loadForFunction(joined.config)) throw new Error("fixture config did not load");
    expect(queriedTerms(joined.config).collectionIds).toEqual(["gid://shopify/Collection/3002"]);
    for (const line of input.cart.lines) {
      expect(line.merchandise.product?.inCollections).toHaveLength(1);
    }
  });
});

describe("the validation itself", () => {
  it("rejects input the query did not ask for and output the target does not accept", async () => {
    const fixture = await loadFixture(path.join(FIXTURES, "upgrade.json"));
    const input = structuredClone(fixture.input) as { cart: { lines: Record<string, unknown>[] } };
    const first = input.cart.lines[0];
    if (first) first.title = "Premium wash";
    const result = await validateTestAssets({
      schema: await loadSchema(FUNCTION_SCHEMA_PATH),
      fixture: {
        ...fixture,
        input,
        expectedOutput: { operations: [{ productDiscountsAdd: { selectionStrategy: "EVERY" } }] },
      },
      inputQueryAST: await loadInputQuery(TARGETS.lines.query),
    });
    expect(result.inputFixture.errors.map((e) => e.message)).toEqual([
      "Extra field `title` found in fixture data not in query",
    ]);
    expect(result.outputFixture.errors.length).toBeGreaterThan(0);
  });
});
