/**
 * Turns an offer config and an engine checkout input into the function's input, as Shopify would
 * build it from the input queries: the config as the admin publishes it (both metafields), and
 * each line's flags for the collections and tags the config names. Shared by the property test,
 * the cost measurements and the benchmark.
 */
import { compile, parseInstant, type CheckoutInput, type OfferConfig } from "../../app/engine";
import {
  queriedTerms,
  scheduleBoundaries,
  splitConfig,
  withoutPastSchedule,
} from "../../extensions/offer-discounts/src/contract";
import type {
  CartDeliveryOptionsInput,
  CartLinesInput,
  DeliveryGroupInput,
} from "../../extensions/offer-discounts/src/types";

export interface BuildOptions {
  /** When the admin published (defaults to `now`): schedule boundaries up to then are folded in. */
  publishedAt?: string;
  currency?: string;
  presentmentCurrencyRate?: string;
}

export function functionInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  options: BuildOptions = {},
): CartLinesInput {
  const now = parseInstant(checkout.now);
  const publishedAt = parseInstant(options.publishedAt ?? checkout.now);
  if (now === null || publishedAt === null) throw new Error("unreadable instant");
  const current = withoutPastSchedule(config, publishedAt, parseInstant);
  const published = compile(current, { activeOnly: true, form: "function" });
  const boundaries = scheduleBoundaries(
    current.offers.filter((offer) => offer.status === "active"),
    parseInstant,
  );
  const parts = splitConfig(published, boundaries);
  if (!parts) throw new Error("config does not fit the function's metafields");
  const terms = queriedTerms(published);
  const passed = (i: number) => {
    const boundary = boundaries[i];
    return boundary === undefined || now >= boundary;
  };
  const customer = checkout.customer;
  const premium = new Set(terms.premiumTags);
  return {
    cart: {
      lines: checkout.lines.map((line) => {
        const tags = new Set((line.tags ?? []).map((t) => t.toLowerCase()));
        return {
          id: line.id,
          quantity: line.quantity,
          cost: { amountPerQuantity: { amount: line.unitPrice } },
          merchandise: {
            id: line.variantId,
            product: {
              id: line.productId,
              inCollections: terms.collectionIds.map((id) => ({
                isMember: (line.collectionIds ?? []).includes(id),
              })),
              hasTags: terms.tags.map((tag) => ({ hasTag: tags.has(tag) })),
            },
          },
        };
      }),
      buyerIdentity: customer
        ? {
            customer: {
              numberOfOrders: customer.ordersCount ?? 0,
              amountSpent: { amount: customer.amountSpent ?? "0.00" },
              hasAnyTag: (customer.tags ?? []).some((t) => premium.has(t.toLowerCase())),
            },
          }
        : null,
      cost: { subtotalAmount: { currencyCode: options.currency ?? config.currency } },
    },
    presentmentCurrencyRate: options.presentmentCurrencyRate ?? "1.0",
    discount: { config: { jsonValue: parts[0] }, config2: { jsonValue: parts[1] } },
    shop: {
      localTime: {
        date: new Date(now).toISOString().slice(0, 10),
        t0: passed(0),
        t1: passed(1),
        t2: passed(2),
      },
    },
  };
}

export function deliveryInput(
  config: OfferConfig,
  checkout: CheckoutInput,
  groups: DeliveryGroupInput[],
  options: BuildOptions = {},
): CartDeliveryOptionsInput {
  const input = functionInput(config, checkout, options);
  return { ...input, cart: { ...input.cart, deliveryGroups: groups } };
}
