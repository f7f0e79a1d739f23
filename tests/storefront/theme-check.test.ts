import { check } from "@shopify/theme-check-node";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXTENSION_DIR } from "../../app/storefront/liquid.server";

/** Shopify's theme-check with its theme-app-extension rules (the extension's .theme-check.yml). */
async function offenses(root: string) {
  const found = await check(root, path.join(root, ".theme-check.yml"));
  return found.map((o) => ({
    severity: o.severity,
    check: o.check,
    file: path.relative(root, new URL(o.uri).pathname),
    message: o.message,
  }));
}

describe("theme-check", () => {
  it("finds nothing to report in the theme app extension", { timeout: 120_000 }, async () => {
    expect(await offenses(EXTENSION_DIR)).toEqual([]);
  });

  it(
    "does report what it should: a parser-blocking script in a copy",
    { timeout: 120_000 },
    async () => {
      const copy = mkdtempSync(path.join(tmpdir(), "ladder-theme-check-"));
      try {
        cpSync(EXTENSION_DIR, copy, { recursive: true });
        writeFileSync(
          path.join(copy, "snippets", "broken.liquid"),
          "{{ 'ladder.js' | asset_url | script_tag }}\n",
        );
        const found = await offenses(copy);
        expect(found).toContainEqual(
          expect.objectContaining({ severity: 0, check: "ParserBlockingScript" }),
        );
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
  );
});
