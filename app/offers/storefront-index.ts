/**
 * The storefront's copy of the published config carries one key checkout never reads, `pp`: what
 * the product block's Liquid checks before it reserves room for offer cards. Most products of a
 * store bring no offer; their pages then keep no blank area for cards that never come.
 *
 * The product block shows upgrades, add-ons, quantity breaks and bundles (never free shipping or
 * gifts: their progress and claims are the cart block's). The engine reaches those through a cart
 * line (the product viewed counts as one): a line its trigger names, or a line of one of a
 * bundle's items. An offered item never triggers its own offer, so upgrades' and add-ons' items
 * are not listed. The lists err on the side of reserving: a whole product for a trigger that names
 * one of its variants, every offer whatever its schedule or segment.
 */
import type { OfferConfig, PublishedConfig, TriggerResolver } from "../engine";
import { compactId, type GidType } from "../engine/ids";
import { byteLength } from "./bytes";

/**
 * Keys rather than ids: a numeric id modulo `m` (5 digits where a full id takes 13), so a page's
 * check is a `modulo` and a `contains` in Liquid. Two ids can share a key; that only makes a page
 * reserve room it did not need, never the reverse.
 */
export const INDEX_MODULUS = 99_991;

/** Comma-separated keys; tags as they are (lower case: Shopify tags hold no comma). */
export interface ProductPageIndex {
  m: number;
  /** Products whose page, or a cart line of which, can bring an offer the product block shows. */
  p: string;
  /** Trigger variants whose product publishing did not look up. */
  v?: string;
  /** Collections and tags of triggers left as they are (nothing resolved them). */
  c?: string;
  g?: string;
}

/** The storefront's copy: the checkout form plus, when it fits, the product block's index. */
export type StorefrontConfig = PublishedConfig & { pp?: ProductPageIndex };

/**
 * A GID's key, or null for an id of another form: a storefront's ids are numbers, and the
 * engine never matches such an id to a storefront line either.
 */
function keyOf(id: string, type: GidType): string | null {
  const ref = compactId(id, type);
  return typeof ref === "number" ? String(ref % INDEX_MODULUS) : null;
}

const joined = (values: ReadonlySet<string>) => [...values].join(",");

/**
 * The index for the offers `compile(config, { activeOnly: true, resolve })` publishes. `productOf`
 * gives a resolved variant's product (publishing's catalog lookups know it); a variant it does not
 * know is listed as a variant.
 */
export function productPageIndex(
  config: OfferConfig,
  resolve?: TriggerResolver,
  productOf?: ReadonlyMap<string, string>,
): ProductPageIndex {
  const products = new Set<string>();
  const variants = new Set<string>();
  const collections = new Set<string>();
  const tags = new Set<string>();
  const add = (set: Set<string>, id: string, type: GidType) => {
    const key = keyOf(id, type);
    if (key !== null) set.add(key);
  };
  const addVariants = (ids: readonly string[]) => {
    for (const id of ids) {
      const product = productOf?.get(id);
      if (product) add(products, product, "Product");
      else add(variants, id, "ProductVariant");
    }
  };
  for (const offer of config.offers) {
    if (offer.status !== "active") continue;
    switch (offer.kind) {
      case "upgrade":
      case "cross-sell":
      case "volume": {
        const { trigger } = offer;
        for (const id of trigger.productIds ?? []) add(products, id, "Product");
        addVariants(trigger.variantIds ?? []);
        for (const id of trigger.collectionIds ?? []) {
          const found = resolve?.collection?.(id);
          if (found) addVariants(found);
          else add(collections, id, "Collection");
        }
        for (const tag of trigger.tags ?? []) {
          const found = resolve?.tag?.(tag);
          if (found) addVariants(found);
          else tags.add(tag.toLowerCase());
        }
        break;
      }
      case "bundle":
        for (const item of offer.items) add(products, item.productId, "Product");
        break;
      case "free-shipping":
      case "gift":
        break;
    }
  }
  const index: ProductPageIndex = { m: INDEX_MODULUS, p: joined(products) };
  if (variants.size > 0) index.v = joined(variants);
  if (collections.size > 0) index.c = joined(collections);
  if (tags.size > 0) index.g = joined(tags);
  return index;
}

/**
 * The checkout form with the index, or without it when it would take the copy over `limitBytes`:
 * Liquid then reserves room on every product page, as it does for a config without the index.
 */
export function storefrontCopy(
  published: PublishedConfig,
  index: ProductPageIndex,
  limitBytes: number,
): StorefrontConfig {
  const copy: StorefrontConfig = { ...published, pp: index };
  return byteLength(JSON.stringify(copy)) <= limitBytes ? copy : published;
}
