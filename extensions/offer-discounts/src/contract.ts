/**
 * What the admin writes on the discount and the function reads, in one place: both sides import
 * this module, so the config's split into metafields and the schedule slots are derived by the
 * same code from the same published config. Pure and
 * dependency-free (it ships in the function).
 */
import { encodeLean } from "../../../app/engine/lean-encode";
import type { FunctionConfig } from "../../../app/engine/types";

/** App-owned metafields on the automatic discount (namespace `$app`). */
export const CONFIG_KEYS = [
  "function_config",
  "function_config_2",
  "function_config_3",
  "function_config_4",
] as const;
export const INPUT_KEY = "function_input";

/** Shopify does not hand a function metafield values over 10,000 bytes: bigger configs are split. */
export const METAFIELD_VALUE_LIMIT = 10_000;
/**
 * How many upcoming schedule boundaries (offer starts and ends) the function reads exactly, through
 * `shop.localTime.dateTimeAfter`. Each costs one point of the input query's 30; later boundaries
 * are read from the shop's local date, so they take effect within a day and a half at most.
 */
export const SCHEDULE_SLOTS = 3;
export const SLOT_NAMES = ["t0", "t1", "t2"] as const;

/** The variables of both input queries, as stored in the `function_input` metafield. */
export interface FunctionInputVariables {
  /** Schedule boundaries as date-times without zone, in the shop's time zone. */
  t0: string;
  t1: string;
  t2: string;
}

/** Every instant at which an offer starts or ends, ascending, each once (epoch milliseconds). */
export function scheduleBoundaries(
  offers: readonly { startsAt?: string; endsAt?: string }[],
  instant: (value: string) => number | null,
): number[] {
  const instants = new Set<number>();
  for (const offer of offers) {
    for (const value of [offer.startsAt, offer.endsAt]) {
      const at = value === undefined ? null : instant(value);
      if (at !== null) instants.add(at);
    }
  }
  return [...instants].sort((a, b) => a - b);
}

/** The bytes `value` takes in a metafield as JSON. */
function jsonBytes(value: string): number {
  let bytes = 2; // the quotes
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === 34 || c === 92) bytes += 2;
    else if (c < 32) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair: one four-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Splits the function form into the metafield values (`CONFIG_KEYS`), each within Shopify's
 * limit: the lean text (`encodeLean`, schedule boundaries included) cut into consecutive
 * pieces, each stored as a JSON array holding one string, which the function reads as one
 * string rather than as objects. Every part is always written (the last ones empty), so nothing
 * of an earlier publish lingers. Null when the config cannot fit.
 */
export function splitConfig(
  config: FunctionConfig,
  boundaries: readonly number[],
): string[] | null {
  const text = encodeLean(config, boundaries);
  const parts: string[] = [];
  let start = 0;
  while (parts.length < CONFIG_KEYS.length) {
    // Whole characters only (never half a surrogate pair), as many as fit with the brackets.
    let end = start;
    let bytes = 2;
    while (end < text.length) {
      const pair = text.charCodeAt(end) >= 0xd800 && text.charCodeAt(end) <= 0xdbff ? 2 : 1;
      const grows = jsonBytes(text.slice(end, end + pair)) - 2;
      if (bytes + 2 + grows > METAFIELD_VALUE_LIMIT) break;
      bytes += grows;
      end += pair;
    }
    parts.push(JSON.stringify([text.slice(start, end)]));
    start = end;
  }
  return start === text.length ? parts : null;
}

/**
 * The lean text from the metafield values (in `CONFIG_KEYS` order); null when a part is missing
 * or not shaped as `splitConfig` writes it (the admin always writes all of them together).
 * `readLean` judges the rest.
 */
export function joinConfig(values: readonly unknown[]): string | null {
  if (values.length !== CONFIG_KEYS.length) return null;
  let text = "";
  for (const value of values) {
    if (!Array.isArray(value) || value.length !== 1) return null;
    const piece: unknown = value[0];
    if (typeof piece !== "string") return null;
    text += piece;
  }
  return text;
}

/**
 * The input variables for a published config at `publishedAt`: the premium tags, and the next
 * schedule boundaries after `publishedAt` as shop-local date-times (`toShopLocal`), padded with
 * the first slot's value. The config must hold no boundary at or before `publishedAt` (see
 * `withoutPastSchedule`), so slot i is boundary i for the function too.
 */
export function functionInputVariables(
  config: FunctionConfig,
  boundaries: readonly number[],
  toShopLocal: (instant: number) => string,
): FunctionInputVariables {
  const slots = boundaries.slice(0, SCHEDULE_SLOTS).map(toShopLocal);
  const pad = slots[0] ?? "2000-01-01T00:00:00";
  return {
    t0: slots[0] ?? pad,
    t1: slots[1] ?? pad,
    t2: slots[2] ?? pad,
  };
}

/**
 * What the clock reads says about now: `slotsPassed[i]` tells whether boundary i has passed
 * (for the first SCHEDULE_SLOTS boundaries), and `localDate` is the start of the shop's date read
 * as UTC (null when unreadable). Returns an instant on the same side of every known boundary as
 * the real now: exact for the boundaries in the slots, and for later ones as soon as the shop's
 * date makes it certain (the earliest midnight of that date in any time zone, UTC+14, passed them).
 */
export function inferNow(
  boundaries: readonly number[],
  slotsPassed: readonly boolean[],
  localDate: number | null,
): number {
  const exact = Math.min(boundaries.length, SCHEDULE_SLOTS);
  let now = Number.NEGATIVE_INFINITY;
  let firstPending: number | null = null;
  for (let i = 0; i < exact; i += 1) {
    const boundary = boundaries[i] ?? 0;
    if (!slotsPassed[i]) {
      firstPending = boundary;
      break;
    }
    now = boundary;
  }
  if (localDate !== null) {
    const earliestToday = localDate - 14 * 3_600_000;
    // Never past a boundary the clock says is still ahead.
    const ceiling =
      firstPending === null ? earliestToday : Math.min(earliestToday, firstPending - 1);
    now = Math.max(now, ceiling);
  }
  if (Number.isFinite(now)) return now;
  return firstPending === null ? 0 : firstPending - 1;
}

/**
 * The config as the function gets it at `at`: offers that have ended are left out and starts
 * that have passed are dropped. Nothing changes for any later instant, and every boundary left is
 * in the future, which is what lets the slots be "the next boundaries" on both sides.
 */
export function withoutPastSchedule<T extends { offers: readonly O[] }, O extends Scheduled>(
  config: T,
  at: number,
  instant: (value: string) => number | null,
): T {
  const offers = config.offers
    .filter((offer) => offer.endsAt === undefined || (instant(offer.endsAt) ?? Infinity) > at)
    .map((offer) => {
      if (offer.startsAt === undefined || (instant(offer.startsAt) ?? Infinity) > at) return offer;
      const { startsAt: _started, ...rest } = offer;
      return rest as O;
    });
  return { ...config, offers };
}

interface Scheduled {
  startsAt?: string;
  endsAt?: string;
}
