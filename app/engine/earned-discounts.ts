import { discountsOf, earn, type EarnOptions } from "./earn";
import { normalizeCheckout } from "./normalize";
import type { CheckoutInput, CheckoutLine, Discount, Minor, RuntimeConfig } from "./types";

/**
 * Only the discounts a cart earns: what the discount function applies. Equal, by construction,
 * to `evaluate(config, input).discounts`, without ranking offers or rendering their texts, and
 * decoding only the offers the cart touches. `input.lines` may be just the lines `touches`
 * accepts, with `input.subtotal` the whole cart's: the result is the same.
 */
export function earnedDiscounts(
  config: RuntimeConfig,
  input: CheckoutInput,
  options: EarnOptions = {},
): Discount[] {
  const checkout = normalizeCheckout(input, config.digits);
  return discountsOf(earn(config, checkout, "touched", options).applied, config);
}

/** What the discount function applies: per cart line, the one offer's amount (rule 14); shipping. */
export interface EarnedTotals {
  /** Discounted lines in cart order, each with its total discount in minor units (> 0). */
  lines: { lineId: string; amount: Minor }[];
  /** Whether an offer in force makes delivery free. */
  freeShipping: boolean;
}

/**
 * The discounts a cart earns, summed per line: the shape a Shopify Function outputs. The same
 * computation as `earnedDiscounts`, without formatting a string per offer and line.
 */
export function earnedTotals(
  config: RuntimeConfig,
  input: CheckoutInput,
  options: EarnOptions = {},
): EarnedTotals {
  const checkout = normalizeCheckout(input, config.digits);
  const { applied } = earn(config, checkout, "touched", options);
  // Dense from the start: an array with holes is a slow dictionary in the function's engine.
  const perLine: Minor[] = new Array<Minor>(checkout.lines.length).fill(0);
  let freeShipping = false;
  for (const d of applied) {
    if (d.target === "shipping") freeShipping = true;
    else for (const l of d.lines) perLine[l.line.index] = (perLine[l.line.index] ?? 0) + l.amount;
  }
  const lines: EarnedTotals["lines"] = [];
  for (const line of checkout.lines) {
    const amount = perLine[line.index];
    if (amount) lines.push({ lineId: line.id, amount });
  }
  return { lines, freeShipping };
}

/**
 * Whether a cart line can matter to any offer's discount, judged by what the caller knows of it;
 * the discount function hands the engine only such lines, so a long cart costs little.
 */
export function touches(
  config: RuntimeConfig,
  line: Pick<CheckoutLine, "variantId"> &
    Partial<Pick<CheckoutLine, "productId" | "collectionIds" | "tags">>,
): boolean {
  if (config.byVariant(line.variantId) !== undefined) return true;
  if (config.byTarget(line.variantId) !== undefined) return true;
  if (line.productId && config.byProduct(line.productId) !== undefined) return true;
  for (const id of line.collectionIds ?? []) if (config.byCollection(id) !== undefined) return true;
  for (const tag of line.tags ?? []) if (config.byTag(tag.toLowerCase()) !== undefined) return true;
  return false;
}
