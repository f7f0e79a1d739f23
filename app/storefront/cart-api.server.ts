/**
 * The demo storefront's AJAX Cart API: one function per endpoint Shopify themes call, each
 * answering Shopify's shapes (the cart, or the added items) and Shopify's errors
 * (`{status, message, description}`: 422 for an unknown or sold-out variant, 400 for a request
 * that cannot be read). The cart is priced by the discount function on every answer.
 */
import type { AdminApi } from "../shopify/admin.server";
import { cartJson } from "./cart-json.server";
import {
  addItems,
  CartError,
  changeLine,
  clearCart,
  getCart,
  updateCart,
  type StoredCart,
} from "./cart-store.server";
import { parseAdd, parseChange, parseUpdate } from "./cart-request.server";
import { simulatedCustomer, type SimulatedCustomerKind } from "./customers";
import { priceCart, type CartPricing } from "./pricing.server";
import { readPublishedState, type PublishedState } from "./published.server";

export type CartEndpoint = "get" | "add" | "change" | "update" | "clear";

export interface StorefrontVisitor {
  shop: string;
  admin: AdminApi;
  /** The visitor cookie: the cart's token and Ladder's visitor key. */
  token: string;
  customer: SimulatedCustomerKind;
  /** The request's origin: image URLs are absolute on it, as Shopify's CDN URLs are. */
  origin: string;
  now?: Date;
}

export interface CartApiResult {
  status: number;
  body: unknown;
}

export interface PricedCart {
  cart: StoredCart;
  published: PublishedState;
  pricing: CartPricing;
}

/** The visitor's cart with what the function charges for it now. */
export async function pricedCart(visitor: StorefrontVisitor): Promise<PricedCart> {
  const published = await readPublishedState(visitor.shop, visitor.admin);
  const cart = getCart(visitor.token);
  const customer = simulatedCustomer(visitor.customer, published.storefrontConfig);
  const pricing = priceCart(cart, customer, published.discount, visitor.now ?? new Date());
  return { cart, published, pricing };
}

/**
 * Runs one cart endpoint on the visitor's cart. `body` is the request body as read by
 * `readCartBody`, or a CartError it raised (answered as Shopify would).
 */
export async function handleCartRequest(
  visitor: StorefrontVisitor,
  endpoint: CartEndpoint,
  body: Record<string, unknown> | CartError,
): Promise<CartApiResult> {
  try {
    if (body instanceof CartError) throw body;
    const cart = getCart(visitor.token);
    let added: { keys: string[]; single: boolean } | null = null;
    switch (endpoint) {
      case "get":
        break;
      case "add": {
        const { items, single } = parseAdd(body);
        added = { keys: addItems(cart, items).map((line) => line.key), single };
        break;
      }
      case "change":
        changeLine(cart, parseChange(body));
        break;
      case "update":
        updateCart(cart, parseUpdate(body));
        break;
      case "clear":
        clearCart(cart);
        break;
    }
    const { pricing } = await pricedCart(visitor);
    const json = cartJson(cart, pricing, visitor.origin);
    if (!added) return { status: 200, body: json };
    // add.js answers the added items (one object for a single item), priced as in the cart.
    const items = added.keys.flatMap((key) => json.items.filter((item) => item.key === key));
    return { status: 200, body: added.single ? (items[0] ?? null) : { items } };
  } catch (error) {
    if (error instanceof CartError) return { status: error.status, body: error.body() };
    throw error;
  }
}
