import type { RuntimeCustomer, RuntimeSettings, Segment } from "./types";

/** DESIGN §1 rule 9: segments from order count, spend and tags; guests are new. */
export function customerSegments(
  customer: RuntimeCustomer | null,
  settings: RuntimeSettings,
): Set<Segment> {
  const segments = new Set<Segment>();
  if (!customer) {
    segments.add("new");
    return segments;
  }
  segments.add(customer.ordersCount === 0 ? "new" : "returning");
  if (customer.ordersCount >= settings.frequentMinOrders) segments.add("frequent");
  const premiumTag = customer.tags.some((tag) => settings.premiumTags.includes(tag));
  if (premiumTag || customer.amountSpent >= settings.premiumMinSpent) segments.add("premium");
  return segments;
}
