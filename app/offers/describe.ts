/** Words the admin uses for the engine's vocabulary (kinds, segments, suppression reasons). */
import type { OfferKind, Segment, SuppressionReason } from "../engine";

export const KIND_LABELS: Record<OfferKind, string> = {
  upgrade: "Upgrade",
  "cross-sell": "Cross-sell",
  bundle: "Bundle",
  volume: "Quantity break",
  "free-shipping": "Free shipping",
  gift: "Gift",
};

export const KIND_DESCRIPTIONS: Record<OfferKind, string> = {
  upgrade: "Offer the next step up from the product the buyer chose (good → better).",
  "cross-sell": "Offer an add-on that goes with what is in the cart.",
  bundle: "When part of a set is in the cart, offer the missing pieces at a bundle price.",
  volume: "“Add 2 more to save 10%”: a discount that grows with the quantity.",
  "free-shipping": "Show progress to a threshold; shipping is free once the cart reaches it.",
  gift: "Show progress to a threshold, then offer a free gift.",
};

export const SEGMENT_LABELS: Record<Segment, string> = {
  new: "New customers",
  returning: "Returning customers",
  frequent: "Frequent customers",
  premium: "Premium customers",
};

export function segmentHelp(
  segment: Segment,
  settings: { frequentMinOrders: number; premiumTags: readonly string[]; premiumMinSpent: string },
): string {
  switch (segment) {
    case "new":
      return "No orders yet (guests count as new).";
    case "returning":
      return "At least one order.";
    case "frequent":
      return `At least ${settings.frequentMinOrders} orders.`;
    case "premium":
      return `Tagged ${settings.premiumTags.join(", ") || "(no tags)"}, or spent at least ${settings.premiumMinSpent}.`;
  }
}

/** Why an offer was not shown, in the merchant's words. */
export const REASON_TEXT: Record<SuppressionReason, string> = {
  draft: "It is a draft: only active offers reach checkout.",
  "out-of-schedule": "Its schedule does not include this moment.",
  segment: "This customer is not in the offer's segments.",
  "wrong-country": "It does not apply to the shipping country.",
  holdout: "This buyer is in the holdout group, which sees no offers (discounts still apply).",
  "suppressed-customer": "The customer has a complaint tag: Ladder shows them nothing.",
  budget: "The customer has a budget tag: no upsells or cross-sells.",
  cooldown: "The customer accepted an offer recently (cooldown).",
  "not-relevant": "Nothing in the cart matches its trigger.",
  "already-in-cart": "What it offers is already in the cart.",
  "price-ratio":
    "It costs more than the price guardrail allows next to the item that triggered it.",
  "max-offers": "Other offers ranked higher and the limit of offers shown was reached.",
  "too-many-lines":
    "The cart is too long for the discount function to price every line, so offers with a discount stand aside.",
};
