/**
 * The carts the discount function is measured on: the engine benchmark's 200-offer config (every
 * kind, Shopify-sized GIDs), its triggers resolved as publishing resolves them, each trigger
 * product having VARIANTS_PER_PRODUCT variants; carts of 1 to 200 lines in two shapes:
 *
 * - dense: every line is one an offer prices, and nearly every line earns a discount (upgraded
 *   lines, add-ons next to their trigger, complete bundles, quantity breaks, gifts): the most
 *   work per line the config allows;
 * - sparse: one line in ten is such a line, the others are products no offer names.
 *
 * Both at the engine's capacity (`pricedLineCapacity`) are what the capacity rule is checked on.
 */
import {
  compile,
  formatMoney,
  pricedLineCapacity,
  type CheckoutInput,
  type CheckoutLine,
  type Offer,
  type OfferConfig,
  type TriggerResolver,
} from "../../app/engine";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
} from "../../extensions/offer-discounts/src/types";
import { deliveryInput, functionInput } from "../function/build-input";
import { benchCart, benchConfig } from "./engine";

export const LINE_COUNTS = [1, 10, 50, 100, 200] as const;
export const CAPACITY_LINE_COUNTS = [50, 100, 200] as const;
export const OFFER_COUNT = 200;
/** Sizes, colours: a trigger product in a real catalog rarely has a single variant. */
export const VARIANTS_PER_PRODUCT = 2;

export type CartShape = "dense" | "sparse" | "at capacity";

const BASE = 8_100_000_000_000;
const gid = (type: string, n: number) => `gid://shopify/${type}/${BASE + n}`;
const numberOf = (id: string) => Number(id.slice(id.lastIndexOf("/") + 1)) - BASE;

/**
 * The bench catalog as publishing looks it up: product n has variants n, n + 100,000, … (the
 * engine benchmark's carts use variant n of product n).
 */
export function benchResolver(variantsPerProduct = VARIANTS_PER_PRODUCT): TriggerResolver {
  return {
    product: (id) =>
      Array.from({ length: variantsPerProduct }, (_, k) =>
        gid("ProductVariant", numberOf(id) + k * 100_000),
      ),
  };
}

export function functionBenchConfig(): OfferConfig {
  return benchConfig(OFFER_COUNT);
}

const price = (n: number) => formatMoney(1_000 + ((n * 7_717) % 40_000), 2);

/** The lines that make an offer earn its discount (free shipping needs none). */
function earningLines(offer: Offer): { variantId: string; quantity: number }[] {
  const variantOf = (productId: string) => gid("ProductVariant", numberOf(productId));
  switch (offer.kind) {
    case "upgrade":
      return [{ variantId: offer.to.variantId, quantity: 1 }];
    case "cross-sell":
      return [
        { variantId: variantOf(offer.trigger.productIds?.[0] ?? ""), quantity: 1 },
        { variantId: offer.item.variantId, quantity: 1 },
      ];
    case "bundle":
      return offer.items.map((item) => ({
        variantId: item.variantId,
        quantity: item.quantity ?? 1,
      }));
    case "volume":
      return [{ variantId: variantOf(offer.trigger.productIds?.[0] ?? ""), quantity: 6 }];
    case "gift":
      return [{ variantId: offer.item.variantId, quantity: 1 }];
    case "free-shipping":
      return [];
  }
}

/** `count` lines an offer prices, in config order, each variant once. */
function pricedLines(config: OfferConfig, count: number): CheckoutLine[] {
  const lines: CheckoutLine[] = [];
  const seen = new Set<string>();
  for (const offer of config.offers) {
    for (const { variantId, quantity } of earningLines(offer)) {
      if (lines.length === count) return lines;
      if (seen.has(variantId)) continue;
      seen.add(variantId);
      lines.push({
        id: "",
        variantId,
        productId: "",
        quantity,
        unitPrice: price(numberOf(variantId) % 1_000),
      });
    }
  }
  if (lines.length < count) throw new Error(`the config prices only ${lines.length} lines`);
  return lines;
}

/** A line of a product no offer names. */
function otherLine(n: number): CheckoutLine {
  return {
    id: "",
    variantId: gid("ProductVariant", 50_000 + n),
    productId: gid("Product", 50_000 + n),
    quantity: 1 + (n % 3),
    unitPrice: price(n),
  };
}

/**
 * A cart of `lineCount` lines of which `priced` are lines offers price, spread evenly; the
 * customer and clock of the engine benchmark.
 */
export function benchFunctionCart(
  config: OfferConfig,
  lineCount: number,
  priced: number,
): CheckoutInput {
  const own = pricedLines(config, priced);
  const lines: CheckoutLine[] = [];
  let next = 0;
  for (let i = 0; i < lineCount; i += 1) {
    // Line i is priced when it is the first at or past its share of the cart.
    const due = next < priced && i >= Math.floor((next * lineCount) / priced);
    const line = due ? own[next++] : otherLine(i);
    if (!line) throw new Error("ran out of priced lines");
    lines.push({ ...line, id: `gid://shopify/CartLine/${i + 1}` });
  }
  return { ...benchCart(0), lines };
}

export interface FunctionBenchCase {
  shape: CartShape;
  lines: number;
  /** Lines an offer prices. */
  priced: number;
  linesInput: CartLinesInput;
  deliveryInput: CartDeliveryOptionsInput;
}

const DELIVERY_GROUPS = [
  { id: "gid://shopify/CartDeliveryGroup/1", deliveryAddress: { countryCode: "US" } },
];

function benchCase(
  config: OfferConfig,
  shape: CartShape,
  lines: number,
  priced: number,
  resolve: TriggerResolver,
): FunctionBenchCase {
  const cart = benchFunctionCart(config, lines, priced);
  return {
    shape,
    lines,
    priced,
    linesInput: functionInput(config, cart, { resolve }),
    deliveryInput: deliveryInput(config, cart, DELIVERY_GROUPS, { resolve }),
  };
}

/** Dense and sparse carts of every size in LINE_COUNTS, then carts exactly at capacity. */
export function functionBenchCases(): FunctionBenchCase[] {
  const config = functionBenchConfig();
  const resolve = benchResolver();
  const cases: FunctionBenchCase[] = [];
  for (const shape of ["dense", "sparse"] as const) {
    for (const lines of LINE_COUNTS) {
      const priced = shape === "dense" ? lines : Math.ceil(lines / 10);
      cases.push(benchCase(config, shape, lines, priced, resolve));
    }
  }
  for (const lines of CAPACITY_LINE_COUNTS) {
    cases.push(benchCase(config, "at capacity", lines, pricedLineCapacity(lines), resolve));
  }
  return cases;
}

/** The function form's size in bytes for the bench config, by variants per trigger product. */
export function functionConfigBytes(variantsPerProduct: number): number {
  const published = compile(functionBenchConfig(), {
    activeOnly: true,
    form: "function",
    resolve: benchResolver(variantsPerProduct),
  });
  return Buffer.byteLength(JSON.stringify(published));
}
