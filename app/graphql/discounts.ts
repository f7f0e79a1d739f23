import { adminDocument, type UserError } from "./document";

export type DiscountClass = "PRODUCT" | "ORDER" | "SHIPPING";

export interface DiscountCombinesWith {
  productDiscounts: boolean;
  orderDiscounts: boolean;
  shippingDiscounts: boolean;
}

export interface ShopifyFunctionNode {
  id: string;
  handle: string;
  title: string;
  apiType: string;
}

export interface DiscountSetupData {
  shop: { id: string; myshopifyDomain: string; ianaTimezone: string };
  shopifyFunctions: { nodes: ShopifyFunctionNode[] };
}

/**
 * What syncing the discount needs first: the shop (its time zone turns schedules into the shop
 * clock the function reads) and the app's deployed discount functions.
 */
export const DISCOUNT_SETUP_QUERY = adminDocument<DiscountSetupData>(`#graphql
  query LadderDiscountSetup {
    shop {
      id
      myshopifyDomain
      ianaTimezone
    }
    shopifyFunctions(first: 25, apiType: "discount") {
      nodes {
        id
        handle
        title
        apiType
      }
    }
  }
`);

export interface AutomaticAppDiscount {
  discountId: string;
  title: string;
  status: string;
  startsAt: string;
  combinesWith: DiscountCombinesWith;
  discountClasses: DiscountClass[];
  appDiscountType: { functionId: string };
}

export interface OfferDiscountData {
  discountNode: {
    id: string;
    discount:
      | ({ __typename: "DiscountAutomaticApp" } & AutomaticAppDiscount)
      | {
          __typename: string;
        };
    config: { value: string } | null;
    config2: { value: string } | null;
    config3: { value: string } | null;
    config4: { value: string } | null;
    input: { value: string } | null;
  } | null;
}

/**
 * Ladder's automatic discount as Shopify has it now, with the metafields the function reads.
 * `discountNode` (by a `DiscountNode` id, see `discountNodeId`): `automaticDiscountNode` is
 * deprecated in 2026-10.
 */
export const OFFER_DISCOUNT_QUERY = adminDocument<OfferDiscountData, { id: string }>(`#graphql
  query LadderOfferDiscount($id: ID!) {
    discountNode(id: $id) {
      id
      discount {
        __typename
        ... on DiscountAutomaticApp {
          discountId
          title
          status
          startsAt
          combinesWith {
            productDiscounts
            orderDiscounts
            shippingDiscounts
          }
          discountClasses
          appDiscountType {
            functionId
          }
        }
      }
      config: metafield(namespace: "$app", key: "function_config") {
        value
      }
      config2: metafield(namespace: "$app", key: "function_config_2") {
        value
      }
      config3: metafield(namespace: "$app", key: "function_config_3") {
        value
      }
      config4: metafield(namespace: "$app", key: "function_config_4") {
        value
      }
      input: metafield(namespace: "$app", key: "function_input") {
        value
      }
    }
  }
`);

/** The `DiscountNode` id of a discount Shopify returned as a `DiscountAutomaticNode` id. */
export function discountNodeId(discountId: string): string {
  return discountId.replace("/DiscountAutomaticNode/", "/DiscountNode/");
}

export interface DiscountMetafieldInput {
  namespace: string;
  key: string;
  type: "json";
  value: string;
}

export interface AutomaticAppDiscountInput {
  title?: string;
  functionHandle: string;
  startsAt?: string;
  combinesWith: DiscountCombinesWith;
  discountClasses: DiscountClass[];
  metafields: DiscountMetafieldInput[];
}

interface DiscountPayload {
  automaticAppDiscount: { discountId: string; title: string; status: string } | null;
  userErrors: UserError[];
}

export interface OfferDiscountCreateData {
  discountAutomaticAppCreate: DiscountPayload | null;
}

/** Creates Ladder's automatic discount, backed by the function, with its metafields. */
export const OFFER_DISCOUNT_CREATE_MUTATION = adminDocument<
  OfferDiscountCreateData,
  { discount: AutomaticAppDiscountInput }
>(`#graphql
  mutation LadderOfferDiscountCreate($discount: DiscountAutomaticAppInput!) {
    discountAutomaticAppCreate(automaticAppDiscount: $discount) {
      automaticAppDiscount {
        discountId
        title
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export interface OfferDiscountUpdateData {
  discountAutomaticAppUpdate: DiscountPayload | null;
}

/** Updates Ladder's automatic discount: classes, combinations and the function's metafields. */
export const OFFER_DISCOUNT_UPDATE_MUTATION = adminDocument<
  OfferDiscountUpdateData,
  { id: string; discount: AutomaticAppDiscountInput }
>(`#graphql
  mutation LadderOfferDiscountUpdate($id: ID!, $discount: DiscountAutomaticAppInput!) {
    discountAutomaticAppUpdate(id: $id, automaticAppDiscount: $discount) {
      automaticAppDiscount {
        discountId
        title
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
