import {
  evaluateShown,
  formatMoney,
  type CheckoutCustomer,
  type CheckoutInput,
  type CheckoutLine,
  type Evaluation,
  type Group,
  type MoneyFormatter,
  type RuntimeConfig,
} from "../../../app/engine";
import type { AjaxCart, AjaxCartItem, ShopperFacts, ViewedProduct } from "./types";

/** Line property and cart attributes of the attribution contract (DESIGN §3.5). */
export const OFFER_PROPERTY = "_ladder_offer";
export const GROUP_ATTRIBUTE = "_ladder_group";
export const SHOWN_ATTRIBUTE = "_ladder_shown";
/** Line id of the product being viewed when the cart does not hold it yet. */
export const VIEWED_LINE = "ladder-viewed";

export const variantGid = (id: number | string) => `gid://shopify/ProductVariant/${id}`;
export const productGid = (id: number | string) => `gid://shopify/Product/${id}`;
export const customerGid = (id: number | string) => `gid://shopify/Customer/${id}`;
/** The Cart API's numeric id from a GID (or an id that already is one). */
export const legacyId = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

/**
 * Liquid and the Cart API give every currency's amounts in hundredths (¥1000 is 100000); the
 * engine counts in the currency's own minor unit.
 */
export function fromHundredths(amount: number, digits: number): number {
  return Math.round((amount * 10 ** digits) / 100);
}

function toLine(item: AjaxCartItem, digits: number): CheckoutLine {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(item.properties ?? {})) {
    if (typeof value === "string") attributes[key] = value;
  }
  return {
    id: item.key,
    variantId: variantGid(item.variant_id),
    productId: productGid(item.product_id),
    title: item.title ?? item.product_title ?? "",
    quantity: item.quantity,
    unitPrice: formatMoney(fromHundredths(item.original_price, digits), digits),
    attributes,
    // Like checkout: publishing resolves collection and tag triggers into variants, so a line
    // carries neither (the engine reads a missing list as empty).
  };
}

/**
 * The customer facts the engine reads. Liquid has the live ones (tags, order count, amount
 * spent); the cooldown's last acceptance comes from the app's `ladder_state`, which the snippet
 * reads when its version is one Ladder knows.
 */
export function toCustomer(shopper: ShopperFacts | null, digits: number): CheckoutCustomer | null {
  return shopper
    ? {
        id: customerGid(shopper.id),
        firstName: shopper.firstName ?? null,
        tags: shopper.tags ?? [],
        ordersCount: shopper.ordersCount ?? 0,
        amountSpent: formatMoney(fromHundredths(shopper.totalSpent ?? 0, digits), digits),
        lastAcceptedAt: shopper.lastAcceptedAt ?? null,
      }
    : null;
}

export interface StorefrontFacts {
  cart: AjaxCart;
  customer: ShopperFacts | null;
  /** On a product page: the product being viewed, counted as if it were in the cart. */
  viewing?: ViewedProduct | null;
  countryCode?: string | null;
  visitorKey: string | null;
  now: Date;
}

/** Storefront facts → the engine's checkout input (DESIGN §3.2). */
export function toStorefrontInput(config: RuntimeConfig, facts: StorefrontFacts): CheckoutInput {
  const lines = facts.cart.items
    .filter((item) => item.quantity > 0)
    .map((item) => toLine(item, config.digits));
  const viewing = facts.viewing;
  if (viewing && !lines.some((line) => line.variantId === variantGid(viewing.variantId))) {
    lines.push(
      toLine(
        {
          key: VIEWED_LINE,
          variant_id: viewing.variantId,
          product_id: viewing.productId,
          title: viewing.title,
          quantity: 1,
          original_price: viewing.price,
        },
        config.digits,
      ),
    );
  }
  const customer = toCustomer(facts.customer, config.digits);
  return {
    lines,
    customer,
    countryCode: facts.countryCode ?? null,
    visitorKey: customer?.id ?? facts.visitorKey,
    now: facts.now.toISOString(),
  };
}

/** The group already on the cart (§3.5: one group on every surface), if it is a valid one. */
export function cartGroup(cart: AjaxCart): Group | undefined {
  const value = cart.attributes?.[GROUP_ATTRIBUTE];
  return value === "treatment" || value === "holdout" ? value : undefined;
}

/** What the storefront shows: the engine's offers, progress and group. */
export type StorefrontEvaluation = Pick<Evaluation, "group" | "offers" | "progress">;

/**
 * Runs the engine for the storefront, or null on any failure: the page must never break. The
 * storefront shows offers and progress; the discounts they lead to are Shopify's to charge.
 */
export function evaluateStorefront(
  config: RuntimeConfig,
  facts: StorefrontFacts,
  formatMoney?: MoneyFormatter,
): { input: CheckoutInput; evaluation: StorefrontEvaluation } | null {
  try {
    const input = toStorefrontInput(config, facts);
    // Like checkout: promise only what the discount function can price in a cart this long.
    const evaluation = evaluateShown(config, input, {
      formatMoney,
      checkoutLimits: true,
      group: cartGroup(facts.cart),
    });
    return { input, evaluation };
  } catch {
    return null;
  }
}

/** `offerId`, or `offerId#variantId` when an A/B variant was shown (DESIGN §3.2). */
export function offerTag(offer: { offerId: string; variantId?: string }): string {
  return offer.variantId ? `${offer.offerId}#${offer.variantId}` : offer.offerId;
}
