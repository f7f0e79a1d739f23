import { minorDigits } from "./currency";
import { unescapeField, unpackVariant } from "./pack";
import { toPercentUnits } from "./percent";
import {
  array,
  fail,
  int,
  isRecord,
  loadSettings,
  MalformedConfig,
  percent,
  str,
  type Raw,
} from "./read";
import {
  PUBLISHED_VERSION,
  type OfferPositions,
  type RuntimeBundle,
  type RuntimeConfig,
  type RuntimeItem,
  type RuntimeOffer,
  type RuntimeTier,
  type Segment,
} from "./types";

/**
 * The discount function's loader: the function form only (see `FunctionConfig`), so its bundle
 * carries nothing else. Checks the frame and settings up front; offers are unpacked on first use
 * (`offerAt` throws `MalformedConfig` for a bad one). Null when missing, malformed or newer.
 */
export function loadForFunction(published: unknown): RuntimeConfig | null {
  try {
    const doc = isRecord(published) ? published : fail();
    if (doc.v !== PUBLISHED_VERSION || doc.f !== 1) fail();
    const currency = str(doc.cur);
    const digits = minorDigits(currency);
    const raw = array(doc.o);
    const settings = loadSettings(doc.s, digits);
    const decoded: (RuntimeOffer | undefined)[] = [];
    const offerAt = (index: number): RuntimeOffer => {
      const known = decoded[index];
      if (known) return known;
      if (!Number.isInteger(index) || index < 0 || index >= raw.length) fail();
      const offer = unpackOffer(raw[index], index);
      decoded[index] = offer;
      return offer;
    };
    return {
      form: "function",
      currency,
      digits,
      settings,
      size: raw.length,
      offerAt,
      ...packedIndex(doc.ix),
    };
  } catch (error) {
    if (error instanceof MalformedConfig) return null;
    throw error;
  }
}

type IndexPart = Pick<
  RuntimeConfig,
  "byVariant" | "byTarget" | "byProduct" | "byCollection" | "byTag" | "everywhere"
>;

/** The function form's index, used as it is: plain property reads on the parsed object. */
function packedIndex(value: unknown): IndexPart {
  const ix = isRecord(value) ? value : fail();
  const part = (key: string): Raw | null => {
    const found = ix[key];
    if (found === undefined) return null;
    return isRecord(found) ? found : fail();
  };
  // Inherited members ("constructor") are neither numbers nor arrays: they read as "no offers".
  const lookup =
    (index: Raw | null) =>
    (key: string): OfferPositions | undefined => {
      const positions = index?.[key];
      return typeof positions === "number" || Array.isArray(positions)
        ? (positions as OfferPositions)
        : undefined;
    };
  const everywhere: number[] = [];
  if (ix.e !== undefined) for (const p of array(ix.e)) everywhere.push(int(p, 0));
  return {
    byVariant: lookup(part("v")),
    byTarget: lookup(part("t")),
    byProduct: lookup(part("p")),
    byCollection: lookup(part("c")),
    byTag: lookup(part("g")),
    everywhere,
  };
}

const SEGMENT_BY_INITIAL: Record<string, Segment> = {
  n: "new",
  r: "returning",
  f: "frequent",
  p: "premium",
};

/** A numeric field; a missing, empty or non-numeric one makes the offer malformed. */
function numberAt(fields: string[], at: number): number {
  const value = fields[at];
  const n = value ? Number(value) : NaN;
  return n === n ? n : fail(); // NaN is the only value unequal to itself
}

function percentAt(fields: string[], at: number): number {
  return fields[at] === "" ? 0 : percent(numberAt(fields, at));
}

/** An amount in minor units, or 0 for an empty or missing field. */
function amountAt(fields: string[], at: number): number {
  return fields[at] === "" || fields[at] === undefined ? 0 : int(numberAt(fields, at), 1);
}

function variantAt(fields: string[], at: number): string {
  const value = fields[at];
  return value ? unpackVariant(value) : fail();
}

/**
 * One packed offer of the function form → its runtime shape (no texts, no offered prices).
 * Plain code without spreads or helper closures: the discount function pays for each of them.
 */
