import { minorDigits } from "./currency";
import { LEAN_MAGIC, LEAN_WIDTH, leanHash, leanKey } from "./lean-format";
import { decodeLeanOffer, type LeanOffer } from "./lean-offer";
import { fail, MalformedConfig } from "./read";
import type { Minor } from "./types";

/** The settings that decide a discount: a buyer's segments (rule 9). */
export interface LeanSettings {
  frequentMinOrders: number;
  /** In the cart's currency. */
  premiumMinSpent: Minor;
  /** Lower case. */
  premiumTags: string[];
}

/** The lean text (see `lean-format.ts`), ready for the discount function to price a cart with. */
export interface LeanConfig {
  readonly text: string;
  /** Minor digits of the cart's currency: every amount below is in it. */
  readonly digits: number;
  /** Minor digits of the shop's currency, which a customer's recorded spend is in. */
  readonly shopDigits: number;
  readonly settings: LeanSettings;
  /** Schedule boundaries (epoch milliseconds, ascending) the clock slots stand for. */
  readonly boundaries: number[];
  /**
   * Offers that apply to every cart (free shipping), read when first asked: only the delivery
   * target asks. Throws MalformedConfig for an unreadable list.
   */
  everywhere(): readonly number[];
  readonly size: number;
  /** Shop-currency minor units → the cart's. */
  convert(minor: Minor): Minor;
  /** The offer at a position, decoded once; throws MalformedConfig for a bad one. */
  offerAt(index: number): LeanOffer;
  /**
   * Where the variant's record continues in `text` after its key ("Ptriggers targets;", P the
   * priced flag), or -1 when no offer names it. When found, its lean key is appended to `keys` (the caller's list of lines' keys):
   * building it twice would cost the function twice.
   */
  find(variantId: string, keys: string[]): number;
}

/** A LEAN_WIDTH base-36 offset: one native parse rather than a character loop. */
function offsetAt(text: string, at: number): number {
  return parseInt(text.slice(at, at + LEAN_WIDTH), 36);
}

function numbers(list: string): number[] {
  const out: number[] = [];
  if (list === "") return out;
  for (const part of list.split(",")) {
    const n = Number(part);
    if (!Number.isSafeInteger(n) || n < 0) fail();
    out.push(n);
  }
  return out;
}

/**
 * Reads the lean text's header and tables (nothing per offer or variant: those are read when a
 * cart asks for them) with its amounts converted into the cart's currency at `rate` (shop → cart,
 * Shopify's `presentmentCurrencyRate`). Null when the text is not one `encodeLean` writes, is of
 * another version, or the rate is unusable.
 */
export function readLean(text: string, cartCurrency: string, rate: string): LeanConfig | null {
  try {
    const eol = text.indexOf("\n");
    const head = (eol < 0 ? fail() : text.slice(0, eol)).split("|");
    if (head.length < 10 || head[0] !== LEAN_MAGIC) fail();
    const shopCurrency = head[1] ?? "";
    const size = Number(head[2]);
    const bucketCount = Number(head[3]);
    if (!Number.isSafeInteger(size) || size < 0) fail();
    if (!Number.isSafeInteger(bucketCount) || bucketCount < 1) fail();
    const frequentMinOrders = +(head[6] || NaN);
    const premiumMinSpent = +(head[7] || NaN);
    if (!Number.isSafeInteger(frequentMinOrders) || !Number.isSafeInteger(premiumMinSpent)) fail();
    const tags = head[8] ?? "";

    const shopDigits = minorDigits(shopCurrency);
    let digits = shopDigits;
    let scale = 1;
    if (cartCurrency.toUpperCase() !== shopCurrency.toUpperCase()) {
      const r = Number(rate);
      if (!Number.isFinite(r) || r <= 0) return null;
      digits = minorDigits(cartCurrency);
      scale = r * 10 ** (digits - shopDigits);
    }
    const convert =
      scale === 1 ? (minor: Minor) => minor : (minor: Minor) => Math.round(minor * scale);
    const settings: LeanSettings = {
      frequentMinOrders,
      premiumMinSpent: convert(premiumMinSpent),
      premiumTags: tags === "" ? [] : tags.split(",").map(decodeURIComponent),
    };

    const offerTable = eol + 1;
    const offersStart = offerTable + LEAN_WIDTH * (size + 1);
    const filter = offersStart + offsetAt(text, offerTable + LEAN_WIDTH * size);
    const bucketTable = filter + bucketCount;
    const recordsStart = bucketTable + LEAN_WIDTH * (bucketCount + 1);
    if (recordsStart + offsetAt(text, recordsStart - LEAN_WIDTH) !== text.length) fail();

    let everywhere: number[] | undefined;
    // A Map: `new Array(size)` would be a slow holey array in the function's engine.
    const decoded = new Map<number, LeanOffer>();
    const offerAt = (index: number): LeanOffer => {
      const known = decoded.get(index);
      if (known) return known;
      if (!(index >= 0 && index < size)) fail();
      const start = offersStart + offsetAt(text, offerTable + LEAN_WIDTH * index);
      const end = offersStart + offsetAt(text, offerTable + LEAN_WIDTH * (index + 1));
      const offer = decodeLeanOffer(text.slice(start, end), index, convert);
      decoded.set(index, offer);
      return offer;
    };

    const find = (id: string, keys: string[]): number => {
      const bucket = leanHash(id) % bucketCount;
      // Most lines are of products no offer names: one character tells.
      if (text.charCodeAt(filter + bucket) !== 49) return -1;
      const key = leanKey(id);
      const entry = bucketTable + LEAN_WIDTH * bucket;
      let at = recordsStart + offsetAt(text, entry);
      // A bucket holds about two records: compare in place, allocating nothing; its end is read
      // only when the first record is another variant's.
      let end = -1;
      for (;;) {
        if (text.startsWith(key, at) && text.charCodeAt(at + key.length) === 32) {
          keys.push(key);
          return at + key.length + 1;
        }
        if (end < 0) end = recordsStart + offsetAt(text, entry + LEAN_WIDTH);
        at = text.indexOf(";", at) + 1;
        if (at === 0) fail();
        if (at >= end) return -1;
      }
    };

    return {
      text,
      digits,
      shopDigits,
      settings,
      boundaries: numbers(head[4] ?? ""),
      everywhere: () => (everywhere ??= numbers(head[5] ?? "")),
      size,
      convert,
      offerAt,
      find,
    };
  } catch (error) {
    if (error instanceof MalformedConfig || error instanceof URIError) return null;
    throw error;
  }
}
