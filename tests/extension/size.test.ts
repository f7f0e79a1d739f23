// @vitest-environment node
// esbuild checks its TextEncoder against Node's Uint8Array, which jsdom's globals are not.
import { describe, expect, it } from "vitest";
import {
  BUDGET_BYTES,
  compressed,
  measureExtension,
  targetsOf,
} from "../../scripts/extension-size";

describe("bundle size (DESIGN §4)", () => {
  it("keeps every target, and the whole extension, within the 24 KB compressed budget", async () => {
    const sizes = await measureExtension();
    expect(sizes.map((s) => s.name)).toEqual([
      ...targetsOf().map((t) => t.target),
      "whole extension (uploaded)",
    ]);
    for (const size of sizes) {
      // A bundle that lost the engine or Preact would be suspiciously small.
      expect(size.raw, size.name).toBeGreaterThan(20 * 1024);
      expect(compressed(size), size.name).toBeLessThanOrEqual(BUDGET_BYTES);
    }
  });
});
