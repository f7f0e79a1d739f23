/**
 * The analytics dashboard's figures, read from the rollups only (O(days × offers), never
 * O(orders)), and its CSV exports. Everything shown is measured: AOV per group with the holdout
 * comparison, the take rate, attributed revenue net of refunds, per-offer impressions and
 * acceptances, CLV by first-order cohort.
 */
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { isVariantRow, localDay } from "../analytics/order-facts";
import {
  compareAov,
  MIN_ORDERS_PER_GROUP,
  proportion,
  type AovComparison,
  type Interval,
} from "../analytics/stats";
import prisma from "../db.server";
import { formatMoney, minorDigits } from "../engine";
import { getShopFacts } from "./analytics-shop.server";
import { latestBackfill } from "./backfill.server";
import { openDataRequestCount } from "./compliance.server";
import { loadSuggestions } from "./pairs.server";
import { inboxHealth } from "./webhook-inbox.server";

export interface DateRange {
  from: string;
  to: string;
}

export { RANGE_PRESETS } from "../analytics/range";
const MAX_RANGE_DAYS = 3 * 366;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Ranges of this many days or more are charted by week. */
export const WEEKLY_FROM_DAYS = 90;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const rangeSchema = z
  .object({
    from: z.string().regex(DAY, "must be a date (YYYY-MM-DD)"),
    to: z.string().regex(DAY, "must be a date (YYYY-MM-DD)"),
  })
  .refine((r) => !Number.isNaN(Date.parse(r.from)) && !Number.isNaN(Date.parse(r.to)), {
    message: "is not a calendar date",
    path: ["from"],
  })
  .refine((r) => r.from <= r.to, { message: "must not be after the end date", path: ["from"] })
  .refine((r) => daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
    message: "covers more than three years",
    path: ["from"],
  });

export type RangeResult =
  { ok: true; range: DateRange } | { ok: false; error: string; range: DateRange };

/**
 * The range from the URL (`?from=&to=` or `?days=`), in the shop's calendar. Invalid input falls
 * back to the last 30 days with an error naming the field.
 */
export function parseRange(params: URLSearchParams, today: string): RangeResult {
  const fallback = { from: addDays(today, -29), to: today };
  const days = params.get("days");
  if (days !== null) {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > MAX_RANGE_DAYS) {
      return {
        ok: false,
        error: "days: must be a whole number of days, at most three years",
        range: fallback,
      };
    }
    return { ok: true, range: { from: addDays(today, -(n - 1)), to: today } };
  }
  const from = params.get("from");
  const to = params.get("to");
  if (from === null && to === null) return { ok: true, range: fallback };
  const parsed = rangeSchema.safeParse({ from: from ?? "", to: to ?? today });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `${issue?.path.join(".") || "range"}: ${issue?.message}`,
      range: fallback,
    };
  }
  return { ok: true, range: parsed.data };
}

export async function shopToday(shop: string, now = new Date()): Promise<string> {
  const { timeZone } = await getShopFacts(shop);
  return localDay(now, timeZone);
}

interface GroupTotals {
  orders: number;
  valueSum: number;
  valueSumSq: number;
  valueSumCube: number;
  valueSumQuad: number;
  acceptedOrders: number;
  attributed: number;
  shownOrders: number;
}

const emptyTotals = (): GroupTotals => ({
  orders: 0,
  valueSum: 0,
  valueSumSq: 0,
  valueSumCube: 0,
  valueSumQuad: 0,
  acceptedOrders: 0,
  attributed: 0,
  shownOrders: 0,
});

export interface OfferRow {
  offerId: string;
  impressions: number;
  acceptances: number;
  /** Acceptances / impressions, null without impressions. */
  acceptanceRate: number | null;
  revenue: number;
}

export interface TrendPoint {
  /** First day of the bucket (a day, or a week's Monday for long ranges). */
  period: string;
  treatmentAov: number | null;
  holdoutAov: number | null;
  treatmentOrders: number;
  holdoutOrders: number;
  attributed: number;
}

