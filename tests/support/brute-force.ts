import prisma from "../../app/db.server";

/**
 * The rollups recomputed from scratch over the stored orders, written independently of the
 * ingest code: what the maintained rollups must equal.
 */
export async function bruteForceRollups(shop: string) {
  const orders = await prisma.analyticsOrder.findMany({ where: { shop, cancelled: false } });
  interface Row {
    day: string;
    group: string;
    offerId: string;
    orders: number;
    valueSum: number;
    valueSumSq: number;
    valueSumCube: number;
    valueSumQuad: number;
    acceptedOrders: number;
    attributed: number;
    impressions: number;
  }
  const rows = new Map<string, Row>();
  const row = (day: string, group: string, offerId: string): Row => {
    const key = `${day}|${group}|${offerId}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        day,
        group,
        offerId,
        orders: 0,
        valueSum: 0,
        valueSumSq: 0,
        valueSumCube: 0,
        valueSumQuad: 0,
        acceptedOrders: 0,
        attributed: 0,
        impressions: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const o of orders) {
    const accepted = o.accepted ? o.accepted.split(",") : [];
    const shown = o.shown ? o.shown.split(",") : [];
    const revenue = JSON.parse(o.offerRevenue) as Record<string, number>;
    const r = row(o.day, o.group, "");
    const value = Number(o.value);
    r.orders += 1;
    r.valueSum += value;
    r.valueSumSq += value ** 2;
    r.valueSumCube += value ** 3;
    r.valueSumQuad += value ** 4;
    r.acceptedOrders += accepted.length ? 1 : 0;
    r.attributed += Number(o.attributed);
    r.impressions += shown.length ? 1 : 0;
    for (const offer of new Set([...accepted, ...shown])) {
      const x = row(o.day, o.group, offer);
      x.orders += accepted.includes(offer) ? 1 : 0;
      x.attributed += revenue[offer] ?? 0;
      x.impressions += shown.includes(offer) ? 1 : 0;
    }
  }
  return [...rows.values()].sort(byKey);
}

/** The maintained rollups, without all-zero rows (left behind when an order moves). */
export async function storedRollups(shop: string) {
  const rows = await prisma.dailyRollup.findMany({ where: { shop } });
  return rows
    .filter(
      (r) =>
        r.orders || r.valueSum || r.valueSumSq || r.acceptedOrders || r.attributed || r.impressions,
    )
    .map(({ shop: _shop, ...r }) => r)
    .sort(byKey);
}

function byKey(
  a: { day: string; group: string; offerId: string },
  b: { day: string; group: string; offerId: string },
): number {
  const ka = `${String(a.day)}|${String(a.group)}|${String(a.offerId)}`;
  const kb = `${String(b.day)}|${String(b.group)}|${String(b.offerId)}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Cohort rollups from scratch: each customer's first order gives month and group. */
export async function bruteForceCohorts(shop: string) {
  const orders = await prisma.analyticsOrder.findMany({
    where: { shop, cancelled: false, NOT: { customerId: null } },
    orderBy: { createdAt: "asc" },
  });
  const first = new Map<
    string,
    { month: string; group: string; orders: number; revenue: number }
  >();
  for (const o of orders) {
    const c = first.get(o.customerId ?? "") ?? {
      month: o.day.slice(0, 7),
      group: o.group,
      orders: 0,
      revenue: 0,
    };
    c.orders += 1;
    c.revenue += Number(o.value);
    first.set(o.customerId ?? "", c);
  }
  const cohorts = new Map<
    string,
    { month: string; group: string; customers: number; orders: number; revenue: number }
  >();
  for (const c of first.values()) {
    const key = `${c.month}|${c.group}`;
    const x = cohorts.get(key) ?? {
      month: c.month,
      group: c.group,
      customers: 0,
      orders: 0,
      revenue: 0,
    };
    x.customers += 1;
    x.orders += c.orders;
    x.revenue += c.revenue;
    cohorts.set(key, x);
  }
  return [...cohorts.values()].sort((a, b) =>
    `${a.month}|${a.group}`.localeCompare(`${b.month}|${b.group}`),
  );
}

export async function storedCohorts(shop: string) {
  const rows = await prisma.cohortRollup.findMany({ where: { shop } });
  return rows
    .filter((r) => r.customers || r.orders || r.revenue)
    .map(({ shop: _shop, ...r }) => r)
    .sort((a, b) => `${a.month}|${a.group}`.localeCompare(`${b.month}|${b.group}`));
}

/** Empties every analytics table (the database is shared by the tests of one file). */
export async function clearAnalytics(): Promise<void> {
  await prisma.$transaction([
    prisma.dataRequest.deleteMany(),
    prisma.webhookEvent.deleteMany(),
    prisma.analyticsOrder.deleteMany(),
    prisma.analyticsRefund.deleteMany(),
    prisma.dailyRollup.deleteMany(),
    prisma.analyticsCustomer.deleteMany(),
    prisma.cohortRollup.deleteMany(),
    prisma.analyticsProduct.deleteMany(),
    prisma.productPair.deleteMany(),
    prisma.pairMiningRun.deleteMany(),
    prisma.backfillJob.deleteMany(),
    prisma.analyticsShop.deleteMany(),
    prisma.redactionTombstone.deleteMany(),
  ]);
}

type RollupRow = Awaited<ReturnType<typeof storedRollups>>[number];

/**
 * Rollups equal to brute force: counts and sums exactly; Σx³ and Σx⁴ (beyond 2^53, so adding and
 * later subtracting an order rounds) to a relative 1e-9.
 */
export function rollupMismatches(stored: RollupRow[], brute: RollupRow[]): string[] {
  const problems: string[] = [];
  if (stored.length !== brute.length)
    problems.push(`${stored.length} rows, expected ${brute.length}`);
  brute.forEach((b, i) => {
    const s = stored[i];
    const key = `${b.day}|${b.group}|${b.offerId}`;
    if (!s || `${s.day}|${s.group}|${s.offerId}` !== key) {
      problems.push(`row ${i}: expected ${key}`);
      return;
    }
    for (const field of [
      "orders",
      "valueSum",
      "valueSumSq",
      "acceptedOrders",
      "attributed",
      "impressions",
    ] as const) {
      if (s[field] !== b[field]) problems.push(`${key} ${field}: ${s[field]} ≠ ${b[field]}`);
    }
    for (const field of ["valueSumCube", "valueSumQuad"] as const) {
      const scale = Math.max(1, Math.abs(b[field]));
      if (Math.abs(s[field] - b[field]) / scale > 1e-9)
        problems.push(`${key} ${field}: ${s[field]} ≠ ${b[field]}`);
    }
  });
  return problems;
}
