import { formatMoney } from "./money";
import { renderTemplate, type TemplateValues } from "./template";
import type { Minor, OfferKind, RuntimeOffer } from "./types";

/** Formats an amount for buyer-facing text; checkout passes one built on the buyer's locale. */
export type MoneyFormatter = (minor: Minor, currency: string, digits: number) => string;

const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£", JPY: "¥", INR: "₹" };

/** Locale-free default ("$12.00", "12.00 CHF"): the engine also runs where Intl does not. */
export const plainMoney: MoneyFormatter = (minor, currency, digits) => {
  const amount = formatMoney(minor, digits);
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${amount}` : `${amount} ${currency}`;
};

export interface CopyFacts {
  /** The offered item's title (the upgrade target, the add-on, the missing bundle item...). */
  itemTitle: string;
  /** Title of the cart line that triggered the offer, when there is one. */
  lineTitle: string;
  percentShown: number;
  quantity: number;
  /** A bundle's set price as the buyer reads it, when the bundle has one instead of a percent. */
  setPrice?: string | null;
  values: TemplateValues;
}

function defaultHeadline(kind: OfferKind, offer: RuntimeOffer, facts: CopyFacts): string {
  const save = facts.values.savings ? ` and save ${facts.values.savings}` : "";
  switch (kind) {
    case "upgrade":
      return `Upgrade to ${facts.itemTitle}${save}`;
    case "cross-sell":
      return `Add ${facts.itemTitle}${save}`;
    case "bundle":
      return `Complete your bundle: add ${facts.itemTitle}${save}`;
    case "volume":
      return `Add ${facts.quantity} more to save ${facts.percentShown}%`;
    case "gift":
      return `Add your free gift: ${facts.itemTitle}`;
    case "free-shipping":
      return facts.values.remaining
        ? `Spend ${facts.values.remaining} more for free shipping`
        : "You have free shipping";
  }
}

function defaultWhy(kind: OfferKind, offer: RuntimeOffer, facts: CopyFacts): string {
  const line = facts.lineTitle;
  switch (kind) {
    case "upgrade":
      return line
        ? `${facts.itemTitle} is the next step up from ${line}.`
        : `${facts.itemTitle} is the next step up.`;
    case "cross-sell":
      return line ? `Goes well with ${line}.` : "Goes well with what is in your cart.";
    case "bundle":
      return facts.setPrice
        ? `Bought together, the set costs ${facts.setPrice}.`
        : `Bought together, the set costs ${facts.percentShown}% less.`;
    case "volume":
      return `Buying more of ${facts.itemTitle} lowers the price of every unit.`;
    case "gift":
      return facts.values.threshold
        ? `Orders over ${facts.values.threshold} get ${facts.itemTitle} free.`
        : `${facts.itemTitle} is on us.`;
    case "free-shipping":
      return facts.values.threshold
        ? `Orders over ${facts.values.threshold} ship free.`
        : "Free shipping on this order.";
  }
}

/** The buyer-facing headline and reason (rule 8): the merchant's templates, else our defaults. */
export function offerCopy(
  offer: RuntimeOffer,
  facts: CopyFacts,
): { headline: string; why: string } {
  const headline =
    (offer.message ? renderTemplate(offer.message, facts.values) : null) ??
    defaultHeadline(offer.kind, offer, facts);
  const why =
    (offer.why ? renderTemplate(offer.why, facts.values) : null) ??
    defaultWhy(offer.kind, offer, facts);
  return { headline, why };
}
