import { VARIANT_AVAILABILITY_QUERY } from "../graphql/variants";
import { adminRequest, type AdminApi } from "./admin.server";

/** Shopify's limit for `nodes(ids:)`. */
const IDS_PER_REQUEST = 250;

export interface SoldOutVariant {
  variantId: string;
  /** As a buyer reads it: "Phone case – Black", or the product title alone. */
  title: string;
}

export interface OfferedVariantFacts {
  soldOut: SoldOutVariant[];
  /** Image URL by variant id: the variant's own image, else its product's featured image. */
  images: Map<string, string>;
}

/**
 * What publishing and the preview read of offered variants now: which can't be bought (sold
 * out, not continuing to sell) and their images. A variant Shopify no longer knows is in
 * neither: the product webhooks take such offers to draft with their own notice.
 */
export async function readOfferedVariants(
  admin: AdminApi,
  variantIds: Iterable<string>,
): Promise<OfferedVariantFacts> {
  const ids = [...new Set(variantIds)].sort();
  const facts: OfferedVariantFacts = { soldOut: [], images: new Map() };
  for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
    const { nodes } = await adminRequest(admin, VARIANT_AVAILABILITY_QUERY, {
      ids: ids.slice(start, start + IDS_PER_REQUEST),
    });
    for (const node of nodes) {
      if (node?.__typename !== "ProductVariant" || !("availableForSale" in node)) continue;
      const image =
        node.media.nodes[0]?.preview?.image?.url ?? node.product.featuredMedia?.preview?.image?.url;
      if (image) facts.images.set(node.id, image);
      if (node.availableForSale) continue;
      const title =
        node.title === "Default Title"
          ? node.product.title
          : `${node.product.title} – ${node.title}`;
      facts.soldOut.push({ variantId: node.id, title });
    }
  }
  return facts;
}

/** The variants among `variantIds` that can't be bought now. */
export async function findSoldOutVariants(
  admin: AdminApi,
  variantIds: Iterable<string>,
): Promise<SoldOutVariant[]> {
  return (await readOfferedVariants(admin, variantIds)).soldOut;
}
