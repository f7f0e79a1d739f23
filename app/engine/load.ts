import { DEFAULT_SETTINGS } from "./defaults";
import { expandId } from "./ids";
import { minorDigits } from "./currency";
import { toPercentUnits } from "./percent";
import {
  PUBLISHED_VERSION,
  SEGMENTS,
  type KindCode,
  type PublishedItem,
  type PublishedOffer,
  type PublishedRef,
  type PublishedTrigger,
  type RuntimeConfig,
  type RuntimeItem,
  type RuntimeOffer,
  type RuntimeSettings,
  type RuntimeTrigger,
  type Segment,
  type TriggerIndex,
} from "./types";

/** Thrown inside `load` only, to abandon a malformed document in one step. */
class Malformed extends Error {}

/**
 * Published config (as read from a metafield: anything) → runtime model, or null when it is
 * missing, malformed or of a newer version. Never throws: checkout must show nothing rather than
 * break. Builds the trigger index so evaluation is O(lines + offers).
 */
export function load(published: unknown): RuntimeConfig | null {
  try {
    return loadOrThrow(published);
  } catch (error) {
    if (error instanceof Malformed) return null;
    throw error;
  }
}

function fail(): never {
  throw new Malformed();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : fail();
}

function int(value: unknown, min: number): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min ? value : fail();
}

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fail();
}

function percent(value: unknown): number {
  const p = num(value);
  return p > 0 && p <= 100 ? p : fail();
}

function list<T>(value: unknown, each: (v: unknown, index: number) => T): T[] {
  return Array.isArray(value) ? value.map(each) : fail();
}

function optionalList<T>(value: unknown, each: (v: unknown) => T): T[] | null {
  return value === undefined ? null : list(value, each);
}

function ref(value: unknown): PublishedRef {
  return typeof value === "number" || typeof value === "string" ? value : fail();
}

function lowerStrings(value: unknown): string[] {
  return list(value, (v) => str(v).toLowerCase());
}

function loadSettings(value: unknown, digits: number): RuntimeSettings {
  const s = value === undefined ? {} : isRecord(value) ? value : fail();
  return {
    maxOffers: s.mo === undefined ? DEFAULT_SETTINGS.maxOffers : int(s.mo, 1),
    maxPriceRatio: s.pr === undefined ? DEFAULT_SETTINGS.maxPriceRatio : num(s.pr),
    cooldownDays: s.cd === undefined ? DEFAULT_SETTINGS.cooldownDays : num(s.cd),
    holdoutPercent: s.hp === undefined ? DEFAULT_SETTINGS.holdoutPercent : int(s.hp, 0),
    suppressTags: s.st === undefined ? DEFAULT_SETTINGS.suppressTags : lowerStrings(s.st),
    budgetTags: s.bt === undefined ? DEFAULT_SETTINGS.budgetTags : lowerStrings(s.bt),
    frequentMinOrders: s.fo === undefined ? DEFAULT_SETTINGS.frequentMinOrders : int(s.fo, 0),
    premiumTags: s.pt === undefined ? DEFAULT_SETTINGS.premiumTags : lowerStrings(s.pt),
    premiumMinSpent:
      s.ps === undefined ? DEFAULT_SETTINGS.premiumMinSpentMajor * 10 ** digits : int(s.ps, 0),
  };
}

/** Reads a text that is inline or a reference into the shared table. */
type TextReader = (value: unknown) => string;

function textReader(table: unknown): TextReader {
  const texts = table === undefined ? [] : list(table, str);
  return (value) => (typeof value === "number" ? (texts[value] ?? fail()) : str(value));
}

function loadItem(value: unknown, text: TextReader): RuntimeItem {
  if (!Array.isArray(value)) fail();
  const [variant, title, price] = value as PublishedItem;
  return {
    variantId: expandId(ref(variant), "ProductVariant"),
    title: text(title),
    price: int(price, 0),
  };
}

function loadTrigger(value: unknown): RuntimeTrigger {
  const t = (isRecord(value) ? value : fail()) as Record<keyof PublishedTrigger, unknown>;
  const ids = (v: unknown, type: "Product" | "ProductVariant" | "Collection") =>
    v === undefined ? [] : list(v, (x) => expandId(ref(x), type));
  return {
    productIds: ids(t.p, "Product"),
    variantIds: ids(t.v, "ProductVariant"),
    collectionIds: ids(t.c, "Collection"),
    tags: t.g === undefined ? [] : lowerStrings(t.g),
  };
}

