/**
 * The discount function's input as Shopify builds it from the input query, for a cart and the
 * metafield values publishing wrote: each line's id, variant, quantity and price, the customer's
 * state document, the cart's subtotal, the config parts and the shop's clock. Shared by the demo
 * storefront (which runs the function on its cart) and `ladder function-input` (which builds the
 * cart from a config and a checkout).
 */
import { formatMoney, minorDigits, parseMoney } from "../engine";
import { DISCOUNT_CLASSES } from "../shopify/function-metafields";
import type { CurrencyCode } from "../../extensions/offer-discounts/generated/api";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
  DeliveryGroupInput,
  DiscountClass,
} from "../../extensions/offer-discounts/src/types";

export interface FunctionCartLine {
  id: string;
  variantId: string;
  quantity: number;
  /** Decimal string in the cart's currency, e.g. "30.00". */
  unitPrice: string;
  /** The line's `_ladder_offer` property, when an offer added or upgraded it. */
  ladderOffer?: string;
}

/** The facts the app mirrors into the customer's `$app`/`ladder_state` metafield. */
export interface FunctionCustomerFacts {
  tags?: readonly string[];
  ordersCount?: number;
  amountSpent?: string;
  lastAcceptedAt?: string | null;
}

export interface FunctionCart {
  lines: readonly FunctionCartLine[];
  /** null for a guest. */
  customer: FunctionCustomerFacts | null;
  currency: string;
  /** The config metafields' parsed values, in the function's `CONFIG_KEYS` order. */
  parts: readonly unknown[];
  /** Whether the shop's clock has passed each of the input variables t0, t1, t2. */
  passed: readonly [boolean, boolean, boolean];
  /** The shop's local date, "2026-12-01". */
  localDate: string;
  presentmentCurrencyRate?: string;
  /** The discount's classes; Ladder's own when omitted. */
  discountClasses?: readonly DiscountClass[];
}

export function cartLinesInput(cart: FunctionCart): CartLinesInput {
  const digits = minorDigits(cart.currency);
  let subtotal = 0;
  for (const line of cart.lines) {
    subtotal += (parseMoney(line.unitPrice, digits) ?? Number.NaN) * line.quantity;
  }
  const customer = cart.customer;
  const metafield = (i: number) => {
    const part = cart.parts[i];
    return part === undefined ? null : { jsonValue: part };
  };
  return {
    cart: {
      lines: cart.lines.map((line) => ({
        id: line.id,
        quantity: line.quantity,
        cost: { amountPerQuantity: { amount: line.unitPrice } },
        merchandise: { id: line.variantId },
        ladderOffer: line.ladderOffer === undefined ? null : { value: line.ladderOffer },
      })),
      buyerIdentity: customer
        ? {
            customer: {
              // The customer state document the analytics side writes (and the extension reads).
              ladderState: {
                jsonValue: {
                  v: 1,
                  // As the order webhooks write it: trimmed, lower case, each once, at most 50.
                  tags: [...new Set((customer.tags ?? []).map((t) => t.trim().toLowerCase()))]
                    .filter(Boolean)
                    .slice(0, 50),
                  ordersCount: customer.ordersCount ?? 0,
                  amountSpent: customer.amountSpent ?? "0",
                  lastAcceptedAt: customer.lastAcceptedAt ?? null,
                },
              },
            },
          }
        : null,
      cost: {
        subtotalAmount: {
          amount: formatMoney(subtotal, digits),
          // Carts carry ISO 4217 codes, the enum's values.
          currencyCode: cart.currency as CurrencyCode,
        },
      },
    },
    presentmentCurrencyRate: cart.presentmentCurrencyRate ?? "1.0",
    discount: {
      discountClasses: [...(cart.discountClasses ?? DISCOUNT_CLASSES)],
      config: metafield(0),
      config2: metafield(1),
      config3: metafield(2),
      config4: metafield(3),
    },
    shop: {
      localTime: {
        date: cart.localDate,
        t0: cart.passed[0],
        t1: cart.passed[1],
        t2: cart.passed[2],
      },
    },
  };
}

/** The delivery target's input: the same cart without line ids, plus its delivery groups. */
export function deliveryOptionsInput(
  cart: FunctionCart,
  groups: DeliveryGroupInput[],
): CartDeliveryOptionsInput {
  const input = cartLinesInput(cart);
  const lines = input.cart.lines.map(({ id: _id, ...line }) => line);
  return { ...input, cart: { ...input.cart, lines, deliveryGroups: groups } };
}
