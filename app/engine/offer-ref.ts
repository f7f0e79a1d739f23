/**
 * How attributes name an offer a buyer saw or accepted (DESIGN §3.2, §3.5): `offerId`, or
 * `offerId#variantId` when the buyer saw one A/B copy of it. Offer ids never contain `#`.
 */
export function offerRef(shown: { offerId: string; variantId?: string }): string {
  return shown.variantId === undefined ? shown.offerId : `${shown.offerId}#${shown.variantId}`;
}

/** `offerId#variantId` → the offer id: attributes name an offer with or without its copy. */
export function offerIdOf(ref: string): string {
  const at = ref.indexOf("#");
  return at < 0 ? ref : ref.slice(0, at);
}
