import { allocate } from "./allocate";
import { pricedLineCapacity } from "./capacity";
import type { LeanConfig } from "./lean-read";
import { LEAN_POSITION, SEGMENT_BITS } from "./lean-format";
import type {
  LeanBundle,
  LeanCrossSell,
  LeanGift,
  LeanFreeShipping,
  LeanOffer,
  LeanUpgrade,
} from "./lean-offer";
import { percentOf } from "./percent";
import type { Minor, PercentUnits } from "./types";

/** The cart as the discount function hands it over: the lines an offer names, in cart order. */
export interface LeanCart {
  /** Lean keys of the lines' variants. */
  keys: string[];
  /** Per line, where `config.find` found its variant (at its priced flag). */
  found: number[];
  quantities: number[];
  unitPrices: Minor[];
  /** The offer id of the line's `_ladder_offer` (`#variantId` stripped), or null. */
  ladderOffers: (string | null)[];
  /** The whole cart's subtotal and line count (lines no offer names included). */
  subtotal: Minor;
  lineCount: number;
  customer: { ordersCount: number; amountSpent: Minor; tags: readonly string[] } | null;
  /** Epoch milliseconds. */
  now: number;
}

export interface LeanPricing {
  /** Per cart line given, what Ladder takes off it (rule 14: one offer's amount). */
  lineAmounts: Minor[];
  /** Whether an offer in force makes delivery to `country` free. */
  freeShippingIn(country: string | null): boolean;
}

function rankedBefore(a: LeanOffer, b: LeanOffer): boolean {
  // Upgrades and quantity breaks rank before the others (rule 2).
  const aUpsell = a.kind === "u" || a.kind === "v";
  if (aUpsell !== (b.kind === "u" || b.kind === "v")) return aUpsell;
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.index < b.index;
}

function buyerSegments(cart: LeanCart, config: LeanConfig): number {
  const c = cart.customer;
  if (!c) return SEGMENT_BITS.new;
  const s = config.settings;
  let bits = c.ordersCount === 0 ? SEGMENT_BITS.new : SEGMENT_BITS.returning;
  if (c.ordersCount >= s.frequentMinOrders) bits |= SEGMENT_BITS.frequent;
  let premium = c.amountSpent >= s.premiumMinSpent;
  for (let i = 0; i < c.tags.length && !premium; i += 1) {
    premium = s.premiumTags.includes(c.tags[i] ?? "");
  }
  if (premium) bits |= SEGMENT_BITS.premium;
  return bits;
}

/**
 * What the discount function applies to a cart: the engine's `earnedTotals` with checkout
 * limits (the same rules, proven equal by a property test), computed for a runtime that pays per
 * instruction: integer minor units, state in flat arrays of numbers, offers decoded only when
 * the cart reaches them, no sorting or closures per line.
 *
 * One pass over the lines follows the index (triggers, bundle items, targets) as `matchTriggers`
 * does, standing aside as soon as more lines need pricing than the function can afford. Then each
 * offer in force says what it would take off which lines; each line keeps the single offer taking
 * the most (ties by ranking, rule 14); gifts compare the subtotal after line offers; free
 * shipping the subtotal after every line discount.
 */
