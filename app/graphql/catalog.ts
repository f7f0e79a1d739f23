import { adminDocument } from "./document";

/**
 * Catalog documents of the offer admin: resolving the ids offers store (titles and prices always
 * come from here, never from what the browser sent), and the searches behind the demo's picker.
 */

export interface ResolvedVariant {
  __typename: "ProductVariant";
  id: string;
  title: string;
  price: string;
  product: {
    id: string;
    title: string;
    tags: string[];
    collections: { nodes: { id: string }[] };
  };
}

export interface ResolvedProduct {
  __typename: "Product";
  id: string;
  title: string;
}

export interface ResolvedCollection {
  __typename: "Collection";
  id: string;
  title: string;
}

export type ResolvedNode =
  ResolvedVariant | ResolvedProduct | ResolvedCollection | { __typename: string; id?: string };

export interface CatalogLookupData {
  nodes: (ResolvedNode | null)[];
}

/** Variants (with what a trigger matches on), products and collections by id; null when gone. */
export const CATALOG_LOOKUP_QUERY = adminDocument<CatalogLookupData, { ids: string[] }>(`#graphql
  query LadderCatalogLookup($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on ProductVariant {
        id
        title
        price
        product {
          id
          title
          tags
          collections(first: 50) {
            nodes {
              id
            }
          }
        }
      }
      ... on Product {
        id
        title
      }
      ... on Collection {
        id
        title
      }
    }
  }
`);

export interface PickerProduct {
  id: string;
  title: string;
  variants: { nodes: { id: string; title: string; price: string }[] };
}

export interface PickerProductsData {
  products: { nodes: PickerProduct[]; pageInfo: { hasNextPage: boolean } };
}

/** Product search for the picker outside Shopify (Shopify search syntax in `query`). */
export const PICKER_PRODUCTS_QUERY = adminDocument<
  PickerProductsData,
  { query: string | null; first: number }
>(`#graphql
  query LadderPickerProducts($query: String, $first: Int!) {
    products(query: $query, first: $first, sortKey: TITLE) {
      nodes {
        id
        title
        variants(first: 50) {
          nodes {
            id
            title
            price
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

export interface PickerCollectionsData {
  collections: {
    nodes: { id: string; title: string; productsCount: { count: number } | null }[];
    pageInfo: { hasNextPage: boolean };
  };
}

export const PICKER_COLLECTIONS_QUERY = adminDocument<
  PickerCollectionsData,
  { query: string | null; first: number }
>(`#graphql
  query LadderPickerCollections($query: String, $first: Int!) {
    collections(query: $query, first: $first, sortKey: TITLE) {
      nodes {
        id
        title
        productsCount {
          count
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);
