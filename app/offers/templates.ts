/**
 * Starter templates from the demo stories: one click creates drafts the merchant completes with
 * their own products. Product slots start empty, so the drafts are incomplete (and cannot be
 * activated) until the merchant picks products.
 */
import { minorDigits, type Offer } from "../engine";

export interface OfferTemplate {
  id: string;
  title: string;
  story: string;
  /** The sales practice behind it, in one line. */
  practice: string;
  offers: (currency: string) => Offer[];
}

const EMPTY_ITEM = { variantId: "", productId: "", title: "", price: "" };

/** A round threshold in the shop currency: 50 in dollars or euros, 5000 in yen. */
function threshold(major: number, currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? String(major * 100) : major.toFixed(digits);
}

export const OFFER_TEMPLATES: readonly OfferTemplate[] = [
  {
    id: "car-wash",
    title: "Car wash: premium upgrade + waxing",
    story: "Standard wash → premium wash, then waxing as the add-on.",
    practice: "Upsell first (the next package up), then one small complementary add-on.",
    offers: () => [
      {
        id: "premium-upgrade",
        kind: "upgrade",
        title: "Standard → premium package",
        status: "draft",
        trigger: {},
        to: EMPTY_ITEM,
        discountPercent: 10,
        message: "Upgrade to {item.title} for {price}, save {savings}",
        why: "The premium package adds what the standard one leaves out.",
      },
      {
        id: "waxing",
        kind: "cross-sell",
        title: "Waxing with any wash",
        status: "draft",
        trigger: {},
        item: EMPTY_ITEM,
        discountPercent: 20,
        message: "Add {item.title} for {price}",
        why: "Wax protects the paint you just had washed.",
      },
    ],
  },
  {
    id: "camera",
    title: "Camera: lens kit cross-sell",
    story: "A lens kit for the camera in the cart, never a lens that costs more than the camera.",
    practice:
      "Keep add-ons in proportion: the price guardrail (Settings) holds back anything over the ratio.",
    offers: () => [
      {
        id: "lens-kit",
        kind: "cross-sell",
        title: "Lens kit with a camera",
        status: "draft",
        trigger: {},
        item: EMPTY_ITEM,
        why: "Everyday lenses that fit the camera you chose.",
      },
    ],
  },
  {
    id: "chocolate",
    title: "Chocolate shop: quantity breaks + truffle sauce",
    story: "Buy 3 bars save 5%, 6 bars save 10%; truffle sauce with pralines.",
    practice: "Quantity breaks reward buying more of what the buyer already likes.",
    offers: () => [
      {
        id: "chocolate-volume",
        kind: "volume",
        title: "Chocolate bars: buy more, save more",
        status: "draft",
        trigger: {},
        tiers: [
          { minQuantity: 3, discountPercent: 5 },
          { minQuantity: 6, discountPercent: 10 },
        ],
      },
      {
        id: "truffle-sauce",
        kind: "cross-sell",
        title: "Truffle sauce with pralines",
        status: "draft",
        trigger: {},
        item: EMPTY_ITEM,
        why: "Warm truffle sauce is how pralines are served in our shop.",
      },
    ],
  },
  {
    id: "phone",
    title: "Phone: half-price case",
    story: "A case at half price with the phone.",
    practice: "Protect the main purchase: the add-on the buyer would regret not taking.",
    offers: () => [
      {
        id: "half-price-case",
        kind: "cross-sell",
        title: "Half-price case with a phone",
        status: "draft",
        trigger: {},
        item: EMPTY_ITEM,
        discountPercent: 50,
        message: "Add {item.title} at half price",
        why: "Protect your new phone from day one.",
      },
    ],
  },
  {
    id: "free-shipping",
    title: "Free shipping over a threshold",
    story: "Free shipping once the cart reaches a threshold, with progress on the way.",
    practice: "A visible goal a little above your average order nudges carts up.",
    offers: (currency) => [
      {
        id: "free-shipping",
        kind: "free-shipping",
        title: "Free shipping over the threshold",
        status: "draft",
        threshold: threshold(50, currency),
      },
    ],
  },
  {
    id: "gift",
    title: "Gift over a threshold",
    story: "A free gift once the cart reaches a threshold.",
    practice: "A gift rewards the larger order without discounting what the buyer chose.",
    offers: (currency) => [
      {
        id: "free-gift",
        kind: "gift",
        title: "Free gift over the threshold",
        status: "draft",
        threshold: threshold(75, currency),
        item: EMPTY_ITEM,
        message: "Add your free {item.title}",
        why: "Orders over {threshold} get it free.",
      },
    ],
  },
];

export function findTemplate(id: string): OfferTemplate | undefined {
  return OFFER_TEMPLATES.find((t) => t.id === id);
}
