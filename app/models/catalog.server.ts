import { minorDigits } from "../engine";
import type { ItemRef } from "../offers/form";
import type { AdminApi } from "../shopify/admin.server";
import {
  itemRef,
  lookupCatalog,
  searchCatalog,
  type PickerResult,
} from "../shopify/catalog.server";
import { shopCurrency } from "./shop-settings.server";

export interface CatalogAnswer {
  results: PickerResult[];
  more: boolean;
  /** Variants found by id, as offered items (title and price from Shopify). */
  items: ItemRef[];
  names: Record<string, string>;
}

const MAX_IDS = 250;

/**
 * What the offer editor's pickers ask: a search (the demo store's picker), or ids to resolve
 * (after App Bridge's resource picker, which returns ids the server then reads from Shopify).
 */
export async function catalogAnswer(
  shop: string,
  admin: AdminApi,
  request: { type: "product" | "collection"; query: string | null; ids: string[] },
): Promise<CatalogAnswer> {
  const digits = minorDigits(await shopCurrency(shop, admin));
  if (request.ids.length > 0) {
    const lookup = await lookupCatalog(admin, request.ids.slice(0, MAX_IDS), digits);
    return {
      results: [],
      more: false,
      items: request.ids.flatMap((id) => {
        const facts = lookup.variants.get(id);
        return facts ? [itemRef(facts)] : [];
      }),
      names: Object.fromEntries(lookup.names),
    };
  }
  const { results, more } = await searchCatalog(admin, request.type, request.query ?? "", digits);
  return { results, more, items: [], names: {} };
}
