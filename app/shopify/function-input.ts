/**
 * The discount function's input for a config and a checkout (DESIGN §3.4, `ladder
 * function-input`): what Shopify hands the function once the config is published. The discount
 * carries exactly what publishing writes (`functionMetafields`: the config's parts and the input
 * variables, triggers resolved from the catalog), the cart is shaped by the target's input
 * query (the builder the demo storefront uses too), and `shop.localTime.dateTimeAfter` answers
 * the variables for the checkout's `now`.
 * Pure: the command line, the tests and the benchmarks build inputs with it.
 */
import {
  parseInstant,
  type CheckoutInput,
  type OfferConfig,
  type TriggerResolver,
} from "../engine";
import { cartLinesInput, deliveryOptionsInput, type FunctionCart } from "../function/input";
import {
  CONFIG_KEYS,
  INPUT_KEY,
  type SLOT_NAMES,
} from "../../extensions/offer-discounts/src/contract";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
  DeliveryGroupInput,
  DiscountClass,
} from "../../extensions/offer-discounts/src/types";
import { functionMetafields, shopLocalTime } from "./function-metafields";

export type FunctionTarget = "lines" | "delivery";

export interface FunctionInputOptions {
  /** When the admin published (defaults to the checkout's `now`). */
  publishedAt?: string;
  /** The shop's time zone (the clock the input variables are read on); UTC by default. */
  timeZone?: string;
  /** The cart's (presentment) currency, when it is not the config's. */
  currency?: string;
  presentmentCurrencyRate?: string;
  /** The shop's catalog as publishing looked it up; defaults to the checkout's own lines. */
  resolve?: TriggerResolver;
  /** The discount's classes (defaults to what publishing sets). */
  discountClasses?: DiscountClass[];
  /** Delivery groups (delivery target); defaults to one group shipping to the checkout's country. */
  deliveryGroups?: DeliveryGroup[];
}

/** A delivery group by its country code as text (ISO 3166-1 alpha-2, as checkouts carry it). */
export interface DeliveryGroup {
  id: string;
  deliveryAddress: { countryCode: string | null } | null;
}

export interface CatalogVariant {
  variantId: string;
  productId: string;
  collectionIds?: readonly string[];
  tags?: readonly string[];
}

/** What the Admin API lookups of publishing return for a shop whose catalog is `variants`. */
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

/** The shop's wall clock at `instant`, to the second (as `localTime` reads it). */
function shopLocal(timeZone: string): (instant: number) => string {
  const format = shopLocalTime(timeZone);
  return (instant) => format(Math.floor(instant / 1000) * 1000);
}

/** `dateTimeAfter`: whether the shop's wall clock at `now` is past a variable's date-time. */
function clockAfter(now: number, local: (instant: number) => string) {
  const reading = local(now);
  // Both sides are "YYYY-MM-DDTHH:MM:SS" on the same clock: they compare as text. Publishing
  // rounds a boundary up to the second, so an instant at the boundary reads as past it.
  return (variable: string) => reading >= variable;
}

/**
 * The cart as the shared builder (`cartLinesInput`) takes it: the metafield values publishing
 * writes at `publishedAt`, the lines as the input query reads them, and the shop's clock at the
 * checkout's `now`.
 */
function functionCart(
  config: OfferConfig,
  checkout: CheckoutInput,
  options: FunctionInputOptions,
): FunctionCart {
  const now = parseInstant(checkout.now);
  const publishedAt = parseInstant(options.publishedAt ?? checkout.now);
  if (now === null || publishedAt === null) throw new Error("unreadable instant");
  const timeZone = options.timeZone ?? "UTC";
  const resolve = options.resolve ?? catalogResolver(checkout.lines);
  const metafields = functionMetafields(config, new Date(publishedAt), timeZone, resolve);
  const valueOf = (key: string): unknown => {
    const value = metafields.find((m) => m.key === key)?.value;
    return value === undefined ? null : (JSON.parse(value) as unknown);
  };
  const variables = valueOf(INPUT_KEY) as Record<string, string>;
  const local = shopLocal(timeZone);
  const after = clockAfter(now, local);
  const slot = (name: (typeof SLOT_NAMES)[number]) => after(variables[name] ?? "");
  return {
    lines: checkout.lines.map((line) => ({
      id: line.id,
      variantId: line.variantId,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      ladderOffer: line.attributes?._ladder_offer,
    })),
    customer: checkout.customer ?? null,
    currency: options.currency ?? config.currency,
    parts: CONFIG_KEYS.map(valueOf),
    passed: [slot("t0"), slot("t1"), slot("t2")],
    localDate: local(now).slice(0, 10),
    presentmentCurrencyRate: options.presentmentCurrencyRate,
    discountClasses: options.discountClasses,
  };
}

/** The lines target's input. */
export function linesInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  options: FunctionInputOptions = {},
): CartLinesInput {
  return cartLinesInput(functionCart(config, checkout, options));
}

/** The delivery target's input: no line ids, and the cart's delivery groups. */
export function deliveryInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  options: FunctionInputOptions = {},
): CartDeliveryOptionsInput {
  const groups = options.deliveryGroups ?? [
    {
      id: "gid://shopify/CartDeliveryGroup/1",
      deliveryAddress: { countryCode: checkout.countryCode?.toUpperCase() ?? null },
    },
  ];
  // Country codes as checkouts carry them: ISO 3166-1 alpha-2, the enum's values.
  return deliveryOptionsInput(
    functionCart(config, checkout, options),
    groups as DeliveryGroupInput[],
  );
}

export function functionInput(
  target: FunctionTarget,
  config: OfferConfig,
  checkout: CheckoutInput,
  options: FunctionInputOptions = {},
): CartLinesInput | CartDeliveryOptionsInput {
  return target === "lines"
    ? linesInput(config, checkout, options)
    : deliveryInput(config, checkout, options);
}
