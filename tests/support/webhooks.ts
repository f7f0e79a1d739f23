import { API_SECRET_KEY, APP_URL, getHmac } from "@shopify/shopify-api/test-helpers";
import { API_VERSION } from "../../app/shopify/api-version";

let deliveries = 0;

/** A webhook request as Shopify sends it, signed with the app secret (or a forged one). */
export function webhookRequest(
  pathname: string,
  {
    topic,
    shop,
    payload,
    secret = API_SECRET_KEY,
    eventId,
  }: { topic: string; shop: string; payload: unknown; secret?: string; eventId?: string },
): Request {
  const body = JSON.stringify(payload);
  return new Request(new URL(pathname, APP_URL), {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": getHmac(body, secret),
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": API_VERSION,
      "X-Shopify-Webhook-Id": `test-${topic}-${(deliveries += 1)}`,
      "X-Shopify-Triggered-At": new Date().toISOString(),
      // Repeated deliveries of one event share this id (each delivery has its own webhook id).
      ...(eventId ? { "X-Shopify-Event-Id": eventId } : {}),
    },
  });
}

/** Runs a Remix action that may throw a Response (as the Shopify library does) and returns it. */
export async function responseOf(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A signed webhook request with the body exactly as given (e.g. ids beyond 2^53). */
export function rawWebhookRequest(
  pathname: string,
  { topic, shop, body }: { topic: string; shop: string; body: string },
): Request {
  const signed = webhookRequest(pathname, { topic, shop, payload: null });
  const headers = new Headers(signed.headers);
  headers.set("X-Shopify-Hmac-Sha256", getHmac(body, API_SECRET_KEY));
  return new Request(signed.url, { method: "POST", body, headers });
}
