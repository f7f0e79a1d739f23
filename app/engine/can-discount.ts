import type { RuntimeOffer } from "./types";

/**
 * Whether an offer can ever put a discount on a line: bundles, quantity breaks and gifts always
 * can, upgrades and add-ons only with a discount percent. (Free shipping discounts delivery.)
 */
export function canDiscountLines(offer: RuntimeOffer): boolean {
  switch (offer.kind) {
    case "upgrade":
    case "cross-sell":
      return offer.percent > 0;
    case "bundle":
    case "volume":
    case "gift":
      return true;
    case "free-shipping":
      return false;
  }
}
