import { DEFAULT_SETTINGS } from "./defaults";
import { compactId } from "./ids";
import { minorDigits } from "./currency";
import { parseMoney } from "./money";
import { parseInstant } from "./instant";
import { packForFunction } from "./pack";
import {
  PUBLISHED_VERSION,
  type FunctionConfig,
  type KindCode,
  type Offer,
  type OfferConfig,
  type OfferedItem,
  type OfferKind,
  type PublishedConfig,
  type PublishedItem,
  type PublishedOffer,
  type PublishedSettings,
  type PublishedText,
  type PublishedTrigger,
  type PublishedVariant,
  type Trigger,
} from "./types";

export const KIND_CODES: Record<OfferKind, KindCode> = {
  upgrade: "u",
  "cross-sell": "x",
  bundle: "b",
  volume: "v",
  "free-shipping": "f",
  gift: "g",
};

/**
 * The variant ids behind a product, collection or tag, as the Admin API knows them at publish
 * time; undefined when unknown, and the trigger is then kept as it is.
 */
export interface TriggerResolver {
  product?(productId: string): readonly string[] | undefined;
  collection?(collectionId: string): readonly string[] | undefined;
  tag?(tag: string): readonly string[] | undefined;
}

export interface CompileOptions {
  /** Publishing keeps only active offers; previews and the CLI keep drafts to report them. */
  activeOnly?: boolean;
  /**
   * "checkout" (default): the shop metafield the checkout extension reads, compact in bytes.
   * "function": the discount function's metafield: no buyer-facing texts, and a precomputed index
   * keyed by full ids, because the function pays for every input value and every instruction.
   */
  form?: "checkout" | "function";
  /**
   * Turns triggers into variant ids where checkout cannot see what they name: collections and
   * tags always, products too in the function form (its input query reads only variant ids).
   */
  resolve?: TriggerResolver;
  /**
   * Image URLs by full variant id, as Shopify has them at publish time: the checkout form carries
   * those of its offered items so offer cards can show them.
   */
  images?: ReadonlyMap<string, string>;
}

type Money = (value: string, path: string) => number;

/**
 * Validated config v1 → a published form: the checkout form (default) or, with
 * `form: "function"`, the discount function's (see `FunctionConfig`). The config must have passed
 * validation (app/config); money that does not parse here is a programming error, so it throws.
 */
export function compile(
  config: OfferConfig,
  options: CompileOptions & { form: "function" },
): FunctionConfig;
export function compile(
  config: OfferConfig,
  options?: CompileOptions & { form?: "checkout" },
): PublishedConfig;
export function compile(
  config: OfferConfig,
  options: CompileOptions = {},
): PublishedConfig | FunctionConfig {
  const digits = minorDigits(config.currency);
  const forFunction = options.form === "function";
  const money: Money = (value, path) => {
    const minor = parseMoney(value, digits);
    if (minor === null) throw new Error(`${path}: not a valid amount in ${config.currency}`);
    return minor;
  };
  // The function form keeps only offers that can earn a discount: no drafts, and no upgrade or
  // add-on without a discount (they only ever show).
  const kept = config.offers.filter((offer) =>
    forFunction
      ? offer.status === "active" && canDiscount(offer)
      : offer.status === "active" || !options.activeOnly,
  );
  const triggers = kept.map((offer) =>
    "trigger" in offer ? resolveTrigger(offer.trigger, options.resolve) : null,
  );
  const settings = compileSettings(config, money);
  if (forFunction) return packForFunction(config, kept, triggers, settings);

  const texts = sharedTexts(kept);
  const images = new Map<string, string>();
  const item = (it: OfferedItem, path: string): PublishedItem => {
    const image = options.images?.get(it.variantId);
    if (image) images.set(it.variantId, image);
    return [
      compactId(it.variantId, "ProductVariant"),
      texts.ref(it.title),
      money(it.price, `${path}.price`),
    ];
  };
  const offers = kept.map((offer, position) => {
    const path = `offers[${config.offers.indexOf(offer)}]`;
    const compiled = compileOffer(offer, path, money, item, texts.ref);
    const trigger = triggers[position];
    if (trigger) compiled.t = compileTrigger(trigger);
    return compiled;
  });
  const published: PublishedConfig = { v: PUBLISHED_VERSION, cur: config.currency, o: offers };
  if (Object.keys(settings).length > 0) published.s = settings;
  if (texts.table.length > 0) published.x = texts.table;
  if (images.size > 0) {
    published.im = [...images].map(([id, url]) => [compactId(id, "ProductVariant"), url]);
  }
  return published;
}

