import type { RuntimeOffer } from "./types";

/**
 * Whether an offer can ever put a discount on a line: an active bundle, quantity break or gift,
 * an active upgrade or add-on with a discount percent or amount. (Free shipping discounts delivery.)
 */
export function canDiscountLines(offer: RuntimeOffer): boolean {
  if (!offer.active) return false;
  switch (offer.kind) {
    case "upgrade":
    case "cross-sell":
      return offer.percent > 0 || offer.amountOff > 0;
    case "bundle":
    case "volume":
    case "gift":
      return true;
    case "free-shipping":
      return false;
  }
}
