import { discountsOf, earn } from "./earn";
import { normalizeCheckout } from "./normalize";
import type { CheckoutInput, Discount, RuntimeConfig } from "./types";

/**
 * Only the discounts a cart earns: what the discount function applies. Equal, by construction,
 * to `evaluate(config, input).discounts`, without ranking offers or rendering their texts.
 */
export function earnedDiscounts(config: RuntimeConfig, input: CheckoutInput): Discount[] {
  const checkout = normalizeCheckout(input, config.digits);
  return discountsOf(earn(config, checkout).applied, config);
}
