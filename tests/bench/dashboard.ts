/**
 * Dashboard loader benchmark (DESIGN §4: ≤ 300 ms at 1 M orders). Times the home loader's work
 * after authentication (`loadHomeDashboard`: range, rollups, holdout comparison, trend, backfill
 * status) for a 12-month range, on SQLite with 10 k, 100 k and 1 M orders, each size in a fresh
 * process. Prints a table; it reports figures, it does not fail on them.
 * `npm run bench:dashboard [-- sizes...]`
 */
import { execFileSync } from "node:child_process";
import { BENCH_SHOP, benchDatabase, percentile } from "./support/orders-db";

const WARMUP = 5;
const RUNS = 50;

async function measure() {
  const { loadHomeDashboard } = await import("../../app/models/analytics.server");
  const params = new URLSearchParams("days=365");
  const now = new Date(Date.UTC(2026, 10, 22, 12));
  let counted = 0;
  for (let i = 0; i < WARMUP; i++) {
    const { dashboard: d } = await loadHomeDashboard(BENCH_SHOP, params, now);
    counted = d.treatment.orders + d.holdout.orders + d.excludedOrders;
  }
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await loadHomeDashboard(BENCH_SHOP, params, now);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      counted,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times.at(-1),
    }),
  );
}

async function main() {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  console.log(
    `Dashboard loader benchmark — Node ${process.version}, SQLite, 12-month range, ${RUNS} runs after ${WARMUP} warm-up runs\n`,
  );
  const rows: string[] = [];
  for (const orders of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) {
    const file = await benchDatabase(orders);
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, "--measure"],
      {
        env: { ...process.env, DATABASE_URL: `file:${file}` },
        encoding: "utf8",
      },
    );
    const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as {
      counted: number;
      p50: number;
      p99: number;
      max: number;
    };
    rows.push(
      `${String(orders).padStart(9)} | ${String(r.counted).padStart(9)} | ${r.p50.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${r.max.toFixed(1).padStart(7)}`,
    );
  }
  console.log("\n   orders | in range  |  p50 ms |  p99 ms |  max ms");
  for (const row of rows) console.log(row);
}

if (process.argv.includes("--measure")) await measure();
else await main();
