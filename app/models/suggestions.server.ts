/**
 * A mined pair → a draft cross-sell offer ("bought A? add B"). The offer is built here and handed
 * to the offers model's `createOffer(shop, offer)`, which validates it with the config schema and
 * stores it as a draft for the merchant to review.
 */
import type { Offer } from "../engine";
import { minorDigits } from "../engine";
import prisma from "../db.server";
import { lookupCatalog } from "../shopify/catalog.server";
import type { AdminApi } from "../shopify/admin.server";
import { getShopFacts } from "./analytics-shop.server";
import { createOffer } from "./offers.server";

export type CreateOffer = (shop: string, offer: Offer) => Promise<{ id: string }>;

export class SuggestionNotFoundError extends Error {
  constructor(why = "That suggestion is no longer available.") {
    super(`${why} Refresh the suggestions and try again.`);
    this.name = "SuggestionNotFoundError";
  }
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "cross-sell"
  );
}

/**
 * The draft for a mined pair, with the offered variant's title and price as Shopify has them now
 * (orders remember what was paid back then; an offer must quote today's price).
 */
export async function draftCrossSellFromPair(
  shop: string,
  productA: string,
  productB: string,
  admin: AdminApi,
): Promise<Offer> {
  const [pair, a, b, facts] = await Promise.all([
    prisma.productPair.findUnique({
      where: { shop_productA_productB: { shop, productA, productB } },
    }),
    prisma.analyticsProduct.findUnique({
      where: { shop_productId: { shop, productId: productA } },
    }),
    prisma.analyticsProduct.findUnique({
      where: { shop_productId: { shop, productId: productB } },
    }),
    getShopFacts(shop),
  ]);
  if (!pair || !a || !b) throw new SuggestionNotFoundError();
  const variantId = `gid://shopify/ProductVariant/${b.variantId}`;
  const catalog = await lookupCatalog(admin, [variantId], minorDigits(facts.currency));
  const current = catalog.variants.get(variantId);
  if (!current) throw new SuggestionNotFoundError(`${b.title} is no longer in your catalog.`);
  return {
    id: slug(`${b.title} with ${a.title}`),
    kind: "cross-sell",
    title: `${b.title} with ${a.title}`,
    status: "draft",
    trigger: { productIds: [`gid://shopify/Product/${a.productId}`] },
    item: {
      productId: current.productId,
      variantId,
      title: current.title,
      price: current.price,
    },
    why: `${Math.round(pair.confidence * 100)}% of customers who bought ${a.title} also bought ${b.title}.`,
  };
}

export async function createDraftFromPair(
  shop: string,
  productA: string,
  productB: string,
  admin: AdminApi,
  createOffer: CreateOffer,
): Promise<{ id: string; title: string }> {
  const offer = await draftCrossSellFromPair(shop, productA, productB, admin);
  const { id } = await createOffer(shop, offer);
  return { id, title: offer.title };
}

/** Stores a suggested offer as a draft through the offers model (the Offers section). */
export const createSuggestedOffer: CreateOffer = createOffer;
