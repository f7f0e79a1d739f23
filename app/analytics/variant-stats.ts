/**
 * Results of an A/B test between copies of one offer, from per-copy sums (impressions,
 * acceptances, attributed revenue) so it runs on rollups.
 *
 * - Take rate per copy: Wilson score interval (`proportion`).
 * - Difference between the leading copy and the runner-up: Newcombe's hybrid score interval
 *   (method 10), built from the two Wilson intervals; it keeps its coverage near 95% at the low
 *   take rates and modest samples offers see, where the plain Wald interval falls short.
 * - Probability that each copy is best: the take rates' posteriors under a uniform prior
 *   (Beta(x + 1, n − x + 1)) approximated by normals, integrated numerically: deterministic, so
 *   the page shows the same figure on every load.
 * - Verdict: a winner only when the difference's interval excludes zero; otherwise how many more
 *   impressions would show the observed difference (at least one point) with 80% power.
 */
import jStat from "jstat";
import { proportion, type Interval } from "./stats";

export interface VariantSums {
  variantId: string;
  impressions: number;
  acceptances: number;
  /** Attributed revenue net of refunds, minor units. */
  revenue: number;
}

export interface VariantResult extends VariantSums {
  takeRate: Interval | null;
  /** Probability that this copy has the highest take rate; null before any impression. */
  probabilityBest: number | null;
}

export type VariantVerdict =
  | {
      status: "winner";
      winner: string;
      runnerUp: string;
      /** Winner's take rate − runner-up's, as fractions (0.021 = 2.1 points). */
      difference: Interval;
      text: string;
    }
  | {
      status: "alike";
      difference: Interval;
      text: string;
    }
  | {
      status: "undecided";
      /** Leader − runner-up, when both have impressions. */
      difference: Interval | null;
      moreImpressions: number | null;
      text: string;
    };

export interface VariantComparison {
  variants: VariantResult[];
  verdict: VariantVerdict;
  confidence: number;
}

/** Below this many impressions per copy no verdict is given, whatever the interval says. */
export const MIN_IMPRESSIONS_PER_VARIANT = 100;
/** Smallest difference worth sizing a test for (one point of take rate). */
const SMALLEST_DIFFERENCE = 0.01;
/** Intervals within ± this mean the copies take about the same. */
const NEGLIGIBLE = 0.005;
const POWER = 0.8;

const zFor = (confidence: number) => jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);

/** Newcombe's hybrid score interval for p₁ − p₂. */
export function differenceInterval(
  a: Pick<VariantSums, "impressions" | "acceptances">,
  b: Pick<VariantSums, "impressions" | "acceptances">,
  confidence = 0.95,
): Interval | null {
  const ia = proportion(a.acceptances, a.impressions, confidence);
  const ib = proportion(b.acceptances, b.impressions, confidence);
  if (!ia || !ib) return null;
  const d = ia.estimate - ib.estimate;
  return {
    estimate: d,
    low: d - Math.sqrt((ia.estimate - ia.low) ** 2 + (ib.high - ib.estimate) ** 2),
    high: d + Math.sqrt((ia.high - ia.estimate) ** 2 + (ib.estimate - ib.low) ** 2),
  };
}

