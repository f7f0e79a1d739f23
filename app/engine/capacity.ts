/**
 * How many lines Ladder can price in one checkout without the discount function running out of
 * instructions (Shopify stops a function at 11 M WebAssembly instructions for carts up to 200
 * lines, and then applies nothing: a promised discount would be lost).
 *
 * Measured on the bundled function with Shopify's own JavaScript runtime (see the function's
 * README: dense and sparse carts of 1 to 200 lines and carts at capacity, both targets, rounded up
 * so the model sits above every measured cart): starting and reading the config cost about FIXED,
 * every cart line about PER_LINE (Shopify reading it, and the lookup that turns most lines away),
 * and every line an offer prices about PER_PRICED_LINE more (its offer, its discount, its
 * output). That allows 45 priced lines in a 1-line cart, 32 at 50 lines, 29 at 60, 18 at 100,
 * 4 at 150 and none from 161 lines on; carts at capacity measured at most 9.40 M instructions.
 * At checkout, a cart over this capacity gets no line discounts from Ladder and is shown no offer
 * that promises one, so what is promised is still what is charged.
 */
const BUDGET = 9_500_000;
const FIXED = 2_100_000;
const PER_LINE = 45_000;
const PER_PRICED_LINE = 160_000;

export function pricedLineCapacity(lineCount: number): number {
  return Math.max(0, Math.floor((BUDGET - FIXED - PER_LINE * lineCount) / PER_PRICED_LINE));
}
