import type { Minor, PercentUnits } from "./types";

/** Percent as integer millionths of the whole: 12.5 → 125000; 100 → 1000000. */
export const WHOLE: PercentUnits = 1_000_000;

export function toPercentUnits(percent: number): PercentUnits {
  return Math.round(percent * 10_000);
}

/**
 * `percent` of `amount`, rounded half-up to the minor unit, in exact integer arithmetic: the
 * amount is split so no intermediate product leaves the safe-integer range.
 */
export function percentOf(amount: Minor, percent: PercentUnits): Minor {
  const high = Math.floor(amount / WHOLE);
  const low = amount - high * WHOLE;
  const scaled = low * percent + WHOLE / 2;
  return high * percent + (scaled - (scaled % WHOLE)) / WHOLE;
}
