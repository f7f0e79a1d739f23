import { addDocumentResponseHeaders } from "../shopify.server";

/**
 * Who may frame the app when the request names no shop. Shopify's helper sets frame-ancestors
 * only for a request with a valid `?shop` (that shop's admin may frame it); without one it sets
 * nothing, which lets any site frame the page (clickjacking). Shopify's admin hosts, as the
 * helper lists them, stay allowed: the admin always passes `?shop`, but a missing one must not
 * open the page to every other site.
 */
export const FRAME_ANCESTORS_WITHOUT_SHOP =
  "frame-ancestors https://admin.shopify.com https://*.spin.dev https://admin.myshopify.io https://admin.shop.dev;";

/** Shopify's document headers, plus a frame-ancestors policy on every response. */
export function addSecurityHeaders(request: Request, headers: Headers): void {
  addDocumentResponseHeaders(request, headers);
  if (!headers.has("Content-Security-Policy")) {
    headers.set("Content-Security-Policy", FRAME_ANCESTORS_WITHOUT_SHOP);
  }
}

/** A response with the same headers plus addSecurityHeaders' (its own headers may be immutable). */
export function withSecurityHeaders(request: Request, response: Response): Response {
  const headers = new Headers(response.headers);
  addSecurityHeaders(request, headers);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
