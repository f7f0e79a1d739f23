import type { CartLine, I18n } from "@shopify/ui-extensions/checkout";
import { parseMoney, type Progress, type RuntimeOffer, type ShownOffer } from "../../../app/engine";
import { formatMinor, type LadderView } from "./ladder";

/** Buyer-facing strings come from `locales/`; `t` is the host's translate, bound. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function translator(i18n: I18n): Translate {
  return (key, values) => i18n.translate(key, values);
}

/** A decimal amount of the config's currency (engine output), in the buyer's locale. */
export function formatAmount(i18n: I18n, view: LadderView, amount: string): string {
  const { currency, digits } = view.config;
  return formatMinor(i18n, parseMoney(amount, digits) ?? 0, currency, digits);
}

/** The offered item's title, as the engine chose it for this offer. */
function itemTitle(offer: RuntimeOffer, shown: ShownOffer, lines: readonly CartLine[]): string {
  switch (offer.kind) {
    case "upgrade":
      return offer.to.title;
    case "cross-sell":
    case "gift":
      return offer.item.title;
    case "bundle":
      return offer.items.find((item) => item.variantId === shown.action.variantId)?.title ?? "";
    case "volume":
    case "free-shipping":
      return (
        lines.find((line) => line.merchandise.id === shown.action.variantId)?.merchandise.title ??
        ""
      );
  }
}

export interface OfferText {
  headline: string;
  why: string;
  item: string;
  /** The title of the line an upgrade replaces. */
  line: string;
  /**
   * The offered variant's image: the cart line's when the variant is in the cart, else the one
   * publishing read from the catalog (absent from configs published without images).
   */
  image: { url: string; altText?: string | null } | undefined;
}

const KEY: Record<ShownOffer["kind"], string> = {
  upgrade: "upgrade",
  "cross-sell": "crossSell",
  bundle: "bundle",
  volume: "volume",
  gift: "gift",
  "free-shipping": "freeShipping",
};

/**
 * The texts of an offer card. The merchant's own headline and reason (the offer's `message` and
 * `why`, rendered by the engine) win; otherwise the buyer reads Ladder's localized defaults.
 */
export function offerText(
  view: LadderView,
  shown: ShownOffer,
  lines: readonly CartLine[],
  t: Translate,
  i18n: I18n,
): OfferText {
  const offer = view.offer(shown.offerId);
  const item = offer ? itemTitle(offer, shown, lines) : "";
  const action = shown.action;
  const line =
    action.type === "replace-line"
      ? (lines.find((l) => l.id === action.lineId)?.merchandise.title ?? "")
      : "";
  const values = {
    item,
    line,
    count: action.quantity,
    // "12,5" in French: the percentage in the buyer's locale.
    percent: i18n.formatNumber(offer && "percentShown" in offer ? offer.percentShown : 0),
  };
  const key = KEY[shown.kind];
  // A bundle sold at a set price says the price, not a percent.
  const setPrice = offer?.kind === "bundle" ? offer.bundlePrice : null;
  const whyKey = setPrice === null ? `offer.${key}.why` : `offer.${key}.whyPrice`;
  const price =
    setPrice === null ? "" : formatMinor(i18n, setPrice, view.config.currency, view.config.digits);
  return {
    headline: offer?.message ? shown.headline : t(`offer.${key}.headline`, values),
    why: offer?.why ? shown.why : t(whyKey, { ...values, price }),
    item,
    line,
    image: offerImage(view, lines, action.variantId),
  };
}

function offerImage(
  view: LadderView,
  lines: readonly CartLine[],
  variantId: string,
): OfferText["image"] {
  const fromCart = lines.find((l) => l.merchandise.id === variantId)?.merchandise.image;
  if (fromCart) return fromCart;
  const url = view.config.images?.get(variantId);
  return url ? { url } : undefined;
}

/** The sentence under a progress bar. */
export function progressText(
  view: LadderView,
  progress: Progress,
  i18n: I18n,
  t: Translate,
): string {
  const offer = view.offer(progress.offerId);
  const item = offer?.kind === "gift" ? offer.item.title : "";
  const remaining = formatAmount(i18n, view, progress.remaining);
  const kind = progress.kind === "gift" ? "gift" : "freeShipping";
  return t(`progress.${kind}.${progress.reached ? "reached" : "remaining"}`, { remaining, item });
}
