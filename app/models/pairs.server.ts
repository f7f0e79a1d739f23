/**
 * Mines the shop's order history for products bought together and keeps the strongest pairs for
 * the suggestions list. Reads only the baskets (distinct product sets) with their order counts.
 */
import { PairMiner } from "../analytics/pairs";
import {
  offeredPairs,
  pairRows,
  type PairProduct,
  type PairRow,
} from "../analytics/pair-suggestions";
import { DEFAULT_SETTINGS } from "../engine";
import prisma from "../db.server";
import { findInChunks } from "./in-chunks.server";
import { getShopFacts } from "./analytics-shop.server";
import { fromDbInt } from "./db-integers.server";
import { getShopSetup } from "./shop-settings.server";

/** Pairs kept per shop (both directions count): enough for a long suggestions list. */
const KEEP_PAIRS = 200;

export interface MiningSummary {
  orders: number;
  pairs: number;
  minSupport: number;
}

export async function mineProductPairs(
  shop: string,
  { minSupport, since }: { minSupport?: number; since?: Date } = {},
): Promise<MiningSummary> {
  const support = minSupport ?? (await getShopFacts(shop)).minSupport;
  const miner = new PairMiner();
  // Identical baskets are grouped by the database, so each distinct basket crosses over once.
  const groups = await prisma.analyticsOrder.groupBy({
    by: ["basket"],
    where: { shop, cancelled: false, ...(since ? { createdAt: { gte: since } } : {}) },
    _count: { _all: true },
  });
  for (const group of groups) miner.add(group.basket, group._count._all);
  const { orders, pairs } = miner.result(support);
  const kept = pairs.slice(0, KEEP_PAIRS);
  await prisma.$transaction([
    prisma.productPair.deleteMany({ where: { shop } }),
    prisma.productPair.createMany({ data: kept.map((p) => ({ shop, ...p })) }),
    prisma.pairMiningRun.upsert({
      where: { shop },
      create: { shop, orders, minSupport: support, pairs: kept.length, computedAt: new Date() },
      update: { orders, minSupport: support, pairs: kept.length, computedAt: new Date() },
    }),
  ]);
  return { orders, pairs: kept.length, minSupport: support };
}

export type Suggestion = PairRow;

/**
 * The suggestions list: one row per pair of products (strongest first), oriented from the staple
 * to its add-on and never from a premium tier to a cheaper one (`anchorFirst`), with the offer
 * that already pairs them, if any.
 */
export async function loadSuggestions(shop: string, limit = 25) {
  const [run, pairs, facts, offers, setup] = await Promise.all([
    prisma.pairMiningRun.findUnique({ where: { shop } }),
    // Both directions of each pair are stored: twice the rows make `limit` pairs.
    prisma.productPair.findMany({
      where: { shop },
      orderBy: [{ lift: "desc" }, { support: "desc" }, { confidence: "desc" }],
      take: limit * 2,
    }),
    getShopFacts(shop),
    prisma.offer.findMany({
      where: { shop, kind: { in: ["cross-sell", "upgrade", "bundle", "gift"] } },
      select: { key: true, title: true, body: true },
    }),
    getShopSetup(shop),
  ]);
  const ids = [...new Set(pairs.flatMap((p) => [p.productA, p.productB]))];
  const products = new Map<string, PairProduct>(
    (
      await findInChunks(ids, (chunk) =>
        prisma.analyticsProduct.findMany({ where: { shop, productId: { in: chunk } } }),
      )
    ).map((p) => [
      p.productId,
      {
        title: p.title,
        variantId: p.variantId,
        variantTitle: p.variantTitle,
        unitPrice: fromDbInt(p.unitPrice),
      },
    ]),
  );
  const linked = offeredPairs(
    offers.map((o) => ({ key: o.key, title: o.title, body: parseBody(o.body) })),
  );
  const suggestions = pairRows(
    pairs.map(({ shop: _shop, ...p }) => p),
    products,
    linked,
    setup.settings.maxPriceRatio ?? DEFAULT_SETTINGS.maxPriceRatio,
  ).slice(0, limit);
  return { run, suggestions, minSupport: facts.minSupport, currency: facts.currency };
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function setMinSupport(shop: string, minSupport: number): Promise<void> {
  await prisma.analyticsShop.upsert({
    where: { shop },
    create: { shop, minSupport },
    update: { minSupport },
  });
}

/** The merchant's "Find pairs": keeps the new minimum support and mines with it. */
export async function mineWithMinSupport(shop: string, minSupport: number): Promise<MiningSummary> {
  await setMinSupport(shop, minSupport);
  return mineProductPairs(shop, { minSupport });
}
