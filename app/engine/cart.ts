import type { RuntimeCheckout, RuntimeLine } from "./types";

export interface CartView {
  /** Lines of each variant, in cart order. */
  linesByVariant: Map<string, RuntimeLine[]>;
  quantityOf(variantId: string): number;
}

/** Indexes the cart by variant once, so every offer asks in O(1). */
export function viewCart(checkout: RuntimeCheckout): CartView {
  const linesByVariant = new Map<string, RuntimeLine[]>();
  for (const line of checkout.lines) {
    const lines = linesByVariant.get(line.variantId);
    if (lines) lines.push(line);
    else linesByVariant.set(line.variantId, [line]);
  }
  const quantityOf = (variantId: string) => {
    let quantity = 0;
    for (const line of linesByVariant.get(variantId) ?? NONE) quantity += line.quantity;
    return quantity;
  };
  return { linesByVariant, quantityOf };
}

const NONE: readonly RuntimeLine[] = [];
