import { unescapeField } from "./pack";
import { fail } from "./read";
import type { Minor, PercentUnits } from "./types";

/**
 * What every lean offer has: amounts in the cart's currency, variants as lean keys. Each kind
 * carries only its own fields: the function's interpreter pays about 1 k instructions per
 * property of an object it builds, and a line reaching an offer decodes it.
 */
interface LeanBase {
  index: number;
  /** Epoch milliseconds; -Infinity / Infinity when unscheduled. */
  startsAt: number;
  endsAt: number;
  /** SEGMENT_BITS of the buyers it is for; 0 for everyone. */
  segments: number;
  priority: number;
  /** Whether it can ever put a discount on a line (`canDiscountLines`). */
  discountsLines: boolean;
}

export interface LeanUpgrade extends LeanBase {
  kind: "u";
  /** Rule 14 compares it with a line's `_ladder_offer`. */
  id: string;
  /** The better variant. */
  target: string;
  percent: PercentUnits;
  amountOff: Minor;
}

export interface LeanCrossSell extends LeanBase {
  kind: "x";
  /** The add-on. */
  target: string;
  /** Its A/B copies' add-ons, discounted like its own. */
  extraTargets: string[];
  percent: PercentUnits;
  amountOff: Minor;
}

export interface LeanBundle extends LeanBase {
  kind: "b";
  percent: PercentUnits;
  /** The set price, or -1 for a percent bundle. */
  bundlePrice: Minor;
  items: string[];
  quantities: number[];
}

export interface LeanVolume extends LeanBase {
  kind: "v";
  tierMinimums: number[];
  tierPercents: PercentUnits[];
}

export interface LeanFreeShipping extends LeanBase {
  kind: "f";
  threshold: Minor;
  countries: string[] | null;
}

export interface LeanGift extends LeanBase {
  kind: "g";
  /** The gift item. */
  target: string;
  threshold: Minor;
}

/** One packed offer as the lean pricing reads it (kinds: `lean-format.ts`). */
export type LeanOffer =
  LeanUpgrade | LeanCrossSell | LeanBundle | LeanVolume | LeanFreeShipping | LeanGift;

const NO_KEYS: string[] = [];

/** Whether a sum of fields read with `+` had no unreadable one (NaN is unequal to itself). */
function isNumber(n: number): boolean {
  return n === n;
}

/** A number field; a missing or unreadable one makes the config malformed. */
function num(value: string | undefined): number {
  const n = value ? +value : NaN;
  return n === n ? n : fail();
}

function numbers(value: string | undefined): number[] {
  const out: number[] = [];
  for (const part of (value ?? "").split(",")) out.push(num(part));
  return out;
}

/**
 * A lean record (`lean-format.ts`) → the offer, with thresholds, amounts off and set prices
 * converted into the cart's currency. Publishing worked out every value, so this is a split and
 * a few numbers, read with `+` and checked once per record (NaN spreads through a sum): a call
 * per field would cost the function more than the rest of the decoding.
 */
export function decodeLeanOffer(
  record: string,
  index: number,
  convert: (minor: Minor) => Minor,
): LeanOffer {
  const f = record.split("|");
  if (f.length < 8) return fail();
  const starts = f[2];
  const ends = f[3];
  const startsAt = starts ? +starts : -Infinity;
  const endsAt = ends ? +ends : Infinity;
  const segments = +(f[4] || NaN);
  const priority = +(f[5] || NaN);
  // Unscheduled ends are infinite, and -Infinity + Infinity is NaN: only read ones are summed.
  const common = (starts ? startsAt : 0) + (ends ? endsAt : 0) + segments + priority;
  switch (f[0]) {
    case "u":
    case "x": {
      const target = f[6] || fail();
      const percent = +(f[7] || NaN);
      const off = +(f[8] || NaN);
      if (!isNumber(common + percent + off)) fail();
      const amountOff = off > 0 ? convert(off) : 0;
      const discountsLines = percent > 0 || amountOff > 0;
      if (f[0] === "x") {
        const extra = f[9];
        return {
          kind: "x",
          index,
          startsAt,
          endsAt,
          segments,
          priority,
          discountsLines,
          target,
          extraTargets: extra ? extra.split(",") : NO_KEYS,
          percent,
          amountOff,
        };
      }
      const id = f[1] ?? "";
      return {
        kind: "u",
        index,
        startsAt,
        endsAt,
        segments,
        priority,
        discountsLines,
        id: id.includes("%") ? unescapeField(id) : id,
        target,
        percent,
        amountOff,
      };
    }
    case "b": {
      const percent = +(f[6] || NaN);
      const price = +(f[7] || NaN);
      const items = (f[8] ?? "").split(",");
      const quantities = numbers(f[9]);
      if (!isNumber(common + percent + price)) fail();
      if (items.length < 2 || quantities.length !== items.length) fail();
      return {
        kind: "b",
        index,
        startsAt,
        endsAt,
        segments,
        priority,
        discountsLines: true,
        percent,
        bundlePrice: price < 0 ? -1 : convert(price),
        items,
        quantities,
      };
    }
    case "v": {
      const tierMinimums = numbers(f[6]);
      const tierPercents = numbers(f[7]);
      if (!isNumber(common) || tierMinimums.length !== tierPercents.length) fail();
      return {
        kind: "v",
        index,
        startsAt,
        endsAt,
        segments,
        priority,
        discountsLines: true,
        tierMinimums,
        tierPercents,
      };
    }
    case "f": {
      const threshold = +(f[6] || NaN);
      if (!isNumber(common + threshold)) fail();
      return {
        kind: "f",
        index,
        startsAt,
        endsAt,
        segments,
        priority,
        discountsLines: false,
        threshold: convert(threshold),
        countries: f[7] ? f[7].split(",") : null,
      };
    }
    case "g": {
      const threshold = +(f[7] || NaN);
      if (!isNumber(common + threshold)) fail();
      return {
        kind: "g",
        index,
        startsAt,
        endsAt,
        segments,
        priority,
        discountsLines: true,
        target: f[6] || fail(),
        threshold: convert(threshold),
      };
    }
    default:
      return fail();
  }
}
