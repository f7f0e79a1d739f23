import { parseInstant } from "./instant";
import { parseMoneyRounded } from "./money";
import type { CheckoutInput, RuntimeCheckout, RuntimeCustomer, RuntimeLine } from "./types";

/**
 * Checkout input (DESIGN §3.2, validated at the boundary) → the runtime shape: minor units,
 * lower-case tags, epoch milliseconds. Throws on a value no adapter should ever produce.
 */
export function normalizeCheckout(input: CheckoutInput, digits: number): RuntimeCheckout {
  const now = parseInstant(input.now);
  if (now === null) throw new Error(`now: not an ISO 8601 date-time: ${input.now}`);
  const lines: RuntimeLine[] = input.lines.map((line, index) => {
    const unitPrice = parseMoneyRounded(line.unitPrice, digits);
    if (unitPrice === null) throw new Error(`lines[${index}].unitPrice: not an amount`);
    return {
      id: line.id,
      index,
      variantId: line.variantId,
      productId: line.productId,
      title: line.title ?? "",
      quantity: line.quantity,
      unitPrice,
      total: unitPrice * line.quantity,
      collectionIds: line.collectionIds ?? [],
      tags: (line.tags ?? []).map((tag) => tag.toLowerCase()),
    };
  });
  const c = input.customer;
  const customer: RuntimeCustomer | null = c
    ? {
        firstName: c.firstName?.trim() || null,
        tags: (c.tags ?? []).map((tag) => tag.toLowerCase()),
        ordersCount: c.ordersCount ?? 0,
        amountSpent: parseMoneyRounded(c.amountSpent ?? "0", digits) ?? 0,
        lastAcceptedAt: c.lastAcceptedAt ? parseInstant(c.lastAcceptedAt) : null,
      }
    : null;
  return {
    lines,
    customer,
    countryCode: input.countryCode ? input.countryCode.toUpperCase() : null,
    visitorKey: input.visitorKey || c?.id || "",
    now,
  };
}
