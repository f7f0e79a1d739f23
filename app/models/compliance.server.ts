import { z } from "zod";
import prisma from "../db.server";
import { fromDbInt } from "./db-integers.server";
import { findInChunks } from "./in-chunks.server";
import { deleteOfferDataForShop } from "./offers.server";
import { redactCustomer } from "./redaction.server";
import { deleteSessionsForShop } from "./session.server";

export const COMPLIANCE_TOPICS = [
  "CUSTOMERS_DATA_REQUEST",
  "CUSTOMERS_REDACT",
  "SHOP_REDACT",
] as const;
export type ComplianceTopic = (typeof COMPLIANCE_TOPICS)[number];

export function isComplianceTopic(topic: string): topic is ComplianceTopic {
  return (COMPLIANCE_TOPICS as readonly string[]).includes(topic);
}

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const customerRequest = z.object({
  customer: z.object({ id }),
  orders_to_redact: z.array(id).nullish(),
  orders_requested: z.array(id).nullish(),
  data_request: z.object({ id }).nullish(),
});

export class CompliancePayloadError extends Error {
  constructor(topic: string, detail: string) {
    super(`${topic}: ${detail}`);
    this.name = "CompliancePayloadError";
  }
}

function parseCustomerRequest(topic: string, payload: unknown) {
  const parsed = customerRequest.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CompliancePayloadError(
      topic,
      `${issue?.path.join(".") ?? "payload"}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/**
 * Shopify's mandatory privacy requests. Returns the report for a data request (what Ladder stores
 * about the customer), null otherwise.
 */
export async function handleComplianceRequest(
  shop: string,
  topic: ComplianceTopic,
  payload: unknown,
): Promise<CustomerDataReport | null> {
  switch (topic) {
    case "SHOP_REDACT":
      // 48 hours after uninstall Shopify asks us to forget the shop entirely.
      await redactShop(shop);
      return null;
    case "CUSTOMERS_REDACT": {
      const request = parseCustomerRequest(topic, payload);
      await redactCustomer(shop, request.customer.id, request.orders_to_redact ?? []);
      return null;
    }
    case "CUSTOMERS_DATA_REQUEST": {
      const request = parseCustomerRequest(topic, payload);
      const orderIds = request.orders_requested ?? [];
      // Shopify does not read the response: the merchant downloads the report in the admin.
      await recordDataRequest(shop, {
        customerId: request.customer.id,
        orderIds,
        dataRequestId: request.data_request?.id ?? null,
      });
      return customerDataReport(shop, request.customer.id, orderIds);
    }
  }
}

export { redactCustomer };

/**
 * Every row Ladder keeps for a shop, in every table with a shop column (a test enumerates the
 * models and checks), and nothing of any other shop.
 */
export async function redactShop(shop: string): Promise<void> {
  await deleteOfferDataForShop(shop);
  await prisma.$transaction([
    prisma.offerDiscount.deleteMany({ where: { shop } }),
    prisma.redactionTombstone.deleteMany({ where: { shop } }),
    prisma.dataRequest.deleteMany({ where: { shop } }),
    prisma.webhookEvent.deleteMany({ where: { shop } }),
    prisma.analyticsOrder.deleteMany({ where: { shop } }),
    prisma.analyticsRefund.deleteMany({ where: { shop } }),
    prisma.dailyRollup.deleteMany({ where: { shop } }),
    prisma.analyticsCustomer.deleteMany({ where: { shop } }),
    prisma.cohortRollup.deleteMany({ where: { shop } }),
    prisma.analyticsProduct.deleteMany({ where: { shop } }),
    prisma.productPair.deleteMany({ where: { shop } }),
    prisma.pairMiningRun.deleteMany({ where: { shop } }),
    prisma.backfillJob.deleteMany({ where: { shop } }),
    prisma.analyticsShop.deleteMany({ where: { shop } }),
  ]);
  await deleteSessionsForShop(shop);
}

export interface CustomerDataReport {
  shop: string;
  customerId: string;
  storedBy: "Ladder";
  explanation: string;
  orders: {
    orderId: string;
    name: string;
    createdAt: string;
    group: string;
    cancelled: boolean;
    value: number;
    attributedRevenue: number;
    offersAccepted: string[];
    offersShown: string[];
    lines: unknown;
  }[];
  refunds: { refundId: string; orderId: string; createdAt: string; lines: unknown }[];
  cohort: {
    firstOrderAt: string;
    cohortMonth: string;
    group: string;
    orders: number;
    revenue: number;
  } | null;
  queuedWebhookEvents: number;
}

export async function customerDataReport(
  shop: string,
  customerId: string,
  orderIds: readonly string[],
): Promise<CustomerDataReport> {
  const [byCustomer, byId, customer, queued] = await Promise.all([
    prisma.analyticsOrder.findMany({ where: { shop, customerId } }),
    findInChunks(orderIds, (chunk) =>
      prisma.analyticsOrder.findMany({ where: { shop, orderId: { in: chunk } } }),
    ),
    prisma.analyticsCustomer.findUnique({ where: { shop_customerId: { shop, customerId } } }),
    prisma.webhookEvent.count({ where: { shop, customerId, NOT: { payload: null } } }),
  ]);
  const orders = [...new Map([...byCustomer, ...byId].map((o) => [o.orderId, o])).values()].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  );
  const refunds = [
    ...new Map(
      [
        ...(await prisma.analyticsRefund.findMany({ where: { shop, customerId } })),
        ...(await findInChunks(
          orders.map((o) => o.orderId),
          (chunk) => prisma.analyticsRefund.findMany({ where: { shop, orderId: { in: chunk } } }),
        )),
      ].map((r) => [r.refundId, r]),
    ).values(),
  ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const list = (value: string) => (value === "" ? [] : value.split(","));
  return {
    shop,
    customerId,
    storedBy: "Ladder",
    explanation:
      "Ladder keeps, per order, its lines (product, variant, quantity, amounts in minor units of " +
      "the shop currency), the offers shown and accepted at checkout and the experiment group; " +
      "per customer, the month and group of their first order and their lifetime revenue. The " +
      "customer metafield $app/ladder_state lives in Shopify, on the customer.",
    orders: orders.map((o) => ({
      orderId: o.orderId,
      name: o.name,
      createdAt: o.createdAt.toISOString(),
      group: o.group,
      cancelled: o.cancelled,
      value: fromDbInt(o.value),
      attributedRevenue: fromDbInt(o.attributed),
      offersAccepted: list(o.accepted),
      offersShown: list(o.shown),
      lines: JSON.parse(o.lines) as unknown,
    })),
    refunds: refunds.map((r) => ({
      refundId: r.refundId,
      orderId: r.orderId,
      createdAt: r.createdAt.toISOString(),
      lines: JSON.parse(r.lines) as unknown,
    })),
    cohort: customer
      ? {
          firstOrderAt: customer.firstOrderAt.toISOString(),
          cohortMonth: customer.cohortMonth,
          group: customer.group,
          orders: customer.orders,
          revenue: fromDbInt(customer.revenue),
        }
      : null,
    queuedWebhookEvents: queued,
  };
}

export interface DataRequestSummary {
  requestKey: string;
  customerId: string;
  /** Orders in the report (the customer's and those Shopify listed), as the download holds them. */
  orders: number;
  requestedAt: string;
  answeredAt: string | null;
}

/**
 * Keeps a customers/data_request for the merchant to answer. A repeated delivery of the same
 * request (same Shopify id, or the same customer on the same day when there is none) is one row.
 */
export async function recordDataRequest(
  shop: string,
  request: { customerId: string; orderIds: readonly string[]; dataRequestId: string | null },
  now = new Date(),
): Promise<void> {
  const requestKey =
    request.dataRequestId ?? `customer-${request.customerId}-${now.toISOString().slice(0, 10)}`;
  await prisma.dataRequest.upsert({
    where: { shop_requestKey: { shop, requestKey } },
    create: {
      shop,
      requestKey,
      customerId: request.customerId,
      orderIds: request.orderIds.join(","),
      requestedAt: now,
    },
    update: {},
  });
}

/**
 * How many orders each request's report holds, counted as the report gathers them: the
 * customer's orders and the orders Shopify listed, each once.
 */
async function reportOrderCounts(
  shop: string,
  requests: readonly { customerId: string; orderIds: string[] }[],
): Promise<number[]> {
  const customerIds = [...new Set(requests.map((r) => r.customerId))];
  const orderIds = [...new Set(requests.flatMap((r) => r.orderIds))];
  const [byCustomer, byId] = await Promise.all([
    findInChunks(customerIds, (chunk) =>
      prisma.analyticsOrder.findMany({
        where: { shop, customerId: { in: chunk } },
        select: { orderId: true, customerId: true },
      }),
    ),
    findInChunks(orderIds, (chunk) =>
      prisma.analyticsOrder.findMany({
        where: { shop, orderId: { in: chunk } },
        select: { orderId: true },
      }),
    ),
  ]);
  const held = new Set(byId.map((o) => o.orderId));
  const ofCustomer = new Map<string, string[]>();
  for (const o of byCustomer) {
    if (o.customerId === null) continue;
    ofCustomer.set(o.customerId, [...(ofCustomer.get(o.customerId) ?? []), o.orderId]);
  }
  return requests.map(
    (r) =>
      new Set([...(ofCustomer.get(r.customerId) ?? []), ...r.orderIds.filter((id) => held.has(id))])
        .size,
  );
}

/** The shop's data requests, open ones first, newest first within each. */
export async function listDataRequests(shop: string): Promise<DataRequestSummary[]> {
  const rows = await prisma.dataRequest.findMany({
    where: { shop },
    orderBy: [{ requestedAt: "desc" }],
    take: 200,
  });
  const counts = await reportOrderCounts(
    shop,
    rows.map((row) => ({
      customerId: row.customerId,
      orderIds: row.orderIds === "" ? [] : row.orderIds.split(","),
    })),
  );
  return rows
    .map((row, i) => ({
      requestKey: row.requestKey,
      customerId: row.customerId,
      orders: counts[i] ?? 0,
      requestedAt: row.requestedAt.toISOString(),
      answeredAt: row.answeredAt?.toISOString() ?? null,
    }))
    .sort((a, b) => Number(a.answeredAt !== null) - Number(b.answeredAt !== null));
}

export async function openDataRequestCount(shop: string): Promise<number> {
  return prisma.dataRequest.count({ where: { shop, answeredAt: null } });
}

/** The report for one of the shop's requests, from what Ladder holds now; null if no such request. */
export async function dataRequestReport(
  shop: string,
  requestKey: string,
): Promise<CustomerDataReport | null> {
  const request = await prisma.dataRequest.findUnique({
    where: { shop_requestKey: { shop, requestKey } },
  });
  if (!request) return null;
  const orderIds = request.orderIds === "" ? [] : request.orderIds.split(",");
  return customerDataReport(shop, request.customerId, orderIds);
}

/** Marks a request answered (or open again); false when the shop has no such request. */
export async function setDataRequestAnswered(
  shop: string,
  requestKey: string,
  answered: boolean,
  now = new Date(),
): Promise<boolean> {
  const { count } = await prisma.dataRequest.updateMany({
    where: { shop, requestKey },
    data: { answeredAt: answered ? now : null },
  });
  return count > 0;
}