function canDiscount(offer: Offer): boolean {
  return (
    (offer.kind !== "upgrade" && offer.kind !== "cross-sell") ||
    Boolean(offer.discountPercent) ||
    offer.discountAmount !== undefined
  );
}

/**
 * A trigger with what the resolver knows replaced by variant ids (lists deduplicated). Both forms
 * resolve products too: checkout and the discount function then match the same variants, even
 * when a product gained one after publishing.
 */
function resolveTrigger(trigger: Trigger, resolve: TriggerResolver | undefined): Trigger {
  const variants = new Set(trigger.variantIds ?? []);
  const keep = <T extends string>(
    list: readonly T[] | undefined,
    lookup?: (key: T) => readonly string[] | undefined,
  ) => {
    const left: T[] = [];
    for (const key of list ?? []) {
      const found = lookup?.(key);
      if (found) for (const variant of found) variants.add(variant);
      else left.push(key);
    }
    return left;
  };
  const productIds = keep(trigger.productIds, resolve?.product?.bind(resolve));
  const collectionIds = keep(trigger.collectionIds, resolve?.collection?.bind(resolve));
  const tags = keep(trigger.tags, resolve?.tag?.bind(resolve));
  return { productIds, variantIds: [...variants], collectionIds, tags };
}

/** Texts several offers share (a message template, a gift's title) go into one table. */
function sharedTexts(offers: readonly Offer[]): {
  table: string[];
  ref: (text: string) => PublishedText;
} {
  const counts = new Map<string, number>();
  const count = (text: string | undefined) => {
    if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
  };
  for (const offer of offers) {
    count(offer.message);
    count(offer.why);
    if (offer.kind === "upgrade") count(offer.to.title);
    if (offer.kind === "cross-sell" || offer.kind === "gift") count(offer.item.title);
    if (offer.kind === "bundle") offer.items.forEach((it) => count(it.title));
    for (const v of offer.variants ?? []) {
      count(v.message);
      count(v.why);
      if (v.item) count(v.item.title);
    }
  }
  const table: string[] = [];
  const index = new Map<string, number>();
  const ref = (text: string): PublishedText => {
    // Short texts cost less inline than as a reference.
    if ((counts.get(text) ?? 0) < 2 || text.length <= 3) return text;
    let at = index.get(text);
    if (at === undefined) {
      at = table.push(text) - 1;
      index.set(text, at);
    }
    return at;
  };
  return { table, ref };
}

function compileSettings(config: OfferConfig, money: Money): PublishedSettings {
  const s = config.settings ?? {};
  const out: PublishedSettings = {};
  const differs = (a: readonly string[], b: readonly string[]) =>
    a.length !== b.length || a.some((v, i) => v.toLowerCase() !== b[i]);
  if (s.maxOffers !== undefined && s.maxOffers !== DEFAULT_SETTINGS.maxOffers) out.mo = s.maxOffers;
  if (s.maxPriceRatio !== undefined && s.maxPriceRatio !== DEFAULT_SETTINGS.maxPriceRatio) {
    out.pr = s.maxPriceRatio;
  }
  if (s.cooldownDays !== undefined && s.cooldownDays !== DEFAULT_SETTINGS.cooldownDays) {
    out.cd = s.cooldownDays;
  }
  if (s.holdoutPercent !== undefined && s.holdoutPercent !== DEFAULT_SETTINGS.holdoutPercent) {
    out.hp = s.holdoutPercent;
  }
  if (s.suppressTags && differs(s.suppressTags, DEFAULT_SETTINGS.suppressTags)) {
    out.st = s.suppressTags.map((t) => t.toLowerCase());
  }
  if (s.budgetTags && differs(s.budgetTags, DEFAULT_SETTINGS.budgetTags)) {
    out.bt = s.budgetTags.map((t) => t.toLowerCase());
  }
  const seg = s.segments ?? {};
  if (
    seg.frequentMinOrders !== undefined &&
    seg.frequentMinOrders !== DEFAULT_SETTINGS.frequentMinOrders
  ) {
    out.fo = seg.frequentMinOrders;
  }
  if (seg.premiumTags && differs(seg.premiumTags, DEFAULT_SETTINGS.premiumTags)) {
    out.pt = seg.premiumTags.map((t) => t.toLowerCase());
  }
  if (seg.premiumMinSpent !== undefined) {
    const minor = money(seg.premiumMinSpent, "settings.segments.premiumMinSpent");
    const fallback = DEFAULT_SETTINGS.premiumMinSpentMajor * 10 ** minorDigits(config.currency);
    if (minor !== fallback) out.ps = minor;
  }
  return out;
}

