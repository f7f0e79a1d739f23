import type { RuntimeCheckout, RuntimeConfig, RuntimeLine } from "./types";

export interface TriggerMatch {
  /** Matching lines in cart order. */
  lines: RuntimeLine[];
  /** "The triggering line": the matching line with the highest unit price, first on a tie. */
  best: RuntimeLine;
}

export interface TriggerMatches {
  /** Per offer position, the lines its trigger matches. */
  byOffer: Map<number, TriggerMatch>;
  /** Offers whose trigger matched only lines of their own target: taken already, not unrelated. */
  selfOnly: Set<number>;
}

interface Walk {
  config: RuntimeConfig;
  byOffer: Map<number, TriggerMatch>;
  selfMatched: Set<number>;
  /** The last line each offer was visited for, so a line matching twice counts once. */
  seenAt: Int32Array;
}

function visit(walk: Walk, indexes: readonly number[] | undefined, line: RuntimeLine): void {
  if (!indexes) return;
  for (const index of indexes) {
    if (walk.seenAt[index] === line.index) continue;
    walk.seenAt[index] = line.index;
    const offer = walk.config.offers[index];
    let target: string | null;
    if (offer?.kind === "upgrade") target = offer.to.variantId;
    else if (offer?.kind === "cross-sell") target = offer.item.variantId;
    else if (offer?.kind === "volume") target = null;
    else continue; // bundles share the variant index but are not triggered
    if (target === line.variantId) {
      walk.selfMatched.add(index);
      continue;
    }
    const found = walk.byOffer.get(index);
    if (!found) walk.byOffer.set(index, { lines: [line], best: line });
    else {
      found.lines.push(line);
      if (line.unitPrice > found.best.unitPrice) found.best = line;
    }
  }
}

/**
 * For every triggered offer (upgrade, cross-sell, volume), the cart lines its trigger matches,
 * through the config's index: O(lines + matches), never lines × offers. An offered item never
 * triggers its own offer, so lines of an upgrade's or cross-sell's target variant are skipped.
 */
export function matchTriggers(config: RuntimeConfig, checkout: RuntimeCheckout): TriggerMatches {
  const walk: Walk = {
    config,
    byOffer: new Map(),
    selfMatched: new Set(),
    seenAt: new Int32Array(config.offers.length).fill(-1),
  };
  const { byProduct, byVariant, byCollection, byTag } = config.triggers;
  for (const line of checkout.lines) {
    visit(walk, byVariant.get(line.variantId), line);
    visit(walk, byProduct.get(line.productId), line);
    for (const id of line.collectionIds) visit(walk, byCollection.get(id), line);
    for (const tag of line.tags) visit(walk, byTag.get(tag), line);
  }
  const selfOnly = new Set<number>();
  for (const index of walk.selfMatched) if (!walk.byOffer.has(index)) selfOnly.add(index);
  return { byOffer: walk.byOffer, selfOnly };
}
