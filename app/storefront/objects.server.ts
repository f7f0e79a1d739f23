/**
 * Shopify's Liquid globals for a demo storefront page, shaped as Shopify hands them to a theme
 * app extension: `app.metafields.ladder.config` (the storefront's copy of the config), `cart`
 * (the Cart API's shape, money in hundredths), `customer` (with the `$app` customer state Ladder
 * mirrors), `product`, `shop`, `localization` and `routes`.
 */
import { DEMO_PRODUCTS, DEMO_SHOP, legacyId, type DemoProduct } from "../demo/catalog";
import { absoluteImageUrl, productImageUrl } from "../demo/product-image";
import { minorDigits, parseMoney } from "../engine";
import type { CartJson } from "./cart-json.server";
import type { SimulatedCustomer } from "./customers";
import type { StorefrontObjects } from "./liquid.server";

/** Where the storefront lives: Shopify's `routes.root_url`, without the trailing slash. */
export const STOREFRONT_ROOT_URL = "/storefront";

const cents = (amount: string) => parseMoney(amount, minorDigits(DEMO_SHOP.currencyCode)) ?? 0;

/** `product` as Liquid has it; `origin` is the request's, where the image URLs point. */
export function productObject(product: DemoProduct, origin: string, selectedVariantId?: string) {
  const selected =
    product.variants.find((v) => v.id === selectedVariantId) ?? product.variants[0] ?? null;
  const image = product.imagePath
    ? {
        src: absoluteImageUrl(product.imagePath, origin),
        alt: product.title,
        width: 400,
        height: 400,
      }
    : null;
  return {
    id: Number(legacyId(product.id)),
    title: product.title,
    handle: product.handle,
    description: product.description,
    vendor: product.vendor,
    type: product.productType,
    tags: product.tags,
    url: `${STOREFRONT_ROOT_URL}/products/${product.handle}`,
    featured_image: image,
    has_only_default_variant: product.variants.length === 1,
    selected_or_first_available_variant: selected
      ? { id: Number(legacyId(selected.id)), title: selected.title, price: cents(selected.price) }
      : null,
    variants: product.variants.map((v) => ({
      id: Number(legacyId(v.id)),
      title: v.title,
      price: cents(v.price),
      available: v.inventoryQuantity > 0,
      inventory_quantity: v.inventoryQuantity,
    })),
  };
}

export function customerObject(customer: SimulatedCustomer | null) {
  if (!customer) return null;
  return {
    id: Number(legacyId(customer.id)),
    first_name: customer.firstName,
    last_name: customer.lastName,
    email: customer.email,
    tags: customer.tags,
    orders_count: customer.ordersCount,
    total_spent: cents(customer.amountSpent),
    metafields: {
      $app: {
        ladder_state: {
          value: {
            v: 1,
            tags: customer.tags.map((t) => t.toLowerCase()),
            ordersCount: customer.ordersCount,
            amountSpent: customer.amountSpent,
            lastAcceptedAt: null,
          },
        },
      },
    },
  };
}

export function storefrontObjects(page: {
  storefrontConfig: unknown;
  cart: CartJson;
  customer: SimulatedCustomer | null;
  product?: DemoProduct;
  selectedVariantId?: string;
  /** The request's origin: image URLs are absolute on it, as Shopify's CDN URLs are. */
  origin: string;
}): StorefrontObjects {
  return {
    app: {
      metafields:
        page.storefrontConfig === null
          ? {}
          : { ladder: { config: { value: page.storefrontConfig } } },
    },
    cart: { ...page.cart },
    customer: customerObject(page.customer),
    product: page.product ? productObject(page.product, page.origin, page.selectedVariantId) : null,
    shop: {
      name: DEMO_SHOP.name,
      money_format: "${{amount}}",
      currency: DEMO_SHOP.currencyCode,
    },
    localization: { country: { iso_code: "US" } },
    routes: { root_url: STOREFRONT_ROOT_URL, cart_url: `${STOREFRONT_ROOT_URL}/cart` },
    // Offered items' images by numeric variant id: the demo knows them, Liquid on Shopify cannot.
    ladder_images: Object.fromEntries(
      DEMO_PRODUCTS.flatMap((p) =>
        p.imagePath ? p.variants.map((v) => [legacyId(v.id), productImageUrl(p, page.origin)]) : [],
      ),
    ),
  };
}
