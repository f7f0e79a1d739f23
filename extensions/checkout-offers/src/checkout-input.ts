import type {
  AppMetafieldEntry,
  Attribute,
  CartLine,
  Money,
} from "@shopify/ui-extensions/checkout";
import {
  formatMoney,
  type CheckoutCustomer,
  type CheckoutInput,
  type CheckoutLine,
  type Group,
  type RuntimeConfig,
} from "../../../app/engine";
import { readCustomerState } from "./metafields";

/** The line attribute naming the offer that added or replaced a line (attribution contract). */
export const OFFER_ATTRIBUTE = "_ladder_offer";

/**
 * The group an earlier surface (the storefront's blocks, or an earlier render) already wrote on
 * the cart: every later surface keeps it (DESIGN §3.5), so a buyer never changes group between
 * product page, cart and checkout. Anything else in the attribute is ignored.
 */
export function assignedGroup(attributes: readonly Attribute[] | undefined): Group | undefined {
  const value = attributes?.find((attribute) => attribute.key === "_ladder_group")?.value;
  return value === "treatment" || value === "holdout" ? value : undefined;
}

/** What checkout tells the extension, read from the host's signals at render time. */
export interface CheckoutFacts {
  lines: readonly CartLine[];
  appMetafields: readonly AppMetafieldEntry[];
  /** From buyer identity; undefined when the app has no access to it or the buyer is a guest. */
  customer: { id: string; firstName?: string } | undefined;
  countryCode: string | undefined;
  checkoutToken: string | undefined;
  now: Date;
  /** The checkout's attributes: `_ladder_group` when a storefront block assigned it first. */
  attributes?: readonly Attribute[];
}

function toMinor(money: Money, digits: number): number {
  return Math.round(money.amount * 10 ** digits);
}

/**
 * A cart line at its list price. Checkout reports a line's total after line-level discounts,
 * Ladder's own among them, but the engine reasons on list prices (rule 3, thresholds) and
 * applies its discounts itself, so the line's discount allocations are added back.
 */
function toLine(line: CartLine, digits: number): CheckoutLine {
  const discounted = toMinor(line.cost.totalAmount, digits);
  const allocated = line.discountAllocations.reduce(
    (sum, allocation) => sum + toMinor(allocation.discountedAmount, digits),
    0,
  );
  const attributes: Record<string, string> = {};
  for (const { key, value } of line.attributes) attributes[key] = value;
  return {
    id: line.id,
    variantId: line.merchandise.id,
    productId: line.merchandise.product.id,
    title: line.merchandise.title,
    quantity: line.quantity,
    unitPrice: formatMoney(Math.round((discounted + allocated) / line.quantity), digits),
    // Product tags and collections are not part of the checkout API; see the README.
    collectionIds: [],
    tags: [],
    attributes,
  };
}

/**
 * Checkout facts → the engine's checkout input (DESIGN §3.2), or null when the cart is priced in
 * another currency than the published config: its amounts would be compared with thresholds and
 * prices they cannot be compared with, so Ladder shows nothing rather than something wrong.
 */
export function toCheckoutInput(config: RuntimeConfig, facts: CheckoutFacts): CheckoutInput | null {
  const lines = facts.lines.filter((line) => line.quantity > 0);
  if (lines.some((line) => line.cost.totalAmount.currencyCode !== config.currency)) return null;

  const known = readCustomerState(facts.appMetafields);
  const customerId = facts.customer?.id ?? known?.customerId;
  let customer: CheckoutCustomer | null = null;
  if (customerId) {
    const state = known?.customerId === customerId ? known.state : null;
    customer = {
      id: customerId,
      firstName: facts.customer?.firstName ?? null,
      // Without a readable state the buyer gets a guest's facts: no tags, no history.
      tags: state?.tags ?? [],
      ordersCount: state?.ordersCount ?? 0,
      amountSpent: state?.amountSpent ?? "0",
      lastAcceptedAt: state?.lastAcceptedAt ?? null,
    };
  }
  return {
    lines: lines.map((line) => toLine(line, config.digits)),
    customer,
    countryCode: facts.countryCode ?? null,
    visitorKey: customerId ?? facts.checkoutToken ?? null,
    now: facts.now.toISOString(),
  };
}
