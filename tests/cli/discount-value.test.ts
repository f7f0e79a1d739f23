import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const CLI = path.join(ROOT, "app/cli/ladder.ts");

function ladder(args: string[], files: Record<string, unknown>) {
  const dir = mkdtempSync(path.join(tmpdir(), "ladder-cli-value-"));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), JSON.stringify(content));
  }
  const result = spawnSync(TSX, [CLI, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: dir },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const item = (n: number, price: string) => ({
  variantId: `v${n}`,
  productId: `p${n}`,
  title: `Item ${n}`,
  price,
});
const base = { status: "active", title: "T" };

describe("ladder CLI: discountAmount and bundlePrice (DESIGN §3.1)", () => {
  it("validate names each bad discount value field, one line each, exit 2", () => {
    const r = ladder(["validate", "--config", "c.json"], {
      "c.json": {
        version: 1,
        currency: "USD",
        offers: [
          {
            ...base,
            id: "u",
            kind: "upgrade",
            trigger: { productIds: ["p1"] },
            to: item(2, "30.00"),
            discountPercent: 10,
            discountAmount: "5.00",
          },
          {
            ...base,
            id: "x",
            kind: "cross-sell",
            trigger: { productIds: ["p1"] },
            item: item(3, "9.00"),
            discountAmount: "1.234",
          },
          {
            ...base,
            id: "b",
            kind: "bundle",
            items: [item(4, "6.00"), item(5, "4.00")],
            bundlePrice: "10.00",
          },
          { ...base, id: "n", kind: "bundle", items: [item(6, "6.00"), item(7, "4.00")] },
        ],
      },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "offers[0].discountAmount: give either discountPercent or discountAmount, not both",
      'offers[1].discountAmount: must be a positive amount with at most 2 decimals, like "24.00"',
      "offers[2].bundlePrice: must be lower than the set's list total (10.00)",
      "offers[3].discountPercent: is required, or give bundlePrice",
    ]);
  });

  it("evaluate applies an amount off an upgraded line and a set price, exit 0", () => {
    const r = ladder(["evaluate", "--config", "c.json", "--checkout", "k.json"], {
      "c.json": {
        version: 1,
        currency: "USD",
        settings: { holdoutPercent: 0 },
        offers: [
          {
            ...base,
            id: "u",
            kind: "upgrade",
            trigger: { productIds: ["p1"] },
            to: item(2, "30.00"),
            discountAmount: "5.00",
          },
          {
            ...base,
            id: "b",
            kind: "bundle",
            items: [item(4, "6.00"), item(5, "4.00")],
            bundlePrice: "7.00",
          },
        ],
      },
      "k.json": {
        lines: [
          {
            id: "l1",
            variantId: "v2",
            productId: "p2",
            quantity: 2,
            unitPrice: "30.00",
            attributes: { _ladder_offer: "u" },
          },
          { id: "l2", variantId: "v2", productId: "p2", quantity: 1, unitPrice: "30.00" },
          { id: "l3", variantId: "v4", productId: "p4", quantity: 1, unitPrice: "6.00" },
          { id: "l4", variantId: "v5", productId: "p5", quantity: 1, unitPrice: "4.00" },
        ],
        now: "2026-11-22T12:00:00Z",
      },
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const ev = JSON.parse(r.stdout) as { discounts: unknown[] };
    expect(ev.discounts).toEqual([
      {
        offerId: "u",
        target: "lines",
        lines: [{ lineId: "l1", amount: "10.00" }],
        amount: "10.00",
      },
      {
        offerId: "b",
        target: "lines",
        lines: [
          { lineId: "l3", amount: "1.80" },
          { lineId: "l4", amount: "1.20" },
        ],
        amount: "3.00",
      },
    ]);
  });
});
