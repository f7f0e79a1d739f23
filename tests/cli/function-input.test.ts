import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ladder } from "../../app/cli/run";
import { parseMoney, pricedLineCapacity, type Evaluation } from "../../app/engine";
import { cartDeliveryOptionsDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_delivery_options_discounts_generate_run";
import { cartLinesDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_lines_discounts_generate_run";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
} from "../../extensions/offer-discounts/src/types";

const ROOT = path.resolve(import.meta.dirname, "../..");

const cents = (amount: string) => parseMoney(amount, 2) ?? Number.NaN;

/** The example pair with the waxing add-on in the cart: a line discount and free shipping. */
function examplePair(): string {
  const fixtures = path.join(ROOT, "tests/fixtures");
  const checkout = JSON.parse(
    readFileSync(path.join(fixtures, "checkout.example.json"), "utf8"),
  ) as {
    lines: unknown[];
  };
  checkout.lines.push({
    id: "line-3",
    variantId: "gid://shopify/ProductVariant/2003",
    productId: "gid://shopify/Product/1003",
    title: "Waxing",
    quantity: 1,
    unitPrice: "15.00",
    attributes: { _ladder_offer: "waxing" },
  });
  const dir = mkdtempSync(path.join(tmpdir(), "ladder-fn-input-"));
  writeFileSync(path.join(dir, "checkout.json"), JSON.stringify(checkout));
  writeFileSync(
    path.join(dir, "config.json"),
    readFileSync(path.join(fixtures, "config.example.json"), "utf8"),
  );
  return dir;
}

function perLine(evaluation: Evaluation): Map<string, number> {
  const lines = new Map<string, number>();
  for (const d of evaluation.discounts) {
    if (d.target !== "lines") continue;
    for (const l of d.lines) lines.set(l.lineId, (lines.get(l.lineId) ?? 0) + cents(l.amount));
  }
  return lines;
}

function applied(input: CartLinesInput): Map<string, number> {
  const lines = new Map<string, number>();
  for (const op of cartLinesDiscountsGenerateRun(input).operations) {
    for (const c of op.productDiscountsAdd.candidates) {
      for (const t of c.targets) lines.set(t.cartLine.id, cents(c.value.fixedAmount.amount));
    }
  }
  return lines;
}

describe("ladder function-input (DESIGN §3.4)", () => {
  const dir = examplePair();
  const args = ["--config", "config.json", "--checkout", "checkout.json"];

  it("prints the input on which the function applies what `ladder evaluate` reports", async () => {
    const evaluation = JSON.parse((await ladder(["evaluate", ...args], dir)).stdout) as Evaluation;
    const lines = await ladder(["function-input", ...args, "--target", "lines"], dir);
    expect(lines.code).toBe(0);
    const input = JSON.parse(lines.stdout) as CartLinesInput;
    expect(input.cart.lines.map((l) => l.ladderOffer)).toEqual([null, null, { value: "waxing" }]);
    const expected = perLine(evaluation);
    expect(expected.size).toBeGreaterThan(0);
    expect(applied(input)).toEqual(expected);

    const delivery = await ladder(["function-input", ...args, "--target", "delivery"], dir);
    expect(delivery.code).toBe(0);
    const deliveryIn = JSON.parse(delivery.stdout) as CartDeliveryOptionsInput;
    expect(deliveryIn.cart.deliveryGroups).toHaveLength(1);
    const shipping = evaluation.discounts.some((d) => d.target === "shipping");
    const free = cartDeliveryOptionsDiscountsGenerateRun(deliveryIn).operations.length > 0;
    expect(free).toBe(shipping);
  });

  it("exits 2 with one line per problem naming its path, every problem at once", async () => {
    const bad = mkdtempSync(path.join(tmpdir(), "ladder-fn-input-"));
    writeFileSync(path.join(bad, "config.json"), JSON.stringify({ version: 1, currency: "USD" }));
    writeFileSync(path.join(bad, "checkout.json"), JSON.stringify({ lines: "none" }));
    const result = await ladder(
      [
        "function-input",
        "--config",
        "config.json",
        "--checkout",
        "checkout.json",
        "--target",
        "order",
      ],
      bad,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    for (const line of lines) expect(line).toMatch(/^[A-Za-z-][\w[\].-]*: \S/);
    expect(lines).toContain('--target: must be "lines" or "delivery"');
    expect(lines.some((l) => l.startsWith("offers"))).toBe(true);
    expect(lines.some((l) => l.startsWith("lines"))).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const missing = await ladder(["function-input", ...args], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe("--target: is required");
  });
});

describe("evaluate and the function agree beyond the function's capacity", () => {
  it("a long cart of upgraded lines: both stand aside, free delivery still applies", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ladder-capacity-"));
    const upgrades = Array.from({ length: 80 }, (_, i) => ({
      id: `u${i}`,
      kind: "upgrade",
      title: `Upgrade ${i}`,
      status: "active",
      trigger: { variantIds: [`gid://shopify/ProductVariant/${1000 + i}`] },
      to: {
        variantId: `gid://shopify/ProductVariant/${2000 + i}`,
        productId: `gid://shopify/Product/${2000 + i}`,
        title: `Better ${i}`,
        price: "5.00",
      },
      discountPercent: 10,
    }));
    const shipping = {
      id: "ship",
      kind: "free-shipping",
      title: "Free shipping",
      status: "active",
      threshold: "10.00",
    };
    writeFileSync(
      path.join(dir, "config.json"),
      JSON.stringify({
        version: 1,
        currency: "USD",
        settings: { holdoutPercent: 0 },
        offers: [...upgrades, shipping],
      }),
    );
    const cart = (priced: number) => ({
      lines: Array.from({ length: 100 }, (_, i) =>
        i < priced
          ? {
              id: `gid://shopify/CartLine/${i}`,
              variantId: `gid://shopify/ProductVariant/${2000 + i}`,
              productId: `gid://shopify/Product/${2000 + i}`,
              quantity: 1,
              unitPrice: "5.00",
              attributes: { _ladder_offer: `u${i}` },
            }
          : {
              id: `gid://shopify/CartLine/${i}`,
              variantId: `gid://shopify/ProductVariant/${9000 + i}`,
              productId: `gid://shopify/Product/${9000 + i}`,
              quantity: 1,
              unitPrice: "3.00",
            },
      ),
      customer: null,
      countryCode: "US",
      visitorKey: "v",
      now: "2026-11-22T12:00:00Z",
    });
    const args = ["--config", "config.json", "--checkout", "checkout.json"];
    for (const [priced, discounted] of [
      [pricedLineCapacity(100), pricedLineCapacity(100)],
      [pricedLineCapacity(100) + 1, 0],
    ] as const) {
      writeFileSync(path.join(dir, "checkout.json"), JSON.stringify(cart(priced)));
      const evaluated = await ladder(["evaluate", ...args], dir);
      expect(evaluated.stderr).toBe("");
      const evaluation = JSON.parse(evaluated.stdout) as Evaluation;
      const printed = await ladder(["function-input", ...args, "--target", "lines"], dir);
      expect(printed.stderr).toBe("");
      const input = JSON.parse(printed.stdout) as CartLinesInput;
      expect(perLine(evaluation).size).toBe(discounted);
      expect(applied(input)).toEqual(perLine(evaluation));
      expect(evaluation.discounts.some((d) => d.target === "shipping")).toBe(true);
    }
  });
});
