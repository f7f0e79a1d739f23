import { minorDigits } from "./currency";
import { toPercentUnits } from "./percent";
import {
  array,
  fail,
  int,
  isRecord,
  loadSettings,
  lowerStrings,
  MalformedConfig,
  num,
  percent,
  ref,
  str,
  type Raw,
} from "./read";
import {
  PUBLISHED_VERSION,
  SEGMENTS,
  type OfferPositions,
  type RuntimeConfig,
  type RuntimeItem,
  type RuntimeOffer,
  type RuntimeTier,
  type RuntimeVariant,
  type Segment,
} from "./types";

export { MalformedConfig } from "./read";

/**
 * The checkout form of a published config (as read from a metafield: anything) → runtime
 * config, or null when it is missing, malformed, of a newer version or the function form (which
 * `loadForFunction` reads). Never throws.
 */
export function load(published: unknown): RuntimeConfig | null {
  try {
    return loadOrThrow(published);
  } catch (error) {
    if (error instanceof MalformedConfig) return null;
    throw error;
  }
}

function loadOrThrow(published: unknown): RuntimeConfig {
  const doc = isRecord(published) ? published : fail();
  if (doc.v !== PUBLISHED_VERSION || doc.f !== undefined) fail();
  const currency = str(doc.cur);
  const digits = minorDigits(currency);
  const raw = array(doc.o);
  const settings = loadSettings(doc.s, digits);
  const decoded: (RuntimeOffer | undefined)[] = [];
  const texts = doc.x === undefined ? [] : array(doc.x);
  const text = (value: unknown): string =>
    typeof value === "number" ? str(texts[value]) : str(value);
  const offerAt = (index: number): RuntimeOffer => {
    const known = decoded[index];
    if (known) return known;
    if (!Number.isInteger(index) || index < 0 || index >= raw.length) fail();
    const offer = decodeOffer(raw[index], index, text);
    decoded[index] = offer;
    return offer;
  };
  const index = buildIndex(raw, offerAt);
  const images = doc.im === undefined ? undefined : loadImages(doc.im);
  return {
    form: "checkout",
    currency,
    digits,
    settings,
    size: raw.length,
    offerAt,
    ...index,
    ...(images ? { images } : {}),
  };
}

/** [variantId, url] pairs → a map by full variant id. */
function loadImages(value: unknown): Map<string, string> {
  const images = new Map<string, string>();
  for (const entry of array(value)) {
    const pair = array(entry);
    images.set(ref(pair[0], "ProductVariant"), str(pair[1]));
  }
  return images;
}

type IndexPart = Pick<
  RuntimeConfig,
  "byVariant" | "byTarget" | "byProduct" | "byCollection" | "byTag" | "everywhere"
>;

/** The checkout form carries triggers on its offers: decode them all and index them. */
function buildIndex(raw: unknown[], offerAt: (index: number) => RuntimeOffer): IndexPart {
  const maps = {
    v: new Map<string, number[]>(),
    t: new Map<string, number[]>(),
    p: new Map<string, number[]>(),
    c: new Map<string, number[]>(),
    g: new Map<string, number[]>(),
  };
  const add = (map: Map<string, number[]>, key: string, index: number) => {
    const entry = map.get(key);
    if (!entry) map.set(key, [index]);
    else if (entry[entry.length - 1] !== index) entry.push(index);
  };
  const everywhere: number[] = [];
  raw.forEach((value, index) => {
    const offer = offerAt(index);
    const t = (value as Raw).t;
    if (t !== undefined) {
      const trigger = isRecord(t) ? t : fail();
      if (trigger.v !== undefined)
        for (const v of array(trigger.v)) add(maps.v, ref(v, "ProductVariant"), index);
      if (trigger.p !== undefined)
        for (const p of array(trigger.p)) add(maps.p, ref(p, "Product"), index);
      if (trigger.c !== undefined)
        for (const c of array(trigger.c)) add(maps.c, ref(c, "Collection"), index);
      if (trigger.g !== undefined) for (const g of lowerStrings(trigger.g)) add(maps.g, g, index);
    }
    switch (offer.kind) {
      case "upgrade":
        add(maps.t, offer.to.variantId, index);
        break;
      case "cross-sell":
        add(maps.t, offer.item.variantId, index);
        for (const target of offer.extraTargets ?? []) add(maps.t, target, index);
        break;
      case "gift":
        add(maps.t, offer.item.variantId, index);
        break;
      case "bundle":
        for (const item of offer.items) add(maps.v, item.variantId, index);
        break;
      case "free-shipping":
        everywhere.push(index);
        break;
      case "volume":
        break;
    }
  });
  const lookup =
    (map: Map<string, number[]>) =>
    (key: string): OfferPositions | undefined =>
      map.get(key);
  return {
    byVariant: lookup(maps.v),
    byTarget: lookup(maps.t),
    byProduct: lookup(maps.p),
    byCollection: lookup(maps.c),
    byTag: lookup(maps.g),
    everywhere,
  };
}

