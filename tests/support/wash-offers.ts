/**
 * The car wash offers the product and stock webhook tests start from (an upgrade from the
 * standard to the premium wash, and waxing with either wash), and the offers checkout loads from
 * what was published.
 */
import { load, type CrossSellOffer, type UpgradeOffer } from "../../app/engine";
import type { RecordingStandIn } from "./admin-api";

export const P = (n: number) => `gid://shopify/Product/${n}`;
export const V = (n: number) => `gid://shopify/ProductVariant/${n}`;

export const upgrade: UpgradeOffer = {
  id: "premium-wash",
  kind: "upgrade",
  title: "Premium wash upgrade",
  status: "active",
  trigger: { productIds: [P(1001)] },
  to: { variantId: V(2002), productId: P(1002), title: "Premium wash", price: "35.00" },
  discountPercent: 10,
};

/** Without a discount; a test that needs one adds it. */
export const waxing: CrossSellOffer = {
  id: "waxing",
  kind: "cross-sell",
  title: "Waxing with a wash",
  status: "active",
  trigger: { productIds: [P(1001), P(1002)] },
  item: { variantId: V(2003), productId: P(1003), title: "Waxing", price: "15.00" },
};

/** The offers of the published checkout config, as checkout loads them. */
export function publishedOffers(api: RecordingStandIn) {
  const metafield = api.metafields().find((m) => m.key === "ladder_config");
  const runtime = metafield ? load(JSON.parse(metafield.value)) : null;
  return runtime ? Array.from({ length: runtime.size }, (_, i) => runtime.offerAt(i)) : [];
}
