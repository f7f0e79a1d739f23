/**
 * What Ladder counts about an order, derived from its lines and refunds. Pure: the webhook
 * worker, the backfill, the demo seed and the tests all derive facts and rollup contributions here.
 *
 * Order value = the order's items after discounts, before shipping and taxes, net of refunds, in
 * minor units of the shop currency. Attributed revenue = the value of the lines an offer added or
 * upgraded (line property `_ladder_offer`), net of refunds; an upgraded line counts whole.
 */

import { offerIdOf } from "../engine/offer-ref";

export const GROUPS = ["treatment", "holdout"] as const;
export type Group = (typeof GROUPS)[number];
/** `none`: the order did not pass through Ladder's checkout extension (no `_ladder_group`). */
export type OrderGroup = Group | "none";

export interface OrderLine {
  id: string;
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  /** List unit price (minor units). */
  unitPrice: number;
  /** Line value after discounts, before refunds (minor units). */
  value: number;
  /** `_ladder_offer`: the offer that added or upgraded this line. */
  offerId: string | null;
  /** Refunds the backfill found already netted into this line (minor units). */
  snapshotRefunded: number;
}

export interface RefundLine {
  lineId: string;
  amount: number;
}

export interface OrderRefund {
  id: string;
  orderId: string;
  createdAt: Date;
  /** Empty when the amounts are already in the lines' `snapshotRefunded`. */
  lines: RefundLine[];
}

export interface NormalizedOrder {
  id: string;
  name: string;
  customerId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Order date in the shop's time zone. */
  day: string;
  cancelled: boolean;
  group: OrderGroup;
  shown: string[];
  lines: OrderLine[];
  refunds: OrderRefund[];
}

export interface OrderFacts {
  value: number;
  attributed: number;
  accepted: string[];
  shown: string[];
  offerRevenue: Record<string, number>;
  basket: string[];
}

/** Facts from lines and every refund known for the order (each refund counted once by id). */
export function deriveFacts(
  lines: readonly OrderLine[],
  refunds: readonly Pick<OrderRefund, "lines">[],
  shown: readonly string[],
): OrderFacts {
  const refunded = new Map<string, number>();
  for (const refund of refunds)
    for (const line of refund.lines)
      refunded.set(line.lineId, (refunded.get(line.lineId) ?? 0) + line.amount);

  let value = 0;
  let attributed = 0;
  const offerRevenue: Record<string, number> = {};
  const accepted = new Set<string>();
  const basket = new Set<string>();
  for (const line of lines) {
    const net = Math.max(0, line.value - line.snapshotRefunded - (refunded.get(line.id) ?? 0));
    value += net;
    if (line.productId) basket.add(line.productId);
    if (line.offerId) {
      accepted.add(line.offerId);
      attributed += net;
      offerRevenue[line.offerId] = (offerRevenue[line.offerId] ?? 0) + net;
    }
  }
  return {
    value,
    attributed,
    accepted: [...accepted].sort(),
    shown: [...new Set(shown)].sort(),
    offerRevenue,
    basket: [...basket].sort(),
  };
}

/** The part of an order a rollup row holds; `offerId` "" is the order-level row. */
export interface RollupDelta {
  day: string;
  group: OrderGroup;
  offerId: string;
  orders: number;
  valueSum: number;
  valueSumSq: number;
  valueSumCube: number;
  valueSumQuad: number;
  acceptedOrders: number;
  attributed: number;
  impressions: number;
}

/** What a stored order contributes to the rollups (nothing when cancelled). */
export interface CountedOrder {
  day: string;
  group: OrderGroup;
  cancelled: boolean;
  value: number;
  attributed: number;
  accepted: readonly string[];
  shown: readonly string[];
  offerRevenue: Readonly<Record<string, number>>;
}

export function rollupKey(d: Pick<RollupDelta, "day" | "group" | "offerId">): string {
  return `${d.day}|${d.group}|${d.offerId}`;
}

