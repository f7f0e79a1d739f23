import { parseInstant } from "./instant";

/**
 * What the analytics side records per customer in the app metafield `$app`/`ladder_state` (v1):
 * the facts the checkout extension and the discount function both read, so they judge a buyer's
 * segments and guardrails from the same document. Amounts are in the shop's currency.
 */
export interface CustomerState {
  /** Lower case, at most 50. */
  tags: string[];
  ordersCount: number;
  amountSpent: string;
  lastAcceptedAt: string | null;
}

const MAX_TAGS = 50;
const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;

/**
 * Validates the customer state document. Any deviation from v1 (another version, a missing or
 * mistyped field, an unreadable date) rejects the whole document: half-trusted facts could mute
 * or target the wrong buyer, so the buyer is then treated like a customer with no history.
 */
export function parseCustomerState(value: unknown): CustomerState | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { v, tags, ordersCount, amountSpent, lastAcceptedAt } = value as Record<string, unknown>;
  if (v !== 1) return null;
  if (!Array.isArray(tags) || tags.length > MAX_TAGS) return null;
  if (!tags.every((tag): tag is string => typeof tag === "string")) return null;
  if (typeof ordersCount !== "number" || !Number.isSafeInteger(ordersCount) || ordersCount < 0) {
    return null;
  }
  if (typeof amountSpent !== "string" || !DECIMAL.test(amountSpent)) return null;
  if (lastAcceptedAt !== null) {
    if (typeof lastAcceptedAt !== "string" || parseInstant(lastAcceptedAt) === null) return null;
  }
  return { tags, ordersCount, amountSpent, lastAcceptedAt };
}
