import { adminDocument } from "./document";

export interface ShopQueryData {
  shop: {
    id: string;
    name: string;
    currencyCode: string;
    myshopifyDomain: string;
  };
}

/** The shop facts the admin home shows and money formatting needs. */
export const SHOP_QUERY = adminDocument<ShopQueryData>(`#graphql
  query LadderShop {
    shop {
      id
      name
      currencyCode
      myshopifyDomain
    }
  }
`);
