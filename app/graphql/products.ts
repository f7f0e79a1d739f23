import { adminDocument } from "./document";

export interface ProductSummary {
  id: string;
  title: string;
  handle: string;
  tags: string[];
  featuredMedia: {
    preview: { image: { url: string; altText: string | null } | null } | null;
  } | null;
  priceRangeV2: { minVariantPrice: { amount: string; currencyCode: string } };
  variants: { nodes: VariantSummary[] };
}

export interface VariantSummary {
  id: string;
  title: string;
  price: string;
  sku: string | null;
}

const PRODUCT_FIELDS = `
  id
  title
  handle
  tags
  featuredMedia {
    preview {
      image {
        url
        altText
      }
    }
  }
  priceRangeV2 {
    minVariantPrice {
      amount
      currencyCode
    }
  }
  variants(first: 25) {
    nodes {
      id
      title
      price
      sku
    }
  }
`;

export interface ProductSearchData {
  products: {
    nodes: ProductSummary[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export interface ProductSearchVariables {
  query?: string | null;
  first: number;
  after?: string | null;
}

/** Product search for pickers (Shopify search syntax in `query`). */
export const PRODUCT_SEARCH_QUERY = adminDocument<
  ProductSearchData,
  ProductSearchVariables
>(`#graphql
  query LadderProductSearch($query: String, $first: Int!, $after: String) {
    products(query: $query, first: $first, after: $after, sortKey: TITLE) {
      nodes {
        ${PRODUCT_FIELDS}
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type CatalogNode =
  | ({ __typename: "Product" } & ProductSummary)
  | ({ __typename: "ProductVariant" } & VariantSummary & {
        product: { id: string; title: string };
      })
  | { __typename: string };

export interface CatalogNodesData {
  nodes: (CatalogNode | null)[];
}

/** Resolves product and variant IDs stored in offers (null for deleted ones). */
export const CATALOG_NODES_QUERY = adminDocument<CatalogNodesData, { ids: string[] }>(`#graphql
  query LadderCatalogNodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Product {
        ${PRODUCT_FIELDS}
      }
      ... on ProductVariant {
        id
        title
        price
        sku
        product {
          id
          title
        }
      }
    }
  }
`);
