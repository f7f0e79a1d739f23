import type { ActionFunctionArgs } from "@remix-run/node";
import { deleteSessionsForShop } from "../models/session.server";
import { authenticate } from "../shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  // Verifies the HMAC (401 when forged) before anything is touched.
  const { shop } = await authenticate.webhook(request);
  // Webhooks can repeat after the sessions are gone; deleting by shop is idempotent.
  await deleteSessionsForShop(shop);
  return new Response();
};
