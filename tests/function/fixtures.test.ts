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
import { readLean } from "../../app/engine";
import { cartDeliveryOptionsDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_delivery_options_discounts_generate_run";
import { cartLinesDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_lines_discounts_generate_run";
import { joinConfig } from "../../extensions/offer-discounts/src/contract";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
} from "../../extensions/offer-discounts/src/types";
import { decodeLeanText } from "./build-input";
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

  it("holds configs that key triggers by variant only, in the parts publishing writes", async () => {
    for (const file of files) {
      const input = (await loadFixture(path.join(FIXTURES, file))).input as CartLinesInput;
      const parts = input.discount;
      const joined = joinConfig([
        parts.config?.jsonValue,
        parts.config2?.jsonValue,
        parts.config3?.jsonValue,
        parts.config4?.jsonValue,
      ]);
      const text = joined === null ? null : readLean(joined, "USD", "1");
      if (!joined || !text) continue; // the bad-config fixtures
      const config = decodeLeanText(joined);
      expect(Object.keys(config.ix).filter((key) => !["v", "t", "e"].includes(key))).toEqual([]);
      for (const key of [...Object.keys(config.ix.v ?? {}), ...Object.keys(config.ix.t ?? {})]) {
        expect(key).toMatch(/^gid:\/\/shopify\/ProductVariant\/\d+$/);
      }
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
