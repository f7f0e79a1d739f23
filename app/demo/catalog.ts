/**
 * The demo store's catalog: the stories the demo, the seeds and the tests tell.
 *
 * Pure data plus lookups, no Node or Shopify imports, so the admin (product pickers, previews),
 * seeds and tests can all share it. IDs are Shopify GIDs as the Admin API returns them; prices are
 * decimal strings in the shop currency, as the Admin API's `Money` scalar carries them.
 */

import { productImagePath } from "./product-image";

export type DemoStory = "car-wash" | "camera" | "chocolate" | "phone";

export interface DemoVariant {
  id: string;
  title: string;
  price: string;
  compareAtPrice: string | null;
  sku: string;
  inventoryQuantity: number;
  selectedOptions: { name: string; value: string }[];
}

export interface DemoProduct {
  id: string;
  handle: string;
  title: string;
  description: string;
  vendor: string;
  productType: string;
  tags: string[];
  collectionIds: string[];
  /**
   * Where the app serves the featured image, a path (null for a product without media): the SVG
   * tile the demo draws (`product-image.ts`). What the demo hands out (Admin API answers,
   * storefront objects, the Cart API) makes it absolute with `absoluteImageUrl`, as Shopify's
   * image URLs are.
   */
  imagePath: string | null;
  story: DemoStory;
  variants: DemoVariant[];
}

export interface DemoCollection {
  id: string;
  handle: string;
  title: string;
  description: string;
}

export interface DemoShopInfo {
  id: string;
  name: string;
  email: string;
  myshopifyDomain: string;
  currencyCode: string;
  ianaTimezone: string;
  /** Checkout UI extensions render before the thank-you page on Shopify Plus only. */
  shopifyPlus: boolean;
}

export const DEMO_SHOP_DOMAIN = "ladder-demo.myshopify.com";

export const DEMO_SHOP: DemoShopInfo = {
  id: "gid://shopify/Shop/1",
  name: "Ladder Demo Store",
  email: "owner@ladder-demo.example",
  myshopifyDomain: DEMO_SHOP_DOMAIN,
  currencyCode: "USD",
  ianaTimezone: "America/New_York",
  shopifyPlus: false,
};

export const DEMO_COLLECTIONS: DemoCollection[] = [
  collection(3001, "car-care", "Car care", "Washes and the extras that make them shine."),
  collection(3002, "cameras", "Cameras", "Camera bodies."),
  collection(3003, "lenses", "Lenses", "Lenses for every budget."),
  collection(3004, "chocolate", "Chocolate", "Bars, pralines and sauces."),
  collection(3005, "phones", "Phones & accessories", "Phones and what protects them."),
];

const NO_OPTIONS = [{ name: "Title", value: "Default Title" }];

