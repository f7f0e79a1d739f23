/**
 * What the buyer is charged for a demo storefront cart: the discount function's own exports run
 * on the input Shopify would hand them for this cart and what publishing wrote (the lines
 * target for line discounts, the delivery target for free shipping).
 */
import { cartDeliveryOptionsDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_delivery_options_discounts_generate_run";
import { cartLinesDiscountsGenerateRun } from "../../extensions/offer-discounts/src/cart_lines_discounts_generate_run";
import { DEMO_SHOP, findVariant } from "../demo/catalog";
import { minorDigits, parseMoney } from "../engine";
import { cartLinesInput, deliveryOptionsInput, type FunctionCart } from "../function/input";
import { shopLocalTime } from "../shopify/discount.server";
import type { StoredCart } from "./cart-store.server";
import type { SimulatedCustomer } from "./customers";
import type { FunctionMetafields } from "./published.server";

export interface PricedLine {
  key: string;
  /** Minor units. */
  unitPrice: number;
  /** What the function takes off the whole line, in minor units. */
  discount: number;
}

export interface CartPricing {
  lines: PricedLine[];
  /** The delivery target gives 100% off shipping for this cart (to the demo's US address). */
  freeShipping: boolean;
}

const DELIVERY_GROUP = "gid://shopify/CartDeliveryGroup/1";
/** The demo ships to the shop's own country. */
const DEMO_COUNTRY = "US";

export function cartLineId(key: string): string {
  return `gid://shopify/CartLine/${key}`;
}

/** The cart as the function's input sees it, at `now` on the shop's clock. */
export function functionCart(
  cart: StoredCart,
  customer: SimulatedCustomer | null,
  discount: FunctionMetafields,
  now: Date,
  currency = DEMO_SHOP.currencyCode,
): FunctionCart {
  const local = shopLocalTime(DEMO_SHOP.ianaTimezone)(now.getTime());
  const [t0, t1, t2] = discount.variables;
  return {
    lines: cart.lines.flatMap((line) => {
      const found = findVariant(line.variantId);
      return found
        ? [
            {
              id: cartLineId(line.key),
              variantId: line.variantId,
              quantity: line.quantity,
              unitPrice: found.variant.price,
              // Rule 14: an upgrade's discount goes only to the line the upgrade made.
              ...(line.properties._ladder_offer === undefined
                ? {}
                : { ladderOffer: line.properties._ladder_offer }),
            },
          ]
        : [];
    }),
    customer: customer
      ? {
          tags: customer.tags,
          ordersCount: customer.ordersCount,
          amountSpent: customer.amountSpent,
          lastAcceptedAt: null,
        }
      : null,
    currency,
    parts: discount.parts,
    // `dateTimeAfter`: the shop's wall clock has reached the variable's date-time.
    passed: [local >= t0, local >= t1, local >= t2],
    localDate: local.slice(0, 10),
  };
}

/** Prices the cart with the function's results; no publication means no discounts. */
export function priceCart(
  cart: StoredCart,
  customer: SimulatedCustomer | null,
  discount: FunctionMetafields | null,
  now: Date,
): CartPricing {
  const digits = minorDigits(DEMO_SHOP.currencyCode);
  const discounts = new Map<string, number>();
  let freeShipping = false;
  if (discount && cart.lines.length > 0) {
    const input = functionCart(cart, customer, discount, now);
    const lines = cartLinesDiscountsGenerateRun(cartLinesInput(input));
    for (const operation of lines.operations) {
      for (const candidate of operation.productDiscountsAdd.candidates) {
        const amount = parseMoney(candidate.value.fixedAmount.amount, digits) ?? 0;
        for (const target of candidate.targets) {
          const id = target.cartLine.id;
          discounts.set(id, (discounts.get(id) ?? 0) + amount);
        }
      }
    }
    const delivery = cartDeliveryOptionsDiscountsGenerateRun(
      deliveryOptionsInput(input, [
        { id: DELIVERY_GROUP, deliveryAddress: { countryCode: DEMO_COUNTRY } },
      ]),
    );
    freeShipping = delivery.operations.some((operation) =>
      operation.deliveryDiscountsAdd.candidates.some(
        (candidate) => Number(candidate.value.percentage.value) >= 100,
      ),
    );
  }
  return {
    lines: cart.lines.map((line) => {
      const price = findVariant(line.variantId)?.variant.price ?? "0";
      const unitPrice = parseMoney(price, digits) ?? 0;
      const total = unitPrice * line.quantity;
      return {
        key: line.key,
        unitPrice,
        discount: Math.min(total, discounts.get(cartLineId(line.key)) ?? 0),
      };
    }),
    freeShipping,
  };
}
