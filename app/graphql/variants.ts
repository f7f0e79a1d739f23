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

interface MediaPreview {
  preview: { image: { url: string } | null } | null;
}

export interface VariantAvailabilityData {
  nodes: (
    | {
        __typename: "ProductVariant";
        id: string;
        title: string;
        availableForSale: boolean;
        inventoryQuantity: number | null;
        media: { nodes: MediaPreview[] };
        product: { title: string; featuredMedia: MediaPreview | null };
      }
    | { __typename: Exclude<string, "ProductVariant"> }
    | null
  )[];
}

/**
 * Whether offered variants can be bought now: Shopify's `availableForSale` is false for a variant
 * that is sold out and does not continue selling (the inventory policy), which is what publishing
 * needs to leave an offer out of checkout and the storefront. With the variant's image (or its
 * product's), which offer cards show.
 */
export const VARIANT_AVAILABILITY_QUERY = adminDocument<VariantAvailabilityData, { ids: string[] }>(
  `#graphql
  query LadderVariantAvailability($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on ProductVariant {
        id
        title
        availableForSale
        inventoryQuantity
        media(first: 1) {
          nodes {
            preview {
              image {
                url
              }
            }
          }
        }
        product {
          title
          featuredMedia {
            preview {
              image {
                url
              }
            }
          }
        }
      }
    }
  }
`,
);
