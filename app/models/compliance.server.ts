import { deleteOfferDataForShop } from "./offers.server";
import { deleteSessionsForShop } from "./session.server";

export const COMPLIANCE_TOPICS = [
  "CUSTOMERS_DATA_REQUEST",
  "CUSTOMERS_REDACT",
  "SHOP_REDACT",
] as const;
export type ComplianceTopic = (typeof COMPLIANCE_TOPICS)[number];

export function isComplianceTopic(topic: string): topic is ComplianceTopic {
  return (COMPLIANCE_TOPICS as readonly string[]).includes(topic);
}

/**
 * Answers Shopify's mandatory privacy requests for what Ladder stores today: sessions and the
 * shop's offers and settings (no customer data).
 * Per-customer data (attribution, the customer metafield mirror) arrives with analytics, and its
 * export and redaction are added here with it.
 */
export async function handleComplianceRequest(shop: string, topic: ComplianceTopic): Promise<void> {
  switch (topic) {
    case "SHOP_REDACT":
      // 48 hours after uninstall Shopify asks us to forget the shop entirely.
      await deleteSessionsForShop(shop);
      await deleteOfferDataForShop(shop);
      return;
    case "CUSTOMERS_REDACT":
    case "CUSTOMERS_DATA_REQUEST":
      // No customer data is stored yet, so there is nothing to redact or report.
      return;
  }
}
