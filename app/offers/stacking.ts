/**
 * Which of a shop's other discounts stack with Ladder's. Shopify combines two discounts only when
 * each allows the other's class. Ladder's automatic discount has a product part (upgrades,
 * cross-sells, bundles, quantity breaks, gifts) and a shipping part (free shipping).
 */

export type DiscountClass = "ORDER" | "PRODUCT" | "SHIPPING";

export interface CombinesWith {
  productDiscounts: boolean;
  orderDiscounts: boolean;
  shippingDiscounts: boolean;
}

const FLAG: Record<DiscountClass, keyof CombinesWith> = {
  ORDER: "orderDiscounts",
  PRODUCT: "productDiscounts",
  SHIPPING: "shippingDiscounts",
};

export interface Stacking {
  stacks: boolean;
  /** Why not, when it doesn't. */
  because: string | null;
}

function stacking(
  ladderPart: "PRODUCT" | "SHIPPING",
  ladder: CombinesWith,
  other: { classes: readonly DiscountClass[]; combinesWith: CombinesWith },
): Stacking {
  const classes = other.classes.length > 0 ? other.classes : (["ORDER"] as const);
  const ladderRefuses = classes.filter((c) => !ladder[FLAG[c]]);
  if (ladderRefuses.length > 0) {
    const names = ladderRefuses.map((c) => c.toLowerCase()).join(" and ");
    return { stacks: false, because: `Ladder is set not to combine with ${names} discounts` };
  }
  if (!other.combinesWith[FLAG[ladderPart]]) {
    return {
      stacks: false,
      because: `this discount does not combine with ${ladderPart.toLowerCase()} discounts`,
    };
  }
  return { stacks: true, because: null };
}

/** How another discount stacks with Ladder's product and shipping discounts. */
export function stackingWithLadder(
  ladder: CombinesWith,
  other: { classes: readonly DiscountClass[]; combinesWith: CombinesWith },
): { product: Stacking; shipping: Stacking } {
  return {
    product: stacking("PRODUCT", ladder, other),
    shipping: stacking("SHIPPING", ladder, other),
  };
}
