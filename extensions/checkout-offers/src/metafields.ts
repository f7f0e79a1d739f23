import type { AppMetafieldEntry } from "@shopify/ui-extensions/checkout";
import { load, parseInstant, type RuntimeConfig } from "../../../app/engine";

/** Keys of the app-owned metafields declared in shopify.extension.toml (DESIGN §2). */
export const CONFIG_KEY = "ladder_config";
export const STATE_KEY = "ladder_state";

type Owner = AppMetafieldEntry["target"]["type"];

/**
 * The app-owned metafield `key` of a resource of type `owner`. Shopify reports the app's
 * namespace as `$app` (or its resolved `app--<id>` form), never another app's.
 */
export function findAppMetafield(
  entries: readonly AppMetafieldEntry[],
  owner: Owner,
  key: string,
): AppMetafieldEntry | undefined {
  return entries.find(
    (entry) =>
      entry.target.type === owner &&
      entry.metafield.key === key &&
      (entry.metafield.namespace === "$app" || entry.metafield.namespace.startsWith("app--")),
  );
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * The published shop config, ready for the engine; null when it is missing, not JSON, malformed
 * or of a newer version (the engine's `load` decides, and never throws).
 */
export function readConfig(entries: readonly AppMetafieldEntry[]): RuntimeConfig | null {
  const entry = findAppMetafield(entries, "shop", CONFIG_KEY);
  return entry ? load(parseJson(entry.metafield.value)) : null;
}

/** What the analytics side records per customer (contract: `$app`/`ladder_state`, v1). */
export interface CustomerState {
  tags: string[];
  ordersCount: number;
  amountSpent: string;
  lastAcceptedAt: string | null;
}

const MAX_TAGS = 50;
const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates the customer state document. Any deviation from v1 (another version, a missing or
 * mistyped field, an unreadable date) rejects the whole document: half-trusted facts could mute
 * or target the wrong buyer, so the buyer is then treated like a guest.
 */
export function parseCustomerState(value: unknown): CustomerState | null {
  if (!isRecord(value) || value.v !== 1) return null;
  const { tags, ordersCount, amountSpent, lastAcceptedAt } = value;
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

/** The signed-in customer's state and id as the metafield reports them, if any. */
export function readCustomerState(
  entries: readonly AppMetafieldEntry[],
): { customerId: string; state: CustomerState | null } | null {
  const entry = findAppMetafield(entries, "customer", STATE_KEY);
  if (!entry) return null;
  return {
    customerId: entry.target.id,
    state: parseCustomerState(parseJson(entry.metafield.value)),
  };
}