function compileTrigger(trigger: Trigger): PublishedTrigger {
  const out: PublishedTrigger = {};
  if (trigger.productIds?.length) out.p = trigger.productIds.map((id) => compactId(id, "Product"));
  if (trigger.variantIds?.length) {
    out.v = trigger.variantIds.map((id) => compactId(id, "ProductVariant"));
  }
  if (trigger.collectionIds?.length) {
    out.c = trigger.collectionIds.map((id) => compactId(id, "Collection"));
  }
  if (trigger.tags?.length) out.g = trigger.tags.map((tag) => tag.toLowerCase());
  return out;
}

function compileOffer(
  offer: Offer,
  path: string,
  money: Money,
  item: (it: OfferedItem, path: string) => PublishedItem,
  text: (value: string) => PublishedText,
): PublishedOffer {
  const out: PublishedOffer = { i: offer.id, k: KIND_CODES[offer.kind] };
  if (offer.status !== "active") out.x = 1;
  if (offer.priority) out.p = offer.priority;
  if (offer.startsAt !== undefined) out.a = instant(offer.startsAt, `${path}.startsAt`);
  if (offer.endsAt !== undefined) out.z = instant(offer.endsAt, `${path}.endsAt`);
  if (offer.segments?.length) out.s = [...offer.segments];
  if (offer.message) out.m = text(offer.message);
  if (offer.why) out.w = text(offer.why);
  if (offer.variants?.length) {
    out.vr = offer.variants.map((v, i): PublishedVariant => {
      const copy: PublishedVariant = { i: v.id };
      if (v.weight !== undefined && v.weight !== 1) copy.n = v.weight;
      if (v.message) copy.m = text(v.message);
      if (v.why) copy.w = text(v.why);
      if (v.item) copy.it = item(v.item, `${path}.variants[${i}].item`);
      return copy;
    });
  }
  switch (offer.kind) {
    case "upgrade":
      out.it = item(offer.to, `${path}.to`);
      if (offer.discountPercent) out.d = offer.discountPercent;
      if (offer.discountAmount !== undefined) {
        out.da = money(offer.discountAmount, `${path}.discountAmount`);
      }
      break;
    case "cross-sell":
      out.it = item(offer.item, `${path}.item`);
      if (offer.discountPercent) out.d = offer.discountPercent;
      if (offer.discountAmount !== undefined) {
        out.da = money(offer.discountAmount, `${path}.discountAmount`);
      }
      break;
    case "bundle":
      out.bi = offer.items.map((it, i) => [...item(it, `${path}.items[${i}]`), it.quantity ?? 1]);
      if (offer.bundlePrice !== undefined) out.bp = money(offer.bundlePrice, `${path}.bundlePrice`);
      else out.d = offer.discountPercent;
      break;
    case "volume":
      out.q = offer.tiers.map((tier) => [tier.minQuantity, tier.discountPercent]);
      break;
    case "free-shipping":
      out.h = money(offer.threshold, `${path}.threshold`);
      if (offer.countries?.length) out.cc = offer.countries.map((c) => c.toUpperCase());
      break;
    case "gift":
      out.h = money(offer.threshold, `${path}.threshold`);
      out.it = item(offer.item, `${path}.item`);
      break;
  }
  return out;
}

function instant(value: string, path: string): number {
  const ms = parseInstant(value);
  if (ms === null) throw new Error(`${path}: not an ISO 8601 date`);
  return ms;
}
