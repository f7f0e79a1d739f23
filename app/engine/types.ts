/**
 * The engine's vocabulary: the fixed contracts of DESIGN §3 (offer config v1, checkout input,
 * evaluation) and the normalised runtime model the evaluation works on.
 *
 * Contract types keep money as decimal strings, as on the wire; the runtime model keeps it as
 * integer minor units so no float ever touches a money path.
 */

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

// ---------------------------------------------------------------------------------------------
// Published config: what `compile` writes and `load` reads in checkout. Two forms of one shape:
// - the checkout form (shop metafield, read by the checkout extension) pays per byte: short keys,
//   defaults omitted, money in minor units, Shopify GIDs cut to their numeric tail (a number
//   means "gid://shopify/<Type>/<n>" of the field's type), triggers kept on their offers and
//   indexed by `load`;
// - the function form (discount metafield, read by the discount function) pays per value and per
//   instruction: no texts, and the trigger index precomputed with full ids as keys, so loading
//   costs nothing and the function decodes only the offers the cart touches.
// ---------------------------------------------------------------------------------------------

export const PUBLISHED_VERSION = 1;

export type PublishedRef = string | number;
/** A buyer-facing text, inline or (when several offers share it) an index into `PublishedConfig.x`. */
export type PublishedText = string | number;
/** [variantId, title, price]: checkout adds and discounts by variant, so no product id. */
export type PublishedItem = [PublishedRef, PublishedText, Minor];
/** [variantId, title, price, quantity] */
export type PublishedBundleItem = [PublishedRef, PublishedText, Minor, number];
export type KindCode = "u" | "x" | "b" | "v" | "f" | "g";

export interface PublishedTrigger {
  p?: PublishedRef[];
  v?: PublishedRef[];
  c?: PublishedRef[];
  g?: string[];
}

export interface PublishedOffer {
  i: string;
  k: KindCode;
  /** 1 when the offer is a draft (kept only for previews; publishing drops drafts). */
  x?: 1;
  p?: number;
  a?: number;
  z?: number;
  s?: Segment[];
  m?: PublishedText;
  w?: PublishedText;
  t?: PublishedTrigger;
  it?: PublishedItem;
  bi?: PublishedBundleItem[];
  d?: number;
  /** Money off each unit (upgrade, cross-sell), minor units. */
  da?: Minor;
  /** A bundle's set price, minor units (instead of `d`). */
  bp?: Minor;
  q?: [number, number][];
  h?: Minor;
  cc?: string[];
  /** A/B copies of the offer. */
  vr?: PublishedVariant[];
}

/** An A/B copy as published: weight omitted when 1, texts and item only when it has its own. */
export interface PublishedVariant {
  i: string;
  n?: number;
  m?: PublishedText;
  w?: PublishedText;
  it?: PublishedItem;
}

export interface PublishedSettings {
  mo?: number;
  pr?: number;
  cd?: number;
  hp?: number;
  st?: string[];
  bt?: string[];
  fo?: number;
  pt?: string[];
  ps?: Minor;
}

export interface PublishedConfig {
  v: typeof PUBLISHED_VERSION;
  cur: string;
  s?: PublishedSettings;
  o: PublishedOffer[];
  /** Texts used by more than one offer, stored once. */
  x?: string[];
  /**
   * Offered items' image URLs as [variantId, url] (optional: a config without it shows no
   * images). Kept apart from the items so a variant offered by several offers is stored once.
   */
  im?: [PublishedRef, string][];
}

/** Offer positions by key (a full variant, product or collection id, or a lower-case tag). */
export type PackedIndex = Record<string, number | number[]>;

/**
 * The function form: only what discounts need (no texts, no offered prices), each offer packed
 * into one string and the trigger index precomputed, because the discount function pays about
 * the same for every input value, whatever its size, and for every instruction.
 *
 * A packed offer is `kind|id|startsAt|endsAt|segments[:priority]|...` (the priority only when
 * not 0: it breaks rule 14's ties) with the kind's fields after it:
 * `u|…|variant|percent[|amount]` (the amount only when given), `x|…|variant|percent[|amount|variant…]` (the A/B copies' add-ons
 * after the amount; one of percent and amount off each
 * unit, in minor units, is empty), `b|…|discount|variant|quantity|variant|quantity…` (the
 * discount a percent, or `$` and the set price in minor units),
 * `v|…|minQuantity|percent|minQuantity|percent…`, `f|…|threshold|CC,CC`, `g|…|variant|threshold`.
 * Empty fields are absent values; segments are initials (n, r, f, p); variants are the numeric
 * tail of a ProductVariant GID or, prefixed with `~`, an id of another form; `|` and `%` in ids
 * are percent-encoded.
 */
export interface FunctionConfig {
  v: typeof PUBLISHED_VERSION;
  /** Marks the function form. */
  f: 1;
  cur: string;
  s?: PublishedSettings;
  o: string[];
  ix: {
    /** Variants that trigger an offer (listed or resolved) or complete a bundle. */
    v?: PackedIndex;
    /** Variants an offer's discount falls on: upgrade targets, add-ons, gifts. */
    t?: PackedIndex;
    /** Products, collections and tags no resolver turned into variants. */
    p?: PackedIndex;
    c?: PackedIndex;
    g?: PackedIndex;
    /** Offers that apply to every cart (free shipping). */
    e?: number[];
  };
}
