import { compile, type OfferConfig, type TriggerResolver } from "../../app/engine";
import { productPageIndex, storefrontCopy } from "../../app/offers/storefront-index";
import type { StorefrontObjects } from "../../app/storefront/liquid.server";
import example from "../fixtures/config.example.json";

/** Fixture objects shaped as Shopify's Liquid hands them to the extension's blocks. */

export const EXAMPLE = example as OfferConfig;

/** The catalog as publishing looks it up: the "chocolate-bar" tag is on dark chocolate (1021). */
const resolve: TriggerResolver = {
  tag: (tag) =>
    tag === "chocolate-bar"
      ? ["gid://shopify/ProductVariant/2021", "gid://shopify/ProductVariant/2022"]
      : undefined,
};
const productOf = new Map([
  ["gid://shopify/ProductVariant/2021", "gid://shopify/Product/1021"],
  ["gid://shopify/ProductVariant/2022", "gid://shopify/Product/1021"],
]);

/** The checkout form publishing writes, tag triggers resolved to variants as publishing does. */
export function publishedConfig(config: OfferConfig = EXAMPLE): unknown {
  return JSON.parse(JSON.stringify(compile(config, { activeOnly: true, resolve })));
}

/** The storefront's copy publishing writes: the checkout form plus the product-page index. */
export function storefrontConfig(config: OfferConfig = EXAMPLE): Record<string, unknown> {
  const published = compile(config, { activeOnly: true, resolve });
  const index = productPageIndex(config, resolve, productOf);
  return JSON.parse(JSON.stringify(storefrontCopy(published, index, Infinity))) as Record<
    string,
    unknown
  >;
}

export const chocolate = {
  id: 1021,
  title: "Dark chocolate",
  handle: "dark-chocolate",
  selected_or_first_available_variant: { id: 2021 },
  variants: [
    { id: 2021, title: "70%", price: 450 },
    { id: 2022, title: "85%", price: 500 },
  ],
};

export const phone = {
  id: 1031,
  title: "Phone",
  handle: "phone",
  selected_or_first_available_variant: { id: 2031 },
  variants: [{ id: 2031, title: "Default Title", price: 79900 }],
};

export interface ItemSpec {
  variant: number;
  product: number;
  quantity: number;
  price: number;
  title?: string;
  properties?: Record<string, string>;
}

export function cartOf(
  items: ItemSpec[],
  attributes: Record<string, string> = { _ladder_group: "treatment" },
) {
  return {
    token: "cart-token-1",
    attributes,
    currency: "USD",
    item_count: items.reduce((sum, item) => sum + item.quantity, 0),
    items: items.map((item) => ({
      key: `${item.variant}:key`,
      id: item.variant,
      variant_id: item.variant,
      product_id: item.product,
      title: item.title ?? `Item ${item.variant}`,
      quantity: item.quantity,
      price: item.price,
      original_price: item.price,
      final_price: item.price,
      properties: item.properties ?? {},
    })),
  };
}

export const threeBars = () => cartOf([{ variant: 2021, product: 1021, quantity: 3, price: 450 }]);

export function customerOf(
  tags: string[] = [],
  state: Record<string, unknown> | null = null,
): Record<string, unknown> {
  return {
    id: 7001,
    first_name: "Ana",
    tags,
    orders_count: 2,
    total_spent: 12000,
    metafields: state ? { $app: { ladder_state: { value: state } } } : {},
  };
}

export function pageWith(
  config: unknown,
  extra: Partial<StorefrontObjects> = {},
): StorefrontObjects {
  return {
    app: { metafields: config === undefined ? {} : { ladder: { config: { value: config } } } },
    cart: threeBars(),
    customer: null,
    product: chocolate,
    shop: { money_format: "${{amount}}", currency: "USD" },
    localization: { country: { iso_code: "US" } },
    routes: { root_url: "/" },
    ...extra,
  };
}

/** The JSON the page hands the script, parsed. */
export function pageData(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" data-ladder-data>([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error("no ladder data on the page");
  return JSON.parse(match[1]) as Record<string, unknown>;
}
