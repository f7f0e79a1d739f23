/**
 * A demo storefront cart in the shape of Shopify's AJAX Cart API (`/cart.js`): money in the
 * currency's subunit, line keys, properties, cart attributes, and the function's discounts as
 * each line's `line_level_discount_allocations` and the cart's `total_discount`.
 */
import { DEMO_SHOP, findVariant, legacyId } from "../demo/catalog";
import { productImageUrl } from "../demo/product-image";
import { DISCOUNT_TITLE } from "../shopify/discount.server";
import type { StoredCart, StoredLine } from "./cart-store.server";
import type { CartPricing } from "./pricing.server";

export const STOREFRONT_ROOT = "/storefront/";

export interface DiscountAllocationJson {
  amount: number;
  discount_application: {
    type: "automatic";
    key: string;
    title: string;
    description: string;
    value: string;
    created_at: string;
    value_type: "fixed_amount";
    allocation_method: "each";
    target_selection: "explicit";
    target_type: "line_item";
    total_allocated_amount: number;
  };
}

export interface CartItemJson {
  id: number;
  properties: Record<string, string>;
  quantity: number;
  variant_id: number;
  key: string;
  title: string;
  price: number;
  original_price: number;
  discounted_price: number;
  line_price: number;
  original_line_price: number;
  total_discount: number;
  discounts: { amount: number; title: string }[];
  sku: string;
  grams: number;
  vendor: string;
  taxable: boolean;
  product_id: number;
  product_has_only_default_variant: boolean;
  gift_card: boolean;
  final_price: number;
  final_line_price: number;
  url: string;
  featured_image: { aspect_ratio: number; alt: string; height: number; url: string; width: number };
  image: string;
  handle: string;
  requires_shipping: boolean;
  product_type: string;
  product_title: string;
  product_description: string;
  variant_title: string | null;
  variant_options: string[];
  options_with_values: { name: string; value: string }[];
  line_level_discount_allocations: DiscountAllocationJson[];
  line_level_total_discount: number;
}

export interface CartJson {
  token: string;
  note: string;
  attributes: Record<string, string>;
  original_total_price: number;
  total_price: number;
  total_discount: number;
  total_weight: number;
  item_count: number;
  items: CartItemJson[];
  requires_shipping: boolean;
  currency: string;
  items_subtotal_price: number;
  cart_level_discount_applications: never[];
}

/** One line as `/cart.js` has it; `origin` is the request's, where the image URLs point. */
export function itemJson(
  line: StoredLine,
  unitPrice: number,
  discount: number,
  origin: string,
): CartItemJson {
  const found = findVariant(line.variantId);
  if (!found) throw new Error(`Unknown variant ${line.variantId}`);
  const { product, variant } = found;
  const defaultVariant = variant.title === "Default Title";
  const originalLine = unitPrice * line.quantity;
  const finalLine = originalLine - discount;
  const allocations: DiscountAllocationJson[] =
    discount > 0
      ? [
          {
            amount: discount,
            discount_application: {
              type: "automatic",
              key: "ladder-offers",
              title: DISCOUNT_TITLE,
              description: DISCOUNT_TITLE,
              value: (discount / 100).toFixed(2),
              created_at: "2026-01-05T09:00:00Z",
              value_type: "fixed_amount",
              allocation_method: "each",
              target_selection: "explicit",
              target_type: "line_item",
              total_allocated_amount: discount,
            },
          },
        ]
      : [];
  const image = productImageUrl(product, origin);
  return {
    id: Number(legacyId(variant.id)),
    properties: line.properties,
    quantity: line.quantity,
    variant_id: Number(legacyId(variant.id)),
    key: line.key,
    title: defaultVariant ? product.title : `${product.title} - ${variant.title}`,
    price: unitPrice,
    original_price: unitPrice,
    discounted_price: Math.floor(finalLine / line.quantity),
    line_price: originalLine,
    original_line_price: originalLine,
    total_discount: discount,
    discounts: discount > 0 ? [{ amount: discount, title: DISCOUNT_TITLE }] : [],
    sku: variant.sku,
    grams: 0,
    vendor: product.vendor,
    taxable: true,
    product_id: Number(legacyId(product.id)),
    product_has_only_default_variant: product.variants.length === 1,
    gift_card: false,
    final_price: Math.floor(finalLine / line.quantity),
    final_line_price: finalLine,
    url: `${STOREFRONT_ROOT}products/${product.handle}?variant=${legacyId(variant.id)}`,
    featured_image: { aspect_ratio: 1, alt: product.title, height: 400, url: image, width: 400 },
    image,
    handle: product.handle,
    requires_shipping: true,
    product_type: product.productType,
    product_title: product.title,
    product_description: product.description,
    variant_title: defaultVariant ? null : variant.title,
    variant_options: variant.selectedOptions.map((o) => o.value),
    options_with_values: variant.selectedOptions,
    line_level_discount_allocations: allocations,
    line_level_total_discount: discount,
  };
}

/**
 * Shopify's cart money is always in hundredths of the currency unit; image URLs are absolute
 * (on `origin`, the request's), as Shopify's CDN URLs are.
 */
export function cartJson(cart: StoredCart, pricing: CartPricing, origin: string): CartJson {
  const items = cart.lines.map((line) => {
    const priced = pricing.lines.find((p) => p.key === line.key);
    return itemJson(line, priced?.unitPrice ?? 0, priced?.discount ?? 0, origin);
  });
  const original = items.reduce((sum, item) => sum + item.original_line_price, 0);
  const final = items.reduce((sum, item) => sum + item.final_line_price, 0);
  return {
    token: cart.token,
    note: cart.note,
    attributes: { ...cart.attributes },
    original_total_price: original,
    total_price: final,
    total_discount: original - final,
    total_weight: 0,
    item_count: items.reduce((sum, item) => sum + item.quantity, 0),
    items,
    requires_shipping: items.length > 0,
    currency: DEMO_SHOP.currencyCode,
    items_subtotal_price: final,
    cart_level_discount_applications: [],
  };
}
