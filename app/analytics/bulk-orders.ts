/**
 * The bulk export's JSONL (ORDERS_BULK_QUERY) → normalized orders. Each row is validated; a row
 * that is neither an order nor a line of a known order is reported, never guessed at.
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
} from "./order-facts";

const gid = z.string().regex(/^gid:\/\/shopify\/\w+\/\d+/);
const keyValue = z.object({ key: z.string(), value: z.string().nullish() });
const shopMoney = z.object({ shopMoney: z.object({ amount: z.string() }) });

const orderRow = z.object({
  id: gid,
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
  cancelledAt: z.string().nullish(),
  currencyCode: z.string().nullish(),
  customer: z.object({ id: gid }).nullish(),
  customAttributes: z.array(keyValue).default([]),
  refunds: z.array(z.object({ id: gid, createdAt: z.string() })).default([]),
});

const lineRow = z.object({
  id: gid,
  __parentId: gid,
  title: z.string().default(""),
  variantTitle: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  currentQuantity: z.number().int().nonnegative(),
  product: z.object({ id: gid }).nullish(),
  variant: z.object({ id: gid }).nullish(),
  customAttributes: z.array(keyValue).default([]),
  originalUnitPriceSet: shopMoney,
  discountAllocations: z.array(z.object({ allocatedAmountSet: shopMoney })).default([]),
});

/** The numeric tail of a GID, the id webhooks use. */
export function legacyId(gidValue: string): string {
  const match = /\/(\d+)(?:\?.*)?$/.exec(gidValue);
  return match?.[1] ?? gidValue;
}

export interface BulkOrdersResult {
  orders: NormalizedOrder[];
  /** Rows skipped, with the reason (line number, 1-based). */
  problems: string[];
}

/** Collects orders from JSONL rows (children may come anywhere after their parent). */
export class BulkOrdersReader {
  private readonly orders = new Map<string, NormalizedOrder>();
  private readonly problems: string[] = [];
  private lineNumber = 0;

  constructor(private readonly shop: { currency: string; timeZone: string }) {}

  push(text: string): void {
    this.lineNumber++;
    if (text.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch {
      this.problems.push(`line ${this.lineNumber}: not JSON`);
      return;
    }
    const isChild = typeof row === "object" && row !== null && "__parentId" in row;
    if (isChild) this.pushLine(row);
    else this.pushOrder(row);
  }

  private pushOrder(row: unknown): void {
    const parsed = orderRow.safeParse(row);
    if (!parsed.success) {
      this.problems.push(`line ${this.lineNumber}: ${describe(parsed.error)}`);
      return;
    }
    const o = parsed.data;
    const createdAt = new Date(o.createdAt);
    if (Number.isNaN(createdAt.getTime())) {
      this.problems.push(`line ${this.lineNumber}: createdAt is not a date`);
      return;
    }
    const attribute = (key: string) => o.customAttributes.find((a) => a.key === key)?.value;
    this.orders.set(o.id, {
      id: legacyId(o.id),
      name: o.name,
      customerId: o.customer ? legacyId(o.customer.id) : null,
      createdAt,
      updatedAt: new Date(o.updatedAt ?? o.createdAt),
      day: localDay(createdAt, this.shop.timeZone),
      cancelled: Boolean(o.cancelledAt),
      group: parseGroup(attribute("_ladder_group")),
      shown: parseShown(attribute("_ladder_shown")),
      lines: [],
      refunds: o.refunds.map((r) => ({
        id: legacyId(r.id),
        orderId: legacyId(o.id),
        createdAt: new Date(r.createdAt),
        lines: [],
      })),
    });
    this.currencyOf.set(o.id, o.currencyCode ?? this.shop.currency);
  }

  private readonly currencyOf = new Map<string, string>();
  private readonly invalid = new Set<string>();

  private pushLine(row: unknown): void {
    const parsed = lineRow.safeParse(row);
    if (!parsed.success) {
      this.problems.push(`line ${this.lineNumber}: ${describe(parsed.error)}`);
      return;
    }
    const l = parsed.data;
    const order = this.orders.get(l.__parentId);
    if (!order) {
      this.problems.push(`line ${this.lineNumber}: line item of an unknown order ${l.__parentId}`);
      return;
    }
    const digits = minorDigits(this.currencyOf.get(l.__parentId) ?? this.shop.currency);
    const amounts = [
      l.originalUnitPriceSet,
      ...l.discountAllocations.map((d) => d.allocatedAmountSet),
    ].map((m) => m.shopMoney.amount);
    const minor = amounts.map((text) => parseMoneyRounded(text, digits));
    const [unitPrice, ...discounts] = minor;
    if (unitPrice === undefined || unitPrice === null || discounts.some((d) => d === null)) {
      // Recording 0 would understate the order: the whole order is left out and reported.
      this.problems.push(
        `line ${this.lineNumber}: not an amount in ${JSON.stringify(amounts)}; order ${l.__parentId} left out`,
      );
      this.invalid.add(l.__parentId);
      return;
    }
    const discount = discounts.reduce<number>((s, d) => s + (d ?? 0), 0);
    const value = Math.max(0, unitPrice * l.quantity - discount);
    // Refunded and removed units, at the line's average price after discounts.
    const gone = Math.max(0, l.quantity - l.currentQuantity);
    const line: OrderLine = {
      id: legacyId(l.id),
      productId: l.product ? legacyId(l.product.id) : null,
      variantId: l.variant ? legacyId(l.variant.id) : null,
      title: l.title,
      variantTitle: l.variantTitle ?? null,
      quantity: l.quantity,
      unitPrice,
      value,
      offerId: parseOfferId(l.customAttributes.find((a) => a.key === "_ladder_offer")?.value),
      snapshotRefunded: l.quantity > 0 ? Math.round((value * gone) / l.quantity) : 0,
    };
    order.lines.push(line);
  }

  result(): BulkOrdersResult {
    const orders = [...this.orders.entries()]
      .filter(([gid]) => !this.invalid.has(gid))
      .map(([, order]) => order);
    return { orders, problems: [...this.problems] };
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "row"}: ${issue?.message ?? "invalid"}`;
}
