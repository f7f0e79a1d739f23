import { formatMoney, parseMoney } from "../engine";
import {
  CATALOG_LOOKUP_QUERY,
  PICKER_COLLECTIONS_QUERY,
  PICKER_PRODUCTS_QUERY,
  type ResolvedNode,
  type ResolvedVariant,
} from "../graphql/catalog";
import type { ItemRef } from "../offers/form";
import { adminRequest, type AdminApi } from "./admin.server";

/** `nodes(ids:)` takes at most 250 ids per call. */
const NODES_PER_CALL = 250;

export interface VariantFacts {
  variantId: string;
  productId: string;
  /** What buyers read: the product title, with the variant's unless it is the only one. */
  title: string;
  price: string;
  productTags: string[];
  collectionIds: string[];
}

export interface CatalogLookup {
  variants: Map<string, VariantFacts>;
  /** Display names of every id found (products, variants, collections). */
  names: Map<string, string>;
}

/** An Admin API amount ("20.0", "20.00") in the shop currency's minor digits ("20.00"). */
export function normalizePrice(amount: string, digits: number): string {
  const trimmed = amount.includes(".") ? amount.replace(/0+$/, "").replace(/\.$/, "") : amount;
  const minor = parseMoney(trimmed, digits);
  return minor === null ? amount : formatMoney(minor, digits);
}

export function variantTitle(productTitle: string, variant: string): string {
  return variant === "Default Title" || variant === ""
    ? productTitle
    : `${productTitle} – ${variant}`;
}

function isVariant(node: ResolvedNode | null): node is ResolvedVariant {
  return node?.__typename === "ProductVariant";
}

/** Looks up products, variants and collections by id; ids Shopify no longer has are absent. */
export async function lookupCatalog(
  admin: AdminApi,
  ids: readonly string[],
  digits: number,
): Promise<CatalogLookup> {
  const unique = [...new Set(ids.filter((id) => id.startsWith("gid://shopify/")))];
  const lookup: CatalogLookup = { variants: new Map(), names: new Map() };
  for (let start = 0; start < unique.length; start += NODES_PER_CALL) {
    const { nodes } = await adminRequest(admin, CATALOG_LOOKUP_QUERY, {
      ids: unique.slice(start, start + NODES_PER_CALL),
    });
    for (const node of nodes) {
      if (!node) continue;
      if (isVariant(node)) {
        const title = variantTitle(node.product.title, node.title);
        lookup.variants.set(node.id, {
          variantId: node.id,
          productId: node.product.id,
          title,
          price: normalizePrice(node.price, digits),
          productTags: node.product.tags,
          collectionIds: node.product.collections.nodes.map((c) => c.id),
        });
        lookup.names.set(node.id, title);
      } else if ("title" in node && typeof node.title === "string" && node.id) {
        lookup.names.set(node.id, node.title);
      }
    }
  }
  return lookup;
}

export function itemRef(facts: VariantFacts): ItemRef {
  return {
    variantId: facts.variantId,
    productId: facts.productId,
    title: facts.title,
    price: facts.price,
  };
}

export interface PickerResult {
  id: string;
  title: string;
  /** Products list their variants; collections their product count. */
  variants?: ItemRef[];
  productsCount?: number;
}

const PICKER_PAGE = 25;

/** Search behind the picker used outside Shopify (the admin has its own resource picker). */
export async function searchCatalog(
  admin: AdminApi,
  type: "product" | "collection",
  text: string,
  digits: number,
): Promise<{ results: PickerResult[]; more: boolean }> {
  const query = text.trim() ? text.trim().replace(/["\\]/g, " ") : null;
  if (type === "collection") {
    const { collections } = await adminRequest(admin, PICKER_COLLECTIONS_QUERY, {
      query,
      first: PICKER_PAGE,
    });
    return {
      results: collections.nodes.map((c) => ({
        id: c.id,
        title: c.title,
        productsCount: c.productsCount?.count ?? 0,
      })),
      more: collections.pageInfo.hasNextPage,
    };
  }
  const { products } = await adminRequest(admin, PICKER_PRODUCTS_QUERY, {
    query,
    first: PICKER_PAGE,
  });
  return {
    results: products.nodes.map((p) => ({
      id: p.id,
      title: p.title,
      variants: p.variants.nodes.map((v) => ({
        variantId: v.id,
        productId: p.id,
        title: variantTitle(p.title, v.title),
        price: normalizePrice(v.price, digits),
      })),
    })),
    more: products.pageInfo.hasNextPage,
  };
}
