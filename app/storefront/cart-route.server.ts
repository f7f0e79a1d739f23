/**
 * The AJAX Cart API routes' one step: who is asking (cookie), what they sent (body), the
 * endpoint's answer as JSON. Kept here so each route file is a single line.
 */
import { handleCartRequest, type CartEndpoint } from "./cart-api.server";
import { CartError } from "./cart-store.server";
import { readCartBody } from "./cart-request.server";
import { storefrontVisitor } from "./visitor.server";

export async function answerCartRequest(
  request: Request,
  endpoint: CartEndpoint,
): Promise<Response> {
  const { visitor, headers } = await storefrontVisitor(request);
  const body = await readCartBody(request).catch((error: unknown) => {
    if (error instanceof CartError) return error;
    throw error;
  });
  const result = await handleCartRequest(visitor, endpoint, body);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(result.body), { status: result.status, headers });
}
