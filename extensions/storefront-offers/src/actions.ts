import { offerById, type RuntimeConfig, type ShownOffer } from "../../../app/engine";
import { legacyId, OFFER_PROPERTY, offerTag, VIEWED_LINE, variantGid } from "./adapter";
import type { AjaxCart, ViewedProduct } from "./types";

/** One AJAX Cart API request. */
export type CartRequest =
  | { path: "/cart/add.js"; body: { items: AddItem[] } }
  | { path: "/cart/change.js"; body: { id: string; quantity: number } };

export interface AddItem {
  id: number | string;
  quantity: number;
  properties?: Record<string, string>;
}

/**
 * The cart requests that accept a shown offer. Lines an offer adds or upgrades carry
 * `_ladder_offer` (§3.5). On a product page the viewed product counts as in the cart: an offer
 * that leans on it adds it too (or, for an upgrade, adds the better item in its place). "Add all"
 * for a bundle adds every missing item of the set, not only the first.
 */
export function requestsFor(
  offer: ShownOffer,
  config: RuntimeConfig,
  cart: AjaxCart,
  viewing: ViewedProduct | null | undefined,
): CartRequest[] {
  const tag = { [OFFER_PROPERTY]: offerTag(offer) };
  const action = offer.action;
  const viewedId = viewing ? variantGid(viewing.variantId) : null;
  const inCart = (variantId: string) =>
    cart.items
      .filter((item) => variantGid(item.variant_id) === variantId)
      .reduce((sum, item) => sum + item.quantity, 0);
  const viewedMissing = viewedId !== null && inCart(viewedId) === 0;

  if (action.type === "replace-line") {
    const add: AddItem = {
      id: legacyId(action.variantId),
      quantity: action.quantity,
      properties: tag,
    };
    if (action.lineId === VIEWED_LINE) return [{ path: "/cart/add.js", body: { items: [add] } }];
    // Add first: should the add fail (out of stock), the buyer keeps what they had.
    return [
      { path: "/cart/add.js", body: { items: [add] } },
      { path: "/cart/change.js", body: { id: action.lineId, quantity: 0 } },
    ];
  }

  const items: AddItem[] = [];
  const source = offerById(config, offer.offerId);
  if (source?.kind === "bundle") {
    for (const item of source.items) {
      const missing = item.quantity - inCart(item.variantId);
      if (missing > 0)
        items.push({ id: legacyId(item.variantId), quantity: missing, properties: tag });
    }
  } else {
    const viewedToo = viewedMissing && action.variantId === viewedId ? 1 : 0;
    items.push({
      id: legacyId(action.variantId),
      quantity: action.quantity + viewedToo,
      properties: tag,
    });
    // A cross-sell is earned while its trigger is in the cart: bring the viewed product along.
    if (viewedMissing && viewedId && action.variantId !== viewedId && offer.kind === "cross-sell") {
      items.unshift({ id: legacyId(viewedId), quantity: 1 });
    }
  }
  return items.length > 0 ? [{ path: "/cart/add.js", body: { items } }] : [];
}
