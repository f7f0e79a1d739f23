import { adminDocument } from "./document";

export interface ShopQueryData {
  shop: {
    id: string;
    name: string;
    currencyCode: string;
    myshopifyDomain: string;
    plan: { shopifyPlus: boolean };
  };
}

/**
 * The shop facts the admin home shows (the plan decides where checkout offers render) and money
 * formatting needs.
 */
export const SHOP_QUERY = adminDocument<ShopQueryData>(`#graphql
  query LadderShop {
    shop {
      id
      name
      currencyCode
      myshopifyDomain
      plan {
        shopifyPlus
      }
    }
  }
`);
