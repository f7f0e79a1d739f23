/**
 * What the admin writes on the discount and the function reads, in one place: both sides import
 * this module, so the lists the input query asks about and the schedule slots are derived by the
 * same code from the same published config. Pure and dependency-free (it ships in the function).
 */
import { DEFAULT_SETTINGS, type FunctionConfig } from "../../../app/engine";

/** App-owned metafields on the automatic discount (namespace `$app`). */
export const CONFIG_KEY = "function_config";
export const CONFIG_PART_2_KEY = "function_config_2";
export const INPUT_KEY = "function_input";

/** Shopify does not hand a function metafield values over 10,000 bytes: bigger configs are split. */
export const METAFIELD_VALUE_LIMIT = 10_000;
/** Input query list variables (ids, tags) may hold at most 100 elements. */
export const LIST_VARIABLE_LIMIT = 100;
/**
 * How many upcoming schedule boundaries (offer starts and ends) the function reads exactly, through
 * `shop.localTime.dateTimeAfter`. Each costs one point of the input query's 30; later boundaries
 * are read from the shop's local date, so they take effect within a day and a half at most.
 */
export const SCHEDULE_SLOTS = 3;
export const SLOT_NAMES = ["t0", "t1", "t2"] as const;

/**
 * The second metafield: the packed offers that did not fit in the first, and every schedule
 * boundary of the config (ascending epoch milliseconds), which the clock slots refer to.
 */
export interface ConfigPart2 {
  o: string[];
  b: number[];
}

/** The variables of both input queries, as stored in the `function_input` metafield. */
export interface FunctionInputVariables {
  collectionIds: string[];
  tags: string[];
  premiumTags: string[];
  /** Schedule boundaries as date-times without zone, in the shop's time zone. */
  t0: string;
  t1: string;
  t2: string;
}

export interface QueriedTerms {
  /** Collections that triggers reference, in config order, each once. */
  collectionIds: string[];
  /** Lower-case product tags that triggers reference, in config order, each once. */
  tags: string[];
  /** Lower-case premium segment tags. */
  premiumTags: string[];
}

/**
 * The collections and tags each cart line is asked about (those publishing could not turn into
 * variants: the function form's `ix.c` and `ix.g` keys), and the premium tags the customer is
 * asked about. The query returns only the flags, in this order, so both sides derive it alike.
 */
export function queriedTerms(config: FunctionConfig): QueriedTerms {
  const premium = config.s?.pt ?? DEFAULT_SETTINGS.premiumTags;
  return {
    collectionIds: Object.keys(config.ix.c ?? {}),
    tags: Object.keys(config.ix.g ?? {}),
    premiumTags: [...new Set(premium.map((tag) => tag.toLowerCase()))],
  };
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

/**
 * Splits the function form into the two metafield values, each within Shopify's limit: the first
 * keeps everything but the packed offers that do not fit, the second holds those and the
 * schedule boundaries. Null when even two parts cannot hold it.
 */
export function splitConfig(
  config: FunctionConfig,
  boundaries: number[],
): [FunctionConfig, ConfigPart2] | null {
  const head: FunctionConfig = { ...config, o: [] };
  // `,` between offers and the brackets around them: counted as the parts are filled.
  let size = utf8Length(JSON.stringify(head));
  let cut = 0;
  for (const offer of config.o) {
    const next = size + utf8Length(JSON.stringify(offer)) + (cut > 0 ? 1 : 0);
    if (next > METAFIELD_VALUE_LIMIT) break;
    size = next;
    cut += 1;
  }
  const first: FunctionConfig = { ...config, o: config.o.slice(0, cut) };
  const second: ConfigPart2 = { o: config.o.slice(cut), b: boundaries };
  if (utf8Length(JSON.stringify(second)) > METAFIELD_VALUE_LIMIT) return null;
  return [first, second];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The function form and the schedule boundaries from the two metafield values; null when either
 * part is missing or not shaped as `splitConfig` writes (the admin always writes both together).
 * The engine's `loadForFunction` judges the rest.
 */
export function joinConfig(
  part1: unknown,
  part2: unknown,
): { config: FunctionConfig; boundaries: number[] } | null {
  if (!isRecord(part1) || !isRecord(part2) || !isRecord(part1.ix)) return null;
  if (!Array.isArray(part1.o) || !Array.isArray(part2.o) || !Array.isArray(part2.b)) return null;
  const boundaries = part2.b as unknown[];
  if (!boundaries.every((b) => typeof b === "number")) return null;
  const offers = part2.o.length === 0 ? part1.o : [...part1.o, ...part2.o];
  return {
    config: { ...part1, o: offers } as unknown as FunctionConfig,
    boundaries: boundaries as number[],
  };
}

/**
 * The input variables for a published config at `publishedAt`: the queried terms, and the next
 * schedule boundaries after `publishedAt` as shop-local date-times (`toShopLocal`), padded with
 * the first slot's value. The config must hold no boundary at or before `publishedAt` (see
 * `withoutPastSchedule`), so slot i is boundary i for the function too.
 */
export function functionInputVariables(
  config: FunctionConfig,
  boundaries: readonly number[],
  toShopLocal: (instant: number) => string,
): FunctionInputVariables {
  const terms = queriedTerms(config);
  const slots = boundaries.slice(0, SCHEDULE_SLOTS).map(toShopLocal);
  const pad = slots[0] ?? "2000-01-01T00:00:00";
  return {
    ...terms,
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
