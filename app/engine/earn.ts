import { canDiscountLines } from "./can-discount";
import { pricedLineCapacity } from "./capacity";
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
  /** The cart has more lines to price than the discount function can afford: no line discounts. */
  standAside: boolean;
}

export interface EarnOptions {
  /**
   * Apply the discount function's capacity (see `pricedLineCapacity`): the checkout extension
   * and the function do, so they agree; the command line and previews of the rules do not.
   */
  checkoutLimits?: boolean;
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
  options: EarnOptions = {},
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
  const standAside =
    options.checkoutLimits === true && matches.pricedLines > pricedLineCapacity(checkout.lineCount);
  const forceReasons: (SuppressionReason | null | undefined)[] = [];
  for (const index of positions)
    forceReasons[index] = outOfForce(config.offerAt(index), checkout, segments);
  // Standing aside, only what applies everywhere (free shipping) is priced.
  const priced = standAside
    ? positions.filter((index) => !canDiscountLines(config.offerAt(index)))
    : positions;
  const discounts = computeDiscounts(config, checkout, priced, forceReasons, matches.byOffer, cart);
  return { ...discounts, cart, matches, segments, forceReasons, standAside };
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
    const discount: Discount = {
      offerId,
      target: "lines",
      lines,
      amount: formatMoney(d.amount, config.digits),
    };
    if (d.percentShown !== null) discount.percent = d.percentShown;
    out.push(discount);
  }
  return out;
}
