/**
 * The thin adapter between the function's input and the engine: input → the engine's checkout
 * input → `earnedTotals` → what the targets turn into operations. Every amount comes from the
 * engine, the same computation that rendered the offer.
 *
 * Instructions are the function's scarcest resource (a 200-line cart with a 200-offer config is
 * the budget case), so the config is the engine's function form (packed offers, decoded only when
 * a cart touches them, and a precomputed index), and the engine gets only the lines an offer can
 * read plus the whole cart's subtotal, which is all the other lines can change (thresholds).
 */
import {
  earnedTotals,
  formatMoney,
  loadForFunction,
  minorDigits,
  parseInstant,
  touches,
  type CheckoutInput,
  type CheckoutLine,
  type EarnedTotals,
  type RuntimeConfig,
} from "../../../app/engine";
import { parseMoneyRounded } from "../../../app/engine/money";
import { inferNow, joinConfig, queriedTerms } from "./contract";
import type { CartLinesInput } from "./types";

/** Holdout never changes what a cart earns, so the function needs no visitor key of its own. */
const VISITOR_KEY = "discount-function";

export interface PreparedCart {
  config: RuntimeConfig;
  checkout: CheckoutInput;
}

/**
 * The runtime config (in the cart's currency) and the engine's checkout input for this cart, or
 * null when the discount has no usable config or the input does not line up with it.
 */
export function prepareCart(input: CartLinesInput): PreparedCart | null {
  const joined = joinConfig(input.discount.config?.jsonValue, input.discount.config2?.jsonValue);
  if (!joined) return null;
  const loaded = loadForFunction(joined.config);
  if (!loaded) return null;
  const config = inCartCurrency(
    loaded,
    input.cart.cost.subtotalAmount.currencyCode,
    input.presentmentCurrencyRate,
  );
  if (!config) return null;
  const terms = queriedTerms(joined.config);

  const lines: CheckoutLine[] = [];
  const noFlags = terms.collectionIds.length === 0 && terms.tags.length === 0;
  // One object reused for every line's question to the engine: no allocation per line.
  const probe = {
    variantId: "",
    productId: "",
    collectionIds: [] as string[],
    tags: [] as string[],
  };
  let subtotal = 0;
  for (const line of input.cart.lines) {
    const amount = line.cost.amountPerQuantity.amount;
    const unit = minorUnits(amount, config.digits);
    if (unit === null) return null;
    subtotal += unit * line.quantity;
    const variantId = line.merchandise.id;
    const product = line.merchandise.product;
    // A custom product matches nothing: it only counts towards the subtotal.
    if (variantId === undefined || !product) continue;
    probe.variantId = variantId;
    probe.productId = product.id;
    if (noFlags) {
      if (!touches(config, probe)) continue;
      lines.push({
        id: line.id,
        variantId,
        productId: product.id,
        quantity: line.quantity,
        unitPrice: amount,
      });
      continue;
    }
    // The flags answer function_input's lists; a different length means the two metafields
    // disagree, and a wrong answer is worse than none.
    if (
      product.inCollections.length !== terms.collectionIds.length ||
      product.hasTags.length !== terms.tags.length
    ) {
      return null;
    }
    const collectionIds: string[] = [];
    const tags: string[] = [];
    for (let i = 0; i < terms.collectionIds.length; i += 1) {
      const id = terms.collectionIds[i];
      if (product.inCollections[i]?.isMember && id !== undefined) collectionIds.push(id);
    }
    for (let i = 0; i < terms.tags.length; i += 1) {
      const tag = terms.tags[i];
      if (product.hasTags[i]?.hasTag && tag !== undefined) tags.push(tag);
    }
    probe.collectionIds = collectionIds;
    probe.tags = tags;
    if (!touches(config, probe)) continue;
    lines.push({
      id: line.id,
      variantId,
      productId: product.id,
      collectionIds,
      tags,
      quantity: line.quantity,
      unitPrice: amount,
    });
  }

  const customer = input.cart.buyerIdentity?.customer ?? null;
  const clock = input.shop.localTime;
  const now = inferNow(joined.boundaries, [clock.t0, clock.t1, clock.t2], parseInstant(clock.date));
  return {
    config,
    checkout: {
      lines,
      subtotal: formatMoney(subtotal, config.digits),
      customer: customer && {
        ordersCount: customer.numberOfOrders,
        amountSpent: customer.amountSpent.amount,
        // Only premium tags are asked about: segments are all that tags decide for discounts.
        tags: customer.hasAnyTag ? terms.premiumTags.slice(0, 1) : [],
      },
      countryCode: null,
      visitorKey: VISITOR_KEY,
      now: new Date(now).toISOString(),
    },
  };
}

/**
 * A cart amount in minor units. Shopify's amounts carry at most the currency's digits ("35.0"),
 * which a float reads exactly once scaled and rounded; anything longer goes through the engine's
 * exact half-up reading.
 */
function minorUnits(amount: string, digits: number): number | null {
  const dot = amount.indexOf(".");
  if (dot < 0 || amount.length - dot - 1 <= digits) {
    const value = Number(amount);
    if (Number.isFinite(value) && value >= 0 && amount.trim() !== "") {
      return Math.round(value * 10 ** digits);
    }
  }
  return parseMoneyRounded(amount, digits);
}

/** What the engine says the prepared cart earns when shipped to `countryCode`. */
export function earned(cart: PreparedCart, countryCode: string | null): EarnedTotals {
  return earnedTotals(cart.config, { ...cart.checkout, countryCode });
}

/**
 * The config with its thresholds in the cart's currency. Thresholds and the premium spend are
 * in the shop's currency; cart amounts (prices, a customer's spend) arrive in the buyer's, with
 * `presentmentCurrencyRate` between them. Percentages need no conversion.
 */
function inCartCurrency(
  config: RuntimeConfig,
  currency: string,
  rateText: string,
): RuntimeConfig | null {
  if (currency.toUpperCase() === config.currency.toUpperCase()) return config;
  const rate = Number(rateText);
  if (!Number.isFinite(rate) || rate <= 0) return null;
  const digits = minorDigits(currency);
  const scale = rate * 10 ** (digits - config.digits);
  const convert = (minor: number) => Math.round(minor * scale);
  return {
    ...config,
    currency,
    digits,
    settings: { ...config.settings, premiumMinSpent: convert(config.settings.premiumMinSpent) },
    offerAt: (index) => {
      const offer = config.offerAt(index);
      return offer.kind === "free-shipping" || offer.kind === "gift"
        ? { ...offer, threshold: convert(offer.threshold) }
        : offer;
    },
  };
}
