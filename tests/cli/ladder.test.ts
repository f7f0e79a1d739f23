import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ladder as runLadder } from "../../app/cli/run";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "tests/fixtures");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const CLI = path.join(ROOT, "app/cli/ladder.ts");

// The command runs in-process (no process start-up to wait for on a busy machine); the tests
// that start a real process check only what the entry point adds: output streams and exit code.
function ladder(args: string[], cwd = ROOT) {
  return runLadder(args, cwd);
}

function scratch(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ladder-cli-"));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(
      path.join(dir, name),
      typeof content === "string" ? content : JSON.stringify(content),
    );
  }
  return dir;
}

/** Every stderr line names a JSON path (or the file) and never shows a stack trace. */
function expectProblemLines(stderr: string) {
  const lines = stderr.trim().split("\n");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(/^[A-Za-z-][\w[\].-]*: \S/);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("ladder CLI (DESIGN §3.4)", () => {
  it("evaluate prints the evaluation as JSON and exits 0", async () => {
    const r = await ladder([
      "evaluate",
      "--config",
      path.join(FIXTURES, "config.example.json"),
      "--checkout",
      path.join(FIXTURES, "checkout.example.json"),
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const ev = JSON.parse(r.stdout);
    expect(Object.keys(ev)).toEqual(["group", "offers", "progress", "discounts", "suppressed"]);
    expect(ev.offers[0]).toMatchObject({
      offerId: "premium-wash",
      action: { type: "replace-line", lineId: "line-1" },
    });
  });

  it("validate exits 0 for a valid config", async () => {
    const r = await ladder(["validate", "--config", path.join(FIXTURES, "config.example.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("reads paths relative to the caller's directory when run through npm", () => {
    const dir = scratch({ "c.json": { version: 1, currency: "USD", offers: [] } });
    const r = spawnSync(
      "npm",
      ["--prefix", ROOT, "run", "-s", "ladder", "--", "validate", "--config", "c.json"],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(0);
  });

  it("as a process, prints to stdout and stderr and exits with the command's code", () => {
    const dir = scratch({ "bad.json": { version: 1, currency: "USD", offers: [{ id: "a" }] } });
    const ok = spawnSync(TSX, [CLI, "validate", "--config", "bad.json"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: dir },
    });
    expect(ok.status).toBe(2);
    expect(ok.stdout).toBe("");
    expectProblemLines(ok.stderr);
    const good = spawnSync(
      TSX,
      [CLI, "validate", "--config", path.join(FIXTURES, "config.example.json")],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/^valid: \d+ offers/);
    expect(good.stderr).toBe("");
  });

  it("exits 2 with one line per problem for an invalid config", async () => {
    const dir = scratch({
      "bad.json": {
        version: 1,
        currency: "USD",
        offers: [
          {
            id: "v",
            kind: "volume",
            title: "V",
            status: "active",
            trigger: { tags: ["x"] },
            tiers: [{ minQuantity: 3, discountPercent: 120 }],
          },
          { id: "v", kind: "gift" },
        ],
      },
    });
    const r = await ladder(["validate", "--config", "bad.json"], dir);
    expect(r.code).toBe(2);
    expectProblemLines(r.stderr);
    expect(r.stderr).toContain("offers[0].tiers[0].discountPercent: must be between 0 and 100");
    expect(r.stderr).toContain('offers[1].id: duplicate id "v" (also offers[0].id)');
    expect(r.stderr).toContain("offers[1].threshold: is required");
    expect(r.stdout).toBe("");
  });

  it.each([
    ["broken JSON", '{ "version": 1,', /^config: .* is not valid JSON/],
    ["a missing file", null, /^config: cannot read "missing.json": no such file/],
    ["a JSON array", [], /^config: must be a JSON object/],
  ])("exits 2 for %s", async (_, content, pattern) => {
    const dir = content === null ? scratch({}) : scratch({ "missing.json": content });
    const r = await ladder(
      ["evaluate", "--config", "missing.json", "--checkout", "missing.json"],
      dir,
    );
    expect(r.code).toBe(2);
    expectProblemLines(r.stderr);
    expect(r.stderr).toMatch(pattern);
  });

  it("exits 2 for an invalid checkout, naming its paths", async () => {
    const dir = scratch({
      "checkout.json": {
        lines: [{ id: "l1", variantId: "v", productId: "p", quantity: -1, unitPrice: "abc" }],
        countryCode: 1,
      },
    });
    const r = await ladder(
      [
        "evaluate",
        "--config",
        path.join(FIXTURES, "config.example.json"),
        "--checkout",
        "checkout.json",
      ],
      dir,
    );
    expect(r.code).toBe(2);
    expectProblemLines(r.stderr);
    expect(r.stderr).toContain("lines[0].quantity: must be a whole number ≥ 1");
    expect(r.stderr).toContain("lines[0].unitPrice: must be an amount ≥ 0 with at most 2 decimals");
    expect(r.stderr).toContain("countryCode: must be a 2-letter country code");
  });

  it("reports the config's and the checkout's problems together", async () => {
    const dir = scratch({
      "config.json": { version: 1, currency: "USD", offers: [{ id: "a", kind: "gift" }] },
      "checkout.json": {
        lines: [
          { id: "l1", variantId: "v", productId: "p", quantity: 1, unitPrice: "1.00" },
          { id: "l1", variantId: "v", quantity: 0, unitPrice: "1.00" },
        ],
      },
    });
    const r = await ladder(
      ["evaluate", "--config", "config.json", "--checkout", "checkout.json"],
      dir,
    );
    expect(r.code).toBe(2);
    expectProblemLines(r.stderr);
    expect(r.stderr).toContain("offers[0].threshold: is required");
    expect(r.stderr).toContain("lines[1].productId: is required");
    expect(r.stderr).toContain("lines[1].quantity: must be a whole number ≥ 1");
    // A repeated line id is reported even next to other problems of the same line.
    expect(r.stderr).toContain('lines[1].id: duplicate line id "l1" (also lines[0].id)');
  });

  it("refuses amounts and quantities too large to compute exactly, with exit 2", async () => {
    const line = { id: "l1", variantId: "v", productId: "p", quantity: 1, unitPrice: "1.00" };
    const dir = scratch({
      "config.json": {
        version: 1,
        currency: "USD",
        offers: [
          { id: "f", kind: "free-shipping", title: "F", status: "active", threshold: "1e3" },
          {
            id: "g",
            kind: "free-shipping",
            title: "G",
            status: "active",
            threshold: "99999999999999999999.00",
          },
        ],
      },
      "price.json": { lines: [{ ...line, unitPrice: "99999999999999999999.99" }] },
      "quantity.json": { lines: [{ ...line, quantity: 1e20 }] },
      "total.json": {
        lines: [{ ...line, unitPrice: "9999999999.00", quantity: 1_000_000 }],
      },
    });
    const valid = path.join(FIXTURES, "config.example.json");
    const config = await ladder(["validate", "--config", "config.json"], dir);
    expect(config.code).toBe(2);
    expect(config.stderr.trim().split("\n")).toEqual([
      'offers[0].threshold: must be a positive amount with at most 2 decimals, like "24.00"',
      "offers[1].threshold: must be at most 10000000000.00",
    ]);
    for (const [file, message] of [
      ["price.json", "lines[0].unitPrice: must be at most 10000000000.00"],
      ["quantity.json", "lines[0].quantity: must be at most 1000000"],
      ["total.json", "lines: the cart's total (unit prices × quantities) must be at most"],
    ] as const) {
      const r = await ladder(["evaluate", "--config", valid, "--checkout", file], dir);
      expect(r.code).toBe(2);
      expectProblemLines(r.stderr);
      expect(r.stderr).toContain(message);
    }
  });

  it("warns about checkout fields it does not read, and still evaluates", async () => {
    const example = JSON.parse(
      readFileSync(path.join(FIXTURES, "checkout.example.json"), "utf8"),
    ) as { customer: Record<string, unknown> };
    const dir = scratch({
      "checkout.json": {
        ...example,
        coupon: "X",
        customer: { ...example.customer, lastAcceptedAT: "2026-11-20T00:00:00Z" },
      },
    });
    const r = await ladder(
      [
        "evaluate",
        "--config",
        path.join(FIXTURES, "config.example.json"),
        "--checkout",
        "checkout.json",
      ],
      dir,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("group");
    expect(r.stderr.trim().split("\n")).toEqual([
      "warning: checkout coupon: unknown field, ignored",
      "warning: checkout customer.lastAcceptedAT: unknown field, ignored",
    ]);
  });

  it.each([
    [["frobnicate"]],
    [["evaluate", "--config"]],
    [["validate"]],
    [["evaluate", "--config", "x.json", "--bogus"]],
  ])("exits 2 on usage errors: %j", async (args) => {
    const r = await ladder(args);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
