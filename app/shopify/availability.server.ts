import { VARIANT_AVAILABILITY_QUERY } from "../graphql/variants";
import { adminRequest, type AdminApi } from "./admin.server";

/** Shopify's limit for `nodes(ids:)`. */
const IDS_PER_REQUEST = 250;

export interface SoldOutVariant {
  variantId: string;
  /** As a buyer reads it: "Phone case – Black", or the product title alone. */
  title: string;
}

/**
 * The variants among `variantIds` that can't be bought now (sold out, not continuing to sell).
 * A variant Shopify no longer knows is not reported here: the product webhooks take such offers
 * to draft with their own notice.
 */
export async function findSoldOutVariants(
  admin: AdminApi,
  variantIds: Iterable<string>,
): Promise<SoldOutVariant[]> {
  const ids = [...new Set(variantIds)].sort();
  const soldOut: SoldOutVariant[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
    const { nodes } = await adminRequest(admin, VARIANT_AVAILABILITY_QUERY, {
      ids: ids.slice(start, start + IDS_PER_REQUEST),
    });
    for (const node of nodes) {
      if (node?.__typename !== "ProductVariant" || !("availableForSale" in node)) continue;
      if (node.availableForSale) continue;
      const title =
        node.title === "Default Title"
          ? node.product.title
          : `${node.product.title} – ${node.title}`;
      soldOut.push({ variantId: node.id, title });
    }
  }
  return soldOut;
}
