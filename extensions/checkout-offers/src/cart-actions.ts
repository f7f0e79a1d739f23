import type { CartLine, CartLineChange } from "@shopify/ui-extensions/checkout";
import { useState } from "preact/hooks";
import { offerRef, type OfferAction, type ShownOffer } from "../../../app/engine";
import { optional, type LadderApi } from "./api";
import { OFFER_ATTRIBUTE } from "./checkout-input";

/** Whether checkout lets the extension take this action now (cart instructions, target). */
export function canTake(api: LadderApi, action: OfferAction): boolean {
  if (!optional(api, "applyCartLinesChange")) return false;
  const lines = api.instructions.value.lines;
  return action.type === "add-line" ? lines.canAddCartLine : lines.canUpdateCartLine;
}

/**
 * The cart change that accepts an offer, marking the new or replaced line with the offer's id
 * (and the copy seen).
 * An upgrade swaps the variant of the triggering line and keeps its other attributes (an update
 * replaces them all). Null when that line is gone.
 */
export function cartLineChange(
  shown: ShownOffer,
  lines: readonly CartLine[],
): CartLineChange | null {
  // `offerId#variantId` when the buyer saw an A/B copy: acceptances count per copy.
  const mark = { key: OFFER_ATTRIBUTE, value: offerRef(shown) };
  const action = shown.action;
  if (action.type === "add-line") {
    return {
      type: "addCartLine",
      merchandiseId: action.variantId,
      quantity: action.quantity,
      attributes: [mark],
    };
  }
  const line = lines.find((l) => l.id === action.lineId);
  if (!line) return null;
  return {
    type: "updateCartLine",
    id: line.id,
    merchandiseId: action.variantId,
    quantity: action.quantity,
    attributes: [...line.attributes.filter((a) => a.key !== OFFER_ATTRIBUTE), mark],
  };
}

export interface CartActions {
  /** The offer being applied, if any: its button shows a spinner, the others wait. */
  pending: string | null;
  /** The offer whose change checkout refused; the cart is as it was. */
  failed: string | null;
  accept(shown: ShownOffer): Promise<void>;
}

export function useCartActions(api: LadderApi): CartActions {
  const [pending, setPending] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const accept = async (shown: ShownOffer) => {
    const apply = optional(api, "applyCartLinesChange");
    if (!apply || pending) return;
    setFailed(null);
    const change = cartLineChange(shown, api.lines.value);
    if (!change) {
      setFailed(shown.offerId);
      return;
    }
    setPending(shown.offerId);
    try {
      const result = await apply(change);
      if (result.type === "error") setFailed(shown.offerId);
    } catch {
      setFailed(shown.offerId);
    } finally {
      setPending(null);
    }
  };
  return { pending, failed, accept };
}
