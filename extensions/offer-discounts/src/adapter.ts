/**
 * The thin adapter between the function's input and the engine: input → the engine's checkout
 * input → `earnedTotals` → what the targets turn into operations. Every amount comes from the
 * engine, the same computation that rendered the offer.
 *
 * Instructions are the function's scarcest resource (Shopify stops it at 11 M and then applies
 * nothing), so publishing resolved every trigger to variant ids, the input query reads four
 * values per line, and the engine gets only the lines an offer can read (`relevant`: two property
 * reads per line) with the whole cart's subtotal and line count. The engine stands aside when the
 * cart asks it to price more lines than the function can afford, as the checkout extension does.
 */
import {
  earnedTotals,
  loadForFunction,
  formatMoney,
  minorDigits,
  parseCustomerState,
  parseInstant,
  parseMoneyRounded,
  pricedLineCapacity,
  type CheckoutInput,
  type CheckoutLine,
  type EarnedTotals,
  type FunctionConfig,
  type RuntimeConfig,
} from "../../../app/engine";
import { inferNow, joinConfig } from "./contract";
import type { FunctionInput } from "./types";

/** Holdout never changes what a cart earns, so the function needs no visitor key of its own. */
const VISITOR_KEY = "discount-function";

export interface PreparedCart {
  config: RuntimeConfig;
  checkout: CheckoutInput;
}

export interface LoadedConfig {
  /** The runtime config in the cart's currency. */
  config: RuntimeConfig;
  /** The function form, as the metafields hold it. */
  published: FunctionConfig;
  boundaries: number[];
  /** A customer's spend (shop currency, as the state records it) in the cart's currency. */
  spentInCartCurrency: (amount: string) => string;
}

/** The discount's config in the cart's currency, or null when it has no usable one. */
export function loadConfig(input: FunctionInput): LoadedConfig | null {
  const parts = input.discount;
  const joined = joinConfig([
    parts.config?.jsonValue,
    parts.config2?.jsonValue,
    parts.config3?.jsonValue,
    parts.config4?.jsonValue,
  ]);
  if (!joined) return null;
  const loaded = loadForFunction(joined.config);
  if (!loaded) return null;
  const cost = input.cart.cost.subtotalAmount;
  const converted = inCartCurrency(loaded, cost.currencyCode, input.presentmentCurrencyRate);
  if (!converted) return null;
  const { config, convert } = converted;
  const spentInCartCurrency = (amount: string) =>
    formatMoney(convert(parseMoneyRounded(amount, loaded.digits) ?? 0), config.digits);
  return { config, published: joined.config, boundaries: joined.boundaries, spentInCartCurrency };
}

/**
 * The engine's checkout input for this cart: the lines an offer reads (none when there are more
 * than the function can afford to price), the whole cart's subtotal and line count, the customer
 * and the clock.
 */
export function prepareCart(input: FunctionInput, loaded: LoadedConfig): PreparedCart {
  const { config } = loaded;
  // One pass; a line no offer reads costs two property reads and allocates nothing. A custom
  // product (no variant) matches nothing: it only counts towards the subtotal.
  const cartLines = input.cart.lines;
  const capacity = pricedLineCapacity(cartLines.length);
  let lines: CheckoutLine[] = [];
  for (let i = 0; i < cartLines.length; i += 1) {
    const line = cartLines[i];
    if (line === undefined) continue;
    const variantId = line.merchandise.id;
    if (variantId === undefined || !config.relevant(variantId)) continue;
    if (lines.length === capacity) {
      // More lines to price than the function can afford: the engine would stand aside (every
      // offer a line reaches in the function form discounts lines, so every relevant line is
      // one to price). Decide it here, before matching them costs what the limit forbids: no
      // lines, so only what needs none (free shipping on the whole subtotal) is earned.
      lines = [];
      break;
    }
    lines.push({
      // The delivery target does not ask for line ids; the engine needs them only distinct.
      id: "id" in line ? line.id : String(i),
      variantId,
      productId: "",
      quantity: line.quantity,
      unitPrice: line.cost.amountPerQuantity.amount,
      // Rule 14: the engine discounts an upgraded item only on the line its upgrade made.
      attributes: line.ladderOffer?.value ? { _ladder_offer: line.ladderOffer.value } : undefined,
    });
  }

  const customer = input.cart.buyerIdentity?.customer ?? null;
  // As in the checkout extension: a customer without a readable state has no history yet.
  const state = customer ? parseCustomerState(customer.ladderState?.jsonValue) : null;
  const clock = input.shop.localTime;
  const now = inferNow(loaded.boundaries, [clock.t0, clock.t1, clock.t2], parseInstant(clock.date));
  return {
    config,
    checkout: {
      lines,
      subtotal: input.cart.cost.subtotalAmount.amount,
      lineCount: cartLines.length,
      customer: customer && {
        ordersCount: state?.ordersCount ?? 0,
        amountSpent: loaded.spentInCartCurrency(state?.amountSpent ?? "0"),
        tags: state?.tags ?? [],
      },
      countryCode: null,
      visitorKey: VISITOR_KEY,
      now: new Date(now).toISOString(),
    },
  };
}

/** What the engine says the prepared cart earns when shipped to `countryCode`. */
export function earned(cart: PreparedCart, countryCode: string | null): EarnedTotals {
  return earnedTotals(cart.config, { ...cart.checkout, countryCode }, { checkoutLimits: true });
}

/**
 * The config with its amounts in the cart's currency. Thresholds, amounts off, set prices and
 * the premium spend are in the shop's currency; cart amounts (prices, a customer's spend) arrive in the buyer's, with
 * `presentmentCurrencyRate` between them. Percentages need no conversion.
 */
function inCartCurrency(
  config: RuntimeConfig,
  currency: string,
  rateText: string,
): { config: RuntimeConfig; convert: (minor: number) => number } | null {
  if (currency.toUpperCase() === config.currency.toUpperCase()) {
    return { config, convert: (minor) => minor };
  }
  const rate = Number(rateText);
  if (!Number.isFinite(rate) || rate <= 0) return null;
  const digits = minorDigits(currency);
  const scale = rate * 10 ** (digits - config.digits);
  const convert = (minor: number) => Math.round(minor * scale);
  const inCart: RuntimeConfig = {
    ...config,
    currency,
    digits,
    settings: { ...config.settings, premiumMinSpent: convert(config.settings.premiumMinSpent) },
    offerAt: (index) => {
      const offer = config.offerAt(index);
      switch (offer.kind) {
        case "free-shipping":
        case "gift":
          return { ...offer, threshold: convert(offer.threshold) };
        case "upgrade":
        case "cross-sell":
          return offer.amountOff > 0 ? { ...offer, amountOff: convert(offer.amountOff) } : offer;
        case "bundle":
          return offer.bundlePrice === null
            ? offer
            : { ...offer, bundlePrice: convert(offer.bundlePrice) };
        default:
          return offer;
      }
    },
  };
  return { config: inCart, convert };
}
