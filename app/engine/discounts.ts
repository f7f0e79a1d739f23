import { allocate } from "./allocate";
import type { CartView } from "./cart";
import type { TriggerMatch } from "./match";
import { percentOf } from "./percent";
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
      percentShown: number;
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

/**
 * The discounts the cart earns from offers in force, for every buyer (holdout included).
 * `positions` are the offers to consider, ascending: all of them for an evaluation, the ones the
 * cart touches for the discount function (an offer nothing in the cart leads to earns nothing).
 * Resolution rule when offers share a line: they stack in config order, each capped at what is
 * left of the line, so a line never goes below zero and the buyer gets every discount that fits.
 * Thresholds read the subtotal after line discounts; a gift's own lines never count towards it.
 */
export function computeDiscounts(
  config: RuntimeConfig,
  checkout: RuntimeCheckout,
  positions: readonly number[],
  forceReasons: readonly (SuppressionReason | null | undefined)[],
  matches: ReadonlyMap<number, TriggerMatch>,
  cart: CartView,
): DiscountResult {
  // What is left of each line's total, by cart position, and how much Ladder took in all.
  const left: Minor[] = [];
  for (const line of checkout.lines) left.push(line.total);
  let taken = 0;
  const applied: AppliedDiscount[] = [];

  const apply = (offerIndex: number, lines: AppliedLine[], percentShown: number) => {
    const kept: AppliedLine[] = [];
    let amount = 0;
    for (const { line, amount: wanted } of lines) {
      const room = left[line.index] ?? 0;
      const capped = wanted < room ? wanted : room;
      if (capped <= 0) continue;
      left[line.index] = room - capped;
      kept.push({ line, amount: capped });
      amount += capped;
    }
    if (amount > 0) {
      taken += amount;
      applied.push({ offerIndex, target: "lines", lines: kept, amount, percentShown });
    }
  };

  const gifts: number[] = [];
  const shipping: number[] = [];
  for (const index of positions) {
    const offer = config.offerAt(index);
    if (offer.kind === "gift") gifts.push(index);
    if (offer.kind === "free-shipping") shipping.push(index);
    if (forceReasons[index] !== null) continue;
    switch (offer.kind) {
      case "upgrade":
        if (offer.percent > 0) {
          const lines = cart.linesByVariant.get(offer.to.variantId);
          if (lines) apply(index, spreadLines(lines, offer.percent), offer.percentShown);
        }
        break;
      case "cross-sell":
        if (offer.percent > 0 && matches.has(index)) {
          const lines = targetLines(cart, crossSellTargets(offer));
          if (lines) apply(index, spreadLines(lines, offer.percent), offer.percentShown);
        }
        break;
      case "bundle": {
        const sets = bundleSets(offer, cart);
        if (sets > 0) {
          apply(index, spread(bundleClaims(offer, cart, sets), offer.percent), offer.percentShown);
        }
        break;
      }
      case "volume": {
        const match = matches.get(index);
        if (!match) break;
        let quantity = 0;
        for (const line of match.lines) quantity += line.quantity;
        const tier = tierFor(offer, quantity);
        if (tier) apply(index, spreadLines(match.lines, tier.percent), tier.percentShown);
        break;
      }
      default:
        break;
    }
  }

  // Every gift compares the same subtotal: after line offers, before any gift, without its own lines.
  const afterLineOffers = checkout.subtotal - taken;
  const giftBasis = new Map<number, Minor>();
  for (const index of gifts) {
    const offer = config.offerAt(index);
    if (offer.kind !== "gift") continue;
    const own = cart.linesByVariant.get(offer.item.variantId) ?? [];
    let basis = afterLineOffers;
    for (const line of own) basis -= left[line.index] ?? 0;
    giftBasis.set(index, basis);
    if (forceReasons[index] !== null || basis < offer.threshold) continue;
    const line = own.find((l) => (left[l.index] ?? 0) > 0);
    if (line) apply(index, [{ line, amount: line.unitPrice }], 100);
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
