import type { Segment } from "./types";

// ---------------------------------------------------------------------------------------------
// Runtime model: what `load` builds from a published config and `evaluate` reads.
// Money is integer minor units; percents are integer millionths of the whole (12.5 % → 125000)
// so percentage maths stays exact; instants are epoch milliseconds; tags are lower case.
// ---------------------------------------------------------------------------------------------

/** Integer amount in the currency's minor unit (cents for USD, yen for JPY). */
export type Minor = number;
/** A percentage scaled to integer millionths of the whole: 100 % is 1_000_000. */
export type PercentUnits = number;

export interface RuntimeItem {
  variantId: string;
  title: string;
  price: Minor;
}

export interface RuntimeTier {
  minQuantity: number;
  percent: PercentUnits;
  /** As configured, for display (12.5). */
  percentShown: number;
}

/** A copy of an offer, as loaded (checkout form only: the function needs no assignment). */
export interface RuntimeVariant {
  id: string;
  weight: number;
  message: string | null;
  why: string | null;
  /** A cross-sell copy's own add-on. */
  item: RuntimeItem | null;
}

interface RuntimeOfferBase {
  id: string;
  /** Position in the config; the tie-breaker of ranking and the order of every list. */
  index: number;
  active: boolean;
  priority: number;
  startsAt: number | null;
  endsAt: number | null;
  segments: readonly Segment[] | null;
  message: string | null;
  why: string | null;
  /** The offer's A/B copies, when it has them (checkout form). */
  variants?: readonly RuntimeVariant[];
}

export interface RuntimeUpgrade extends RuntimeOfferBase {
  kind: "upgrade";
  to: RuntimeItem;
  /** 0 when the offer takes an amount off instead (or gives no discount). */
  percent: PercentUnits;
  percentShown: number;
  /** Money off each unit (`discountAmount`), 0 when none; never more than the unit price. */
  amountOff: Minor;
}
export interface RuntimeCrossSell extends RuntimeOfferBase {
  kind: "cross-sell";
  item: RuntimeItem;
  /**
   * Product variants that the offer's A/B copies add instead of `item`: the discount falls on
   * their lines too, whichever copy a buyer saw (both forms).
   */
  extraTargets?: readonly string[];
  percent: PercentUnits;
  percentShown: number;
  amountOff: Minor;
}
export interface RuntimeBundle extends RuntimeOfferBase {
  kind: "bundle";
  items: readonly (RuntimeItem & { quantity: number })[];
  /** 0 when the bundle has a `bundlePrice` instead. */
  percent: PercentUnits;
  percentShown: number;
  /** The price of one complete set, or null when the bundle gives a percent. */
  bundlePrice: Minor | null;
}
export interface RuntimeVolume extends RuntimeOfferBase {
  kind: "volume";
  tiers: readonly RuntimeTier[];
}
export interface RuntimeFreeShipping extends RuntimeOfferBase {
  kind: "free-shipping";
  threshold: Minor;
  /** Upper case ISO 3166 codes; null means everywhere. */
  countries: readonly string[] | null;
}
export interface RuntimeGift extends RuntimeOfferBase {
  kind: "gift";
  threshold: Minor;
  item: RuntimeItem;
}

export type RuntimeOffer =
  | RuntimeUpgrade
  | RuntimeCrossSell
  | RuntimeBundle
  | RuntimeVolume
  | RuntimeFreeShipping
  | RuntimeGift;

export interface RuntimeSettings {
  maxOffers: number;
  maxPriceRatio: number;
  cooldownDays: number;
  holdoutPercent: number;
  suppressTags: readonly string[];
  budgetTags: readonly string[];
  frequentMinOrders: number;
  premiumTags: readonly string[];
  premiumMinSpent: Minor;
}

/** Positions of offers, ascending; a lone position as a number (the function form stores it so). */
export type OfferPositions = number | readonly number[];

/**
 * A loaded config. Offers are decoded on first use, so the discount function pays only for the
 * offers the cart touches; `load` checks the document's frame and settings up front.
 */
export interface RuntimeConfig {
  /** "function" configs carry no texts or offered prices: good for discounts, not for offers. */
  form: "checkout" | "function";
  currency: string;
  /** Minor digits of the currency: 2 for USD, 0 for JPY, 3 for KWD. */
  digits: number;
  settings: RuntimeSettings;
  /** Number of offers. */
  size: number;
  /** The offer at a position; throws `MalformedConfig` when the published offer is malformed. */
  offerAt(index: number): RuntimeOffer;
  /** Offers a variant triggers (listed or resolved to it) or completes (a bundle item). */
  byVariant(variantId: string): OfferPositions | undefined;
  /** Offers whose discount falls on a variant's lines: upgrade targets, add-ons, gifts. */
  byTarget(variantId: string): OfferPositions | undefined;
  /** Offers triggered by a product, collection or tag that publishing did not resolve to variants. */
  byProduct(productId: string): OfferPositions | undefined;
  byCollection(collectionId: string): OfferPositions | undefined;
  byTag(tag: string): OfferPositions | undefined;
  /** Offers that apply to any cart whatever its lines (free shipping). */
  everywhere: readonly number[];
  /** Offered variants' image URLs by variant id, when publishing knew them (checkout form). */
  images?: ReadonlyMap<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Normalised checkout, as `evaluate` reads it after `normalizeCheckout`.
// ---------------------------------------------------------------------------------------------

export interface RuntimeLine {
  id: string;
  /** Position in the cart. */
  index: number;
  variantId: string;
  productId: string;
  title: string;
  quantity: number;
  unitPrice: Minor;
  total: Minor;
  collectionIds: readonly string[];
  /** Lower case. */
  tags: readonly string[];
  /**
   * The offer that added or upgraded the line: its `_ladder_offer` attribute without the
   * `#variantId` part; null when absent (rule 14: an upgrade's discount needs it).
   */
  ladderOffer: string | null;
}

export interface RuntimeCustomer {
  firstName: string | null;
  /** Lower case. */
  tags: readonly string[];
  ordersCount: number;
  amountSpent: Minor;
  lastAcceptedAt: number | null;
}

export interface RuntimeCheckout {
  lines: readonly RuntimeLine[];
  /** The cart's subtotal before Ladder's discounts. */
  subtotal: Minor;
  /** The cart's number of lines (more than `lines` when only part of it was passed). */
  lineCount: number;
  /** null for a guest. */
  customer: RuntimeCustomer | null;
  countryCode: string | null;
  visitorKey: string;
  now: number;
}
