import { connection } from "../admin-api.server";
import type { StandInExtension } from "./index.server";

/**
 * The demo store's own discounts (not Ladder's): a welcome code, a seasonal product discount and
 * free shipping over $100, so the settings page can show which of them stack with Ladder.
 */
const MERCHANT_DISCOUNTS = [
  {
    id: "gid://shopify/DiscountCodeNode/4001",
    discount: {
      __typename: "DiscountCodeBasic",
      title: "WELCOME10 (10% off a first order)",
      status: "ACTIVE",
      discountClasses: ["ORDER"],
      combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: true },
    },
  },
  {
    id: "gid://shopify/DiscountAutomaticNode/4002",
    discount: {
      __typename: "DiscountAutomaticBasic",
      title: "Winter sale: 15% off chocolate",
      status: "ACTIVE",
      discountClasses: ["PRODUCT"],
      combinesWith: { productDiscounts: false, orderDiscounts: true, shippingDiscounts: true },
    },
  },
  {
    id: "gid://shopify/DiscountAutomaticNode/4003",
    discount: {
      __typename: "DiscountAutomaticFreeShipping",
      title: "Free shipping over $100",
      status: "ACTIVE",
      discountClasses: ["SHIPPING"],
      combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: false },
    },
  },
];

export const merchantDiscounts: StandInExtension = () => ({
  root: {
    discountNodes: (args: Record<string, unknown>) => connection(MERCHANT_DISCOUNTS, args),
  },
  node: (id) => MERCHANT_DISCOUNTS.find((d) => d.id === id) ?? null,
});
