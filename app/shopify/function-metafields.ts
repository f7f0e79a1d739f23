/**
 * What publishing writes on Ladder's discount for the function to read: its classes and the
 * metafields (the config's parts and the input query's variables). Pure, so the command line's
 * `function-input` builds the function's input from exactly what publishing would write.
 */
import {
  compile,
  encodeLean,
  parseInstant,
  type OfferConfig,
  type TriggerResolver,
} from "../engine";
import type { AutomaticAppDiscountInput, DiscountClass } from "../graphql/discounts";
import { byteLength } from "../offers/bytes";
import {
  CONFIG_KEYS,
  INPUT_KEY,
  METAFIELD_VALUE_LIMIT,
  functionInputVariables,
  scheduleBoundaries,
  splitConfig,
  withoutPastSchedule,
} from "../../extensions/offer-discounts/src/contract";
import { APP_NAMESPACE } from "./metafields.server";

/** Line discounts and free delivery; Ladder never discounts the order as a whole. */
export const DISCOUNT_CLASSES: DiscountClass[] = ["PRODUCT", "SHIPPING"];

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
    const size = byteLength(encodeLean(published, boundaries));
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
