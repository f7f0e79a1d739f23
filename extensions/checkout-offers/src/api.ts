import type {
  AttributeChange,
  AttributeChangeResult,
  CartLineChange,
  CartLineChangeResult,
  StandardApi,
} from "@shopify/ui-extensions/checkout";

/**
 * The part of the `shopify` global Ladder uses, common to its three targets. The cart actions
 * exist at checkout only (the thank-you page cannot change an order), and `buyerIdentity` and
 * `shippingAddress` only with the matching protected-data access, so they are optional.
 */
export type LadderApi = Pick<
  StandardApi,
  | "lines"
  | "appMetafields"
  | "attributes"
  | "instructions"
  | "settings"
  | "i18n"
  | "localization"
  | "checkoutToken"
  | "shop"
  | "extension"
> & {
  buyerIdentity?: StandardApi["buyerIdentity"];
  shippingAddress?: StandardApi["shippingAddress"];
  applyCartLinesChange?: (change: CartLineChange) => Promise<CartLineChangeResult>;
  applyAttributeChange?: (change: AttributeChange) => Promise<AttributeChangeResult>;
};

/**
 * Reads a member the host may not provide. `in` first: the host (and the official test harness)
 * may refuse a plain read of a member the target does not have.
 */
export function optional<K extends keyof LadderApi>(
  api: LadderApi,
  key: K,
): LadderApi[K] | undefined {
  return key in api ? api[key] : undefined;
}

/** The `shopify` global, typed for the target whose entry module asks for it. */
export function hostApi<T>(): T {
  return (globalThis as unknown as { shopify: T }).shopify;
}
