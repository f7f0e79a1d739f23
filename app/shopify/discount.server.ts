import prisma from "../db.server";
import type { OfferConfig, TriggerResolver } from "../engine";
import {
  DISCOUNT_SETUP_QUERY,
  OFFER_DISCOUNT_CREATE_MUTATION,
  OFFER_DISCOUNT_QUERY,
  OFFER_DISCOUNT_UPDATE_MUTATION,
  discountNodeId,
  type AutomaticAppDiscountInput,
  type DiscountCombinesWith,
} from "../graphql/discounts";
import type { UserError } from "../graphql/document";
import { adminRequest, type AdminApi } from "./admin.server";
import { DISCOUNT_CLASSES, DiscountSyncError, functionMetafields } from "./function-metafields";
import { resolveTriggers } from "./triggers.server";

/** The function extension's handle (extensions/offer-discounts/shopify.extension.toml). */
export const FUNCTION_HANDLE = "offer-discounts";
/** Shown to buyers on every discounted line and in orders (the function sends no message). */
export {
  DISCOUNT_CLASSES,
  DiscountSyncError,
  functionMetafields,
  shopLocalTime,
} from "./function-metafields";

export const DISCOUNT_TITLE = "Ladder offers";

/**
 * How Ladder's discount combines with the shop's other discounts.
 * - Other product discounts: no. Ladder's line amounts are computed without them; stacking two
 *   product discounts on one line would give away more than either offer meant, and without
 *   stacking Shopify applies whichever is better for the buyer, so the buyer never pays more
 *   than the offer promised.
 * - Order discounts (a welcome code, 10% off everything): yes. They apply after line discounts,
 *   so a merchant's order promotion never cancels what an offer promised on a line.
 * - Shipping discounts: yes, so a merchant's shipping promotion can sit beside Ladder's line
 *   discounts (Shopify still picks one discount per delivery line).
 */
export const COMBINES_WITH: DiscountCombinesWith = {
  productDiscounts: false,
  orderDiscounts: true,
  shippingDiscounts: true,
};

/** The active offers as the function will see them: only their triggers need resolving. */
function activeOffers(config: OfferConfig): OfferConfig {
  return { ...config, offers: config.offers.filter((offer) => offer.status === "active") };
}

/**
 * Creates or updates Ladder's automatic app discount so that Shopify applies what the offers
 * promise, and writes the config and input variables the function reads. Triggers are resolved
 * to variant ids through the Admin API first (the function reads only a line's variant). The
 * discount's id is remembered per shop; a discount the merchant deleted is created again. Throws
 * a DiscountSyncError with a message for the merchant when a trigger is too large, the config
 * does not fit, or Shopify rejects the discount.
 */
export async function syncOfferDiscount(
  admin: AdminApi,
  config: OfferConfig,
  now: Date = new Date(),
  /** The merchant's stacking choice (Settings); Ladder's defaults otherwise. */
  combinesWith: DiscountCombinesWith = COMBINES_WITH,
  /**
   * The triggers as publishing already resolved them for the checkout form: both forms then
   * come from the same lookup of the catalog. Looked up here when absent.
   */
  resolver?: TriggerResolver,
): Promise<{ discountId: string }> {
  const { shop, shopifyFunctions } = await adminRequest(admin, DISCOUNT_SETUP_QUERY);
  const fn = shopifyFunctions.nodes.find((node) => node.handle === FUNCTION_HANDLE);
  if (!fn) {
    throw new DiscountSyncError(
      "Ladder's discount function is not available in this store yet. Deploy the app's " +
        "extensions (shopify app deploy), then publish again.",
    );
  }
  const active = activeOffers(config);
  let resolve = resolver;
  if (!resolve) {
    const resolved = await resolveTriggers(admin, active);
    if (resolved.problems.length > 0) {
      throw new DiscountSyncError(
        `Some offers' triggers are too large for the discount function: ${resolved.problems.join(" ")}`,
      );
    }
    resolve = resolved.resolver;
  }
  const metafields = functionMetafields(active, now, shop.ianaTimezone, resolve);
  const discount: AutomaticAppDiscountInput = {
    functionHandle: FUNCTION_HANDLE,
    combinesWith,
    discountClasses: DISCOUNT_CLASSES,
    metafields,
  };

  const stored = await prisma.offerDiscount.findUnique({ where: { shop: shop.myshopifyDomain } });
  let existing: string | null = null;
  if (stored) {
    const { discountNode } = await adminRequest(admin, OFFER_DISCOUNT_QUERY, {
      id: discountNodeId(stored.discountId),
    });
    // Updates take the automatic discount's own id, which is what was stored.
    existing = discountNode ? stored.discountId : null;
  }

  let discountId: string;
  if (existing) {
    const data = await adminRequest(admin, OFFER_DISCOUNT_UPDATE_MUTATION, {
      id: existing,
      discount,
    });
    discountId = accepted(data.discountAutomaticAppUpdate);
  } else {
    const data = await adminRequest(admin, OFFER_DISCOUNT_CREATE_MUTATION, {
      // The title is set once: a merchant may rename the discount in Shopify's admin.
      discount: { ...discount, title: DISCOUNT_TITLE, startsAt: now.toISOString() },
    });
    discountId = accepted(data.discountAutomaticAppCreate);
  }

  await prisma.offerDiscount.upsert({
    where: { shop: shop.myshopifyDomain },
    create: { shop: shop.myshopifyDomain, discountId, functionId: fn.id },
    update: { discountId, functionId: fn.id },
  });
  return { discountId };
}

function accepted(
  payload: {
    automaticAppDiscount: { discountId: string } | null;
    userErrors: UserError[];
  } | null,
): string {
  if (!payload) throw new DiscountSyncError("Shopify did not answer the discount update.");
  if (payload.userErrors.length > 0) {
    const reasons = payload.userErrors.map((e) =>
      e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message,
    );
    throw new DiscountSyncError(`Shopify rejected the discount: ${reasons.join("; ")}`);
  }
  if (!payload.automaticAppDiscount) {
    throw new DiscountSyncError("Shopify did not return the discount it saved.");
  }
  return payload.automaticAppDiscount.discountId;
}
