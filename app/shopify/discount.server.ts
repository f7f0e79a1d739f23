import prisma from "../db.server";
import { compile, parseInstant, type OfferConfig } from "../engine";
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
  CONFIG_KEY,
  CONFIG_PART_2_KEY,
  INPUT_KEY,
  LIST_VARIABLE_LIMIT,
  METAFIELD_VALUE_LIMIT,
  functionInputVariables,
  scheduleBoundaries,
  splitConfig,
  withoutPastSchedule,
} from "../../extensions/offer-discounts/src/contract";
import { adminRequest, type AdminApi } from "./admin.server";
import { APP_NAMESPACE } from "./metafields.server";

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

export interface FunctionMetafields {
  metafields: AutomaticAppDiscountInput["metafields"];
}

/**
 * The three metafields the function reads, for the active offers as of `at`: the engine's
 * function form of the config (split in two when it exceeds what Shopify hands a function, the
 * second part also carrying the schedule boundaries) and the input query's variables. Throws a
 * DiscountSyncError when the config cannot fit.
 */
export function functionMetafields(
  config: OfferConfig,
  at: Date,
  timeZone: string,
): AutomaticAppDiscountInput["metafields"] {
  // Schedules already past at publishing are folded in, so every boundary left is upcoming.
  const current = withoutPastSchedule(config, at.getTime(), parseInstant);
  const published = compile(current, { activeOnly: true, form: "function" });
  const boundaries = scheduleBoundaries(
    current.offers.filter((offer) => offer.status === "active"),
    parseInstant,
  );
  const parts = splitConfig(published, boundaries);
  if (!parts) {
    const size = new TextEncoder().encode(JSON.stringify(published)).length;
    throw new DiscountSyncError(
      `Your active offers are too large for the discount function: they take ${size.toLocaleString("en-US")} bytes ` +
        `and it can read ${(2 * METAFIELD_VALUE_LIMIT).toLocaleString("en-US")}. ` +
        "Deactivate some offers or shorten their trigger lists, then publish again.",
    );
  }
  const variables = functionInputVariables(published, boundaries, shopLocalTime(timeZone));
  const lists: [string, string[]][] = [
    ["collections", variables.collectionIds],
    ["product tags", variables.tags],
    ["premium customer tags", variables.premiumTags],
  ];
  for (const [what, list] of lists) {
    if (list.length > LIST_VARIABLE_LIMIT) {
      throw new DiscountSyncError(
        `Your active offers name ${list.length} ${what}; the discount function can check at most ` +
          `${LIST_VARIABLE_LIMIT}. Use fewer ${what} in triggers or settings, then publish again.`,
      );
    }
  }
  const json = (key: string, value: unknown) => ({
    namespace: APP_NAMESPACE,
    key,
    type: "json" as const,
    value: JSON.stringify(value),
  });
  return [
    json(CONFIG_KEY, parts[0]),
    json(CONFIG_PART_2_KEY, parts[1]),
    json(INPUT_KEY, variables),
  ];
}

/**
 * Creates or updates Ladder's automatic app discount so that Shopify applies what the offers
 * promise, and writes the config and input variables the function reads. The discount's id is
 * remembered per shop; a discount the merchant deleted is created again. Throws a
 * DiscountSyncError with a message for the merchant when Shopify rejects the discount.
 */
export async function syncOfferDiscount(
  admin: AdminApi,
  config: OfferConfig,
  now: Date = new Date(),
  /** The merchant's stacking choice (Settings); Ladder's defaults otherwise. */
  combinesWith: DiscountCombinesWith = COMBINES_WITH,
): Promise<{ discountId: string }> {
  const { shop, shopifyFunctions } = await adminRequest(admin, DISCOUNT_SETUP_QUERY);
  const fn = shopifyFunctions.nodes.find((node) => node.handle === FUNCTION_HANDLE);
  if (!fn) {
    throw new DiscountSyncError(
      "Ladder's discount function is not available in this store yet. Deploy the app's " +
        "extensions (shopify app deploy), then publish again.",
    );
  }
  const metafields = functionMetafields(config, now, shop.ianaTimezone);
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
