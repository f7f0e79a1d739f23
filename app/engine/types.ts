/**
 * The engine's vocabulary: the fixed contracts of DESIGN §3 (offer config v1, checkout input,
 * evaluation) and the normalised runtime model the evaluation works on.
 *
 * Contract types keep money as decimal strings, as on the wire; the runtime model
 * (`runtime-types.ts`) keeps it as integer minor units so no float ever touches a money path. The
 * published forms are in `published-types.ts`; both are re-exported here.
 */

export * from "./runtime-types";
export * from "./published-types";

// ---------------------------------------------------------------------------------------------
// Offer config, version 1 (DESIGN §3.1). Validated at the boundary (app/config), trusted here.
// ---------------------------------------------------------------------------------------------

/** A decimal money string in the config's currency, e.g. "24.00". */
export type DecimalString = string;

export const OFFER_KINDS = [
  "upgrade",
  "cross-sell",
  "bundle",
  "volume",
  "free-shipping",
  "gift",
] as const;
export const SEGMENTS = ["new", "returning", "frequent", "premium"] as const;

export type OfferKind = (typeof OFFER_KINDS)[number];
export type OfferStatus = "active" | "draft";
export type Segment = (typeof SEGMENTS)[number];

export interface Trigger {
  productIds?: string[];
  variantIds?: string[];
  collectionIds?: string[];
  tags?: string[];
}

export interface OfferedItem {
  variantId: string;
  productId: string;
  title: string;
  price: DecimalString;
}

export interface BundleItem extends OfferedItem {
  quantity?: number;
}

export interface Tier {
  minQuantity: number;
  discountPercent: number;
}

/**
 * One copy of an offer in an A/B test (DESIGN §3.1 "Variants"): its own headline, reason and,
 * for a cross-sell, its own add-on. What it leaves out is the offer's own.
 */
export interface OfferVariant {
  id: string;
  /** Relative share of buyers (positive whole number); 1 when absent. */
  weight?: number;
  message?: string;
  why?: string;
  /** Only on a cross-sell: the add-on this copy offers instead of the offer's `item`. */
  item?: OfferedItem;
}

interface OfferBase {
  id: string;
  title: string;
  status: OfferStatus;
  priority?: number;
  startsAt?: string;
  endsAt?: string;
  segments?: Segment[];
  message?: string;
  why?: string;
  /** 2–4 copies of the offer, one per buyer (not on free shipping). */
  variants?: OfferVariant[];
}

export interface UpgradeOffer extends OfferBase {
  kind: "upgrade";
  trigger: Trigger;
  to: OfferedItem;
  /** At most one of `discountPercent` and `discountAmount` (money off each unit). */
  discountPercent?: number;
  discountAmount?: DecimalString;
}
export interface CrossSellOffer extends OfferBase {
  kind: "cross-sell";
  trigger: Trigger;
  item: OfferedItem;
  /** At most one of `discountPercent` and `discountAmount` (money off each unit). */
  discountPercent?: number;
  discountAmount?: DecimalString;
}
export interface BundleOffer extends OfferBase {
  kind: "bundle";
  items: BundleItem[];
  /** Exactly one of `discountPercent` and `bundlePrice` (the price of one complete set). */
  discountPercent?: number;
  bundlePrice?: DecimalString;
}
export interface VolumeOffer extends OfferBase {
  kind: "volume";
  trigger: Trigger;
  tiers: Tier[];
}
export interface FreeShippingOffer extends OfferBase {
  kind: "free-shipping";
  threshold: DecimalString;
  countries?: string[];
}
export interface GiftOffer extends OfferBase {
  kind: "gift";
  threshold: DecimalString;
  item: OfferedItem;
}

export type Offer =
  UpgradeOffer | CrossSellOffer | BundleOffer | VolumeOffer | FreeShippingOffer | GiftOffer;

export interface SegmentSettings {
  frequentMinOrders?: number;
  premiumTags?: string[];
  premiumMinSpent?: DecimalString;
}

export interface Settings {
  maxOffers?: number;
  maxPriceRatio?: number;
  cooldownDays?: number;
  holdoutPercent?: number;
  suppressTags?: string[];
  budgetTags?: string[];
  segments?: SegmentSettings;
}

export interface OfferConfig {
  version: 1;
  currency: string;
  settings?: Settings;
  offers: Offer[];
}

// ---------------------------------------------------------------------------------------------
// Checkout input (DESIGN §3.2).
// ---------------------------------------------------------------------------------------------

export interface CheckoutLine {
  id: string;
  variantId: string;
  productId: string;
  title?: string;
  quantity: number;
  unitPrice: DecimalString;
  collectionIds?: string[];
  tags?: string[];
  attributes?: Record<string, string>;
}

export interface CheckoutCustomer {
  id?: string | null;
  firstName?: string | null;
  tags?: string[];
  ordersCount?: number;
  amountSpent?: DecimalString;
  lastAcceptedAt?: string | null;
}

export interface CheckoutInput {
  lines: CheckoutLine[];
  customer?: CheckoutCustomer | null;
  countryCode?: string | null;
  visitorKey?: string | null;
  /** ISO 8601; UTC when no zone. */
  now: string;
  /**
   * The whole cart's subtotal before Ladder's discounts, when `lines` lists only part of the cart
   * (the discount function passes only the lines an offer reads). Defaults to the lines' total.
   */
  subtotal?: DecimalString;
  /** The whole cart's number of lines, when `lines` lists only part of the cart (as `subtotal`). */
  lineCount?: number;
}

// ---------------------------------------------------------------------------------------------
// Evaluation (DESIGN §3.3).
// ---------------------------------------------------------------------------------------------

export type Group = "treatment" | "holdout";

export type SuppressionReason =
  | "draft"
  | "out-of-schedule"
  | "segment"
  | "wrong-country"
  | "holdout"
  | "suppressed-customer"
  | "budget"
  | "cooldown"
  | "not-relevant"
  | "already-in-cart"
  | "price-ratio"
  | "max-offers"
  /** Only with checkout limits on: a cart too long for the discount function to price. */
  | "too-many-lines";

export type OfferAction =
  | { type: "add-line"; variantId: string; quantity: number }
  | { type: "replace-line"; variantId: string; quantity: number; lineId: string };

export interface ShownOffer {
  offerId: string;
  /** The copy of the offer this buyer sees, when the offer is an A/B test. */
  variantId?: string;
  kind: OfferKind;
  headline: string;
  why: string;
  action: OfferAction;
  price?: DecimalString;
  savings?: DecimalString;
}

export interface Progress {
  offerId: string;
  kind: "free-shipping" | "gift";
  threshold: DecimalString;
  remaining: DecimalString;
  reached: boolean;
}

export interface LineDiscount {
  lineId: string;
  amount: DecimalString;
}

export type Discount =
  | {
      offerId: string;
      target: "lines";
      lines: LineDiscount[];
      amount: DecimalString;
      /** Absent when the offer takes an amount off (`discountAmount`, `bundlePrice`). */
      percent?: number;
    }
  | { offerId: string; target: "shipping"; percent: number };

export interface Suppressed {
  offerId: string;
  reason: SuppressionReason;
}

export interface Evaluation {
  group: Group;
  offers: ShownOffer[];
  progress: Progress[];
  discounts: Discount[];
  suppressed: Suppressed[];
}
