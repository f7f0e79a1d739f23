/**
 * Do the A/B results mean what they say? 1,000 simulated tests of two copies of an offer with a
 * known difference in take rate; each store shows the offer a random number of times, split 50/50.
 * Seeds are fixed, so the figures printed below repeat exactly.
 */
import { describe, expect, it } from "vitest";
import { compareVariants, differenceInterval } from "../../app/analytics/variant-stats";
import { seededRandom } from "../../app/demo/orders";

const RUNS = 1000;
// 1,000 simulated stores take a while on a busy machine: a generous bound, not a speed check.
const SLOW = 300_000;

/** Binomial draw by summing Bernoulli trials (n is at most a few thousand). */
function binomial(random: () => number, n: number, p: number): number {
  let x = 0;
  for (let i = 0; i < n; i += 1) if (random() < p) x += 1;
  return x;
}

function simulate(seed: number, rateA: number, rateB: number, minShown: number, spread: number) {
  const random = seededRandom(seed);
  const impressions = minShown + Math.floor(random() * spread);
  const nA = binomial(random, impressions, 0.5);
  const nB = impressions - nA;
  return [
    { variantId: "A", impressions: nA, acceptances: binomial(random, nA, rateA), revenue: 0 },
    { variantId: "B", impressions: nB, acceptances: binomial(random, nB, rateB), revenue: 0 },
  ] as const;
}

describe.each([
  // rate A, rate B, impressions from, spread
  [0.08, 0.1, 800, 2400],
  [0.03, 0.045, 400, 1200],
  [0.2, 0.2, 300, 900],
])("two copies taking %s vs %s over %s+ impressions", (rateA, rateB, minShown, spread) => {
  const truth = rateB - rateA;
  const runs = Array.from({ length: RUNS }, (_, i) =>
    simulate(7000 + i, rateA, rateB, minShown, spread),
  );

  it(
    "the 95% interval of the difference covers the truth in ≥ 94% of 1,000 runs",
    () => {
      const covered = runs.filter(([a, b]) => {
        const d = differenceInterval(b, a);
        return d !== null && d.low <= truth && truth <= d.high;
      }).length;
      console.log(
        `A/B take rates ${rateA} vs ${rateB}: 95% interval of B − A covered the truth in ${covered}/${RUNS} runs (${((100 * covered) / RUNS).toFixed(1)}%)`,
      );
      expect(covered / RUNS).toBeGreaterThanOrEqual(0.94);
    },
    SLOW,
  );

  it(
    "names a wrong or unwarranted winner no more often than the interval allows",
    () => {
      const wrong = runs.filter(([a, b]) => {
        const v = compareVariants([a, b]).verdict;
        return v.status === "winner" && (truth > 0 ? v.winner === "A" : true);
      }).length;
      console.log(
        `A/B ${rateA} vs ${rateB}: a wrong or unwarranted winner in ${wrong}/${RUNS} runs`,
      );
      // Equal copies: a 95% interval misses zero in 5% of runs, ± Monte-Carlo error (2 SD ≈ 1.4
      // points over 1,000 runs). Unequal copies: the worse one should (almost) never win.
      expect(wrong / RUNS).toBeLessThanOrEqual(truth === 0 ? 0.065 : 0.01);
    },
    SLOW,
  );
});

describe("a large difference (5% vs 10% over 2,000–4,000 impressions)", () => {
  const runs = Array.from({ length: RUNS }, (_, i) => simulate(9000 + i, 0.05, 0.1, 2000, 2000));

  it(
    "the verdict picks the true winner, and the probability-best agrees",
    () => {
      const verdicts = runs.map(([a, b]) => compareVariants([a, b]));
      const picked = verdicts.filter(
        (c) => c.verdict.status === "winner" && c.verdict.winner === "B",
      ).length;
      const confident = verdicts.filter((c) => (c.variants[1]?.probabilityBest ?? 0) > 0.95).length;
      console.log(
        `A/B 0.05 vs 0.10: verdict "keep B" in ${picked}/${RUNS} runs; P(B best) > 95% in ${confident}/${RUNS}`,
      );
      expect(picked / RUNS).toBeGreaterThanOrEqual(0.99);
      expect(confident / RUNS).toBeGreaterThanOrEqual(0.99);
    },
    SLOW,
  );
});

describe("verdict texts", () => {
  it("names the winner with the difference and its interval in points", () => {
    const c = compareVariants([
      { variantId: "A", impressions: 4000, acceptances: 400, revenue: 0 },
      { variantId: "B", impressions: 4000, acceptances: 520, revenue: 0 },
    ]);
    expect(c.verdict.status).toBe("winner");
    expect(c.verdict.text).toMatch(
      /^B takes 3\.0 points more, 95% interval \d\.\d to \d\.\d: keep B$/,
    );
    const [a, b] = c.variants;
    expect((a?.probabilityBest ?? 0) + (b?.probabilityBest ?? 0)).toBeCloseTo(1, 6);
    expect(b?.probabilityBest).toBeGreaterThan(0.99);
  });

  it("asks for more impressions when the interval includes zero", () => {
    const c = compareVariants([
      { variantId: "A", impressions: 300, acceptances: 30, revenue: 0 },
      { variantId: "B", impressions: 300, acceptances: 36, revenue: 0 },
    ]);
    expect(c.verdict.status).toBe("undecided");
    expect(c.verdict.text).toMatch(/^no clear winner yet: about [\d,]+ more impressions needed$/);
    if (c.verdict.status === "undecided") expect(c.verdict.moreImpressions).toBeGreaterThan(1000);
  });

  it("says so when nobody has seen a copy yet", () => {
    const c = compareVariants([
      { variantId: "A", impressions: 0, acceptances: 0, revenue: 0 },
      { variantId: "B", impressions: 0, acceptances: 0, revenue: 0 },
    ]);
    expect(c.verdict.status).toBe("undecided");
    expect(c.variants.map((v) => v.probabilityBest)).toEqual([null, null]);
  });

  it("equal copies with plenty of impressions take about the same", () => {
    const c = compareVariants([
      { variantId: "A", impressions: 200_000, acceptances: 20_000, revenue: 0 },
      { variantId: "B", impressions: 200_000, acceptances: 20_050, revenue: 0 },
    ]);
    expect(c.verdict.status).toBe("alike");
  });

  it("three copies: the probabilities sum to one and the best is most likely best", () => {
    const c = compareVariants([
      { variantId: "A", impressions: 1000, acceptances: 100, revenue: 0 },
      { variantId: "B", impressions: 1000, acceptances: 130, revenue: 0 },
      { variantId: "C", impressions: 1000, acceptances: 90, revenue: 0 },
    ]);
    const p = c.variants.map((v) => v.probabilityBest ?? 0);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
    expect(Math.max(...p)).toBe(p[1]);
  });
});
