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
const TRUE_HOLDOUT_MEAN = Math.exp(MU + (SIGMA * SIGMA) / 2);
const TRUE_DIFFERENCE = TRUE_LIFT * TRUE_HOLDOUT_MEAN;

function normal(random: () => number): number {
  // Box–Muller
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function simulateStore(seed: number) {
  const random = seededRandom(seed);
  const orders = 1500 + Math.floor(random() * 3000); // 1.5k–4.5k orders, 10% held out
  const t = { n: 0, sum: 0, sumSq: 0, sumCube: 0, sumQuad: 0 };
  const h = { n: 0, sum: 0, sumSq: 0, sumCube: 0, sumQuad: 0 };
  for (let i = 0; i < orders; i++) {
    const base = Math.exp(MU + SIGMA * normal(random));
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

  it("is calibrated on a larger run too (2,000 stores: coverage within 1.5 points of 95%)", () => {
    const many = Array.from({ length: 2000 }, (_, i) => simulateStore(50_000 + i));
    const covered = (
      pick: (r: Extract<ReturnType<typeof compareAov>, { status: "ok" }>) => boolean,
    ) => many.filter((r) => r.status === "ok" && pick(r)).length / many.length;
    const difference = covered(
      (r) => r.difference.low <= TRUE_DIFFERENCE && TRUE_DIFFERENCE <= r.difference.high,
    );
    const relative = covered((r) => r.relative.low <= TRUE_LIFT && TRUE_LIFT <= r.relative.high);
    console.log(
      `2,000 stores: difference ${(difference * 100).toFixed(1)}%, lift ${(relative * 100).toFixed(1)}% coverage`,
    );
    for (const c of [difference, relative]) {
      expect(c).toBeGreaterThan(0.935);
      expect(c).toBeLessThan(0.965);
    }
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
