/**
 * Stock-aware offers: an offer whose offered item can't be bought is left out of what checkout and
 * the storefront show (a buyer is never promised a sold-out item), and comes back when it can.
 * Pure, so publishing, the stock webhook and the tests share it.
 */
import type { Offer, OfferedItem } from "../engine";

export interface SoldOutItem {
  variantId: string;
  title: string;
}

export interface OfferLeftOut {
  offerId: string;
  offerTitle: string;
  /** The offer's items that are sold out (at least one). */
  items: SoldOutItem[];
}

/** Every item an offer puts in front of a buyer (not its triggers: those are in the cart). */
function offeredItems(offer: Offer): OfferedItem[] {
  switch (offer.kind) {
    case "upgrade":
      return [offer.to];
    case "cross-sell":
    case "gift":
      return [offer.item];
    case "bundle":
      return offer.items;
    case "volume":
    case "free-shipping":
      // A quantity break offers more of what is already in the cart; shipping is not an item.
      return [];
  }
}

export function offeredVariantIds(offer: Offer): string[] {
  return offeredItems(offer).map((item) => item.variantId);
}

/** The offered items plus a cross-sell's A/B copies' own add-ons: every item a card can show. */
export function shownItems(offer: Offer): OfferedItem[] {
  const copies = (offer.variants ?? []).flatMap((v) => (v.item ? [v.item] : []));
  return [...offeredItems(offer), ...copies];
}

export function shownVariantIds(offer: Offer): string[] {
  return shownItems(offer).map((item) => item.variantId);
}

/** The offers, in config order, that offer at least one sold-out variant. */
export function offersLeftOut(
  offers: readonly Offer[],
  soldOut: readonly SoldOutItem[],
): OfferLeftOut[] {
  const byVariant = new Map(soldOut.map((item) => [item.variantId, item]));
  const leftOut: OfferLeftOut[] = [];
  for (const offer of offers) {
    const items = offeredVariantIds(offer).flatMap((id) => byVariant.get(id) ?? []);
    if (items.length > 0) leftOut.push({ offerId: offer.id, offerTitle: offer.title, items });
  }
  return leftOut;
}

/** The stored form of a publication's sold-out items: sorted variant ids, comma-separated. */
export function soldOutKey(leftOut: readonly OfferLeftOut[]): string {
  return [...new Set(leftOut.flatMap((o) => o.items.map((item) => item.variantId)))]
    .sort()
    .join(",");
}

/** "Phone case – Black" / "Phone case – Black and Screen protector". */
export function itemList(items: readonly SoldOutItem[]): string {
  const titles = items.map((item) => item.title);
  if (titles.length <= 1) return titles.join("");
  return `${titles.slice(0, -1).join(", ")} and ${titles.at(-1) ?? ""}`;
}
