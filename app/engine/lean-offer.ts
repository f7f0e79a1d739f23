import { unescapeField } from "./pack";
import { fail } from "./read";
import type { Minor, PercentUnits } from "./types";

/**
 * One packed offer as the lean pricing reads it: a single shape for every kind (so the function's
 * engine sees one object layout), amounts in the cart's currency, variants as lean keys.
 */
export interface LeanOffer {
  /** u upgrade, x cross-sell, b bundle, v volume, f free shipping, g gift. */
  kind: "u" | "x" | "b" | "v" | "f" | "g";
  id: string;
  index: number;
  /** Epoch milliseconds; -Infinity / Infinity when unscheduled. */
  startsAt: number;
  endsAt: number;
  /** SEGMENT_BITS of the buyers it is for; 0 for everyone. */
  segments: number;
  priority: number;
  /** Upgrades and quantity breaks rank before the others (rule 2). */
  upsell: boolean;
  /** Whether it can ever put a discount on a line (`canDiscountLines`). */
  discountsLines: boolean;
  /** The upgrade's better variant, the add-on, the gift: what a line of it is discounted as. */
  target: string;
  /** A cross-sell's A/B copies' add-ons, discounted like its own. */
  extraTargets: string[];
  percent: PercentUnits;
  amountOff: Minor;
  /** A bundle's set price, or -1 for a percent bundle. */
  bundlePrice: Minor;
  items: string[];
  quantities: number[];
  tierMinimums: number[];
  tierPercents: PercentUnits[];
  threshold: Minor;
  countries: string[] | null;
}

const NO_KEYS: string[] = [];
const NO_NUMBERS: number[] = [];

/** A number field; a missing or unreadable one makes the config malformed. */
function num(value: string | undefined): number {
  const n = value ? +value : NaN;
  return n === n ? n : fail(); // NaN is the only value unequal to itself
}

function numbers(value: string | undefined): number[] {
  const out: number[] = [];
  for (const part of (value ?? "").split(",")) out.push(num(part));
  return out;
}

/**
 * A lean record (`lean-format.ts`) → the offer, with thresholds, amounts off and set prices
 * converted into the cart's currency. Publishing worked out every value, so this is a split and
 * a few numbers: the function's interpreter pays about 2 k instructions per operation.
 */
export function decodeLeanOffer(
  record: string,
  index: number,
  convert: (minor: Minor) => Minor,
): LeanOffer {
  const f = record.split("|");
  const kind = f[0];
  if (
    f.length < 8 ||
    (kind !== "u" && kind !== "x" && kind !== "b" && kind !== "v" && kind !== "f" && kind !== "g")
  ) {
    return fail();
  }
  const id = f[1] ?? "";
  const starts = f[2];
  const ends = f[3];
  const offer: LeanOffer = {
    kind,
    id: id.includes("%") ? unescapeField(id) : id,
    index,
    startsAt: starts === "" ? -Infinity : num(starts),
    endsAt: ends === "" ? Infinity : num(ends),
    segments: num(f[4]),
    priority: num(f[5]),
    upsell: kind === "u" || kind === "v",
    discountsLines: kind === "b" || kind === "v" || kind === "g",
    target: "",
    extraTargets: NO_KEYS,
    percent: 0,
    amountOff: 0,
    bundlePrice: -1,
    items: NO_KEYS,
    quantities: NO_NUMBERS,
    tierMinimums: NO_NUMBERS,
    tierPercents: NO_NUMBERS,
    threshold: 0,
    countries: null,
  };
  switch (kind) {
    case "u":
    case "x": {
      offer.target = f[6] || fail();
      offer.percent = num(f[7]);
      const off = num(f[8]);
      offer.amountOff = off > 0 ? convert(off) : 0;
      offer.discountsLines = offer.percent > 0 || offer.amountOff > 0;
      if (f[9]) offer.extraTargets = f[9].split(",");
      break;
    }
    case "b": {
      offer.percent = num(f[6]);
      const price = num(f[7]);
      offer.bundlePrice = price < 0 ? -1 : convert(price);
      offer.items = (f[8] ?? "").split(",");
      offer.quantities = numbers(f[9]);
      if (offer.items.length < 2 || offer.quantities.length !== offer.items.length) fail();
      break;
    }
    case "v":
      offer.tierMinimums = numbers(f[6]);
      offer.tierPercents = numbers(f[7]);
      if (offer.tierMinimums.length !== offer.tierPercents.length) fail();
      break;
    case "f":
      offer.threshold = convert(num(f[6]));
      offer.countries = f[7] ? f[7].split(",") : null;
      break;
    case "g":
      offer.target = f[6] || fail();
      offer.threshold = convert(num(f[7]));
      break;
  }
  return offer;
}
