import prisma from "../db.server";
import type { ShopFacts } from "../analytics/payloads";

export const DEFAULT_MIN_SUPPORT = 0.005;

/** The shop's currency and time zone as last learnt (USD / UTC until the first backfill). */
export async function getShopFacts(shop: string): Promise<ShopFacts & { minSupport: number }> {
  const row = await prisma.analyticsShop.findUnique({ where: { shop } });
  return {
    currency: row?.currency ?? "USD",
    timeZone: row?.timeZone ?? "UTC",
    minSupport: row?.minSupport ?? DEFAULT_MIN_SUPPORT,
  };
}

export async function saveShopFacts(
  shop: string,
  facts: Partial<ShopFacts> & { minSupport?: number },
): Promise<void> {
  await prisma.analyticsShop.upsert({
    where: { shop },
    create: { shop, ...facts },
    update: facts,
  });
}