function decodeItem(value: unknown, text: (value: unknown) => string): RuntimeItem {
  const item = array(value);
  return {
    variantId: ref(item[0], "ProductVariant"),
    title: text(item[1]),
    price: int(item[2], 0),
  };
}

const SEGMENT_SET = /* @__PURE__ */ new Set<string>(SEGMENTS);

function decodeSegments(value: unknown): Segment[] | null {
  if (value === undefined) return null;
  const out: Segment[] = [];
  for (const s of array(value)) out.push(SEGMENT_SET.has(str(s)) ? (s as Segment) : fail());
  return out;
}

/** An offer's A/B copies (DESIGN §3.1 "Variants"). */
function decodeVariants(value: unknown, text: (value: unknown) => string): RuntimeVariant[] {
  const variants = array(value).map((v): RuntimeVariant => {
    const r = isRecord(v) ? v : fail();
    return {
      id: str(r.i),
      weight: r.n === undefined ? 1 : int(r.n, 1),
      message: r.m === undefined ? null : text(r.m),
      why: r.w === undefined ? null : text(r.w),
      item: r.it === undefined ? null : decodeItem(r.it, text),
    };
  });
  return variants.length > 0 ? variants : fail();
}

/** The copies' add-ons other than the offer's own, once each. */
function copyTargets(variants: readonly RuntimeVariant[] | undefined, own: string): string[] {
  const out: string[] = [];
  for (const v of variants ?? []) {
    const id = v.item?.variantId;
    if (id !== undefined && id !== own && !out.includes(id)) out.push(id);
  }
  return out;
}

/** One published offer (checkout form) → its runtime shape. */
function decodeOffer(
  value: unknown,
  index: number,
  text: (value: unknown) => string,
): RuntimeOffer {
  const o = isRecord(value) ? value : fail();
  const base = {
    id: str(o.i),
    index,
    active: o.x === undefined,
    priority: o.p === undefined ? 0 : int(o.p, Number.MIN_SAFE_INTEGER),
    startsAt: o.a === undefined ? null : num(o.a),
    endsAt: o.z === undefined ? null : num(o.z),
    segments: decodeSegments(o.s),
    message: o.m === undefined ? null : text(o.m),
    why: o.w === undefined ? null : text(o.w),
    ...(o.vr === undefined ? {} : { variants: decodeVariants(o.vr, text) }),
  };
  const shown = o.d === undefined ? 0 : percent(o.d);
  const discount = { percent: toPercentUnits(shown), percentShown: shown };
  const amountOff = o.da === undefined ? 0 : int(o.da, 1);
  switch (o.k) {
    case "u":
      return { ...base, kind: "upgrade", to: decodeItem(o.it, text), ...discount, amountOff };
    case "x": {
      const item = decodeItem(o.it, text);
      const extraTargets = copyTargets(base.variants, item.variantId);
      return {
        ...base,
        kind: "cross-sell",
        item,
        ...discount,
        amountOff,
        ...(extraTargets.length > 0 ? { extraTargets } : {}),
      };
    }
    case "b": {
      const items = array(o.bi).map((v) => ({
        ...decodeItem(v, text),
        quantity: int(array(v)[3], 1),
      }));
      if (items.length < 2) fail();
      // Exactly one of a percent and a set price.
      if ((o.d === undefined) === (o.bp === undefined)) fail();
      const bundlePrice = o.bp === undefined ? null : int(o.bp, 0);
      return { ...base, kind: "bundle", items, ...discount, bundlePrice };
    }
    case "v": {
      const tiers: RuntimeTier[] = array(o.q).map((v) => {
        const tier = array(v);
        const tierShown = percent(tier[1]);
        return {
          minQuantity: int(tier[0], 1),
          percent: toPercentUnits(tierShown),
          percentShown: tierShown,
        };
      });
      if (tiers.length === 0) fail();
      return { ...base, kind: "volume", tiers };
    }
    case "f": {
      const countries = o.cc === undefined ? null : array(o.cc).map((c) => str(c).toUpperCase());
      return { ...base, kind: "free-shipping", threshold: int(o.h, 0), countries };
    }
    case "g":
      return { ...base, kind: "gift", threshold: int(o.h, 0), item: decodeItem(o.it, text) };
    default:
      return fail();
  }
}
