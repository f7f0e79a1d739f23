import { viewCart, type CartView } from "./cart";
import { computeDiscounts, type AppliedDiscount, type DiscountResult } from "./discounts";
import { outOfForce } from "./force";
import { matchTriggers, type TriggerMatches } from "./match";
import { formatMoney } from "./money";
import { customerSegments } from "./segments";
import type {
  Discount,
  LineDiscount,
  RuntimeCheckout,
  RuntimeConfig,
  Segment,
  SuppressionReason,
} from "./types";

/** Everything about a checkout that does not depend on who is looking. */
export interface Earned extends DiscountResult {
  cart: CartView;
  matches: TriggerMatches;
  segments: ReadonlySet<Segment>;
  /** Why an offer is out of force, or null; by position, for the offers considered. */
  forceReasons: (SuppressionReason | null | undefined)[];
}

/**
 * The part of an evaluation the discount function needs: which offers are in force, which lines
 * they match, and the discounts the cart earns. `evaluate` builds on exactly this, so what a
 * buyer is promised and what the function applies come from one computation.
 *
 * `scope` "all" considers every offer (an evaluation reports on each); "touched" only those the
 * cart's lines lead to plus those that apply everywhere, which earn the same discounts.
 */
export function earn(
  config: RuntimeConfig,
  checkout: RuntimeCheckout,
  scope: "all" | "touched",
): Earned {
  const segments = customerSegments(checkout.customer, config.settings);
  const cart = viewCart(checkout);
  let positions: number[];
  let matches: TriggerMatches;
  if (scope === "all") {
    matches = matchTriggers(config, checkout);
    positions = [];
    for (let i = 0; i < config.size; i += 1) positions.push(i);
  } else {
    matches = matchTriggers(config, checkout, config.everywhere);
    positions = matches.touched;
  }
  const forceReasons: (SuppressionReason | null | undefined)[] = [];
  for (const index of positions)
    forceReasons[index] = outOfForce(config.offerAt(index), checkout, segments);
  const discounts = computeDiscounts(
    config,
    checkout,
    positions,
    forceReasons,
    matches.byOffer,
    cart,
  );
  return { ...discounts, cart, matches, segments, forceReasons };
}

/** Applied discounts in the contract's shape (DESIGN §3.3), money as decimal strings. */
export function discountsOf(
  applied: readonly AppliedDiscount[],
  config: RuntimeConfig,
): Discount[] {
  const out: Discount[] = [];
  for (const d of applied) {
    const offerId = config.offerAt(d.offerIndex).id;
    if (d.target === "shipping") {
      out.push({ offerId, target: "shipping", percent: d.percentShown });
      continue;
    }
    const lines: LineDiscount[] = [];
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
