import { leanMoney } from "../../../app/engine/lean-format";
import { loadConfig, priceCart } from "./adapter";
import type {
  CartLinesDiscountsGenerateRunResult,
  CartLinesInput,
  ProductDiscountCandidate,
} from "./types";

const NOTHING: CartLinesDiscountsGenerateRunResult = { operations: [] };

/** Shopify refuses a function output over 20 kB (1 kB = 1000 bytes), applying nothing at all. */
export const OUTPUT_LIMIT = 20_000;
/** The JSON around one candidate's line id and amount, and around the whole list. */
const CANDIDATE_OVERHEAD = 75;
const OUTPUT_OVERHEAD = 84;

/**
 * The candidates that fit the output limit: all of them when they fit (every realistic cart),
 * else the largest discounts, in cart order. Only a cart of well over 150 discounted lines gets
 * here; applying most of the promise beats Shopify discarding an oversized output entirely.
 */
export function withinOutputLimit(
  candidates: ProductDiscountCandidate[],
): ProductDiscountCandidate[] {
  const size = (c: ProductDiscountCandidate) =>
    CANDIDATE_OVERHEAD +
    (c.targets[0]?.cartLine.id.length ?? 0) +
    c.value.fixedAmount.amount.length;
  let total = OUTPUT_OVERHEAD;
  for (const c of candidates) total += size(c);
  if (total <= OUTPUT_LIMIT) return candidates;
  const byAmount = candidates
    .map((candidate, position) => ({ candidate, position }))
    .sort(
      (a, b) =>
        Number(b.candidate.value.fixedAmount.amount) -
          Number(a.candidate.value.fixedAmount.amount) || a.position - b.position,
    );
  const kept: { candidate: ProductDiscountCandidate; position: number }[] = [];
  let used = OUTPUT_OVERHEAD;
  for (const entry of byAmount) {
    const next = used + size(entry.candidate);
    if (next > OUTPUT_LIMIT) break;
    used = next;
    kept.push(entry);
  }
  return kept.sort((a, b) => a.position - b.position).map((entry) => entry.candidate);
}

/**
 * Target `cart.lines.discounts.generate.run`: the engine's line discounts as product discount
 * candidates. One candidate per discounted line, its fixed amount what the engine gives that
 * line (the one offer taking the most off it, rule 14), so with the ALL strategy Shopify applies
 * exactly the engine's amount to each line. FIRST or MAXIMUM would apply a single candidate of
 * the whole list. No message: the cart shows the discount's title.
 */
export function cartLinesDiscountsGenerateRun(
  input: CartLinesInput,
): CartLinesDiscountsGenerateRunResult {
  try {
    // A discount without the product class (a merchant may edit it) must not discount lines.
    if (!input.discount.discountClasses.includes("PRODUCT")) return NOTHING;
    const config = loadConfig(input);
    if (!config) return NOTHING;
    const priced = priceCart(input, config, false);
    // In cart order, one per discounted line: the engine's amount for it.
    const candidates: ProductDiscountCandidate[] = [];
    for (let i = 0; i < priced.lineAmounts.length; i += 1) {
      const amount = priced.lineAmounts[i] ?? 0;
      if (amount <= 0) continue;
      candidates.push({
        targets: [{ cartLine: { id: priced.lineIds[i] ?? "" } }],
        value: { fixedAmount: { amount: leanMoney(amount, config.digits) } },
      });
    }
    if (candidates.length === 0) return NOTHING;
    return {
      operations: [
        {
          productDiscountsAdd: {
            selectionStrategy: "ALL",
            candidates: withinOutputLimit(candidates),
          },
        },
      ],
    };
  } catch {
    // Never break a checkout: no discount rather than an error.
    return NOTHING;
  }
}
