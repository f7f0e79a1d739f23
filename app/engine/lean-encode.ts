import {
  leanHash,
  LEAN_MAGIC,
  LEAN_POSITION,
  LEAN_WIDTH,
  leanKey,
  SEGMENT_BITS,
  writableKey,
} from "./lean-format";
import { canDiscountLines } from "./can-discount";
import { minorDigits } from "./currency";
import { loadForFunction } from "./load-function";
import { escapeField } from "./pack";
import { loadSettings } from "./read";
import type { FunctionConfig, PackedIndex, RuntimeOffer } from "./types";

/** The largest offset a LEAN_WIDTH base-36 field holds. */
const MAX_OFFSET = 36 ** LEAN_WIDTH - 1;

function offsetField(n: number): string {
  if (n > MAX_OFFSET) throw new RangeError("lean config section too large");
  return n.toString(36).padStart(LEAN_WIDTH, "0");
}

/** Offer positions as LEAN_POSITION base-36 digits each, back to back. */
function positionsText(positions: number | readonly number[] | undefined): string {
  if (positions === undefined) return "";
  const all = typeof positions === "number" ? [positions] : positions;
  return all
    .map((p) => {
      if (p >= 36 ** LEAN_POSITION) throw new RangeError("too many offers for the lean config");
      return p.toString(36).padStart(LEAN_POSITION, "0");
    })
    .join("");
}

/**
 * One offer as the lean record the function decodes with a split and a few numbers (see
 * `lean-format.ts`): kind|id|startsAt|endsAt|segment bits|priority|… with variants as lean keys,
 * percents in units and amounts in the shop's minor units, all worked out here once.
 */
function leanRecord(offer: RuntimeOffer): string {
  let segments = 0;
  for (const segment of offer.segments ?? []) segments |= SEGMENT_BITS[segment];
  const head = [
    offer.kind === "cross-sell" ? "x" : offer.kind === "free-shipping" ? "f" : offer.kind[0],
    escapeField(offer.id),
    offer.startsAt === null ? "" : String(offer.startsAt),
    offer.endsAt === null ? "" : String(offer.endsAt),
    String(segments),
    String(offer.priority),
  ];
  switch (offer.kind) {
    case "upgrade":
      return [...head, leanKey(offer.to.variantId), offer.percent, offer.amountOff].join("|");
    case "cross-sell":
      return [
        ...head,
        leanKey(offer.item.variantId),
        offer.percent,
        offer.amountOff,
        (offer.extraTargets ?? []).map(leanKey).join(","),
      ].join("|");
    case "bundle":
      return [
        ...head,
        offer.percent,
        offer.bundlePrice ?? -1,
        offer.items.map((item) => leanKey(item.variantId)).join(","),
        offer.items.map((item) => item.quantity).join(","),
      ].join("|");
    case "volume":
      return [
        ...head,
        offer.tiers.map((tier) => tier.minQuantity).join(","),
        offer.tiers.map((tier) => tier.percent).join(","),
      ].join("|");
    case "free-shipping":
      return [...head, offer.threshold, (offer.countries ?? []).join(",")].join("|");
    case "gift":
      return [...head, leanKey(offer.item.variantId), offer.threshold].join("|");
  }
}

/**
 * The function form as one text the discount function reads without building objects (see
 * `lean-format.ts` for the layout): the offers as lean records, found through a table of
 * fixed-width offsets, and the variant index in hash buckets, so a lookup costs a
 * hash of the variant's id and a scan of one short bucket, whatever the config's size. Reading
 * the old index as objects cost about 3 k instructions per entry before the first line.
 * `boundaries` are the schedule's instants the function's clock slots stand for.
 */
export function encodeLean(config: FunctionConfig, boundaries: readonly number[]): string {
  // The function form's own reader decodes each offer: one meaning for both forms.
  const runtime = loadForFunction(config);
  if (!runtime) throw new TypeError("not a function form config");
  const offerTable: string[] = [];
  let offers = "";
  for (let i = 0; i < runtime.size; i += 1) {
    offerTable.push(offsetField(offers.length));
    offers += leanRecord(runtime.offerAt(i));
  }
  offerTable.push(offsetField(offers.length));

  // Every variant with its trigger (`v`) and target (`t`) positions, in one record per variant.
  const variants: PackedIndex = config.ix.v ?? {};
  const targets: PackedIndex = config.ix.t ?? {};
  const keys = new Set([...Object.keys(variants), ...Object.keys(targets)]);
  // Four buckets per variant: most lines of other products find theirs empty in the filter.
  const bucketCount = 4 * keys.size + 1;
  const buckets: string[] = new Array<string>(bucketCount).fill("");
  for (const id of keys) {
    const key = leanKey(id);
    if (!writableKey(key)) throw new TypeError(`variant id not writable in the lean config: ${id}`);
    const v = Object.hasOwn(variants, id) ? variants[id] : undefined;
    const t = Object.hasOwn(targets, id) ? targets[id] : undefined;
    const at = leanHash(id) % bucketCount;
    // "1" when a line of it is one to price (an offer it reaches can discount lines): the
    // function counts such lines for the capacity rule without decoding a single offer.
    const all = [v ?? [], t ?? []].flat();
    const priced = all.some((p) => canDiscountLines(runtime.offerAt(p))) ? "1" : "0";
    buckets[at] += `${key} ${priced}${positionsText(v)} ${positionsText(t)};`;
  }
  const bucketTable: string[] = [];
  let records = "";
  for (const bucket of buckets) {
    bucketTable.push(offsetField(records.length));
    records += bucket;
  }
  bucketTable.push(offsetField(records.length));

  const settings = loadSettings(config.s, minorDigits(config.cur));
  const header = [
    LEAN_MAGIC,
    config.cur,
    String(config.o.length),
    String(bucketCount),
    boundaries.join(","),
    (config.ix.e ?? []).join(","),
    // Only the settings that decide a discount (segments), defaults resolved.
    String(settings.frequentMinOrders),
    String(settings.premiumMinSpent),
    settings.premiumTags.map(encodeURIComponent).join(","),
    // The published settings as they are, last (they may hold "|"): the function never reads
    // them, tests and support tools recover the function form whole.
    JSON.stringify(config.s ?? {}),
  ].join("|");
  const filter = buckets.map((bucket) => (bucket === "" ? "0" : "1")).join("");
  return `${header}\n${offerTable.join("")}${offers}${filter}${bucketTable.join("")}${records}`;
}
