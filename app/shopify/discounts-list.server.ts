import { MERCHANT_DISCOUNTS_QUERY, type MerchantDiscount } from "../graphql/merchant-discounts";
import { adminRequest, type AdminApi } from "./admin.server";

export interface OtherDiscount {
  id: string;
  title: string;
  type: string;
  classes: MerchantDiscount["discountClasses"];
  combinesWith: MerchantDiscount["combinesWith"];
}

const PAGE = 50;

function isDetailed(
  discount: MerchantDiscount | { __typename: string },
): discount is MerchantDiscount {
  return "combinesWith" in discount;
}

/** The shop's active discounts other than Ladder's own (the first 50). */
export async function otherDiscounts(
  admin: AdminApi,
  excludeIds: readonly string[],
): Promise<{ discounts: OtherDiscount[]; more: boolean }> {
  const { discountNodes } = await adminRequest(admin, MERCHANT_DISCOUNTS_QUERY, { first: PAGE });
  const discounts = discountNodes.nodes.flatMap((node) => {
    if (excludeIds.includes(node.id) || !isDetailed(node.discount)) return [];
    const d = node.discount;
    return [
      {
        id: node.id,
        title: d.title,
        type: d.__typename,
        classes: d.discountClasses,
        combinesWith: d.combinesWith,
      },
    ];
  });
  return { discounts, more: discountNodes.pageInfo.hasNextPage };
}
