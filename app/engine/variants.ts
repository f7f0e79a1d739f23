import { stableHash } from "./hash";
import type { RuntimeOffer, RuntimeVariant } from "./types";

/**
 * Which A/B copy of an offer a buyer sees (DESIGN §3.1 "Variants").
 *
 * The point is `stableHash(offerId + "#" + visitorKey)` scaled to [0, total weight): the same
 * visitor key always lands on the same copy of an offer, on every surface and every render, and
 * copies get shares of buyers proportional to their weights. Offer ids never contain `#`, so the
 * hashed text is unambiguous; the offer id in it makes a buyer's copies of different offers
 * independent of each other, and of the holdout bucket (which hashes the key alone).
 * Scaling (hash × total / 2³²) rather than a remainder keeps the shares exact to within
 * total / 2³², and adding weight to the last copy moves only buyers who land on it.
 */
export function pickVariant<V extends { id: string; weight: number }>(
  variants: readonly V[],
  offerId: string,
  visitorKey: string,
): V | null {
  let total = 0;
  for (const v of variants) total += v.weight;
  if (variants.length === 0 || !(total > 0)) return null;
  const point = Math.floor((stableHash(`${offerId}#${visitorKey}`) / 2 ** 32) * total);
  let upTo = 0;
  for (const v of variants) {
    upTo += v.weight;
    if (point < upTo) return v;
  }
  return variants[variants.length - 1] ?? null;
}

/**
 * The offer as this buyer sees it: the assigned copy's headline, reason and (cross-sell) add-on
 * replace the offer's own. Discounts never read this: every copy's discount is earned anyway.
 */
export function asShownTo(
  offer: RuntimeOffer,
  visitorKey: string,
): { offer: RuntimeOffer; variant: RuntimeVariant | null } {
  const variant = offer.variants ? pickVariant(offer.variants, offer.id, visitorKey) : null;
  if (!variant) return { offer, variant: null };
  const copy = {
    message: variant.message ?? offer.message,
    why: variant.why ?? offer.why,
  };
  if (offer.kind === "cross-sell" && variant.item) {
    return { offer: { ...offer, ...copy, item: variant.item }, variant };
  }
  return { offer: { ...offer, ...copy }, variant };
}

/** The product variants whose lines a cross-sell's discount falls on: its add-on and its copies'. */
export function crossSellTargets(offer: {
  item: { variantId: string };
  extraTargets?: readonly string[];
}): readonly string[] {
  return offer.extraTargets && offer.extraTargets.length > 0
    ? [offer.item.variantId, ...offer.extraTargets]
    : [offer.item.variantId];
}
