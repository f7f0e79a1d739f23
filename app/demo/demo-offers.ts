/**
 * The demo shop's value ladder, one story per part of the catalog: what a merchant would set up,
 * so every screen has something to show. Prices are the catalog's.
 */
import type { Offer, Settings } from "../engine";
import { DEMO_PRODUCTS } from "./catalog";

function item(variantId: string) {
  for (const product of DEMO_PRODUCTS) {
    const variant = product.variants.find((v) => v.id === variantId);
    if (variant) {
      const title =
        variant.title === "Default Title" ? product.title : `${product.title} – ${variant.title}`;
      return { variantId, productId: product.id, title, price: variant.price };
    }
  }
  throw new Error(`The demo catalog has no variant ${variantId}`);
}

const P = (n: number) => `gid://shopify/Product/${n}`;
const V = (n: number) => `gid://shopify/ProductVariant/${n}`;

/** A premium wash is 1.75 × a standard one: the demo allows 2 ×, which still holds back the pro lens. */
export const DEMO_SETTINGS: Settings = { maxPriceRatio: 2 };

export const DEMO_OFFERS: Offer[] = [
  {
    id: "premium-wash",
    kind: "upgrade",
    title: "Standard → premium wash",
    status: "active",
    priority: 10,
    trigger: { productIds: [P(1001)] },
    to: item(V(2002)),
    discountPercent: 10,
    message: "{customer.firstName}, upgrade to {item.title} for {price}, save {savings}",
    why: "Premium adds an interior vacuum and a hand dry.",
  },
  {
    id: "waxing",
    kind: "cross-sell",
    title: "Waxing with any wash",
    status: "active",
    trigger: { productIds: [P(1001), P(1002)] },
    item: item(V(2003)),
    discountPercent: 20,
    message: "Add {item.title} for {price}",
    why: "Wax protects the paint you just had washed.",
  },
  {
    id: "lens-kit",
    kind: "cross-sell",
    title: "Lens kit with a camera",
    status: "active",
    trigger: { productIds: [P(1101)] },
    item: item(V(2102)),
    why: "Wide and portrait lenses that fit the camera you chose.",
  },
  {
    id: "pro-lens",
    kind: "cross-sell",
    title: "Pro lens (held back by the price guardrail)",
    status: "active",
    trigger: { productIds: [P(1101)] },
    item: item(V(2103)),
  },
  {
    id: "chocolate-volume",
    kind: "volume",
    title: "Chocolate bars: buy more, save more",
    status: "active",
    trigger: { tags: ["bar"] },
    tiers: [
      { minQuantity: 3, discountPercent: 5 },
      { minQuantity: 6, discountPercent: 10 },
    ],
  },
  {
    id: "truffle-sauce",
    kind: "cross-sell",
    title: "Truffle sauce with pralines",
    status: "active",
    segments: ["returning", "premium"],
    trigger: { productIds: [P(1203)] },
    item: item(V(2204)),
    why: "Warm truffle sauce is how pralines are served in our shop.",
  },
  {
    id: "half-price-case",
    kind: "cross-sell",
    title: "Half-price case with a phone",
    status: "active",
    trigger: { productIds: [P(1301)] },
    item: item(V(2302)),
    discountPercent: 50,
    message: "Add {item.title} at half price",
    why: "Protect your new phone from day one.",
  },
  {
    id: "screen-protector",
    kind: "cross-sell",
    title: "Screen protector with a phone (sold out)",
    status: "active",
    trigger: { productIds: [P(1301)] },
    item: item(V(2304)),
    why: "Glass that fits your new phone's screen exactly.",
  },
  {
    id: "free-shipping",
    kind: "free-shipping",
    title: "Free shipping over $50 (US and Canada)",
    status: "active",
    threshold: "50.00",
    countries: ["US", "CA"],
  },
  {
    id: "pralines-gift",
    kind: "gift",
    title: "Free pralines over $75",
    status: "draft",
    threshold: "75.00",
    item: item(V(2203)),
    message: "Add your free {item.title}",
    why: "Orders over {threshold} get a box of pralines on us.",
  },
];
