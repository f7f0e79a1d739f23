/**
 * What the admin writes on the discount and the function reads, in one place: both sides import
 * this module, so the config's split into metafields and the schedule slots are derived by the
 * same code from the same published config. Pure and
 * dependency-free (it ships in the function).
 */
import type { FunctionConfig, PackedIndex } from "../../../app/engine";

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

/**
 * Parts 2 to 4 of the config: the packed offers that follow the previous parts' (in order), and
 * entries of the variant indexes (`ix.v`, `ix.t`) that did not fit before. Part 2 also carries
 * every schedule boundary of the config (ascending epoch milliseconds), which the clock slots
 * refer to.
 */
export interface ConfigPart {
  o: string[];
  v?: PackedIndex;
  t?: PackedIndex;
  b?: number[];
}

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

const utf8Length = (text: string) => new TextEncoder().encode(text).length;
const jsonLength = (value: unknown) => utf8Length(JSON.stringify(value));

/**
 * One metafield value being filled: its packed offers and the object that holds its index
 * chunks (the function form's `ix` in the first part, the part itself in the others), with its
 * JSON size counted as entries are added.
 */
class PartBuilder {
  private size: number;

  constructor(
    readonly value: Record<string, unknown>,
    private readonly offers: unknown[],
    private readonly holder: Record<string, unknown>,
  ) {
    this.size = jsonLength(value);
  }

  fits(): boolean {
    return this.size <= METAFIELD_VALUE_LIMIT;
  }

  /** Appends a packed offer; false when it would not fit. */
  addOffer(offer: string): boolean {
    const grows = jsonLength(offer) + (this.offers.length > 0 ? 1 : 0);
    if (this.size + grows > METAFIELD_VALUE_LIMIT) return false;
    this.offers.push(offer);
    this.size += grows;
    return true;
  }

  /** Adds an entry to the index chunk `map` ("v" or "t"); false when it would not fit. */
  addEntry(map: string, key: string, positions: unknown): boolean {
    const chunk = this.holder[map] as Record<string, unknown> | undefined;
    const entry = `${JSON.stringify(key)}:${JSON.stringify(positions)}`;
    const comma = (object: object) => (Object.keys(object).length > 0 ? 1 : 0);
    const grows = chunk
      ? utf8Length(entry) + comma(chunk)
      : utf8Length(`${JSON.stringify(map)}:{${entry}}`) + comma(this.holder);
    if (this.size + grows > METAFIELD_VALUE_LIMIT) return false;
    if (chunk) chunk[key] = positions;
    else this.holder[map] = { [key]: positions };
    this.size += grows;
    return true;
  }
}

/**
 * Splits the function form into the metafield values (`CONFIG_KEYS`), each within Shopify's
 * limit: the first is the function form itself with the offers and index entries that fit, the
 * others (`ConfigPart`) carry the rest, the second also the schedule boundaries. Every part is
 * always written, so nothing of an earlier publish lingers. Null when the config cannot fit.
 * Only the variant indexes (`ix.v`, `ix.t`) are split; anything else stays in the first part.
 */
export function splitConfig(config: FunctionConfig, boundaries: number[]): string[] | null {
  const { v: variants = {}, t: targets = {}, ...rest } = config.ix;
  const headOffers: string[] = [];
  const headIndex: Record<string, unknown> = { ...rest };
  const parts = [
    new PartBuilder({ ...config, o: headOffers, ix: headIndex }, headOffers, headIndex),
  ];
  for (let i = 1; i < CONFIG_KEYS.length; i += 1) {
    const offers: string[] = [];
    const value: Record<string, unknown> = i === 1 ? { o: offers, b: boundaries } : { o: offers };
    parts.push(new PartBuilder(value, offers, value));
  }
  if (!parts.every((part) => part.fits())) return null;

  // Each entry goes into the first part with room, from the part the previous one went into:
  // offers must stay in order, index entries may go anywhere.
  let at = 0;
  const place = (add: (part: PartBuilder) => boolean) => {
    for (; at < parts.length; at += 1) {
      const part = parts[at];
      if (part && add(part)) return true;
    }
    return false;
  };
  for (const offer of config.o) if (!place((part) => part.addOffer(offer))) return null;
  at = 0;
  for (const [map, index] of [
    ["t", targets],
    ["v", variants],
  ] as const) {
    for (const [key, positions] of Object.entries(index)) {
      if (!place((part) => part.addEntry(map, key, positions))) return null;
    }
  }
  return parts.map((part) => JSON.stringify(part.value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Makes every lookup in `first` fall through to the chunks after it: each chunk inherits from
 * the next, so a missing key is searched for in native code. Joining the index chunks this way
 * costs nothing per entry, where copying them (Object.assign) would cost about 2.4 k instructions
 * per entry: some 0.7 M for a large config.
 */
function chain(first: Record<string, unknown>, chunks: readonly unknown[]): void {
  let last = first;
  for (const chunk of chunks) {
    if (!isRecord(chunk)) continue;
    Object.setPrototypeOf(last, chunk);
    last = chunk;
  }
}

/**
 * The function form and the schedule boundaries from the metafield values (in `CONFIG_KEYS`
 * order); null when a part is missing or not shaped as `splitConfig` writes it (the admin always
 * writes all of them together). The engine's `loadForFunction` judges the rest.
 */
export function joinConfig(
  values: readonly unknown[],
): { config: FunctionConfig; boundaries: number[] } | null {
  const [head, ...rest] = values;
  if (!isRecord(head) || !isRecord(head.ix) || !Array.isArray(head.o)) return null;
  if (rest.length !== CONFIG_KEYS.length - 1) return null;
  let offers = head.o as unknown[];
  for (const part of rest) {
    if (!isRecord(part) || !Array.isArray(part.o)) return null;
    if ((part.v !== undefined && !isRecord(part.v)) || (part.t !== undefined && !isRecord(part.t)))
      return null;
    if (part.o.length > 0) offers = offers.concat(part.o);
  }
  const boundaries = (rest[0] as Record<string, unknown>).b;
  if (!Array.isArray(boundaries) || !boundaries.every((b) => typeof b === "number")) return null;
  const ix = { ...head.ix };
  for (const map of ["v", "t"] as const) {
    const chunks = rest.map((part) => (part as Record<string, unknown>)[map]);
    if (!chunks.some(isRecord)) continue;
    const first = isRecord(ix[map]) ? ix[map] : {};
    chain(first, chunks);
    ix[map] = first;
  }
  return {
    config: { ...head, o: offers, ix } as unknown as FunctionConfig,
    boundaries: boundaries as number[],
  };
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
