import type { RuntimeCheckout, RuntimeLine } from "./types";

export interface CartView {
  /** Lines of each variant, in cart order. */
  linesByVariant: Map<string, RuntimeLine[]>;
  quantityOf(variantId: string): number;
}

/** Indexes the cart by variant once, so every offer asks in O(1). */
export function viewCart(checkout: RuntimeCheckout): CartView {
  const linesByVariant = new Map<string, RuntimeLine[]>();
  const quantities = new Map<string, number>();
  for (const line of checkout.lines) {
    const lines = linesByVariant.get(line.variantId);
    if (lines) lines.push(line);
    else linesByVariant.set(line.variantId, [line]);
    quantities.set(line.variantId, (quantities.get(line.variantId) ?? 0) + line.quantity);
  }
  return { linesByVariant, quantityOf: (variantId) => quantities.get(variantId) ?? 0 };
}
