import { loadConfig, priceCart } from "./adapter";
import type {
  CartDeliveryOptionsDiscountsGenerateRunResult,
  CartDeliveryOptionsInput,
} from "./types";

const NOTHING: CartDeliveryOptionsDiscountsGenerateRunResult = { operations: [] };

/**
 * Target `cart.delivery-options.discounts.generate.run`: 100% off every delivery option of each
 * delivery group that earns free shipping. Country-limited offers are judged per group, by the
 * country it ships to (usually one group, one country, one evaluation).
 */
export function cartDeliveryOptionsDiscountsGenerateRun(
  input: CartDeliveryOptionsInput,
): CartDeliveryOptionsDiscountsGenerateRunResult {
  try {
    // Only a discount with the shipping class may discount delivery.
    if (!input.discount.discountClasses.includes("SHIPPING")) return NOTHING;
    const groups = input.cart.deliveryGroups;
    if (groups.length === 0) return NOTHING;
    const config = loadConfig(input);
    // Only free-shipping offers discount delivery, and the function form lists them all as
    // applying everywhere: without one, nothing to compute.
    if (!config || config.everywhere().length === 0) return NOTHING;
    const priced = priceCart(input, config, true);
    const targets: { deliveryGroup: { id: string } }[] = [];
    for (const group of groups) {
      const country = group.deliveryAddress?.countryCode ?? null;
      if (priced.freeShippingIn(country === null ? null : country.toUpperCase())) {
        targets.push({ deliveryGroup: { id: group.id } });
      }
    }
    if (targets.length === 0) return NOTHING;
    return {
      operations: [
        {
          deliveryDiscountsAdd: {
            selectionStrategy: "ALL",
            candidates: [{ targets, value: { percentage: { value: "100" } } }],
          },
        },
      ],
    };
  } catch {
    return NOTHING;
  }
}
