/**
 * Publishing: the shop's active offers, compiled by the engine, written to the app-owned shop
 * metafield the checkout extension reads (`$app` / `ladder_config`, type json) and to the app-data
 * metafield the theme app extension reads (`ladder` / `config` on the app installation), then to Ladder's
 * automatic discount (the discount function's config), and recorded as a numbered publication.
 * Refuses an invalid config, or one over the metafield limit, with words a merchant can act on.
 */
import { Prisma } from "@prisma/client";
import { formatProblem, type Problem } from "../config";
import prisma from "../db.server";
import { compile, type OfferConfig } from "../engine";
import type { LabelledProblem } from "../offers/labels";
import { findOverlaps, type Overlap } from "../offers/overlaps";
import type { AdminApi } from "../shopify/admin.server";
import { DiscountSyncError, syncOfferDiscount } from "../shopify/discount.server";
import { resolveTriggers } from "../shopify/triggers.server";
import { readOfferedVariants } from "../shopify/availability.server";
import {
  itemList,
  offeredVariantIds,
  shownVariantIds,
  offersLeftOut,
  soldOutKey,
  type OfferLeftOut,
} from "../offers/stock";
import { writeShopAppMetafield, writeStorefrontConfig } from "../shopify/metafields.server";
import { compileForCheckout } from "../offers/checkout-config";
import { productPageIndex, storefrontCopy } from "../offers/storefront-index";
import { getShopSummary } from "../shopify/shop.server";
import { addNotice } from "./notices.server";
import { shopConfig } from "./offers.server";
import { getShopSetup, rememberCurrency } from "./shop-settings.server";
import { byteLength, kb } from "../offers/bytes";
import {
  checkoutChanges,
  planPublication,
  type CheckoutChanges,
  type PublishPlan,
} from "./publish-plan.server";

export const CONFIG_METAFIELD_KEY = "ladder_config";
/** Shopify's limit for the metafield the checkout extension reads. */
export const METAFIELD_LIMIT_BYTES = 64 * 1024;
/** DESIGN §4 budget for the published config: checkout stays fast well below the limit. */
export const PUBLISHED_BUDGET_BYTES = 24 * 1024;

export type PublishTrigger = "merchant" | "product-update" | "product-delete" | "stock-change";

export interface PublicationSummary {
  version: number;
  publishedAt: string;
  bytes: number;
  offerCount: number;
  trigger: string;
}

export interface PublishStatus {
  current: PublicationSummary | null;
  plan: Omit<PublishPlan, "json">;
  /** The offers or settings differ from what was last published. */
  pending: boolean;
  /** Active offers that overlap (buyers get one of each pair). */
  overlaps: Overlap[];
  /** What publishing now changes at checkout, against the last publication. */
  changes: CheckoutChanges;
  budgetBytes: number;
  limitBytes: number;
}

export type PublishResult =
  | {
      ok: true;
      publication: PublicationSummary;
      /** Offers triggered by a collection or tag, written as the variants those held. */
      snapshots: number;
      /** Active offers left out of checkout and the storefront because an item is sold out. */
      leftOut: OfferLeftOut[];
    }
  | {
      ok: false;
      reason: "invalid" | "too-large" | "shopify" | "discount";
      message: string;
      problems: LabelledProblem[];
      bytes?: number;
    };

function summaryOf(row: Prisma.PublicationGetPayload<object>): PublicationSummary {
  return {
    version: row.version,
    publishedAt: row.publishedAt.toISOString(),
    bytes: row.bytes,
    offerCount: row.offerCount,
    trigger: row.trigger,
  };
}

export async function latestPublication(shop: string): Promise<PublicationSummary | null> {
  const row = await prisma.publication.findFirst({
    where: { shop },
    orderBy: { version: "desc" },
  });
  return row ? summaryOf(row) : null;
}

export async function publishStatus(shop: string): Promise<PublishStatus> {
  const [{ config, incomplete }, last] = await Promise.all([
    shopConfig(shop),
    prisma.publication.findFirst({ where: { shop }, orderBy: { version: "desc" } }),
  ]);
  const { json, ...plan } = planPublication(config, incomplete);
  const previous = last ? last.source || last.config : "";
  const pending = last ? json !== previous : plan.offerCount > 0;
  const titles = new Map([
    ...config.offers.map((o) => [o.id, o.title] as const),
    ...incomplete.map((o) => [o.key, o.title] as const),
  ]);
  return {
    current: last ? summaryOf(last) : null,
    plan,
    pending,
    overlaps: plan.problems.length === 0 ? findOverlaps(config) : [],
    changes: checkoutChanges(previous, json, titles),
    budgetBytes: PUBLISHED_BUDGET_BYTES,
    limitBytes: METAFIELD_LIMIT_BYTES,
  };
}

/**
 * Publishes the shop's active offers. Nothing is written when the config is invalid or too large
 * for the metafield, and no publication is recorded when Shopify refuses the write.
 */
