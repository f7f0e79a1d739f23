/**
 * The thin adapter between the function's input and the engine: input → the engine's checkout
 * input → `evaluate` → the discounts the engine reports. The targets only turn those discounts
 * into operations; every amount comes from the engine, the same code that rendered the offer.
 *
 * Instructions are the function's scarcest resource (QuickJS runs it, and a 200-line cart with a
 * 200-offer config is the budget case), so the engine is given only the part of the problem that
 * can earn something: the offers whose discounted lines or triggers are in this cart, the lines
 * those offers can touch, and the rest of the cart folded into one line that keeps the subtotal.
 * Nothing else can change an amount: an offer that earns nothing takes nothing off any line, and
 * a line no kept offer targets or is triggered by only counts towards thresholds.
 */
import {
  earnedDiscounts as engineDiscounts,
  formatMoney,
  load,
  minorDigits,
  parseInstant,
  type CheckoutInput,
  type CheckoutLine,
  type Discount,
  type PublishedOffer,
  type PublishedRef,
  type RuntimeConfig,
} from "../../../app/engine";
import { compactId } from "../../../app/engine/ids";
import { parseMoneyRounded } from "../../../app/engine/money";
import { inferNow, joinConfig, queriedTerms, scheduleBoundaries } from "./contract";
import type { CartLinesInput } from "./types";

/** Holdout never changes what a cart earns, so the function needs no visitor key of its own. */
const VISITOR_KEY = "discount-function";
/** The line standing for every cart line no kept offer can touch (never a Shopify line id). */
export const REST_OF_CART = "ladder:rest-of-cart";

export type Target = "lines" | "delivery";

export interface PreparedCart {
  config: RuntimeConfig;
  checkout: CheckoutInput;
}

interface IndexedLine {
  id: string;
  variantId: string;
  productId: string;
  variant: PublishedRef;
  product: PublishedRef;
  quantity: number;
  amount: string;
  collections: string[];
  collectionRefs: PublishedRef[];
  tags: string[];
}

/** What the kept offers look at: the variants they discount and what their triggers name. */
interface Interest {
  variants: Set<PublishedRef>;
  triggerProducts: Set<PublishedRef>;
  triggerVariants: Set<PublishedRef>;
  triggerCollections: Set<PublishedRef>;
  triggerTags: Set<string>;
}

/**
 * The runtime config (in the cart's currency) and the engine's checkout input for this cart and
 * target, or null when nothing can be earned, the discount has no usable config, or the input
 * does not line up with it.
 */
