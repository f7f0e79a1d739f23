import type { Minor } from "./runtime-types";
import type { Segment } from "./types";

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
