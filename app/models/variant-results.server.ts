/**
 * An offer's A/B test: results per copy from the rollups (rows keyed `offerId#variantId`), and
 * ending the test by keeping one copy. Every query is scoped to the shop.
 */
import { compareVariants, type VariantComparison } from "../analytics/variant-stats";
import prisma from "../db.server";
import { minorDigits } from "../engine";
import type { AdminApi } from "../shopify/admin.server";
import { getShopFacts } from "./analytics-shop.server";
import { getOffer, saveOffer, type SaveOfferResult } from "./offers.server";

export interface VariantResultsView {
  currency: string;
  digits: number;
  comparison: VariantComparison;
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

function copiesOf(body: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(body.variants) ? body.variants.map(record) : [];
}

/**
 * Impressions, acceptances and attributed revenue (net of refunds) of each copy of an offer,
 * since the test began (treatment buyers: the holdout sees no offers), compared; null when the
 * offer has no copies.
 */
export async function variantResults(
  shop: string,
  key: string,
): Promise<VariantResultsView | null> {
  const offer = await getOffer(shop, key);
  if (!offer) return null;
  const ids = copiesOf(offer.body).flatMap((v) => (typeof v.id === "string" ? [v.id] : []));
  if (ids.length === 0) return null;
  const [facts, sums] = await Promise.all([
    getShopFacts(shop),
    prisma.dailyRollup.groupBy({
      by: ["offerId"],
      where: {
        shop,
        offerId: { in: ids.map((id) => `${key}#${id}`) },
        group: { not: "holdout" },
      },
      _sum: { impressions: true, orders: true, attributed: true },
    }),
  ]);
  const byRef = new Map(sums.map((s) => [s.offerId, s._sum]));
  const comparison = compareVariants(
    ids.map((id) => {
      const sum = byRef.get(`${key}#${id}`);
      return {
        variantId: id,
        impressions: sum?.impressions ?? 0,
        acceptances: sum?.orders ?? 0,
        revenue: sum?.attributed ?? 0,
      };
    }),
  );
  return { currency: facts.currency, digits: minorDigits(facts.currency), comparison };
}

/**
 * Ends the test by making one copy the offer's only one: its headline, reason and (cross-sell)
 * product replace the offer's where it has its own; the copies are removed. Saved like any edit.
 */
export async function keepVariant(
  shop: string,
  admin: AdminApi,
  key: string,
  variantId: string,
): Promise<SaveOfferResult> {
  const offer = await getOffer(shop, key);
  if (!offer) return { ok: false, notFound: true };
  const kept = copiesOf(offer.body).find((v) => v.id === variantId);
  if (!kept) {
    return { ok: false, problems: [{ path: "variants", message: `no variant "${variantId}"` }] };
  }
  const { variants: _ended, ...body } = offer.body;
  void _ended;
  for (const field of ["message", "why", "item"] as const) {
    if (kept[field] !== undefined) body[field] = kept[field];
  }
  return saveOffer(shop, admin, key, body);
}
