import { OFFER_KINDS, type OfferKind, type OfferStatus } from "../engine";
import { OFFER_TEMPLATES } from "../offers/templates";
import type { AdminApi } from "../shopify/admin.server";
import { offerPerformance } from "./analytics.server";
import { openNotices, type Notice } from "./notices.server";
import { countOffers, listOffers, type OfferSummary } from "./offers.server";
import { publishStatus, type PublishStatus } from "./publish.server";
import { shopCurrency } from "./shop-settings.server";

export interface OffersOverview {
  offers: OfferSummary[];
  /** Offers of the shop before filtering (the empty state shows only when there are none). */
  total: number;
  filters: { kinds: OfferKind[]; statuses: OfferStatus[] };
  notices: Notice[];
  publish: PublishStatus;
  /** Measured figures per offer id over the last days (empty before any order came back). */
  performance: Awaited<ReturnType<typeof offerPerformance>>;
  currency: string;
  templates: { id: string; title: string; story: string; practice: string }[];
  /**
   * The server's clock when the list was read (ISO): the Ended and Scheduled badges are judged at
   * this instant on the server and in the browser alike.
   */
  now: string;
}

/** Reads `?kind=upgrade&kind=gift&status=active` into filters, ignoring unknown values. */
export function filtersFrom(params: URLSearchParams): OffersOverview["filters"] {
  return {
    kinds: params
      .getAll("kind")
      .filter((k): k is OfferKind => (OFFER_KINDS as readonly string[]).includes(k)),
    statuses: params
      .getAll("status")
      .filter((s): s is OfferStatus => s === "active" || s === "draft"),
  };
}

/** Everything the offers page shows. */
export async function offersOverview(
  shop: string,
  admin: AdminApi,
  filters: OffersOverview["filters"],
  now = new Date(),
): Promise<OffersOverview> {
  const currency = await shopCurrency(shop, admin);
  const [offers, total, notices, publish, performance] = await Promise.all([
    listOffers(shop, filters),
    countOffers(shop),
    openNotices(shop),
    publishStatus(shop),
    offerPerformance(shop, undefined, now),
  ]);
  return {
    offers,
    performance,
    total,
    filters,
    notices,
    publish,
    currency,
    now: now.toISOString(),
    templates: OFFER_TEMPLATES.map(({ id, title, story, practice }) => ({
      id,
      title,
      story,
      practice,
    })),
  };
}
