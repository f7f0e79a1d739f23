import type { DiscountClass, DiscountCombinesWith } from "./discounts";
import { adminDocument } from "./document";

export interface MerchantDiscount {
  __typename: string;
  title: string;
  status: string;
  discountClasses: DiscountClass[];
  combinesWith: DiscountCombinesWith;
}

export interface MerchantDiscountsData {
  discountNodes: {
    nodes: { id: string; discount: MerchantDiscount | { __typename: string } }[];
    pageInfo: { hasNextPage: boolean };
  };
}

const FIELDS = `
  title
  status
  discountClasses
  combinesWith {
    productDiscounts
    orderDiscounts
    shippingDiscounts
  }
`;

/**
 * The shop's active discounts (automatic and code, of every type), with how each combines, so the
 * settings page can show which of them stack with Ladder's discount.
 */
export const MERCHANT_DISCOUNTS_QUERY = adminDocument<
  MerchantDiscountsData,
  { first: number }
>(`#graphql
  query LadderMerchantDiscounts($first: Int!) {
    discountNodes(first: $first, query: "status:active") {
      nodes {
        id
        discount {
          __typename
          ... on DiscountAutomaticApp { ${FIELDS} }
          ... on DiscountAutomaticBasic { ${FIELDS} }
          ... on DiscountAutomaticBxgy { ${FIELDS} }
          ... on DiscountAutomaticFreeShipping { ${FIELDS} }
          ... on DiscountCodeApp { ${FIELDS} }
          ... on DiscountCodeBasic { ${FIELDS} }
          ... on DiscountCodeBxgy { ${FIELDS} }
          ... on DiscountCodeFreeShipping { ${FIELDS} }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);
