import type { RuntimeCheckout, RuntimeConfig, RuntimeLine } from "./types";

export interface TriggerMatch {
  /** Matching lines in cart order. */
  lines: RuntimeLine[];
  /** "The triggering line": the matching line with the highest unit price, first on a tie. */
  best: RuntimeLine;
}

/**
 * For every triggered offer (upgrade, cross-sell, volume), the cart lines its trigger matches,
 * through the config's index: O(lines + matches), never lines × offers. An offered item never
 * triggers its own offer, so lines of an upgrade's or cross-sell's target variant are skipped.
 */
export function matchTriggers(
  config: RuntimeConfig,
  checkout: RuntimeCheckout,
): Map<number, TriggerMatch> {
  const matches = new Map<number, TriggerMatch>();
  const { byProduct, byVariant, byCollection, byTag } = config.triggers;
  const seenAt = new Int32Array(config.offers.length).fill(-1);
  for (const line of checkout.lines) {
    const visit = (indexes: readonly number[] | undefined) => {
      if (!indexes) return;
      for (const index of indexes) {
        if (seenAt[index] === line.index) continue;
        seenAt[index] = line.index;
        const offer = config.offers[index];
        if (!offer) continue;
        if (offer.kind === "upgrade" && offer.to.variantId === line.variantId) continue;
        if (offer.kind === "cross-sell" && offer.item.variantId === line.variantId) continue;
        if (offer.kind !== "upgrade" && offer.kind !== "cross-sell" && offer.kind !== "volume") {
          continue;
        }
        const found = matches.get(index);
        if (!found) matches.set(index, { lines: [line], best: line });
        else {
          found.lines.push(line);
          if (line.unitPrice > found.best.unitPrice) found.best = line;
        }
      }
    };
    visit(byVariant.get(line.variantId));
    visit(byProduct.get(line.productId));
    for (const id of line.collectionIds) visit(byCollection.get(id));
    for (const tag of line.tags) visit(byTag.get(tag));
  }
  return matches;
}