function unpackOffer(value: unknown, index: number): RuntimeOffer {
  const fields = str(value).split("|");
  if (fields.length < 6) fail();
  const id = unescapeField(fields[1] ?? "");
  const startsAt = fields[2] === "" ? null : numberAt(fields, 2);
  const endsAt = fields[3] === "" ? null : numberAt(fields, 3);
  // `initials` or `initials:priority` (the priority only when not 0: rule 14's ties need it).
  const segmentField = fields[4] ?? "";
  const colon = segmentField.indexOf(":");
  const initials = colon < 0 ? segmentField : segmentField.slice(0, colon);
  const priority = colon < 0 ? 0 : Number(segmentField.slice(colon + 1));
  if (!Number.isInteger(priority)) fail();
  let segments: Segment[] | null = null;
  if (initials !== "") {
    segments = [];
    for (let i = 0; i < initials.length; i += 1) {
      segments.push(SEGMENT_BY_INITIAL[initials.charAt(i)] ?? fail());
    }
  }
  switch (fields[0]) {
    case "u": {
      const shown = percentAt(fields, 6);
      const to: RuntimeItem = { variantId: variantAt(fields, 5), title: "", price: 0 };
      return {
        kind: "upgrade",
        id,
        index,
        active: true,
        priority,
        startsAt,
        endsAt,
        segments,
        message: null,
        why: null,
        to,
        percent: toPercentUnits(shown),
        percentShown: shown,
        amountOff: amountAt(fields, 7),
      };
    }
    case "x": {
      const shown = percentAt(fields, 6);
      const item: RuntimeItem = { variantId: variantAt(fields, 5), title: "", price: 0 };
      // Fields after the amount: the A/B copies' add-ons, discounted like the offer's own.
      const extraTargets: string[] = [];
      for (let at = 8; at < fields.length; at += 1) extraTargets.push(variantAt(fields, at));
      return {
        kind: "cross-sell",
        id,
        index,
        active: true,
        priority,
        startsAt,
        endsAt,
        segments,
        message: null,
        why: null,
        item,
        extraTargets,
        percent: toPercentUnits(shown),
        percentShown: shown,
        amountOff: amountAt(fields, 7),
      };
    }
    case "b": {
      // A percent, or `$` and the set's price in minor units.
      const discount = fields[5] ?? "";
      const priced = discount.startsWith("$");
      const shown = priced ? 0 : percentAt(fields, 5);
      const bundlePrice = priced ? int(Number(discount.slice(1)), 0) : null;
      const items: RuntimeBundle["items"][number][] = [];
      for (let at = 6; at + 1 < fields.length; at += 2) {
        const quantity = int(numberAt(fields, at + 1), 1);
        items.push({ variantId: variantAt(fields, at), title: "", price: 0, quantity });
      }
      if (items.length < 2) fail();
      return {
        kind: "bundle",
        id,
        index,
        active: true,
        priority,
        startsAt,
        endsAt,
        segments,
        message: null,
        why: null,
        items,
        percent: toPercentUnits(shown),
        percentShown: shown,
        bundlePrice,
      };
    }
    case "v": {
      const tiers: RuntimeTier[] = [];
      for (let at = 5; at + 1 < fields.length; at += 2) {
        const shown = percent(numberAt(fields, at + 1));
        tiers.push({
          minQuantity: int(numberAt(fields, at), 1),
          percent: toPercentUnits(shown),
          percentShown: shown,
        });
      }
      if (tiers.length === 0) fail();
      return {
        kind: "volume",
        id,
        index,
        active: true,
        priority,
        startsAt,
        endsAt,
        segments,
        message: null,
        why: null,
        tiers,
      };
    }
    case "f": {
      const codes = fields[6] ?? "";
      return {
        kind: "free-shipping",
        id,
        index,
        active: true,
        priority,
        startsAt,
        endsAt,
        segments,
        message: null,
        why: null,
        threshold: int(numberAt(fields, 5), 0),
        countries: codes === "" ? null : codes.split(","),
      };
    }
    case "g":
      return {
        kind: "gift",
        id,
        index,
        active: true,
        priority,
        startsAt,
        endsAt,
        segments,
        message: null,
        why: null,
        item: { variantId: variantAt(fields, 5), title: "", price: 0 },
        threshold: int(numberAt(fields, 6), 0),
      };
    default:
      return fail();
  }
}
