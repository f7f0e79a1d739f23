import type { AjaxCart } from "./types";
import type { CartRequest } from "./actions";

/**
 * Talks to the AJAX Cart API with the page's own `fetch`, captured before Ladder wraps it, so
 * Ladder's requests never look like theme requests to its own observer. One attempt per action:
 * a failure is reported to the buyer, never retried in a loop.
 */
export function cartClient(root: string, fetchImpl: typeof fetch) {
  const call = async (path: string, body?: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetchImpl(root + path, {
        method: body === undefined ? "GET" : "POST",
        headers: { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Error("");
    }
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const description =
        data && typeof data === "object" && "description" in data ? data.description : "";
      // Shopify's own words when it gave some ("All 3 in stock are in your cart").
      throw new Error(typeof description === "string" ? description : "");
    }
    return data;
  };
  return {
    get: () => call("/cart.js") as Promise<AjaxCart>,
    updateAttributes: (attributes: Record<string, string>) =>
      call("/cart/update.js", { attributes }) as Promise<AjaxCart>,
    /** Runs an offer's requests in order, then reads the cart they left. */
    async run(requests: readonly CartRequest[]): Promise<AjaxCart> {
      for (const request of requests) await call(request.path, request.body);
      return call("/cart.js") as Promise<AjaxCart>;
    },
  };
}

export type CartClient = ReturnType<typeof cartClient>;