export async function publishOffers(
  shop: string,
  admin: AdminApi,
  trigger: PublishTrigger = "merchant",
): Promise<PublishResult> {
  const summary = await getShopSummary(admin);
  await rememberCurrency(shop, summary.currencyCode);
  const [{ config, incomplete }, { combinesWith }] = await Promise.all([
    shopConfig(shop),
    getShopSetup(shop),
  ]);
  const plan = planPublication(config, incomplete);
  if (plan.problems.length > 0) {
    return {
      ok: false,
      reason: "invalid",
      message: `The offers can't be published: ${plan.problems.length} problem${plan.problems.length === 1 ? "" : "s"} to fix first.`,
      problems: plan.problems,
    };
  }

  // Checkout sees a line's variant, not its collections or tags: triggers go out as variants.
  const active = { ...config, offers: config.offers.filter((o) => o.status === "active") };
  const resolved = await resolveTriggers(admin, active);
  if (resolved.problems.length > 0) {
    return {
      ok: false,
      reason: "invalid",
      message: "Some triggers are too large to publish; narrow them first.",
      problems: resolved.problems.map((message) => ({
        path: "trigger",
        label: "Trigger",
        message,
      })),
    };
  }
  // A buyer is never promised an item they can't buy: offers of sold-out items sit this one out,
  // in checkout, on the storefront and in the discount function alike.
  const { leftOut, images } = await readOfferedItems(admin, active.offers);
  const leftOutIds = new Set(leftOut.map((o) => o.offerId));
  const sellable: OfferConfig = {
    ...config,
    offers: config.offers.filter((o) => !leftOutIds.has(o.id)),
  };
  const compiled = compileForCheckout(
    sellable,
    { activeOnly: true, resolve: resolved.resolver, images },
    PUBLISHED_BUDGET_BYTES,
  );
  const json = JSON.stringify(compiled);
  const bytes = byteLength(json);
  if (bytes > METAFIELD_LIMIT_BYTES) {
    return {
      ok: false,
      reason: "too-large",
      message: `The published offers would take ${kb(bytes)}, over Shopify's ${kb(METAFIELD_LIMIT_BYTES)} limit (Ladder's budget is ${kb(PUBLISHED_BUDGET_BYTES)}). Set some offers to draft, shorten their texts, or trigger them by product instead of large collections or tags.`,
      problems: [],
      bytes,
    };
  }

  /**
   * Puts back what was published before (or no offers): checkout and the storefront must not
   * promise what the discount function will not apply. The storefront's copy goes back without
   * its product-page index: every product page reserves room until the next publish.
   */
  const restorePrevious = async () => {
    const previous = await prisma.publication.findFirst({
      where: { shop },
      orderBy: { version: "desc" },
      select: { config: true },
    });
    const restore = previous
      ? (JSON.parse(previous.config) as unknown)
      : compile({ version: 1, currency: config.currency, offers: [] });
    await Promise.all([
      writeShopAppMetafield(admin, summary.id, CONFIG_METAFIELD_KEY, restore),
      writeStorefrontConfig(admin, restore),
    ]).catch((restoreError: unknown) => {
      console.error("[ladder] restoring the published config failed:", restoreError);
    });
  };

  try {
    await writeShopAppMetafield(admin, summary.id, CONFIG_METAFIELD_KEY, JSON.parse(json));
  } catch (error) {
    return {
      ok: false,
      reason: "shopify",
      message: `Shopify did not accept the published offers: ${error instanceof Error ? error.message : String(error)}`,
      problems: [],
    };
  }

  // The same config for the theme app extension (app-data metafield, DESIGN §3.5): the
  // storefront shows what checkout shows, or checkout goes back to what it had. Its copy also
  // says which products can bring the product block an offer, so other pages reserve no room.
  try {
    const index = productPageIndex(sellable, resolved.resolver, resolved.productOf);
    await writeStorefrontConfig(admin, storefrontCopy(compiled, index, METAFIELD_LIMIT_BYTES));
  } catch (error) {
    await restorePrevious();
    return {
      ok: false,
      reason: "shopify",
      message: `Shopify did not accept the storefront's copy of the offers: ${error instanceof Error ? error.message : String(error)}. Checkout keeps the offers it had.`,
      problems: [],
    };
  }

  // What checkout shows and what the discount function applies must be the same offers: when
  // the discount can't follow, checkout goes back to what was published before.
  let discountId: string;
  try {
    ({ discountId } = await syncOfferDiscount(
      admin,
      sellable,
      new Date(),
      combinesWith,
      resolved.resolver,
    ));
  } catch (error) {
    await restorePrevious();
    const why =
      error instanceof DiscountSyncError
        ? error.message
        : `Shopify did not accept the discount: ${error instanceof Error ? error.message : String(error)}`;
    return {
      ok: false,
      reason: "discount",
      message: `Not published: ${why} Checkout keeps the offers it had.`,
      problems: [],
    };
  }

  const soldOutVariants = soldOutKey(leftOut);
  const previous = await prisma.publication.findFirst({
    where: { shop },
    orderBy: { version: "desc" },
    select: { config: true, soldOutVariants: true },
  });
  const publication = await recordPublication(shop, {
    config: json,
    source: plan.json,
    resolvedVariants: [...resolved.variants].join(","),
    soldOutVariants,
    bytes,
    offerCount: compiled.o.length,
    trigger,
    discountId,
  });
  if (soldOutVariants !== (previous?.soldOutVariants ?? "")) {
    await noticeStockChanges(shop, leftOut, previous?.soldOutVariants ?? "", active.offers);
  }
  const snapshots = active.offers.filter(
    (o) => "trigger" in o && Boolean(o.trigger.collectionIds?.length || o.trigger.tags?.length),
  ).length;
  return { ok: true, publication, snapshots, leftOut };
}

