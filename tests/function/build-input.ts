/**
 * Turns an offer config and an engine checkout input into the function's input, as Shopify would
 * build it from the input queries: the config as the admin publishes it (triggers resolved to
 * variants, split into the metafield parts), each line's variant, quantity and price, and the
 * cart's subtotal. Shared by the property test, the cost measurements and the benchmark.
 */
import {
  compile,
  parseInstant,
  type CheckoutInput,
  type FunctionConfig,
  type OfferConfig,
  type TriggerResolver,
} from "../../app/engine";
import {
  type ConfigPart,
  scheduleBoundaries,
  splitConfig,
  withoutPastSchedule,
} from "../../extensions/offer-discounts/src/contract";
import { cartLinesInput } from "../../app/function/input";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
  DeliveryGroupInput,
} from "../../extensions/offer-discounts/src/types";

export interface BuildOptions {
  /** When the admin published (defaults to `now`): schedule boundaries up to then are folded in. */
  publishedAt?: string;
  currency?: string;
  presentmentCurrencyRate?: string;
  /** The shop's catalog as publishing looked it up; defaults to the cart's own lines. */
  resolve?: TriggerResolver;
}

export interface CatalogVariant {
  variantId: string;
  productId: string;
  collectionIds?: readonly string[];
  tags?: readonly string[];
}

/** What `resolveTriggers` would return for a shop whose catalog is `variants`. */
export function catalogResolver(variants: readonly CatalogVariant[]): TriggerResolver {
  const by = (key: (v: CatalogVariant) => readonly string[]) => {
    const map = new Map<string, string[]>();
    for (const variant of variants) {
      for (const k of key(variant)) {
        const list = map.get(k) ?? [];
        if (!list.includes(variant.variantId)) list.push(variant.variantId);
        map.set(k, list);
      }
    }
    return (k: string) => map.get(k) ?? [];
  };
  const tag = by((v) => (v.tags ?? []).map((t) => t.toLowerCase()));
  return {
    product: by((v) => [v.productId]),
    collection: by((v) => v.collectionIds ?? []),
    tag: (t) => tag(t.toLowerCase()),
  };
}

/**
 * The published config's metafield values, parsed as Shopify hands them to the function, and
 * the schedule boundaries they carry.
 */
export function publishedParts(
  config: OfferConfig,
  publishedAt: number,
  resolve: TriggerResolver,
): { parts: unknown[]; boundaries: number[] } {
  const current = withoutPastSchedule(config, publishedAt, parseInstant);
  const published = compile(current, { activeOnly: true, form: "function", resolve });
  const boundaries = scheduleBoundaries(
    current.offers.filter((offer) => offer.status === "active"),
    parseInstant,
  );
  const parts = splitConfig(published, boundaries);
  if (!parts) throw new Error("config does not fit the function's metafields");
  return { parts: parts.map((part) => JSON.parse(part) as unknown), boundaries };
}

export function functionInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  options: BuildOptions = {},
): CartLinesInput {
  const now = parseInstant(checkout.now);
  const publishedAt = parseInstant(options.publishedAt ?? checkout.now);
  if (now === null || publishedAt === null) throw new Error("unreadable instant");
  const resolve = options.resolve ?? catalogResolver(checkout.lines);
  const { parts, boundaries } = publishedParts(config, publishedAt, resolve);
  const passed = (i: number) => {
    const boundary = boundaries[i];
    return boundary === undefined || now >= boundary;
  };
  return cartLinesInput({
    lines: checkout.lines,
    customer: checkout.customer ?? null,
    currency: options.currency ?? config.currency,
    parts,
    passed: [passed(0), passed(1), passed(2)],
    localDate: new Date(now).toISOString().slice(0, 10),
    presentmentCurrencyRate: options.presentmentCurrencyRate ?? "1.0",
  });
}

export function deliveryInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  groups: DeliveryGroupInput[],
  options: BuildOptions = {},
): CartDeliveryOptionsInput {
  const input = functionInput(config, checkout, options);
  // The delivery query asks for no line ids.
  const lines = input.cart.lines.map(({ id: _id, ...line }) => line);
  return { ...input, cart: { ...input.cart, lines, deliveryGroups: groups } };
}

/**
 * The function form and boundaries the parts hold, as plain data (copied, where the function
 * chains the index chunks): for comparing what publishing wrote with what the engine compiles.
 */
export function mergedParts(values: readonly string[]): { config: FunctionConfig; b: number[] } {
  const [first, ...others] = values;
  if (first === undefined) throw new Error("no parts");
  const head = JSON.parse(first) as FunctionConfig;
  const rest = others.map((value) => JSON.parse(value) as ConfigPart);
  const config: FunctionConfig = { ...head, o: [...head.o], ix: { ...head.ix } };
  for (const part of rest) {
    config.o.push(...part.o);
    if (part.v) config.ix.v = { ...config.ix.v, ...part.v };
    if (part.t) config.ix.t = { ...config.ix.t, ...part.t };
  }
  return { config, b: rest[0]?.b ?? [] };
}
