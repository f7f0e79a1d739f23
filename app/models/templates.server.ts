import { findTemplate } from "../offers/templates";
import type { AdminApi } from "../shopify/admin.server";
import { createOffer } from "./offers.server";
import { shopCurrency } from "./shop-settings.server";

/** Creates a template's offers as drafts (ids made unique in the shop); null for an unknown template. */
export async function createFromTemplate(
  shop: string,
  admin: AdminApi,
  templateId: string,
): Promise<{ ids: string[] } | null> {
  const template = findTemplate(templateId);
  if (!template) return null;
  const currency = await shopCurrency(shop, admin);
  const ids: string[] = [];
  for (const offer of template.offers(currency)) {
    ids.push((await createOffer(shop, { ...offer, status: "draft" })).id);
  }
  return { ids };
}
