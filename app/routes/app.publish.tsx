import { data, type ActionFunctionArgs } from "@remix-run/node";
import { publishOffers } from "../models/publish.server";
import { authenticate } from "../shopify.server";

/** POST: publishes the shop's active offers to checkout (the offers page's Publish button). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const result = await publishOffers(session.shop, admin);
  if (result.ok) return result;
  return data(result, { status: result.reason === "shopify" ? 502 : 422 });
};
