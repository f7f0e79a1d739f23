/**
 * Shapes of what the storefront hands Ladder's script: Shopify's AJAX Cart API (`/cart.js`,
 * amounts in the currency's hundredths as Liquid and the Cart API always give them) and the
 * facts the Liquid blocks inline.
 */
export interface AjaxCartItem {
  /** Line key: what `/cart/change.js` takes as `id`. */
  key: string;
  variant_id: number | string;
  product_id: number | string;
  title?: string;
  product_title?: string;
  quantity: number;
  /** Unit price before any discount. */
  original_price: number;
  properties?: Record<string, unknown> | null;
}

export interface AjaxCart {
  token?: string;
  items: AjaxCartItem[];
  attributes?: Record<string, unknown> | null;
  currency?: string;
}

/** The logged-in customer as Liquid sees them; null for a guest. */
export interface ShopperFacts {
  /** Numeric id, as Liquid's `customer.id`. */
  id: number | string;
  firstName?: string | null;
  tags?: string[];
  ordersCount?: number;
  /** Liquid's `customer.total_spent`, in hundredths. */
  totalSpent?: number;
  /** From the app metafield `ladder_state`, when Liquid could read it (ISO 8601). */
  lastAcceptedAt?: string | null;
}

/** The product being viewed (product block), selected variant first. */
export interface ViewedProduct {
  productId: number | string;
  variantId: number | string;
  title: string;
  /** In hundredths. */
  price: number;
}
