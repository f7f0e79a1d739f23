/**
 * Benchmark data: an SQLite database with N synthetic orders for one shop (a year, 200 products,
 * 10% holdout, offers shown and accepted) plus the rollups and cohort rows ingest keeps for them,
 * computed with the app's own `contribution()`. Written with multi-row raw inserts, because the
 * setup of a million orders through Prisma's createMany would take several minutes; cached under
 * .cache/bench/ so each size is built once.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import {
  accumulate,
  contribution,
  localDay,
  type RollupDelta,
} from "../../../app/analytics/order-facts";
import { seededRandom } from "../../../app/demo/orders";

export const BENCH_SHOP = "bench-shop.myshopify.com";
const CACHE = path.resolve(".cache", "bench");
const OFFERS = ["premium-wash", "lens-kit", "phone-case", "pralines", "tire-shine", "gift-box"];

/** Prisma's SQLite DateTime text form. */
function sqliteDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

export async function benchDatabase(orders: number, log = console.log): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `orders-${orders}.sqlite`);
  if (existsSync(file)) return file;
  const building = `${file}.building`;
  rmSync(building, { force: true });
  execFileSync(path.resolve("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${building}` },
    stdio: "pipe",
  });
  process.env.DATABASE_URL = `file:${building}`;
  const { PrismaClient } = await import("@prisma/client");
  const { createDriverAdapter } = await import("../../../app/db-adapter.server");
  const prisma = new PrismaClient({ adapter: createDriverAdapter(`file:${building}`) });

  const started = performance.now();
  const random = seededRandom(orders);
  const end = Date.UTC(2026, 10, 22);
  const start = end - 365 * 86_400_000;
  const deltas = new Map<string, RollupDelta>();
  const customers = new Map<
    number,
    { first: Date; month: string; group: string; orders: number; revenue: number }
  >();
  const columns = [
    "shop",
    "orderId",
    "name",
    "customerId",
    "createdAt",
    "sourceUpdatedAt",
    "day",
    "group",
    "cancelled",
    "lines",
    "basket",
    "value",
    "attributed",
    "accepted",
    "shown",
    "offerRevenue",
    "version",
  ];
  const placeholders = `(${columns.map(() => "?").join(",")})`;
  const insert = `INSERT INTO "AnalyticsOrder" (${columns.map((c) => `"${c}"`).join(",")}) VALUES `;
  const BATCH = 500;
  let batch: unknown[] = [];
  let rows = 0;
  const flush = async () => {
    if (rows === 0) return;
    await prisma.$executeRawUnsafe(insert + Array(rows).fill(placeholders).join(","), ...batch);
    batch = [];
    rows = 0;
  };

  await prisma.$executeRawUnsafe("BEGIN");
  for (let i = 0; i < orders; i++) {
    // Orders spread over the year in time order.
    const createdAt = new Date(start + Math.floor(((i + random()) / orders) * (end - start)));
    const day = localDay(createdAt, "UTC");
    const group = random() < 0.1 ? "holdout" : random() < 0.03 ? "none" : "treatment";
    const size = 1 + Math.floor(random() * random() * 5);
    const products = new Set<number>();
    const anchor = Math.floor(random() * 200);
    for (let k = 0; k < size; k++)
      products.add(random() < 0.6 ? (anchor + k) % 200 : Math.floor(random() * 200));
    const basket = [...products].map((p) => String(1000 + p)).sort();
    let value = 0;
    for (const _ of basket) value += 500 + Math.floor(random() * 9500);
    const shown =
      group === "treatment" && random() < 0.8 ? [OFFERS[anchor % OFFERS.length] ?? "gift-box"] : [];
    const accepted = shown.length > 0 && random() < 0.15 ? shown : [];
    const attributed = accepted.length > 0 ? Math.round(value * 0.3) : 0;
    const offerRevenue: Record<string, number> = {};
    for (const offer of accepted) offerRevenue[offer] = attributed;
    const customerId = random() < 0.3 ? null : 1 + Math.floor(random() * Math.max(10, orders / 4));
    accumulate(
      deltas,
      contribution({
        day,
        group: group as "treatment",
        cancelled: false,
        value,
        attributed,
        accepted,
        shown,
        offerRevenue,
      }),
      1,
    );
    if (customerId !== null) {
      const c = customers.get(customerId);
      if (c) {
        c.orders++;
        c.revenue += value;
      } else
        customers.set(customerId, {
          first: createdAt,
          month: day.slice(0, 7),
          group,
          orders: 1,
          revenue: value,
        });
    }
    batch.push(
      BENCH_SHOP,
      String(5_000_000 + i),
      `#${i}`,
      customerId === null ? null : String(customerId),
      sqliteDate(createdAt),
      sqliteDate(createdAt),
      day,
      group,
      0,
      "[]",
      basket.join(" "),
      value,
      attributed,
      accepted.join(","),
      shown.join(","),
      JSON.stringify(offerRevenue),
      0,
    );
    rows++;
    if (rows === BATCH) await flush();
    if ((i + 1) % 200_000 === 0) log(`  … ${i + 1} orders written`);
  }
  await flush();
  await prisma.$executeRawUnsafe("COMMIT");

  await prisma.dailyRollup.createMany({
    data: [...deltas.values()].map((d) => ({ shop: BENCH_SHOP, ...d })),
  });
  const cohorts = new Map<
    string,
    { month: string; group: string; customers: number; orders: number; revenue: number }
  >();
  for (const c of customers.values()) {
    const key = `${c.month}|${c.group}`;
    const row = cohorts.get(key) ?? {
      month: c.month,
      group: c.group,
      customers: 0,
      orders: 0,
      revenue: 0,
    };
    row.customers++;
    row.orders += c.orders;
    row.revenue += c.revenue;
    cohorts.set(key, row);
  }
  await prisma.cohortRollup.createMany({
    data: [...cohorts.values()].map((c) => ({ shop: BENCH_SHOP, ...c })),
  });
  await prisma.analyticsShop.create({
    data: { shop: BENCH_SHOP, currency: "USD", timeZone: "UTC" },
  });
  await prisma.$disconnect();
  renameSync(building, file);
  for (const suffix of ["-wal", "-shm"]) rmSync(`${building}${suffix}`, { force: true });
  log(`  built ${orders} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