export const DEMO_PRODUCTS: DemoProduct[] = [
  // Car wash: a good → better upgrade (standard → premium) and small add-ons.
  product(1001, "standard-wash", "Standard wash", "car-wash", {
    description: "Exterior wash and dry.",
    vendor: "Shine Car Wash",
    productType: "Car wash",
    tags: ["wash", "service"],
    collections: [3001],
    variants: [variant(2001, "Default Title", "20.00", "WASH-STD")],
  }),
  product(1002, "premium-wash", "Premium wash", "car-wash", {
    description: "Exterior wash, interior vacuum and hand dry.",
    vendor: "Shine Car Wash",
    productType: "Car wash",
    tags: ["wash", "service", "premium"],
    collections: [3001],
    variants: [variant(2002, "Default Title", "35.00", "WASH-PRM")],
  }),
  product(1003, "waxing", "Waxing", "car-wash", {
    description: "Hand-applied wax that protects the paint for weeks.",
    vendor: "Shine Car Wash",
    productType: "Car care add-on",
    tags: ["add-on", "service"],
    collections: [3001],
    variants: [variant(2003, "Default Title", "15.00", "WASH-WAX")],
  }),
  product(1004, "tire-shine", "Tire shine", "car-wash", {
    description: "Deep black tires that last.",
    vendor: "Shine Car Wash",
    productType: "Car care add-on",
    tags: ["add-on", "service"],
    collections: [3001],
    variants: [variant(2004, "Default Title", "8.00", "WASH-TIRE")],
  }),

  // Camera shop: a commensurate cross-sell (lens kit) and one that is not (pro lens).
  product(1101, "camera", "Camera", "camera", {
    description: "24 MP mirrorless camera body.",
    vendor: "Aperture Cameras",
    productType: "Camera",
    tags: ["camera"],
    collections: [3002],
    variants: [variant(2101, "Default Title", "600.00", "CAM-BODY", 12)],
  }),
  product(1102, "lens-kit", "Lens kit", "camera", {
    description: "Wide and portrait lenses for everyday shooting.",
    vendor: "Aperture Cameras",
    productType: "Lens",
    tags: ["lens", "accessory"],
    collections: [3003],
    variants: [variant(2102, "Default Title", "250.00", "CAM-LKIT", 20)],
  }),
  product(1103, "pro-lens", "Pro lens", "camera", {
    description: "Fast professional telephoto lens.",
    vendor: "Aperture Cameras",
    productType: "Lens",
    tags: ["lens", "accessory", "premium"],
    collections: [3003],
    variants: [variant(2103, "Default Title", "1400.00", "CAM-PRO", 3)],
  }),

  // Chocolate shop: bundles, quantity breaks and a gift over a threshold.
  product(1201, "dark-chocolate", "Dark chocolate", "chocolate", {
    description: "70% cocoa bar, 100 g.",
    vendor: "Cacao & Co",
    productType: "Chocolate bar",
    tags: ["chocolate", "bar"],
    collections: [3004],
    variants: [variant(2201, "Default Title", "6.00", "CHOC-DARK", 200)],
  }),
  product(1202, "milk-chocolate", "Milk chocolate", "chocolate", {
    description: "Creamy milk chocolate bar, 100 g.",
    vendor: "Cacao & Co",
    productType: "Chocolate bar",
    tags: ["chocolate", "bar"],
    collections: [3004],
    variants: [variant(2202, "Default Title", "5.00", "CHOC-MILK", 200)],
  }),
  product(1203, "pralines", "Pralines", "chocolate", {
    description: "A box of twelve hand-made pralines.",
    vendor: "Cacao & Co",
    productType: "Pralines",
    tags: ["chocolate", "gift-idea"],
    collections: [3004],
    variants: [variant(2203, "Default Title", "12.00", "CHOC-PRAL", 50)],
  }),
  product(1204, "truffle-sauce", "Truffle sauce", "chocolate", {
    description: "Warm chocolate truffle sauce, 200 ml.",
    vendor: "Cacao & Co",
    productType: "Sauce",
    tags: ["chocolate", "sauce", "gift-idea"],
    collections: [3004],
    variants: [variant(2204, "Default Title", "9.00", "CHOC-SAUCE", 80)],
  }),

  // Phone and case: the classic cross-sell; the case comes in two colours.
  product(1301, "phone", "Phone", "phone", {
    description: "6.1-inch smartphone, 128 GB.",
    vendor: "Ladder Mobile",
    productType: "Phone",
    tags: ["phone"],
    collections: [3005],
    variants: [variant(2301, "Default Title", "799.00", "PHONE-128", 25)],
  }),
  product(1302, "phone-case", "Phone case", "phone", {
    description: "Slim protective case.",
    vendor: "Ladder Mobile",
    productType: "Phone accessory",
    tags: ["accessory", "case"],
    collections: [3005],
    variants: [
      variant(2302, "Black", "30.00", "CASE-BLK", 60, [{ name: "Color", value: "Black" }]),
      variant(2303, "Clear", "30.00", "CASE-CLR", 40, [{ name: "Color", value: "Clear" }]),
    ],
  }),
  // Sold out (and not selling on when out of stock): its offer is left out of checkout at publish.
  product(1303, "screen-protector", "Screen protector", "phone", {
    description: "Tempered glass, fitted for the phone.",
    vendor: "Ladder Mobile",
    productType: "Phone accessory",
    tags: ["accessory"],
    collections: [3005],
    variants: [variant(2304, "Default Title", "15.00", "PHONE-GLASS", 0)],
  }),
];

export function findProduct(id: string): DemoProduct | undefined {
  return DEMO_PRODUCTS.find((p) => p.id === id);
}

