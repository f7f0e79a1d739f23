/**
 * The thin adapter between the function's input and the engine: input → the engine's checkout
 * input → `evaluate` → the discounts the engine reports. The targets only turn those discounts
 * into operations; every amount comes from the engine, the same code that rendered the offer.
 */
import {
  evaluate,
  load,
  minorDigits,
  parseInstant,
  type CheckoutInput,
  type CheckoutLine,
  type Discount,
  type RuntimeConfig,
} from "../../../app/engine";
import { inferNow, joinConfig, queriedTerms, scheduleBoundaries } from "./contract";
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
  const loaded = load(
    joinConfig(input.discount.config?.jsonValue, input.discount.config2?.jsonValue),
  );
  if (!loaded) return null;
  const config = inCartCurrency(
    loaded,
    input.cart.cost.subtotalAmount.currencyCode,
    input.presentmentCurrencyRate,
  );
  if (!config) return null;

  const terms = queriedTerms(config);
  const lines: CheckoutLine[] = [];
  for (const line of input.cart.lines) {
    const product = line.merchandise.product;
    const collectionIds: string[] = [];
    const tags: string[] = [];
    if (product) {
      // The flags answer function_input's lists; a different length means the two metafields
      // disagree, and a wrong answer is worse than none.
      if (
        product.inCollections.length !== terms.collectionIds.length ||
        product.hasTags.length !== terms.tags.length
      ) {
        return null;
      }
      product.inCollections.forEach((membership, i) => {
        const id = terms.collectionIds[i];
        if (membership.isMember && id !== undefined) collectionIds.push(id);
      });
      product.hasTags.forEach((answer, i) => {
        const tag = terms.tags[i];
        if (answer.hasTag && tag !== undefined) tags.push(tag);
      });
    }
    lines.push({
      id: line.id,
      // A custom product matches no trigger but still counts towards thresholds.
      variantId: line.merchandise.id ?? "",
      productId: product?.id ?? "",
      quantity: line.quantity,
      unitPrice: line.cost.amountPerQuantity.amount,
      collectionIds,
      tags,
    });
  }

  const customer = input.cart.buyerIdentity?.customer ?? null;
  const clock = input.shop.localTime;
  const now = inferNow(
    scheduleBoundaries(config),
    [clock.t0, clock.t1, clock.t2],
    parseInstant(clock.date),
  );
  return {
    config,
    checkout: {
      lines,
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

/** The discounts the engine reports for the prepared cart shipped to `countryCode`. */
export function earnedDiscounts(cart: PreparedCart, countryCode: string | null): Discount[] {
  return evaluate(cart.config, { ...cart.checkout, countryCode }).discounts;
}

/**
 * The config with its thresholds in the cart's currency. Thresholds and the premium spend are
 * in the shop's currency; cart amounts (prices, a customer's spend) arrive in the buyer's, with
 * `presentmentCurrencyRate` between them. Percentages need no conversion, and the item prices
 * left unconverted only decide which offers are shown, never an amount.
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
    settings: {
      ...config.settings,
      premiumMinSpent: convert(config.settings.premiumMinSpent),
    },
    offers: config.offers.map((offer) =>
      offer.kind === "free-shipping" || offer.kind === "gift"
        ? { ...offer, threshold: convert(offer.threshold) }
        : offer,
    ),
  };
}
