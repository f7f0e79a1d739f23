import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pickVariant } from "../../app/engine";

/** A/B copies through the command line (DESIGN §3.1 "Variants", §3.4). */

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const CLI = path.join(ROOT, "app/cli/ladder.ts");

function ladder(args: string[], cwd: string) {
  const result = spawnSync(TSX, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: cwd },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const item = (name: string, price: string) => ({
  variantId: `gid://shopify/ProductVariant/${name}`,
  productId: `gid://shopify/Product/${name}`,
  title: name,
  price,
});

const config = {
  version: 1,
  currency: "USD",
  settings: { holdoutPercent: 0 },
  offers: [
    {
      id: "lens",
      kind: "cross-sell",
      title: "Lens",
      status: "active",
      trigger: { productIds: ["gid://shopify/Product/1"] },
      item: item("3", "40.00"),
      discountPercent: 10,
      variants: [
        { id: "A", weight: 3 },
        { id: "B", weight: 1, message: "Zoom in for {price}", item: item("4", "60.00") },
      ],
    },
  ],
};

const checkout = (visitorKey: string) => ({
  lines: [
    {
      id: "line-1",
      variantId: "gid://shopify/ProductVariant/1",
      productId: "gid://shopify/Product/1",
      title: "Camera",
      quantity: 1,
      unitPrice: "100.00",
    },
  ],
  customer: null,
  visitorKey,
  now: "2026-11-22T12:00:00Z",
});

interface Shown {
  offerId: string;
  variantId?: string;
  headline: string;
  action: { variantId: string };
}

// Spawning the CLI takes seconds on a busy machine: a generous bound, not a speed check.
const SPAWN = 60_000;

describe("ladder CLI with variants", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ladder-ab-"));
  writeFileSync(path.join(dir, "config.json"), JSON.stringify(config));
  const [offer] = config.offers;
  if (!offer) throw new Error("no offer");
  // Two buyers of each copy, found with the engine's own assignment.
  const keysOf = (id: string) =>
    Array.from({ length: 200 }, (_, i) => `checkout-${i}`)
      .filter((key) => pickVariant(offer.variants, offer.id, key)?.id === id)
      .slice(0, 2);
  const cases = [...keysOf("A").map((k) => ["A", k]), ...keysOf("B").map((k) => ["B", k])];
  for (const [, key] of cases) {
    writeFileSync(path.join(dir, `${key}.json`), JSON.stringify(checkout(key ?? "")));
  }
  const evaluate = (key: string) => {
    const r = ladder(["evaluate", "--config", "config.json", "--checkout", `${key}.json`], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { offers: Shown[] };
  };

  it(
    "validate accepts the config",
    () => {
      expect(ladder(["validate", "--config", "config.json"], dir).code).toBe(0);
    },
    SPAWN,
  );

  it.each(cases)(
    "evaluate shows copy %s to %s, with its variantId, text and item",
    (variant, key) => {
      const { offers } = evaluate(key ?? "");
      expect(offers).toHaveLength(1);
      const [shown] = offers;
      expect(shown?.offerId).toBe("lens");
      expect(shown?.variantId).toBe(variant);
      if (variant === "B") {
        expect(shown?.headline).toBe("Zoom in for $54.00");
        expect(shown?.action.variantId).toBe("gid://shopify/ProductVariant/4");
      } else {
        expect(shown?.headline).toBe("Add 3 and save $4.00");
        expect(shown?.action.variantId).toBe("gid://shopify/ProductVariant/3");
      }
    },
    SPAWN,
  );

  it(
    "invalid variants exit 2 with one line per problem naming the path",
    () => {
      const bad = structuredClone(config);
      const first = bad.offers[0];
      if (!first) throw new Error("no offer");
      first.variants = [
        { id: "A", weight: 0 },
        { id: "A", weight: 1 },
      ];
      writeFileSync(path.join(dir, "bad.json"), JSON.stringify(bad));
      const r = ladder(["validate", "--config", "bad.json"], dir);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([
        "offers[0].variants[0].weight: must be a whole number from 1 to 1000000",
        'offers[0].variants[1].id: duplicate variant id "A" (also variants[0].id)',
      ]);
    },
    SPAWN,
  );
});
