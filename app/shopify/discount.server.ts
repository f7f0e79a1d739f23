import prisma from "../db.server";
import { compile, parseInstant, type OfferConfig, type TriggerResolver } from "../engine";
import {
  DISCOUNT_SETUP_QUERY,
  OFFER_DISCOUNT_CREATE_MUTATION,
  OFFER_DISCOUNT_QUERY,
  OFFER_DISCOUNT_UPDATE_MUTATION,
  type AutomaticAppDiscountInput,
  type DiscountCombinesWith,
  type DiscountClass,
} from "../graphql/discounts";
import type { UserError } from "../graphql/document";
import {
  CONFIG_KEYS,
  INPUT_KEY,
  METAFIELD_VALUE_LIMIT,
  functionInputVariables,
  scheduleBoundaries,
  splitConfig,
  withoutPastSchedule,
} from "../../extensions/offer-discounts/src/contract";
import { adminRequest, type AdminApi } from "./admin.server";
import { APP_NAMESPACE } from "./metafields.server";
import { resolveTriggers } from "./triggers.server";

/** The function extension's handle (extensions/offer-discounts/shopify.extension.toml). */
export const FUNCTION_HANDLE = "offer-discounts";
/** Shown to buyers on every discounted line and in orders (the function sends no message). */
export const DISCOUNT_TITLE = "Ladder offers";

/** Line discounts and free delivery; Ladder never discounts the order as a whole. */
export const DISCOUNT_CLASSES: DiscountClass[] = ["PRODUCT", "SHIPPING"];

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

/** A problem the merchant can act on; the message is written for them. */
export class DiscountSyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiscountSyncError";
  }
}

/**
 * The metafields the function reads, for the active offers as of `at`: the engine's function form
 * of the config with every trigger resolved to variant ids (`resolve`), split into the parts
 * Shopify hands a function (the second also carrying the schedule boundaries), and the input
 * query's variables. Throws a DiscountSyncError when the config cannot be read by the function.
 */
export function functionMetafields(
  config: OfferConfig,
  at: Date,
  timeZone: string,
  resolve: TriggerResolver,
): AutomaticAppDiscountInput["metafields"] {
  // Schedules already past at publishing are folded in, so every boundary left is upcoming.
  const current = withoutPastSchedule(config, at.getTime(), parseInstant);
  const published = compile(current, { activeOnly: true, form: "function", resolve });
  // The function reads only variant ids: a trigger left as a product, collection or tag would
  // silently never match.
  const unresolved = [published.ix.p, published.ix.c, published.ix.g].flatMap((index) =>
    Object.keys(index ?? {}),
  );
  if (unresolved.length > 0) {
    throw new DiscountSyncError(
      `Ladder could not look up the variants of ${unresolved.join(", ")} in your store. ` +
        "Publish again; if this persists, pick those products, collections or tags again in the offers.",
    );
  }
  const boundaries = scheduleBoundaries(
    current.offers.filter((offer) => offer.status === "active"),
    parseInstant,
  );
  const parts = splitConfig(published, boundaries);
  if (!parts) {
    const size = new TextEncoder().encode(JSON.stringify(published)).length;
    const room = CONFIG_KEYS.length * METAFIELD_VALUE_LIMIT;
    throw new DiscountSyncError(
      `Your active offers are too large for the discount function: they take about ${size.toLocaleString("en-US")} bytes ` +
        `and it can read ${room.toLocaleString("en-US")}. Every variant a trigger covers counts: ` +
        "deactivate some offers or trigger on fewer products, collections or tags, then publish again.",
    );
  }
  const variables = functionInputVariables(published, boundaries, shopLocalTime(timeZone));
  const json = (key: string, value: string) => ({
    namespace: APP_NAMESPACE,
    key,
    type: "json" as const,
    value,
  });
  return [
    ...CONFIG_KEYS.map((key, i) => json(key, parts[i] ?? "{}")),
    json(INPUT_KEY, JSON.stringify(variables)),
  ];
}

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
    const { automaticDiscountNode } = await adminRequest(admin, OFFER_DISCOUNT_QUERY, {
      id: stored.discountId,
    });
    existing = automaticDiscountNode?.id ?? null;
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

/**
 * An instant as the shop's wall clock reads it, "2026-12-01T09:30:00", the form the function's
 * `shop.localTime.dateTimeAfter` compares in the shop's time zone. Rounded up to the second, so
 * the boundary never reads as passed before it has.
 */
export function shopLocalTime(timeZone: string): (instant: number) => string {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  return (instant) => {
    const parts = Object.fromEntries(
      format
        .formatToParts(new Date(Math.ceil(instant / 1000) * 1000))
        .map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  };
}
