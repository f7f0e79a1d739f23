/**
 * Webhook payloads (REST resource shapes) → normalized orders and refunds. Validated with zod at
 * this boundary: a payload that is not an order is rejected with the path of the first problem,
 * and the event is kept for a retry instead of being half-recorded.
 */
import { z } from "zod";
import { minorDigits } from "../engine";
import { parseMoneyRounded } from "../engine/money";
import {
  localDay,
  parseGroup,
  parseOfferId,
  parseShown,
  type NormalizedOrder,
  type OrderLine,
  type OrderRefund,
} from "./order-facts";

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);
const nullableId = id.nullish().transform((v) => v ?? null);
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "must be a date-time");
const decimal = z.union([z.string(), z.number()]).transform(String);
const nameValue = z.object({ name: z.string(), value: z.unknown() });
const shopMoney = z.object({ shop_money: z.object({ amount: decimal }) });

const lineItem = z.object({
  id,
  product_id: nullableId,
  variant_id: nullableId,
  title: z.string().default(""),
  variant_title: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  price: decimal,
  price_set: shopMoney.nullish(),
  discount_allocations: z
    .array(z.object({ amount: decimal, amount_set: shopMoney.nullish() }))
    .default([]),
  properties: z.array(nameValue).nullish(),
});

const refundLineItem = z.object({
  line_item_id: id,
  quantity: z.number().int().nonnegative().default(0),
  subtotal: decimal.nullish(),
  subtotal_set: shopMoney.nullish(),
});

const refund = z.object({
  id,
  order_id: id,
  created_at: instant,
  refund_line_items: z.array(refundLineItem).default([]),
});

const order = z.object({
  id,
  name: z.string().default(""),
  created_at: instant,
  updated_at: instant.nullish(),
  cancelled_at: instant.nullish(),
  currency: z.string().length(3).nullish(),
  customer: z.object({ id }).nullish(),
  note_attributes: z.array(nameValue).nullish(),
  line_items: z.array(lineItem),
  refunds: z.array(refund).default([]),
});

const customer = z.object({ id, tags: z.string().nullish() });

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function failure(error: z.ZodError): { ok: false; error: string } {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.join(".") : "payload";
  return { ok: false, error: `${path}: ${issue?.message ?? "invalid"}` };
}

function attribute(
  list: readonly { name: string; value: unknown }[] | null | undefined,
  name: string,
) {
  return list?.find((a) => a.name === name)?.value;
}

/** An amount that is not a finite decimal: the event fails (and is retried), nothing records 0. */
class AmountError extends Error {
  constructor(
    readonly path: string,
    value: string,
  ) {
    super(`${path}: not an amount: ${JSON.stringify(value.slice(0, 40))}`);
  }
}

function money(
  set: { shop_money: { amount: string } } | null | undefined,
  fallback: string,
  digits: number,
  path: string,
): number {
  const text = set?.shop_money.amount ?? fallback;
  const minor = parseMoneyRounded(text, digits);
  if (minor === null) throw new AmountError(set ? `${path}_set.shop_money.amount` : path, text);
  return minor;
}

function normalizeRefund(r: z.infer<typeof refund>, digits: number, path: string): OrderRefund {
  return {
    id: r.id,
    orderId: r.order_id,
    createdAt: new Date(r.created_at),
    lines: r.refund_line_items.map((l, i) => ({
      lineId: l.line_item_id,
      amount: money(
        l.subtotal_set,
        l.subtotal ?? "0",
        digits,
        `${path}refund_line_items.${i}.subtotal`,
      ),
    })),
  };
}

function amountsChecked<T>(build: () => T): ParseResult<T> {
  try {
    return { ok: true, value: build() };
  } catch (error) {
    if (error instanceof AmountError) return { ok: false, error: error.message };
    throw error;
  }
}

/**
 * Webhook timestamps are written in the shop's time zone ("2026-11-02T10:00:00-05:00"), so their
 * date part is the shop's calendar day; a UTC timestamp goes through the stored time zone.
 */
