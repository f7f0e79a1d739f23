/**
 * Pair mining benchmark (budget: ≤ 10 s at 1 M orders, growth about linear). Times
 * `mineProductPairs` (read every basket a page at a time, count pairs, store the strongest) on
 * SQLite with 10 k, 100 k and 1 M orders, each size in a fresh process. Prints a table.
 * `npm run bench:pairs [-- sizes...]`
 */
import { execFileSync } from "node:child_process";
import { BENCH_SHOP, benchDatabase } from "./support/orders-db";

async function measure() {
  const { mineProductPairs } = await import("../../app/models/pairs.server");
  const runs: number[] = [];
  let summary = { orders: 0, pairs: 0, minSupport: 0 };
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    summary = await mineProductPairs(BENCH_SHOP, { minSupport: 0.0005 });
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(JSON.stringify({ ...summary, best: runs[0], median: runs[1] }));
}

async function main() {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  console.log(
    `Pair mining benchmark — Node ${process.version}, SQLite, min support 0.05%, median of 3 runs\n`,
  );
  const rows: string[] = [];
  let previous: { orders: number; median: number } | null = null;
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
      orders: number;
      pairs: number;
      best: number;
      median: number;
    };
    const growth = previous
      ? `${(r.median / previous.median).toFixed(1)}× for ${(orders / previous.orders).toFixed(0)}× orders`
      : "";
    rows.push(
      `${String(orders).padStart(9)} | ${String(r.pairs).padStart(5)} | ${(r.median / 1000).toFixed(2).padStart(8)} | ${(r.best / 1000).toFixed(2).padStart(7)} | ${growth}`,
    );
    previous = { orders, median: r.median };
  }
  console.log("\n   orders | pairs | median s |  best s | growth");
  for (const row of rows) console.log(row);
}

if (process.argv.includes("--measure")) await measure();
else await main();
