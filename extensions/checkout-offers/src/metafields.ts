import type { AppMetafieldEntry } from "@shopify/ui-extensions/checkout";
import {
  load,
  parseCustomerState,
  type CustomerState,
  type RuntimeConfig,
} from "../../../app/engine";

export { parseCustomerState, type CustomerState };

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
