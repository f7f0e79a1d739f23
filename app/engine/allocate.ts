import type { Minor } from "./types";

/**
 * Spreads `total` over `weights` in proportion, in whole minor units, so the parts sum exactly to
 * `total` (largest remainder; ties go to the earlier weight). With total ≤ Σ weights no part
 * exceeds its weight, which is what keeps a discount within each line's total.
 */
export function allocate(total: Minor, weights: readonly Minor[]): Minor[] {
  if (weights.length === 1) return [total]; // the common case: one line per offer
  const sum = weights.reduce((acc, w) => acc + w, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const exact = Number.isSafeInteger(total * sum);
  const parts: Minor[] = [];
  const remainders: { index: number; remainder: bigint | number }[] = [];
  let given = 0;
  weights.forEach((weight, index) => {
    let part: number;
    let remainder: bigint | number;
    if (exact) {
      const numerator = total * weight;
      remainder = numerator % sum;
      part = (numerator - remainder) / sum;
    } else {
      const numerator = BigInt(total) * BigInt(weight);
      const big = BigInt(sum);
      remainder = numerator % big;
      part = Number(numerator / big);
    }
    parts.push(part);
    remainders.push({ index, remainder });
    given += part;
  });
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (let k = 0; k < total - given; k += 1) {
    const slot = remainders[k];
    if (slot) parts[slot.index] = (parts[slot.index] ?? 0) + 1;
  }
  return parts;
}