export interface CohortRow {
  month: string;
  treatment: { customers: number; revenuePerCustomer: number | null };
  holdout: { customers: number; revenuePerCustomer: number | null };
  /**
   * Treatment revenue per customer relative to the holdout's (0.05 = +5 %), only when both
   * groups have at least MIN_COHORT_CUSTOMERS customers: smaller groups differ by chance alone.
   */
  difference: number | null;
}

/** The same floor as the order-value comparison, counted in customers. */
export const MIN_COHORT_CUSTOMERS = MIN_ORDERS_PER_GROUP;

export interface Dashboard {
  range: DateRange;
  currency: string;
  /** Minor digits of the currency: every amount below is in minor units. */
  digits: number;
  hasOrders: boolean;
  treatment: { orders: number; aov: number | null };
  holdout: { orders: number; aov: number | null };
  /** Orders without `_ladder_group`: not seen by Ladder's checkout extension, excluded. */
  excludedOrders: number;
  comparison: AovComparison;
  takeRate: Interval | null;
  acceptedOrders: number;
  attributedRevenue: number;
  offers: OfferRow[];
  trendBucket: "day" | "week";
  trend: TrendPoint[];
}

function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -offset);
}

export async function loadDashboard(shop: string, range: DateRange): Promise<Dashboard> {
  const [facts, rows, anyOrder] = await Promise.all([
    getShopFacts(shop),
    prisma.dailyRollup.findMany({
      where: { shop, day: { gte: range.from, lte: range.to } },
      select: {
        day: true,
        group: true,
        offerId: true,
        orders: true,
        valueSum: true,
        valueSumSq: true,
        valueSumCube: true,
        valueSumQuad: true,
        acceptedOrders: true,
        attributed: true,
        impressions: true,
      },
    }),
    prisma.dailyRollup.findFirst({
      where: { shop, offerId: "", orders: { gt: 0 } },
      select: { day: true },
    }),
  ]);

  const groups = { treatment: emptyTotals(), holdout: emptyTotals(), none: emptyTotals() };
  const offers = new Map<string, OfferRow>();
  // From 90 days on, daily points are too many to read: one point per week.
  const bucket = daysBetween(range.from, range.to) + 1 >= WEEKLY_FROM_DAYS ? "week" : "day";
  const trend = new Map<
    string,
    { t: number; tn: number; h: number; hn: number; attributed: number }
  >();

  for (const row of rows) {
    const group = row.group === "treatment" || row.group === "holdout" ? row.group : "none";
    if (row.offerId === "") {
      const g = groups[group];
      g.orders += row.orders;
      g.valueSum += row.valueSum;
      g.valueSumSq += row.valueSumSq;
      g.valueSumCube += row.valueSumCube;
      g.valueSumQuad += row.valueSumQuad;
      g.acceptedOrders += row.acceptedOrders;
      g.attributed += row.attributed;
      g.shownOrders += row.impressions;
      const period = bucket === "week" ? weekStart(row.day) : row.day;
      const point = trend.get(period) ?? { t: 0, tn: 0, h: 0, hn: 0, attributed: 0 };
      if (group === "treatment") {
        point.t += row.valueSum;
        point.tn += row.orders;
      } else if (group === "holdout") {
        point.h += row.valueSum;
        point.hn += row.orders;
      }
      point.attributed += row.attributed;
      trend.set(period, point);
    } else if (group !== "holdout" && !isVariantRow(row.offerId)) {
      // Holdout buyers see no offers; their rows would only echo a misconfigured extension.
      // A/B copies' rows (`offerId#variantId`) repeat their offer's figures, per copy.
      const offer = offers.get(row.offerId) ?? {
        offerId: row.offerId,
        impressions: 0,
        acceptances: 0,
        acceptanceRate: null,
        revenue: 0,
      };
      offer.impressions += row.impressions;
      offer.acceptances += row.orders;
      offer.revenue += row.attributed;
      offers.set(row.offerId, offer);
    }
  }
  for (const offer of offers.values()) {
    offer.acceptanceRate = offer.impressions > 0 ? offer.acceptances / offer.impressions : null;
  }

  const sums = (g: GroupTotals) => ({
    n: g.orders,
    sum: g.valueSum,
    sumSq: g.valueSumSq,
    sumCube: g.valueSumCube,
    sumQuad: g.valueSumQuad,
  });
  const aov = (g: GroupTotals) => (g.orders > 0 ? g.valueSum / g.orders : null);
  return {
    range,
    currency: facts.currency,
    digits: minorDigits(facts.currency),
    hasOrders: anyOrder !== null,
    treatment: { orders: groups.treatment.orders, aov: aov(groups.treatment) },
    holdout: { orders: groups.holdout.orders, aov: aov(groups.holdout) },
    excludedOrders: groups.none.orders,
    comparison: compareAov(sums(groups.treatment), sums(groups.holdout)),
    takeRate: proportion(groups.treatment.acceptedOrders, groups.treatment.orders),
    acceptedOrders: groups.treatment.acceptedOrders,
    attributedRevenue:
      groups.treatment.attributed + groups.holdout.attributed + groups.none.attributed,
    offers: [...offers.values()].sort(
      (a, b) => b.revenue - a.revenue || a.offerId.localeCompare(b.offerId),
    ),
    trendBucket: bucket,
    trend: [...trend.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([period, p]) => ({
        period,
        treatmentAov: p.tn > 0 ? p.t / p.tn : null,
        holdoutAov: p.hn > 0 ? p.h / p.hn : null,
        treatmentOrders: p.tn,
        holdoutOrders: p.hn,
        attributed: p.attributed,
      })),
  };
}

