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
  const lines: RuntimeLine[] = [];
  let linesTotal = 0;
  for (let index = 0; index < input.lines.length; index += 1) {
    const line = input.lines[index];
    if (!line) continue;
    const unitPrice = parseMoneyRounded(line.unitPrice, digits);
    if (unitPrice === null) throw new Error(`lines[${index}].unitPrice: not an amount`);
    const total = unitPrice * line.quantity;
    linesTotal += total;
    lines.push({
      id: line.id,
      index: lines.length,
      variantId: line.variantId,
      productId: line.productId,
      title: line.title ?? "",
      quantity: line.quantity,
      unitPrice,
      total,
      collectionIds: line.collectionIds ?? NONE,
      tags: line.tags && line.tags.length > 0 ? line.tags.map((tag) => tag.toLowerCase()) : NONE,
      ladderOffer: offerOfAttribute(line.attributes?.[LADDER_OFFER]),
    });
  }
  const subtotal =
    input.subtotal === undefined ? linesTotal : parseMoneyRounded(input.subtotal, digits);
  if (subtotal === null) throw new Error("subtotal: not an amount");
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
    subtotal: Math.max(subtotal, linesTotal),
    lineCount: Math.max(input.lineCount ?? 0, lines.length),
    customer,
    countryCode: input.countryCode ? input.countryCode.toUpperCase() : null,
    visitorKey: input.visitorKey || c?.id || "",
    now,
  };
}

/** The line attribute naming the offer that added or upgraded a line (DESIGN §3.2, §3.5). */
export const LADDER_OFFER = "_ladder_offer";

/** `offerId` or `offerId#variantId` → the offer id; offer ids never contain `#`. */
export function offerOfAttribute(value: string | null | undefined): string | null {
  if (!value) return null;
  const hash = value.indexOf("#");
  const id = hash < 0 ? value : value.slice(0, hash);
  return id === "" ? null : id;
}

/** Shared by lines without collections or tags (the discount function passes none). */
const NONE: readonly string[] = [];
