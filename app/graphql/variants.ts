import { adminDocument } from "./document";

export interface VariantIdsData {
  productVariants: {
    nodes: { id: string; product: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export interface VariantIdsVariables {
  query: string;
  after?: string | null;
}

/**
 * The variant ids a search selects (`product_ids:…`, `collection:…`, `tag:…`): how publishing
 * turns product, collection and tag triggers into the variant ids checkout can see.
 */
export const VARIANT_IDS_QUERY = adminDocument<VariantIdsData, VariantIdsVariables>(`#graphql
  query LadderVariantIds($query: String!, $after: String) {
    productVariants(first: 250, query: $query, after: $after) {
      nodes {
        id
        product {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