export function findVariant(
  id: string,
): { product: DemoProduct; variant: DemoVariant } | undefined {
  for (const product of DEMO_PRODUCTS) {
    const variant = product.variants.find((v) => v.id === id);
    if (variant) return { product, variant };
  }
  return undefined;
}

export function findCollection(id: string): DemoCollection | undefined {
  return DEMO_COLLECTIONS.find((c) => c.id === id);
}

export function productsInCollection(collectionId: string): DemoProduct[] {
  return DEMO_PRODUCTS.filter((p) => p.collectionIds.includes(collectionId));
}

/** The numeric tail of a GID (`gid://shopify/Product/1001` → `1001`). */
export function legacyId(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

/**
 * A small subset of Shopify's product search syntax, enough for pickers and seeds:
 * space-separated terms that must all match; `field:value` for title, handle, tag, vendor,
 * product_type, sku and id; a trailing `*` makes a prefix match; bare words search title, vendor,
 * product type and tags. Case-insensitive.
 */
export function searchProducts(query: string | null | undefined): DemoProduct[] {
  // Terms are separated by spaces, except inside quotes: tag:'chocolate bar' is one term.
  const terms = (query ?? "").match(/(?:[^\s'"]+|'(?:\\.|[^'])*'|"(?:\\.|[^"])*")+/g) ?? [];
  return DEMO_PRODUCTS.filter((product) => terms.every((term) => matchesTerm(product, term)));
}

function matchesTerm(product: DemoProduct, term: string): boolean {
  const colon = term.indexOf(":");
  const field = colon > 0 ? term.slice(0, colon).toLowerCase() : null;
  const raw = (colon > 0 ? term.slice(colon + 1) : term).replace(/^["']|["']$/g, "").toLowerCase();
  const prefix = raw.endsWith("*");
  const value = prefix ? raw.slice(0, -1) : raw;
  // Field matches compare whole values (or prefixes); bare words match inside text.
  const equals = (candidate: string) =>
    prefix ? candidate.toLowerCase().startsWith(value) : candidate.toLowerCase() === value;
  const contains = (candidate: string) => candidate.toLowerCase().includes(value);

  switch (field) {
    case "title":
      return prefix ? equals(product.title) : contains(product.title);
    case "handle":
      return equals(product.handle);
    case "tag":
      return product.tags.some(equals);
    case "vendor":
      return equals(product.vendor);
    case "product_type":
      return equals(product.productType);
    case "sku":
      return product.variants.some((v) => equals(v.sku));
    case "id":
      return equals(legacyId(product.id));
    case "product_id":
      return equals(legacyId(product.id));
    case "product_ids":
      return raw.split(",").includes(legacyId(product.id));
    case "collection":
    case "collection_id":
      return product.collectionIds.some((id) => equals(legacyId(id)));
    default:
      return [product.title, product.vendor, product.productType, ...product.tags].some(contains);
  }
}

function collection(
  id: number,
  handle: string,
  title: string,
  description: string,
): DemoCollection {
  return { id: `gid://shopify/Collection/${id}`, handle, title, description };
}

function variant(
  id: number,
  title: string,
  price: string,
  sku: string,
  inventoryQuantity = 100,
  selectedOptions = NO_OPTIONS,
): DemoVariant {
  return {
    id: `gid://shopify/ProductVariant/${id}`,
    title,
    price,
    compareAtPrice: null,
    sku,
    inventoryQuantity,
    selectedOptions,
  };
}

function product(
  id: number,
  handle: string,
  title: string,
  story: DemoStory,
  fields: {
    description: string;
    vendor: string;
    productType: string;
    tags: string[];
    collections: number[];
    imagePath?: string;
    variants: DemoVariant[];
  },
): DemoProduct {
  return {
    id: `gid://shopify/Product/${id}`,
    handle,
    title,
    story,
    description: fields.description,
    vendor: fields.vendor,
    productType: fields.productType,
    tags: fields.tags,
    collectionIds: fields.collections.map((c) => `gid://shopify/Collection/${c}`),
    imagePath: fields.imagePath ?? productImagePath(handle),
    variants: fields.variants,
  };
}