export function leanPrice(
  config: LeanConfig,
  cart: LeanCart,
  /** Whether delivery is asked about: free-shipping offers (every cart reaches them) are read only then. */
  delivery: boolean,
): LeanPricing {
  const text = config.text;
  const keys = cart.keys;
  const n = keys.length;
  const size = config.size;
  const capacity = pricedLineCapacity(Math.max(cart.lineCount, n));
  const totals: Minor[] = [];
  // Per line: the amount the winning offer takes off it and the winner (-1: none), then the
  // amount applied; filled by push, which keeps them dense.
  const bestAmount: Minor[] = [];
  const bestOffer: number[] = [];
  const lineAmounts: Minor[] = [];
  const byKey = new Map<string, number[]>();
  let linesTotal = 0;
  // The walk, in the same pass: which offers the lines reach, and the lines each triggered
  // offer matches.
  const seenAt = new Int32Array(size);
  const marked = new Uint8Array(size);
  // Maps and typed arrays: `new Array(size)` makes a slow holey array in the function's engine.
  const matched = new Map<number, number[]>();
  const touched: number[] = [];
  let pricedLines = 0;
  let standAside = false;
  for (let li = 0; li < n; li += 1) {
    const total = (cart.unitPrices[li] ?? 0) * (cart.quantities[li] ?? 0);
    totals.push(total);
    bestAmount.push(0);
    bestOffer.push(-1);
    lineAmounts.push(0);
    linesTotal += total;
    const key = keys[li] ?? "";
    const same = byKey.get(key);
    if (same) same.push(li);
    else byKey.set(key, [li]);
    if (standAside) continue;

    // Past the priced flag: "key Ptriggers targets;", positions LEAN_POSITION base-36 digits
    // each. The line reaches each offer there (as a trigger or bundle item, then as its target);
    // written inline because a call per position costs the function more than the work.
    const at = (cart.found[li] ?? -1) + 1;
    const space = text.indexOf(" ", at);
    const end = text.indexOf(";", space);
    let priced = false;
    for (let k = at; k < end; k += LEAN_POSITION) {
      if (k === space) {
        k += 1;
        if (k === end) break;
      }
      const p = parseInt(text.slice(k, k + LEAN_POSITION), 36);
      const offer = config.offerAt(p);
      if (marked[p] === 0) {
        marked[p] = 1;
        touched.push(p);
      }
      if (offer.discountsLines) priced = true;
      if (k > space || seenAt[p] === li + 1) continue;
      seenAt[p] = li + 1;
      // Bundles and gifts are reached through their items; an offered item never triggers its
      // own offer.
      if (
        offer.kind === "v" ||
        ((offer.kind === "u" || offer.kind === "x") && offer.target !== key)
      ) {
        const lines = matched.get(p);
        if (lines) lines.push(li);
        else matched.set(p, [li]);
      }
    }
    if (priced) {
      pricedLines += 1;
      if (pricedLines > capacity) standAside = true;
    }
  }
  const subtotal = Math.max(cart.subtotal, linesTotal);
  for (const index of delivery ? config.everywhere() : NONE) {
    if (marked[index] === 0) {
      marked[index] = 1;
      touched.push(index);
    }
  }
  // Ascending, as the engine considers them; a typed array sorts numerically in native code.
  const order = Int32Array.from(touched).sort();

  const segments = buyerSegments(cart, config);
  const inForce = (offer: LeanOffer) =>
    cart.now >= offer.startsAt &&
    cart.now < offer.endsAt &&
    (offer.segments === 0 || (offer.segments & segments) !== 0);

  // What each offer would take off which lines (flat, in the order offers ask), and per line
  // the amount and offer that win it.
  const entryLine: number[] = [];
  const entryAmount: Minor[] = [];
  const wantOffer: number[] = [];
  const wantEnd: number[] = [];
  const add = (offer: LeanOffer, li: number, wanted: Minor) => {
    const total = totals[li] ?? 0;
    const amount = wanted > total ? total : wanted;
    entryLine.push(li);
    entryAmount.push(amount);
    if (amount <= 0) return;
    const current = bestAmount[li] ?? 0;
    const holder = bestOffer[li] ?? -1;
    if (
      amount > current ||
      (amount === current && holder >= 0 && rankedBefore(offer, config.offerAt(holder)))
    ) {
      bestAmount[li] = amount;
      bestOffer[li] = offer.index;
    }
  };
  const close = (offer: LeanOffer) => {
    wantOffer.push(offer.index);
    wantEnd.push(entryLine.length);
  };
  /** A percent of whole lines: the offer's total, half-up, spread by list value. */
  const spreadLines = (offer: LeanOffer, lines: readonly number[], percent: PercentUnits) => {
    if (lines.length === 1) {
      const li = lines[0] ?? 0;
      add(offer, li, percentOf(totals[li] ?? 0, percent));
    } else {
      const weights: Minor[] = [];
      let sum = 0;
      for (const li of lines) {
        weights.push(totals[li] ?? 0);
        sum += totals[li] ?? 0;
      }
      const parts = allocate(percentOf(sum, percent), weights);
      for (let k = 0; k < lines.length; k += 1) add(offer, lines[k] ?? 0, parts[k] ?? 0);
    }
    close(offer);
  };
  const itemLines = (offer: LeanUpgrade | LeanCrossSell, lines: readonly number[]) => {
    if (offer.amountOff > 0) {
      for (const li of lines) {
        const unit = cart.unitPrices[li] ?? 0;
        add(
          offer,
          li,
          (offer.amountOff < unit ? offer.amountOff : unit) * (cart.quantities[li] ?? 0),
        );
      }
      close(offer);
    } else spreadLines(offer, lines, offer.percent);
  };
  const quantityOf = (key: string) => {
    let quantity = 0;
    for (const li of byKey.get(key) ?? NONE) quantity += cart.quantities[li] ?? 0;
    return quantity;
  };

  const gifts: LeanGift[] = [];
  const shipping: LeanFreeShipping[] = [];
  for (const index of order) {
    const offer = config.offerAt(index);
    // Standing aside, only what needs no line is priced.
    if (standAside && offer.discountsLines) continue;
    if (offer.kind === "g") gifts.push(offer);
    if (offer.kind === "f") shipping.push(offer);
    if (!inForce(offer)) continue;
    switch (offer.kind) {
      case "u": {
        if (!offer.discountsLines) break;
        // Rule 14: only lines this upgrade made.
        const lines: number[] = [];
        for (const li of byKey.get(offer.target) ?? NONE) {
          if (cart.ladderOffers[li] === offer.id) lines.push(li);
        }
        if (lines.length > 0) itemLines(offer, lines);
        break;
      }
      case "x": {
        if (!offer.discountsLines || !matched.has(index)) break;
        let lines = byKey.get(offer.target) ?? NONE;
        if (offer.extraTargets.length > 0) {
          const all = [...lines];
          for (const key of offer.extraTargets)
            for (const li of byKey.get(key) ?? NONE) all.push(li);
          lines = all.sort((a, b) => a - b);
        }
        if (lines.length > 0) itemLines(offer, lines);
        break;
      }
      case "b":
        priceBundle(offer);
        break;
      case "v": {
        const lines = matched.get(index);
        if (!lines) break;
        let quantity = 0;
        for (const li of lines) quantity += cart.quantities[li] ?? 0;
        let reached = -1;
        for (let t = 0; t < offer.tierMinimums.length; t += 1) {
          if ((offer.tierMinimums[t] ?? 0) <= quantity) reached = t;
        }
        if (reached >= 0) spreadLines(offer, lines, offer.tierPercents[reached] ?? 0);
        break;
      }
      default:
        break;
    }
  }

  function priceBundle(offer: LeanBundle): void {
    let sets = Number.POSITIVE_INFINITY;
    for (let k = 0; k < offer.items.length; k += 1) {
      const need = offer.quantities[k] ?? 1;
      sets = Math.min(sets, Math.floor(quantityOf(offer.items[k] ?? "") / need));
    }
    if (!(sets > 0) || !Number.isFinite(sets)) return;
    // Claims: units of each item taken from its lines in cart order.
    const claimLines: number[] = [];
    const claimBases: Minor[] = [];
    let base = 0;
    for (let k = 0; k < offer.items.length; k += 1) {
      let units = sets * (offer.quantities[k] ?? 1);
      for (const li of byKey.get(offer.items[k] ?? "") ?? NONE) {
        if (units === 0) break;
        const quantity = cart.quantities[li] ?? 0;
        const taken = units < quantity ? units : quantity;
        claimLines.push(li);
        claimBases.push(taken * (cart.unitPrices[li] ?? 0));
        base += taken * (cart.unitPrices[li] ?? 0);
        units -= taken;
      }
    }
    const off =
      offer.bundlePrice < 0
        ? percentOf(base, offer.percent)
        : setPriceOff(offer, sets, offer.bundlePrice);
    const parts = allocate(off, claimBases);
    for (let k = 0; k < claimLines.length; k += 1) add(offer, claimLines[k] ?? 0, parts[k] ?? 0);
    close(offer);
  }

  /** `bundlePriceOff`: per set, its list value in the cart minus the set price, never below 0. */
  function setPriceOff(offer: LeanBundle, sets: number, setPrice: Minor): Minor {
    let uniform = true;
    let value = 0;
    for (let k = 0; k < offer.items.length; k += 1) {
      const lines = byKey.get(offer.items[k] ?? "") ?? NONE;
      const unit = cart.unitPrices[lines[0] ?? -1] ?? 0;
      for (const li of lines) if (cart.unitPrices[li] !== unit) uniform = false;
      value += unit * (offer.quantities[k] ?? 1);
    }
    if (uniform) return sets * Math.max(0, value - setPrice);
    const at: number[] = offer.items.map(() => 0);
    const used: number[] = offer.items.map(() => 0);
    let off = 0;
    for (let set = 0; set < sets; set += 1) {
      let setValue = 0;
      for (let k = 0; k < offer.items.length; k += 1) {
        const lines = byKey.get(offer.items[k] ?? "") ?? NONE;
        let need = offer.quantities[k] ?? 1;
        while (need > 0) {
          const li = lines[at[k] ?? 0];
          if (li === undefined) break;
          const left = (cart.quantities[li] ?? 0) - (used[k] ?? 0);
          const take = need < left ? need : left;
          setValue += take * (cart.unitPrices[li] ?? 0);
          need -= take;
          used[k] = (used[k] ?? 0) + take;
          if (used[k] === cart.quantities[li]) {
            at[k] = (at[k] ?? 0) + 1;
            used[k] = 0;
          }
        }
      }
      off += Math.max(0, setValue - setPrice);
    }
    return off;
  }

  // Every gift compares the same subtotal: after line offers, before any gift, without its own lines.
  let lineOffersTook = 0;
  for (const amount of bestAmount) lineOffersTook += amount;
  const lineOfferAmounts = bestAmount.slice();
  for (const gift of gifts) {
    const own = byKey.get(gift.target) ?? NONE;
    let basis = subtotal - lineOffersTook;
    for (const li of own) basis -= (totals[li] ?? 0) - (lineOfferAmounts[li] ?? 0);
    if (!inForce(gift) || basis < gift.threshold) continue;
    const first = own[0];
    if (first === undefined) continue;
    add(gift, first, cart.unitPrices[first] ?? 0);
    close(gift);
  }

  // Each offer keeps the lines it won; a line's amount is its winner's.
  let taken = 0;
  let start = 0;
  for (let w = 0; w < wantOffer.length; w += 1) {
    const end = wantEnd[w] ?? start;
    const offerIndex = wantOffer[w];
    for (let e = start; e < end; e += 1) {
      const li = entryLine[e] ?? 0;
      const amount = entryAmount[e] ?? 0;
      if (amount <= 0 || bestOffer[li] !== offerIndex) continue;
      lineAmounts[li] = (lineAmounts[li] ?? 0) + amount;
      taken += amount;
    }
    start = end;
  }

  const after = subtotal - taken;
  const free: (string[] | null)[] = [];
  for (const offer of shipping) {
    if (inForce(offer) && after >= offer.threshold) free.push(offer.countries);
  }
  return {
    lineAmounts,
    freeShippingIn: (country) => {
      for (const countries of free) {
        if (countries === null || (country !== null && countries.includes(country))) return true;
      }
      return false;
    },
  };
}

const NONE: readonly number[] = [];