/** P(each copy's take rate is the highest), by normal approximation of Beta posteriors. */
export function probabilityBest(variants: readonly VariantSums[]): number[] {
  const posts = variants.map((v) => {
    const mean = (v.acceptances + 1) / (v.impressions + 2);
    return { mean, sd: Math.sqrt((mean * (1 - mean)) / (v.impressions + 3)) };
  });
  const [a, b] = posts;
  if (posts.length === 2 && a && b) {
    // Two copies: the difference of two normals is normal, no integration needed.
    const spread = Math.sqrt(a.sd ** 2 + b.sd ** 2);
    const pA = spread > 0 ? jStat.normal.cdf(a.mean - b.mean, 0, spread) : 0.5;
    return [pA, 1 - pA];
  }
  const sdMax = Math.max(...posts.map((p) => p.sd));
  const from = Math.min(...posts.map((p) => p.mean)) - 8 * sdMax;
  const to = Math.max(...posts.map((p) => p.mean)) + 8 * sdMax;
  const steps = 600; // Simpson's rule, even number of intervals
  const h = (to - from) / steps;
  const raw = posts.map((own, i) => {
    let sum = 0;
    for (let k = 0; k <= steps; k += 1) {
      const t = from + k * h;
      let f = jStat.normal.pdf(t, own.mean, own.sd);
      posts.forEach((other, j) => {
        if (j !== i) f *= jStat.normal.cdf(t, other.mean, other.sd);
      });
      sum += f * (k === 0 || k === steps ? 1 : k % 2 === 1 ? 4 : 2);
    }
    return (sum * h) / 3;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((p) => (total > 0 ? p / total : 1 / raw.length));
}

const points = (fraction: number) => (fraction * 100).toFixed(1);

/** About this many, rounded to two significant figures ("about 4,200"). */
function roughly(n: number): number {
  if (n < 100) return Math.ceil(n / 10) * 10;
  const scale = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.ceil(n / scale) * scale;
}

/** Compares the copies of one offer (in the offer's order; ties go to the first listed). */
export function compareVariants(
  variants: readonly VariantSums[],
  confidence = 0.95,
): VariantComparison {
  const seen = variants.some((v) => v.impressions > 0);
  const best = seen ? probabilityBest(variants) : [];
  const results: VariantResult[] = variants.map((v, i) => ({
    ...v,
    takeRate: proportion(v.acceptances, v.impressions, confidence),
    probabilityBest: seen ? (best[i] ?? null) : null,
  }));
  const verdict = verdictOf(results, confidence);
  return { variants: results, verdict, confidence };
}

function verdictOf(results: readonly VariantResult[], confidence: number): VariantVerdict {
  const ranked = [...results].sort(
    (a, b) => (b.takeRate?.estimate ?? -1) - (a.takeRate?.estimate ?? -1),
  );
  const [leader, runnerUp] = ranked;
  if (!leader || !runnerUp || leader.impressions === 0 || runnerUp.impressions === 0) {
    return {
      status: "undecided",
      difference: null,
      moreImpressions: null,
      text: "no clear winner yet: every copy needs impressions first",
    };
  }
  const difference = differenceInterval(leader, runnerUp, confidence);
  if (!difference) {
    return { status: "undecided", difference: null, moreImpressions: null, text: "no data yet" };
  }
  const enough = results.every((v) => v.impressions >= MIN_IMPRESSIONS_PER_VARIANT);
  const pct = Math.round(confidence * 100);
  if (enough && difference.low > 0) {
    return {
      status: "winner",
      winner: leader.variantId,
      runnerUp: runnerUp.variantId,
      difference,
      text:
        `${leader.variantId} takes ${points(difference.estimate)} points more, ` +
        `${pct}% interval ${points(difference.low)} to ${points(difference.high)}: ` +
        `keep ${leader.variantId}`,
    };
  }
  if (enough && difference.low > -NEGLIGIBLE && difference.high < NEGLIGIBLE) {
    return {
      status: "alike",
      difference,
      text: `no meaningful difference: the copies take within ${points(NEGLIGIBLE)} points of each other; keep either`,
    };
  }
  const more = moreImpressionsNeeded(results, leader, runnerUp, confidence);
  return {
    status: "undecided",
    difference,
    moreImpressions: more,
    text: `no clear winner yet: about ${more.toLocaleString("en-US")} more impressions needed`,
  };
}

/**
 * Impressions still to come (all copies together, at their current shares) before a difference
 * the size of the observed one (at least one point) would show with 80% power.
 */
function moreImpressionsNeeded(
  results: readonly VariantResult[],
  leader: VariantResult,
  runnerUp: VariantResult,
  confidence: number,
): number {
  const p1 = leader.takeRate?.estimate ?? 0;
  const p2 = runnerUp.takeRate?.estimate ?? 0;
  const d = Math.max(Math.abs(p1 - p2), SMALLEST_DIFFERENCE);
  // At least a 1% take rate's variance, so a copy nobody has taken yet still sizes honestly.
  const variance = Math.max(p1 * (1 - p1), 0.0099) + Math.max(p2 * (1 - p2), 0.0099);
  const z = zFor(confidence) + jStat.normal.inv(POWER, 0, 1);
  const perCopy = Math.max(MIN_IMPRESSIONS_PER_VARIANT, Math.ceil((z * z * variance) / (d * d)));
  let more = 0;
  for (const v of results) more += Math.max(0, perCopy - v.impressions);
  // Sized already yet still undecided (chance): a fifth more of what there is.
  if (more === 0) more = Math.ceil(results.reduce((s, v) => s + v.impressions, 0) / 5);
  return roughly(more);
}
