/**
 * Mines the shop's order history for products bought together and keeps the strongest pairs for
 * the suggestions list. Reads only the baskets (distinct product sets) with their order counts.
 */
import { PairMiner, type ProductPairStat } from "../analytics/pairs";
import prisma from "../db.server";
import { findInChunks } from "./in-chunks.server";
import { getShopFacts } from "./analytics-shop.server";
import { fromDbInt } from "./db-integers.server";

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

export interface Suggestion extends ProductPairStat {
  titleA: string;
  titleB: string;
  /** The variant an offer would add, and its price (minor units), from the latest order. */
  variantB: string | null;
  unitPriceB: number | null;
  variantTitleB: string | null;
}

export async function loadSuggestions(shop: string, limit = 25) {
  const [run, pairs, facts] = await Promise.all([
    prisma.pairMiningRun.findUnique({ where: { shop } }),
    prisma.productPair.findMany({
      where: { shop },
      orderBy: [{ lift: "desc" }, { support: "desc" }, { confidence: "desc" }],
      take: limit,
    }),
    getShopFacts(shop),
  ]);
  const ids = [...new Set(pairs.flatMap((p) => [p.productA, p.productB]))];
  const products = new Map(
    (
      await findInChunks(ids, (chunk) =>
        prisma.analyticsProduct.findMany({ where: { shop, productId: { in: chunk } } }),
      )
    ).map((p) => [p.productId, p]),
  );
  const suggestions: Suggestion[] = pairs.map(({ shop: _shop, ...p }) => {
    const b = products.get(p.productB);
    return {
      ...p,
      titleA: products.get(p.productA)?.title ?? `Product ${p.productA}`,
      titleB: b?.title ?? `Product ${p.productB}`,
      variantB: b?.variantId ?? null,
      unitPriceB: b ? fromDbInt(b.unitPrice) : null,
      variantTitleB: b?.variantTitle ?? null,
    };
  });
  return { run, suggestions, minSupport: facts.minSupport, currency: facts.currency };
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
