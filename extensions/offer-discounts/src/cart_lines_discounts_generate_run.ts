import { formatMoney, parseMoney } from "../../../app/engine";
import { earnedDiscounts, prepareCart } from "./adapter";
import type {
  CartLinesDiscountsGenerateRunResult,
  CartLinesInput,
  ProductDiscountCandidate,
} from "./types";

const NOTHING: CartLinesDiscountsGenerateRunResult = { operations: [] };

/**
 * Target `cart.lines.discounts.generate.run`: the engine's line discounts as product discount
 * candidates. One candidate per discounted line, its fixed amount the sum of what every offer
 * takes off that line (the engine already stacked and capped them), so with the ALL strategy
 * Shopify applies exactly the engine's total to each line. FIRST or MAXIMUM would apply a single
 * candidate of the whole list. No message: the cart shows the discount's title.
 */
export function cartLinesDiscountsGenerateRun(
  input: CartLinesInput,
): CartLinesDiscountsGenerateRunResult {
  try {
    const cart = prepareCart(input, "lines");
    if (!cart) return NOTHING;
    const digits = cart.config.digits;
    const perLine = new Map<string, number>();
    for (const discount of earnedDiscounts(cart, null)) {
      if (discount.target !== "lines") continue;
      for (const { lineId, amount } of discount.lines) {
        const minor = parseMoney(amount, digits);
        if (minor === null) return NOTHING;
        perLine.set(lineId, (perLine.get(lineId) ?? 0) + minor);
      }
    }
    const candidates: ProductDiscountCandidate[] = [];
    // In cart order, so the output is stable for the same cart.
    for (const line of cart.checkout.lines) {
      const minor = perLine.get(line.id);
      if (!minor) continue;
      candidates.push({
        targets: [{ cartLine: { id: line.id } }],
        value: { fixedAmount: { amount: formatMoney(minor, digits) } },
      });
    }
    if (candidates.length === 0) return NOTHING;
    return { operations: [{ productDiscountsAdd: { selectionStrategy: "ALL", candidates } }] };
  } catch {
    // Never break a checkout: no discount rather than an error.
    return NOTHING;
  }
}
