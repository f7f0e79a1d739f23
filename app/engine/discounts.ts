import { allocate } from "./allocate";
import { bundlePriceOff } from "./bundle-price";
import type { CartView } from "./cart";
import type { TriggerMatch } from "./match";
import { percentOf } from "./percent";
import { compareRank } from "./rank";
import { crossSellTargets } from "./variants";
import type {
  Minor,
  PercentUnits,
  RuntimeBundle,
  RuntimeCheckout,
  RuntimeConfig,
  RuntimeLine,
  RuntimeVolume,
  SuppressionReason,
} from "./types";

export interface AppliedLine {
  line: RuntimeLine;
  amount: Minor;
}

export type AppliedDiscount =
  | {
      offerIndex: number;
      target: "lines";
      lines: AppliedLine[];
      amount: Minor;
      /** Null when the offer takes an amount off rather than a percent. */
      percentShown: number | null;
    }
  | { offerIndex: number; target: "shipping"; percentShown: 100 };

export interface DiscountResult {
  /** In config order; line discounts first resolved, then gifts, then shipping. */
  applied: AppliedDiscount[];
  /** Per gift offer index: the subtotal its threshold compares (gift lines left out). */
  giftBasis: Map<number, Minor>;
  /** Cart subtotal after every line discount Ladder applies. */
  subtotal: Minor;
}

interface Claim {
  line: RuntimeLine;
  /** The part of the line's total this offer discounts. */
  base: Minor;
}

/** Whole lines at a percent: a lone line skips the spreading (the common case). */
function spreadLines(lines: readonly RuntimeLine[], percent: PercentUnits): AppliedLine[] {
  const only = lines.length === 1 ? lines[0] : undefined;
  if (only) return [{ line: only, amount: percentOf(only.total, percent) }];
  return spread(wholeLines(lines), percent);
}

/** One offer's claims on lines → its amount, half-up on the total, spread by largest remainder. */
function spread(claims: Claim[], percent: PercentUnits): AppliedLine[] {
  const total = percentOf(
    claims.reduce((sum, c) => sum + c.base, 0),
    percent,
  );
  return spreadTotal(claims, total);
}

/** An offer's total over its claims in proportion to their list value (largest remainder). */
function spreadTotal(claims: Claim[], total: Minor): AppliedLine[] {
  const parts = allocate(
    total,
    claims.map((c) => c.base),
  );
  return claims.map((c, i) => ({ line: c.line, amount: parts[i] ?? 0 }));
}

export function bundleSets(offer: RuntimeBundle, cart: CartView): number {
  let sets = Number.POSITIVE_INFINITY;
  for (const item of offer.items) {
    sets = Math.min(sets, Math.floor(cart.quantityOf(item.variantId) / item.quantity));
  }
  return Number.isFinite(sets) ? sets : 0;
}

function bundleClaims(offer: RuntimeBundle, cart: CartView, sets: number): Claim[] {
  const claims: Claim[] = [];
  for (const item of offer.items) {
    let units = sets * item.quantity;
    for (const line of cart.linesByVariant.get(item.variantId) ?? []) {
      if (units === 0) break;
      const taken = Math.min(units, line.quantity);
      claims.push({ line, base: taken * line.unitPrice });
      units -= taken;
    }
  }
  return claims;
}

/** The tier a quantity reaches (tiers are validated as strictly increasing). */
export function tierFor(
  offer: RuntimeVolume,
  quantity: number,
): RuntimeVolume["tiers"][number] | null {
  let reached: RuntimeVolume["tiers"][number] | null = null;
  for (const tier of offer.tiers) if (tier.minQuantity <= quantity) reached = tier;
  return reached;
}

/** The cart's lines of these product variants, in cart order; undefined when there are none. */
function targetLines(
  cart: CartView,
  variantIds: readonly string[],
): readonly RuntimeLine[] | undefined {
  const [only] = variantIds;
  if (variantIds.length === 1 && only !== undefined) return cart.linesByVariant.get(only);
  const lines: RuntimeLine[] = [];
  for (const id of variantIds) lines.push(...(cart.linesByVariant.get(id) ?? []));
  return lines.length > 0 ? lines.sort((a, b) => a.index - b.index) : undefined;
}

function wholeLines(lines: readonly RuntimeLine[]): Claim[] {
  return lines.map((line) => ({ line, base: line.total }));
}

/** Money off each unit, never more than the unit price: nothing to round or spread. */
function amountOffLines(lines: readonly RuntimeLine[], amountOff: Minor): AppliedLine[] {
  return lines.map((line) => ({
    line,
    amount: (amountOff < line.unitPrice ? amountOff : line.unitPrice) * line.quantity,
  }));
}

/** An upgrade or add-on's lines at its percent or its amount off each unit. */
function itemLines(
  lines: readonly RuntimeLine[],
  offer: { percent: PercentUnits; amountOff: Minor },
): AppliedLine[] {
  return offer.amountOff > 0
    ? amountOffLines(lines, offer.amountOff)
    : spreadLines(lines, offer.percent);
}

/** What one offer would take off which lines, before rule 14 picks one offer per line. */
interface Want {
  offerIndex: number;
  lines: AppliedLine[];
  percentShown: number | null;
}

/**
 * The discounts the cart earns from offers in force, for every buyer (holdout included).
 * `positions` are the offers to consider, ascending: all of them for an evaluation, the ones the
 * cart touches for the discount function (an offer nothing in the cart leads to earns nothing).
 *
 * Rule 14: every offer first computes what it would take off each line (its total rounded and
 * spread on its own); then each line keeps the single offer that takes the most off it (ties:
 * ranking order), never a sum, so no line goes below zero; an offer's discount is the sum of the
 * lines it keeps, never re-spread. An upgrade's discount falls only on lines the upgrade made
 * (`_ladder_offer`). Thresholds read the subtotal after line discounts; every gift compares the
 * same subtotal (after line offers, before any gift) without its own lines.
 */
