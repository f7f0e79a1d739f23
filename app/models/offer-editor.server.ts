import type { Problem } from "../config";
import { DEFAULT_SETTINGS, minorDigits, type OfferKind } from "../engine";
import { emptyForm, offerToForm, type OfferForm } from "../offers/form";
import type { AdminApi } from "../shopify/admin.server";
import { lookupCatalog } from "../shopify/catalog.server";
import { getOffer } from "./offers.server";
import { getShopSetup, shopCurrency } from "./shop-settings.server";
import { variantResults, type VariantResultsView } from "./variant-results.server";

export interface SegmentFacts {
  frequentMinOrders: number;
  premiumTags: string[];
  premiumMinSpent: string;
}

export interface OfferEditorData {
  isNew: boolean;
  form: OfferForm;
  /** Display names of the products, variants and collections the offer references. */
  names: Record<string, string>;
  /** An incomplete draft's remaining problems (paths relative to the offer). */
  problems: Problem[];
  currency: string;
  segments: SegmentFacts;
  updatedAt: string | null;
  /** An A/B-tested offer's results per copy. */
  results?: VariantResultsView | null;
}

async function segmentFacts(shop: string, currency: string): Promise<SegmentFacts> {
  const { settings } = await getShopSetup(shop);
  const digits = minorDigits(currency);
  return {
    frequentMinOrders: settings.segments?.frequentMinOrders ?? DEFAULT_SETTINGS.frequentMinOrders,
    premiumTags: settings.segments?.premiumTags ?? [...DEFAULT_SETTINGS.premiumTags],
    premiumMinSpent:
      settings.segments?.premiumMinSpent ?? DEFAULT_SETTINGS.premiumMinSpentMajor.toFixed(digits),
  };
}

export async function newOfferEditor(
  shop: string,
  admin: AdminApi,
  kind: OfferKind,
): Promise<OfferEditorData> {
  const currency = await shopCurrency(shop, admin);
  return {
    isNew: true,
    form: emptyForm(kind),
    names: {},
    problems: [],
    currency,
    segments: await segmentFacts(shop, currency),
    updatedAt: null,
  };
}

/** The editor for a shop's offer; null when the shop has no offer with this id. */
export async function offerEditor(
  shop: string,
  admin: AdminApi,
  key: string,
): Promise<OfferEditorData | null> {
  const currency = await shopCurrency(shop, admin);
  const offer = await getOffer(shop, key);
  if (!offer) return null;
  const form = offerToForm(offer.body);
  const ids = [
    ...form.trigger.productIds,
    ...form.trigger.variantIds,
    ...form.trigger.collectionIds,
    ...(form.item ? [form.item.variantId] : []),
    ...form.items.map((i) => i.variantId),
  ];
  const [lookup, results] = await Promise.all([
    lookupCatalog(admin, ids, minorDigits(currency)),
    variantResults(shop, key),
  ]);
  return {
    results,
    isNew: false,
    form,
    names: Object.fromEntries(lookup.names),
    problems: offer.problems,
    currency,
    segments: await segmentFacts(shop, currency),
    updatedAt: offer.updatedAt,
  };
}