export function prepareCart(input: CartLinesInput, target: Target): PreparedCart | null {
  const published = joinConfig(input.discount.config?.jsonValue, input.discount.config2?.jsonValue);
  if (!published) return null;
  const terms = queriedTerms(published);
  const termRefs = terms.collectionIds.map((id) => compactId(id, "Collection"));

  const lines: IndexedLine[] = [];
  const inCart: Interest = emptyInterest();
  for (const line of input.cart.lines) {
    const product = line.merchandise.product;
    const indexed: IndexedLine = {
      id: line.id,
      variantId: line.merchandise.id ?? "",
      productId: product?.id ?? "",
      variant: "",
      product: "",
      quantity: line.quantity,
      amount: line.cost.amountPerQuantity.amount,
      collections: [],
      collectionRefs: [],
      tags: [],
    };
    if (product) {
      // The flags answer function_input's lists; a different length means the two metafields
      // disagree, and a wrong answer is worse than none.
      if (
        product.inCollections.length !== terms.collectionIds.length ||
        product.hasTags.length !== terms.tags.length
      ) {
        return null;
      }
      indexed.variant = compactId(indexed.variantId, "ProductVariant");
      indexed.product = compactId(indexed.productId, "Product");
      for (let i = 0; i < terms.collectionIds.length; i += 1) {
        const id = terms.collectionIds[i];
        const ref = termRefs[i];
        if (product.inCollections[i]?.isMember && id !== undefined && ref !== undefined) {
          indexed.collections.push(id);
          indexed.collectionRefs.push(ref);
          inCart.triggerCollections.add(ref);
        }
      }
      for (let i = 0; i < terms.tags.length; i += 1) {
        const tag = terms.tags[i];
        if (product.hasTags[i]?.hasTag && tag !== undefined) {
          indexed.tags.push(tag);
          inCart.triggerTags.add(tag);
        }
      }
      inCart.variants.add(indexed.variant);
      inCart.triggerProducts.add(indexed.product);
    }
    lines.push(indexed);
  }

  const kept: PublishedOffer[] = [];
  const wanted = emptyInterest();
  for (const offer of published.o) {
    if (canEarn(offer, target, inCart)) {
      kept.push(offer);
      note(offer, wanted);
    }
  }
  if (kept.length === 0) return null;

  const loaded = load({ ...published, o: kept });
  if (!loaded) return null;
  const currency = input.cart.cost.subtotalAmount.currencyCode;
  const config = inCartCurrency(loaded, currency, input.presentmentCurrencyRate);
  if (!config) return null;

  const checkoutLines: CheckoutLine[] = [];
  let rest = 0;
  for (const line of lines) {
    if (touches(line, wanted)) {
      checkoutLines.push({
        id: line.id,
        variantId: line.variantId,
        productId: line.productId,
        quantity: line.quantity,
        unitPrice: line.amount,
        collectionIds: line.collections,
        tags: line.tags,
      });
    } else {
      const unit = parseMoneyRounded(line.amount, config.digits);
      if (unit === null) return null;
      rest += unit * line.quantity;
    }
  }
  if (rest > 0) {
    checkoutLines.push({
      id: REST_OF_CART,
      variantId: "",
      productId: "",
      quantity: 1,
      unitPrice: formatMoney(rest, config.digits),
    });
  }

  const customer = input.cart.buyerIdentity?.customer ?? null;
  const clock = input.shop.localTime;
  const now = inferNow(
    scheduleBoundaries(published),
    [clock.t0, clock.t1, clock.t2],
    parseInstant(clock.date),
  );
  return {
    config,
    checkout: {
      lines: checkoutLines,
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
 * The discounts the engine reports for the prepared cart shipped to `countryCode`: its
 * `earnedDiscounts`, equal to what `evaluate` promised, without ranking offers or writing texts.
 */
export function earnedDiscounts(cart: PreparedCart, countryCode: string | null): Discount[] {
  return engineDiscounts(cart.config, { ...cart.checkout, countryCode });
}

function emptyInterest(): Interest {
  return {
    variants: new Set(),
    triggerProducts: new Set(),
    triggerVariants: new Set(),
    triggerCollections: new Set(),
    triggerTags: new Set(),
  };
}

/** Whether any of a trigger's products, variants, collections or tags is in the cart. */
function triggerInCart(offer: PublishedOffer, cart: Interest): boolean {
  const t = offer.t;
  if (!t) return false;
  return (
    (t.p ?? []).some((ref) => cart.triggerProducts.has(ref)) ||
    (t.v ?? []).some((ref) => cart.variants.has(ref)) ||
    (t.c ?? []).some((ref) => cart.triggerCollections.has(ref)) ||
    (t.g ?? []).some((tag) => cart.triggerTags.has(tag))
  );
}

/**
 * Whether the offer can earn anything on this cart, judged generously from the published form
 * (the engine decides the rest): an upgrade or cross-sell needs a discount and its item in the
 * cart, a bundle all its items, a volume offer its trigger, a gift its item; free shipping only
 * matters to the delivery target.
 */
function canEarn(offer: PublishedOffer, target: Target, cart: Interest): boolean {
  switch (offer.k) {
    case "u":
    case "x":
      return !!offer.d && offer.it !== undefined && cart.variants.has(offer.it[0]);
    case "b":
      return (offer.bi ?? []).every((item) => cart.variants.has(item[0]));
    case "v":
      return triggerInCart(offer, cart);
    case "g":
      return offer.it !== undefined && cart.variants.has(offer.it[0]);
    case "f":
      return target === "delivery";
    default:
      // Unknown kinds go to the engine, whose `load` refuses the config.
      return true;
  }
}

function note(offer: PublishedOffer, wanted: Interest): void {
  if (offer.it) wanted.variants.add(offer.it[0]);
  for (const item of offer.bi ?? []) wanted.variants.add(item[0]);
  if ((offer.k === "x" || offer.k === "v") && offer.t) {
    for (const ref of offer.t.p ?? []) wanted.triggerProducts.add(ref);
    for (const ref of offer.t.v ?? []) wanted.triggerVariants.add(ref);
    for (const ref of offer.t.c ?? []) wanted.triggerCollections.add(ref);
    for (const tag of offer.t.g ?? []) wanted.triggerTags.add(tag);
  }
}

function touches(line: IndexedLine, wanted: Interest): boolean {
  if (line.variant === "") return false;
  return (
    wanted.variants.has(line.variant) ||
    wanted.triggerVariants.has(line.variant) ||
    wanted.triggerProducts.has(line.product) ||
    line.collectionRefs.some((ref) => wanted.triggerCollections.has(ref)) ||
    line.tags.some((tag) => wanted.triggerTags.has(tag))
  );
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