/** CLV by month of first order: average lifetime revenue per customer, treatment vs holdout. */
export async function loadCohorts(
  shop: string,
  months = 12,
): Promise<{ currency: string; digits: number; minCustomers: number; cohorts: CohortRow[] }> {
  const [facts, rows] = await Promise.all([
    getShopFacts(shop),
    prisma.cohortRollup.findMany({
      where: { shop, group: { in: ["treatment", "holdout"] }, customers: { gt: 0 } },
      orderBy: { month: "desc" },
      take: months * 2,
    }),
  ]);
  const byMonth = new Map<string, CohortRow>();
  for (const row of rows) {
    const entry = byMonth.get(row.month) ?? {
      month: row.month,
      treatment: { customers: 0, revenuePerCustomer: null },
      holdout: { customers: 0, revenuePerCustomer: null },
      difference: null,
    };
    entry[row.group as "treatment" | "holdout"] = {
      customers: row.customers,
      revenuePerCustomer: row.customers > 0 ? row.revenue / row.customers : null,
    };
    byMonth.set(row.month, entry);
  }
  for (const entry of byMonth.values()) {
    const { treatment, holdout } = entry;
    const enough = Math.min(treatment.customers, holdout.customers) >= MIN_COHORT_CUSTOMERS;
    entry.difference =
      enough && treatment.revenuePerCustomer !== null && holdout.revenuePerCustomer
        ? treatment.revenuePerCustomer / holdout.revenuePerCustomer - 1
        : null;
  }
  return {
    currency: facts.currency,
    digits: minorDigits(facts.currency),
    minCustomers: MIN_COHORT_CUSTOMERS,
    cohorts: [...byMonth.values()].sort((a, b) => (a.month < b.month ? 1 : -1)).slice(0, months),
  };
}

export type ExportTable = "daily" | "offers";

