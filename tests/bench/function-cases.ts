/**
 * The carts the discount function is measured on: the engine benchmark's 200-offer config (every
 * kind, Shopify-sized GIDs), with five offers triggered by a collection and five by a product tag,
 * so every cart line carries ten membership flags; carts of 1, 50 and 200 lines.
 */
import type { OfferConfig } from "../../app/engine";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
} from "../../extensions/offer-discounts/src/types";
import { deliveryInput, functionInput } from "../function/build-input";
import { benchCart, benchConfig } from "./engine";

export const LINE_COUNTS = [1, 50, 200] as const;
export const OFFER_COUNT = 200;

const gid = (type: string, n: number) => `gid://shopify/${type}/${8_100_000_000_000 + n}`;

export function functionBenchConfig(): OfferConfig {
  const config = benchConfig(OFFER_COUNT);
  config.offers = config.offers.map((offer, i) => {
    if (offer.kind !== "upgrade" && offer.kind !== "cross-sell" && offer.kind !== "volume") {
      return offer;
    }
    if (i % 40 === 0) return { ...offer, trigger: { collectionIds: [gid("Collection", i / 40)] } };
    if (i % 40 === 21) return { ...offer, trigger: { tags: [`tag-${(i - 21) / 40}`] } };
    return offer;
  });
  return config;
}

export interface FunctionBenchCase {
  lines: number;
  linesInput: CartLinesInput;
  deliveryInput: CartDeliveryOptionsInput;
}

export function functionBenchCases(): FunctionBenchCase[] {
  const config = functionBenchConfig();
  return LINE_COUNTS.map((lines) => {
    const cart = benchCart(lines);
    return {
      lines,
      linesInput: functionInput(config, cart),
      deliveryInput: deliveryInput(config, cart, [
        { id: "gid://shopify/CartDeliveryGroup/1", deliveryAddress: { countryCode: "US" } },
      ]),
    };
  });
}