const SEGMENT_SET = new Set<string>(SEGMENTS);

function loadOffer(value: unknown, index: number, text: TextReader): RuntimeOffer {
  const o = (isRecord(value) ? value : fail()) as Record<keyof PublishedOffer, unknown>;
  const base = {
    id: str(o.i),
    index,
    active: o.x === undefined,
    priority: o.p === undefined ? 0 : int(o.p, Number.MIN_SAFE_INTEGER),
    startsAt: o.a === undefined ? null : num(o.a),
    endsAt: o.z === undefined ? null : num(o.z),
    segments: optionalList(o.s, (s) => (SEGMENT_SET.has(str(s)) ? (s as Segment) : fail())) ?? null,
    message: o.m === undefined ? null : text(o.m),
    why: o.w === undefined ? null : text(o.w),
  };
  const pct = (v: unknown) => {
    const shown = v === undefined ? 0 : percent(v);
    return { percent: toPercentUnits(shown), percentShown: shown };
  };
  switch (o.k as KindCode) {
    case "u":
      return {
        ...base,
        kind: "upgrade",
        trigger: loadTrigger(o.t),
        to: loadItem(o.it, text),
        ...pct(o.d),
      };
    case "x":
      return {
        ...base,
        kind: "cross-sell",
        trigger: loadTrigger(o.t),
        item: loadItem(o.it, text),
        ...pct(o.d),
      };
    case "b": {
      const items = list(o.bi, (v) => {
        const item = loadItem(v, text);
        return { ...item, quantity: int((v as unknown[])[3], 1) };
      });
      if (items.length < 2) fail();
      return { ...base, kind: "bundle", items, ...pct(o.d) };
    }
    case "v": {
      const tiers = list(o.q, (v) => {
        if (!Array.isArray(v)) fail();
        const shown = percent(v[1]);
        return { minQuantity: int(v[0], 1), percent: toPercentUnits(shown), percentShown: shown };
      });
      if (tiers.length === 0) fail();
      return { ...base, kind: "volume", trigger: loadTrigger(o.t), tiers };
    }
    case "f":
      return {
        ...base,
        kind: "free-shipping",
        threshold: int(o.h, 0),
        countries: optionalList(o.cc, (c) => str(c).toUpperCase()),
      };
    case "g":
      return { ...base, kind: "gift", threshold: int(o.h, 0), item: loadItem(o.it, text) };
    default:
      return fail();
  }
}

function buildIndex(offers: readonly RuntimeOffer[]): TriggerIndex {
  const byProduct = new Map<string, number[]>();
  const byVariant = new Map<string, number[]>();
  const byCollection = new Map<string, number[]>();
  const byTag = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, index: number) => {
    const entry = map.get(key);
    if (!entry) map.set(key, [index]);
    else if (entry[entry.length - 1] !== index) entry.push(index);
  };
  offers.forEach((offer, index) => {
    if (offer.kind === "upgrade" || offer.kind === "cross-sell" || offer.kind === "volume") {
      for (const id of offer.trigger.productIds) add(byProduct, id, index);
      for (const id of offer.trigger.variantIds) add(byVariant, id, index);
      for (const id of offer.trigger.collectionIds) add(byCollection, id, index);
      for (const tag of offer.trigger.tags) add(byTag, tag, index);
    } else if (offer.kind === "bundle") {
      for (const item of offer.items) add(byVariant, item.variantId, index);
    }
  });
  return { byProduct, byVariant, byCollection, byTag };
}

function loadOrThrow(published: unknown): RuntimeConfig {
  const doc = isRecord(published) ? published : fail();
  if (doc.v !== PUBLISHED_VERSION) fail();
  const currency = str(doc.cur);
  const digits = minorDigits(currency);
  const text = textReader(doc.x);
  const offers = list(doc.o, (offer, index) => loadOffer(offer, index, text));
  return {
    currency,
    digits,
    settings: loadSettings(doc.s, digits),
    offers,
    triggers: buildIndex(offers),
  };
}
