import { viewCart, type CartView } from "./cart";
import { computeDiscounts, type AppliedDiscount, type DiscountResult } from "./discounts";
import { outOfForce } from "./force";
import { matchTriggers, type TriggerMatches } from "./match";
import { formatMoney } from "./money";
import { customerSegments } from "./segments";
import type { Discount, RuntimeCheckout, RuntimeConfig, Segment, SuppressionReason } from "./types";

/** Everything about a checkout that does not depend on who is looking. */
export interface Earned extends DiscountResult {
  cart: CartView;
  matches: TriggerMatches;
  segments: ReadonlySet<Segment>;
  /** Per offer position: why it is out of force, or null. */
  forceReasons: (SuppressionReason | null)[];
}

/**
 * The part of an evaluation the discount function needs: which offers are in force, which lines
 * they match, and the discounts the cart earns. `evaluate` builds on exactly this, so what a
 * buyer is promised and what the function applies come from one computation.
 */
export function earn(config: RuntimeConfig, checkout: RuntimeCheckout): Earned {
  const segments = customerSegments(checkout.customer, config.settings);
  const forceReasons: (SuppressionReason | null)[] = [];
  for (const offer of config.offers) forceReasons.push(outOfForce(offer, checkout, segments));
  const cart = viewCart(checkout);
  const matches = matchTriggers(config, checkout);
  const discounts = computeDiscounts(config, checkout, forceReasons, matches.byOffer, cart);
  return { ...discounts, cart, matches, segments, forceReasons };
}

/** Applied discounts in the contract's shape (DESIGN §3.3), money as decimal strings. */
export function discountsOf(
  applied: readonly AppliedDiscount[],
  config: RuntimeConfig,
): Discount[] {
  const out: Discount[] = [];
  for (const d of applied) {
    const offerId = config.offers[d.offerIndex]?.id ?? "";
    if (d.target === "shipping") {
      out.push({ offerId, target: "shipping", percent: d.percentShown });
      continue;
    }
    const lines = [];
    for (const l of d.lines)
      lines.push({ lineId: l.line.id, amount: formatMoney(l.amount, config.digits) });
    out.push({
      offerId,
      target: "lines",
      lines,
      amount: formatMoney(d.amount, config.digits),
      percent: d.percentShown,
    });
  }
  return out;
}