export function contribution(order: CountedOrder): RollupDelta[] {
  if (order.cancelled) return [];
  const accepted = new Set(order.accepted);
  const shown = new Set(order.shown);
  const rows: RollupDelta[] = [
    {
      day: order.day,
      group: order.group,
      offerId: "",
      orders: 1,
      valueSum: order.value,
      valueSumSq: order.value ** 2,
      valueSumCube: order.value ** 3,
      valueSumQuad: order.value ** 4,
      acceptedOrders: accepted.size > 0 ? 1 : 0,
      attributed: order.attributed,
      impressions: shown.size > 0 ? 1 : 0,
    },
  ];
  // One row per offer (whatever copy was seen), and one per A/B copy seen or accepted
  // (`offerId#variantId`): an order counts once for the offer even if it names two copies.
  const perOffer = new Map<string, { orders: number; attributed: number; impressions: number }>();
  for (const ref of [...new Set([...shown, ...accepted])].sort()) {
    const attributed = order.offerRevenue[ref] ?? 0;
    const orders = accepted.has(ref) ? 1 : 0;
    const impressions = shown.has(ref) ? 1 : 0;
    const offerId = offerIdOf(ref);
    const offer = perOffer.get(offerId) ?? { orders: 0, attributed: 0, impressions: 0 };
    offer.orders = Math.max(offer.orders, orders);
    offer.impressions = Math.max(offer.impressions, impressions);
    offer.attributed += attributed;
    perOffer.set(offerId, offer);
    if (ref !== offerId) rows.push(offerRow(order, ref, orders, attributed, impressions));
  }
  for (const [offerId, o] of perOffer) {
    rows.push(offerRow(order, offerId, o.orders, o.attributed, o.impressions));
  }
  return rows.sort((a, b) => (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0));
}

function offerRow(
  order: CountedOrder,
  offerId: string,
  orders: number,
  attributed: number,
  impressions: number,
): RollupDelta {
  return {
    day: order.day,
    group: order.group,
    offerId,
    orders,
    valueSum: 0,
    valueSumSq: 0,
    valueSumCube: 0,
    valueSumQuad: 0,
    acceptedOrders: 0,
    attributed,
    impressions,
  };
}

/** A rollup row of one A/B copy rather than of a whole offer (or the order-level row). */
export function isVariantRow(offerId: string): boolean {
  return offerId.includes("#");
}

/** Adds `sign` × each row into `into` (keyed by day, group, offer). */
export function accumulate(
  into: Map<string, RollupDelta>,
  rows: readonly RollupDelta[],
  sign: 1 | -1,
): void {
  for (const row of rows) {
    const key = rollupKey(row);
    const current = into.get(key) ?? {
      day: row.day,
      group: row.group,
      offerId: row.offerId,
      orders: 0,
      valueSum: 0,
      valueSumSq: 0,
      valueSumCube: 0,
      valueSumQuad: 0,
      acceptedOrders: 0,
      attributed: 0,
      impressions: 0,
    };
    current.orders += sign * row.orders;
    current.valueSum += sign * row.valueSum;
    current.valueSumSq += sign * row.valueSumSq;
    current.valueSumCube += sign * row.valueSumCube;
    current.valueSumQuad += sign * row.valueSumQuad;
    current.acceptedOrders += sign * row.acceptedOrders;
    current.attributed += sign * row.attributed;
    current.impressions += sign * row.impressions;
    into.set(key, current);
  }
}

export function isZeroDelta(d: RollupDelta): boolean {
  return (
    d.orders === 0 &&
    d.valueSum === 0 &&
    d.valueSumSq === 0 &&
    d.valueSumCube === 0 &&
    d.valueSumQuad === 0 &&
    d.acceptedOrders === 0 &&
    d.attributed === 0 &&
    d.impressions === 0
  );
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day of an instant in a time zone (YYYY-MM-DD). Webhook payloads carry the shop's
 * local offset already; bulk exports are UTC, so both go through the shop's time zone here.
 */
export function localDay(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
    } catch {
      format = new Intl.DateTimeFormat("en-CA", {
        timeZone: "UTC",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
    }
    dayFormats.set(timeZone, format);
  }
  // en-CA formats as YYYY-MM-DD.
  return format.format(instant);
}

/**
 * Offer ids as the config allows them in attributes: short, no separators, optionally with the
 * A/B copy the buyer saw (`offerId#variantId`, DESIGN §3.2). The copy is kept: facts hold these
 * references, and rollups count them per offer and per copy.
 */
const OFFER_ID = /^[A-Za-z0-9][\w.:-]{0,63}(#[A-Za-z0-9_-]{1,32})?$/;

export function parseOfferId(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const id = value.trim();
  return OFFER_ID.test(id) ? id : null;
}

/** `_ladder_shown`: comma-separated offer ids (at most 255 characters); invalid ids are dropped. */
export function parseShown(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return [
    ...new Set(
      value
        .slice(0, 255)
        .split(",")
        .map(parseOfferId)
        .filter((id): id is string => id !== null),
    ),
  ];
}

export function parseGroup(value: unknown): OrderGroup {
  return value === "treatment" || value === "holdout" ? value : "none";
}