function webhookDay(text: string, instant: Date, timeZone: string): string {
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+[+-]\d{2}:\d{2}$/.test(text)
    ? text.slice(0, 10)
    : localDay(instant, timeZone);
}

export interface ShopFacts {
  currency: string;
  timeZone: string;
}

/** orders/create and orders/updated (the REST Order resource, amounts in the shop currency). */
export function parseOrderPayload(payload: unknown, shop: ShopFacts): ParseResult<NormalizedOrder> {
  const parsed = order.safeParse(payload);
  if (!parsed.success) return failure(parsed.error);
  const o = parsed.data;
  return amountsChecked(() => normalizeOrder(o, shop));
}

function normalizeOrder(o: z.infer<typeof order>, shop: ShopFacts): NormalizedOrder {
  const digits = minorDigits(o.currency ?? shop.currency);
  const createdAt = new Date(o.created_at);
  const lines: OrderLine[] = o.line_items.map((l, i) => {
    const unitPrice = money(l.price_set, l.price, digits, `line_items.${i}.price`);
    const discount = l.discount_allocations.reduce(
      (sum, d, j) =>
        sum +
        money(d.amount_set, d.amount, digits, `line_items.${i}.discount_allocations.${j}.amount`),
      0,
    );
    return {
      id: l.id,
      productId: l.product_id,
      variantId: l.variant_id,
      title: l.title,
      variantTitle: l.variant_title ?? null,
      quantity: l.quantity,
      unitPrice,
      value: Math.max(0, unitPrice * l.quantity - discount),
      offerId: parseOfferId(attribute(l.properties, "_ladder_offer")),
      snapshotRefunded: 0,
    };
  });
  return {
    id: o.id,
    name: o.name,
    customerId: o.customer?.id ?? null,
    createdAt,
    updatedAt: new Date(o.updated_at ?? o.created_at),
    day: webhookDay(o.created_at, createdAt, shop.timeZone),
    cancelled: Boolean(o.cancelled_at),
    group: parseGroup(attribute(o.note_attributes, "_ladder_group")),
    shown: parseShown(attribute(o.note_attributes, "_ladder_shown")),
    lines,
    refunds: o.refunds.map((r, i) => normalizeRefund(r, digits, `refunds.${i}.`)),
  };
}

/** refunds/create (the REST Refund resource). */
export function parseRefundPayload(payload: unknown, shop: ShopFacts): ParseResult<OrderRefund> {
  const parsed = refund.safeParse(payload);
  if (!parsed.success) return failure(parsed.error);
  const value = parsed.data;
  return amountsChecked(() => normalizeRefund(value, minorDigits(shop.currency), ""));
}

/** customers/update: the customer's id (tags are read fresh from the Admin API when mirrored). */
export function parseCustomerPayload(payload: unknown): ParseResult<{ id: string }> {
  const parsed = customer.safeParse(payload);
  if (!parsed.success) return failure(parsed.error);
  return { ok: true, value: { id: parsed.data.id } };
}

/** The customer a payload concerns, read without validating the rest (for redaction). */
export function payloadCustomerId(topic: string, payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const record = payload as Record<string, unknown>;
  const candidate =
    topic === "CUSTOMERS_UPDATE"
      ? record.id
      : (record.customer as Record<string, unknown> | null | undefined)?.id;
  return typeof candidate === "number" || typeof candidate === "string" ? String(candidate) : null;
}

/** The order a payload concerns (an order's id, a refund's order_id), read without validating. */
export function payloadOrderId(topic: string, payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const record = payload as Record<string, unknown>;
  const candidate =
    topic === "ORDERS_CREATE" || topic === "ORDERS_UPDATED"
      ? record.id
      : topic === "REFUNDS_CREATE"
        ? record.order_id
        : null;
  return typeof candidate === "number" || typeof candidate === "string" ? String(candidate) : null;
}
