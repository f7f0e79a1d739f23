import { describe, expect, it } from "vitest";
import { compile, load, type Offer, type OfferConfig } from "../../app/engine";
import { INDEX_MODULUS, productPageIndex, storefrontCopy } from "../../app/offers/storefront-index";
import { renderBlock } from "../../app/storefront/liquid.server";
import { evaluateStorefront } from "../../extensions/storefront-offers/src/adapter";
import type { ShopperFacts } from "../../extensions/storefront-offers/src/types";
import { cartOf, EXAMPLE, pageWith, publishedConfig, storefrontConfig } from "./fixtures";

/**
 * The product block reserves room for offer cards only where an offer it shows can reach the
 * page: the product viewed, or a line already in the cart, is one an offer names. Elsewhere it
 * renders with no room and nothing visible (the script still runs there and fills it should it
 * find an offer after all).
 */

const config = storefrontConfig();
const PRODUCT_KINDS = ["upgrade", "volume", "bundle", "cross-sell"];

interface Product {
  id: number;
  title: string;
  variants: { id: number; title: string; price: number }[];
  tags?: string[];
  collections?: { id: number }[];
}

function productOf(id: number, variants: number[], price = 2000): Product {
  return {
    id,
    title: `Product ${id}`,
    variants: variants.map((v) => ({ id: v, title: `Variant ${v}`, price })),
  };
}

/** A product no offer names (as the demo's tire shine, a gift's item). */
const tireShine = productOf(1004, [2004], 800);

async function productBlock(
  page: { product: Product; cart: Record<string, unknown> },
  value: unknown = config,
): Promise<string> {
  const { product, cart } = page;
  const objects = pageWith(value, {
    cart,
    product: { ...product, selected_or_first_available_variant: product.variants[0] },
  });
  return (await renderBlock("product-offers", objects)).html;
}

/** Whether the rendered block reserves room: the cards' slots, and not marked unreserved. */
function reserves(html: string): boolean {
  expect(html).toContain('data-ladder="product"');
  const slots = /--ladder-slots: (\d+);/.exec(html)?.[1];
  const unreserved = html.includes("ladder--unreserved");
  expect(slots === "0").toBe(unreserved);
  return !unreserved;
}

const emptyCart = () => cartOf([]);

describe("the product-page index publishing adds to the storefront's copy", () => {
  it("lists trigger products and bundle items' products, not offered items or gifts", () => {
    const index = productPageIndex(EXAMPLE, {
      tag: (tag) => (tag === "chocolate-bar" ? ["gid://shopify/ProductVariant/2021"] : undefined),
    });
    // premium wash and waxing (1001, 1002), the camera (1011), the chocolate tag's variant
    // (product unknown: listed as a variant), truffles (1023), the phone bundle (1031, 1032).
    expect(index).toEqual({ m: INDEX_MODULUS, p: "1001,1002,1011,1023,1031,1032", v: "2021" });
    expect(storefrontConfig().pp).toEqual({
      m: INDEX_MODULUS,
      p: "1001,1002,1011,1021,1023,1031,1032",
    });
  });

  it("keeps collections and tags nothing resolved, and keys ids modulo m", () => {
    const offer: Offer = {
      id: "boxes",
      kind: "cross-sell",
      title: "Boxes",
      status: "active",
      trigger: {
        collectionIds: ["gid://shopify/Collection/8123456789012"],
        tags: ["Gift-Box"],
        productIds: ["gid://shopify/Product/8100000000123", "not-a-gid"],
      },
      item: {
        variantId: "gid://shopify/ProductVariant/2003",
        productId: "gid://shopify/Product/1003",
        title: "Waxing",
        price: "15.00",
      },
    };
    const draft: Offer = { ...offer, id: "draft", status: "draft", trigger: { tags: ["x"] } };
    const index = productPageIndex({ version: 1, currency: "USD", offers: [offer, draft] });
    expect(index).toEqual({
      m: INDEX_MODULUS,
      p: String(8100000000123 % INDEX_MODULUS),
      c: String(8123456789012 % INDEX_MODULUS),
      g: "gift-box",
    });
  });

  it("goes out without the index when it would not fit, and checkout's form never has it", () => {
    const published = compile(EXAMPLE, { activeOnly: true });
    const index = productPageIndex(EXAMPLE);
    const size = JSON.stringify({ ...published, pp: index }).length;
    expect(storefrontCopy(published, index, size)).toEqual({ ...published, pp: index });
    expect(storefrontCopy(published, index, size - 1)).toEqual(published);
    expect(publishedConfig()).not.toHaveProperty("pp");
    // The script and checkout read the copy as they read the checkout form.
    expect(load(config)?.size).toBe(load(publishedConfig())?.size);
  });
});

