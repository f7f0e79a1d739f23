/**
 * Does the reported 95% interval mean what it says? 200 simulated stores with a known true effect
 * (treatment buyers accept an offer in 12% of orders, worth half their basket: +6% AOV), order
 * values skewed like real ones (log-normal). Seeds are fixed, so the figures below repeat exactly.
 */
import { describe, expect, it } from "vitest";
import { compareAov } from "../../app/analytics/stats";
import { seededRandom } from "../../app/demo/orders";

const STORES = 200;
const TAKE_RATE = 0.12;
const OFFER_SHARE = 0.5;
const TRUE_LIFT = TAKE_RATE * OFFER_SHARE;
// log-normal(μ, σ) basket in cents: mean = exp(μ + σ²/2)
const MU = Math.log(8000);
const SIGMA = 0.6;
const trueDifference = (sigma: number) => TRUE_LIFT * Math.exp(MU + (sigma * sigma) / 2);
const TRUE_DIFFERENCE = trueDifference(SIGMA);

function normal(random: () => number): number {
  // Box–Muller
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function simulateStore(seed: number, sigma = SIGMA) {
  const random = seededRandom(seed);
  const orders = 1500 + Math.floor(random() * 3000); // 1.5k–4.5k orders, 10% held out
  const t = { n: 0, sum: 0, sumSq: 0, sumCube: 0, sumQuad: 0 };
  const h = { n: 0, sum: 0, sumSq: 0, sumCube: 0, sumQuad: 0 };
  for (let i = 0; i < orders; i++) {
    const base = Math.exp(MU + sigma * normal(random));
    const holdout = random() < 0.1;
    const value = Math.round(!holdout && random() < TAKE_RATE ? base * (1 + OFFER_SHARE) : base);
    const g = holdout ? h : t;
    g.n++;
    g.sum += value;
    g.sumSq += value * value;
    g.sumCube += value ** 3;
    g.sumQuad += value ** 4;
  }
  return compareAov(t, h);
}

const results = Array.from({ length: STORES }, (_, i) => simulateStore(1000 + i));
const ok = results.flatMap((r) => (r.status === "ok" ? [r] : []));

describe(`holdout comparison over ${STORES} simulated stores (true lift +${TRUE_LIFT * 100}%)`, () => {
  it("reports an interval for every store with enough orders", () => {
    expect(ok).toHaveLength(STORES);
  });

  it("the 95% interval of the AOV difference (Welch) covers the truth in ≥ 95% of stores", () => {
    const covered = ok.filter(
      (r) => r.difference.low <= TRUE_DIFFERENCE && TRUE_DIFFERENCE <= r.difference.high,
    ).length;
    console.log(`AOV difference: 95% interval covered the truth in ${covered}/${STORES} stores`);
    expect(covered / STORES).toBeGreaterThanOrEqual(0.95);
  });

  it("the 95% interval of the relative lift (Fieller) covers the truth in ≥ 95% of stores", () => {
    const covered = ok.filter(
      (r) => r.relative.low <= TRUE_LIFT && TRUE_LIFT <= r.relative.high,
    ).length;
    console.log(`Relative lift: 95% interval covered the truth in ${covered}/${STORES} stores`);
    expect(covered / STORES).toBeGreaterThanOrEqual(0.95);
  });

  it("the point estimates are unbiased (mean error small against the spread)", () => {
    const diffErrors = ok.map((r) => r.difference.estimate - TRUE_DIFFERENCE);
    const liftErrors = ok.map((r) => r.relative.estimate - TRUE_LIFT);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
    console.log(
      `mean error: difference ${(mean(diffErrors) / 100).toFixed(3)} (sd ${(sd(diffErrors) / 100).toFixed(2)}), ` +
        `lift ${(mean(liftErrors) * 100).toFixed(3)} points (sd ${(sd(liftErrors) * 100).toFixed(2)})`,
    );
    // Unbiased: the mean error is within 3 standard errors of the mean (sd/√200) of zero...
    expect(Math.abs(mean(diffErrors))).toBeLessThan((3 * sd(diffErrors)) / Math.sqrt(STORES));
    expect(Math.abs(mean(liftErrors))).toBeLessThan((3 * sd(liftErrors)) / Math.sqrt(STORES));
    // ...and small in business terms: under half a percentage point of lift.
    expect(Math.abs(mean(liftErrors))).toBeLessThan(0.005);
  });

  // Monte-Carlo error of a coverage estimate over 10,000 stores: √(0.95 · 0.05 / 10,000) ≈ 0.22
  // points. The band is 95% − 2 and + 3 standard errors: under-coverage is what misleads a merchant.
  const coverageOver = (stores: number, firstSeed: number, sigma: number) => {
    const truth = trueDifference(sigma);
    const runs = Array.from({ length: stores }, (_, i) => simulateStore(firstSeed + i, sigma));
    const reported = runs.flatMap((r) => (r.status === "ok" ? [r] : []));
    const rate = (pick: (r: (typeof reported)[number]) => boolean) =>
      reported.filter(pick).length / reported.length;
    return {
      reported: reported.length,
      difference: rate((r) => r.difference.low <= truth && truth <= r.difference.high),
      differenceLow: rate((r) => truth < r.difference.low),
      relative: rate((r) => r.relative.low <= TRUE_LIFT && TRUE_LIFT <= r.relative.high),
    };
  };
  const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

  it("is calibrated over 10,000 stores: coverage within Monte-Carlo error of 95%", () => {
    const stores = 10_000;
    const { reported, difference, differenceLow, relative } = coverageOver(stores, 50_000, SIGMA);
    expect(reported).toBe(stores);
    const standardError = Math.sqrt((0.95 * 0.05) / stores);
    console.log(
      `10,000 stores: difference ${percent(difference)} (truth below the interval in ${percent(differenceLow)}), ` +
        `lift ${percent(relative)} coverage; Monte-Carlo standard error ${percent(standardError)}`,
    );
    for (const c of [difference, relative]) {
      expect(c).toBeGreaterThanOrEqual(0.95 - 2 * standardError);
      expect(c).toBeLessThanOrEqual(0.95 + 3 * standardError);
    }
    // Misses fall on both sides about equally: the skew correction centres the interval.
    expect(differenceLow / (1 - difference)).toBeGreaterThan(0.4);
    expect(differenceLow / (1 - difference)).toBeLessThan(0.6);
  });

  it("stays close to 95% for much more skewed order values (log-normal σ = 1, 2,000 stores)", () => {
    const { reported, difference, relative } = coverageOver(2_000, 90_000, 1);
    console.log(
      `σ = 1: ${reported} of 2,000 stores had an interval; difference ${percent(difference)}, lift ${percent(relative)} coverage`,
    );
    // A heavier tail than the skew corrections absorb at a few hundred holdout orders (the sample
    // skewness understates it): 93.2% measured, with or without the second-order term.
    expect(reported).toBeGreaterThan(1_900);
    for (const c of [difference, relative]) expect(c).toBeGreaterThan(0.92);
  });

  it("says plainly when there is not enough data", () => {
    const few = compareAov(
      { n: 40, sum: 40 * 9000, sumSq: 40 * 9000 ** 2 + 1e9 },
      { n: 3, sum: 27000, sumSq: 3 * 9000 ** 2 },
    );
    expect(few).toMatchObject({ status: "insufficient" });
    expect(few.status === "insufficient" && few.reason).toMatch(/holdout has 3/);
  });
});
