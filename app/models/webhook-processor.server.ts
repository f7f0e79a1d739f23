/**
 * What each queued webhook topic does once acknowledged. Throwing schedules a retry (the inbox
 * keeps the event); returning marks it done.
 */
import { parseCustomerPayload, parseOrderPayload, parseRefundPayload } from "../analytics/payloads";
import type { AdminApi } from "../shopify/admin.server";
import { getShopFacts, saveShopFacts } from "./analytics-shop.server";
import { syncCustomerState } from "./customer-state.server";
import type { NormalizedOrder } from "../analytics/order-facts";
import prisma from "../db.server";
import { recordOrders } from "./orders.server";
import { recordRefund } from "./refunds.server";
import { redactedAmong } from "./tombstones.server";

/** Topics (as the library reports them) that go through the inbox. */
export const INBOX_TOPICS = [
  "ORDERS_CREATE",
  "ORDERS_UPDATED",
  "REFUNDS_CREATE",
  "CUSTOMERS_UPDATE",
] as const;
export type InboxTopic = (typeof INBOX_TOPICS)[number];

export function isInboxTopic(topic: string): topic is InboxTopic {
  return (INBOX_TOPICS as readonly string[]).includes(topic);
}

export class InvalidPayloadError extends Error {
  constructor(topic: string, detail: string) {
    super(`${topic} payload is invalid: ${detail}`);
    this.name = "InvalidPayloadError";
  }
}

/** An Admin API client for a shop's offline session, or null when the app is not installed. */
export type AdminForShop = (shop: string) => Promise<AdminApi | null>;

export async function processWebhookEvent(
  event: { shop: string; topic: string; payload: unknown },
  adminFor: AdminForShop,
): Promise<string> {
  const { shop, topic, payload } = event;
  const facts = await getShopFacts(shop);
  switch (topic) {
    case "ORDERS_CREATE":
    case "ORDERS_UPDATED": {
      const parsed = parseOrderPayload(payload, facts);
      if (!parsed.ok) throw new InvalidPayloadError(topic, parsed.error);
      const currency = (payload as { currency?: unknown }).currency;
      if (typeof currency === "string" && currency !== facts.currency) {
        await saveShopFacts(shop, { currency });
      }
      const result = await recordOrders(shop, [parsed.value], { source: "webhook" });
      const synced = await syncCustomers(shop, result.acceptedCustomers, adminFor);
      const outcome = result.created
        ? "recorded"
        : result.updated
          ? "updated"
          : result.redacted
            ? "redacted, skipped"
            : "older than stored, skipped";
      return `order ${parsed.value.id}: ${outcome}${synced}`;
    }
    case "REFUNDS_CREATE": {
      const parsed = parseRefundPayload(payload, facts);
      if (!parsed.ok) throw new InvalidPayloadError(topic, parsed.error);
      const outcome = await recordRefund(shop, parsed.value);
      const what = outcome.duplicate
        ? "already recorded"
        : outcome.applied
          ? "applied"
          : outcome.redacted
            ? "redacted, skipped"
            : "stored until its order arrives";
      return `refund ${parsed.value.id}: ${what}`;
    }
    case "CUSTOMERS_UPDATE": {
      const parsed = parseCustomerPayload(payload);
      if (!parsed.ok) throw new InvalidPayloadError(topic, parsed.error);
      const erased = await redactedAmong(prisma, shop, {
        customerIds: [parsed.value.id],
        orderIds: [],
      });
      if (erased.customerIds.size > 0) return `customer ${parsed.value.id}: redacted, skipped`;
      const synced = await syncCustomers(shop, [parsed.value.id], adminFor);
      return `customer ${parsed.value.id}${synced}`;
    }
    default:
      throw new InvalidPayloadError(topic, "not a topic Ladder processes");
  }
}

interface BatchEvent {
  id: string;
  shop: string;
  topic: string;
  payload: unknown;
  claimToken: string;
}

/**
 * orders/create and orders/updated of a claimed batch, recorded per shop in one call (one
 * transaction per chunk): the throughput path. Returns the events recorded and the rest (other
 * topics, invalid payloads, or a shop's batch that failed), which the worker processes one by
 * one so a bad event fails alone.
 */
export async function processOrderBatches<E extends BatchEvent>(
  events: readonly E[],
  adminFor: AdminForShop,
): Promise<{ done: E[]; rest: E[] }> {
  const byShop = new Map<string, { event: E; order: NormalizedOrder; currency: unknown }[]>();
  const rest: E[] = [];
  const facts = new Map<string, Awaited<ReturnType<typeof getShopFacts>>>();
  for (const event of events) {
    if (event.topic !== "ORDERS_CREATE" && event.topic !== "ORDERS_UPDATED") {
      rest.push(event);
      continue;
    }
    const shopFacts = facts.get(event.shop) ?? (await getShopFacts(event.shop));
    facts.set(event.shop, shopFacts);
    const parsed = parseOrderPayload(event.payload, shopFacts);
    const currency = (event.payload as { currency?: unknown } | null)?.currency;
    if (!parsed.ok || (typeof currency === "string" && currency !== shopFacts.currency)) {
      rest.push(event);
      continue;
    }
    const list = byShop.get(event.shop) ?? [];
    list.push({ event, order: parsed.value, currency });
    byShop.set(event.shop, list);
  }
  const done: E[] = [];
  for (const [shop, items] of byShop) {
    try {
      const result = await recordOrders(
        shop,
        items.map((i) => i.order),
        { source: "webhook" },
      );
      await syncCustomers(shop, result.acceptedCustomers, adminFor);
      done.push(...items.map((i) => i.event));
    } catch {
      // Retried one by one, so the event at fault fails alone with its own error.
      rest.push(...items.map((i) => i.event));
    }
  }
  return { done, rest };
}

async function syncCustomers(
  shop: string,
  customerIds: readonly string[],
  adminFor: AdminForShop,
): Promise<string> {
  if (customerIds.length === 0) return "";
  const admin = await adminFor(shop);
  // Uninstalled (no offline session): nothing can be written, and nothing will read it.
  if (!admin) return "; customer state not written (app not installed)";
  const outcomes = [];
  for (const id of customerIds) outcomes.push(await syncCustomerState(admin, shop, id));
  return `; customer state ${outcomes.join(", ")}`;
}
