/**
 * How many lines Ladder can price in one checkout without the discount function running out of
 * instructions (Shopify stops a function at 11 M WebAssembly instructions for carts up to 200
 * lines, and then applies nothing: a promised discount would be lost).
 *
 * Measured on the bundled function with Shopify's own JavaScript runtime (see the function's
 * README: a least-squares fit over 14 cart sizes, dense and sparse carts, both targets, rounded
 * up so the model sits above every measured cart): reading the config and starting costs about
 * FIXED, every cart line about PER_LINE (reading it and asking whether an offer wants it), and
 * every line an offer prices about PER_PRICED_LINE (the line, the offers it reaches and its
 * output). That allows 20 priced lines in a 1-line cart, 13 at 50 lines, 5 at 100 and none from
 * 138 lines on; carts at capacity measured at most 9.32 M instructions. At checkout, a cart over this capacity gets no line discounts from Ladder and
 * is shown no offer that promises one, so what is promised is still what is charged.
 */
const BUDGET = 9_500_000;
const FIXED = 2_100_000;
const PER_LINE = 45_000;
const PER_PRICED_LINE = 175_000;

export function pricedLineCapacity(lineCount: number): number {
  return Math.max(0, Math.floor((BUDGET - FIXED - PER_LINE * lineCount) / PER_PRICED_LINE));
}
