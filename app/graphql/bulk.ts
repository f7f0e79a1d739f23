import { adminDocument, type UserError } from "./document";

export interface ShopAnalyticsFactsData {
  shop: { currencyCode: string; ianaTimezone: string };
}

/** The currency and time zone orders are counted in. */
export const SHOP_ANALYTICS_FACTS_QUERY = adminDocument<ShopAnalyticsFactsData>(`#graphql
  query LadderShopAnalyticsFacts {
    shop {
      currencyCode
      ianaTimezone
    }
  }
`);

export interface BulkOperationFields {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  rootObjectCount: string;
  url: string | null;
  partialDataUrl: string | null;
}

export interface BulkRunQueryData {
  bulkOperationRunQuery: {
    bulkOperation: BulkOperationFields | null;
    userErrors: UserError[];
  } | null;
}

/** Starts a bulk export; `query` is ORDERS_BULK_QUERY with its date filter. */
export const BULK_RUN_QUERY_MUTATION = adminDocument<BulkRunQueryData, { query: string }>(`#graphql
  mutation LadderBulkRunQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: false) {
      bulkOperation {
        id
        status
        errorCode
        objectCount
        rootObjectCount
        url
        partialDataUrl
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export interface BulkOperationData {
  node: ({ __typename: "BulkOperation" } & BulkOperationFields) | { __typename: string } | null;
}

export const BULK_OPERATION_QUERY = adminDocument<BulkOperationData, { id: string }>(`#graphql
  query LadderBulkOperation($id: ID!) {
    node(id: $id) {
      __typename
      ... on BulkOperation {
        id
        status
        errorCode
        objectCount
        rootObjectCount
        url
        partialDataUrl
      }
    }
  }
`);

/** Replaced by the first day to export (YYYY-MM-DD) in ORDERS_BULK_QUERY. */
const BULK_SINCE_PLACEHOLDER = "1970-01-01";

/**
 * The order history export (run as a bulk operation, so it has no variables: the date filter is
 * written into the search string). Lines come as separate JSONL rows with `__parentId`. Refunds
 * are listed by id only: their amounts are already netted in each line's `currentQuantity`.
 */
export const ORDERS_BULK_QUERY = adminDocument<never>(`#graphql
  query LadderBulkOrders {
    orders(query: "created_at:>=${BULK_SINCE_PLACEHOLDER}", sortKey: CREATED_AT) {
      edges {
        node {
          id
          name
          createdAt
          updatedAt
          cancelledAt
          currencyCode
          customer {
            id
          }
          customAttributes {
            key
            value
          }
          refunds {
            id
            createdAt
          }
          lineItems {
            edges {
              node {
                id
                title
                variantTitle
                quantity
                currentQuantity
                product {
                  id
                }
                variant {
                  id
                }
                customAttributes {
                  key
                  value
                }
                originalUnitPriceSet {
                  shopMoney {
                    amount
                  }
                }
                discountAllocations {
                  allocatedAmountSet {
                    shopMoney {
                      amount
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

export function ordersBulkQuery(since: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new Error(`Invalid backfill start date: ${since}`);
  return ORDERS_BULK_QUERY.replace(BULK_SINCE_PLACEHOLDER, since);
}
