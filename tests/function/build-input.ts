/**
 * The function's input for an offer config and an engine checkout input, as Shopify builds it
 * from the input queries once the config is published: the app's own builder (the one behind
 * `ladder function-input`), with the signatures the tests and benchmarks use.
 */
import type { CheckoutInput, FunctionConfig, OfferConfig } from "../../app/engine";
import {
  deliveryInput as deliveryTargetInput,
  linesInput,
  type DeliveryGroup,
  type FunctionInputOptions,
} from "../../app/shopify/function-input";
import type { ConfigPart } from "../../extensions/offer-discounts/src/contract";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
} from "../../extensions/offer-discounts/src/types";

export { catalogResolver, type CatalogVariant } from "../../app/shopify/function-input";
export type BuildOptions = FunctionInputOptions;

export function functionInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  options: BuildOptions = {},
): CartLinesInput {
  return linesInput(config, checkout, options);
}

export function deliveryInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  groups: DeliveryGroup[],
  options: BuildOptions = {},
): CartDeliveryOptionsInput {
  return deliveryTargetInput(config, checkout, { ...options, deliveryGroups: groups });
}

/**
 * The function form and boundaries the parts hold, as plain data (copied, where the function
 * chains the index chunks): for comparing what publishing wrote with what the engine compiles.
 */
export function mergedParts(values: readonly string[]): { config: FunctionConfig; b: number[] } {
  const [first, ...others] = values;
  if (first === undefined) throw new Error("no parts");
  const head = JSON.parse(first) as FunctionConfig;
  const rest = others.map((value) => JSON.parse(value) as ConfigPart);
  const config: FunctionConfig = { ...head, o: [...head.o], ix: { ...head.ix } };
  for (const part of rest) {
    config.o.push(...part.o);
    if (part.v) config.ix.v = { ...config.ix.v, ...part.v };
    if (part.t) config.ix.t = { ...config.ix.t, ...part.t };
  }
  return { config, b: rest[0]?.b ?? [] };
}
