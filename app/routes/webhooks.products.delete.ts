import type { ActionFunctionArgs } from "@remix-run/node";
import { runInBackground } from "../models/background.server";
import { applyProductDelete } from "../models/product-sync.server";
import { republishAfterProductChange } from "../models/publish.server";
import { authenticate } from "../shopify.server";

/**
 * The product id as written in the body. Shopify's numeric ids can exceed what a JavaScript
 * number holds exactly, so it is read from the text, not from the parsed payload.
 */
function productIdFrom(body: string): string | null {
  const match = /^\s*\{\s*"id"\s*:\s*(\d+)/.exec(body) ?? /"id"\s*:\s*(\d+)/.exec(body);
  return match ? `gid://shopify/Product/${match[1]}` : null;
}

/** products/delete: offers that use the product go to draft (merchant told); live ones republish. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, admin, rawBody } = await authenticate.webhook(request);
  const productId = productIdFrom(rawBody);
  if (!productId) return new Response("Unexpected payload", { status: 400 });
  const change = await applyProductDelete(shop, productId);
  if (change.republish && admin) {
    runInBackground(`republish ${shop} after products/delete`, async () => {
      await republishAfterProductChange(shop, admin, "product-delete");
    });
  }
  return new Response();
};
