import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { scheduleStockCheck } from "../models/stock-sync.server";
import { authenticate } from "../shopify.server";

const InventoryLevelPayload = z.object({
  inventory_item_id: z.number().int().positive(),
  location_id: z.number().int().positive(),
  available: z.number().int().nullable(),
});

/**
 * inventory_levels/update: stock moved somewhere in the shop. Offers of sold-out items leave
 * checkout and the storefront (and come back) through a debounced check, not one republish per sale.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload, admin } = await authenticate.webhook(request);
  if (!InventoryLevelPayload.safeParse(payload).success) {
    return new Response("Unexpected payload", { status: 400 });
  }
  if (admin) scheduleStockCheck(shop, admin);
  return new Response();
};
