import { localDay, type NormalizedOrder } from "../analytics/order-facts";
import { saveShopFacts } from "../models/analytics-shop.server";
import { bulkLoadOrders } from "../models/bulk-load.server";
import { mineProductPairs } from "../models/pairs.server";
import prisma from "../db.server";
import { recordDataRequest } from "../models/compliance.server";
import { DEMO_SHOP } from "./catalog";
import { demoOrderHistory, type DemoOrder } from "./orders";

/** A demo order as Ladder normalizes a webhook delivery of it. */
export function normalizeDemoOrder(order: DemoOrder, timeZone: string, now: Date): NormalizedOrder {
  const refunds = order.refunds.filter((r) => r.createdAt <= now);
  return {
    id: String(order.id),
    name: order.name,
    customerId: order.customerId === null ? null : String(order.customerId),
    createdAt: order.createdAt,
    updatedAt: refunds.at(-1)?.createdAt ?? order.createdAt,
    day: localDay(order.createdAt, timeZone),
    cancelled: false,
    group: order.group,
    shown: order.shown,
    lines: order.lines.map((l) => ({
      id: String(l.id),
      productId: String(l.productId),
      variantId: String(l.variantId),
      title: l.title,
      variantTitle: l.variantTitle,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      value: l.quantity * l.unitPrice - l.discount,
      offerId: l.offerId,
      snapshotRefunded: 0,
    })),
    refunds: refunds.map((r) => ({
      id: String(r.id),
      orderId: String(order.id),
      createdAt: r.createdAt,
      lines: [{ lineId: String(r.lineId), amount: r.amount }],
    })),
  };
}

/**
 * Loads a year of synthetic orders into the demo shop once (a shop that has orders is left as it
 * is), with the batched first-load path: same facts and rollups as webhooks produce.
 */
export async function seedDemoOrders(
  shop: string,
  { now = new Date(), ordersPerDay }: { now?: Date; ordersPerDay?: number } = {},
): Promise<number> {
  const timeZone = DEMO_SHOP.ianaTimezone;
  await saveShopFacts(shop, { currency: DEMO_SHOP.currencyCode, timeZone });
  if (await prisma.analyticsOrder.findFirst({ where: { shop }, select: { orderId: true } }))
    return 0;
  const orders = demoOrderHistory({ end: now, ...(ordersPerDay ? { ordersPerDay } : {}) });
  const created = await bulkLoadOrders(
    shop,
    orders.map((o) => normalizeDemoOrder(o, timeZone, now)),
  );
  // Suggestions are ready on the Analytics page, as after a real shop's history import.
  await mineProductPairs(shop);
  // One customer has asked for their data, so the Privacy page shows what answering looks like.
  const customer = await prisma.analyticsOrder.findFirst({
    where: { shop, NOT: { customerId: null } },
    orderBy: { createdAt: "desc" },
    select: { customerId: true },
  });
  if (customer?.customerId) {
    await recordDataRequest(
      shop,
      { customerId: customer.customerId, orderIds: [], dataRequestId: "demo-1" },
      now,
    );
  }
  return created;
}
