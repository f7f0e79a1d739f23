import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { runInBackground } from "../models/background.server";
import { applyProductUpdate } from "../models/product-sync.server";
import { republishAfterProductChange } from "../models/publish.server";
import { authenticate } from "../shopify.server";

const ProductUpdatePayload = z.object({
  admin_graphql_api_id: z.string().startsWith("gid://shopify/Product/"),
  title: z.string(),
  updated_at: z.iso.datetime({ offset: true }),
  /** Comma-separated, as Shopify's REST payloads write them. */
  tags: z.string().optional(),
  variants: z.array(
    z.object({
      admin_graphql_api_id: z.string().startsWith("gid://shopify/ProductVariant/"),
      title: z.string(),
      price: z.string(),
    }),
  ),
});

/**
 * products/update: offers that offer this product take its current titles and prices; when live
 * offers changed, or their triggers now name a variant checkout does not know (a new variant, a
 * new tag), the config is republished after the acknowledgement.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload, admin } = await authenticate.webhook(request);
  const parsed = ProductUpdatePayload.safeParse(payload);
  if (!parsed.success) return new Response("Unexpected payload", { status: 400 });
  const product = parsed.data;
  const change = await applyProductUpdate(shop, {
    id: product.admin_graphql_api_id,
    title: product.title,
    updatedAt: new Date(product.updated_at),
    variants: product.variants.map((v) => ({
      id: v.admin_graphql_api_id,
      title: v.title,
      price: v.price,
    })),
    tags: product.tags
      ?.split(",")
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ""),
  });
  if (change.republish && admin) {
    runInBackground(`republish ${shop} after products/update`, async () => {
      await republishAfterProductChange(shop, admin, "product-update");
    });
  }
  return new Response();
};
