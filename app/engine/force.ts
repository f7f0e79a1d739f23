import type { RuntimeCheckout, RuntimeOffer, Segment, SuppressionReason } from "./types";

/**
 * Why an offer is out of force for this checkout (draft, schedule, segment, country), or null
 * when it is in force. Out of force means no offer, no progress and no discount; every other
 * rule only hides an offer that still earns its discount.
 */
export function outOfForce(
  offer: RuntimeOffer,
  checkout: RuntimeCheckout,
  segments: ReadonlySet<Segment>,
): SuppressionReason | null {
  if (!offer.active) return "draft";
  if (offer.startsAt !== null && checkout.now < offer.startsAt) return "out-of-schedule";
  if (offer.endsAt !== null && checkout.now >= offer.endsAt) return "out-of-schedule";
  if (offer.segments) {
    let matched = false;
    for (const segment of offer.segments) if (segments.has(segment)) matched = true;
    if (!matched) return "segment";
  }
  if (offer.kind === "free-shipping" && offer.countries) {
    if (!checkout.countryCode || !offer.countries.includes(checkout.countryCode)) {
      return "wrong-country";
    }
  }
  return null;
}