export function computeDiscounts(
  config: RuntimeConfig,
  checkout: RuntimeCheckout,
  positions: readonly number[],
  forceReasons: readonly (SuppressionReason | null | undefined)[],
  matches: ReadonlyMap<number, TriggerMatch>,
  cart: CartView,
): DiscountResult {
  const wants: Want[] = [];
  // Per cart position: the amount the winning offer takes off the line and the winner (-1: none).
  const bestAmount: Minor[] = new Array<Minor>(checkout.lines.length).fill(0);
  const bestOffer: number[] = new Array<number>(checkout.lines.length).fill(-1);

  const want = (offerIndex: number, lines: AppliedLine[], percentShown: number | null) => {
    const offer = config.offerAt(offerIndex);
    for (const entry of lines) {
      // An offer never takes more than the line's total (a line never goes below zero).
      if (entry.amount > entry.line.total) entry.amount = entry.line.total;
      if (entry.amount <= 0) continue;
      const at = entry.line.index;
      const current = bestAmount[at] ?? 0;
      const holder = bestOffer[at] ?? -1;
      if (
        entry.amount > current ||
        (entry.amount === current && holder >= 0 && compareRank(offer, config.offerAt(holder)) < 0)
      ) {
        bestAmount[at] = entry.amount;
        bestOffer[at] = offerIndex;
      }
    }
    wants.push({ offerIndex, lines, percentShown });
  };

  const gifts: number[] = [];
  const shipping: number[] = [];
  for (const index of positions) {
    const offer = config.offerAt(index);
    if (offer.kind === "gift") gifts.push(index);
    if (offer.kind === "free-shipping") shipping.push(index);
    if (forceReasons[index] !== null) continue;
    switch (offer.kind) {
      case "upgrade": {
        if (offer.percent <= 0 && offer.amountOff <= 0) break;
        // Rule 14: only lines this upgrade made; a buyer who picked the item directly pays its price.
        const lines = (cart.linesByVariant.get(offer.to.variantId) ?? []).filter(
          (line) => line.ladderOffer === offer.id,
        );
        if (lines.length > 0) want(index, itemLines(lines, offer), shownPercent(offer));
        break;
      }
      case "cross-sell":
        if ((offer.percent > 0 || offer.amountOff > 0) && matches.has(index)) {
          const lines = targetLines(cart, crossSellTargets(offer));
          if (lines) want(index, itemLines(lines, offer), shownPercent(offer));
        }
        break;
      case "bundle": {
        const sets = bundleSets(offer, cart);
        if (sets === 0) break;
        const claims = bundleClaims(offer, cart, sets);
        if (offer.bundlePrice === null) {
          want(index, spread(claims, offer.percent), offer.percentShown);
        } else {
          const off = bundlePriceOff(offer, cart, sets, offer.bundlePrice);
          want(index, spreadTotal(claims, off), null);
        }
        break;
      }
      case "volume": {
        const match = matches.get(index);
        if (!match) break;
        let quantity = 0;
        for (const line of match.lines) quantity += line.quantity;
        const tier = tierFor(offer, quantity);
        if (tier) want(index, spreadLines(match.lines, tier.percent), tier.percentShown);
        break;
      }
      default:
        break;
    }
  }

  // Every gift compares the same subtotal: after line offers, before any gift, without its own lines.
  let lineOffersTook = 0;
  for (const amount of bestAmount) lineOffersTook += amount;
  const afterLineOffers = checkout.subtotal - lineOffersTook;
  const giftBasis = new Map<number, Minor>();
  const lineOfferAmounts = [...bestAmount];
  for (const index of gifts) {
    const offer = config.offerAt(index);
    if (offer.kind !== "gift") continue;
    const own = cart.linesByVariant.get(offer.item.variantId) ?? [];
    let basis = afterLineOffers;
    for (const line of own) basis -= line.total - (lineOfferAmounts[line.index] ?? 0);
    giftBasis.set(index, basis);
    if (forceReasons[index] !== null || basis < offer.threshold) continue;
    // One gift unit, on the first line of the gift item.
    const line = own[0];
    if (line) want(index, [{ line, amount: line.unitPrice }], 100);
  }

  // Each offer keeps the lines it won, in its own order; its amount is their sum.
  const applied: AppliedDiscount[] = [];
  let taken = 0;
  for (const w of wants) {
    const kept: AppliedLine[] = [];
    let amount = 0;
    for (const entry of w.lines) {
      if (bestOffer[entry.line.index] !== w.offerIndex || entry.amount <= 0) continue;
      kept.push(entry);
      amount += entry.amount;
    }
    if (amount > 0) {
      taken += amount;
      applied.push({
        offerIndex: w.offerIndex,
        target: "lines",
        lines: kept,
        amount,
        percentShown: w.percentShown,
      });
    }
  }

  const subtotal = checkout.subtotal - taken;
  for (const index of shipping) {
    const offer = config.offerAt(index);
    if (
      offer.kind === "free-shipping" &&
      forceReasons[index] === null &&
      subtotal >= offer.threshold
    ) {
      applied.push({ offerIndex: index, target: "shipping", percentShown: 100 });
    }
  }

  applied.sort((a, b) => a.offerIndex - b.offerIndex);
  return { applied, giftBasis, subtotal };
}

/** The percent an upgrade or add-on reports, or null when it takes an amount off. */
function shownPercent(offer: { amountOff: Minor; percentShown: number }): number | null {
  return offer.amountOff > 0 ? null : offer.percentShown;
}
