import { adminDocument } from "./document";

export interface CustomerStateData {
  customer: {
    id: string;
    tags: string[];
    /** UnsignedInt64, serialized as a string. */
    numberOfOrders: string;
    amountSpent: { amount: string; currencyCode: string };
    metafield: { value: string } | null;
  } | null;
}

/** What the per-customer `ladder_state` metafield mirrors, and its current value. */
export const CUSTOMER_STATE_QUERY = adminDocument<CustomerStateData, { id: string }>(`#graphql
  query LadderCustomerState($id: ID!) {
    customer(id: $id) {
      id
      tags
      numberOfOrders
      amountSpent {
        amount
        currencyCode
      }
      metafield(namespace: "$app", key: "ladder_state") {
        value
      }
    }
  }
`);