describe("room for offer cards on a product page", () => {
  it("is reserved on a product an offer names", async () => {
    const phone = productOf(1031, [2031], 79900);
    const html = await productBlock({ product: phone, cart: emptyCart() });
    expect(reserves(html)).toBe(true);
    expect(html).toContain("--ladder-slots: 2;");
  });

  it("is not reserved on a product no offer names, which still hands the script its data", async () => {
    const html = await productBlock({ product: tireShine, cart: emptyCart() });
    expect(reserves(html)).toBe(false);
    expect(html).toContain("data-ladder-offers");
    expect(html).toContain("data-ladder-data");
    // The heading is there for the script to reveal with a card; CSS hides the empty block.
    expect(html).toContain('<h2 class="ladder__heading">');
  });

  it("is reserved on any product while the cart holds an offer's trigger", async () => {
    const cart = cartOf([{ variant: 2001, product: 1001, quantity: 1, price: 2000 }]);
    expect(reserves(await productBlock({ product: tireShine, cart }))).toBe(true);
    const waxing = cartOf([{ variant: 2003, product: 1003, quantity: 1, price: 1500 }]);
    expect(reserves(await productBlock({ product: tireShine, cart: waxing }))).toBe(false);
  });

  it("is reserved for a trigger's collection or tag that the product or a cart line has", async () => {
    const boxes: Offer = {
      id: "boxes",
      kind: "volume",
      title: "Boxes",
      status: "active",
      trigger: { collectionIds: ["gid://shopify/Collection/3005"], tags: ["Gift-Box"] },
      tiers: [{ minQuantity: 2, discountPercent: 5 }],
    };
    const value = storefrontConfig({ ...EXAMPLE, offers: [...EXAMPLE.offers, boxes] });
    const cart = emptyCart();
    const plain = { ...tireShine, collections: [{ id: 3006 }], tags: ["Shine"] };
    expect(reserves(await productBlock({ product: plain, cart }, value))).toBe(false);
    const inCollection = { ...plain, collections: [{ id: 3005 }] };
    expect(reserves(await productBlock({ product: inCollection, cart }, value))).toBe(true);
    const tagged = { ...plain, tags: ["GIFT-BOX"] };
    expect(reserves(await productBlock({ product: tagged, cart }, value))).toBe(true);
    // A cart line whose product carries the tag.
    const line = cartOf([{ variant: 2099, product: 1099, quantity: 1, price: 500 }]);
    const withTag = {
      ...line,
      items: line.items.map((item) => ({ ...item, product: { tags: ["gift-box"] } })),
    };
    expect(reserves(await productBlock({ product: plain, cart: withTag }, value))).toBe(true);
  });

  it("is reserved for a trigger variant of the product, whichever variant is selected", async () => {
    const pick: Offer = {
      id: "pick",
      kind: "upgrade",
      title: "Pick",
      status: "active",
      trigger: { variantIds: ["gid://shopify/ProductVariant/2098"] },
      to: {
        variantId: "gid://shopify/ProductVariant/2003",
        productId: "gid://shopify/Product/1003",
        title: "Waxing",
        price: "15.00",
      },
    };
    const value = storefrontConfig({ ...EXAMPLE, offers: [...EXAMPLE.offers, pick] });
    const product = productOf(1098, [2097, 2098]);
    expect(reserves(await productBlock({ product, cart: emptyCart() }, value))).toBe(true);
    const other = productOf(1097, [2096]);
    expect(reserves(await productBlock({ product: other, cart: emptyCart() }, value))).toBe(false);
  });

  it("is reserved everywhere without the index, and where two ids share a key", async () => {
    const cart = emptyCart();
    expect(reserves(await productBlock({ product: tireShine, cart }, publishedConfig()))).toBe(
      true,
    );
    const twin = productOf(1031 + INDEX_MODULUS, [9001]);
    expect(reserves(await productBlock({ product: twin, cart }))).toBe(true);
  });

  it("never leaves out a page where the engine shows the product block an offer", async () => {
    const runtime = load(config);
    if (!runtime) throw new Error("the storefront's copy does not load");
    const prices: Record<number, number> = { 1011: 100000, 1031: 79900, 1032: 3000 };
    const catalog: [number, number[]][] = [
      [1001, [2001]],
      [1002, [2002]],
      [1003, [2003]],
      [1004, [2004]],
      [1011, [2011]],
      [1012, [2012]],
      [1013, [2013]],
      [1021, [2021, 2022]],
      [1023, [2023]],
      [1024, [2024]],
      [1031, [2031]],
      [1032, [2032]],
      [1099, [2099]],
    ];
    const products = catalog.map(([id, variants]) => productOf(id, variants, prices[id] ?? 2000));
    const premium: ShopperFacts = { id: 7001, tags: ["vip"], ordersCount: 5, totalSpent: 200000 };
    const carts = [
      emptyCart(),
      ...products.map((p) =>
        cartOf([
          {
            variant: p.variants[0]?.id ?? 0,
            product: p.id,
            quantity: 1,
            price: p.variants[0]?.price ?? 0,
          },
        ]),
      ),
    ];
    let shown = 0;
    let unreserved = 0;
    for (const product of products) {
      for (const cart of carts) {
        const variant = product.variants[0];
        if (!variant) continue;
        const offers = [null, premium].flatMap(
          (customer) =>
            evaluateStorefront(runtime, {
              cart,
              customer,
              viewing: {
                productId: product.id,
                variantId: variant.id,
                title: product.title,
                price: variant.price,
              },
              countryCode: "US",
              visitorKey: "visitor-1",
              now: new Date("2026-06-01T00:00:00Z"),
            })?.evaluation.offers.filter((o) => PRODUCT_KINDS.includes(o.kind)) ?? [],
        );
        const reserved = reserves(await productBlock({ product, cart }));
        if (offers.length > 0) {
          shown += 1;
          expect(reserved, `product ${product.id}, cart ${cart.items[0]?.product_id}`).toBe(true);
        }
        if (!reserved) unreserved += 1;
      }
    }
    // Not vacuous: the engine shows offers on some pages, and Liquid reserves nothing on others.
    expect(shown).toBeGreaterThan(20);
    expect(unreserved).toBeGreaterThan(20);
  });
});

describe("a config of many offers", () => {
  it("carries an index that lists each trigger and bundle product once", () => {
    const offers = Array.from({ length: 30 }, (_, i): Offer => ({
      id: `x-${i}`,
      kind: "cross-sell",
      title: `X ${i}`,
      status: "active",
      trigger: { productIds: [`gid://shopify/Product/${8100000000000 + (i % 10)}`] },
      item: {
        variantId: `gid://shopify/ProductVariant/${9100000000000 + i}`,
        productId: `gid://shopify/Product/${9200000000000 + i}`,
        title: `Item ${i}`,
        price: "5.00",
      },
    }));
    const many: OfferConfig = { version: 1, currency: "USD", offers };
    expect(productPageIndex(many).p.split(",")).toHaveLength(10);
  });
});
