/**
 * The lean text the discount function reads (written by `encodeLean`, read by `readLean`):
 *
 *   MAGIC|currency|offers|buckets|boundaries|everywhere|frequent orders|premium spend|premium tags|settings JSON "\n"
 *   offer table   (offers + 1) offsets, LEAN_WIDTH base-36 digits each, into the offers
 *   offers        lean records, back to back: kind|id|startsAt|endsAt|segment bits|priority|…
 *                 u: target|percent units|amount off   x: the same and |extra targets
 *                 b: percent units|set price or -1|items|quantities   v: minimums|percent units
 *                 f: threshold|countries   g: target|threshold   (lists comma-separated,
 *                 variants as lean keys, amounts in the shop's minor units)
 *   filter        one character per bucket, "1" when the bucket holds a record, else "0"
 *   bucket table  (buckets + 1) offsets into the records
 *   records       per variant "key Ptriggers targets;": P is 1 when a line of it is one to price
 *                 (it reaches an offer able to discount lines), else 0; positions LEAN_POSITION
 *                 base-36 digits each, back to back; in bucket leanHash(id) % buckets
 *
 * Offsets are in UTF-16 code units of the text, so reading one is three `charCodeAt`s.
 */
export const LEAN_MAGIC = "L2";
export const LEAN_WIDTH = 3;
/** Segments as bits, so a buyer's test is one `&`. */
export const SEGMENT_BITS = { new: 1, returning: 2, frequent: 4, premium: 8 } as const;

/** Digits of an offer position in the index: up to 1,296 offers. */
export const LEAN_POSITION = 2;

const VARIANT_PREFIX = "gid://shopify/ProductVariant/";

/**
 * The bucket hash of a variant id: its last six characters read in base 36. The discount
 * function pays 0.2–2 k instructions per interpreted operation or native call, so a hash made
 * of two native calls beats a character loop over the id; variant ids' last digits spread
 * evenly. Computed on the id itself, so a line no offer names is turned away before its key is
 * built.
 */
export function leanHash(id: string): number {
  // A key ending in "-x" reads as negative.
  return Math.abs(parseInt(id.slice(-6), 36) || 0);
}

/**
 * A variant id as the lean text names it: a variant GID's tail (Shopify's are digits), anything
 * else `%%` and the id URI-encoded (no key then holds a space, `;` or `|`, and none starts like a
 * tail). Two native calls for a GID, for the same reason as `leanHash`. `encodeLean` refuses a
 * GID whose tail would break the text.
 */
export function leanKey(id: string): string {
  return id.startsWith(VARIANT_PREFIX)
    ? id.slice(VARIANT_PREFIX.length)
    : `%%${encodeURIComponent(id)}`;
}

/** A key as `encodeLean` can write it: no separator of the text in it. */
export function writableKey(key: string): boolean {
  return !/[\s;|,%]/.test(key) || key.startsWith("%%");
}

/**
 * Minor units as the decimal string Shopify reads ("12.50"): one native call. Exact for every
 * amount a cart holds (below 2^53 / 10^digits).
 */
export function leanMoney(minor: number, digits: number): string {
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}
