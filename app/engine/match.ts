import { canDiscountLines } from "./can-discount";
import type { OfferPositions, RuntimeCheckout, RuntimeConfig, RuntimeLine } from "./types";

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
  /** Every offer a line leads to (trigger, bundle item or target), ascending. */
  touched: number[];
  /** Lines that lead to an offer able to discount lines: the lines Ladder has to price. */
  pricedLines: number;
}

interface Walk {
  config: RuntimeConfig;
  byOffer: Map<number, TriggerMatch>;
  selfMatched: Set<number>;
  touched: number[];
  /** The last line each offer was visited for (+1), so a line matching twice counts once. */
  seenAt: Int32Array;
  /** Offers already in `touched`. */
  marked: Uint8Array;
  /** Whether the line being walked leads to an offer able to discount lines. */
  priced: boolean;
}

function mark(walk: Walk, index: number): void {
  if (walk.marked[index] === 0) {
    walk.marked[index] = 1;
    walk.touched.push(index);
  }
}

function touchOne(walk: Walk, index: number): void {
  mark(walk, index);
  if (!walk.priced && canDiscountLines(walk.config.offerAt(index))) walk.priced = true;
}

/** Offers a line's variant is the target of: touched (their discount may fall on it), not triggered. */
function touch(walk: Walk, positions: OfferPositions | undefined): void {
  if (positions === undefined) return;
  if (typeof positions === "number") touchOne(walk, positions);
  else for (const index of positions) touchOne(walk, index);
}

function visitOne(walk: Walk, index: number, line: RuntimeLine): void {
  if (walk.seenAt[index] === line.index + 1) return;
  walk.seenAt[index] = line.index + 1;
  mark(walk, index);
  const offer = walk.config.offerAt(index);
  if (!walk.priced && canDiscountLines(offer)) walk.priced = true;
  let target: string | null;
  if (offer.kind === "upgrade") target = offer.to.variantId;
  else if (offer.kind === "cross-sell") target = offer.item.variantId;
  else if (offer.kind === "volume") target = null;
  else return; // bundles and gifts are reached through their items, not triggered
  if (target === line.variantId) {
    walk.selfMatched.add(index);
    return;
  }
  const found = walk.byOffer.get(index);
  if (!found) walk.byOffer.set(index, { lines: [line], best: line });
  else {
    found.lines.push(line);
    if (line.unitPrice > found.best.unitPrice) found.best = line;
  }
}

function visit(walk: Walk, positions: OfferPositions | undefined, line: RuntimeLine): void {
  if (positions === undefined) return;
  if (typeof positions === "number") visitOne(walk, positions, line);
  else for (const index of positions) visitOne(walk, index, line);
}

/**
 * For every triggered offer (upgrade, cross-sell, volume), the cart lines its trigger matches,
 * through the config's index: O(lines + matches), never lines × offers. An offered item never
 * triggers its own offer, so lines of an upgrade's or cross-sell's target variant are skipped.
 * Also lists every offer the cart touches, which is all the discount function needs to decode.
 */
export function matchTriggers(
  config: RuntimeConfig,
  checkout: RuntimeCheckout,
  alsoTouched: readonly number[] = [],
): TriggerMatches {
  const walk: Walk = {
    config,
    byOffer: new Map(),
    selfMatched: new Set(),
    touched: [],
    seenAt: new Int32Array(config.size),
    marked: new Uint8Array(config.size),
    priced: false,
  };
  let pricedLines = 0;
  for (const line of checkout.lines) {
    walk.priced = false;
    visit(walk, config.byVariant(line.variantId), line);
    touch(walk, config.byTarget(line.variantId));
    if (line.productId) visit(walk, config.byProduct(line.productId), line);
    for (let i = 0; i < line.collectionIds.length; i += 1) {
      visit(walk, config.byCollection(line.collectionIds[i] ?? ""), line);
    }
    for (let i = 0; i < line.tags.length; i += 1)
      visit(walk, config.byTag(line.tags[i] ?? ""), line);
    if (walk.priced) pricedLines += 1;
  }
  for (const index of alsoTouched) mark(walk, index);
  const selfOnly = new Set<number>();
  for (const index of walk.selfMatched) if (!walk.byOffer.has(index)) selfOnly.add(index);
  walk.touched.sort((a, b) => a - b);
  return { byOffer: walk.byOffer, selfOnly, touched: walk.touched, pricedLines };
}