/** CSV of the range: one row per day and group (daily), or one row per offer (offers). */
export async function exportCsv(
  shop: string,
  range: DateRange,
  table: ExportTable,
): Promise<string> {
  const facts = await getShopFacts(shop);
  const digits = minorDigits(facts.currency);
  const money = (minor: number) => formatMoney(Math.round(minor), digits);
  if (table === "offers") {
    const dashboard = await loadDashboard(shop, range);
    return stringify(
      dashboard.offers.map((o) => [
        o.offerId,
        o.impressions,
        o.acceptances,
        o.acceptanceRate === null ? "" : o.acceptanceRate.toFixed(4),
        money(o.revenue),
      ]),
      {
        header: true,
        columns: [
          "offer_id",
          "impressions",
          "acceptances",
          "acceptance_rate",
          `attributed_revenue_${facts.currency}`,
        ],
      },
    );
  }
  const rows = await prisma.dailyRollup.findMany({
    where: { shop, offerId: "", day: { gte: range.from, lte: range.to } },
    orderBy: [{ day: "asc" }, { group: "asc" }],
  });
  return stringify(
    rows
      .filter((r) => r.orders > 0)
      .map((r) => [
        r.day,
        r.group === "none" ? "excluded" : r.group,
        r.orders,
        money(r.valueSum),
        money(r.valueSum / r.orders),
        r.acceptedOrders,
        money(r.attributed),
        r.impressions,
      ]),
    {
      header: true,
      columns: [
        "date",
        "group",
        "orders",
        `revenue_${facts.currency}`,
        `aov_${facts.currency}`,
        "orders_with_accepted_offer",
        `attributed_revenue_${facts.currency}`,
        "orders_shown_an_offer",
      ],
    },
  );
}

/** Everything the home dashboard shows, for the range in the URL. */
export async function loadHomeDashboard(shop: string, params: URLSearchParams, now = new Date()) {
  const today = await shopToday(shop, now);
  const range = parseRange(params, today);
  const [dashboard, backfill, openDataRequests, offers] = await Promise.all([
    loadDashboard(shop, range.range),
    latestBackfill(shop),
    openDataRequestCount(shop),
    prisma.offer.findMany({ where: { shop }, select: { key: true, title: true } }),
  ]);
  // Offers are named as the merchant named them; a deleted offer keeps only its id.
  const offerTitles: Record<string, string> = Object.fromEntries(
    offers.map((o) => [o.key, o.title]),
  );
  return {
    today,
    rangeError: range.ok ? null : range.error,
    dashboard,
    backfill,
    openDataRequests,
    offerTitles,
  };
}

export interface OfferPerformance {
  impressions: number;
  acceptances: number;
  /** Attributed revenue net of refunds, minor units. */
  revenue: number;
}

/**
 * Each offer's figures over the last `days` days of the shop's calendar (treatment buyers; the
 * holdout sees no offers), keyed by offer id, with the currency to show amounts in.
 */
export async function offerPerformance(shop: string, days = 30, now = new Date()) {
  const [today, facts] = await Promise.all([shopToday(shop, now), getShopFacts(shop)]);
  const sums = await prisma.dailyRollup.groupBy({
    by: ["offerId"],
    where: {
      shop,
      day: { gte: addDays(today, -(days - 1)), lte: today },
      offerId: { not: "" },
      group: { not: "holdout" },
      // Per-copy rows (`offerId#variantId`) repeat their offer's figures.
      NOT: { offerId: { contains: "#" } },
    },
    _sum: { impressions: true, orders: true, attributed: true },
  });
  const byOffer: Record<string, OfferPerformance> = {};
  for (const row of sums) {
    byOffer[row.offerId] = {
      impressions: row._sum.impressions ?? 0,
      acceptances: row._sum.orders ?? 0,
      revenue: row._sum.attributed ?? 0,
    };
  }
  return { days, currency: facts.currency, digits: minorDigits(facts.currency), byOffer };
}

/** The Analytics page: CLV cohorts, product pair suggestions, order history import, webhook health. */
export async function loadAnalyticsPage(shop: string) {
  const [cohorts, suggestions, backfill, inbox] = await Promise.all([
    loadCohorts(shop),
    loadSuggestions(shop),
    latestBackfill(shop),
    inboxHealth(shop),
  ]);
  return { cohorts, suggestions, backfill, inbox };
}
