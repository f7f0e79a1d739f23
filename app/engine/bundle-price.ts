import type { CartView } from "./cart";
import type { Minor, RuntimeBundle } from "./types";

/**
 * What a bundle with a set price takes off `sets` complete sets: for each set, its list value in
 * the cart minus the set price, never below zero (DESIGN §3.1 "Discount value"). Sets take units
 * in cart order, so when lines of one variant differ in price each set is valued as it is.
 */
export function bundlePriceOff(
  offer: RuntimeBundle,
  cart: CartView,
  sets: number,
  setPrice: Minor,
): Minor {
  // The common case: every item's lines at one price, so every set is worth the same.
  let uniform = true;
  let value = 0;
  for (const item of offer.items) {
    const lines = cart.linesByVariant.get(item.variantId) ?? [];
    const unit = lines[0]?.unitPrice ?? 0;
    for (const line of lines) if (line.unitPrice !== unit) uniform = false;
    value += unit * item.quantity;
  }
  if (uniform) return sets * Math.max(0, value - setPrice);

  // Per item: a cursor over its lines (which line, how many of its units already in a set).
  const cursors = offer.items.map((item) => ({
    item,
    lines: cart.linesByVariant.get(item.variantId) ?? [],
    at: 0,
    used: 0,
  }));
  let off = 0;
  for (let set = 0; set < sets; set += 1) {
    let setValue = 0;
    for (const cursor of cursors) {
      let need = cursor.item.quantity;
      while (need > 0) {
        const line = cursor.lines[cursor.at];
        if (!line) break; // cannot happen: `sets` complete sets are in the cart
        const take = Math.min(need, line.quantity - cursor.used);
        setValue += take * line.unitPrice;
        need -= take;
        cursor.used += take;
        if (cursor.used === line.quantity) {
          cursor.at += 1;
          cursor.used = 0;
        }
      }
    }
    off += Math.max(0, setValue - setPrice);
  }
  return off;
}