/**
 * Read from Shopify now: the active offers that offer a sold-out item, and the offered items'
 * images (checkout's offer cards show them).
 */
async function readOfferedItems(
  admin: AdminApi,
  offers: readonly OfferConfig["offers"][number][],
): Promise<{ leftOut: OfferLeftOut[]; images: Map<string, string> }> {
  const variantIds = offers.flatMap(shownVariantIds);
  if (variantIds.length === 0) return { leftOut: [], images: new Map() };
  const facts = await readOfferedVariants(admin, variantIds);
  // Stock decides on the offered items only, as before: an A/B copy's add-on does not.
  const offered = new Set(offers.flatMap(offeredVariantIds));
  const soldOut = facts.soldOut.filter((v) => offered.has(v.variantId));
  return { leftOut: offersLeftOut(offers, soldOut), images: facts.images };
}

/**
 * Tells the merchant which offers stock took out of checkout, or brought back, since the last
 * publication; an unchanged set says nothing again.
 */
async function noticeStockChanges(
  shop: string,
  leftOut: readonly OfferLeftOut[],
  previousKey: string,
  active: readonly OfferConfig["offers"][number][],
): Promise<void> {
  const wasSoldOut = new Set(previousKey ? previousKey.split(",") : []);
  const nowLeftOut = new Set(leftOut.map((o) => o.offerId));
  for (const offer of leftOut) {
    if (offer.items.every((item) => wasSoldOut.has(item.variantId))) continue;
    await addNotice(shop, {
      offerKey: offer.offerId,
      tone: "warning",
      message: `“${offer.offerTitle}” is no longer shown to buyers: ${itemList(offer.items)} ${offer.items.length === 1 ? "is" : "are"} sold out. It comes back by itself when ${offer.items.length === 1 ? "it is" : "they are"} in stock again.`,
    });
  }
  for (const offer of active) {
    if (nowLeftOut.has(offer.id)) continue;
    if (!offeredVariantIds(offer).some((id) => wasSoldOut.has(id))) continue;
    await addNotice(shop, {
      offerKey: offer.id,
      tone: "info",
      message: `“${offer.title}” is shown to buyers again: its items are back in stock.`,
    });
  }
}

async function recordPublication(
  shop: string,
  data: {
    config: string;
    source: string;
    resolvedVariants: string;
    soldOutVariants: string;
    bytes: number;
    offerCount: number;
    trigger: PublishTrigger;
    discountId: string;
  },
): Promise<PublicationSummary> {
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await prisma.$transaction(async (tx) => {
        const last = await tx.publication.findFirst({
          where: { shop },
          orderBy: { version: "desc" },
          select: { version: true },
        });
        return tx.publication.create({
          data: { shop, version: (last?.version ?? 0) + 1, ...data },
        });
      });
      return summaryOf(row);
    } catch (error) {
      // Two publishes at once: the second takes the next version.
      const conflict =
        error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!conflict || attempt >= 3) throw error;
    }
  }
}

/** Problems as single lines, for messages outside the admin (logs, notices). */
export function describeProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join("; ");
}

/**
 * Republishes after Shopify changed a product, or the stock of an item, that live offers use. A refusal or failure is
 * written as a notice on the offers page, since no merchant is watching a webhook.
 */
export async function republishAfterProductChange(
  shop: string,
  admin: AdminApi,
  trigger: Exclude<PublishTrigger, "merchant">,
): Promise<PublishResult> {
  let result: PublishResult;
  try {
    result = await publishOffers(shop, admin, trigger);
  } catch (error) {
    result = {
      ok: false,
      reason: "shopify",
      message: error instanceof Error ? error.message : String(error),
      problems: [],
    };
  }
  if (!result.ok) {
    await addNotice(shop, {
      tone: "critical",
      message: `Ladder could not republish your offers after a ${trigger === "stock-change" ? "stock" : "product"} change: ${result.message} Checkout still shows the previous version; publish from this page once it is fixed.`,
    });
  }
  return result;
}
