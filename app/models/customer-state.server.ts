/**
 * The per-customer app metafield `$app`/`ladder_state` (type json) that the checkout extension
 * reads for the cooldown, complaint and budget rules:
 * `{"v":1,"tags":[...],"ordersCount":n,"amountSpent":"412.50","lastAcceptedAt":ISO|null}`.
 *
 * Tags, order count and spend are read fresh from the Admin API (webhook payloads no longer carry
 * the counts); the last acceptance comes from the orders Ladder recorded. Written only when it
 * changed, so repeated deliveries cost one read.
 */
import { z } from "zod";
import { minorDigits, formatMoney } from "../engine";
import { parseMoneyRounded } from "../engine/money";
import { CUSTOMER_STATE_QUERY } from "../graphql/customers";
import { METAFIELDS_SET_MUTATION } from "../graphql/metafields";
import { adminRequest, requireNoUserErrors, type AdminApi } from "../shopify/admin.server";
import { APP_NAMESPACE } from "../shopify/metafields.server";
import { lastAcceptedAt } from "./stored-orders.server";

export const CUSTOMER_STATE_KEY = "ladder_state";
export const MAX_MIRRORED_TAGS = 50;

export const customerStateSchema = z.object({
  v: z.literal(1),
  tags: z.array(z.string()).max(MAX_MIRRORED_TAGS),
  ordersCount: z.number().int().nonnegative(),
  amountSpent: z.string().regex(/^\d+(\.\d+)?$/),
  lastAcceptedAt: z.string().datetime().nullable(),
});
export type CustomerState = z.infer<typeof customerStateSchema>;

export function customerGid(customerId: string): string {
  return customerId.startsWith("gid://") ? customerId : `gid://shopify/Customer/${customerId}`;
}

/** Lower-cased, de-duplicated, at most 50 (the extension matches tags case-insensitively). */
export function mirroredTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].slice(
    0,
    MAX_MIRRORED_TAGS,
  );
}

export type SyncOutcome = "written" | "unchanged" | "customer-not-found";

export async function syncCustomerState(
  admin: AdminApi,
  shop: string,
  customerId: string,
): Promise<SyncOutcome> {
  const ownerId = customerGid(customerId);
  const { customer } = await adminRequest(admin, CUSTOMER_STATE_QUERY, { id: ownerId });
  // A deleted customer has nothing to mirror onto; not an error worth retrying.
  if (!customer) return "customer-not-found";
  const digits = minorDigits(customer.amountSpent.currencyCode);
  const accepted = await lastAcceptedAt(
    shop,
    customerId.replace(/^gid:\/\/shopify\/Customer\//, ""),
  );
  const state: CustomerState = {
    v: 1,
    tags: mirroredTags(customer.tags),
    ordersCount: Number(customer.numberOfOrders),
    amountSpent: formatMoney(parseMoneyRounded(customer.amountSpent.amount, digits) ?? 0, digits),
    lastAcceptedAt: accepted ? accepted.toISOString() : null,
  };
  const value = JSON.stringify(state);
  if (customer.metafield?.value === value) return "unchanged";
  const data = await adminRequest(admin, METAFIELDS_SET_MUTATION, {
    metafields: [
      { ownerId, namespace: APP_NAMESPACE, key: CUSTOMER_STATE_KEY, type: "json", value },
    ],
  });
  requireNoUserErrors("metafieldsSet", data.metafieldsSet);
  return "written";
}
