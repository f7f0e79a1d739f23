import type { Problem } from "../config";
import { DEFAULT_SETTINGS, minorDigits, type OfferKind } from "../engine";
import { emptyForm, offerToForm, type ItemRef, type OfferForm } from "../offers/form";
import type { AdminApi } from "../shopify/admin.server";
import { itemRef, lookupCatalog, type CatalogLookup } from "../shopify/catalog.server";
import { findOverlaps, type Overlap } from "../offers/overlaps";
import { getOffer, shopConfig } from "./offers.server";
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
  /** Active offers this one overlaps (as if it were active too), with what buyers get. */
  overlaps?: EditorOverlap[];
}

export interface EditorOverlap extends Overlap {
  /** The other offers of the pair. */
  others: { id: string; title: string }[];
}

/**
 * The active offers that overlap this one, judged as if it were active too: a draft's warning says
 * what activating it would do. An incomplete draft can't be judged yet.
 */
async function overlapsOf(shop: string, key: string): Promise<EditorOverlap[]> {
  const { config } = await shopConfig(shop);
  const self = config.offers.find((o) => o.id === key);
  if (!self) return [];
  // Only offers of its kind can overlap it; config order is kept (ranking's tie-breaker).
  const offers = config.offers
    .filter((o) => o.kind === self.kind)
    .map((o) => (o.id === key ? { ...o, status: "active" as const } : o));
  return findOverlaps({ ...config, offers })
    .filter((o) => o.offers.some((x) => x.id === key))
    .map((o) => ({ ...o, others: o.offers.filter((x) => x.id !== key) }));
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

/**
 * The form with every offered item's title and price as Shopify has them now (the main item, a
 * bundle's items and each A/B copy's own product), so the editor never shows a stale name or price.
 * An item Shopify no longer has keeps what was stored; saving it then names the problem.
 */
function withCatalogFacts(form: OfferForm, lookup: CatalogLookup): OfferForm {
  const fresh = <T extends ItemRef>(item: T): T => {
    const facts = lookup.variants.get(item.variantId);
    return facts ? { ...item, ...itemRef(facts) } : item;
  };
  return {
    ...form,
    item: form.item ? fresh(form.item) : null,
    items: form.items.map(fresh),
    variants: form.variants.map((v) => (v.item ? { ...v, item: fresh(v.item) } : v)),
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
  const stored = offerToForm(offer.body);
  const ids = [
    ...stored.trigger.productIds,
    ...stored.trigger.variantIds,
    ...stored.trigger.collectionIds,
    ...(stored.item ? [stored.item.variantId] : []),
    ...stored.items.map((i) => i.variantId),
    ...stored.variants.flatMap((v) => (v.item ? [v.item.variantId] : [])),
  ];
  const [lookup, results, overlaps] = await Promise.all([
    lookupCatalog(admin, ids, minorDigits(currency)),
    variantResults(shop, key),
    overlapsOf(shop, key),
  ]);
  return {
    results,
    overlaps,
    isNew: false,
    form: withCatalogFacts(stored, lookup),
    names: Object.fromEntries(lookup.names),
    problems: offer.problems,
    currency,
    segments: await segmentFacts(shop, currency),
    updatedAt: offer.updatedAt,
  };
}
