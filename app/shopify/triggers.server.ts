import type { OfferConfig, TriggerResolver } from "../engine";
import { VARIANT_IDS_QUERY, type VariantIdsData } from "../graphql/variants";
import { adminRequest, type AdminApi } from "./admin.server";

/** A trigger this large would not fit the published configs; the merchant should narrow it. */
export const MAX_VARIANTS_PER_TRIGGER = 1000;
/** Product ids per search: Shopify's search syntax takes a comma-separated list. */
const PRODUCTS_PER_SEARCH = 50;

export interface ResolvedTriggers {
  resolver: TriggerResolver;
  /** Every variant id the resolver answers with. */
  variants: ReadonlySet<string>;
  /** The product of every variant the searches found (the storefront's index lists products). */
  productOf: ReadonlyMap<string, string>;
  /** Triggers that could not be resolved, in words a merchant can act on. */
  problems: string[];
}

const numericId = (gid: string) => /\/(\d+)$/.exec(gid)?.[1] ?? null;

/** A tag as a search term, quoted so spaces and punctuation stay inside it. */
const tagTerm = (tag: string) => `tag:'${tag.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

type Variant = VariantIdsData["productVariants"]["nodes"][number];

/** Every variant a search selects, or "too-many" past `limit`. */
async function search(
  admin: AdminApi,
  query: string,
  limit: number,
): Promise<Variant[] | "too-many"> {
  const found: Variant[] = [];
  let after: string | null = null;
  for (;;) {
    const page: VariantIdsData = await adminRequest(admin, VARIANT_IDS_QUERY, { query, after });
    found.push(...page.productVariants.nodes);
    if (found.length > limit) return "too-many";
    if (!page.productVariants.pageInfo.hasNextPage) return found;
    after = page.productVariants.pageInfo.endCursor;
  }
}

/**
 * Looks up, in the shop's current catalog, the variants behind every product, collection and tag
 * the config's triggers name. Checkout sees a cart line's variant but not its collections or tags
 * (and the discount function reads only variant ids), so publishing hands the engine this
 * resolver. One search per collection and tag, products in batches.
 */
export async function resolveTriggers(
  admin: AdminApi,
  config: OfferConfig,
  limit: number = MAX_VARIANTS_PER_TRIGGER,
): Promise<ResolvedTriggers> {
  const products = new Set<string>();
  const collections = new Set<string>();
  const tags = new Set<string>();
  for (const offer of config.offers) {
    if (!("trigger" in offer)) continue;
    offer.trigger.productIds?.forEach((id) => products.add(id));
    offer.trigger.collectionIds?.forEach((id) => collections.add(id));
    offer.trigger.tags?.forEach((tag) => tags.add(tag.toLowerCase()));
  }

  const problems: string[] = [];
  const productOf = new Map<string, string>();
  /** A search's variant ids, their products noted. */
  const idsOf = (variants: readonly Variant[]) => {
    for (const variant of variants) productOf.set(variant.id, variant.product.id);
    return variants.map((variant) => variant.id);
  };
  const byProduct = new Map<string, string[]>();
  const productIds = [...products];
  for (let start = 0; start < productIds.length; start += PRODUCTS_PER_SEARCH) {
    const batch = productIds.slice(start, start + PRODUCTS_PER_SEARCH);
    for (const id of batch) byProduct.set(id, []);
    const numeric = batch.map(numericId).filter((id): id is string => id !== null);
    if (numeric.length === 0) continue;
    const found = await search(admin, `product_ids:${numeric.join(",")}`, limit * batch.length);
    if (found === "too-many") {
      problems.push(
        `Products ${batch.join(", ")} have more than ${limit} variants each on average.`,
      );
      continue;
    }
    for (const variant of found) {
      byProduct.get(variant.product.id)?.push(variant.id);
      productOf.set(variant.id, variant.product.id);
    }
  }

  const byCollection = new Map<string, string[]>();
  for (const id of collections) {
    const numeric = numericId(id);
    const found = numeric ? await search(admin, `collection:${numeric}`, limit) : [];
    if (found === "too-many") {
      problems.push(
        `Collection ${id} has more than ${limit} variants; trigger on a smaller collection, a tag or products.`,
      );
    } else byCollection.set(id, idsOf(found));
  }

  const byTag = new Map<string, string[]>();
  for (const tag of tags) {
    const found = await search(admin, tagTerm(tag), limit);
    if (found === "too-many") {
      problems.push(
        `Tag "${tag}" is on products with more than ${limit} variants; use a narrower tag.`,
      );
    } else byTag.set(tag, idsOf(found));
  }

  const variants = new Set<string>();
  for (const map of [byProduct, byCollection, byTag]) {
    for (const ids of map.values()) ids.forEach((id) => variants.add(id));
  }
  return {
    variants,
    productOf,
    resolver: {
      product: (id) => byProduct.get(id),
      collection: (id) => byCollection.get(id),
      tag: (tag) => byTag.get(tag.toLowerCase()),
    },
    problems,
  };
}
